package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const sqlInstanceDocs = googleDocs + "sql_database_instance"

// sqlBackupConfig returns settings.backup_configuration, or nil; unknown
// when a dynamic block hides it.
func sqlBackupConfig(r *scanner.Resource) (*scanner.Block, bool) {
	cfg, dynamic := r.Follow("settings", "backup_configuration")
	return cfg, dynamic != ""
}

// backupsOn decides whether automated backups are enabled, and says where
// that is (or would be) written.
func backupsOn(r *scanner.Resource) (scanner.Tri, scanner.Range) {
	cfg, unknown := sqlBackupConfig(r)
	if unknown {
		return scanner.Maybe, r.Range
	}
	v := cfg.Attr("enabled")
	return v.BoolOr(false), attrRange(v, r.Range)
}

// exemptSQLReplica is rest for a primary instance and not applicable to a
// read replica (master_instance_name names its primary): Cloud SQL takes
// no backups of a replica and keeps no binary log or backup location of
// its own for it, as its data is the primary's, whose settings the backup
// rules judge. A name that may be null is unknown when rest would fail
// (ruleutil.ExemptIfNamed).
func exemptSQLReplica(r *scanner.Resource, rest func() scanner.Result) scanner.Result {
	return ruleutil.ExemptIfNamed(r.Attr("master_instance_name"),
		scanner.DoesNotApply("a read replica has no backups of its own: it is recovered from its primary, which is judged instead"), rest)
}

var sqlBackupsEnabled = &scanner.Rule{
	ID:    "google-sql-backups-enabled",
	Title: "Cloud SQL instances take automated backups",
	Description: "Automated backups are off unless settings.backup_configuration.enabled is true; an instance without " +
		"them can lose all data to a bad migration, a deleted table or corruption. A1.2 expects data backed up to meet " +
		"recovery objectives. Read replicas (master_instance_name set) cannot have backups and are not checked.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Set settings { backup_configuration { enabled = true } }.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "02:00"
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#enabled",
		"https://cloud.google.com/sql/docs/postgres/backup-recovery/backups",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_14"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0024"},
		{Tool: scanner.ToolTfsec, ID: "google-sql-enable-backup"},
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}

resource "google_sql_database_instance" "replica" {
  name                 = "replica"
  region               = "europe-west1"
  database_version     = "POSTGRES_16"
  master_instance_name = google_sql_database_instance.main.name
  settings {
    tier = "db-custom-2-7680"
  }
}`, NotApplicable: []string{"google_sql_database_instance.replica"}}},
	Bad: []scanner.Example{{Code: `
variable "backups" {
  type = bool
}

resource "google_sql_database_instance" "none" {
  name             = "none"
  region           = "europe-west1"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "off" {
  name             = "off"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled = false
    }
  }
}

resource "google_sql_database_instance" "unknown" {
  name             = "unknown"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled = var.backups
    }
  }
}

variable "primary" {
  type = string
}

resource "google_sql_database_instance" "maybe_replica" {
  name                 = "maybe-replica"
  region               = "europe-west1"
  database_version     = "POSTGRES_16"
  master_instance_name = var.primary
  settings {
    tier = "db-f1-micro"
  }
}`,
		Fails:    []string{"google_sql_database_instance.none", "google_sql_database_instance.off"},
		Unknowns: []string{"google_sql_database_instance.unknown", "google_sql_database_instance.maybe_replica"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return exemptSQLReplica(r, func() scanner.Result {
			on, rng := backupsOn(r)
			switch on {
			case scanner.Maybe:
				return scanner.Unknowable(rng, "whether automated backups are enabled is not known until apply")
			case scanner.Yes:
				return scanner.Passed()
			}
			return scanner.Failed(rng, "automated backups are not enabled (settings.backup_configuration.enabled is not true)")
		})
	},
}

var sqlPointInTimeRecovery = &scanner.Rule{
	ID:    "google-sql-point-in-time-recovery",
	Title: "Cloud SQL instances can be restored to a point in time",
	Description: "Daily backups alone lose up to a day of writes; point-in-time recovery replays the transaction log to " +
		"restore to any moment within the log retention window. A1.2 expects backups frequent enough to meet the recovery " +
		"point objective. PostgreSQL and SQL Server use backup_configuration.point_in_time_recovery_enabled, MySQL uses " +
		"binary_log_enabled; both default to false. Read replicas are not checked.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Set point_in_time_recovery_enabled = true (PostgreSQL, SQL Server) or binary_log_enabled = true (MySQL) in settings.backup_configuration, with backups enabled.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true # binary_log_enabled = true for MySQL
      transaction_log_retention_days = 7
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#point_in_time_recovery_enabled",
		"https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr",
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "pg" {
  name             = "pg"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  region           = "europe-west1"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "version" {
  type = string
}

resource "google_sql_database_instance" "pg" {
  name             = "pg"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}

# MySQL ignores point_in_time_recovery_enabled: it needs binary logs.
resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  region           = "europe-west1"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "unknown_engine" {
  name             = "unknown"
  region           = "europe-west1"
  database_version = var.version
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}`,
		Fails:    []string{"google_sql_database_instance.pg", "google_sql_database_instance.mysql"},
		Unknowns: []string{"google_sql_database_instance.unknown_engine"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return exemptSQLReplica(r, func() scanner.Result {
			version := r.Attr("database_version")
			if !version.IsKnown() {
				return scanner.Unknowable(attrRange(version, r.Range), "database_version is not known until apply")
			}
			cfg, unknown := sqlBackupConfig(r)
			if unknown {
				return scanner.Unknowable(r.Range, "settings.backup_configuration is not known until apply")
			}
			arg := "point_in_time_recovery_enabled"
			if strings.HasPrefix(strings.ToUpper(version.StringOr("")), "MYSQL") {
				arg = "binary_log_enabled"
			}
			v := cfg.Attr(arg)
			on := v.BoolOr(false)
			rng := attrRange(v, r.Range)
			switch on {
			case scanner.Maybe:
				return scanner.Unknowable(rng, "%s is not known until apply", arg)
			case scanner.Yes:
				return scanner.Passed()
			}
			return scanner.Failed(rng, "%s is not true on this %s instance: it can only be restored to its last daily backup", arg, version.StringOr("?"))
		})
	},
}

