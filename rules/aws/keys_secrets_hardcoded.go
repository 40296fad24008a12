package aws

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Secrets written into the configuration (passwords, AWS access keys,
// private keys) and instance metadata hardening (IMDSv2), which keeps an
// instance role's credentials from server-side request forgery.

// passwordArgs are, per resource type, the paths of the arguments that hold
// a password or an equivalent shared secret; a path through a repeated
// block (aws_mq_broker's user) covers every block.
var passwordArgs = map[string][][]string{
	"aws_db_instance":                      {{"password"}},
	"aws_rds_cluster":                      {{"master_password"}},
	"aws_docdb_cluster":                    {{"master_password"}},
	"aws_docdb_elastic_cluster":            {{"admin_user_password"}},
	"aws_redshift_cluster":                 {{"master_password"}},
	"aws_redshiftserverless_namespace":     {{"admin_user_password"}},
	"aws_lightsail_database":               {{"master_password"}},
	"aws_elasticache_replication_group":    {{"auth_token"}},
	"aws_elasticache_user":                 {{"passwords"}},
	"aws_memorydb_user":                    {{"authentication_mode", "passwords"}},
	"aws_mq_broker":                        {{"user", "password"}},
	"aws_dms_endpoint":                     {{"password"}},
	"aws_directory_service_directory":      {{"password"}},
	"aws_opensearch_domain":                {{"advanced_security_options", "master_user_options", "master_user_password"}},
	"aws_elasticsearch_domain":             {{"advanced_security_options", "master_user_options", "master_user_password"}},
	"aws_fsx_windows_file_system":          {{"self_managed_active_directory", "password"}},
	"aws_fsx_ontap_file_system":            {{"fsx_admin_password"}},
	"aws_kinesis_firehose_delivery_stream": {{"redshift_configuration", "password"}},
	"aws_glue_connection":                  {{"connection_properties", "PASSWORD"}},
	"aws_datasync_location_smb":            {{"password"}},
	"aws_quicksight_data_source":           {{"credentials", "credential_pair", "password"}},
	"aws_secretsmanager_secret_version":    {{"secret_string"}},
}

// sortedKeys returns a map's keys in order, for deterministic rule lists.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// valuesAt returns the values of the argument at path below b, through
// every block of each nested block type on the way, and through the
// content of a dynamic block over a collection only known after apply
// (DynamicTemplates): a literal written there is in every block it
// generates, and a value from its iterator is unknown, never a literal.
// The last step of a path may also be the key of a map argument
// (connection_properties' PASSWORD).
func valuesAt(b *scanner.Block, path []string) []scanner.Value {
	if len(path) == 1 {
		return []scanner.Value{b.Attr(path[0])}
	}
	if m := b.Attr(path[0]); len(path) == 2 && m.IsSet() {
		v := m.Index(path[1])
		v.Name = path[0] + "." + path[1]
		return []scanner.Value{v}
	}
	var out []scanner.Value
	for _, child := range b.BlocksWithTemplates(path[0]) {
		out = append(out, valuesAt(child, path[1:])...)
	}
	return out
}

// literalSecret returns the first known, non-empty string of v (a string
// or a list of strings). A value only known after apply comes from outside
// the configuration text (a variable without a value, random_password, a
// Secrets Manager lookup) and is never a literal.
func literalSecret(v scanner.Value) (string, bool) {
	values, _ := v.KnownStrings()
	for _, s := range values {
		if strings.TrimSpace(s) != "" {
			return s, true
		}
	}
	return "", false
}

// maskSecret renders a secret for a message without disclosing it: its
// length only. Messages reach every output (JSON, SARIF, JUnit, CI logs),
// and even the first characters of a password narrow it down.
func maskSecret(s string) string {
	if n := utf8.RuneCountInString(s); n != 1 {
		return fmt.Sprintf("a literal of %d characters", n)
	}
	return "a literal of 1 character"
}

// accessKeyIDKind renders an access key ID for a message: its length and
// its type prefix (AKIA long-term, ASIA temporary, …), the fixed marker
// the pattern recognised, which is not part of the secret and tells a
// long-term key from a session's; the legacy A3T keys' fourth character
// is not fixed and is not shown.
func accessKeyIDKind(id string) string {
	prefix := id[:min(4, len(id))]
	if strings.HasPrefix(id, "A3T") {
		prefix = "A3T"
	}
	return fmt.Sprintf("%s, with the key type prefix %s", maskSecret(id), prefix)
}

var literalPasswords = &scanner.Rule{
	ID:    "aws-no-literal-passwords",
	Title: "Database and service passwords are not written into the configuration",
	Description: "A password written as a string in Terraform (password, master_password, admin_user_password, " +
		"auth_token, an MQ user's password, a Glue connection's PASSWORD property, a Secrets Manager secret's " +
		"secret_string, …), or as an environment variable named for a secret (DB_PASSWORD, API_TOKEN, " +
		"CLIENT_SECRET) in a Lambda function, an ECS or Batch container definition, a CodeBuild project, an " +
		"Elastic Beanstalk environment or an instance's user data (also base64-encoded; with the settings, " +
		"name = value, of the config files a boot script writes, such as an AWS credentials file's " +
		"aws_secret_access_key), or as the value of a " +
		"SecureString SSM parameter (unless its lifecycle ignores changes to value, the placeholder pattern), is " +
		"stored in version control, in every clone and CI log that prints the plan, and in state; it cannot be rotated without a commit and is known to everyone who can " +
		"read the repository. SOC 2 CC6.1 expects credentials to be protected and CC6.2 access to be granted " +
		"individually. A value the configuration knows is a literal, whether written in place or as a variable's " +
		"default; values only known after apply (a variable supplied at run time, random_password, a Secrets " +
		"Manager secret) are not findings, though the literal text around them is (a boot script or a container " +
		"definition that also interpolates a variable), nor are variables named for where a secret is " +
		"(DB_PASSWORD_ARN) or holding a flag, a number, an ARN, an SSM path, a dynamic reference or a shell " +
		"expansion that reads it at boot; a value with spaces is a description unless the variable is named for a " +
		"password (passphrases have spaces) and the value is not a sentence nor a phrase naming an SSM path, ARN or " +
		"URL where the secret is kept; " +
		"manage_master_user_password = true needs no password at all.",
	Severity:      scanner.High,
	Criteria:      secretCriteria,
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: withEnvSecretTypes(sortedKeys(passwordArgs)),
	Remediation: "Let RDS manage the password in Secrets Manager (manage_master_user_password = true), or pass it " +
		"from random_password or a Secrets Manager secret, never as a string in the configuration.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  username                    = "app"
  manage_master_user_password = true
}`,
	Links: []string{
		"https://developer.hashicorp.com/terraform/language/manage-sensitive-data",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "Passwords And Secrets - Generic Password"},
		{Tool: scanner.ToolCheckov, ID: "CKV_SECRET_6"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0036"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecs-no-plaintext-secrets"},
	},
	Good: []scanner.Example{{Code: `
resource "random_password" "db" {
  length = 32
}

resource "aws_db_instance" "generated" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  username       = "app"
  password       = random_password.db.result
}

