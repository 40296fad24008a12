# Google Cloud part of the production stack: region europe-west1, data in
# multi- or dual-region locations, backups stored off-region, CMEK keys that
# rotate every 90 days, private endpoints and audit logs for all services.
# Names start with "google_" to stay clear of the other files.

locals {
  google_project = "acme-prod"
  google_region  = "europe-west1"
}

# ------------------------------------------------------------------ keys

resource "google_kms_key_ring" "google_main" {
  name     = "${var.name}-eu"
  location = "europe"
}

resource "google_kms_key_ring" "google_regional" {
  name     = "${var.name}-${local.google_region}"
  location = local.google_region
}

resource "google_kms_crypto_key" "google_data" {
  name            = "data"
  key_ring        = google_kms_key_ring.google_main.id
  rotation_period = "7776000s"

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_kms_crypto_key" "google_disks" {
  name            = "disks"
  key_ring        = google_kms_key_ring.google_regional.id
  rotation_period = "7776000s"

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_kms_crypto_key" "google_signing" {
  name     = "signing"
  key_ring = google_kms_key_ring.google_main.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}

# ------------------------------------------------------------------ network

resource "google_compute_network" "google_main" {
  name                    = "${var.name}-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "google_app" {
  name                     = "app"
  ip_cidr_range            = "10.30.0.0/20"
  region                   = local.google_region
  network                  = google_compute_network.google_main.id
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "google_proxy_only" {
  name          = "proxy-only"
  ip_cidr_range = "10.30.32.0/23"
  region        = local.google_region
  network       = google_compute_network.google_main.id
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}

# SSH only through Identity-Aware Proxy TCP forwarding.
resource "google_compute_firewall" "google_ssh_iap" {
  name          = "allow-ssh-from-iap"
  network       = google_compute_network.google_main.id
  direction     = "INGRESS"
  source_ranges = ["35.235.240.0/20"]
  target_tags   = ["ssh"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "google_https" {
  name          = "allow-https"
  network       = google_compute_network.google_main.id
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["web"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_global_address" "google_private_services" {
  name          = "private-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 16
  network       = google_compute_network.google_main.id
}

resource "google_service_networking_connection" "google_private_services" {
  network                 = google_compute_network.google_main.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.google_private_services.name]
}

# ------------------------------------------------------------------ compute

resource "google_compute_disk" "google_data" {
  name = "${var.name}-data"
  zone = "${local.google_region}-b"
  type = "pd-balanced"
  size = 200

  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.google_disks.id
  }
}

# Daily snapshots of the data disk, kept 30 days in a multi-region (A1.2).
resource "google_compute_resource_policy" "google_daily_snapshots" {
  name   = "${var.name}-daily-snapshots"
  region = local.google_region

  snapshot_schedule_policy {
    schedule {
      daily_schedule {
        days_in_cycle = 1
        start_time    = "03:00"
      }
    }
    retention_policy {
      max_retention_days    = 30
      on_source_disk_delete = "KEEP_AUTO_SNAPSHOTS"
    }
    snapshot_properties {
      storage_locations = ["eu"]
    }
  }
}

resource "google_compute_disk_resource_policy_attachment" "google_data" {
  name = google_compute_resource_policy.google_daily_snapshots.name
  disk = google_compute_disk.google_data.name
  zone = google_compute_disk.google_data.zone
}

resource "google_compute_instance" "google_app" {
  name         = "${var.name}-app"
  machine_type = "e2-standard-2"
  zone         = "${local.google_region}-b"
  tags         = ["ssh", "web"]

  boot_disk {
    kms_key_self_link = google_kms_crypto_key.google_disks.id
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  attached_disk {
    source            = google_compute_disk.google_data.id
    kms_key_self_link = google_kms_crypto_key.google_disks.id
  }

  network_interface {
    subnetwork = google_compute_subnetwork.google_app.id
  }

  shielded_instance_config {
    enable_secure_boot = true
  }

  metadata = {
    block-project-ssh-keys = "TRUE"
  }
}

# ------------------------------------------------------------------ storage

resource "google_storage_bucket" "google_documents" {
  name                        = "${var.name}-documents"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  custom_placement_config {
    data_locations = ["EUROPE-WEST1", "EUROPE-WEST4"]
  }

  versioning {
    enabled = true
  }

  encryption {
    default_kms_key_name = google_kms_crypto_key.google_data.id
  }

  lifecycle_rule {
    condition {
      num_newer_versions = 30
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  logging {
    log_bucket = google_storage_bucket.google_access_logs.name
  }
}

resource "google_storage_bucket" "google_access_logs" {
  name                        = "${var.name}-access-logs"
  location                    = "EUR4"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  retention_policy {
    retention_period = 31536000
  }

  encryption {
    default_kms_key_name = google_kms_crypto_key.google_data.id
  }
}

resource "google_storage_bucket_iam_member" "google_documents_readers" {
  bucket = google_storage_bucket.google_documents.name
  role   = "roles/storage.objectViewer"
  member = "group:document-readers@example.com"
}

# ------------------------------------------------------------------ databases

resource "google_sql_database_instance" "google_orders" {
  name                = "${var.name}-orders"
  region              = local.google_region
  database_version    = "POSTGRES_16"
  encryption_key_name = google_kms_crypto_key.google_disks.id
  deletion_protection = true

  settings {
    tier                        = "db-custom-2-7680"
    availability_type           = "REGIONAL"
    deletion_protection_enabled = true

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      location                       = "eu"
      start_time                     = "02:00"
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 30
        retention_unit   = "COUNT"
      }
    }

    # Connection, lock-wait, temporary-file and schema-change (DDL)
    # logging, and pgAudit, for CC7.2 monitoring.
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
    database_flags {
      name  = "log_temp_files"
      value = "0"
    }
    database_flags {
      name  = "log_statement"
      value = "ddl"
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.google_main.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }
  }

  depends_on = [google_service_networking_connection.google_private_services]
}

resource "google_bigquery_dataset" "google_analytics" {
  dataset_id = "analytics"
  location   = "EU"

  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.google_data.id
  }
}

# ------------------------------------------------------------------ GKE

resource "google_container_cluster" "google_main" {
  name                     = "${var.name}-gke"
  location                 = local.google_region
  network                  = google_compute_network.google_main.id
  subnetwork               = google_compute_subnetwork.google_app.id
  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = false

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office-vpn"
    }
  }

  workload_identity_config {
    workload_pool = "${local.google_project}.svc.id.goog"
  }

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  datapath_provider = "ADVANCED_DATAPATH"

  database_encryption {
    state    = "ENCRYPTED"
    key_name = google_kms_crypto_key.google_data.id
  }
}

# ------------------------------------------------------------------ IAM and audit

resource "google_project_iam_member" "google_developers" {
  project = local.google_project
  role    = "roles/cloudsql.client"
  member  = "group:developers@example.com"
}

resource "google_project_iam_audit_config" "google_all_services" {
  project = local.google_project
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
