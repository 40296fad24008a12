package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const (
	containerRegistry = "azurerm_container_registry"
	aksCluster        = "azurerm_kubernetes_cluster"
)

var acrAdminUserDisabled = &scanner.Rule{
	ID:    "azure-acr-admin-user-disabled",
	Title: "Container registries have the admin user disabled",
	Description: "The registry admin user is one shared user name with two passwords that can push and pull every " +
		"image; whoever holds them is anonymous in the logs and keeps access until the passwords are regenerated. " +
		"Pushing a tampered image this way reaches production. CC6.1 and CC6.3 expect identified users with least " +
		"privilege. admin_enabled defaults to false.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.3", "CC8.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{containerRegistry},
	Remediation:   "Set admin_enabled = false and grant AcrPull / AcrPush roles to identities instead.",
	RemediationCode: `resource "azurerm_container_registry" "main" {
  # ...
  admin_enabled = false
}`,
	Links: []string{
		azurermDocs + "container_registry#admin_enabled",
		"https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_137"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_container_registry" "default" {
  name = "acme"
  sku  = "Premium"
}`}},
	Bad: []scanner.Example{{Code: `
variable "admin" {
  type = bool
}

resource "azurerm_container_registry" "admin" {
  name          = "acme"
  sku           = "Basic"
  admin_enabled = true
}

resource "azurerm_container_registry" "unknown" {
  name          = "acme2"
  sku           = "Basic"
  admin_enabled = var.admin
}`,
		Fails:    []string{"azurerm_container_registry.admin"},
		Unknowns: []string{"azurerm_container_registry.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("admin_enabled"), false, false, "a shared admin user can push and pull every image")
	},
}

var acrPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-acr-public-network-access-disabled",
	Title: "Container registries are not reachable from every network",
	Description: "A registry with public network access and no network rule set accepts logins and pulls from the " +
		"whole internet, so a leaked token is enough to copy or replace images. CC6.6 expects access from outside " +
		"the system boundary restricted. public_network_access_enabled defaults to true; the registry passes when it " +
		"is false, or when a network_rule_set denies by default (Premium).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{containerRegistry},
	Remediation:   "Set public_network_access_enabled = false and use private endpoints (Premium), or a network_rule_set with default_action = \"Deny\".",
	RemediationCode: `resource "azurerm_container_registry" "main" {
  # ...
  sku                           = "Premium"
  public_network_access_enabled = false
}`,
	Links: []string{
		azurermDocs + "container_registry#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_139"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_container_registry" "private" {
  name                          = "acme"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_container_registry" "rules" {
  name = "acme2"
  sku  = "Premium"
  network_rule_set {
    default_action = "Deny"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_container_registry" "default" {
  name = "acme"
  sku  = "Standard"
}

resource "azurerm_container_registry" "unknown" {
  name                          = "acme2"
  sku                           = "Premium"
  public_network_access_enabled = var.public
}`,
		Fails:    []string{"azurerm_container_registry.default"},
		Unknowns: []string{"azurerm_container_registry.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Get("network_rule_set", "default_action").Equals("Deny") {
			return scanner.Passed()
		}
		return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the registry")
	},
}