resource "aws_rds_cluster" "managed" {
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
}

variable "broker_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "jobs" {
  broker_name        = "jobs"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.broker_password
  }
}

resource "aws_glue_connection" "jdbc" {
  name = "warehouse"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://db.internal:5432/dw"
    SECRET_ID           = "warehouse-etl"
  }
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = "db"
  secret_string = jsonencode({ username = "app", password = random_password.db.result })
}

resource "aws_lambda_function" "reads_secret" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  environment {
    variables = {
      DB_PASSWORD_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
      TOKEN_TTL              = "3600"
      API_KEY_ENABLED        = "true"
      DB_PASSWORD            = random_password.db.result
    }
  }
}

resource "aws_instance" "reads_at_boot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)
    export DB_PASSWORD_SECRET_ID=db
    cat > /etc/app.ini <<EOF
    [db]
    host = db.internal
    password = $DB_PASSWORD
    EOF
  EOT
}

# A placeholder that is replaced outside Terraform.
resource "aws_ssm_parameter" "placeholder" {
  name  = "/app/api/token"
  type  = "SecureString"
  value = "set-me-in-the-console"
  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "not_secret" {
  name  = "/app/api/url"
  type  = "String"
  value = "https://api.example.com"
}

resource "aws_codebuild_project" "from_secrets_manager" {
  name         = "app"
  service_role = "arn:aws:iam::123456789012:role/codebuild"
  artifacts {
    type = "NO_ARTIFACTS"
  }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
    environment_variable {
      name  = "NPM_TOKEN"
      type  = "SECRETS_MANAGER"
      value = "ci/npm:token"
    }
  }
  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2"
  }
}

variable "db_password" {
  type      = string
  sensitive = true
}

# A value interpolated from outside the configuration is not a literal,
# nor is a sentence that describes where the password is kept.
resource "aws_ecs_task_definition" "interpolated" {
  family                = "app"
  container_definitions = <<-EOT
    [{
      "name": "app",
      "image": "app:1",
      "environment": [
        { "name": "DB_PASSWORD", "value": "${var.db_password}" },
        { "name": "ADMIN_PASSWORD", "value": "kept in secrets manager" }
      ]
    }]
  EOT
}

# A boot script's program that reads the password at run time: the value
# is code (a lookup, a call), not a setting written in place.
resource "aws_instance" "program_reads_at_boot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/usr/bin/env python3
    import os
    password = os.environ["DB_PASSWORD"]
    db_password = get_secret("prod/db")
  EOT
}`}, {Code: `
variable "directories" {
  type = map(object({ domain = string, password = string }))
}