var sqlBackupRetention = &scanner.Rule{
	ID:    "google-sql-backup-retention",
	Title: "Cloud SQL instances retain enough automated backups",
	Description: "Cloud SQL keeps the last retained_backups automated backups (7 by default); corruption noticed later " +
		"than that cannot be rolled back. A1.2 expects retention that meets recovery objectives. Instances without " +
		"automated backups are left to google-sql-backups-enabled.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_sql_database_instance"},
	Params: []scanner.Param{{
		Name:        "min_retained_backups",
		Description: "Minimum number of automated (daily) backups to retain.",
		Default:     7,
		Min:         1,
		Max:         365, // Cloud SQL keeps 1 to 365 backups
	}},
	Remediation: "Set settings.backup_configuration.backup_retention_settings { retained_backups = 30 }.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    backup_configuration {
      enabled = true
      backup_retention_settings {
        retained_backups = 30
        retention_unit   = "COUNT"
      }
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#retained_backups",
		"https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#retention",
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "default" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}`}, {Code: `
resource "google_sql_database_instance" "month" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
      backup_retention_settings {
        retained_backups = 30
      }
    }
  }
}`, Params: map[string]any{"min_retained_backups": 30}}, {Code: `
# Nothing to judge: an instance without automated backups (which
# google-sql-backups-enabled fails) and a read replica, which Cloud SQL
# never backs up.
resource "google_sql_database_instance" "no_backups" {
  name             = "no-backups"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "replica" {
  name                 = "replica"
  region               = "europe-west1"
  database_version     = "POSTGRES_16"
  master_instance_name = google_sql_database_instance.no_backups.name
  settings {
    tier = "db-custom-2-7680"
  }
}`, NotApplicable: []string{"google_sql_database_instance.no_backups", "google_sql_database_instance.replica"}}},
	Bad: []scanner.Example{{Code: `
resource "google_sql_database_instance" "short" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
      backup_retention_settings {
        retained_backups = 3
      }
    }
  }
}`, Fails: []string{"google_sql_database_instance.short"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return exemptSQLReplica(r, func() scanner.Result {
			switch on, rng := backupsOn(r); on {
			case scanner.Maybe:
				return scanner.Unknowable(rng, "whether automated backups are enabled is not known until apply")
			case scanner.No:
				return scanner.DoesNotApply("automated backups are off, so none are retained (google-sql-backups-enabled judges that)")
			}
			retention, dynamic := r.Follow("settings", "backup_configuration", "backup_retention_settings")
			if dynamic != "" {
				return scanner.Unknowable(r.Range, "backup_retention_settings is not known until apply")
			}
			minimum := ctx.Int("min_retained_backups")
			v := retention.Attr("retained_backups")
			got, enough := v.IntAtLeast(7, minimum)
			rng := attrRange(v, r.Range)
			switch enough {
			case scanner.Maybe:
				return scanner.Unknowable(rng, "retained_backups is not known until apply")
			case scanner.Yes:
				return scanner.Passed()
			}
			return scanner.Failed(rng, "only %d automated backups are retained, fewer than the required %d", got, minimum)
		})
	},
}

var sqlBackupLocation = &scanner.Rule{
	ID:    "google-sql-backup-location-other-region",
	Title: "Cloud SQL backups are not stored only in the instance's own region",
	Description: "By default Cloud SQL stores backups in the multi-region closest to the instance, which survives the loss " +
		"of one region. Setting backup_configuration.location to the instance's own region keeps every backup next to " +
		"the data it protects, so a regional outage takes both. A1.2 expects backups stored off site. Unset, a " +
		"multi-region (\"eu\", \"us\", \"asia\") or another region passes; when the instance's region cannot be determined " +
		"the result is unknown.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Remove backup_configuration.location (the default multi-region is off-region) or set it to a multi-region or another region.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  region = "europe-west1"
  # ...
  settings {
    backup_configuration {
      enabled  = true
      location = "eu" # multi-region; or another region such as "europe-west4"
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#location",
		"https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#custom-locations",
	},
	Good: []scanner.Example{{Code: `
