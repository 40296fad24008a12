package google

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// vm renders an instance (typ google_compute_instance) or an instance
// template for examples: nic is the body of its network interface, extra
// more arguments and blocks.
func vm(typ, name, nic, extra string) string {
	disk := `boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }`
	place := `zone         = "europe-west1-b"`
	if typ != "google_compute_instance" {
		disk = `disk { source_image = "debian-cloud/debian-12" }`
		place = `region       = "europe-west1"`
	}
	if extra != "" {
		extra = "\n  " + strings.ReplaceAll(strings.TrimSpace(extra), "\n", "\n  ")
	}
	return fmt.Sprintf(`
resource %q %q {
  name         = %q
  machine_type = "e2-small"
  %s
  %s
  network_interface {
    network = "default"%s
  }%s
}
`, typ, name, name, place, disk, nic, extra)
}

// fromTemplateType creates an instance from an instance template; the
// arguments it sets override the template's, the others come from it.
const fromTemplateType = "google_compute_instance_from_template"

// fromTemplateHCL renders, for examples, an instance created from a
// template with extra overriding arguments and blocks.
func fromTemplateHCL(name, extra string) string {
	if extra != "" {
		extra = "\n  " + strings.ReplaceAll(strings.TrimSpace(extra), "\n", "\n  ")
	}
	return fmt.Sprintf(`
resource %q %q {
  name                     = %q
  zone                     = "europe-west1-b"
  source_instance_template = "projects/acme/global/instanceTemplates/app"%s
}
`, fromTemplateType, name, name, extra)
}

// metadataHCL renders a metadata argument for examples.
func metadataHCL(kv ...string) string {
	var b strings.Builder
	b.WriteString("metadata = {\n")
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, "  %s = %q\n", kv[i], kv[i+1])
	}
	b.WriteString("}")
	return b.String()
}

// metadataTypes are the instances and templates the metadata rules judge:
// an instance created from a template merges its own metadata over the
// template's.
var metadataTypes = append(append([]string{}, instanceTypes...), fromTemplateType)

// metadataInherited answers, for an instance created from a template whose
// own metadata sets none of keys, that the rule does not apply: the keys
// come from the template's metadata, judged on the template.
func metadataInherited(r *scanner.Resource, keys ...string) (scanner.Result, bool) {
	if r.Type != fromTemplateType {
		return scanner.Result{}, false
	}
	for _, k := range keys {
		if e := metadataKey(r, k); e.Set || e.Unknown {
			return scanner.Result{}, false
		}
	}
	return scanner.DoesNotApply("the metadata does not set %s: the instance takes it from source_instance_template, which is judged on its own",
		strings.Join(keys, " or ")), true
}

// ownOrTemplateMetadataKey reads key from an instance's metadata; for an
// instance created from a template that does not set the key, from the
// metadata of the template when source_instance_template refers to one
// template of the configuration. outside is set when the key comes from a
// template that is not in the configuration.
func ownOrTemplateMetadataKey(r *scanner.Resource, ctx *scanner.Context, key string) (e metadataEntry, outside bool) {
	e = metadataKey(r, key)
	if r.Type != fromTemplateType || e.Set || e.Unknown {
		return e, false
	}
	var templates []*scanner.Resource
	for _, t := range ctx.Index.Resolve(r.Attr("source_instance_template")) {
		if t.Type == "google_compute_instance_template" || t.Type == "google_compute_region_instance_template" {
			templates = append(templates, t)
		}
	}
	if len(templates) != 1 {
		return e, true
	}
	te := metadataKey(templates[0], key)
	te.Range = e.Range
	return te, false
}

const (
	computeInstanceDocs = googleDocs + "compute_instance"
	computeTemplateDocs = googleDocs + "compute_instance_template"
)

var instanceNoPublicIP = &scanner.Rule{
	ID:    "google-compute-instance-no-public-ip",
	Title: "VM instances and templates have no external IP address",
	Description: "An access_config block on a network interface gives the VM an external IP address, reachable from the " +
		"whole internet subject only to firewall rules; one permissive rule then exposes it. CC6.6 expects the system " +
		"boundary to be protected. Reach VMs through Identity-Aware Proxy or a bastion, and let them reach the internet " +
		"through Cloud NAT. An empty access_config {} is enough to get an ephemeral public address; ipv6_access_config " +
		"gives an external IPv6 address.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: append(append([]string{}, instanceTypes...), fromTemplateType),
	Remediation:   "Remove access_config (and ipv6_access_config) from the network interfaces; use Cloud NAT for egress and IAP TCP forwarding for administration.",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  network_interface {
    subnetwork = google_compute_subnetwork.private.id
    # no access_config: internal address only
  }
}`,
	Links: []string{
		computeInstanceDocs + "#access_config",
		"https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address",
		"https://cloud.google.com/nat/docs/overview",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_40"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0031"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "private", "", "") +
			vm("google_compute_instance_template", "private", `
    dynamic "access_config" {
      for_each = []
      content {}
    }`, "")}}
		bad = []scanner.Example{{Code: `
