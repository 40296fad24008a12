# Azure part of the production stack: primary location West Europe, every
# backup geo-redundant (paired region North Europe), private endpoints
# instead of public access, customer-managed keys, and logs kept for a year.
# Names start with "azure_" to stay clear of the other files.

data "azurerm_client_config" "azure" {}

locals {
  azure_location = "West Europe"
  azure_prefix   = replace(var.name, "-", "")
}

resource "azurerm_resource_group" "azure_main" {
  name     = "${var.name}-rg"
  location = local.azure_location
}

# ------------------------------------------------------------------ network

resource "azurerm_virtual_network" "azure_main" {
  name                = "${var.name}-vnet"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "azure_app" {
  name                 = "app"
  resource_group_name  = azurerm_resource_group.azure_main.name
  virtual_network_name = azurerm_virtual_network.azure_main.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_subnet" "azure_bastion" {
  name                 = "AzureBastionSubnet"
  resource_group_name  = azurerm_resource_group.azure_main.name
  virtual_network_name = azurerm_virtual_network.azure_main.name
  address_prefixes     = ["10.20.255.0/26"]
}

resource "azurerm_subnet" "azure_db" {
  name                 = "postgres"
  resource_group_name  = azurerm_resource_group.azure_main.name
  virtual_network_name = azurerm_virtual_network.azure_main.name
  address_prefixes     = ["10.20.2.0/24"]

  delegation {
    name = "postgres"
    service_delegation {
      name    = "Microsoft.DBforPostgreSQL/flexibleServers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_subnet" "azure_endpoints" {
  name                 = "private-endpoints"
  resource_group_name  = azurerm_resource_group.azure_main.name
  virtual_network_name = azurerm_virtual_network.azure_main.name
  address_prefixes     = ["10.20.3.0/24"]
}

# HTTPS from the internet; SSH only from Azure Bastion.
resource "azurerm_network_security_group" "azure_app" {
  name                = "${var.name}-app"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name

  security_rule {
    name                       = "https-in"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "VirtualNetwork"
  }
}

resource "azurerm_network_security_rule" "azure_ssh_from_bastion" {
  name                        = "ssh-from-bastion"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = azurerm_subnet.azure_bastion.address_prefixes
  destination_address_prefix  = "VirtualNetwork"
  resource_group_name         = azurerm_resource_group.azure_main.name
  network_security_group_name = azurerm_network_security_group.azure_app.name
}

resource "azurerm_subnet_network_security_group_association" "azure_app" {
  subnet_id                 = azurerm_subnet.azure_app.id
  network_security_group_id = azurerm_network_security_group.azure_app.id
}

# ------------------------------------------------------------------ logging

resource "azurerm_log_analytics_workspace" "azure_main" {
  name                = "${var.name}-logs"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  sku                 = "PerGB2018"
  retention_in_days   = 365
}

# Subscription activity log to Log Analytics.
resource "azurerm_monitor_diagnostic_setting" "azure_activity_log" {
  name                       = "activity-log"
  target_resource_id         = "/subscriptions/${data.azurerm_client_config.azure.subscription_id}"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.azure_main.id

  enabled_log {
    category = "Administrative"
  }
  enabled_log {
    category = "Security"
  }
  enabled_log {
    category = "Policy"
  }
}

# ------------------------------------------------------------------ keys

resource "azurerm_key_vault" "azure_main" {
  name                          = "${var.name}-kv"
  location                      = azurerm_resource_group.azure_main.location
  resource_group_name           = azurerm_resource_group.azure_main.name
  tenant_id                     = data.azurerm_client_config.azure.tenant_id
  sku_name                      = "premium"
  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_monitor_diagnostic_setting" "azure_key_vault" {
  name                       = "key-vault-audit"
  target_resource_id         = azurerm_key_vault.azure_main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.azure_main.id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_key_vault_key" "azure_data" {
  name         = "data"
  key_vault_id = azurerm_key_vault.azure_main.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P365D"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_disk_encryption_set" "azure_main" {
  name                = "${var.name}-des"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  key_vault_key_id    = azurerm_key_vault_key.azure_data.versionless_id

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_managed_disk" "azure_data" {
  name                   = "${var.name}-data"
  location               = azurerm_resource_group.azure_main.location
  resource_group_name    = azurerm_resource_group.azure_main.name
  storage_account_type   = "Premium_ZRS"
  create_option          = "Empty"
  disk_size_gb           = 256
  disk_encryption_set_id = azurerm_disk_encryption_set.azure_main.id

  # Snapshots and exports only through private endpoints, never a public SAS.
  network_access_policy         = "DenyAll"
  public_network_access_enabled = false
}

# ------------------------------------------------------------------ storage

resource "azurerm_storage_account" "azure_documents" {
  name                              = "${local.azure_prefix}docs"
  resource_group_name               = azurerm_resource_group.azure_main.name
  location                          = azurerm_resource_group.azure_main.location
  account_tier                      = "Standard"
  account_replication_type          = "RAGZRS"
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  public_network_access_enabled     = false
  infrastructure_encryption_enabled = true

  identity {
    type = "SystemAssigned"
  }

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }

  blob_properties {
    versioning_enabled  = true
    change_feed_enabled = true

    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }
}

# The account's data keys are wrapped with our own Key Vault key.
resource "azurerm_storage_account_customer_managed_key" "azure_documents" {
  storage_account_id = azurerm_storage_account.azure_documents.id
  key_vault_id       = azurerm_key_vault.azure_main.id
  key_name           = azurerm_key_vault_key.azure_data.name
}

resource "azurerm_storage_container" "azure_documents" {
  name                  = "documents"
  storage_account_id    = azurerm_storage_account.azure_documents.id
  container_access_type = "private"
}

resource "azurerm_private_endpoint" "azure_documents" {
  name                = "${var.name}-docs-blob"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  subnet_id           = azurerm_subnet.azure_endpoints.id

  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.azure_documents.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

# ------------------------------------------------------------------ databases

resource "azurerm_mssql_server" "azure_orders" {
  name                          = "${var.name}-sql"
  resource_group_name           = azurerm_resource_group.azure_main.name
  location                      = azurerm_resource_group.azure_main.location
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "00000000-0000-0000-0000-000000000000"
    azuread_authentication_only = true
  }
}

resource "azurerm_mssql_server_extended_auditing_policy" "azure_orders" {
  server_id              = azurerm_mssql_server.azure_orders.id
  log_monitoring_enabled = true
}

resource "azurerm_mssql_server_security_alert_policy" "azure_orders" {
  resource_group_name = azurerm_mssql_server.azure_orders.resource_group_name
  server_name         = azurerm_mssql_server.azure_orders.name
  state               = "Enabled"
  email_addresses     = ["security@example.com"]
}

resource "azurerm_mssql_server_transparent_data_encryption" "azure_orders" {
  server_id        = azurerm_mssql_server.azure_orders.id
  key_vault_key_id = azurerm_key_vault_key.azure_data.id
}

# The secondary in the paired region, and the failover group that keeps
# the orders database replicated to it (A1.2).
resource "azurerm_mssql_server" "azure_orders_dr" {
  name                          = "${var.name}-sql-dr"
  resource_group_name           = azurerm_resource_group.azure_main.name
  location                      = "northeurope"
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "00000000-0000-0000-0000-000000000000"
    azuread_authentication_only = true
  }
}

resource "azurerm_mssql_server_extended_auditing_policy" "azure_orders_dr" {
  server_id              = azurerm_mssql_server.azure_orders_dr.id
  log_monitoring_enabled = true
}

resource "azurerm_mssql_server_security_alert_policy" "azure_orders_dr" {
  resource_group_name = azurerm_mssql_server.azure_orders_dr.resource_group_name
  server_name         = azurerm_mssql_server.azure_orders_dr.name
  state               = "Enabled"
  email_addresses     = ["security@example.com"]
}

resource "azurerm_mssql_server_transparent_data_encryption" "azure_orders_dr" {
  server_id        = azurerm_mssql_server.azure_orders_dr.id
  key_vault_key_id = azurerm_key_vault_key.azure_data.id
}

resource "azurerm_mssql_failover_group" "azure_orders" {
  name      = "${var.name}-sql-fog"
  server_id = azurerm_mssql_server.azure_orders.id
  databases = [azurerm_mssql_database.azure_orders.id]

  partner_server {
    id = azurerm_mssql_server.azure_orders_dr.id
  }

  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}

resource "azurerm_mssql_database" "azure_orders" {
  name                 = "orders"
  server_id            = azurerm_mssql_server.azure_orders.id
  sku_name             = "GP_Gen5_2"
  zone_redundant       = true
  storage_account_type = "GeoZone"

  short_term_retention_policy {
    retention_days = 14
  }

  long_term_retention_policy {
    weekly_retention  = "P4W"
    monthly_retention = "P12M"
    yearly_retention  = "P5Y"
    week_of_year      = 1
  }
}

resource "azurerm_private_dns_zone" "azure_postgres" {
  name                = "${var.name}.postgres.database.azure.com"
  resource_group_name = azurerm_resource_group.azure_main.name
}

resource "azurerm_user_assigned_identity" "azure_ledger" {
  name                = "${var.name}-pg"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
}

resource "azurerm_postgresql_flexible_server" "azure_ledger" {
  name                          = "${var.name}-pg"
  resource_group_name           = azurerm_resource_group.azure_main.name
  location                      = azurerm_resource_group.azure_main.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  storage_mb                    = 65536
  zone                          = "1"
  delegated_subnet_id           = azurerm_subnet.azure_db.id
  private_dns_zone_id           = azurerm_private_dns_zone.azure_postgres.id
  public_network_access_enabled = false
  backup_retention_days         = 35
  geo_redundant_backup_enabled  = true

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.azure_ledger.id]
  }

  customer_managed_key {
    key_vault_key_id                  = azurerm_key_vault_key.azure_data.id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.azure_ledger.id
  }

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = data.azurerm_client_config.azure.tenant_id
  }

  high_availability {
    mode = "ZoneRedundant"
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "azure_ledger_tls" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.azure_ledger.id
  value     = "TLSv1.2"
}

# ------------------------------------------------------------------ backup

resource "azurerm_recovery_services_vault" "azure_main" {
  name                          = "${var.name}-rsv"
  location                      = azurerm_resource_group.azure_main.location
  resource_group_name           = azurerm_resource_group.azure_main.name
  sku                           = "Standard"
  storage_mode_type             = "GeoRedundant"
  cross_region_restore_enabled  = true
  soft_delete_enabled           = true
  immutability                  = "Unlocked"
  public_network_access_enabled = false
}

resource "azurerm_backup_policy_vm" "azure_daily" {
  name                = "daily"
  resource_group_name = azurerm_resource_group.azure_main.name
  recovery_vault_name = azurerm_recovery_services_vault.azure_main.name

  backup {
    frequency = "Daily"
    time      = "23:00"
  }

  retention_daily {
    count = 35
  }

  retention_monthly {
    count    = 12
    weekdays = ["Sunday"]
    weeks    = ["First"]
  }
}