provider "google" {
  region = "europe-west1"
}

resource "google_sql_database_instance" "default_location" {
  name             = "a"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}

resource "google_sql_database_instance" "multi_region" {
  name             = "b"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled  = true
      location = "eu"
    }
  }
}

resource "google_sql_database_instance" "other_region" {
  name             = "c"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled  = true
      location = "europe-west4"
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
provider "google" {
  region = "us-central1"
}

variable "instance_region" {
  type = string
}

resource "google_sql_database_instance" "same_as_provider" {
  name             = "a"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled  = true
      location = "us-central1"
    }
  }
}

resource "google_sql_database_instance" "same_as_argument" {
  name             = "b"
  region           = "europe-west1"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled  = true
      location = "europe-west1"
    }
  }
}

resource "google_sql_database_instance" "unknown_region" {
  name             = "c"
  region           = var.instance_region
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled  = true
      location = "europe-west1"
    }
  }
}`,
		Fails:    []string{"google_sql_database_instance.same_as_provider", "google_sql_database_instance.same_as_argument"},
		Unknowns: []string{"google_sql_database_instance.unknown_region"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return exemptSQLReplica(r, func() scanner.Result {
			cfg, unknown := sqlBackupConfig(r)
			if unknown {
				return scanner.Unknowable(r.Range, "settings.backup_configuration is not known until apply")
			}
			loc := cfg.Attr("location")
			switch {
			case loc.IsNull():
				return scanner.Passed()
			case loc.IsUnknown():
				return scanner.Unknowable(loc.Range, "backup_configuration.location is not known until apply")
			}
			backupLoc := strings.ToLower(strings.TrimSpace(loc.StringOr("")))
			if !strings.Contains(backupLoc, "-") {
				// Multi-regions (eu, us, asia) span several regions.
				return scanner.Passed()
			}
			region, ok := r.Region().AsString()
			if !ok {
				return scanner.Unknowable(loc.Range, "the instance's region cannot be determined statically, so whether its backups leave it is unknown")
			}
			if strings.EqualFold(strings.TrimSpace(region), backupLoc) {
				return scanner.Failed(loc.Range, "backups are stored in %s, the instance's own region: a regional outage takes the instance and its backups", backupLoc)
			}
			return scanner.Passed()
		})
	},
}

// sqlIPConfig returns settings.ip_configuration, or nil; unknown when a
// dynamic block hides it.
func sqlIPConfig(r *scanner.Resource) (*scanner.Block, bool) {
	cfg, dynamic := r.Follow("settings", "ip_configuration")
	return cfg, dynamic != ""
}

var sqlNoPublicAuthorizedNetworks = &scanner.Rule{
	ID:    "google-sql-no-public-authorized-networks",
	Title: "Cloud SQL instances do not authorize the whole internet",
	Description: "An authorized network of 0.0.0.0/0 lets any address on the internet connect to the instance's public IP " +
		"and try its passwords. CC6.6 expects access from outside the boundary restricted to known sources. Networks in " +
		"dynamic blocks are followed; an unknown value is reported as unknown.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Remove the 0.0.0.0/0 authorized network; connect through private IP, the Cloud SQL Auth Proxy, or authorize specific office/VPN ranges.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#authorized_networks",
		"https://cloud.google.com/sql/docs/postgres/authorize-networks",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_11"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0017"},
		{Tool: scanner.ToolTfsec, ID: "google-sql-no-public-access"},
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "office" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "networks" {
  type = list(string)
}

resource "google_sql_database_instance" "world" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }
      authorized_networks {
        name  = "everyone"
        value = "0.0.0.0/0"
      }
    }
  }
}

resource "google_sql_database_instance" "dynamic_world" {
  name             = "other"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      dynamic "authorized_networks" {
        for_each = ["0.0.0.0/0"]
        content {
          value = authorized_networks.value
        }
      }
    }
  }
}

resource "google_sql_database_instance" "unknown" {
  name             = "third"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      dynamic "authorized_networks" {
        for_each = var.networks
        content {
          value = authorized_networks.value
        }
      }
    }
  }
}`,
		Fails:    []string{"google_sql_database_instance.world", "google_sql_database_instance.dynamic_world"},
		Unknowns: []string{"google_sql_database_instance.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		ip, unknown := sqlIPConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "settings.ip_configuration is not known until apply")
		}
		unknown = ip.BlocksUnknown("authorized_networks")
		for _, n := range ip.Blocks("authorized_networks") {
			v := n.Attr("value")
			if v.IsUnknown() {
				unknown = true
				continue
			}
			if s, ok := v.AsString(); ok && ruleutil.IsWholeInternet(s) {
				return scanner.Failed(v.Range, "authorized network %q lets any address on the internet connect to the instance", s)
			}
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the instance's authorized networks are not known until apply")
		}
		return scanner.Passed()
	},
}