variable "access" {
  type = list(any)
}
` + vm("google_compute_instance", "public", "\n    access_config {}", "") +
			vm("google_compute_region_instance_template", "ipv6", `
    ipv6_access_config {
      network_tier = "PREMIUM"
    }`, "") +
			vm("google_compute_instance_template", "unknown", `
    dynamic "access_config" {
      for_each = var.access
      content {}
    }`, ""),
			Fails:    []string{"google_compute_instance.public", "google_compute_region_instance_template.ipv6"},
			Unknowns: []string{"google_compute_instance_template.unknown"},
			Expect:   map[string]scanner.Expected{"google_compute_instance.public": {Line: 15, Message: "external IP"}},
		}, {Code: fromTemplateHCL("public", `network_interface {
  network = "default"
  access_config {}
}`) + fromTemplateHCL("inherits", ""),
			Fails:         []string{"google_compute_instance_from_template.public"},
			NotApplicable: []string{"google_compute_instance_from_template.inherits"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("network_interface") {
			return scanner.Unknowable(r.Range, "network_interface is not known until apply")
		}
		if r.Type == fromTemplateType && len(r.Blocks("network_interface")) == 0 {
			return scanner.DoesNotApply("network_interface is not set: the instance takes its network interfaces from source_instance_template, which is judged on its own")
		}
		unknown := false
		for _, nic := range r.Blocks("network_interface") {
			for _, kind := range []string{"access_config", "ipv6_access_config"} {
				if c := nic.FirstBlock(kind); c != nil {
					return scanner.Failed(c.Range, "a network interface has %s: the VM gets an external IP address reachable from the internet", kind)
				}
				unknown = unknown || nic.BlocksUnknown(kind)
			}
		}
		if unknown {
			return scanner.Unknowable(r.Range, "access_config is a dynamic block only known after apply")
		}
		return scanner.Passed()
	},
}

var instanceSerialPortDisabled = &scanner.Rule{
	ID:    "google-compute-serial-port-disabled",
	Title: "Interactive serial console access is not enabled on VMs or projects",
	Description: "metadata serial-port-enable = TRUE opens the VM's interactive serial console, which accepts connections " +
		"from any address and is not filtered by VPC firewall rules. CC6.6 expects remote access restricted and " +
		"controlled. The rule checks instances, templates, instances created from a template whose own metadata sets " +
		"the key, and project-wide metadata (which every instance inherits).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: append(append([]string{}, metadataTypes...), projectMetadataTypes...),
	Remediation:   "Remove serial-port-enable from the metadata (or set it to FALSE); troubleshoot with the serial port output log instead.",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  metadata = {
    serial-port-enable = "FALSE"
  }
}`,
	Links: []string{
		computeInstanceDocs + "#metadata",
		"https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_35"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0032"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "plain", "", "") +
			vm("google_compute_instance_template", "off", "", metadataHCL("serial-port-enable", "FALSE")) + `
resource "google_compute_project_metadata_item" "oslogin" {
  key   = "enable-oslogin"
  value = "TRUE"
}`, NotApplicable: []string{"google_compute_project_metadata_item.oslogin"}}, {
			Code: fromTemplateHCL("inherits", metadataHCL("startup-script", "echo hi")) +
				fromTemplateHCL("off", metadataHCL("serial-port-enable", "FALSE")),
			NotApplicable: []string{fromTemplateType + ".inherits"},
		}}
		bad = []scanner.Example{{Code: `
variable "metadata" {
  type = map(string)
}
` + vm("google_compute_instance", "serial", "", metadataHCL("serial-port-enable", "TRUE")) +
			vm("google_compute_instance_template", "unknown", "", "metadata = var.metadata") + `
resource "google_compute_project_metadata" "project" {
  metadata = {
    serial-port-enable = "1"
  }
}

resource "google_compute_project_metadata_item" "serial" {
  key   = "serial-port-enable"
  value = "true"
}`,
			Fails: []string{
				"google_compute_instance.serial",
				"google_compute_project_metadata.project",
				"google_compute_project_metadata_item.serial",
			},
			Unknowns: []string{"google_compute_instance_template.unknown"},
		}, {Code: fromTemplateHCL("serial", metadataHCL("serial-port-enable", "TRUE")),
			Fails: []string{fromTemplateType + ".serial"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res, ok := metadataInherited(r, "serial-port-enable"); ok {
			return res
		}
		e := metadataKey(r, "serial-port-enable")
		switch {
		case r.Type == "google_compute_project_metadata_item" && !e.Set && !e.Unknown:
			return scanner.DoesNotApply("the item sets another metadata key")
		case e.Unknown:
			return scanner.Unknowable(e.Range, "the metadata's serial-port-enable is not known until apply")
		case e.Set && e.isTrue():
			return scanner.Failed(e.Range, "serial-port-enable is %q: the interactive serial console accepts connections from any address", e.Value)
		}
		return scanner.Passed()
	},
}

var instanceOSLoginNotDisabled = &scanner.Rule{
	ID:    "google-compute-instance-os-login-not-disabled",
	Title: "VM instances and templates do not switch OS Login off",
	Description: "OS Login ties SSH access to IAM identities (with their 2-step verification and their removal when people " +
		"leave) instead of keys pasted into metadata. Enable it once in project metadata; an instance whose metadata sets " +
		"enable-oslogin = FALSE opts out and falls back to unmanaged metadata keys. CC6.2 expects credentials issued to " +
		"and removed from registered users. An instance that does not set the key follows the project; an instance " +
		"created from a template whose own metadata does not set it takes the template's, judged on the template.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.2", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: metadataTypes,
	Remediation:   "Remove enable-oslogin = FALSE from the instance metadata (or set it to TRUE).",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  metadata = {
    enable-oslogin = "TRUE"
  }
}`,
	Links: []string{
		computeInstanceDocs + "#metadata",
		"https://cloud.google.com/compute/docs/oslogin/set-up-oslogin",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_34"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0036"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "inherits", "", "") +
			vm("google_compute_instance_template", "on", "", metadataHCL("enable-oslogin", "TRUE"))}, {
			Code: fromTemplateHCL("inherits", metadataHCL("startup-script", "echo hi")) +
				fromTemplateHCL("on", metadataHCL("enable-oslogin", "TRUE")),
			NotApplicable: []string{fromTemplateType + ".inherits"},
		}}
		bad = []scanner.Example{{Code: `
variable "oslogin" {
  type = string
}
` + vm("google_compute_instance", "off", "", metadataHCL("enable-oslogin", "FALSE")) +
			vm("google_compute_instance_template", "unknown", "", "metadata = { enable-oslogin = var.oslogin }"),
			Fails:    []string{"google_compute_instance.off"},
			Unknowns: []string{"google_compute_instance_template.unknown"},
		}, {Code: fromTemplateHCL("off", metadataHCL("enable-oslogin", "FALSE")),
			Fails: []string{fromTemplateType + ".off"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res, ok := metadataInherited(r, "enable-oslogin"); ok {
			return res
		}
		e := metadataKey(r, "enable-oslogin")
		switch {
		case e.Unknown:
			return scanner.Unknowable(e.Range, "the metadata's enable-oslogin is not known until apply")
		case e.Set && e.isFalse():
			return scanner.Failed(e.Range, "enable-oslogin is %q: SSH access falls back to unmanaged metadata keys", e.Value)
		}
		return scanner.Passed()
	},
}

var projectOSLogin = &scanner.Rule{
	ID:    "google-compute-project-os-login",
	Title: "Project-wide metadata enables OS Login",
	Description: "OS Login ties SSH access to IAM identities instead of keys pasted into metadata, so that access is " +
		"granted by role and removed with the account. Setting enable-oslogin = TRUE in project metadata turns it on " +
		"for every instance that does not opt out. CC6.2 expects credentials issued to and removed from registered " +
		"users. The rule checks google_compute_project_metadata, and google_compute_project_metadata_item for the " +
		"enable-oslogin key (an organization policy constraint compute.requireOsLogin achieves the same outside " +
		"this configuration).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.2", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: projectMetadataTypes,
	Remediation:   "Set enable-oslogin = TRUE in project metadata.",
	RemediationCode: `resource "google_compute_project_metadata_item" "oslogin" {
  key   = "enable-oslogin"
  value = "TRUE"
}`,
	Links: []string{
		googleDocs + "compute_project_metadata_item",
		"https://cloud.google.com/compute/docs/oslogin/set-up-oslogin",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_33"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0042"},
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_project_metadata" "project" {
  metadata = {
    enable-oslogin = "TRUE"
  }
}

resource "google_compute_project_metadata_item" "other" {
  key   = "startup-script"
  value = "echo hi"
}`, NotApplicable: []string{"google_compute_project_metadata_item.other"}}},
	Bad: []scanner.Example{{Code: `
variable "value" {
  type = string
}

resource "google_compute_project_metadata" "project" {
  metadata = {
    foo = "bar"
  }
}

resource "google_compute_project_metadata_item" "off" {
  key   = "enable-oslogin"
  value = "FALSE"
}

resource "google_compute_project_metadata_item" "unknown" {
  key   = "enable-oslogin"
  value = var.value
}`,
		Fails:    []string{"google_compute_project_metadata.project", "google_compute_project_metadata_item.off"},
		Unknowns: []string{"google_compute_project_metadata_item.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		e := metadataKey(r, "enable-oslogin")
		switch {
		case e.Unknown:
			return scanner.Unknowable(e.Range, "enable-oslogin is not known until apply")
		case e.Set && e.isTrue():
			return scanner.Passed()
		case e.Set:
			return scanner.Failed(e.Range, "enable-oslogin is %q: OS Login is off for the project's instances", e.Value)
		case r.Type == "google_compute_project_metadata_item":
			return scanner.DoesNotApply("the item sets another metadata key")
		}
		return scanner.Failed(e.Range, "project metadata does not set enable-oslogin = TRUE: instances accept unmanaged metadata SSH keys")
	},
}

var instanceBlockProjectSSHKeys = &scanner.Rule{
	ID:    "google-compute-instance-block-project-ssh-keys",
	Title: "VM instances block project-wide SSH keys",
	Description: "A key added to project metadata opens SSH to every instance of the project that does not block it, " +
		"far beyond the machines its holder needs. CC6.3 expects access granted by need. Set block-project-ssh-keys = TRUE " +
		"in the instance's metadata; an instance with enable-oslogin = TRUE passes too, because OS Login ignores " +
		"metadata keys. An instance created from a template whose own metadata sets neither key takes both from the " +
		"template, judged on the template; when it sets one, a key it does not set is read from the template if that " +
		"is in the configuration, and is unknown otherwise.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: metadataTypes,
	Remediation:   "Set block-project-ssh-keys = TRUE in the metadata, or enable OS Login.",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  metadata = {
    block-project-ssh-keys = "TRUE"
  }
}`,
	Links: []string{
		computeInstanceDocs + "#metadata",
		"https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_32"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0030"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "blocked", "", metadataHCL("block-project-ssh-keys", "TRUE")) +
			vm("google_compute_instance_template", "oslogin", "", metadataHCL("enable-oslogin", "TRUE"))}, {
			Code: vm("google_compute_instance_template", "oslogin", "", metadataHCL("enable-oslogin", "TRUE")) +
				fromTemplateHCL("inherits", metadataHCL("startup-script", "echo hi")) +
				fromTemplateHCL("blocked", metadataHCL("block-project-ssh-keys", "TRUE")) + `
resource "google_compute_instance_from_template" "template_oslogin" {
  name                     = "template-oslogin"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.oslogin.self_link
  metadata = {
    block-project-ssh-keys = "FALSE"
  }
}`,
			NotApplicable: []string{fromTemplateType + ".inherits"},
		}}
		bad = []scanner.Example{{Code: `
variable "metadata" {
  type = map(string)
}
` + vm("google_compute_instance", "open", "", "") +
			vm("google_compute_instance_template", "off", "", metadataHCL("block-project-ssh-keys", "false")) +
			vm("google_compute_region_instance_template", "unknown", "", "metadata = var.metadata"),
			Fails:    []string{"google_compute_instance.open", "google_compute_instance_template.off"},
			Unknowns: []string{"google_compute_region_instance_template.unknown"},
		}, {Code: vm("google_compute_instance_template", "plain", "", "") +
			fromTemplateHCL("open", metadataHCL("block-project-ssh-keys", "FALSE")) + `
resource "google_compute_instance_from_template" "template_open" {
  name                     = "template-open"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.plain.self_link
  metadata = {
    enable-oslogin = "FALSE"
  }
}`,
			Fails:    []string{"google_compute_instance_template.plain", fromTemplateType + ".template_open"},
			Unknowns: []string{fromTemplateType + ".open"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if res, ok := metadataInherited(r, "block-project-ssh-keys", "enable-oslogin"); ok {
			return res
		}
		block, blockOutside := ownOrTemplateMetadataKey(r, ctx, "block-project-ssh-keys")
		oslogin, osloginOutside := ownOrTemplateMetadataKey(r, ctx, "enable-oslogin")
		switch {
		case block.Set && block.isTrue(), oslogin.Set && oslogin.isTrue():
			return scanner.Passed()
		case block.Unknown:
			return scanner.Unknowable(block.Range, "the metadata's block-project-ssh-keys is not known until apply")
		case oslogin.Unknown:
			return scanner.Unknowable(oslogin.Range, "the metadata's enable-oslogin is not known until apply")
		case blockOutside:
			return scanner.Unknowable(r.Range, "the metadata does not set block-project-ssh-keys: it comes from source_instance_template, which is not in this configuration")
		case osloginOutside:
			return scanner.Unknowable(r.Range, "the metadata does not set enable-oslogin: it comes from source_instance_template, which is not in this configuration")
		}
		return scanner.Failed(block.Range, "block-project-ssh-keys is not TRUE and OS Login is not enabled: project-wide SSH keys open this VM")
	},
}

// shieldedCheck builds the check of one Shielded VM switch, which the
// provider defaults to def when shielded_instance_config or the argument is
// absent.
func shieldedCheck(arg string, def bool, what string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, dynamic := r.Follow("shielded_instance_config")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "shielded_instance_config is not known until apply")
		case cfg == nil && r.Type == fromTemplateType:
			return scanner.DoesNotApply("shielded_instance_config is not set: the instance takes it from source_instance_template, which is judged on its own")
		}
		v := scanner.Value{Name: arg, Range: r.Range}
		if cfg != nil {
			v = cfg.Attr(arg)
		}
		return scanner.RequireTrueOr(v, def, fmt.Sprintf("shielded_instance_config.%s is off: %s", arg, what))
	}
}

// saTypes are the resources the instance service account rules judge.
var saTypes = append(append([]string{}, instanceTypes...), fromTemplateType)

// saInherited answers, for an instance created from a template without a
// service_account block of its own, that the rule does not apply: the
// instance takes the template's account, judged on the template.
func saInherited(r *scanner.Resource) (scanner.Result, bool) {
	if r.Type != fromTemplateType || r.BlocksUnknown("service_account") || len(r.Blocks("service_account")) > 0 {
		return scanner.Result{}, false
	}
	return scanner.DoesNotApply("service_account is not set: the instance takes it from source_instance_template, which is judged on its own"), true
}

// saFromTemplateGood is the example of an instance created from a template
// that leaves the service account to the template.
func saFromTemplateGood() scanner.Example {
	return scanner.Example{Code: fromTemplateHCL("inherits", ""), NotApplicable: []string{fromTemplateType + ".inherits"}}
}

// saFromTemplateBad is the example of an instance created from a template
// that runs as the default service account with the cloud-platform scope
// over the template.
func saFromTemplateBad() scanner.Example {
	return scanner.Example{Code: fromTemplateHCL("default_sa", "service_account {\n  scopes = [\"cloud-platform\"]\n}"), Fails: []string{fromTemplateType + ".default_sa"}}
}

// shieldedTypes are the resources the Shielded VM rules judge.
var shieldedTypes = append(append([]string{}, instanceTypes...), fromTemplateType)

// shieldedFromTemplateGood is the example of an instance created from a
// template that leaves Shielded VM to the template.
func shieldedFromTemplateGood() scanner.Example {
	return scanner.Example{Code: fromTemplateHCL("inherits", ""), NotApplicable: []string{fromTemplateType + ".inherits"}}
}

// shieldedFromTemplateBad is the example of an instance created from a
// template that turns arg off over the template.
func shieldedFromTemplateBad(arg string) scanner.Example {
	return scanner.Example{Code: fromTemplateHCL("off", "shielded_instance_config {\n  "+arg+" = false\n}"), Fails: []string{fromTemplateType + ".off"}}
}

// shieldedDescription is the shared reasoning of the Shielded VM rules.
const shieldedDescription = "Shielded VM protects the boot chain of an instance: Secure Boot refuses unsigned " +
	"bootloaders and kernel modules, the virtual TPM measures what booted, and integrity monitoring compares the " +
	"measurements with a known-good baseline and logs a deviation. CC6.8 expects controls that prevent or detect " +
	"unauthorised or malicious software. The rule checks instances, instance templates and instances created from a template that set shielded_instance_config; "

var instanceSecureBoot = &scanner.Rule{
	ID:            "google-compute-instance-shielded-secure-boot",
	Title:         "VM instances and templates enable Shielded VM Secure Boot",
	Description:   shieldedDescription + "Secure Boot is off unless enable_secure_boot = true.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.8", Secondary: []string{"CC7.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: shieldedTypes,
	Remediation:   "Add shielded_instance_config { enable_secure_boot = true } (the image must support Shielded VM).",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}`,
	Links: []string{
		computeInstanceDocs + "#shielded_instance_config",
		"https://cloud.google.com/compute/shielded-vm/docs/shielded-vm",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_39"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0067"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "shielded", "", `shielded_instance_config {
  enable_secure_boot = true
}`)}, shieldedFromTemplateGood()}
		bad = []scanner.Example{{Code: `
variable "secure_boot" {
  type = bool
}
` + vm("google_compute_instance", "plain", "", "") +
			vm("google_compute_instance_template", "off", "", `shielded_instance_config {
  enable_vtpm = true
}`) + vm("google_compute_region_instance_template", "unknown", "", `shielded_instance_config {
  enable_secure_boot = var.secure_boot
}`),
			Fails:    []string{"google_compute_instance.plain", "google_compute_instance_template.off"},
			Unknowns: []string{"google_compute_region_instance_template.unknown"},
		}, shieldedFromTemplateBad("enable_secure_boot")}
		return good, bad
	},
	Check: shieldedCheck("enable_secure_boot", false, "unsigned boot components and kernel modules can load"),
}

