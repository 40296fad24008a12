package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

const (
	sqlFlagsDocs     = sqlInstanceDocs + "#database_flags"
	pgFlagsDocs      = "https://cloud.google.com/sql/docs/postgres/flags"
	mysqlFlagsDocs   = "https://cloud.google.com/sql/docs/mysql/flags"
	sqlserverFlagDoc = "https://cloud.google.com/sql/docs/sqlserver/flags"
)

// pgLogDescription is the shared reasoning of the PostgreSQL logging flags.
const pgLogDescription = "Cloud SQL for PostgreSQL writes only what its flags ask for to Cloud Logging. CC7.2 expects " +
	"security-relevant events recorded so that anomalies can be detected and investigated. The rule applies to " +
	"POSTGRES_* instances and reads settings.database_flags; flags in a dynamic block over an unknown list are " +
	"reported as unknown. "

// flagRemediation is the shape of every flag's remediation snippet.
func flagRemediation(name, value string) string {
	return `resource "google_sql_database_instance" "main" {
  # ...
  settings {
    database_flags {
      name  = "` + name + `"
      value = "` + value + `"
    }
  }
}`
}

var flagLogCheckpoints = sqlFlag{Engine: "POSTGRES", Name: "log_checkpoints", Good: is("on"), DefaultGood: func(major int) bool { return major >= 15 }, Want: `"on"`}

var sqlPGLogCheckpoints = flagLogCheckpoints.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-checkpoints",
	Title: "PostgreSQL instances log checkpoints",
	Description: pgLogDescription + "log_checkpoints records every checkpoint and restart point, which shows I/O " +
		"pressure and crash recovery in the logs. PostgreSQL 15 and later turn it on by default; earlier versions need the flag.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"A1.1"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Add database_flags { name = "log_checkpoints", value = "on" }.`,
	RemediationCode: flagRemediation("log_checkpoints", "on"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_51"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0025"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogCheckpoints.good("POSTGRES_14", "on")
		bad = flagLogCheckpoints.bad("POSTGRES_14", "off")
		return good, bad
	},
})

var flagLogConnections = sqlFlag{Engine: "POSTGRES", Name: "log_connections", Good: is("on"), DefaultGood: never, Want: `"on"`}

var sqlPGLogConnections = flagLogConnections.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-connections",
	Title: "PostgreSQL instances log connection attempts",
	Description: pgLogDescription + "log_connections records every connection attempt and successful authentication; " +
		"without it, password guessing and unexpected clients leave no trace. It is off by default.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC6.1", "CC7.3"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Add database_flags { name = "log_connections", value = "on" }.`,
	RemediationCode: flagRemediation("log_connections", "on"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_52"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0016"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogConnections.good("POSTGRES_16", "on")
		bad = flagLogConnections.bad("POSTGRES_16", "off")
		return good, bad
	},
})

var flagLogDisconnections = sqlFlag{Engine: "POSTGRES", Name: "log_disconnections", Good: is("on"), DefaultGood: never, Want: `"on"`}

var sqlPGLogDisconnections = flagLogDisconnections.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-disconnections",
	Title: "PostgreSQL instances log session ends",
	Description: pgLogDescription + "log_disconnections records the end of every session with its duration, which " +
		"together with log_connections bounds what a session could have done. It is off by default.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Add database_flags { name = "log_disconnections", value = "on" }.`,
	RemediationCode: flagRemediation("log_disconnections", "on"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_53"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0022"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogDisconnections.good("POSTGRES_16", "on")
		bad = flagLogDisconnections.bad("POSTGRES_16", "off")
		return good, bad
	},
})

var flagLogLockWaits = sqlFlag{Engine: "POSTGRES", Name: "log_lock_waits", Good: is("on"), DefaultGood: never, Want: `"on"`}

var sqlPGLogLockWaits = flagLogLockWaits.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-lock-waits",
	Title: "PostgreSQL instances log long lock waits",
	Description: pgLogDescription + "log_lock_waits records sessions that wait longer than deadlock_timeout for a " +
		"lock, the trace of contention that degrades availability. It is off by default.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"A1.1"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Add database_flags { name = "log_lock_waits", value = "on" }.`,
	RemediationCode: flagRemediation("log_lock_waits", "on"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_54"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0020"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogLockWaits.good("POSTGRES_16", "on")
		bad = flagLogLockWaits.bad("POSTGRES_16", "off")
		return good, bad
	},
})