var sqlSSLRequired = &scanner.Rule{
	ID:    "google-sql-ssl-required",
	Title: "Cloud SQL instances accept only encrypted connections",
	Description: "Unless ssl_mode is ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED, Cloud SQL accepts unencrypted " +
		"connections, and credentials and query results can cross the network in clear text. CC6.7 expects encryption in " +
		"transit. The deprecated require_ssl = true (removed in google provider v6) is honoured when ssl_mode is unset.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Set settings.ip_configuration.ssl_mode = \"ENCRYPTED_ONLY\" (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED to require client certificates).",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY"
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#ssl_mode",
		"https://cloud.google.com/sql/docs/postgres/configure-ssl-instance",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_6"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0015"},
		{Tool: scanner.ToolTfsec, ID: "google-sql-encrypt-in-transit-data"},
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "encrypted" {
  name             = "a"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "b"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      require_ssl = true
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_sql_database_instance" "default" {
  name             = "a"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "allow" {
  name             = "b"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    }
  }
}`, Fails: []string{"google_sql_database_instance.default", "google_sql_database_instance.allow"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		ip, unknown := sqlIPConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "settings.ip_configuration is not known until apply")
		}
		mode := ip.Attr("ssl_mode")
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "ssl_mode is not known until apply")
		case mode.OneOf("ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"):
			return scanner.Passed()
		case mode.IsSet():
			return scanner.Failed(mode.Range, "ssl_mode is %q: the instance accepts unencrypted connections", mode.StringOr("?"))
		}
		legacy := ip.Attr("require_ssl")
		switch {
		case legacy.IsUnknown():
			return scanner.Unknowable(legacy.Range, "require_ssl is not known until apply")
		case legacy.IsTrue():
			return scanner.Passed()
		}
		return scanner.Failed(attrRange(legacy, r.Range), "ssl_mode is not set (and require_ssl is not true): the instance accepts unencrypted connections")
	},
}

var sqlNoPublicIP = &scanner.Rule{
	ID:    "google-sql-no-public-ip",
	Title: "Cloud SQL instances have no public IP address",
	Description: "ipv4_enabled defaults to true and gives the instance a public IP. Without authorized networks it only " +
		"accepts connections through the Cloud SQL Auth Proxy or connectors, which is why this is low severity, but a " +
		"private-IP-only instance removes the internet-facing endpoint altogether. CC6.6 expects data stores behind the " +
		"boundary.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Set settings.ip_configuration { ipv4_enabled = false, private_network = <VPC id> } (or use Private Service Connect).",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
    }
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#ipv4_enabled",
		"https://cloud.google.com/sql/docs/postgres/configure-private-ip",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_60"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0017"},
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "private" {
  name             = "a"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme/global/networks/main"
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_sql_database_instance" "default" {
  name             = "a"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "public" {
  name             = "b"
  region           = "europe-west1"
  database_version = "SQLSERVER_2019_STANDARD"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = true
    }
  }
}`, Fails: []string{"google_sql_database_instance.default", "google_sql_database_instance.public"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		ip, unknown := sqlIPConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "settings.ip_configuration is not known until apply")
		}
		v := ip.Attr("ipv4_enabled")
		on := v.BoolOr(true)
		rng := attrRange(v, r.Range)
		switch on {
		case scanner.Maybe:
			return scanner.Unknowable(rng, "ipv4_enabled is not known until apply")
		case scanner.No:
			return scanner.Passed()
		}
		return scanner.Failed(rng, "the instance has a public IP address (ipv4_enabled is true or unset)")
	},
}

