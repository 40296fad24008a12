package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const clusterDocs = googleDocs + "container_cluster"

var gkeLegacyABAC = &scanner.Rule{
	ID:    "google-gke-legacy-abac-disabled",
	Title: "GKE clusters do not use legacy ABAC authorization",
	Description: "Legacy attribute-based access control grants broad, static permissions that Kubernetes RBAC and IAM " +
		"cannot narrow, so any identity it covers can act across the cluster. CC6.3 expects access granted by role " +
		"according to need. enable_legacy_abac defaults to false; only an explicit true fails.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC1.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Remove enable_legacy_abac (or set it to false) and grant access with Kubernetes RBAC and IAM.",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  enable_legacy_abac = false
}`,
	Links: []string{
		clusterDocs + "#enable_legacy_abac",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_7"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0062"},
		{Tool: scanner.ToolTfsec, ID: "google-gke-use-rbac-permissions"},
	},
	Good: []scanner.Example{{Code: `
resource "google_container_cluster" "default" {
  name     = "main"
  location = "europe-west1"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_container_cluster" "abac" {
  name               = "main"
  location           = "europe-west1"
  enable_legacy_abac = true
}`, Fails: []string{"google_container_cluster.abac"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("enable_legacy_abac")
		on := v.BoolOr(false)
		switch on {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "enable_legacy_abac is not known until apply")
		case scanner.Yes:
			return scanner.Failed(v.Range, "enable_legacy_abac is true: legacy ABAC grants permissions RBAC cannot restrict")
		}
		return scanner.Passed()
	},
}

var gkeControlPlaneRestricted = &scanner.Rule{
	ID:    "google-gke-control-plane-restricted",
	Title: "GKE control plane endpoints are not open to the whole internet",
	Description: "By default a GKE cluster's control plane has a public endpoint that accepts connections from any address; " +
		"only authentication stands between the internet and the Kubernetes API, and API server vulnerabilities are " +
		"exposed to everyone. CC6.6 expects boundary protection. The rule passes when the endpoint is private " +
		"(private_cluster_config.enable_private_endpoint) or master_authorized_networks_config limits it to ranges other " +
		"than 0.0.0.0/0.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Add master_authorized_networks_config with the CIDR blocks of your offices, VPN and CI runners, or make the endpoint private.",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
  }
}`,
	Links: []string{
		clusterDocs + "#master_authorized_networks_config",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_20"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0061"},
		{Tool: scanner.ToolTfsec, ID: "google-gke-enable-master-networks"},
	},
	Good: []scanner.Example{{Code: `
resource "google_container_cluster" "authorized" {
  name     = "main"
  location = "europe-west1"
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
  }
}

resource "google_container_cluster" "private" {
  name     = "private"
  location = "europe-west1"
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_container_cluster" "default" {
  name     = "main"
  location = "europe-west1"
}

resource "google_container_cluster" "world" {
  name     = "world"
  location = "europe-west1"
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "0.0.0.0/0"
    }
  }
}`, Fails: []string{"google_container_cluster.default", "google_container_cluster.world"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		private, dynamic := r.Follow("private_cluster_config")
		if dynamic != "" {
			return scanner.Unknowable(r.Range, "private_cluster_config is not known until apply")
		}
		endpoint := private.Attr("enable_private_endpoint")
		switch {
		case endpoint.IsTrue():
			return scanner.Passed()
		case endpoint.IsUnknown():
			return scanner.Unknowable(endpoint.Range, "enable_private_endpoint is not known until apply")
		}
		man, dynamic := r.Follow("master_authorized_networks_config")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "master_authorized_networks_config is not known until apply")
		case man == nil:
			return scanner.Failed(r.Range, "no master_authorized_networks_config: the control plane endpoint accepts connections from any address")
		case man.Attr("enabled").IsFalse():
			return scanner.Failed(man.Attr("enabled").Range, "master_authorized_networks_config is disabled: the control plane endpoint accepts connections from any address")
		}
		unknown := man.BlocksUnknown("cidr_blocks")
		for _, b := range man.Blocks("cidr_blocks") {
			c := b.Attr("cidr_block")
			if c.IsUnknown() {
				unknown = true
				continue
			}
			if s, ok := c.AsString(); ok && strings.HasSuffix(strings.TrimSpace(s), "/0") {
				return scanner.Failed(c.Range, "master authorized network %q lets any address reach the control plane", s)
			}
		}
		if unknown {
			return scanner.Unknowable(man.Range, "the master authorized networks are not known until apply")
		}
		return scanner.Passed()
	},
}