# The content of the dynamic block takes the password from the collection.
resource "aws_fsx_windows_file_system" "dynamic_ad" {
  storage_capacity    = 32
  subnet_ids          = ["subnet-0123456789abcdef0"]
  throughput_capacity = 8
  dynamic "self_managed_active_directory" {
    for_each = var.directories
    content {
      dns_ips     = ["10.0.0.2"]
      domain_name = self_managed_active_directory.value.domain
      username    = "Admin"
      password    = self_managed_active_directory.value.password
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "literal" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  username       = "app"
  password       = "Sup3rSecret!2024"
}

variable "master_password" {
  type    = string
  default = "changeme-please"
}

resource "aws_redshift_cluster" "from_default" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
  master_username    = "admin"
  master_password    = var.master_password
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  advanced_security_options {
    enabled = true
    master_user_options {
      master_user_name     = "admin"
      master_user_password = "Opensearch#1"
    }
  }
}

resource "aws_glue_connection" "jdbc" {
  name = "warehouse"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://db.internal:5432/dw"
    USERNAME            = "etl"
    PASSWORD            = "etl-password-1"
  }
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = "api-key"
  secret_string = jsonencode({ api_key = "sk_live_0123456789" })
}

resource "aws_lambda_function" "env" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  environment {
    variables = {
      DB_HOST     = "db.internal"
      DB_PASSWORD = "Sup3rSecret!2024"
    }
  }
}

resource "aws_ecs_task_definition" "env" {
  family = "app"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "app:1"
    environment = [{ name = "stripeApiKey", value = "sk_live_0123456789" }]
  }])
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/app/db/password"
  type  = "SecureString"
  value = "Sup3rSecret!2024"
}

resource "aws_launch_template" "boot" {
  name      = "app"
  user_data = base64encode("#!/bin/bash\nexport DATABASE_PASSWORD=\"SomeSortOfPassword\"\n")
}

variable "parameter_type" {
  type = string
}

# If the type is SecureString, its value is a secret written here.
resource "aws_ssm_parameter" "maybe_secure" {
  name  = "/app/db/password-2"
  type  = var.parameter_type
  value = "Sup3rSecret!2024"
}`, Fails: []string{"aws_db_instance.literal", "aws_redshift_cluster.from_default", "aws_opensearch_domain.search", "aws_glue_connection.jdbc", "aws_secretsmanager_secret_version.api", "aws_lambda_function.env", "aws_ecs_task_definition.env", "aws_launch_template.boot", "aws_ssm_parameter.db_password"}, Unknowns: []string{"aws_ssm_parameter.maybe_secure"},
		Expect: map[string]scanner.Expected{
			"aws_db_instance.literal":     {Line: 6, Message: `(a literal of 16 characters)`},
			"aws_lambda_function.env":     {Message: "environment variable DB_PASSWORD"},
			"aws_ecs_task_definition.env": {Message: "environment variable stripeApiKey"},
		}}, {Code: `
# Literal secrets next to values only known after apply are still literal.
variable "region" {
  type = string
}

variable "image" {
  type = string
}

resource "aws_instance" "templated_boot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_REGION=${var.region}
    export DB_PASSWORD="Sup3rSecret!2024"
  EOT
}

resource "aws_lambda_function" "partly_known" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  environment {
    variables = {
      REGION    = var.region
      API_TOKEN = "tok_0123456789abcdef"
    }
  }
}

# A passphrase has spaces; under a password's name it is still a secret.
resource "aws_ecs_task_definition" "json_template" {
  family                = "app"
  container_definitions = <<-EOT
    [{
      "name": "app",
      "image": "${var.image}",
      "environment": [
        { "name": "REGION", "value": "${var.region}" },
        { "name": "DATABASE_PASSWORD", "value": "blue 42 Lagoon!" }
      ]
    }]
  EOT
}

resource "aws_batch_job_definition" "encoded" {
  name = "job"
  type = "container"
  container_properties = jsonencode({
    image       = var.image
    environment = [{ name = "ADMIN_PASSWORD", value = "Batch-Pa55word" }]
  })
}

# A config file the boot script writes: its settings are as literal.
resource "aws_launch_template" "credentials_file" {
  name      = "credentials-file"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    mkdir -p /root/.aws
    cat > /root/.aws/credentials <<EOF
    [default]
    aws_access_key_id = deploy
    aws_secret_access_key = s3cr3t-deploy-key
    EOF
  EOT
  )
}`, Fails: []string{"aws_instance.templated_boot", "aws_lambda_function.partly_known", "aws_ecs_task_definition.json_template", "aws_batch_job_definition.encoded", "aws_launch_template.credentials_file"},
		Expect: map[string]scanner.Expected{
			"aws_ecs_task_definition.json_template": {Message: "environment variable DATABASE_PASSWORD"},
			"aws_instance.templated_boot":           {Message: "environment variable DB_PASSWORD in user_data"},
			"aws_launch_template.credentials_file":  {Message: "the setting aws_secret_access_key in user_data"},
		}}, {Code: `