var acrAnonymousPull = &scanner.Rule{
	ID:    "azure-acr-anonymous-pull-disabled",
	Title: "Container registries do not allow anonymous pulls",
	Description: "Anonymous pull lets anyone on the internet download every image of the registry without signing " +
		"in, with whatever code, configuration and embedded secrets the images hold. C1.1 and CC6.1 expect " +
		"confidential information accessible only to authorised users. anonymous_pull_enabled defaults to false " +
		"(Standard and Premium only).",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1", "CC6.6"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{containerRegistry},
	Remediation:   "Set anonymous_pull_enabled = false and grant AcrPull to the identities that pull.",
	RemediationCode: `resource "azurerm_container_registry" "main" {
  # ...
  anonymous_pull_enabled = false
}`,
	Links: []string{
		azurermDocs + "container_registry#anonymous_pull_enabled",
		"https://learn.microsoft.com/en-us/azure/container-registry/anonymous-pull-access",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_138"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_container_registry" "default" {
  name = "acme"
  sku  = "Standard"
}`}},
	Bad: []scanner.Example{{Code: `
variable "anonymous" {
  type = bool
}

resource "azurerm_container_registry" "open" {
  name                   = "acme"
  sku                    = "Standard"
  anonymous_pull_enabled = true
}

resource "azurerm_container_registry" "unknown" {
  name                   = "acme2"
  sku                    = "Premium"
  anonymous_pull_enabled = var.anonymous
}`,
		Fails:    []string{"azurerm_container_registry.open"},
		Unknowns: []string{"azurerm_container_registry.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("anonymous_pull_enabled"), false, false, "anyone can pull every image without signing in")
	},
}

var acrGeoReplication = &scanner.Rule{
	ID:    "azure-acr-geo-replicated",
	Title: "Container registries are replicated to another region",
	Description: "A registry in one region is a single point of failure for every deployment: when the region is " +
		"down, no cluster anywhere can pull its images, and a regional disaster loses them. A1.2 expects recovery " +
		"infrastructure that survives the loss of a site. The rule passes a Premium registry with a georeplications " +
		"block (or an azurerm_container_registry_replication) in another location.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1", "CC9.1"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{containerRegistry},
	Remediation:   "Use the Premium SKU and add a georeplications block in another region (ideally the paired one).",
	RemediationCode: `resource "azurerm_container_registry" "main" {
  # ...
  sku = "Premium"
  georeplications {
    location                = "northeurope"
    zone_redundancy_enabled = true
  }
}`,
	Links: []string{
		azurermDocs + "container_registry#georeplications",
		"https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_165"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_container_registry" "geo" {
  name     = "acme"
  location = "westeurope"
  sku      = "Premium"
  georeplications {
    location = "northeurope"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "replicas" {
  type = list(string)
}

resource "azurerm_container_registry" "single" {
  name     = "acme"
  location = "westeurope"
  sku      = "Standard"
}

resource "azurerm_container_registry" "unknown" {
  name     = "acme2"
  location = "westeurope"
  sku      = "Premium"
  dynamic "georeplications" {
    for_each = var.replicas
    content {
      location = georeplications.value
    }
  }
}`,
		Fails:    []string{"azurerm_container_registry.single"},
		Unknowns: []string{"azurerm_container_registry.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("georeplications") {
			return scanner.Unknowable(r.Range, "the georeplications blocks are not known until apply")
		}
		if len(r.Blocks("georeplications")) > 0 || len(referrersOf(ctx, r, "azurerm_container_registry_replication", "container_registry_id")) > 0 {
			return scanner.Passed()
		}
		if res, decided := undecidedLink(ctx, r, "azurerm_container_registry_replication", "container_registry_id"); decided {
			return res
		}
		return scanner.Failed(r.Range, "the registry has no replica in another region: a regional outage stops every image pull")
	},
}