var sqlDeletionProtection = &scanner.Rule{
	ID:    "google-sql-deletion-protection",
	Title: "Cloud SQL instances are protected from deletion",
	Description: "Deleting a Cloud SQL instance by default deletes its automated backups with it. The provider's deletion_protection " +
		"(default true) stops Terraform from destroying the instance; settings.deletion_protection_enabled also stops " +
		"deletion through the console and API. C1.1 expects confidential data protected from destruction. An instance " +
		"fails only when deletion_protection is false and API-level protection is not enabled either.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "C1.1", Secondary: []string{"A1.2", "CC7.4"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Remove deletion_protection = false, and set settings.deletion_protection_enabled = true for API-level protection.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  deletion_protection = true
  settings {
    deletion_protection_enabled = true
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#deletion_protection",
		"https://cloud.google.com/sql/docs/postgres/deletion-protection",
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "default" {
  name             = "a"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "api_level" {
  name                = "b"
  region              = "europe-west1"
  database_version    = "POSTGRES_16"
  deletion_protection = false
  settings {
    tier                        = "db-custom-2-7680"
    deletion_protection_enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_sql_database_instance" "unprotected" {
  name                = "a"
  region              = "europe-west1"
  database_version    = "POSTGRES_16"
  deletion_protection = false
  settings {
    tier = "db-custom-2-7680"
  }
}`, Fails: []string{"google_sql_database_instance.unprotected"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		settings, dynamic := r.Follow("settings")
		if dynamic == "" && settings.Attr("deletion_protection_enabled").IsTrue() {
			return scanner.Passed()
		}
		v := r.Attr("deletion_protection")
		on := v.BoolOr(true)
		switch {
		case on == scanner.Maybe:
			return scanner.Unknowable(v.Range, "deletion_protection is not known until apply")
		case on == scanner.Yes:
			return scanner.Passed()
		case dynamic != "":
			return scanner.Unknowable(r.Range, "settings is not known until apply")
		}
		return scanner.Failed(v.Range, "deletion_protection is false and settings.deletion_protection_enabled is not true: the instance and its automated backups can be deleted in one step")
	},
}

var sqlHighAvailability = &scanner.Rule{
	ID:    "google-sql-high-availability",
	Title: "Cloud SQL instances fail over to another zone",
	Description: "availability_type defaults to ZONAL: the instance lives in one zone and a zone outage or a failed " +
		"host stops the database until it is restored. REGIONAL keeps a synchronous standby in another zone with " +
		"automatic failover. A1.2 expects recovery infrastructure designed for availability commitments. Read replicas " +
		"are not checked.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1"}},
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   `Set settings.availability_type = "REGIONAL".`,
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    availability_type = "REGIONAL"
  }
}`,
	Links: []string{
		sqlInstanceDocs + "#availability_type",
		"https://cloud.google.com/sql/docs/postgres/high-availability",
	},
	Good: []scanner.Example{{Code: `
resource "google_sql_database_instance" "ha" {
  name             = "ha"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
  }
}

resource "google_sql_database_instance" "replica" {
  name                 = "replica"
  region               = "europe-west1"
  database_version     = "POSTGRES_16"
  master_instance_name = "ha"
  settings {
    tier = "db-custom-2-7680"
  }
}`, NotApplicable: []string{"google_sql_database_instance.replica"}}},
	Bad: []scanner.Example{{Code: `
resource "google_sql_database_instance" "zonal" {
  name             = "zonal"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}`, Fails: []string{"google_sql_database_instance.zonal"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return ruleutil.ExemptIfNamed(r.Attr("master_instance_name"), scanner.DoesNotApply("a read replica fails over with its primary"), func() scanner.Result {
			settings, dynamic := r.Follow("settings")
			if dynamic != "" {
				return scanner.Unknowable(r.Range, "settings is not known until apply")
			}
			v := scanner.Value{Name: "availability_type", Range: r.Range}
			if settings != nil {
				v = settings.Attr("availability_type")
			}
			switch {
			case v.IsUnknown():
				return scanner.Unknowable(v.Range, "availability_type is not known until apply")
			case v.Equals("REGIONAL"):
				return scanner.Passed()
			}
			return scanner.Failed(attrRange(v, r.Range), "availability_type is %s: a zone outage stops the database", v.StringOr("ZONAL (the default)"))
		})
	},
}
