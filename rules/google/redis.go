package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

const redisDocs = googleDocs + "redis_instance"

// redisHCL renders a Memorystore for Redis instance for examples.
func redisHCL(name, extra string) string {
	if extra != "" {
		extra = "\n  " + extra
	}
	return "\nresource \"google_redis_instance\" \"" + name + "\" {\n  name           = \"" + name + "\"\n  memory_size_gb = 1" + extra + "\n}\n"
}

var redisTransitEncryption = &scanner.Rule{
	ID:    "google-redis-transit-encryption",
	Title: "Memorystore for Redis instances encrypt connections",
	Description: "transit_encryption_mode defaults to DISABLED: clients then send the AUTH string and every cached value " +
		"in clear text across the VPC. CC6.7 expects data protected in transmission. SERVER_AUTHENTICATION turns TLS on.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"google_redis_instance"},
	Remediation:     `Set transit_encryption_mode = "SERVER_AUTHENTICATION" (recreates the instance) and configure clients with the server CA.`,
	RemediationCode: "resource \"google_redis_instance\" \"cache\" {\n  # ...\n  transit_encryption_mode = \"SERVER_AUTHENTICATION\"\n}",
	Links: []string{
		redisDocs + "#transit_encryption_mode",
		"https://cloud.google.com/memorystore/docs/redis/about-in-transit-encryption",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_97"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: redisHCL("tls", `transit_encryption_mode = "SERVER_AUTHENTICATION"`)}}
		bad = []scanner.Example{{Code: redisHCL("plain", ""), Fails: []string{"google_redis_instance.plain"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("transit_encryption_mode")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "transit_encryption_mode is not known until apply")
		case v.Equals("SERVER_AUTHENTICATION"):
			return scanner.Passed()
		}
		return scanner.Failed(attrRange(v, r.Range), "transit_encryption_mode is %s: clients talk to Redis in clear text", v.StringOr("DISABLED (the default)"))
	},
}

var redisAuth = &scanner.Rule{
	ID:    "google-redis-auth-enabled",
	Title: "Memorystore for Redis instances require AUTH",
	Description: "auth_enabled defaults to false: any client that can reach the instance's private address can read " +
		"and overwrite the cache. CC6.1 expects access authenticated. With AUTH on, clients must present the " +
		"instance's AUTH string.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6"}},
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"google_redis_instance"},
	Remediation:     "Set auth_enabled = true and hand clients the AUTH string through Secret Manager.",
	RemediationCode: "resource \"google_redis_instance\" \"cache\" {\n  # ...\n  auth_enabled = true\n}",
	Links: []string{
		redisDocs + "#auth_enabled",
		"https://cloud.google.com/memorystore/docs/redis/about-redis-auth",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_95"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: redisHCL("auth", "auth_enabled = true")}}
		bad = []scanner.Example{{Code: redisHCL("open", ""), Fails: []string{"google_redis_instance.open"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("auth_enabled"), "auth_enabled is not true: any client on the network can use the cache")
	},
}

var redisHighAvailability = &scanner.Rule{
	ID:    "google-redis-standard-ha",
	Title: "Memorystore for Redis instances have a replica in another zone",
	Description: "tier defaults to BASIC, a single node without replica: a zone outage or maintenance empties the cache " +
		"and stops what depends on it. A1.1 and A1.2 expect capacity and recovery designed for availability commitments. " +
		"STANDARD_HA keeps a replica in another zone with automatic failover.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1"}},
	Family:          scanner.FamilyHighAvailability,
	ResourceTypes:   []string{"google_redis_instance"},
	Remediation:     `Set tier = "STANDARD_HA" (recreates the instance).`,
	RemediationCode: "resource \"google_redis_instance\" \"cache\" {\n  # ...\n  tier = \"STANDARD_HA\"\n}",
	Links: []string{
		redisDocs + "#tier",
		"https://cloud.google.com/memorystore/docs/redis/high-availability-for-memorystore-for-redis",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: redisHCL("ha", `tier = "STANDARD_HA"`)}}
		bad = []scanner.Example{{Code: redisHCL("basic", ""), Fails: []string{"google_redis_instance.basic"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("tier")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "tier is not known until apply")
		case v.Equals("STANDARD_HA"):
			return scanner.Passed()
		}
		return scanner.Failed(attrRange(v, r.Range), "tier is %s: a single node without replica", v.StringOr("BASIC (the default)"))
	},
}

var redisCMEK = &scanner.Rule{
	ID:              "google-redis-cmek",
	Title:           "Memorystore for Redis instances are encrypted with a customer-managed key",
	Description:     cmekDescription + "customer_managed_key encrypts the instance's persisted data and can only be set at creation.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"google_redis_instance"},
	Remediation:     "Set customer_managed_key (recreates the instance) and grant the Memorystore service agent access to the key.",
	RemediationCode: "resource \"google_redis_instance\" \"cache\" {\n  # ...\n  customer_managed_key = google_kms_crypto_key.redis.id\n}",
	Links: []string{
		redisDocs + "#customer_managed_key",
		"https://cloud.google.com/memorystore/docs/redis/cmek",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: redisHCL("keyed", "customer_managed_key = "+exampleKey)}}
		bad = []scanner.Example{{Code: redisHCL("plain", ""), Fails: []string{"google_redis_instance.plain"}}}
		return good, bad
	},
	Check: cmekCheck("the instance", "customer_managed_key"),
}
