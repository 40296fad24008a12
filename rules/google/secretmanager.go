package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

var secretManagerCMEK = &scanner.Rule{
	ID:    "google-secretmanager-secret-cmek",
	Title: "Secret Manager secrets are encrypted with a customer-managed key",
	Description: cmekDescription + "A secret's replication policy carries the key: replication.auto.customer_managed_encryption " +
		"for automatic replication, and customer_managed_encryption on every replica of replication.user_managed (one key " +
		"per replica's region). The legacy replication { automatic = true } of provider 4.x cannot take a key and fails.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_secret_manager_secret"},
	Remediation: "Set customer_managed_encryption { kms_key_name } in replication.auto (or on each user-managed replica) and " +
		"grant the Secret Manager service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.",
	RemediationCode: `resource "google_secret_manager_secret" "db_password" {
  secret_id = "db-password"
  replication {
    auto {
      customer_managed_encryption {
        kms_key_name = google_kms_crypto_key.secrets.id
      }
    }
  }
}`,
	Links: []string{
		googleDocs + "secret_manager_secret#replication",
		"https://cloud.google.com/secret-manager/docs/cmek",
	},
	Good: []scanner.Example{{Code: `
resource "google_secret_manager_secret" "auto" {
  secret_id = "auto"
  replication {
    auto {
      customer_managed_encryption {
        kms_key_name = ` + exampleKey + `
      }
    }
  }
}

resource "google_secret_manager_secret" "user_managed" {
  secret_id = "user-managed"
  replication {
    user_managed {
      replicas {
        location = "europe-west1"
        customer_managed_encryption {
          kms_key_name = ` + exampleKey + `
        }
      }
      replicas {
        location = "europe-west4"
        customer_managed_encryption {
          kms_key_name = "projects/acme/locations/europe-west4/keyRings/main/cryptoKeys/data"
        }
      }
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "replicas" {
  type = list(object({ location = string, key = string }))
}

resource "google_secret_manager_secret" "auto" {
  secret_id = "auto"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret" "legacy" {
  secret_id = "legacy"
  replication {
    automatic = true
  }
}

resource "google_secret_manager_secret" "one_replica_unkeyed" {
  secret_id = "one-replica-unkeyed"
  replication {
    user_managed {
      replicas {
        location = "europe-west1"
        customer_managed_encryption {
          kms_key_name = ` + exampleKey + `
        }
      }
      replicas {
        location = "europe-west4"
      }
    }
  }
}

resource "google_secret_manager_secret" "unknown" {
  secret_id = "unknown"
  replication {
    user_managed {
      dynamic "replicas" {
        for_each = var.replicas
        content {
          location = replicas.value.location
          customer_managed_encryption {
            kms_key_name = replicas.value.key
          }
        }
      }
    }
  }
}

variable "replica_locations" {
  type = list(string)
}

# user_managed is generated from a list known only after apply.
resource "google_secret_manager_secret" "dynamic_user_managed" {
  secret_id = "dynamic-user-managed"
  replication {
    dynamic "user_managed" {
      for_each = var.replica_locations
      content {
        replicas {
          location = user_managed.value
          customer_managed_encryption {
            kms_key_name = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"
          }
        }
      }
    }
  }
}`,
		Fails: []string{
			"google_secret_manager_secret.auto",
			"google_secret_manager_secret.legacy",
			"google_secret_manager_secret.one_replica_unkeyed",
		},
		Unknowns: []string{"google_secret_manager_secret.unknown", "google_secret_manager_secret.dynamic_user_managed"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		const msg = "the secret is encrypted only with a Google-managed key: "
		if r.BlocksUnknown("replication") {
			return scanner.Unknowable(r.Range, "replication is not known until apply")
		}
		repl := r.FirstBlock("replication")
		if repl == nil {
			return scanner.Failed(r.Range, msg+"replication sets no customer_managed_encryption")
		}
		if repl.BlocksUnknown("auto") || repl.BlocksUnknown("user_managed") {
			return scanner.Unknowable(repl.Range, "replication is not known until apply")
		}
		if auto := repl.FirstBlock("auto"); auto != nil {
			if auto.BlocksUnknown("customer_managed_encryption") {
				return scanner.Unknowable(auto.Range, "replication.auto is not known until apply")
			}
			enc := auto.FirstBlock("customer_managed_encryption")
			if enc == nil {
				return scanner.Failed(auto.Range, msg+"replication.auto sets no customer_managed_encryption")
			}
			return scanner.RequireSet(enc.Attr("kms_key_name"), msg+"replication.auto.customer_managed_encryption.kms_key_name is not set")
		}
		um, dynamic := repl.Follow("user_managed")
		switch {
		case dynamic != "":
			return scanner.Unknowable(repl.Range, "replication.user_managed is not known until apply")
		case um == nil:
			return scanner.Failed(repl.Range, msg+"automatic replication without an auto block cannot take a customer-managed key")
		}
		if um.BlocksUnknown("replicas") {
			return scanner.Unknowable(um.Range, "replication.user_managed.replicas is not known until apply")
		}
		for _, rep := range um.Blocks("replicas") {
			if rep.BlocksUnknown("customer_managed_encryption") {
				return scanner.Unknowable(rep.Range, "a replica's customer_managed_encryption is not known until apply")
			}
			enc := rep.FirstBlock("customer_managed_encryption")
			if enc == nil {
				return scanner.Failed(rep.Range, msg+"a user-managed replica sets no customer_managed_encryption")
			}
			if res := scanner.RequireSet(enc.Attr("kms_key_name"), msg+"a replica's customer_managed_encryption.kms_key_name is not set"); res.Status != scanner.Pass {
				return res
			}
		}
		return scanner.Passed()
	},
}
