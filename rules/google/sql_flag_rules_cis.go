package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// The flags below complete the CIS Google Cloud benchmark's Cloud SQL
// sections (6.2 PostgreSQL, 6.3 SQL Server) next to sql_flag_rules.go.
// Where CIS and the other scanners disagree on which levels pass, the
// accepted values are a parameter whose default is the values they all
// accept.

var flagLogMinMessages = leveledFlag("POSTGRES", "log_min_messages", "warning", "accepted_values", "warning", "error")

var sqlPGLogMinMessages = flagLogMinMessages.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-min-messages",
	Title: "PostgreSQL instances log warnings and errors",
	Description: pgLogDescription + "log_min_messages is the least severe message level written to the log. CIS asks " +
		"for WARNING or a more severe level (so that DEBUG, INFO and NOTICE do not flood the log), while LOG, FATAL " +
		"and PANIC stop recording errors, which Trivy fails; the accepted_values parameter therefore defaults to " +
		"warning and error. The default, warning, passes.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:          scanner.FamilyLogging,
	Params:          []scanner.Param{flagLogMinMessages.param("message levels", "warning", "error")},
	Remediation:     `Remove the log_min_messages flag or set it to "warning" (or "error").`,
	RemediationCode: flagRemediation("log_min_messages", "warning"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_55"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0018"},
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_postgres_log_min_messages_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = append(flagLogMinMessages.good("POSTGRES_16", "ERROR"), scanner.Example{
			Code:   sqlInstanceHCL("notice", "POSTGRES_16", flagLogMinMessages.flagHCL(`"notice"`)),
			Params: map[string]any{"accepted_values": []string{"notice", "warning", "error"}},
		})
		bad = flagLogMinMessages.bad("POSTGRES_16", "panic")
		return good, bad
	},
})

var flagLogMinErrorStatement = leveledFlag("POSTGRES", "log_min_error_statement", "error", "accepted_values", "error")

var sqlPGLogMinErrorStatement = flagLogMinErrorStatement.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-min-error-statement",
	Title: "PostgreSQL instances log the statements that cause errors",
	Description: pgLogDescription + "log_min_error_statement is the least severe level at which the statement that " +
		"caused a message is logged with it. At LOG, FATAL or PANIC, failing statements (a probe for SQL injection, a " +
		"denied access) are no longer recorded; below ERROR, the text of statements that only raise warnings is " +
		"logged too. CIS asks for ERROR or more severe and Checkov for ERROR or less, so the accepted_values parameter " +
		"defaults to error, which is also the default.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:          scanner.FamilyLogging,
	Params:          []scanner.Param{flagLogMinErrorStatement.param("message levels", "error")},
	Remediation:     `Remove the log_min_error_statement flag or set it to "error".`,
	RemediationCode: flagRemediation("log_min_error_statement", "error"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_109"},
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_postgres_log_min_error_statement_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogMinErrorStatement.good("POSTGRES_16", "error")
		bad = flagLogMinErrorStatement.bad("POSTGRES_16", "fatal")
		return good, bad
	},
})

var flagLogStatement = leveledFlag("POSTGRES", "log_statement", "none", "accepted_values", "ddl", "mod", "all")

var sqlPGLogStatement = flagLogStatement.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-statement",
	Title: "PostgreSQL instances log schema changes",
	Description: pgLogDescription + "log_statement = ddl records every CREATE, ALTER and DROP, the trace of changes to " +
		"the schema and to roles and grants that CC8.1 expects to be authorised and traceable. The default, none, logs " +
		"no statement, so an instance without the flag fails. mod and all also pass (CIS recommends ddl, Checkov " +
		"accepts all three), but they write the literal values of data changes to the log; narrow accepted_values to " +
		"ddl where that is unwanted.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC8.1", "CC7.3"}},
	Family:          scanner.FamilyLogging,
	Params:          []scanner.Param{flagLogStatement.param("statement classes", "ddl", "mod", "all")},
	Remediation:     `Add database_flags { name = "log_statement", value = "ddl" }.`,
	RemediationCode: flagRemediation("log_statement", "ddl"),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_107"},
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_postgres_log_statement_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogStatement.good("POSTGRES_16", "ddl")
		bad = append(flagLogStatement.bad("POSTGRES_16", "none"), scanner.Example{
			Code:   sqlInstanceHCL("everything", "POSTGRES_16", flagLogStatement.flagHCL(`"all"`)),
			Params: map[string]any{"accepted_values": []string{"ddl"}},
			Fails:  []string{"google_sql_database_instance.everything"},
			Expect: map[string]scanner.Expected{"google_sql_database_instance.everything": {Message: `it should be "ddl"`}},
		})
		return good, bad
	},
})

var flagLogErrorVerbosity = leveledFlag("POSTGRES", "log_error_verbosity", "default", "accepted_values", "default", "verbose")