variable "directories" {
  type = list(string)
}

# A password written in the content of a dynamic block is in every block
# it generates, however many the variable asks for.
resource "aws_fsx_windows_file_system" "dynamic_ad" {
  storage_capacity    = 32
  subnet_ids          = ["subnet-0123456789abcdef0"]
  throughput_capacity = 8
  dynamic "self_managed_active_directory" {
    for_each = var.directories
    content {
      dns_ips     = ["10.0.0.2"]
      domain_name = self_managed_active_directory.value
      username    = "Admin"
      password    = "Ad-Pa55word!"
    }
  }
}

resource "aws_lambda_function" "dynamic_env" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  dynamic "environment" {
    for_each = var.directories
    content {
      variables = { DB_PASSWORD = "Sup3rSecret!2024" }
    }
  }
}`, Fails: []string{"aws_fsx_windows_file_system.dynamic_ad", "aws_lambda_function.dynamic_env"},
		Expect: map[string]scanner.Expected{
			"aws_fsx_windows_file_system.dynamic_ad": {Line: 18, Message: "password is written into the configuration (a literal of 12 characters)"},
			"aws_lambda_function.dynamic_env":        {Message: "environment variable DB_PASSWORD"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		res := checkLiteralPasswords(r)
		if res.Status.IsProblem() {
			res = res.WithSecrets(literalPasswordSecrets(r)...)
		}
		return res
	},
}

// literalPasswordSecrets are every literal password of r that
// literalPasswords recognises, where it is written, for the engine to
// redact from code excerpts: the finding names the first, and an excerpt
// may show the others.
func literalPasswordSecrets(r *scanner.Resource) []scanner.Secret {
	var out []scanner.Secret
	literals := func(v scanner.Value) {
		values, _ := v.KnownStrings()
		for _, s := range values {
			if strings.TrimSpace(s) != "" {
				out = append(out, scanner.Secret{Text: s, Range: v.Range})
			}
		}
	}
	for _, path := range passwordArgs[r.Type] {
		for _, v := range valuesAt(r.Block, path) {
			literals(v)
		}
	}
	if v, _, secure := literalSecureString(r); secure != scanner.No {
		literals(v)
	}
	for _, ev := range append(envVars(r), scriptVars(r)...) {
		if secretEnvName(ev.name) && literalEnvSecret(ev.name, ev.value) {
			out = append(out, scanner.Secret{Text: ev.value, Range: ev.from.Range})
		}
	}
	return out
}

// checkLiteralPasswords is literalPasswords' check, but for the secrets
// its result names.
func checkLiteralPasswords(r *scanner.Resource) scanner.Result {
	for _, path := range passwordArgs[r.Type] {
		for _, v := range valuesAt(r.Block, path) {
			if s, ok := literalSecret(v); ok {
				return scanner.Failed(v.Range, "%s is written into the configuration (%s): anyone who can read the repository, a plan or the state knows it", v.Name, maskSecret(s))
			}
		}
	}
	switch v, s, secure := literalSecureString(r); secure {
	case scanner.Yes:
		return scanner.Failed(v.Range, "the SecureString parameter's value is written into the configuration (%s): anyone who can read the repository, a plan or the state knows it", maskSecret(s))
	case scanner.Maybe:
		return scanner.Unknowable(r.Attr("type").Range, "type is not known until apply: if it is SecureString, the parameter's value is written into the configuration (%s)", maskSecret(s))
	}
	if ev, ok := literalEnvPassword(r); ok {
		return scanner.Failed(ev.from.Range, "%s %s in %s is written into the configuration (%s): anyone who can describe the resource, or read the repository, a plan or the state, knows it", ev.kind(), ev.name, ev.from.Name, maskSecret(ev.value))
	}
	return scanner.Passed()
}

// credentialPatterns recognise credentials by their format: AWS access key
// IDs (long-term AKIA…, temporary ASIA…, and the ABIA… of STS bearer tokens,
// the ACCA… of context-specific credentials and the legacy A3T… keys),
// secret access keys assigned to their usual names, and PEM private keys.
// Prefixes that identify rather than authenticate (AIDA users, AROA roles,
// ASCA certificates) are not credentials.
var credentialPatterns = []struct {
	what string
	re   func() *regexp.Regexp
}{
	{accessKeyID, lazyre.New(`\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b`)},
	{"an AWS secret access key", lazyre.New(`(?i)aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})\b`)},
	{"a private key", lazyre.New(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`)},
}

// accessKeyID is what credentialPatterns call an access key ID.
const accessKeyID = "an AWS access key ID"