var instanceVTPM = &scanner.Rule{
	ID:            "google-compute-instance-shielded-vtpm",
	Title:         "VM instances and templates keep the Shielded VM virtual TPM on",
	Description:   shieldedDescription + "the vTPM is on by default and fails only when enable_vtpm = false.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.8", Secondary: []string{"CC7.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: shieldedTypes,
	Remediation:   "Remove enable_vtpm = false from shielded_instance_config.",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  shielded_instance_config {
    enable_vtpm = true
  }
}`,
	Links: []string{
		computeInstanceDocs + "#shielded_instance_config",
		"https://cloud.google.com/compute/shielded-vm/docs/shielded-vm#vtpm",
	},
	References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0041"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "default", "", "")}, shieldedFromTemplateGood()}
		bad = []scanner.Example{{Code: vm("google_compute_instance", "off", "", `shielded_instance_config {
  enable_vtpm = false
}`), Fails: []string{"google_compute_instance.off"}}, shieldedFromTemplateBad("enable_vtpm")}
		return good, bad
	},
	Check: shieldedCheck("enable_vtpm", true, "boot measurements are not recorded"),
}

var instanceIntegrityMonitoring = &scanner.Rule{
	ID:            "google-compute-instance-shielded-integrity-monitoring",
	Title:         "VM instances and templates keep Shielded VM integrity monitoring on",
	Description:   shieldedDescription + "integrity monitoring is on by default and fails only when enable_integrity_monitoring = false.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC6.8", "CC7.2"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: shieldedTypes,
	Remediation:   "Remove enable_integrity_monitoring = false from shielded_instance_config.",
	RemediationCode: `resource "google_compute_instance_template" "app" {
  # ...
  shielded_instance_config {
    enable_integrity_monitoring = true
  }
}`,
	Links: []string{
		computeInstanceDocs + "#shielded_instance_config",
		"https://cloud.google.com/compute/shielded-vm/docs/integrity-monitoring",
	},
	References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0045"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance_template", "default", "", "")}, shieldedFromTemplateGood()}
		bad = []scanner.Example{{Code: vm("google_compute_instance_template", "off", "", `shielded_instance_config {
  enable_integrity_monitoring = false
}`), Fails: []string{"google_compute_instance_template.off"}}, shieldedFromTemplateBad("enable_integrity_monitoring")}
		return good, bad
	},
	Check: shieldedCheck("enable_integrity_monitoring", true, "a tampered boot chain goes unnoticed"),
}

var instanceIPForwarding = &scanner.Rule{
	ID:    "google-compute-instance-no-ip-forwarding",
	Title: "VM instances and templates do not forward IP packets",
	Description: "can_ip_forward = true lets a VM send and receive packets whose addresses are not its own, so that it " +
		"can route around firewall rules and spoof traffic. CC6.6 expects network boundaries enforced. Only appliances " +
		"(NAT gateways, firewalls, VPN endpoints) need it; suppress the finding for them with the reason. An instance " +
		"created from a template that does not set can_ip_forward takes the template's, judged on the template.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: append(append([]string{}, instanceTypes...), fromTemplateType),
	Remediation:   "Remove can_ip_forward = true, or document the appliance and suppress the finding.",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  can_ip_forward = false
}`,
	Links: []string{
		computeInstanceDocs + "#can_ip_forward",
		"https://cloud.google.com/vpc/docs/using-routes#canipforward",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_36"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0043"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "app", "", "can_ip_forward = false")}, {
			Code:          fromTemplateHCL("inherits", "") + fromTemplateHCL("off", "can_ip_forward = false"),
			NotApplicable: []string{fromTemplateType + ".inherits"},
		}}
		bad = []scanner.Example{{Code: `
variable "forward" {
  type = bool
}
` + vm("google_compute_instance", "router", "", "can_ip_forward = true") +
			vm("google_compute_instance_template", "unknown", "", "can_ip_forward = var.forward"),
			Fails:    []string{"google_compute_instance.router"},
			Unknowns: []string{"google_compute_instance_template.unknown"},
		}, {Code: fromTemplateHCL("router", "can_ip_forward = true"), Fails: []string{fromTemplateType + ".router"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == fromTemplateType && r.Attr("can_ip_forward").IsNull() {
			return scanner.DoesNotApply("can_ip_forward is not set: the instance takes it from source_instance_template, which is judged on its own")
		}
		return scanner.RequireFalseOr(r.Attr("can_ip_forward"), false, "can_ip_forward is true: the VM can route and spoof traffic around firewall rules")
	},
}

// instanceServiceAccount returns an instance's service_account block (nil
// when absent: the VM has no service account) and whether it runs as the
// default service account.
func instanceServiceAccount(r *scanner.Resource) (sa *scanner.Block, isDefault scanner.Tri, unknown bool) {
	sa, dynamic := r.Follow("service_account")
	unknown = dynamic != ""
	if unknown || sa == nil {
		return sa, scanner.No, unknown
	}
	return sa, usesDefaultSA(sa.Attr("email")), false
}

var instanceNoDefaultSA = &scanner.Rule{
	ID:    "google-compute-instance-no-default-service-account",
	Title: "VM instances and templates do not run as the Compute Engine default service account",
	Description: "The Compute Engine default service account is shared by every VM of the project that does not name " +
		"another, and older projects grant it the Editor role: code on any VM then acts with the rights of all. CC6.3 " +
		"expects access granted by need. Give each workload its own service account with the roles it needs. A " +
		"service_account block without email uses the default account; a VM without the block has no account at all.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: saTypes,
	Remediation:   "Create a google_service_account for the workload and set service_account.email to it.",
	RemediationCode: `resource "google_service_account" "app" {
  account_id = "app-vm"
}

resource "google_compute_instance" "app" {
  # ...
  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
}`,
	Links: []string{
		computeInstanceDocs + "#service_account",
		"https://cloud.google.com/compute/docs/access/service-accounts#default_service_account",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_30"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0044"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "own", "", `service_account {
  email  = "app@acme.iam.gserviceaccount.com"
  scopes = ["cloud-platform"]
}`) + vm("google_compute_instance", "none", "", "")}, saFromTemplateGood()}
		bad = []scanner.Example{{Code: `
variable "email" {
  type = string
}
` + vm("google_compute_instance", "implicit", "", `service_account {
  scopes = ["cloud-platform"]
}`) + vm("google_compute_instance_template", "named", "", `service_account {
  email  = "123456789-compute@developer.gserviceaccount.com"
  scopes = ["logging-write"]
}`) + vm("google_compute_instance_template", "unknown", "", `service_account {
  email  = var.email
  scopes = ["cloud-platform"]
}`),
			Fails:    []string{"google_compute_instance.implicit", "google_compute_instance_template.named"},
			Unknowns: []string{"google_compute_instance_template.unknown"},
		}, saFromTemplateBad()}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res, inherited := saInherited(r); inherited {
			return res
		}
		sa, isDefault, unknown := instanceServiceAccount(r)
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "service_account is not known until apply")
		case isDefault == scanner.Maybe:
			return scanner.Unknowable(sa.Attr("email").Range, "service_account.email is not known until apply")
		case isDefault == scanner.Yes:
			return scanner.Failed(attrRange(sa.Attr("email"), sa.Range), "the VM runs as the Compute Engine default service account")
		}
		return scanner.Passed()
	},
}

