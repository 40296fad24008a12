package google

import (
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// tcpProtocols are the firewall protocols that carry TCP, and so reach the
// admin and database ports that publicPortsCheck judges.
var tcpProtocols = map[string]bool{"tcp": true, "6": true, "all": true}

var firewallNoPublicAdminPorts = &scanner.Rule{
	ID:    "google-compute-firewall-no-public-admin-ports",
	Title: "VPC firewall rules do not open SSH, RDP or WinRM to the internet",
	Description: "An ingress allow rule from 0.0.0.0/0 (or ::/0) to a remote-administration TCP port (by default " +
		ruleutil.AdminPortsText + ") exposes instance logins to constant " +
		"brute-force and exploit attempts from the whole internet. CC6.6 expects boundary protection and extra " +
		"authentication for remote access; use Identity-Aware Proxy TCP forwarding (35.235.240.0/20) or a bastion. The " +
		"rule understands port ranges, protocol all, allow blocks without ports (all ports), direction EGRESS, " +
		"disabled rules, and ingress rules with no source at all (which the API applies to 0.0.0.0/0)." +
		firewallPolicyRulesNote,
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: firewallTypes,
	Params: []scanner.Param{{
		Name:        "admin_ports",
		Description: "TCP ports that must not be reachable from the internet; entries are ports or ranges such as \"5985-5986\".",
		Default:     ruleutil.DefaultAdminPorts(),
	}},
	Remediation: "Restrict source_ranges to known networks (35.235.240.0/20 for IAP TCP forwarding) or remove the rule.",
	RemediationCode: `resource "google_compute_firewall" "ssh_iap" {
  name          = "allow-ssh-from-iap"
  network       = google_compute_network.main.id
  direction     = "INGRESS"
  source_ranges = ["35.235.240.0/20"]
  target_tags   = ["ssh"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}`,
	Links: []string{
		googleDocs + "compute_firewall",
		"https://cloud.google.com/iap/docs/using-tcp-forwarding",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_2"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_3"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0071"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0070"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0027"},
		{Tool: scanner.ToolTfsec, ID: "google-compute-no-public-ingress"},
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_firewall" "winrm_private" {
  name          = "winrm-from-vpn"
  network       = "main"
  source_ranges = ["10.20.0.0/16"]
  allow {
    protocol = "tcp"
    ports    = ["5985-5986"]
  }
}

resource "google_compute_network_firewall_policy_rule" "deny_ssh" {
  firewall_policy = "main"
  priority        = 100
  action          = "deny"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_firewall_policy_rule" "iap_ssh" {
  firewall_policy = "locations/global/firewallPolicies/123"
  priority        = 200
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["35.235.240.0/20"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}`}, {Code: `
resource "google_container_cluster" "gke" {
  name     = "gke"
  location = "europe-west1"
}

locals {
  endpoint = "${google_container_cluster.gke.endpoint}/32"
}

resource "google_compute_firewall" "from_control_plane" {
  name          = "ssh-from-control-plane"
  network       = "main"
  source_ranges = [local.endpoint, "${google_container_cluster.gke.endpoint}/28"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "iap" {
  name          = "ssh-iap"
  network       = "main"
  source_ranges = ["35.235.240.0/20"]
  allow {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }
}

resource "google_compute_firewall" "https" {
  name          = "https"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }
}

resource "google_compute_firewall" "disabled" {
  name          = "ssh-disabled"
  network       = "main"
  disabled      = true
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "egress" {
  name               = "egress"
  network            = "main"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "tagged" {
  name        = "ssh-from-bastion"
  network     = "main"
  source_tags = ["bastion"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "icmp" {
  name          = "icmp"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "icmp"
  }
}`, NotApplicable: []string{"google_compute_firewall.egress"}}},
	Bad: []scanner.Example{{Code: `
variable "ranges" {
  type = list(string)
}

resource "google_compute_firewall" "ssh" {
  name          = "ssh"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "range" {
  name          = "range"
  network       = "main"
  direction     = "INGRESS"
  source_ranges = ["10.0.0.0/8", "::/0"]
  allow {
    protocol = "tcp"
    ports    = ["443", "3000-4000"]
  }
}

resource "google_compute_firewall" "all_ports" {
  name          = "all"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}

# No source at all: the API applies the rule to 0.0.0.0/0.
resource "google_compute_firewall" "no_source" {
  name    = "no-source"
  network = "main"
  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "unknown" {
  name          = "unknown"
  network       = "main"
  source_ranges = var.ranges
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

variable "source_tags" {
  type = list(string)
}

# Tags from an input variable may be null: then no source is set.
resource "google_compute_firewall" "maybe_no_source" {
  name        = "maybe-no-source"
  network     = "main"
  source_tags = var.source_tags
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}`,
		Fails: []string{
			"google_compute_firewall.ssh",
			"google_compute_firewall.range",
			"google_compute_firewall.all_ports",
			"google_compute_firewall.no_source",
		},
		Unknowns: []string{"google_compute_firewall.unknown", "google_compute_firewall.maybe_no_source"},
	}, {Code: `
resource "google_compute_network_firewall_policy_rule" "ssh" {
  firewall_policy = "main"
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["20-30"]
    }
  }
}

resource "google_compute_region_network_firewall_policy_rule" "all" {
  firewall_policy = "main"
  region          = "europe-west1"
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["::/0"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}`,
		Fails: []string{"google_compute_network_firewall_policy_rule.ssh", "google_compute_region_network_firewall_policy_rule.all"},
	}, {Code: `
resource "google_compute_firewall" "winrm" {
  name          = "winrm"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["5986"]
  }
}

resource "google_compute_firewall" "ssh_elsewhere" {
  name          = "ssh"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}`,
		Params: map[string]any{"admin_ports": []string{"5985-5986"}},
		Fails:  []string{"google_compute_firewall.winrm"},
	}, {Code: `
resource "google_compute_firewall" "winrm_world" {
  name          = "winrm"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443", "5985"]
  }
}`,
		Fails:  []string{"google_compute_firewall.winrm_world"},
		Expect: map[string]scanner.Expected{"google_compute_firewall.winrm_world": {Message: "5985"}},
	}},
	MoreExamples: withUnionSourceExamples(nil),
	Check:        publicPortsCheck("admin_ports"),
}

var diskCustomerManagedKey = &scanner.Rule{
	ID:    "google-compute-disk-cmek",
	Title: "Persistent disks are encrypted with a customer-managed key",
	Description: "Google encrypts every persistent disk at rest with Google-managed keys, so a disk without a " +
		"customer-managed key is not unencrypted. A Cloud KMS key (CMEK) adds control the auditor can see: key rotation, " +
		"access logs on key use, and the ability to revoke access to the data. CC6.1 lists key protection among logical " +
		"access controls. This low-severity rule flags disks and instance boot disks that use only Google-managed keys; " +
		"customer-supplied keys (CSEK) also count. A boot disk attached by source is an existing disk, judged on its own. " +
		"An instance created from a template is judged on its own boot_disk; without one it takes the template's " +
		"disks, judged on the template.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_compute_disk", "google_compute_region_disk", "google_compute_instance", fromTemplateType},
	Remediation:   "Set disk_encryption_key { kms_key_self_link = <Cloud KMS key> } on disks, or boot_disk { kms_key_self_link = … } on instances.",
	RemediationCode: `resource "google_compute_disk" "data" {
  # ...
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.disks.id
  }
}`,
	Links: []string{
		googleDocs + "compute_disk#disk_encryption_key",
		"https://cloud.google.com/compute/docs/disks/customer-managed-encryption",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_37"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_38"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0034"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100
  disk_encryption_key {
    kms_key_self_link = "projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/disks"
  }
}

resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-standard-2"
  zone         = "europe-west1-b"
  boot_disk {
    kms_key_self_link = "projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/disks"
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}`}, {Code: fromTemplateHCL("inherits", "") + fromTemplateHCL("cmek", `boot_disk {
  kms_key_self_link = "projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/disks"
  initialize_params {
    image = "debian-cloud/debian-12"
  }
}`), NotApplicable: []string{fromTemplateType + ".inherits"}}, {Code: `
resource "google_compute_disk" "boot" {
  name  = "boot"
  zone  = "europe-west1-b"
  image = "debian-cloud/debian-12"
  disk_encryption_key {
    kms_key_self_link = "projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/disks"
  }
}

resource "google_compute_instance" "existing" {
  name         = "existing"
  machine_type = "e2-standard-2"
  zone         = "europe-west1-b"
  boot_disk {
    source = google_compute_disk.boot.self_link
  }
  network_interface {
    network = "default"
  }
}`, NotApplicable: []string{"google_compute_instance.existing"}}}
		bad = []scanner.Example{{Code: `
resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100
}

resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-standard-2"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}`, Fails: []string{"google_compute_disk.data", "google_compute_instance.app"}}, {
			Code: fromTemplateHCL("google_key", `boot_disk {
  initialize_params {
    image = "debian-cloud/debian-12"
  }
}`), Fails: []string{fromTemplateType + ".google_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "google_compute_instance" || r.Type == fromTemplateType {
			boot, dynamic := r.Follow("boot_disk")
			switch {
			case dynamic != "":
				return scanner.Unknowable(r.Range, "boot_disk is not known until apply")
			case boot == nil && r.Type == fromTemplateType:
				return scanner.DoesNotApply("boot_disk is not set: the instance takes its disks from source_instance_template, which is judged on its own")
			case boot == nil:
				return scanner.Unknowable(r.Range, "the instance has no boot_disk block to inspect")
			case boot.Attr("kms_key_self_link").IsSet(), boot.Attr("disk_encryption_key_raw").IsSet(),
				boot.Attr("disk_encryption_key_rsa").IsSet():
				return scanner.Passed()
			case boot.Attr("source").IsSet():
				return scanner.DoesNotApply("the boot disk is an existing disk (boot_disk.source), judged on its own")
			}
			return scanner.Failed(boot.Range, "the boot disk is encrypted only with a Google-managed key: boot_disk.kms_key_self_link is not set")
		}
		key, dynamic := r.Follow("disk_encryption_key")
		if dynamic != "" {
			return scanner.Unknowable(r.Range, "disk_encryption_key is not known until apply")
		}
		for _, name := range []string{"kms_key_self_link", "kms_key_name", "raw_key", "rsa_encrypted_key"} {
			if key.Attr(name).IsSet() {
				return scanner.Passed()
			}
		}
		return scanner.Failed(r.Range, "the disk is encrypted only with a Google-managed key: disk_encryption_key.kms_key_self_link is not set")
	},
}

// proxyOnlyPurposes are subnetwork purposes that do not support VPC flow
// logs (proxy-only and Private Service Connect subnets).
var proxyOnlyPurposes = []string{
	"REGIONAL_MANAGED_PROXY",
	"GLOBAL_MANAGED_PROXY",
	"INTERNAL_HTTPS_LOAD_BALANCER",
	"PRIVATE_SERVICE_CONNECT",
}

var subnetworkFlowLogs = &scanner.Rule{
	ID:    "google-compute-subnetwork-flow-logs",
	Title: "VPC subnetworks record flow logs",
	Description: "VPC flow logs record the connections to and from every VM in a subnetwork; without them, lateral movement " +
		"and data exfiltration leave no network trail. CC7.2 expects monitoring of system components for anomalies. Flow " +
		"logs are on when a log_config block is present (or, on old providers, enable_flow_logs = true). Proxy-only and " +
		"Private Service Connect subnetworks do not support flow logs and are not checked.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_compute_subnetwork"},
	Remediation:   "Add a log_config block (aggregation_interval, flow_sampling, metadata) to the subnetwork.",
	RemediationCode: `resource "google_compute_subnetwork" "main" {
  # ...
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}`,
	Links: []string{
		googleDocs + "compute_subnetwork#log_config",
		"https://cloud.google.com/vpc/docs/using-flow-logs",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_26"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0029"},
		{Tool: scanner.ToolTfsec, ID: "google-compute-enable-vpc-flow-logs"},
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_subnetwork" "logged" {
  name          = "app"
  ip_cidr_range = "10.0.0.0/24"
  region        = "europe-west1"
  network       = "main"
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
  }
}

resource "google_compute_subnetwork" "proxy_only" {
  name          = "proxy"
  ip_cidr_range = "10.1.0.0/24"
  region        = "europe-west1"
  network       = "main"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_compute_subnetwork" "silent" {
  name          = "app"
  ip_cidr_range = "10.0.0.0/24"
  region        = "europe-west1"
  network       = "main"
}

resource "google_compute_subnetwork" "disabled" {
  name             = "legacy"
  ip_cidr_range    = "10.2.0.0/24"
  region           = "europe-west1"
  network          = "main"
  enable_flow_logs = false
}`, Fails: []string{"google_compute_subnetwork.silent", "google_compute_subnetwork.disabled"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		purpose := r.Attr("purpose")
		switch {
		case purpose.OneOf(proxyOnlyPurposes...):
			return scanner.Passed()
		case purpose.IsUnknown():
			return scanner.Unknowable(purpose.Range, "purpose is not known until apply")
		}
		if r.BlocksUnknown("log_config") {
			return scanner.Unknowable(r.Range, "log_config is not known until apply")
		}
		if r.FirstBlock("log_config") != nil {
			return scanner.Passed()
		}
		legacy := r.Attr("enable_flow_logs")
		switch {
		case legacy.IsTrue():
			return scanner.Passed()
		case legacy.IsUnknown():
			return scanner.Unknowable(legacy.Range, "enable_flow_logs is not known until apply")
		}
		return scanner.Failed(attrRange(legacy, r.Range), "the subnetwork has no log_config block: VPC flow logs are off")
	},
}

// publicPortsCheck fails an ingress firewall rule that opens any of the TCP
// ports of the rule parameter param to the whole internet.
func publicPortsCheck(param string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, err := ruleutil.PortsParam(ctx, param)
		if err != nil {
			return scanner.Unknowable(r.Range, "%v", err)
		}
		world, res, decided := ingressFromWorld(r)
		if decided {
			return res
		}
		allows, unknown := firewallAllows(r)
		for _, allow := range allows {
			protocol := allow.Protocol
			if protocol.IsUnknown() {
				unknown = true
				continue
			}
			if !tcpProtocols[strings.ToLower(protocol.StringOr(""))] {
				continue
			}
			specs := allow.Ports
			list, incomplete := specs.KnownStrings()
			if incomplete {
				unknown = true
			}
			if specs.IsNull() || (!incomplete && len(list) == 0) {
				return scanner.Failed(allow.Range, "ingress from %s is allowed on all ports (protocol %q), including TCP %s", world,
					protocol.StringOr("?"), ports[0])
			}
			for _, spec := range list {
				opened, err := ruleutil.ParsePortRange(spec)
				if err != nil {
					return scanner.Unknowable(specs.Range, "port %v", err)
				}
				for _, p := range ports {
					if opened.Overlaps(p) {
						return scanner.Failed(specs.Range, "ingress from %s is allowed to TCP port %s (ports %q)", world, p, spec)
					}
				}
			}
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the rule's allowed protocols or ports are not known until apply")
		}
		return scanner.Passed()
	}
}

// unknownRangesNarrow reports whether every element of a source_ranges
// list that is only known after apply is written as a template whose
// literal tail is a prefix length other than 0 ("${local.endpoint}/32"):
// whatever the address, such a block is not the whole internet. It needs
// the list's length to be known and each unknown element's skeleton.
func unknownRangesNarrow(v scanner.Value) bool {
	if !v.Val.IsKnown() || v.Val.IsNull() || !v.Val.CanIterateElements() || v.Val.Type().IsMapType() || v.Val.Type().IsObjectType() || v.Val.Type().IsSetType() {
		return false
	}
	skeletons := v.ElementSkeletons()
	i := 0
	for it := v.Val.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		if e.IsWhollyKnown() {
			continue
		}
		if i >= len(skeletons) {
			return false
		}
		sk := skeletons[i]
		slash := strings.LastIndex(sk, "/")
		if sk == "" || slash < 0 {
			return false
		}
		bits, err := strconv.Atoi(sk[slash+1:])
		if err != nil || bits <= 0 || bits > 128 {
			return false
		}
	}
	return true
}

// firewallPolicyRuleTypes are the rules of global and regional network
// firewall policies and of hierarchical (organization or folder) firewall
// policies: they allow traffic as VPC firewall rules do, matched by
// match.src_ip_ranges and match.layer4_configs.
var firewallPolicyRuleTypes = []string{
	"google_compute_network_firewall_policy_rule",
	"google_compute_region_network_firewall_policy_rule",
	"google_compute_firewall_policy_rule",
}

// firewallPolicyRulesNote says, in the descriptions of the rules that judge
// firewallTypes, how they read a firewall policy rule.
const firewallPolicyRulesNote = " Rules of network and hierarchical firewall policies are judged the same way when " +
	"their action is allow, from match.src_ip_ranges and match.layer4_configs."

// policyRuleHCL is an examples' global network firewall policy rule
// labelled label that allows protocol (on ports, an HCL list, unless
// empty) from every IPv4 address.
func policyRuleHCL(label, protocol, ports string) string {
	if ports != "" {
		ports = "\n      ports       = " + ports
	}
	return `
resource "google_compute_network_firewall_policy_rule" "` + label + `" {
  firewall_policy = "main"
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "` + protocol + `"` + ports + `
    }
  }
}
`
}

// firewallTypes are the VPC firewall rule and the firewall policy rules the
// internet-exposure checks judge.
var firewallTypes = append([]string{"google_compute_firewall"}, firewallPolicyRuleTypes...)

// fwAllow is one protocol a firewall rule allows, with its ports.
type fwAllow struct {
	Protocol, Ports scanner.Value
	Range           scanner.Range
}

// firewallAllows returns what an ingress rule allows: a VPC firewall rule's
// allow blocks, or a policy rule's match.layer4_configs (an allow action is
// checked by ingressFromWorld). unknown is set when a dynamic block hides some.
func firewallAllows(r *scanner.Resource) (allows []fwAllow, unknown bool) {
	if r.Type == "google_compute_firewall" {
		for _, b := range r.Blocks("allow") {
			allows = append(allows, fwAllow{Protocol: b.Attr("protocol"), Ports: b.Attr("ports"), Range: b.Range})
		}
		return allows, r.BlocksUnknown("allow")
	}
	m, dynamic := r.Follow("match")
	if dynamic != "" || m == nil {
		return nil, dynamic != ""
	}
	for _, b := range m.Blocks("layer4_configs") {
		allows = append(allows, fwAllow{Protocol: b.Attr("ip_protocol"), Ports: b.Attr("ports"), Range: b.Range})
	}
	return allows, m.BlocksUnknown("layer4_configs")
}

// ingressFromWorld decides the part of a firewall rule that every
// internet-exposure check shares: an enabled ingress rule from the whole
// internet. It returns the world source as written; decided is set (with
// the result to return) when the rule is egress, disabled, from narrower
// sources, or only known after apply.
func ingressFromWorld(r *scanner.Resource) (world string, res scanner.Result, decided bool) {
	disabled, direction := r.Attr("disabled"), r.Attr("direction")
	switch {
	case direction.Equals("EGRESS"):
		return "", scanner.DoesNotApply("an egress rule: it lets no traffic in"), true
	case disabled.IsTrue():
		return "", scanner.Passed(), true
	case disabled.IsUnknown():
		return "", scanner.Unknowable(disabled.Range, "disabled is not known until apply"), true
	case direction.IsUnknown():
		return "", scanner.Unknowable(direction.Range, "direction is not known until apply"), true
	}
	policyRule := r.Type != "google_compute_firewall"
	sources := r.Attr("source_ranges")
	if policyRule {
		// A policy rule that denies or hands over to the next level
		// opens nothing; its sources are in match.src_ip_ranges, and
		// without them it matches other sources (tags, FQDNs, regions).
		action := r.Attr("action")
		switch {
		case action.IsUnknown():
			return "", scanner.Unknowable(action.Range, "action is not known until apply"), true
		case !action.Equals("allow"):
			return "", scanner.Passed(), true
		}
		m, dynamic := r.Follow("match")
		switch {
		case dynamic != "":
			return "", scanner.Unknowable(r.Range, "match is not known until apply"), true
		case m == nil:
			return "", scanner.Passed(), true
		}
		sources = m.Attr("src_ip_ranges")
	}
	ranges, incomplete := sources.KnownStrings()
	if !policyRule && sources.IsNull() && r.Attr("source_tags").IsNull() && r.Attr("source_service_accounts").IsNull() {
		// With no source at all the API applies the rule to every
		// address (google provider < 5.0 accepted such rules).
		world = "0.0.0.0/0 (the default when no source is set)"
	}
	if !policyRule && sources.IsNull() {
		// Tags or service accounts only known after apply that name
		// nothing known (an input variable with no default) may be null,
		// leaving the rule with no source at all.
		tags, sas := r.Attr("source_tags"), r.Attr("source_service_accounts")
		maybeNone := func(v scanner.Value) bool { return v.IsNull() || v.Names() == scanner.Maybe }
		if !tags.IsNull() && maybeNone(tags) && maybeNone(sas) {
			return "", scanner.UnknownName(tags), true
		}
		if !sas.IsNull() && maybeNone(sas) && maybeNone(tags) {
			return "", scanner.UnknownName(sas), true
		}
	}
	for _, s := range ranges {
		if isWorldSource(s) {
			world = s
			break
		}
	}
	if world == "" {
		// Ranges that cover the internet together (0.0.0.0/1 and
		// 128.0.0.0/1) are as open as 0.0.0.0/0.
		world, _ = ruleutil.UnionCoversInternet(ranges)
	}
	if world == "" {
		if incomplete && !unknownRangesNarrow(sources) {
			return "", scanner.Unknowable(sources.Range, "source_ranges is not known until apply"), true
		}
		return "", scanner.Passed(), true
	}
	return world, scanner.Result{}, false
}