// findCredential returns a description and a masked rendering of the first
// credential in text, or in text decoded from base64 (user_data is often
// base64-encoded).
func findCredential(text string) (what, masked string, ok bool) {
	for _, c := range withBase64Decoded(text) {
		for _, p := range credentialPatterns {
			m := p.re().FindStringSubmatch(c)
			if m == nil {
				continue
			}
			secret := m[len(m)-1]
			if p.what == "a private key" {
				return p.what, "a PEM private key block", true
			}
			if p.what == accessKeyID {
				return p.what, accessKeyIDKind(secret), true
			}
			return p.what, maskSecret(secret), true
		}
	}
	return "", "", false
}

// withBase64Decoded returns text and, when text is base64, its decoding:
// user_data is often written base64-encoded, and a secret in it is as
// exposed as in plain text.
func withBase64Decoded(text string) []string {
	texts := []string{text}
	if decoded, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text)); err == nil && len(decoded) > 0 {
		texts = append(texts, string(decoded))
	}
	return texts
}

// stringsIn returns the known strings of a value of any shape: a string, a
// list, a map or an object (tags, environment variables), recursively.
func stringsIn(v cty.Value) []string {
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return []string{v.AsString()}
	case t.IsMapType() || t.IsObjectType():
		// A map entry is also read as "key=value", so that a secret key
		// named by its key (AWS_SECRET_ACCESS_KEY = "…") is recognised.
		var out []string
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			inner := stringsIn(e)
			if e.IsKnown() && !e.IsNull() && e.Type() == cty.String {
				inner = append(inner, k.AsString()+"="+e.AsString())
			}
			out = append(out, inner...)
		}
		return out
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		var out []string
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

// credentialArgs are, per resource type, the paths of the arguments where
// credentials are commonly pasted: boot scripts, environment variables,
// container definitions, parameter values, tags, and the arguments that
// take a public key, where a private key pasted by mistake is exposed.
var credentialArgs = map[string][][]string{
	"aws_instance":                      {{"user_data"}, {"user_data_base64"}, {"tags"}},
	"aws_spot_instance_request":         {{"user_data"}, {"user_data_base64"}, {"tags"}},
	"aws_launch_template":               {{"user_data"}, {"tags"}},
	"aws_launch_configuration":          {{"user_data"}, {"user_data_base64"}},
	"aws_ssm_parameter":                 {{"value"}, {"insecure_value"}, {"tags"}},
	"aws_key_pair":                      {{"public_key"}, {"tags"}},
	"aws_lightsail_key_pair":            {{"public_key"}, {"tags"}},
	"aws_iam_user_ssh_key":              {{"public_key"}},
	"aws_transfer_ssh_key":              {{"body"}},
	"aws_lambda_function":               {{"environment", "variables"}, {"tags"}},
	"aws_ecs_task_definition":           {{"container_definitions"}, {"tags"}},
	"aws_codebuild_project":             {{"environment", "environment_variable", "value"}, {"tags"}},
	"aws_batch_job_definition":          {{"container_properties"}, {"tags"}},
	"aws_elastic_beanstalk_environment": {{"setting", "value"}, {"tags"}},
	// The provider configuration: any value written there is a key.
	providerAWS: {{"access_key"}, {"secret_key"}, {"token"}},
}

// providerAWS is the type of the pseudo-resource the loader makes of an
// aws provider configuration that sets credentials.
const providerAWS = "provider.aws"