var flagLogTempFiles = sqlFlag{Engine: "POSTGRES", Name: "log_temp_files", Good: is("0"), DefaultGood: never, Want: `"0" (log every temporary file)`}

var sqlPGLogTempFiles = flagLogTempFiles.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-temp-files",
	Title: "PostgreSQL instances log every temporary file",
	Description: pgLogDescription + "log_temp_files = 0 records the name and size of every temporary file, which shows " +
		"queries spilling large result sets to disk, a sign of resource exhaustion or bulk extraction. The default (-1) " +
		"logs none.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"A1.1"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Add database_flags { name = "log_temp_files", value = "0" }.`,
	RemediationCode: flagRemediation("log_temp_files", "0"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_56"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0014"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogTempFiles.good("POSTGRES_16", "0")
		bad = flagLogTempFiles.bad("POSTGRES_16", "-1")
		return good, bad
	},
})

var flagLogMinDuration = sqlFlag{Engine: "POSTGRES", Name: "log_min_duration_statement", Good: is("-1"), DefaultGood: ok, Want: `"-1" (disabled)`}

var sqlPGLogMinDuration = flagLogMinDuration.rule(&scanner.Rule{
	ID:    "google-sql-postgres-no-statement-duration-logging",
	Title: "PostgreSQL instances do not log the text of slow statements",
	Description: "log_min_duration_statement logs the full text of every statement slower than its threshold, " +
		"including the literal values in it: personal data and secrets then end up in Cloud Logging, readable by " +
		"everyone with log access. C1.1 expects confidential information protected wherever it is stored. The default " +
		"(-1) logs nothing; use Query Insights, which redacts values, to find slow queries.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "C1.1", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Remove the log_min_duration_statement flag or set it to "-1".`,
	RemediationCode: flagRemediation("log_min_duration_statement", "-1"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_57"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0021"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogMinDuration.good("POSTGRES_16", "-1")
		bad = flagLogMinDuration.bad("POSTGRES_16", "100")
		return good, bad
	},
})

var flagPGAudit = sqlFlag{Engine: "POSTGRES", Name: "cloudsql.enable_pgaudit", Good: is("on"), DefaultGood: never, Want: `"on"`}

var sqlPGAudit = flagPGAudit.rule(&scanner.Rule{
	ID:    "google-sql-postgres-pgaudit",
	Title: "PostgreSQL instances enable the pgAudit extension",
	Description: pgLogDescription + "cloudsql.enable_pgaudit = on lets the pgAudit extension write session and object " +
		"audit logs (who read or changed which table) to Cloud Audit Logs, the database counterpart of Data Access " +
		"logs. Create the extension and set pgaudit.log to the statement classes to record.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "CC6.1"}},
	Family:          scanner.FamilyLogging,
	Remediation:     `Add database_flags { name = "cloudsql.enable_pgaudit", value = "on" } and a pgaudit.log flag, then CREATE EXTENSION pgaudit.`,
	RemediationCode: flagRemediation("cloudsql.enable_pgaudit", "on"),
	Links:           []string{sqlFlagsDocs, "https://cloud.google.com/sql/docs/postgres/pg-audit"},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_110"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagPGAudit.good("POSTGRES_16", "on")
		bad = flagPGAudit.bad("POSTGRES_16", "off")
		return good, bad
	},
})

var flagCrossDBChaining = sqlFlag{Engine: "SQLSERVER", Name: "cross db ownership chaining", Good: is("off"), DefaultGood: ok, Want: `"off"`}

var sqlServerCrossDBChaining = flagCrossDBChaining.rule(&scanner.Rule{
	ID:    "google-sql-sqlserver-no-cross-db-ownership-chaining",
	Title: "SQL Server instances do not chain ownership across databases",
	Description: "With cross db ownership chaining on, a user who owns objects in one database can reach objects of " +
		"another database owned by the same login without being granted access there, bypassing per-database " +
		"permissions. CC6.3 expects access granted by need. Cloud SQL turns it off by default; the rule fails an " +
		"explicit on.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Remove the "cross db ownership chaining" flag or set it to "off".`,
	RemediationCode: flagRemediation("cross db ownership chaining", "off"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_58"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0019"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagCrossDBChaining.good("SQLSERVER_2019_STANDARD", "off")
		bad = flagCrossDBChaining.bad("SQLSERVER_2019_STANDARD", "on")
		return good, bad
	},
})