var aksAPIServerAccess = &scanner.Rule{
	ID:    "azure-aks-api-server-restricted",
	Title: "AKS API servers are private or limited to authorised IP ranges",
	Description: "The Kubernetes API server controls the whole cluster. With a public endpoint and no authorised IP " +
		"ranges, anyone on the internet can reach it and try stolen or leaked credentials, or exploit an API server " +
		"vulnerability. CC6.6 expects access from outside the system boundary restricted. The rule passes a private " +
		"cluster (private_cluster_enabled) or one whose api_server_access_profile (api_server_authorized_ip_ranges " +
		"in azurerm 2.x) lists authorised ranges other than 0.0.0.0/0.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{aksCluster},
	Remediation:   "Set private_cluster_enabled = true, or list the administrators' and CI runners' ranges in api_server_access_profile.authorized_ip_ranges.",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#authorized_ip_ranges",
		"https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges",
		"https://learn.microsoft.com/en-us/azure/aks/private-clusters",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_6"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_115"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0041"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "private" {
  name                    = "acme"
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "ranges" {
  name = "acme2"
  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "ranges" {
  type = list(string)
}

resource "azurerm_kubernetes_cluster" "public" {
  name = "acme"
}

resource "azurerm_kubernetes_cluster" "everyone" {
  name = "acme2"
  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name = "acme3"
  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
}`,
		Fails:    []string{"azurerm_kubernetes_cluster.public", "azurerm_kubernetes_cluster.everyone"},
		Unknowns: []string{"azurerm_kubernetes_cluster.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		private := r.Attr("private_cluster_enabled")
		switch private.BoolOr(false) {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(private.Range, "private_cluster_enabled is not known until apply")
		}
		if r.BlocksUnknown("api_server_access_profile") {
			return scanner.Unknowable(r.Range, "api_server_access_profile is not known until apply")
		}
		ranges := r.Attr("api_server_authorized_ip_ranges")
		if p := r.FirstBlock("api_server_access_profile"); p != nil && !ranges.IsSet() {
			ranges = p.Attr("authorized_ip_ranges")
		}
		items, incomplete := ranges.KnownStrings()
		for _, cidr := range items {
			if isPublicSource(cidr) {
				return scanner.Failed(ranges.Range, "authorized_ip_ranges include %s: the API server is open to the internet", cidr)
			}
		}
		switch {
		case len(items) > 0:
			return scanner.Passed()
		case incomplete:
			return scanner.Unknowable(ranges.Range, "authorized_ip_ranges are not known until apply")
		}
		return scanner.Failed(r.Range, "the cluster is public and has no authorised IP ranges: the API server is reachable from the internet")
	},
}

var aksEntraRBAC = &scanner.Rule{
	ID:    "azure-aks-entra-rbac",
	Title: "AKS clusters use Kubernetes RBAC with Microsoft Entra ID",
	Description: "Without Kubernetes RBAC every authenticated user is a cluster administrator; without Entra ID " +
		"integration, cluster access rests on client certificates that cannot be revoked individually and bypass " +
		"MFA and conditional access. CC6.1 and CC6.3 expect identified users with least privilege. The rule fails a " +
		"cluster with role_based_access_control_enabled = false (it defaults to true) or without an " +
		"azure_active_directory_role_based_access_control block.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2", "CC6.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{aksCluster},
	Remediation:   "Keep role_based_access_control_enabled = true and add azure_active_directory_role_based_access_control with azure_rbac_enabled = true (or admin_group_object_ids).",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = [azuread_group.aks_admins.object_id]
  }
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#azure_active_directory_role_based_access_control",
		"https://learn.microsoft.com/en-us/azure/aks/enable-authentication-microsoft-entra-id",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_5"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0042"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "entra" {
  name = "acme"
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "aad" {
  type = list(string)
}

resource "azurerm_kubernetes_cluster" "certs" {
  name = "acme"
}

resource "azurerm_kubernetes_cluster" "no_rbac" {
  name                              = "acme2"
  role_based_access_control_enabled = false
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name = "acme3"
  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.aad
    content {
      azure_rbac_enabled = true
    }
  }
}`,
		Fails:    []string{"azurerm_kubernetes_cluster.certs", "azurerm_kubernetes_cluster.no_rbac"},
		Unknowns: []string{"azurerm_kubernetes_cluster.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res := requireSwitch(r.Attr("role_based_access_control_enabled"), true, true, "every authenticated user administers the cluster"); res.Status != scanner.Pass {
			return res
		}
		const block = "azure_active_directory_role_based_access_control"
		if r.BlocksUnknown(block) {
			return scanner.Unknowable(r.Range, "%s is not known until apply", block)
		}
		if r.FirstBlock(block) == nil {
			return scanner.Failed(r.Range, "no %s block: cluster access is not tied to Entra ID identities", block)
		}
		return scanner.Passed()
	},
}

