package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var networkNoAutoMode = &scanner.Rule{
	ID:    "google-compute-network-custom-mode",
	Title: "VPC networks are custom-mode, with subnetworks declared (and logged) in code",
	Description: "auto_create_subnetworks defaults to true: Google then creates one subnetwork per region with fixed " +
		"10.128.0.0/9 ranges, outside the configuration, so none of them has VPC flow logs or private Google access and " +
		"their ranges overlap with every other auto-mode network. CC7.2 expects network traffic monitored, which needs " +
		"flow logs that only declared subnetworks can switch on; CC6.6 expects segmentation planned rather than defaulted.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC6.6"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_compute_network"},
	Remediation:   "Set auto_create_subnetworks = false and declare google_compute_subnetwork resources with log_config.",
	RemediationCode: `resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}`,
	Links: []string{
		googleDocs + "compute_network#auto_create_subnetworks",
		"https://cloud.google.com/vpc/docs/vpc#subnet-ranges",
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_network" "custom" {
  name                    = "custom"
  auto_create_subnetworks = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "auto" {
  type = bool
}

resource "google_compute_network" "implicit" {
  name = "implicit"
}

resource "google_compute_network" "auto" {
  name                    = "auto"
  auto_create_subnetworks = true
}

resource "google_compute_network" "unknown" {
  name                    = "unknown"
  auto_create_subnetworks = var.auto
}`,
		Fails:    []string{"google_compute_network.implicit", "google_compute_network.auto"},
		Unknowns: []string{"google_compute_network.unknown"},
		Expect: map[string]scanner.Expected{
			"google_compute_network.implicit": {Line: 6, Message: "auto-mode"},
			"google_compute_network.auto":     {Line: 12},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("auto_create_subnetworks"), true,
			"the network is auto-mode: Google creates its subnetworks without flow logs or private Google access")
	},
}

var projectNoDefaultNetwork = &scanner.Rule{
	ID:    "google-project-no-default-network",
	Title: "Projects are created without the default network",
	Description: "auto_create_network defaults to true: every new project then gets the auto-mode network \"default\" " +
		"with firewall rules that open SSH, RDP and ICMP from 0.0.0.0/0 and all traffic between its subnetworks. CC6.6 " +
		"expects boundary protection designed, not inherited. The constraint compute.skipDefaultNetworkCreation achieves " +
		"the same for a whole organization.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC7.2"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"google_project"},
	Remediation:   "Set auto_create_network = false on the project (the provider then deletes the default network).",
	RemediationCode: `resource "google_project" "app" {
  name                = "app"
  project_id          = "acme-app"
  org_id              = "123456789"
  auto_create_network = false
}`,
	Links: []string{
		googleDocs + "google_project#auto_create_network",
		"https://cloud.google.com/vpc/docs/vpc#default-network",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_27"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0010"},
	},
	Good: []scanner.Example{{Code: `
resource "google_project" "app" {
  name                = "app"
  project_id          = "acme-app"
  auto_create_network = false
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
}`, Fails: []string{"google_project.app"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("auto_create_network"), true,
			"auto_create_network is not false: the project gets the default network with SSH and RDP open to the internet")
	},
}

var subnetworkPrivateGoogleAccess = &scanner.Rule{
	ID:    "google-compute-subnetwork-private-google-access",
	Title: "VPC subnetworks reach Google APIs privately",
	Description: "Without private_ip_google_access, VMs without an external address cannot reach Google APIs (Cloud " +
		"Storage, BigQuery, Artifact Registry), which pushes teams to give them public IPs or a broad NAT. CC6.6 expects " +
		"traffic kept inside the boundary where it can be. Proxy-only and Private Service Connect subnetworks are not " +
		"checked.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.7"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"google_compute_subnetwork"},
	Remediation:   "Set private_ip_google_access = true.",
	RemediationCode: `resource "google_compute_subnetwork" "app" {
  # ...
  private_ip_google_access = true
}`,
	Links: []string{
		googleDocs + "compute_subnetwork#private_ip_google_access",
		"https://cloud.google.com/vpc/docs/private-google-access",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_74"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0075"},
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_subnetwork" "app" {
  name                     = "app"
  ip_cidr_range            = "10.0.0.0/24"
  network                  = "main"
  private_ip_google_access = true
}

resource "google_compute_subnetwork" "proxy" {
  name          = "proxy"
  ip_cidr_range = "10.1.0.0/24"
  network       = "main"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}`, NotApplicable: []string{"google_compute_subnetwork.proxy"}}},
	Bad: []scanner.Example{{Code: `
variable "pga" {
  type = bool
}

resource "google_compute_subnetwork" "app" {
  name          = "app"
  ip_cidr_range = "10.0.0.0/24"
  network       = "main"
}

resource "google_compute_subnetwork" "unknown" {
  name                     = "unknown"
  ip_cidr_range            = "10.2.0.0/24"
  network                  = "main"
  private_ip_google_access = var.pga
}`,
		Fails:    []string{"google_compute_subnetwork.app"},
		Unknowns: []string{"google_compute_subnetwork.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		purpose := r.Attr("purpose")
		switch {
		case purpose.OneOf(proxyOnlyPurposes...):
			return scanner.DoesNotApply("a %s subnetwork hosts no VMs", purpose.StringOr(""))
		case purpose.IsUnknown():
			return scanner.Unknowable(purpose.Range, "purpose is not known until apply")
		}
		return scanner.RequireTrue(r.Attr("private_ip_google_access"), "private_ip_google_access is not true: VMs without external IPs cannot reach Google APIs privately")
	},
}

var firewallNoPublicAllPorts = &scanner.Rule{
	ID:    "google-compute-firewall-no-public-all-ports",
	Title: "VPC firewall rules do not open every port to the internet",
	Description: "An ingress allow rule from 0.0.0.0/0 with protocol all, or TCP or UDP without ports (or with 0-65535), " +
		"exposes every service that listens on the targets, including those nobody meant to publish. CC6.6 expects " +
		"access from outside the boundary limited to what is needed." + firewallPolicyRulesNote,
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: firewallTypes,
	Remediation:   "List the ports the service needs, or narrow source_ranges to known networks.",
	RemediationCode: `resource "google_compute_firewall" "https" {
  name          = "https"
  network       = google_compute_network.main.id
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}`,
	Links: []string{
		googleDocs + "compute_firewall#allow",
		"https://cloud.google.com/firewall/docs/firewalls",
	},
	References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0072"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_compute_firewall" "https" {
  name          = "https"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "google_compute_firewall" "internal" {
  name          = "internal"
  network       = "main"
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "all"
  }
}`}}
		bad = []scanner.Example{{Code: `
variable "ports" {
  type = list(string)
}

resource "google_compute_firewall" "all" {
  name          = "all"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "udp" {
  name          = "udp"
  network       = "main"
  source_ranges = ["::/0"]
  allow {
    protocol = "udp"
    ports    = ["0-65535"]
  }
}

resource "google_compute_firewall" "unknown" {
  name          = "unknown"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = var.ports
  }
}`,
			Fails:    []string{"google_compute_firewall.all", "google_compute_firewall.udp"},
			Unknowns: []string{"google_compute_firewall.unknown"},
		}, {
			Code:  policyRuleHCL("all", "all", ""),
			Fails: []string{"google_compute_network_firewall_policy_rule.all"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
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
			p := strings.ToLower(protocol.StringOr(""))
			if p == "all" {
				return scanner.Failed(allow.Range, "ingress from %s is allowed for every protocol and port", world)
			}
			if p != "tcp" && p != "udp" && p != "6" && p != "17" {
				continue
			}
			specs := allow.Ports
			list, incomplete := specs.KnownStrings()
			if specs.IsNull() || (!incomplete && len(list) == 0) {
				return scanner.Failed(allow.Range, "ingress from %s is allowed on every %s port", world, p)
			}
			for _, spec := range list {
				if pr, err := ruleutil.ParsePortRange(spec); err == nil && pr.From <= 1 && pr.To == 65535 {
					return scanner.Failed(specs.Range, "ingress from %s is allowed on %s ports %q", world, p, spec)
				}
			}
			unknown = unknown || incomplete
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the rule's allowed protocols or ports are not known until apply")
		}
		return scanner.Passed()
	},
}

var firewallNoPublicDatabasePorts = &scanner.Rule{
	ID:    "google-compute-firewall-no-public-database-ports",
	Title: "VPC firewall rules do not open database ports to the internet",
	Description: "Databases and caches (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, Redis 6379, MongoDB " +
		"27017, Elasticsearch 9200, Cassandra 9042) reachable from 0.0.0.0/0 face constant credential stuffing and " +
		"exploits, and many ship without authentication. CC6.6 expects access from outside the boundary restricted. The " +
		"rule reads port ranges and protocol all as the admin-ports rule does; override database_ports to fit." +
		firewallPolicyRulesNote,
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: firewallTypes,
	Params: []scanner.Param{{
		Name:        "database_ports",
		Description: "TCP ports of data stores that must not be reachable from the internet; entries are ports or ranges.",
		Default:     []string{"1433", "1521", "3306", "5432", "6379", "9042", "9200", "27017"},
	}},
	Remediation: "Reach databases through private IPs (Private Service Access, VPN, IAP); narrow source_ranges to the application's networks.",
	RemediationCode: `resource "google_compute_firewall" "postgres" {
  name          = "postgres-from-app"
  network       = google_compute_network.main.id
  source_ranges = ["10.10.0.0/16"]
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
}`,
	Links: []string{
		googleDocs + "compute_firewall",
		"https://cloud.google.com/firewall/docs/firewalls",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_compute_firewall" "postgres" {
  name          = "postgres"
  network       = "main"
  source_ranges = ["10.10.0.0/16"]
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
}`}}
		bad = []scanner.Example{{Code: `
resource "google_compute_firewall" "mysql" {
  name          = "mysql"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["3300-3310"]
  }
}`, Fails: []string{"google_compute_firewall.mysql"}}, {
			Code:   policyRuleHCL("postgres", "tcp", `["5432"]`),
			Fails:  []string{"google_compute_network_firewall_policy_rule.postgres"},
			Expect: map[string]scanner.Expected{"google_compute_network_firewall_policy_rule.postgres": {Message: "5432"}},
		}}
		return good, bad
	},
	Check: publicPortsCheck("database_ports"),
}

