# Azure part of the insecure stack: every Azure rule family has something to
# find here. Do not deploy it. Names start with "azure_".

resource "azurerm_resource_group" "azure_main" {
  name     = "${var.name}-rg"
  location = "East US"
}

# Network: SSH and RDP open to the internet, inline and as a separate rule.
resource "azurerm_network_security_group" "azure_app" {
  name                = "${var.name}-app"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "azure_rdp" {
  name                        = "rdp"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = ["3000-3400"]
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.azure_main.name
  network_security_group_name = azurerm_network_security_group.azure_app.name
}

# Storage: old TLS, plain HTTP, public containers, open network, one region,
# no soft delete or versioning.
resource "azurerm_storage_account" "azure_documents" {
  name                            = "acmedevdocs"
  resource_group_name             = azurerm_resource_group.azure_main.name
  location                        = azurerm_resource_group.azure_main.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  min_tls_version                 = "TLS1_0"
  enable_https_traffic_only       = false
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_container" "azure_public" {
  name                  = "public"
  storage_account_name  = azurerm_storage_account.azure_documents.name
  container_access_type = "container"
}

# Azure SQL: public endpoint, TLS 1.0, no auditing, locally redundant
# backups kept one day.
resource "azurerm_mssql_server" "azure_orders" {
  name                         = "${var.name}-sql"
  resource_group_name          = azurerm_resource_group.azure_main.name
  location                     = azurerm_resource_group.azure_main.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "ChangeMe-123!"
  minimum_tls_version          = "1.0"
}

resource "azurerm_mssql_database" "azure_orders" {
  name                 = "orders"
  server_id            = azurerm_mssql_server.azure_orders.id
  storage_account_type = "Local"

  short_term_retention_policy {
    retention_days = 1
  }
}

# PostgreSQL single server: no TLS enforcement, public, backups in one region.
resource "azurerm_postgresql_server" "azure_ledger" {
  name                         = "${var.name}-pg"
  location                     = azurerm_resource_group.azure_main.location
  resource_group_name          = azurerm_resource_group.azure_main.name
  sku_name                     = "B_Gen5_1"
  version                      = "11"
  administrator_login          = "pgadmin"
  administrator_login_password = "ChangeMe-123!"
  ssl_enforcement_enabled      = false
  backup_retention_days        = 7
}

resource "azurerm_postgresql_flexible_server" "azure_reports" {
  name                = "${var.name}-reports"
  resource_group_name = azurerm_resource_group.azure_main.name
  location            = azurerm_resource_group.azure_main.location
  version             = "16"
  sku_name            = "B_Standard_B1ms"
}

resource "azurerm_postgresql_flexible_server_configuration" "azure_reports_plaintext" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.azure_reports.id
  value     = "off"
}

# Keys: no purge protection, short soft delete, open network, no audit log.
resource "azurerm_key_vault" "azure_main" {
  name                       = "${var.name}-kv"
  location                   = azurerm_resource_group.azure_main.location
  resource_group_name        = azurerm_resource_group.azure_main.name
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 7
}

# Disks with platform-managed keys only.
resource "azurerm_managed_disk" "azure_data" {
  name                 = "${var.name}-data"
  location             = azurerm_resource_group.azure_main.location
  resource_group_name  = azurerm_resource_group.azure_main.name
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  disk_size_gb         = 32
}

# Backups in one region, deletable at once.
resource "azurerm_recovery_services_vault" "azure_main" {
  name                = "${var.name}-rsv"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  sku                 = "Standard"
  storage_mode_type   = "LocallyRedundant"
  soft_delete_enabled = false
}

# Logs kept for 30 days.
resource "azurerm_log_analytics_workspace" "azure_main" {
  name                = "${var.name}-logs"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  sku                 = "PerGB2018"
}

resource "azurerm_monitor_log_profile" "azure_activity" {
  name       = "default"
  categories = ["Action", "Delete", "Write"]
  locations  = ["eastus", "global"]

  storage_account_id = azurerm_storage_account.azure_documents.id

  retention_policy {
    enabled = true
    days    = 30
  }
}

# Geo-redundant, but the copies can only be restored after Microsoft
# declares a regional disaster.
resource "azurerm_data_protection_backup_vault" "azure_disks" {
  name                = "${var.name}-bv"
  location            = azurerm_resource_group.azure_main.location
  resource_group_name = azurerm_resource_group.azure_main.name
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
}