var embeddedCredentials = &scanner.Rule{
	ID:    "aws-no-embedded-credentials",
	Title: "Access keys and private keys are not embedded in user data, environment variables, tags or the provider",
	Description: "An AWS access key (AKIA…, ASIA…, or the rarer ABIA…, ACCA… and A3T…), a secret access key or a PEM " +
		"private key in EC2 user data, a " +
		"Lambda function's or CodeBuild project's environment, an ECS or Batch container definition, an SSM " +
		"parameter's value, an argument that takes a public key (key pairs, IAM and Transfer Family users' SSH " +
		"keys) or the tags " +
		"of any resource type the catalogue inspects is readable by anyone who can describe the resource, and is " +
		"stored in version control, plans and state; an access_key, secret_key or token written into the aws " +
		"provider configuration (as a literal or a variable's default) is in every clone of the repository. " +
		"Instances and functions should use their role's temporary credentials instead, and Terraform the " +
		"environment, a profile or an assumed role. SOC 2 CC6.1 expects credentials to be protected. Credentials " +
		"are recognised by their format, in the text and in its base64 decoding (user_data is often " +
		"base64-encoded), and any known value of the provider's credential arguments is one; messages show only " +
		"a short prefix. Parts only known after apply come from outside the configuration and are not judged; " +
		"the literal text around them (a boot script that interpolates a variable) is.",
	Severity: scanner.Critical,
	Criteria: secretCriteria,
	Family:   scanner.FamilyKeysSecrets,
	// ResourceTypes is completed in init: tags of every type the catalogue
	// inspects.
	ResourceTypes: sortedKeys(credentialArgs),
	Remediation: "Remove the credential, rotate it (it is compromised once committed), and give the workload an " +
		"IAM role; keep other secrets in Secrets Manager and read them at run time.",
	RemediationCode: `resource "aws_lambda_function" "worker" {
  # ...
  role = aws_iam_role.worker.arn # the function's credentials come from its role
  environment {
    variables = {
      DB_SECRET_ARN = aws_secretsmanager_secret.db.arn
    }
  }
}`,
	Links: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_46"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_45"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0069"},
		{Tool: scanner.ToolTfsec, ID: "aws-autoscaling-no-sensitive-info"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0122"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0129"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-secrets-in-launch-template-user-data"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0029"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-secrets-in-user-data"},
		{Tool: scanner.ToolKICS, ID: "User Data Contains Encoded Private Key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    aws s3 cp s3://acme-config/app.conf /etc/app.conf
  EOT
  tags = {
    Name = "web"
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  environment {
    variables = {
      QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
    }
  }
}

resource "aws_s3_bucket" "tagged" {
  bucket = "acme-exports"
  tags = {
    owner = "data-platform"
  }
}

resource "aws_s3_bucket" "untagged" {
  bucket = "acme-scratch"
}

variable "access_key" {
  type      = string
  sensitive = true
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.access_key
}

provider "aws" {
  alias   = "ci"
  region  = "eu-west-1"
  profile = "ci"
}

resource "aws_key_pair" "deployer" {
  key_name   = "deployer"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEexampleexampleexampleexampleexampleexa deployer@example.com"
}`, NotApplicable: []string{"aws_s3_bucket.untagged"}}, {Code: `
variable "envs" {
  type = map(string)
}

# The content of the dynamic block takes its values from the collection.
resource "aws_lambda_function" "dynamic_env" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  dynamic "environment" {
    for_each = var.envs
    content {
      variables = { REGION = environment.value }
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
  EOT
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  environment {
    variables = {
      AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    }
  }
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    environment = [{ name = "DEPLOY_KEY", value = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----" }]
  }])
}

resource "aws_launch_template" "encoded" {
  name      = "encoded"
  user_data = base64encode("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\n")
}

resource "aws_s3_bucket" "tagged" {
  bucket = "acme-exports"
  tags = {
    uploader_key = "AKIAIOSFODNN7EXAMPLE"
  }
}

variable "deploy_secret_key" {
  type    = string
  default = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "my-access-key"
  secret_key = var.deploy_secret_key
}`, Fails: []string{"aws_instance.web", "aws_lambda_function.worker", "aws_ecs_task_definition.app", "aws_launch_template.encoded", "aws_s3_bucket.tagged", "provider.aws"},
		Expect: map[string]scanner.Expected{
			"aws_instance.web":           {Line: 5, Message: `an AWS access key ID (a literal of 20 characters, with the key type prefix AKIA)`},
			"aws_lambda_function.worker": {Message: `an AWS secret access key (a literal of 40 characters)`},
		}}, {Code: `
variable "region" {
  type = string
}

# A boot script that interpolates a variable still shows its literal text.
resource "aws_spot_instance_request" "templated" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  spot_price    = "0.03"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_DEFAULT_REGION=${var.region}
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
  EOT
}

# A private key pasted where the public key belongs.
resource "aws_transfer_ssh_key" "sftp_user" {
  server_id = "s-0123456789abcdef0"
  user_name = "partner"
  body      = <<-EOT
    -----BEGIN OPENSSH PRIVATE KEY-----
    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
    -----END OPENSSH PRIVATE KEY-----
  EOT
}

resource "aws_ssm_parameter" "plain" {
  name  = "/ci/deploy-key-id"
  type  = "String"
  value = "AKIAIOSFODNN7EXAMPLE"
}

# A context-specific credential (ACCA…) is as much a key as an AKIA one.
resource "aws_instance" "context_credential" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_CONTEXT_CREDENTIAL=ACCAIOSFODNN7EXAMPLE
  EOT
}`, Fails: []string{"aws_spot_instance_request.templated", "aws_transfer_ssh_key.sftp_user", "aws_ssm_parameter.plain", "aws_instance.context_credential"},
		Expect: map[string]scanner.Expected{
			"aws_transfer_ssh_key.sftp_user":  {Message: "body contains a private key"},
			"aws_instance.context_credential": {Message: `an AWS access key ID (a literal of 20 characters, with the key type prefix ACCA)`},
		}}, {Code: `
variable "envs" {
  type = map(string)
}

# A key written in the content of a dynamic block is in every block it
# generates, however many the variable asks for.
resource "aws_lambda_function" "dynamic_env" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  dynamic "environment" {
    for_each = var.envs
    content {
      variables = { AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }
    }
  }
}`, Fails: []string{"aws_lambda_function.dynamic_env"},
		Expect: map[string]scanner.Expected{
			"aws_lambda_function.dynamic_env": {Line: 14, Message: `an AWS secret access key (a literal of 40 characters)`},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		res := checkEmbeddedCredentials(r)
		if res.Status.IsProblem() {
			res = res.WithSecrets(embeddedCredentialSecrets(r)...)
		}
		return res
	},
}

// embeddedCredentialSecrets are every credential of r that
// embeddedCredentials recognises, where it is written, for the engine to
// redact from code excerpts.
func embeddedCredentialSecrets(r *scanner.Resource) []scanner.Secret {
	var out []scanner.Secret
	paths, ok := credentialArgs[r.Type]
	if !ok {
		paths = [][]string{{"tags"}}
	}
	for _, path := range paths {
		for _, v := range valuesAt(r.Block, path) {
			if r.Type == providerAWS {
				values, _ := v.KnownStrings()
				for _, s := range values {
					out = append(out, scanner.Secret{Text: s, Range: v.Range})
				}
				continue
			}
			texts := stringsIn(v.Val)
			if s, ok := knownText(v); ok && v.IsUnknown() {
				texts = append(texts, s)
			}
			for _, text := range texts {
				for _, s := range credentialTexts(text) {
					out = append(out, scanner.Secret{Text: s, Range: v.Range})
				}
			}
		}
	}
	return out
}

// privateKeyBlock is a PEM private key, from its BEGIN line to its END
// line, or to the end of the text when it has none.
var privateKeyBlock = lazyre.New(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|[\s\S]*)`)