var aksLocalAccountsDisabled = &scanner.Rule{
	ID:    "azure-aks-local-accounts-disabled",
	Title: "AKS clusters have local accounts disabled",
	Description: "Even with Entra ID integration, AKS keeps a local cluster-admin account whose static certificate " +
		"anyone with the listClusterAdminCredential permission can download; it bypasses Entra ID, MFA and audit of " +
		"who acted. CC6.1 and CC6.2 expect identified users and access that can be revoked. local_account_disabled " +
		"defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{aksCluster},
	Remediation:   "Set local_account_disabled = true (requires Entra ID integration).",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  local_account_disabled = true
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#local_account_disabled",
		"https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_141"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "entra_only" {
  name                   = "acme"
  local_account_disabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "local" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "default" {
  name = "acme"
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name                   = "acme2"
  local_account_disabled = var.local
}`,
		Fails:    []string{"azurerm_kubernetes_cluster.default"},
		Unknowns: []string{"azurerm_kubernetes_cluster.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("local_account_disabled"), false, true, "a static cluster-admin certificate bypasses Entra ID")
	},
}

var aksDiskEncryptionSet = &scanner.Rule{
	ID:    "azure-aks-disk-encryption-set",
	Title: "AKS node disks are encrypted with a customer-managed key",
	Description: "Node OS and data disks are encrypted with platform-managed keys unless the cluster names a disk " +
		"encryption set backed by a Key Vault key, which you can rotate, audit and revoke. CC6.1 lists key protection " +
		"among logical access controls; C1.1 expects confidential data protected.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{aksCluster},
	Remediation:   "Set disk_encryption_set_id to an azurerm_disk_encryption_set backed by a Key Vault key (at cluster creation).",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#disk_encryption_set_id",
		"https://learn.microsoft.com/en-us/azure/aks/azure-disk-customer-managed-keys",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_117"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "cmk" {
  name                   = "acme"
  disk_encryption_set_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "platform_key" {
  name = "acme"
}`, Fails: []string{"azurerm_kubernetes_cluster.platform_key"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireSet(r.Attr("disk_encryption_set_id"), "no disk_encryption_set_id: node disks are encrypted only with a platform-managed key")
	},
}

var aksNetworkPolicy = &scanner.Rule{
	ID:    "azure-aks-network-policy",
	Title: "AKS clusters enforce network policies",
	Description: "Without a network policy engine every pod can reach every other pod, so one compromised workload can " +
		"reach databases and internal services across namespaces. CC6.6 expects network segmentation. The rule " +
		"passes a cluster whose network_profile sets network_policy (azure, calico or cilium).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{aksCluster},
	Remediation:   "Set network_profile.network_policy (\"azure\", \"calico\" or \"cilium\") and write NetworkPolicy objects that deny by default.",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#network_policy",
		"https://learn.microsoft.com/en-us/azure/aks/use-network-policies",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_7"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0043"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "policy" {
  name = "acme"
  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "policy" {
  type = string
}

resource "azurerm_kubernetes_cluster" "flat" {
  name = "acme"
  network_profile {
    network_plugin = "kubenet"
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name = "acme2"
  network_profile {
    network_plugin = "azure"
    network_policy = var.policy
  }
}`,
		Fails:    []string{"azurerm_kubernetes_cluster.flat"},
		Unknowns: []string{"azurerm_kubernetes_cluster.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("network_profile") {
			return scanner.Unknowable(r.Range, "network_profile is not known until apply")
		}
		v := r.Get("network_profile", "network_policy")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "network_policy is not known until apply")
		case v.IsSet() && !v.Equals("none"):
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "no network_policy: every pod can reach every other pod")
	},
}

var aksMonitoring = &scanner.Rule{
	ID:    "azure-aks-monitoring",
	Title: "AKS clusters send logs to Azure Monitor",
	Description: "Without Container Insights (the oms_agent add-on) or a diagnostic setting, the cluster's control-plane " +
		"and container logs stay on the nodes and disappear with them, leaving no record of who did what to the " +
		"cluster. CC7.2 expects security-relevant events logged and monitored. The rule passes a cluster with an " +
		"oms_agent block or that is the target of an azurerm_monitor_diagnostic_setting or of an azapi " +
		"Microsoft.Insights/diagnosticSettings child; a setting whose count or for_each is only known after apply " +
		"may not exist, which leaves the cluster unknown.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{aksCluster},
	Remediation:   "Add an oms_agent block with a Log Analytics workspace, and a diagnostic setting for kube-audit-admin.",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  }
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#oms_agent",
		"https://learn.microsoft.com/en-us/azure/aks/monitor-aks",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_4"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0040"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "monitored" {
  name = "acme"
  oms_agent {
    log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  }
}

resource "azurerm_kubernetes_cluster" "diag" {
  name = "acme2"
}

resource "azurerm_monitor_diagnostic_setting" "diag" {
  name                       = "aks"
  target_resource_id         = azurerm_kubernetes_cluster.diag.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  enabled_log {
    category = "kube-audit-admin"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "oms" {
  type = list(string)
}

resource "azurerm_kubernetes_cluster" "silent" {
  name = "acme"
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name = "acme2"
  dynamic "oms_agent" {
    for_each = var.oms
    content {
      log_analytics_workspace_id = oms_agent.value
    }
  }
}

variable "diagnostics" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "maybe" {
  name = "acme3"
}

# Whether the setting exists is only known after apply.
resource "azurerm_monitor_diagnostic_setting" "maybe" {
  count                      = var.diagnostics ? 1 : 0
  name                       = "aks"
  target_resource_id         = azurerm_kubernetes_cluster.maybe.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  enabled_log {
    category = "kube-audit-admin"
  }
}`,
		Fails:    []string{"azurerm_kubernetes_cluster.silent"},
		Unknowns: []string{"azurerm_kubernetes_cluster.unknown", "azurerm_kubernetes_cluster.maybe"},
		Expect: map[string]scanner.Expected{
			"azurerm_kubernetes_cluster.maybe": {Message: "azurerm_monitor_diagnostic_setting.maybe may send the cluster's logs, but its count or for_each is only known after apply: it may not exist"},
		},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.FirstBlock("oms_agent") != nil {
			return scanner.Passed()
		}
		res, decided, _ := diagnosticLogging(ctx, r, anySetting, "the cluster's logs")
		switch {
		case decided && res.Status == scanner.Pass:
			return res
		case r.BlocksUnknown("oms_agent"):
			return scanner.Unknowable(r.Range, "oms_agent is not known until apply")
		case decided:
			return res
		}
		return scanner.Failed(r.Range, "no oms_agent and no diagnostic setting: cluster logs are not collected")
	},
}