var sqlPGLogErrorVerbosity = flagLogErrorVerbosity.rule(&scanner.Rule{
	ID:    "google-sql-postgres-log-error-verbosity",
	Title: "PostgreSQL instances log errors with their detail",
	Description: pgLogDescription + "log_error_verbosity = terse drops the DETAIL, HINT, QUERY and CONTEXT lines of " +
		"each logged error, which are what an investigation needs to tell what failed and why. CIS asks for default or " +
		"verbose; the default, default, passes.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:          scanner.FamilyLogging,
	Params:          []scanner.Param{flagLogErrorVerbosity.param("verbosities", "default", "verbose")},
	Remediation:     `Remove the log_error_verbosity flag or set it to "default" (or "verbose").`,
	RemediationCode: flagRemediation("log_error_verbosity", "default"),
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_postgres_log_error_verbosity_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagLogErrorVerbosity.good("POSTGRES_16", "verbose")
		bad = flagLogErrorVerbosity.bad("POSTGRES_16", "terse")
		return good, bad
	},
})

var flagRemoteAccess = sqlFlag{Engine: "SQLSERVER", Name: "remote access", Good: is("off"), DefaultGood: never, Want: `"off"`}

var sqlServerRemoteAccess = flagRemoteAccess.rule(&scanner.Rule{
	ID:    "google-sql-sqlserver-remote-access-off",
	Title: "SQL Server instances do not run stored procedures for remote servers",
	Description: "remote access lets other SQL Servers run stored procedures on this instance, and this instance run " +
		"them on others: a linked server that is compromised reaches into this one, and this one can be used to push " +
		"query load onto a target. CC6.6 expects connections from outside the system boundary restricted. SQL Server " +
		"turns it on by default, so an instance without the flag fails (CIS Google Cloud benchmark).",
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyNetwork,
	Remediation:     `Add database_flags { name = "remote access", value = "off" }.`,
	RemediationCode: flagRemediation("remote access", "off"),
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_sqlserver_remote_access_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagRemoteAccess.good("SQLSERVER_2019_STANDARD", "off")
		bad = flagRemoteAccess.bad("SQLSERVER_2019_STANDARD", "on")
		return good, bad
	},
})

var flagTrace3625 = sqlFlag{Engine: "SQLSERVER", Name: "3625", Good: is("on"), DefaultGood: never, Want: `"on"`}

var sqlServerTrace3625 = flagTrace3625.rule(&scanner.Rule{
	ID:    "google-sql-sqlserver-trace-flag-3625",
	Title: "SQL Server instances mask error details from non-administrators",
	Description: "Trace flag 3625 replaces the parameters of some error messages with asterisks for users who are not " +
		"sysadmin, so that errors do not disclose object names, values or other data to whoever provokes them. C1.1 " +
		"expects confidential information protected from disclosure. It is off by default, so an instance without the " +
		"flag fails (CIS Google Cloud benchmark).",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "C1.1", Secondary: []string{"CC6.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Add database_flags { name = "3625", value = "on" }.`,
	RemediationCode: flagRemediation("3625", "on"),
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_sqlserver_trace_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagTrace3625.good("SQLSERVER_2019_STANDARD", "on")
		bad = flagTrace3625.bad("SQLSERVER_2019_STANDARD", "off")
		return good, bad
	},
})

// flagUserOptions passes only when the flag is absent: CIS asks for it
// not to be configured at all, whatever its value.
var flagUserOptions = sqlFlag{
	Engine: "SQLSERVER", Name: "user options", Good: func(string) bool { return false }, DefaultGood: ok,
	Want: "absent (remove the flag)",
}

var sqlServerNoUserOptions = flagUserOptions.rule(&scanner.Rule{
	ID:    "google-sql-sqlserver-no-user-options",
	Title: "SQL Server instances do not override session defaults for every user",
	Description: "user options sets instance-wide defaults for every session's SET options (ANSI behaviour, " +
		"implicit transactions, arithmetic abort and others), changing how every application's queries behave without " +
		"any of them asking for it. CC8.1 expects such changes made deliberately per application, CC7.1 a known " +
		"baseline configuration. The rule fails an instance that sets the flag to any value (CIS Google Cloud " +
		"benchmark); it is unset by default.",
	Severity:        scanner.Low,
	Criteria:        scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC8.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	Remediation:     `Remove the "user options" flag from database_flags.`,
	RemediationCode: sqlInstanceHCL("main", "SQLSERVER_2019_STANDARD", ""),
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "cloudsql_instance_sqlserver_user_options_flag"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{
			Code: sqlInstanceHCL("absent", "SQLSERVER_2019_STANDARD", "") +
				sqlInstanceHCL("other_engine", "POSTGRES_16", flagUserOptions.flagHCL(`"32"`)),
			NotApplicable: []string{"google_sql_database_instance.other_engine"},
		}}
		bad = flagUserOptions.bad("SQLSERVER_2019_STANDARD", "32")
		return good, bad
	},
})