var instanceDefaultSAFullAccess = &scanner.Rule{
	ID:    "google-compute-instance-default-sa-full-access",
	Title: "VMs do not run as the default service account with access to all Cloud APIs",
	Description: "The default service account with the cloud-platform scope hands every process on the VM a token for " +
		"every Google Cloud API with the account's (often Editor) rights: one compromised VM then controls the project. " +
		"CC6.3 expects access granted by need. This is the worst case of the default-service-account rule and is ranked " +
		"higher.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: saTypes,
	Remediation:   "Run the VM as a dedicated service account; if the default account must stay, narrow scopes to what the workload needs.",
	RemediationCode: `resource "google_compute_instance" "app" {
  # ...
  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
}`,
	Links: []string{
		computeInstanceDocs + "#service_account",
		"https://cloud.google.com/compute/docs/access/service-accounts#scopes_best_practice",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_31"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: vm("google_compute_instance", "narrow", "", `service_account {
  scopes = ["logging-write", "monitoring-write"]
}`) + vm("google_compute_instance", "own", "", `service_account {
  email  = "app@acme.iam.gserviceaccount.com"
  scopes = ["cloud-platform"]
}`)}, saFromTemplateGood()}
		bad = []scanner.Example{{Code: `
variable "scopes" {
  type = list(string)
}
` + vm("google_compute_instance", "full", "", `service_account {
  scopes = ["https://www.googleapis.com/auth/cloud-platform"]
}`) + vm("google_compute_instance_template", "unknown", "", `service_account {
  scopes = var.scopes
}`),
			Fails:    []string{"google_compute_instance.full"},
			Unknowns: []string{"google_compute_instance_template.unknown"},
		}, saFromTemplateBad()}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res, inherited := saInherited(r); inherited {
			return res
		}
		sa, isDefault, unknown := instanceServiceAccount(r)
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "service_account is not known until apply")
		case isDefault == scanner.No:
			return scanner.Passed()
		}
		scopes := sa.Attr("scopes")
		list, incomplete := scopes.KnownStrings()
		switch {
		case !cloudPlatformScope(list) && incomplete:
			return scanner.Unknowable(scopes.Range, "service_account.scopes is not known until apply")
		case !cloudPlatformScope(list):
			return scanner.Passed()
		case isDefault == scanner.Maybe:
			return scanner.Unknowable(sa.Attr("email").Range, "service_account.email is not known until apply")
		}
		return scanner.Failed(scopes.Range, "the VM runs as the default service account with the cloud-platform scope: every API with the account's rights")
	},
}

var templateDiskCMEK = &scanner.Rule{
	ID:    "google-compute-instance-template-disk-cmek",
	Title: "Instance template disks are encrypted with a customer-managed key",
	Description: "Google encrypts every disk at rest with Google-managed keys; a Cloud KMS key (CMEK) adds control the " +
		"auditor can see: rotation, logs of key use, and the ability to revoke access to the data. CC6.1 lists key " +
		"protection among logical access controls. Every disk an instance template creates for a managed instance group " +
		"needs disk_encryption_key { kms_key_self_link }; attaching an existing disk by source is judged on that disk.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_compute_instance_template", "google_compute_region_instance_template"},
	Remediation:   "Add disk_encryption_key { kms_key_self_link = <Cloud KMS key> } to every disk block.",
	RemediationCode: `resource "google_compute_instance_template" "app" {
  # ...
  disk {
    source_image = "debian-cloud/debian-12"
    disk_encryption_key {
      kms_key_self_link = google_kms_crypto_key.disks.id
    }
  }
}`,
	Links: []string{
		computeTemplateDocs + "#disk_encryption_key",
		"https://cloud.google.com/compute/docs/disks/customer-managed-encryption",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_compute_instance_template" "app" {
  name_prefix  = "app-"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
    disk_encryption_key {
      kms_key_self_link = "projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/disks"
    }
  }
  disk {
    source = "existing-data-disk"
  }
  network_interface {
    network = "default"
  }
}`}}
		bad = []scanner.Example{{Code: `
variable "disks" {
  type = list(any)
}
` + vm("google_compute_instance_template", "plain", "", "") + `
resource "google_compute_region_instance_template" "unknown" {
  name_prefix  = "app-"
  machine_type = "e2-small"
  region       = "europe-west1"
  dynamic "disk" {
    for_each = var.disks
    content {
      source_image = disk.value.image
    }
  }
  network_interface {
    network = "default"
  }
}`,
			Fails:    []string{"google_compute_instance_template.plain"},
			Unknowns: []string{"google_compute_region_instance_template.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		for _, d := range r.Blocks("disk") {
			if d.Attr("source").IsSet() {
				continue
			}
			key, dynamic := d.Follow("disk_encryption_key")
			switch {
			case dynamic != "":
				return scanner.Unknowable(d.Range, "disk_encryption_key is not known until apply")
			case key == nil || (key.Attr("kms_key_self_link").IsNull() && key.Attr("kms_key_service_account").IsNull()):
				return scanner.Failed(d.Range, "a template disk is encrypted only with a Google-managed key: disk_encryption_key.kms_key_self_link is not set")
			}
		}
		if r.BlocksUnknown("disk") {
			return scanner.Unknowable(r.Range, "the template's disks are not known until apply")
		}
		return scanner.Passed()
	},
}

