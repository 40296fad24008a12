# Google Cloud part of the insecure stack: every Google rule family has
# something to find here. Do not deploy it. Names start with "google_".

# Keys that never rotate.
resource "google_kms_key_ring" "google_main" {
  name     = "${var.name}-keys"
  location = "us-central1"
}

resource "google_kms_crypto_key" "google_data" {
  name     = "data"
  key_ring = google_kms_key_ring.google_main.id
}

# Network: SSH and RDP from anywhere, subnetwork without flow logs.
resource "google_compute_network" "google_main" {
  name                    = "${var.name}-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "google_app" {
  name          = "app"
  ip_cidr_range = "10.40.0.0/20"
  region        = "us-central1"
  network       = google_compute_network.google_main.id
}

resource "google_compute_firewall" "google_admin" {
  name          = "allow-admin"
  network       = google_compute_network.google_main.id
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }
}

# Disks with Google-managed keys only.
resource "google_compute_disk" "google_data" {
  name = "${var.name}-data"
  zone = "us-central1-a"
  size = 50
}

# Storage: single region, fine-grained ACLs, no versioning, public.
resource "google_storage_bucket" "google_documents" {
  name     = "${var.name}-documents"
  location = "US-CENTRAL1"
}

resource "google_storage_bucket_iam_member" "google_documents_public" {
  bucket = google_storage_bucket.google_documents.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

# Cloud SQL: no backups, open to the internet, plaintext allowed, deletable.
resource "google_sql_database_instance" "google_orders" {
  name                = "${var.name}-orders"
  region              = "us-central1"
  database_version    = "MYSQL_8_0"
  deletion_protection = false

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"

      authorized_networks {
        name  = "anyone"
        value = "0.0.0.0/0"
      }
    }
  }
}

# Backups kept next to the instance they protect.
resource "google_sql_database_instance" "google_ledger" {
  name             = "${var.name}-ledger"
  database_version = "POSTGRES_16"

  settings {
    tier = "db-custom-1-3840"

    backup_configuration {
      enabled  = true
      location = "us-central1"

      backup_retention_settings {
        retained_backups = 2
      }
    }
  }
}

resource "google_bigquery_dataset" "google_analytics" {
  dataset_id = "analytics"
  location   = "US"
}

# GKE: legacy ABAC and a control plane open to the internet.
resource "google_container_cluster" "google_main" {
  name               = "${var.name}-gke"
  location           = "us-central1"
  initial_node_count = 1
  enable_legacy_abac = true
}

# IAM: basic roles for people, data access not audited.
resource "google_project_iam_member" "google_owner" {
  project = "acme-dev"
  role    = "roles/owner"
  member  = "user:alice@example.com"
}

resource "google_project_iam_audit_config" "google_all_services" {
  project = "acme-dev"
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }
}