var firewallLogging = &scanner.Rule{
	ID:    "google-compute-firewall-logging",
	Title: "VPC firewall rules and firewall policy rules log the connections they match",
	Description: "Firewall Rules Logging records each connection a rule allows or denies; without it, which rule let an " +
		"attacker in (or kept one out) cannot be shown. CC7.2 expects network events monitored. A log_config block turns " +
		"it on; disabled rules are not checked. Rules of network and hierarchical firewall policies are judged too, " +
		"whatever their action or direction, as VPC rules are: enable_logging = true turns their logging on (absent means " +
		"off). goto_next policy rules are not judged, since the API refuses logging on them.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: firewallTypes,
	Remediation: `Add log_config { metadata = "INCLUDE_ALL_METADATA" } (or EXCLUDE_ALL_METADATA to keep volume down); ` +
		`on a firewall policy rule, set enable_logging = true.`,
	RemediationCode: `resource "google_compute_firewall" "ssh_iap" {
  # ...
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}`,
	Links: []string{
		googleDocs + "compute_firewall#log_config",
		googleDocs + "compute_network_firewall_policy_rule#enable_logging",
		"https://cloud.google.com/firewall/docs/firewall-rules-logging",
		"https://cloud.google.com/firewall/docs/firewall-policy-rules-logging-overview",
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_firewall" "logged" {
  name          = "logged"
  network       = "main"
  source_ranges = ["35.235.240.0/20"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  log_config {
    metadata = "EXCLUDE_ALL_METADATA"
  }
}

resource "google_compute_network_firewall_policy_rule" "deny_all" {
  firewall_policy = "main"
  priority        = 65000
  action          = "deny"
  direction       = "INGRESS"
  enable_logging  = true
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}

resource "google_compute_firewall_policy_rule" "off" {
  firewall_policy = "locations/global/firewallPolicies/123"
  priority        = 100
  action          = "allow"
  direction       = "EGRESS"
  disabled        = true
  match {
    dest_ip_ranges = ["10.0.0.0/8"]
    layer4_configs {
      ip_protocol = "tcp"
    }
  }
}`}, {Code: `
resource "google_compute_firewall_policy_rule" "delegate" {
  firewall_policy = "locations/global/firewallPolicies/123"
  priority        = 1000
  action          = "goto_next"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["10.0.0.0/8"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}`, NotApplicable: []string{"google_compute_firewall_policy_rule.delegate"}}},
	Bad: []scanner.Example{{Code: `
variable "log" {
  type = list(string)
}

resource "google_compute_firewall" "silent" {
  name          = "silent"
  network       = "main"
  source_ranges = ["35.235.240.0/20"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "unknown" {
  name          = "unknown"
  network       = "main"
  source_ranges = ["35.235.240.0/20"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  dynamic "log_config" {
    for_each = var.log
    content {
      metadata = log_config.value
    }
  }
}`,
		Fails:    []string{"google_compute_firewall.silent"},
		Unknowns: []string{"google_compute_firewall.unknown"},
	}, {Code: `
variable "logging" {
  type = bool
}

resource "google_compute_network_firewall_policy_rule" "ssh" {
  firewall_policy = "main"
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["35.235.240.0/20"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_region_network_firewall_policy_rule" "deny_egress" {
  firewall_policy = "main"
  region          = "europe-west1"
  priority        = 2000
  action          = "deny"
  direction       = "EGRESS"
  enable_logging  = false
  match {
    dest_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}

resource "google_compute_firewall_policy_rule" "maybe" {
  firewall_policy = "locations/global/firewallPolicies/123"
  priority        = 3000
  action          = "allow"
  direction       = "INGRESS"
  enable_logging  = var.logging
  match {
    src_ip_ranges = ["10.0.0.0/8"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["443"]
    }
  }
}`,
		Fails: []string{
			"google_compute_network_firewall_policy_rule.ssh",
			"google_compute_region_network_firewall_policy_rule.deny_egress",
		},
		Unknowns: []string{"google_compute_firewall_policy_rule.maybe"},
		Expect: map[string]scanner.Expected{
			"google_compute_region_network_firewall_policy_rule.deny_egress": {Line: 26, Message: "enable_logging"},
			"google_compute_network_firewall_policy_rule.ssh":                {Line: 6},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		disabled := r.Attr("disabled")
		switch {
		case disabled.IsTrue():
			return scanner.Passed()
		case r.Type != "google_compute_firewall":
			return policyRuleLogging(r, disabled)
		case r.FirstBlock("log_config") != nil:
			return scanner.Passed()
		case r.BlocksUnknown("log_config"), disabled.IsUnknown():
			return scanner.Unknowable(r.Range, "log_config is not known until apply")
		}
		return scanner.Failed(r.Range, "the firewall rule has no log_config: connections it allows or denies are not logged")
	},
}

// policyRuleLogging judges an enabled (or possibly enabled) firewall policy
// rule: its logging is the enable_logging flag, off when absent. Deny and
// egress rules count as a VPC rule's do; goto_next rules hand the decision
// to the next level and the API refuses logging on them.
func policyRuleLogging(r *scanner.Resource, disabled scanner.Value) scanner.Result {
	action := r.Attr("action")
	logging := r.Attr("enable_logging")
	switch {
	case action.Equals("goto_next"):
		return scanner.DoesNotApply("goto_next rules delegate to the next policy level and cannot log")
	case logging.IsTrue():
		return scanner.Passed()
	case logging.IsUnknown():
		return scanner.Unknowable(logging.Range, "enable_logging is not known until apply")
	case disabled.IsUnknown():
		return scanner.Unknowable(disabled.Range, "disabled is not known until apply")
	case action.IsUnknown():
		return scanner.Unknowable(action.Range, "action is not known until apply")
	}
	return scanner.Failed(attrRange(logging, r.Range), "the firewall policy rule does not set enable_logging = true: connections it matches are not logged")
}

// dnssecZone returns a public zone's dnssec_config; decided is set (with
// the result) when the zone is private, where DNSSEC does not apply, or
// its visibility or configuration is only known after apply.
func dnssecZone(r *scanner.Resource) (cfg *scanner.Block, res scanner.Result, decided bool) {
	vis := r.Attr("visibility")
	switch {
	case vis.Equals("private"):
		return nil, scanner.DoesNotApply("DNSSEC applies to public zones; this zone is private"), true
	case vis.IsUnknown():
		return nil, scanner.Unknowable(vis.Range, "visibility is not known until apply"), true
	}
	cfg, dynamic := r.Follow("dnssec_config")
	if dynamic != "" {
		return nil, scanner.Unknowable(r.Range, "dnssec_config is not known until apply"), true
	}
	return cfg, scanner.Result{}, false
}

var dnsDNSSEC = &scanner.Rule{
	ID:    "google-dns-dnssec-enabled",
	Title: "Public Cloud DNS zones are signed with DNSSEC",
	Description: "Without DNSSEC, resolvers cannot tell a forged answer from a real one, and cache poisoning can send " +
		"users and services to an attacker's address. CC6.7 expects the integrity of data in transit protected. The rule " +
		"checks public zones (visibility defaults to public); private zones are not checked. state = \"transfer\", used " +
		"while moving a zone to another DNS operator, keeps the zone signed and passes.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.6"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"google_dns_managed_zone"},
	Remediation:   `Add dnssec_config { state = "on" } and publish the DS record at the registrar.`,
	RemediationCode: `resource "google_dns_managed_zone" "public" {
  name     = "example"
  dns_name = "example.com."
  dnssec_config {
    state = "on"
  }
}`,
	Links: []string{
		googleDocs + "dns_managed_zone#dnssec_config",
		"https://cloud.google.com/dns/docs/dnssec-config",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_16"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0013"},
	},
	Good: []scanner.Example{{Code: `
resource "google_dns_managed_zone" "signed" {
  name     = "example"
  dns_name = "example.com."
  dnssec_config {
    state = "on"
  }
}

resource "google_dns_managed_zone" "moving" {
  name     = "moving"
  dns_name = "moving.example.com."
  dnssec_config {
    state = "transfer"
  }
}

resource "google_dns_managed_zone" "internal" {
  name       = "internal"
  dns_name   = "internal.example.com."
  visibility = "private"
}`, NotApplicable: []string{"google_dns_managed_zone.internal"}}},
	Bad: []scanner.Example{{Code: `
resource "google_dns_managed_zone" "unsigned" {
  name     = "example"
  dns_name = "example.com."
}

resource "google_dns_managed_zone" "off" {
  name     = "other"
  dns_name = "other.com."
  dnssec_config {
    state = "off"
  }
}`, Fails: []string{"google_dns_managed_zone.unsigned", "google_dns_managed_zone.off"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, res, decided := dnssecZone(r)
		if decided {
			return res
		}
		if cfg == nil {
			return scanner.Failed(r.Range, "the public zone has no dnssec_config: its answers are not signed")
		}
		state := cfg.Attr("state")
		switch {
		case state.IsUnknown():
			return scanner.Unknowable(state.Range, "dnssec_config.state is not known until apply")
		case state.OneOf("on", "transfer"):
			// transfer keeps the zone signed while it moves to another
			// DNS operator.
			return scanner.Passed()
		}
		return scanner.Failed(attrRange(state, cfg.Range), "dnssec_config.state is %s: the zone's answers are not signed", state.StringOr("off (the default)"))
	},
}

var dnsNoRSASHA1 = &scanner.Rule{
	ID:    "google-dns-dnssec-no-rsasha1",
	Title: "Cloud DNS DNSSEC keys do not use RSASHA1",
	Description: "SHA-1 is broken for signatures: a zone signed with RSASHA1 offers weaker assurance than its DNSSEC " +
		"status suggests, and some validators treat it as unsigned. CC6.7 expects the integrity of data in transit " +
		"protected with current algorithms. The rule checks the key-signing and zone-signing default_key_specs.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"google_dns_managed_zone"},
	Remediation:   "Use rsasha256, rsasha512, ecdsap256sha256 or ecdsap384sha384 in every default_key_specs block.",
	RemediationCode: `resource "google_dns_managed_zone" "public" {
  # ...
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "ecdsap256sha256"
      key_type   = "keySigning"
      key_length = 256
    }
    default_key_specs {
      algorithm  = "ecdsap256sha256"
      key_type   = "zoneSigning"
      key_length = 256
    }
  }
}`,
	Links: []string{
		googleDocs + "dns_managed_zone#default_key_specs",
		"https://cloud.google.com/dns/docs/dnssec-advanced#algorithms",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_17"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0012"},
	},
	Good: []scanner.Example{{Code: `
resource "google_dns_managed_zone" "modern" {
  name     = "example"
  dns_name = "example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha256"
      key_type   = "zoneSigning"
      key_length = 2048
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_dns_managed_zone" "sha1" {
  name     = "example"
  dns_name = "example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha1"
      key_type   = "keySigning"
      key_length = 2048
    }
  }
}`, Fails: []string{"google_dns_managed_zone.sha1"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, res, decided := dnssecZone(r)
		if decided {
			return res
		}
		if cfg == nil {
			return scanner.DoesNotApply("the zone has no dnssec_config and so no DNSSEC keys")
		}
		if cfg.BlocksUnknown("default_key_specs") {
			return scanner.Unknowable(cfg.Range, "default_key_specs is not known until apply")
		}
		for _, spec := range cfg.Blocks("default_key_specs") {
			alg := spec.Attr("algorithm")
			switch {
			case alg.Equals("rsasha1"):
				return scanner.Failed(alg.Range, "a %s key uses RSASHA1, a SHA-1 signature", spec.Attr("key_type").StringOr("DNSSEC"))
			case alg.IsUnknown():
				return scanner.Unknowable(alg.Range, "default_key_specs.algorithm is not known until apply")
			}
		}
		return scanner.Passed()
	},
}