// credentialTexts are the texts of every credential findCredential would
// recognise in text or in its base64 decoding: the access key ID, the
// secret access key, the private key's block, each as it is written.
func credentialTexts(text string) []string {
	var out []string
	for _, c := range withBase64Decoded(text) {
		for _, p := range credentialPatterns {
			if p.what == "a private key" {
				out = append(out, privateKeyBlock().FindAllString(c, -1)...)
				continue
			}
			for _, m := range p.re().FindAllStringSubmatch(c, -1) {
				out = append(out, m[len(m)-1])
			}
		}
	}
	return out
}

// checkEmbeddedCredentials is embeddedCredentials' check, but for the
// secrets its result names.
func checkEmbeddedCredentials(r *scanner.Resource) scanner.Result {
	paths, ok := credentialArgs[r.Type]
	if !ok {
		if r.Attr("tags").IsNull() {
			return scanner.DoesNotApply("the resource has no tags, the only argument this rule reads on %s", r.Type)
		}
		paths = [][]string{{"tags"}}
	}
	for _, path := range paths {
		for _, v := range valuesAt(r.Block, path) {
			if r.Type == providerAWS {
				if s, ok := literalSecret(v); ok {
					return scanner.Failed(v.Range, "the provider's %s is written into the configuration (%s): rotate the key and let the provider read credentials from the environment, a profile or an assumed role", v.Name, maskSecret(s))
				}
				continue
			}
			texts := stringsIn(v.Val)
			if s, ok := knownText(v); ok && v.IsUnknown() {
				texts = append(texts, s)
			}
			for _, s := range texts {
				if what, masked, ok := findCredential(s); ok {
					return scanner.Failed(v.Range, "%s contains %s (%s): rotate it and give the workload a role instead", v.Name, what, masked)
				}
			}
		}
	}
	return scanner.Passed()
}

// imdsTypes are the resources that configure an instance's metadata
// service.
var imdsTypes = []string{"aws_instance", "aws_launch_configuration", "aws_launch_template", "aws_spot_instance_request"}

// imdsv2Required decides whether a metadata_options block requires session
// tokens (IMDSv2) or turns the metadata endpoint off; opts is nil when the
// block is absent.
func imdsv2Required(opts *scanner.Block) (scanner.Tri, scanner.Value) {
	if opts == nil {
		return scanner.No, scanner.Value{}
	}
	if opts.Attr("http_endpoint").Equals("disabled") {
		return scanner.Yes, scanner.Value{}
	}
	tokens := opts.Attr("http_tokens")
	switch {
	case tokens.Equals("required"):
		return scanner.Yes, tokens
	case tokens.IsUnknown():
		return scanner.Maybe, tokens
	}
	return scanner.No, tokens
}

