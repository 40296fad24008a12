package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const redisCache = "azurerm_redis_cache"

// messagingNamespaces are the Event Hubs and Service Bus namespaces, which
// share their TLS and local authentication arguments.
var messagingNamespaces = []string{"azurerm_eventhub_namespace", "azurerm_servicebus_namespace"}

var redisNonSSLPort = &scanner.Rule{
	ID:    "azure-redis-non-ssl-port-disabled",
	Title: "Azure Cache for Redis does not open its unencrypted port",
	Description: "The non-SSL port 6379 carries the access key and every cached value in the clear. CC6.7 expects data " +
		"in transit encrypted. enable_non_ssl_port (non_ssl_port_enabled in azurerm 4) defaults to false.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{redisCache},
	Remediation:   "Remove enable_non_ssl_port / non_ssl_port_enabled or set it to false, and connect on port 6380 with TLS.",
	RemediationCode: `resource "azurerm_redis_cache" "main" {
  # ...
  non_ssl_port_enabled = false
}`,
	Links: []string{
		azurermDocs + "redis_cache#non_ssl_port_enabled",
		"https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_redis_cache" "default" {
  name     = "acme"
  capacity = 1
  family   = "C"
  sku_name = "Standard"
}`}},
	Bad: []scanner.Example{{Code: `
variable "plain" {
  type = bool
}

resource "azurerm_redis_cache" "plain" {
  name                = "acme"
  sku_name            = "Standard"
  enable_non_ssl_port = true
}

resource "azurerm_redis_cache" "unknown" {
  name                 = "acme2"
  sku_name             = "Standard"
  non_ssl_port_enabled = var.plain
}`,
		Fails:    []string{"azurerm_redis_cache.plain"},
		Unknowns: []string{"azurerm_redis_cache.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(firstPresent(r.Block, "non_ssl_port_enabled", "enable_non_ssl_port"), false, false,
			"port 6379 carries the access key and data unencrypted")
	},
}

// requireTLS12 fails a minimum TLS version argument set to 1.0 or 1.1.
func requireTLS12(v scanner.Value, what string) scanner.Result {
	switch {
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	case v.OneOf("1.0", "1.1", "TLS1_0", "TLS1_1"):
		return scanner.Failed(v.Range, "%s is %s: %s accepts deprecated TLS", v.Name, v.StringOr(""), what)
	}
	return scanner.Passed()
}

var redisMinTLS = &scanner.Rule{
	ID:    "azure-redis-min-tls-1-2",
	Title: "Azure Cache for Redis refuses TLS versions older than 1.2",
	Description: "TLS 1.0 and 1.1 are deprecated and have known weaknesses. CC6.7 expects current encryption for data " +
		"in transit. The rule fails a cache whose minimum_tls_version is 1.0 or 1.1; azurerm 4 defaults it to 1.2.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{redisCache},
	Remediation:   "Set minimum_tls_version = \"1.2\".",
	RemediationCode: `resource "azurerm_redis_cache" "main" {
  # ...
  minimum_tls_version = "1.2"
}`,
	Links: []string{
		azurermDocs + "redis_cache#minimum_tls_version",
		"https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-remove-tls-10-11",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_redis_cache" "modern" {
  name                = "acme"
  sku_name            = "Standard"
  minimum_tls_version = "1.2"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tls" {
  type = string
}

resource "azurerm_redis_cache" "old" {
  name                = "acme"
  sku_name            = "Standard"
  minimum_tls_version = "1.0"
}

resource "azurerm_redis_cache" "unknown" {
  name                = "acme2"
  sku_name            = "Standard"
  minimum_tls_version = var.tls
}`,
		Fails:    []string{"azurerm_redis_cache.old"},
		Unknowns: []string{"azurerm_redis_cache.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireTLS12(r.Attr("minimum_tls_version"), "the cache")
	},
}

var redisPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-redis-public-network-access-disabled",
	Title: "Azure Cache for Redis is not reachable from the internet",
	Description: "A cache with public network access has an internet-facing endpoint guarded only by its access key " +
		"and firewall rules. CC6.6 expects access from outside the system boundary restricted. " +
		"public_network_access_enabled defaults to true; caches injected into a subnet (subnet_id) are private.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{redisCache},
	Remediation:   "Set public_network_access_enabled = false and use a private endpoint.",
	RemediationCode: `resource "azurerm_redis_cache" "main" {
  # ...
  public_network_access_enabled = false
}`,
	Links: []string{
		azurermDocs + "redis_cache#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_redis_cache" "private" {
  name                          = "acme"
  sku_name                      = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_redis_cache" "injected" {
  name      = "acme2"
  sku_name  = "Premium"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/redis"
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_redis_cache" "default" {
  name     = "acme"
  sku_name = "Standard"
}

resource "azurerm_redis_cache" "unknown" {
  name                          = "acme2"
  sku_name                      = "Standard"
  public_network_access_enabled = var.public
}

variable "subnet_id" {
  type = string
}

resource "azurerm_redis_cache" "maybe_injected" {
  name      = "acme3"
  sku_name  = "Premium"
  subnet_id = var.subnet_id
}

# A blank subnet_id injects the cache nowhere.
resource "azurerm_redis_cache" "blank_subnet" {
  name      = "acme4"
  sku_name  = "Premium"
  subnet_id = ""
}`,
		Fails:    []string{"azurerm_redis_cache.default", "azurerm_redis_cache.blank_subnet"},
		Unknowns: []string{"azurerm_redis_cache.unknown", "azurerm_redis_cache.maybe_injected"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// A cache injected into a subnet has no public endpoint.
		return ruleutil.PassIfNamed(r.Attr("subnet_id"), func() scanner.Result {
			return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the cache")
		})
	},
}

var messagingMinTLS = &scanner.Rule{
	ID:    "azure-messaging-min-tls-1-2",
	Title: "Event Hubs and Service Bus namespaces refuse TLS versions older than 1.2",
	Description: "TLS 1.0 and 1.1 are deprecated and have known weaknesses. CC6.7 expects current encryption for data " +
		"in transit. minimum_tls_version defaults to 1.2; the rule fails a namespace that lowers it.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: messagingNamespaces,
	Remediation:   "Remove minimum_tls_version or set it to \"1.2\".",
	RemediationCode: `resource "azurerm_servicebus_namespace" "main" {
  # ...
  minimum_tls_version = "1.2"
}`,
	Links: []string{
		azurermDocs + "servicebus_namespace#minimum_tls_version",
		"https://learn.microsoft.com/en-us/azure/service-bus-messaging/transport-layer-security-enforce-minimum-version",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_eventhub_namespace" "default" {
  name = "acme"
  sku  = "Standard"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tls" {
  type = string
}

resource "azurerm_servicebus_namespace" "old" {
  name                = "acme"
  sku                 = "Standard"
  minimum_tls_version = "1.0"
}

resource "azurerm_eventhub_namespace" "unknown" {
  name                = "acme2"
  sku                 = "Standard"
  minimum_tls_version = var.tls
}`,
		Fails:    []string{"azurerm_servicebus_namespace.old"},
		Unknowns: []string{"azurerm_eventhub_namespace.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireTLS12(r.Attr("minimum_tls_version"), "the namespace")
	},
}

var messagingLocalAuth = &scanner.Rule{
	ID:    "azure-messaging-local-auth-disabled",
	Title: "Event Hubs and Service Bus namespaces accept Entra ID identities only, not SAS keys",
	Description: "Shared access keys and the SAS tokens they sign name nobody, rarely expire and grant whole " +
		"namespaces; a key copied into a script keeps working after its author leaves. With local authentication " +
		"off, senders and receivers authenticate with Entra ID and get data roles per identity. CC6.1 and CC6.3 " +
		"expect identified users with least privilege. The argument is local_authentication_enabled on an Event Hubs " +
		"namespace and local_auth_enabled on a Service Bus namespace; both default to true.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: messagingNamespaces,
	Remediation: "Set local_authentication_enabled = false (local_auth_enabled = false on Service Bus) and grant Azure Event Hubs / " +
		"Service Bus Data Sender and Receiver roles to identities.",
	RemediationCode: `resource "azurerm_eventhub_namespace" "main" {
  # ...
  local_authentication_enabled = false
}

resource "azurerm_servicebus_namespace" "main" {
  # ...
  local_auth_enabled = false
}`,
	Links: []string{
		azurermDocs + "eventhub_namespace#local_authentication_enabled",
		azurermDocs + "servicebus_namespace#local_auth_enabled",
		"https://learn.microsoft.com/en-us/azure/event-hubs/authenticate-shared-access-signature#disabling-localsas-key-authentication",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_servicebus_namespace" "entra" {
  name               = "acme"
  sku                = "Standard"
  local_auth_enabled = false
}

resource "azurerm_eventhub_namespace" "entra" {
  name                         = "acme-eh"
  sku                          = "Standard"
  local_authentication_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "sas" {
  type = bool
}

resource "azurerm_eventhub_namespace" "default" {
  name = "acme"
  sku  = "Standard"
}

resource "azurerm_servicebus_namespace" "unknown" {
  name               = "acme2"
  sku                = "Standard"
  local_auth_enabled = var.sas
}

resource "azurerm_eventhub_namespace" "sas" {
  name                         = "acme3"
  sku                          = "Standard"
  local_authentication_enabled = true
}`,
		Fails: []string{"azurerm_eventhub_namespace.default", "azurerm_eventhub_namespace.sas"},
		Expect: map[string]scanner.Expected{
			"azurerm_eventhub_namespace.default": {Message: "local_authentication_enabled is not set"},
		},
		Unknowns: []string{"azurerm_servicebus_namespace.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// Event Hubs spells the argument local_authentication_enabled,
		// Service Bus local_auth_enabled; each is read first on its own type.
		names := []string{"local_auth_enabled", "local_authentication_enabled"}
		if r.Type == "azurerm_eventhub_namespace" {
			names[0], names[1] = names[1], names[0]
		}
		return requireSwitch(firstPresent(r.Block, names...), true, false, "shared access keys that name nobody grant access to the namespace")
	},
}

var defenderPlanStandard = &scanner.Rule{
	ID:    "azure-security-defender-plan-enabled",
	Title: "Microsoft Defender for Cloud plans are on the Standard tier",
	Description: "A Defender plan on the Free tier gives only posture recommendations: no threat detection, alerts or " +
		"vulnerability assessment for the resource type it covers. CC7.2 and CC7.3 expect anomalies and security " +
		"events detected and evaluated. The rule fails an azurerm_security_center_subscription_pricing whose tier is " +
		"Free.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "CC7.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_security_center_subscription_pricing"},
	Remediation:   "Set tier = \"Standard\" for the plans that cover the workloads you run.",
	RemediationCode: `resource "azurerm_security_center_subscription_pricing" "servers" {
  tier          = "Standard"
  resource_type = "VirtualMachines"
}`,
	Links: []string{
		azurermDocs + "security_center_subscription_pricing",
		"https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-cloud-introduction",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_security_center_subscription_pricing" "servers" {
  tier          = "Standard"
  resource_type = "VirtualMachines"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tier" {
  type = string
}

resource "azurerm_security_center_subscription_pricing" "free" {
  tier          = "Free"
  resource_type = "StorageAccounts"
}

resource "azurerm_security_center_subscription_pricing" "unknown" {
  tier          = var.tier
  resource_type = "SqlServers"
}`,
		Fails:    []string{"azurerm_security_center_subscription_pricing.free"},
		Unknowns: []string{"azurerm_security_center_subscription_pricing.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("tier")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "tier is not known until apply")
		case v.Equals("Free"):
			return scanner.Failed(v.Range, "the %s plan is on the Free tier: no threat detection for it", r.Attr("resource_type").StringOr("Defender"))
		}
		return scanner.Passed()
	},
}

var managedHSMPurgeProtection = &scanner.Rule{
	ID:    "azure-keyvault-managed-hsm-purge-protection",
	Title: "Managed HSMs have purge protection enabled",
	Description: "Without purge protection, a deleted managed HSM and its keys can be purged before the soft-delete " +
		"retention ends, destroying the keys that decrypt storage, databases and disks for good. CC6.1 expects " +
		"cryptographic keys protected; C1.1 expects confidential data to stay available to its owners. " +
		"purge_protection_enabled defaults to false and cannot be turned off once enabled.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"azurerm_key_vault_managed_hardware_security_module"},
	Remediation:   "Set purge_protection_enabled = true.",
	RemediationCode: `resource "azurerm_key_vault_managed_hardware_security_module" "main" {
  # ...
  purge_protection_enabled = true
}`,
	Links: []string{
		azurermDocs + "key_vault_managed_hardware_security_module#purge_protection_enabled",
		"https://learn.microsoft.com/en-us/azure/key-vault/managed-hsm/soft-delete-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault_managed_hardware_security_module" "protected" {
  name                     = "acme-hsm"
  sku_name                 = "Standard_B1"
  purge_protection_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "purge" {
  type = bool
}

resource "azurerm_key_vault_managed_hardware_security_module" "default" {
  name     = "acme-hsm"
  sku_name = "Standard_B1"
}

resource "azurerm_key_vault_managed_hardware_security_module" "unknown" {
  name                     = "acme-hsm2"
  sku_name                 = "Standard_B1"
  purge_protection_enabled = var.purge
}`,
		Fails:    []string{"azurerm_key_vault_managed_hardware_security_module.default"},
		Unknowns: []string{"azurerm_key_vault_managed_hardware_security_module.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("purge_protection_enabled"), false, true, "a deleted HSM and its keys can be purged before retention ends")
	},
}

var storageInfrastructureEncryption = &scanner.Rule{
	ID:    "azure-storage-infrastructure-encryption",
	Title: "Storage accounts encrypt data twice, at the service and infrastructure layers",
	Description: "Infrastructure encryption adds a second layer of AES-256 encryption with a separate key, so one " +
		"compromised key or algorithm does not expose the data. Some commitments for highly confidential data ask for " +
		"this double encryption (C1.1, CC6.1). infrastructure_encryption_enabled defaults to false and can only be " +
		"set when the account is created. Low severity: exclude the rule where single encryption is enough.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "C1.1", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Set infrastructure_encryption_enabled = true when creating the account.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  infrastructure_encryption_enabled = true
}`,
	Links: []string{
		storageAccountDocs + "#infrastructure_encryption_enabled",
		"https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "double" {
  name                              = "acme"
  infrastructure_encryption_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "double" {
  type = bool
}

resource "azurerm_storage_account" "default" {
  name = "acme"
}

resource "azurerm_storage_account" "unknown" {
  name                              = "acme2"
  infrastructure_encryption_enabled = var.double
}`,
		Fails:    []string{"azurerm_storage_account.default"},
		Unknowns: []string{"azurerm_storage_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("infrastructure_encryption_enabled"), false, true, "data is encrypted with a single layer and key")
	},
}

var aksHostEncryption = &scanner.Rule{
	ID:    "azure-aks-host-encryption",
	Title: "AKS node pools encrypt temporary disks and caches at the host",
	Description: "Without encryption at host, a node's temporary disk and OS disk caches, where pods write scratch " +
		"data and container images, are stored unencrypted on the host. CC6.1 and C1.1 expect confidential data " +
		"protected at rest wherever it is stored. host_encryption_enabled (enable_host_encryption in azurerm 3) " +
		"defaults to false on the default node pool and on azurerm_kubernetes_cluster_node_pool.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{aksCluster, "azurerm_kubernetes_cluster_node_pool"},
	Remediation:   "Register the EncryptionAtHost feature and set host_encryption_enabled = true on every node pool.",
	RemediationCode: `resource "azurerm_kubernetes_cluster" "main" {
  # ...
  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    host_encryption_enabled = true
  }
}`,
	Links: []string{
		azurermDocs + "kubernetes_cluster#host_encryption_enabled",
		"https://learn.microsoft.com/en-us/azure/aks/enable-host-encryption",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_kubernetes_cluster" "encrypted" {
  name = "acme"
  default_node_pool {
    name                    = "system"
    host_encryption_enabled = true
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                   = "user"
  enable_host_encryption = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "host" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "plain" {
  name = "acme"
  default_node_pool {
    name = "system"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "unknown" {
  name                    = "user"
  host_encryption_enabled = var.host
}`,
		Fails:    []string{"azurerm_kubernetes_cluster.plain"},
		Unknowns: []string{"azurerm_kubernetes_cluster_node_pool.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		pool := r.Block
		if r.Type == aksCluster {
			if r.BlocksUnknown("default_node_pool") {
				return scanner.Unknowable(r.Range, "default_node_pool is not known until apply")
			}
			if pool = r.FirstBlock("default_node_pool"); pool == nil {
				return scanner.Unknowable(r.Range, "the cluster has no default_node_pool block to inspect")
			}
		}
		return requireSwitch(firstPresent(pool, "host_encryption_enabled", "enable_host_encryption"), false, true,
			"node temporary disks and caches are stored on the host unencrypted")
	},
}

var appGatewayWAF = &scanner.Rule{
	ID:    "azure-network-application-gateway-waf",
	Title: "Application gateways filter traffic with a web application firewall",
	Description: "An application gateway without a WAF passes SQL injection, cross-site scripting and other OWASP top " +
		"10 attacks straight to the applications behind it. CC6.6 and CC6.8 expect protection against threats from " +
		"outside the boundary and against malicious software. The rule passes a gateway with a WAF SKU (WAF, " +
		"WAF_v2) that has a waf_configuration or a firewall_policy_id.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.8"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"azurerm_application_gateway"},
	Remediation:   "Use the WAF_v2 SKU with an azurerm_web_application_firewall_policy in Prevention mode (firewall_policy_id).",
	RemediationCode: `resource "azurerm_application_gateway" "main" {
  # ...
  sku {
    name = "WAF_v2"
    tier = "WAF_v2"
  }
  firewall_policy_id = azurerm_web_application_firewall_policy.main.id
}`,
	Links: []string{
		azurermDocs + "application_gateway#firewall_policy_id",
		"https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/ag-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_application_gateway" "waf" {
  name = "acme"
  sku {
    name = "WAF_v2"
    tier = "WAF_v2"
  }
  firewall_policy_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/acme"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tier" {
  type = string
}

resource "azurerm_application_gateway" "standard" {
  name = "acme"
  sku {
    name = "Standard_v2"
    tier = "Standard_v2"
  }
}

resource "azurerm_application_gateway" "unknown" {
  name = "acme2"
  sku {
    name = "WAF_v2"
    tier = var.tier
  }
}

variable "waf_modes" {
  type = list(string)
}

# waf_configuration is generated from a list known only after apply.
resource "azurerm_application_gateway" "dynamic_waf" {
  name = "acme3"
  sku {
    name = "WAF_v2"
    tier = "WAF_v2"
  }
  dynamic "waf_configuration" {
    for_each = var.waf_modes
    content {
      enabled          = true
      firewall_mode    = waf_configuration.value
      rule_set_version = "3.2"
    }
  }
}`,
		Fails:    []string{"azurerm_application_gateway.standard"},
		Unknowns: []string{"azurerm_application_gateway.unknown", "azurerm_application_gateway.dynamic_waf"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("sku") {
			return scanner.Unknowable(r.Range, "the sku block is not known until apply")
		}
		tier := r.Get("sku", "tier")
		switch {
		case tier.IsUnknown():
			return scanner.Unknowable(tier.Range, "sku.tier is not known until apply")
		case !tier.OneOf("WAF", "WAF_v2"):
			return scanner.Failed(tier.Range, "sku tier %s has no web application firewall", tier.StringOr("(unset)"))
		}
		waf, dynamic := r.Follow("waf_configuration")
		switch {
		case waf != nil || r.Attr("firewall_policy_id").IsSet():
			return scanner.Passed()
		case dynamic != "":
			return scanner.Unknowable(r.Range, "waf_configuration is a dynamic block over a collection only known after apply")
		}
		return scanner.Failed(tier.Range, "the WAF tier has neither a waf_configuration nor a firewall_policy_id: no rules are enforced")
	},
}

var messagingPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-messaging-public-network-access-restricted",
	Title: "Event Hubs and Service Bus namespaces are not open to every network",
	Description: "A namespace with public network access and no network rule set that denies by default accepts " +
		"connections from the whole internet, guarded only by keys or tokens. CC6.6 expects access from outside the " +
		"system boundary restricted. public_network_access_enabled defaults to true; the namespace passes when it is " +
		"false or when its network_rulesets deny by default.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: messagingNamespaces,
	Remediation:   "Set public_network_access_enabled = false and use private endpoints (Premium), or network_rulesets with default_action = \"Deny\".",
	RemediationCode: `resource "azurerm_servicebus_namespace" "main" {
  # ...
  sku                           = "Premium"
  public_network_access_enabled = false
}`,
	Links: []string{
		azurermDocs + "eventhub_namespace#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/event-hubs/network-security",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_servicebus_namespace" "private" {
  name                          = "acme"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_eventhub_namespace" "rules" {
  name = "acme2"
  sku  = "Standard"
  network_rulesets {
    default_action = "Deny"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_eventhub_namespace" "default" {
  name = "acme"
  sku  = "Standard"
}

resource "azurerm_servicebus_namespace" "unknown" {
  name                          = "acme2"
  sku                           = "Premium"
  public_network_access_enabled = var.public
}`,
		Fails:    []string{"azurerm_eventhub_namespace.default"},
		Unknowns: []string{"azurerm_servicebus_namespace.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Get("network_rulesets", "default_action").Equals("Deny") || r.Get("network_rule_set", "default_action").Equals("Deny") {
			return scanner.Passed()
		}
		return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the namespace")
	},
}

var mssqlThreatDetection = &scanner.Rule{
	ID:    "azure-mssql-threat-detection",
	Title: "Azure SQL servers have Defender threat detection alerts",
	Description: "Advanced threat protection watches a SQL server for SQL injection, anomalous logins and data " +
		"exfiltration and raises alerts; without it those attacks go unnoticed. CC7.2 and CC7.3 expect anomalies " +
		"detected and evaluated. The rule passes a server that an azurerm_mssql_server_security_alert_policy with " +
		"state = \"Enabled\" names, or any server when the scan enables Defender for SQL for the subscription (an " +
		"azurerm_security_center_subscription_pricing for SqlServers on the Standard tier). The legacy azurerm_sql_server " +
		"(azurerm v2 and v3) also passes with an inline threat_detection_policy whose state is \"Enabled\". A security " +
		"alert policy whose server is not in the configuration (named by a variable or a data source) is judged on " +
		"its own: state = \"Disabled\" fails it, since it switches alerts off on a server the configuration does not " +
		"show.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_mssql_server", "azurerm_sql_server", sqlAlertPolicy},
	Remediation:   "Add an azurerm_mssql_server_security_alert_policy with state = \"Enabled\" and email addresses or an alert destination.",
	RemediationCode: `resource "azurerm_mssql_server_security_alert_policy" "main" {
  resource_group_name = azurerm_mssql_server.main.resource_group_name
  server_name         = azurerm_mssql_server.main.name
  state               = "Enabled"
  email_addresses     = ["security@example.com"]
}`,
	Links: []string{
		azurermDocs + "mssql_server_security_alert_policy",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "watched" {
  name                = "acme-sql"
  resource_group_name = "rg"
}

resource "azurerm_mssql_server_security_alert_policy" "watched" {
  resource_group_name = "rg"
  server_name         = azurerm_mssql_server.watched.name
  state               = "Enabled"
}

resource "azurerm_mssql_server" "by_name" {
  name                = "acme-sql-named"
  resource_group_name = "rg"
}

resource "azurerm_mssql_server_security_alert_policy" "by_name" {
  resource_group_name = "rg"
  server_name         = "acme-sql-named"
  state               = "Enabled"
}`, NotApplicable: []string{"azurerm_mssql_server_security_alert_policy.watched", "azurerm_mssql_server_security_alert_policy.by_name"}}, {Code: `
resource "azurerm_security_center_subscription_pricing" "sql" {
  tier          = "Standard"
  resource_type = "SqlServers"
}

resource "azurerm_mssql_server" "defender" {
  name                = "acme-sql"
  resource_group_name = "rg"
}`}, {Code: `
resource "azurerm_sql_server" "legacy_watched" {
  name                = "acme-legacy"
  resource_group_name = "rg"

  threat_detection_policy {
    state = "Enabled"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "silent" {
  name                = "acme-sql"
  resource_group_name = "rg"
}

resource "azurerm_mssql_server" "disabled" {
  name                = "acme-sql2"
  resource_group_name = "rg"
}

resource "azurerm_mssql_server_security_alert_policy" "disabled" {
  resource_group_name = "rg"
  server_name         = azurerm_mssql_server.disabled.name
  state               = "Disabled"
}

resource "azurerm_sql_server" "legacy_disabled" {
  name                = "acme-legacy"
  resource_group_name = "rg"

  threat_detection_policy {
    state = "Disabled"
  }
}`, Fails: []string{"azurerm_mssql_server.silent", "azurerm_mssql_server.disabled", "azurerm_sql_server.legacy_disabled"},
		NotApplicable: []string{"azurerm_mssql_server_security_alert_policy.disabled"}}, {Code: `
variable "server_name" {
  type = string
}

variable "state" {
  type = string
}

data "azurerm_mssql_server" "shared" {
  name                = "acme-shared"
  resource_group_name = "rg"
}

resource "azurerm_mssql_server_security_alert_policy" "off_elsewhere" {
  resource_group_name = "rg"
  server_name         = data.azurerm_mssql_server.shared.name
  state               = "Disabled"
}

resource "azurerm_mssql_server_security_alert_policy" "off_by_name" {
  resource_group_name = "rg"
  server_name         = var.server_name
  state               = "Disabled"
}

resource "azurerm_mssql_server_security_alert_policy" "unknown" {
  resource_group_name = "rg"
  server_name         = "acme-other"
  state               = var.state
}`,
		Fails:    []string{"azurerm_mssql_server_security_alert_policy.off_elsewhere", "azurerm_mssql_server_security_alert_policy.off_by_name"},
		Unknowns: []string{"azurerm_mssql_server_security_alert_policy.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_mssql_server_security_alert_policy.off_elsewhere": {Line: 18, Message: `state is "Disabled"`},
		},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == sqlAlertPolicy {
			return alertPolicyOnItsOwn(r, ctx)
		}
		if defenderForSQL(ctx) {
			return scanner.Passed()
		}
		unknown := false
		// Only the legacy azurerm_sql_server has the inline block.
		// Get reads the state as unknown when a dynamic block may write it.
		switch state := r.Get("threat_detection_policy", "state"); {
		case state.Equals("Enabled"):
			return scanner.Passed()
		case state.IsUnknown():
			unknown = true
		}
		// server_name holds the server's name, so a policy that writes the
		// name rather than a reference is matched by it.
		var policies []*scanner.Resource
		if ctx != nil && ctx.Index != nil {
			policies, _ = ctx.Index.Referrers(r, sqlAlertPolicy, []string{"server_name"}, "name")
		}
		for _, p := range policies {
			state := p.Attr("state")
			switch {
			case state.Equals("Enabled"):
				return scanner.Passed()
			case state.IsUnknown():
				unknown = true
			}
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the state of the server's security alert policy is not known until apply")
		}
		if res, decided := undecidedLink(ctx, r, "azurerm_mssql_server_security_alert_policy", "server_name"); decided {
			return res
		}
		return scanner.Failed(r.Range, "no enabled security alert policy: SQL injection and anomalous access raise no alert")
	},
}

// sqlAlertPolicy is the resource that switches a SQL server's threat
// detection alerts on or off.
const sqlAlertPolicy = "azurerm_mssql_server_security_alert_policy"

// alertPolicyOnItsOwn judges a security alert policy whose server is not
// in the configuration: a policy that names a server of the scan is
// judged with that server, and reporting it again would count one
// problem twice.
func alertPolicyOnItsOwn(p *scanner.Resource, ctx *scanner.Context) scanner.Result {
	name := p.Attr("server_name")
	if servers := sqlServersNamed(ctx, name); len(servers) > 0 {
		return scanner.DoesNotApply("the policy is judged with %s, the server it names", servers[0].Address)
	}
	if defenderForSQL(ctx) {
		return scanner.Passed()
	}
	state := p.Attr("state")
	switch {
	case state.IsUnknown():
		return scanner.Unknowable(state.Range, "state is not known until apply")
	case state.Equals("Enabled"):
		return scanner.Passed()
	}
	return scanner.Failed(state.Range, "state is %q: server %s raises no alert on SQL injection or anomalous access",
		state.StringOr(""), name.StringOr("(named outside this configuration)"))
}

// sqlServersNamed returns the SQL servers of the scan that a server_name
// argument refers to, by reference or by their known name.
func sqlServersNamed(ctx *scanner.Context, name scanner.Value) []*scanner.Resource {
	if ctx == nil || ctx.Index == nil {
		return nil
	}
	var out []*scanner.Resource
	for _, s := range ctx.Index.Resolve(name) {
		if s.Mode == "managed" && (s.Type == "azurerm_mssql_server" || s.Type == "azurerm_sql_server") {
			out = append(out, s)
		}
	}
	if want, ok := name.AsString(); ok && len(out) == 0 {
		for _, s := range ctx.Index.OfType("azurerm_mssql_server", "azurerm_sql_server") {
			if s.Attr("name").Equals(want) {
				out = append(out, s)
			}
		}
	}
	return out
}

// defenderForSQL reports whether the scan puts the subscription's SQL
// servers on the Standard tier of Microsoft Defender for Cloud.
func defenderForSQL(ctx *scanner.Context) bool {
	if ctx == nil || ctx.Index == nil {
		return false
	}
	for _, p := range ctx.Index.OfType("azurerm_security_center_subscription_pricing") {
		if p.Attr("resource_type").Equals("SqlServers") && p.Attr("tier").Equals("Standard") {
			return true
		}
	}
	return false
}