var sslPolicyModernTLS = &scanner.Rule{
	ID:    "google-compute-ssl-policy-min-tls-1-2",
	Title: "Load balancer SSL policies require TLS 1.2 or later",
	Description: "An SSL policy's min_tls_version defaults to TLS_1_0, and TLS 1.0 and 1.1 have known weaknesses and are " +
		"deprecated (RFC 8996). CC6.7 expects data protected in transmission. The rule checks google_compute_ssl_policy " +
		"and google_compute_region_ssl_policy.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"google_compute_ssl_policy", "google_compute_region_ssl_policy"},
	Remediation:   `Set min_tls_version = "TLS_1_2" and profile = "MODERN" or "RESTRICTED".`,
	RemediationCode: `resource "google_compute_ssl_policy" "modern" {
  name            = "modern"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}`,
	Links: []string{
		googleDocs + "compute_ssl_policy",
		"https://cloud.google.com/load-balancing/docs/ssl-policies-concepts",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_4"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0039"},
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_ssl_policy" "modern" {
  name            = "modern"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tls" {
  type = string
}

resource "google_compute_ssl_policy" "default" {
  name = "default"
}

resource "google_compute_region_ssl_policy" "old" {
  name            = "old"
  region          = "europe-west1"
  min_tls_version = "TLS_1_1"
}

resource "google_compute_ssl_policy" "unknown" {
  name            = "unknown"
  min_tls_version = var.tls
}`,
		Fails:    []string{"google_compute_ssl_policy.default", "google_compute_region_ssl_policy.old"},
		Unknowns: []string{"google_compute_ssl_policy.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("min_tls_version")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "min_tls_version is not known until apply")
		case v.OneOf("TLS_1_2", "TLS_1_3"):
			return scanner.Passed()
		}
		return scanner.Failed(attrRange(v, r.Range), "min_tls_version is %s: clients may negotiate deprecated TLS 1.0 or 1.1", v.StringOr("TLS_1_0 (the default)"))
	},
}