// accountRequiresIMDSv2 decides whether the configuration sets the
// instance metadata defaults (aws_ec2_instance_metadata_defaults) of r's
// account and region to require tokens, which applies to instances that
// do not say otherwise. Defaults of another region or account do not
// apply to r; those that may be elsewhere (inRegion) at best maybe do.
func accountRequiresIMDSv2(ix *scanner.Index, r *scanner.Resource) scanner.Tri {
	best := scanner.No
	for _, d := range ix.OfType("aws_ec2_instance_metadata_defaults") {
		place := inRegion(r, d)
		tokens := d.Attr("http_tokens")
		switch {
		case place == scanner.No:
		case tokens.Equals("required"):
			best = best.Or(place)
		case tokens.IsUnknown():
			best = best.Or(scanner.Maybe)
		}
	}
	return best
}

var ec2IMDSv2Required = &scanner.Rule{
	ID:    "aws-ec2-imdsv2-required",
	Title: "EC2 instances and launch templates require IMDSv2",
	Description: "With IMDSv1 any server-side request forgery in an application (a URL fetcher, an XML parser) " +
		"can read the instance role's temporary credentials from http://169.254.169.254 with a single GET; " +
		"IMDSv2 requires a session token obtained with a PUT that such requests cannot make. SOC 2 CC6.1 expects " +
		"credentials to be protected and CC6.8 defences against known attacks. An instance (also a spot instance " +
		"request), launch template or launch configuration passes " +
		"with metadata_options { http_tokens = \"required\" } or http_endpoint = \"disabled\"; an instance without " +
		"metadata_options passes when its launch template requires IMDSv2, and any of them when the " +
		"configuration sets aws_ec2_instance_metadata_defaults to require tokens. Without them the provider " +
		"leaves http_tokens \"optional\".",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.8"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: imdsTypes,
	Remediation:   "Add metadata_options with http_tokens = \"required\".",
	RemediationCode: `resource "aws_instance" "web" {
  # ...
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}`,
	Links: []string{
		registryDoc("aws_instance", "metadata_options"),
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_79"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0028"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0130"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-enforce-http-token-imds"},
		{Tool: scanner.ToolProwler, ID: "ec2_instance_imdsv2_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_launch_template" "web" {
  name = "web"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.web.id
  }
}

resource "aws_instance" "no_metadata" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_spot_instance_request" "spot" {
  spot_price = "0.03"
  launch_template {
    name = aws_launch_template.web.name
  }
}`}, {Code: `
resource "aws_ec2_instance_metadata_defaults" "this" {
  http_tokens = "required"
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

# Instance metadata defaults are per region: these are eu-west-1's.
resource "aws_ec2_instance_metadata_defaults" "eu" {
  provider    = aws.eu
  http_tokens = "required"
}

resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}`, Fails: []string{"aws_instance.web"}},
		{Code: `
resource "aws_instance" "default" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "optional" {
  name = "optional"
  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_instance" "from_optional" {
  launch_template {
    id = aws_launch_template.optional.id
  }
}

variable "tokens" {
  type = string
}

resource "aws_launch_configuration" "maybe" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = var.tokens
  }
}

resource "aws_spot_instance_request" "spot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  spot_price    = "0.03"
}

variable "metadata" {
  type = list(string)
}

# metadata_options is generated from a list known only after apply.
resource "aws_instance" "dynamic" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  dynamic "metadata_options" {
    for_each = var.metadata
    content {
      http_tokens = metadata_options.value
    }
  }
}`, Fails: []string{"aws_instance.default", "aws_launch_template.optional", "aws_instance.from_optional", "aws_spot_instance_request.spot"},
			Unknowns: []string{"aws_launch_configuration.maybe", "aws_instance.dynamic"},
			Expect:   map[string]scanner.Expected{"aws_launch_template.optional": {Line: 10, Message: `http_tokens is "optional"`}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		state, tokens := imdsv2Required(r.FirstBlock("metadata_options"))
		if state == scanner.No && r.FirstBlock("metadata_options") == nil && r.Type != "aws_launch_template" && r.Type != "aws_launch_configuration" {
			if lt := r.FirstBlock("launch_template"); lt != nil {
				for _, t := range ctx.Index.Resolve(lt.Attr("id")) {
					state, tokens = imdsv2Required(t.FirstBlock("metadata_options"))
				}
				for _, t := range ctx.Index.Resolve(lt.Attr("name")) {
					state, tokens = imdsv2Required(t.FirstBlock("metadata_options"))
				}
			}
		}
		if state == scanner.No {
			state = accountRequiresIMDSv2(ctx.Index, r)
		}
		if _, dynamic := r.Follow("metadata_options"); state == scanner.No && dynamic != "" {
			// A generated metadata_options block may require tokens.
			state = scanner.Maybe
		}
		switch state {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(r.Range, "whether IMDSv2 is required is only known after apply")
		}
		if tokens.Present {
			return scanner.Failed(tokens.Range, "http_tokens is %s: the instance metadata service answers IMDSv1 requests without a session token", describeValue(tokens))
		}
		return scanner.Failed(r.Range, "no metadata_options requires IMDSv2 (http_tokens = \"required\"): the instance metadata service answers IMDSv1 requests without a session token")
	},
}