var flagContainedDBAuth = sqlFlag{Engine: "SQLSERVER", Name: "contained database authentication", Good: is("off"), DefaultGood: ok, Want: `"off"`}

var sqlServerContainedDBAuth = flagContainedDBAuth.rule(&scanner.Rule{
	ID:    "google-sql-sqlserver-no-contained-database-authentication",
	Title: "SQL Server instances do not allow contained database users",
	Description: "Contained databases authenticate their own users, out of sight of the instance's logins: such users " +
		"escape the instance-level access review and can carry their access to wherever the database is copied. CC6.2 " +
		"expects users registered and authorised before they get credentials. Cloud SQL turns the flag off by default; " +
		"the rule fails an explicit on.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.2", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Remove the "contained database authentication" flag or set it to "off".`,
	RemediationCode: flagRemediation("contained database authentication", "off"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_59"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0023"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagContainedDBAuth.good("SQLSERVER_2019_STANDARD", "off")
		bad = flagContainedDBAuth.bad("SQLSERVER_2019_STANDARD", "on")
		return good, bad
	},
})

var flagExternalScripts = sqlFlag{Engine: "SQLSERVER", Name: "external scripts enabled", Good: is("off"), DefaultGood: ok, Want: `"off"`}

var sqlServerNoExternalScripts = flagExternalScripts.rule(&scanner.Rule{
	ID:    "google-sql-sqlserver-no-external-scripts",
	Title: "SQL Server instances do not run external scripts",
	Description: "With external scripts enabled, sp_execute_external_script runs R or Python code next to the database " +
		"engine, outside SQL Server's own permission checks on what that code reads, writes or reaches on the network: " +
		"anyone who can call it runs arbitrary code with the data at hand. CC6.8 expects the introduction of " +
		"unauthorised software prevented, CC6.1 logical access restricted. Cloud SQL turns the flag off by default; the " +
		"rule fails an explicit on.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.8", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Remove the "external scripts enabled" flag or set it to "off".`,
	RemediationCode: flagRemediation("external scripts enabled", "off"),
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagExternalScripts.good("SQLSERVER_2019_STANDARD", "off")
		bad = flagExternalScripts.bad("SQLSERVER_2019_STANDARD", "on")
		return good, bad
	},
})

var flagLocalInfile = sqlFlag{Engine: "MYSQL", Name: "local_infile", Good: is("off"), DefaultGood: func(major int) bool { return major >= 8 }, Want: `"off"`}

var sqlMySQLLocalInfile = flagLocalInfile.rule(&scanner.Rule{
	ID:    "google-sql-mysql-local-infile-off",
	Title: "MySQL instances do not load local files",
	Description: "local_infile lets LOAD DATA LOCAL read files from the client's machine, which a malicious server or " +
		"an injected statement can abuse to read arbitrary files. CC6.1 expects logical access restricted. MySQL 8.0 " +
		"turns it off by default, 5.6 and 5.7 on.",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.8"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Add database_flags { name = "local_infile", value = "off" }.`,
	RemediationCode: flagRemediation("local_infile", "off"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_50"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0026"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLocalInfile.good("MYSQL_5_7", "off")
		bad = flagLocalInfile.bad("MYSQL_5_7", "on")
		return good, bad
	},
})

var flagSkipShowDatabase = sqlFlag{Engine: "MYSQL", Name: "skip_show_database", Good: is("on"), DefaultGood: never, Want: `"on"`}

var sqlMySQLSkipShowDatabase = flagSkipShowDatabase.rule(&scanner.Rule{
	ID:    "google-sql-mysql-skip-show-database",
	Title: "MySQL instances hide the list of databases from users without the privilege",
	Description: "Without skip_show_database, any user can list every database of the instance with SHOW DATABASES, " +
		"which maps the tenants and applications sharing it. CC6.3 expects access limited to need; with the flag on, " +
		"only users with the SHOW DATABASES privilege see the list. It is off by default (CIS Google Cloud benchmark).",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Add database_flags { name = "skip_show_database", value = "on" }.`,
	RemediationCode: flagRemediation("skip_show_database", "on"),
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagSkipShowDatabase.good("MYSQL_8_0", "on")
		bad = flagSkipShowDatabase.bad("MYSQL_8_0", "off")
		return good, bad
	},
})
