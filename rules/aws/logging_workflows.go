package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Activity logs of services that run application logic or carry traffic
// on their own and log nothing unless told to: Step Functions workflows,
// AppSync GraphQL APIs, Global Accelerator accelerators and Network
// Firewall firewalls.

var sfnStateMachineLogging = &scanner.Rule{
	ID:    "aws-sfn-state-machine-logging",
	Title: "Step Functions state machines log their executions to CloudWatch Logs",
	Description: "A state machine runs business processes (payments, provisioning, data pipelines) as chains of calls to " +
		"other services; without execution logs a failed or unexpected run leaves no record of which step did what, " +
		"and Express workflows keep no execution history at all (SOC 2 CC7.2). logging_configuration's level defaults " +
		"to OFF; ALL, ERROR or FATAL with a log_destination logs. Whether the logs include the execution's input and " +
		"output (include_execution_data) is not judged: leaving data out of the logs is a choice, not a gap.",
	Severity:      scanner.Low,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_sfn_state_machine"},
	Remediation:   "Add logging_configuration with level = \"ERROR\" (or \"ALL\") and a CloudWatch log group as log_destination.",
	RemediationCode: `resource "aws_sfn_state_machine" "orders" {
  # ...
  logging_configuration {
    log_destination = "${aws_cloudwatch_log_group.orders_sfn.arn}:*"
    level           = "ERROR"
  }
}`,
	Links: []string{
		registryDoc("aws_sfn_state_machine", "logging_configuration"),
		"https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_285"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudwatch_log_group" "orders_sfn" {
  name              = "/aws/vendedlogs/states/orders"
  retention_in_days = 365
}

resource "aws_sfn_state_machine" "orders" {
  name     = "orders"
  role_arn = "arn:aws:iam::111122223333:role/orders-sfn"
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })
  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.orders_sfn.arn}:*"
    include_execution_data = false
    level                  = "ERROR"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "log_level" {
  type = string
}

resource "aws_sfn_state_machine" "unlogged" {
  name       = "unlogged"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
}

resource "aws_sfn_state_machine" "off" {
  name       = "off"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  logging_configuration {
    level = "OFF"
  }
}

resource "aws_sfn_state_machine" "no_destination" {
  name       = "no-destination"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  logging_configuration {
    level = "ALL"
  }
}

resource "aws_sfn_state_machine" "from_var" {
  name       = "from-var"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  logging_configuration {
    log_destination = "arn:aws:logs:eu-west-1:111122223333:log-group:sfn:*"
    level           = var.log_level
  }
}

variable "logging" {
  type = bool
}

# A module's optional logging: whether the block exists is only known
# after apply.
resource "aws_sfn_state_machine" "optional" {
  name       = "optional"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  dynamic "logging_configuration" {
    for_each = var.logging ? [1] : []
    content {
      log_destination = "arn:aws:logs:eu-west-1:111122223333:log-group:sfn:*"
      level           = "ALL"
    }
  }
}`, Fails: []string{"aws_sfn_state_machine.unlogged", "aws_sfn_state_machine.off", "aws_sfn_state_machine.no_destination"},
		Unknowns: []string{"aws_sfn_state_machine.from_var", "aws_sfn_state_machine.optional"},
		Expect: map[string]scanner.Expected{
			"aws_sfn_state_machine.off":            {Line: 17, Message: `level is "OFF"`},
			"aws_sfn_state_machine.no_destination": {Message: "no log_destination"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		lc := r.FirstBlock("logging_configuration")
		if lc == nil && r.BlocksUnknown("logging_configuration") {
			return scanner.Unknowable(r.Range, "logging_configuration is a dynamic block over a collection only known after apply")
		}
		if lc == nil {
			return scanner.Failed(r.Range, "no logging_configuration: the level defaults to OFF and executions are not logged")
		}
		level := lc.Attr("level")
		switch {
		case level.IsUnknown():
			return scanner.Unknowable(level.Range, "the logging level is not known until apply")
		case !level.OneOf("ALL", "ERROR", "FATAL"):
			return scanner.Failed(level.Range, "level is %s: executions are not logged", describeValue(level))
		case !lc.Attr("log_destination").IsSet():
			return scanner.Failed(lc.Range, "no log_destination: there is no log group to write executions to")
		}
		return scanner.Passed()
	},
}

var appsyncGraphQLAPILogging = &scanner.Rule{
	ID:    "aws-appsync-graphql-api-logging",
	Title: "AppSync GraphQL APIs log requests to CloudWatch Logs",
	Description: "An AppSync API is the front door to the data sources behind it; without a log_config it writes no " +
		"logs at all, so errors, abuse and unexpected queries leave no trace (SOC 2 CC7.2). Any log_config turns on " +
		"request-level logs (each request's execution summary); field_log_level adds resolver detail and is not " +
		"judged.",
	Severity:      scanner.Low,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_appsync_graphql_api"},
	Remediation:   "Add log_config with a cloudwatch_logs_role_arn (and field_log_level = \"ERROR\" for resolver errors).",
	RemediationCode: `resource "aws_appsync_graphql_api" "api" {
  # ...
  log_config {
    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
    field_log_level          = "ERROR"
  }
}`,
	Links: []string{
		registryDoc("aws_appsync_graphql_api", "log_config"),
		"https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_193"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_appsync_graphql_api" "api" {
  name                = "orders"
  authentication_type = "AWS_IAM"
  log_config {
    cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
    field_log_level          = "ERROR"
  }
}

# Request-level logs only: still a record of every request.
resource "aws_appsync_graphql_api" "requests_only" {
  name                = "requests-only"
  authentication_type = "AWS_IAM"
  log_config {
    cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
    field_log_level          = "NONE"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_appsync_graphql_api" "unlogged" {
  name                = "unlogged"
  authentication_type = "AWS_IAM"
}

variable "logging" {
  type = bool
}

resource "aws_appsync_graphql_api" "optional" {
  name                = "optional"
  authentication_type = "AWS_IAM"
  dynamic "log_config" {
    for_each = var.logging ? [1] : []
    content {
      cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
      field_log_level          = "ERROR"
    }
  }
}`, Fails: []string{"aws_appsync_graphql_api.unlogged"}, Unknowns: []string{"aws_appsync_graphql_api.optional"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.FirstBlock("log_config") == nil {
			if r.BlocksUnknown("log_config") {
				return scanner.Unknowable(r.Range, "log_config is a dynamic block over a collection only known after apply")
			}
			return scanner.Failed(r.Range, "no log_config: requests and resolver errors are not logged")
		}
		return scanner.Passed()
	},
}

var globalAcceleratorFlowLogs = &scanner.Rule{
	ID:    "aws-globalaccelerator-flow-logs",
	Title: "Global Accelerator accelerators have flow logs",
	Description: "An accelerator takes traffic from the internet at AWS edge locations and forwards it to the " +
		"application; its flow logs, like a VPC's, are the record of who connected to what and are what an " +
		"investigation of a suspicious connection starts from (SOC 2 CC7.2). attributes.flow_logs_enabled defaults " +
		"to false.",
	Severity:      scanner.Low,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_globalaccelerator_accelerator"},
	Remediation:   "Set attributes { flow_logs_enabled = true } with flow_logs_s3_bucket and flow_logs_s3_prefix.",
	RemediationCode: `resource "aws_globalaccelerator_accelerator" "edge" {
  # ...
  attributes {
    flow_logs_enabled   = true
    flow_logs_s3_bucket = aws_s3_bucket.flow_logs.bucket
    flow_logs_s3_prefix = "accelerator/"
  }
}`,
	Links: []string{
		registryDoc("aws_globalaccelerator_accelerator", "attributes"),
		"https://docs.aws.amazon.com/global-accelerator/latest/dg/monitoring-global-accelerator.flow-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_75"},
		{Tool: scanner.ToolKICS, ID: "Global Accelerator Flow Logs Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_globalaccelerator_accelerator" "edge" {
  name            = "edge"
  ip_address_type = "IPV4"
  enabled         = true
  attributes {
    flow_logs_enabled   = true
    flow_logs_s3_bucket = "acme-flow-logs"
    flow_logs_s3_prefix = "accelerator/"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "flow_logs" {
  type = bool
}

resource "aws_globalaccelerator_accelerator" "default" {
  name = "default"
}

resource "aws_globalaccelerator_accelerator" "off" {
  name = "off"
  attributes {
    flow_logs_enabled = false
  }
}

resource "aws_globalaccelerator_accelerator" "from_var" {
  name = "from-var"
  attributes {
    flow_logs_enabled   = var.flow_logs
    flow_logs_s3_bucket = "acme-flow-logs"
  }
}

resource "aws_globalaccelerator_accelerator" "optional" {
  name = "optional"
  dynamic "attributes" {
    for_each = var.flow_logs ? [1] : []
    content {
      flow_logs_enabled   = true
      flow_logs_s3_bucket = "acme-flow-logs"
      flow_logs_s3_prefix = "accelerator/"
    }
  }
}`, Fails: []string{"aws_globalaccelerator_accelerator.default", "aws_globalaccelerator_accelerator.off"},
		Unknowns: []string{"aws_globalaccelerator_accelerator.from_var", "aws_globalaccelerator_accelerator.optional"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		attrs := r.FirstBlock("attributes")
		if attrs == nil && r.BlocksUnknown("attributes") {
			return scanner.Unknowable(r.Range, "attributes is a dynamic block over a collection only known after apply")
		}
		if attrs == nil {
			return scanner.Failed(r.Range, "no attributes block enables flow logs (flow_logs_enabled defaults to false): connections are not logged")
		}
		return scanner.RequireTrue(attrs.Attr("flow_logs_enabled"),
			"flow_logs_enabled is not true: connections through the accelerator are not logged")
	},
}

var networkFirewallLogging = &scanner.Rule{
	ID:    "aws-networkfirewall-logging",
	Title: "Network Firewall firewalls log their alerts and flows",
	Description: "A Network Firewall inspects and blocks traffic between subnets and the internet; without a logging " +
		"configuration its alerts (traffic its stateful rules matched) and flow records are discarded, so neither an " +
		"attack it stopped nor one it let through can be investigated (SOC 2 CC7.2, like a web ACL's logs). Logging " +
		"needs an aws_networkfirewall_logging_configuration for the firewall with at least one log_destination_config.",
	Severity:      scanner.Low,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_networkfirewall_firewall"},
	Remediation:   "Add an aws_networkfirewall_logging_configuration with firewall_arn set to the firewall and ALERT (and FLOW) log destinations.",
	RemediationCode: `resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn
  logging_configuration {
    log_destination_config {
      log_destination_type = "CloudWatchLogs"
      log_type             = "ALERT"
      log_destination = {
        logGroup = aws_cloudwatch_log_group.firewall_alerts.name
      }
    }
  }
}`,
	Links: []string{
		registryDoc("aws_networkfirewall_logging_configuration", ""),
		"https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_63"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn
  logging_configuration {
    log_destination_config {
      log_destination_type = "S3"
      log_type             = "FLOW"
      log_destination = {
        bucketName = "acme-firewall-logs"
      }
    }
  }
}`}, {Code: `
variable "firewall_arn" {
  type = string
}

resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

# Which firewall this logs is only known after apply.
resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = var.firewall_arn
  logging_configuration {
    log_destination_config {
      log_destination_type = "S3"
      log_type             = "ALERT"
      log_destination = {
        bucketName = "acme-firewall-logs"
      }
    }
  }
}`, Unknowns: []string{"aws_networkfirewall_firewall.main"}}, {Code: `
variable "destinations" {
  type = list(object({ type = string, log_type = string, bucket = string }))
}

resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

# The destinations come from a variable, as in a module: whether there is
# one is only known after apply.
resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn
  logging_configuration {
    dynamic "log_destination_config" {
      for_each = var.destinations
      content {
        log_destination_type = log_destination_config.value.type
        log_type             = log_destination_config.value.log_type
        log_destination = {
          bucketName = log_destination_config.value.bucket
        }
      }
    }
  }
}`, Unknowns: []string{"aws_networkfirewall_firewall.main"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_networkfirewall_firewall" "unlogged" {
  name                = "unlogged"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

resource "aws_networkfirewall_firewall" "other" {
  name                = "other"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef1"
  }
}

# A logging configuration for another firewall does not log this one.
resource "aws_networkfirewall_logging_configuration" "other" {
  firewall_arn = aws_networkfirewall_firewall.other.arn
  logging_configuration {
    log_destination_config {
      log_destination_type = "S3"
      log_type             = "ALERT"
      log_destination = {
        bucketName = "acme-firewall-logs"
      }
    }
  }
}`, Fails: []string{"aws_networkfirewall_firewall.unlogged"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		found, maybe := ctx.Index.Referrers(r, "aws_networkfirewall_logging_configuration", []string{"firewall_arn"}, "arn")
		var dynamic *scanner.Resource
		for _, lc := range found {
			if lc.BlocksUnknown("logging_configuration") {
				dynamic = lc
			}
			for _, c := range lc.Blocks("logging_configuration") {
				if len(c.Blocks("log_destination_config")) > 0 {
					return scanner.Passed()
				}
				if c.BlocksUnknown("log_destination_config") {
					dynamic = lc
				}
			}
		}
		if dynamic != nil {
			return scanner.Unknowable(dynamic.Range, "%s may log this firewall: its log destinations are a dynamic block over a collection only known after apply", dynamic.Address)
		}
		if maybe != nil {
			return scanner.Unknowable(maybe.Range, "%s may log this firewall: its firewall_arn is only known after apply", maybe.Address)
		}
		return scanner.Failed(r.Range, "no aws_networkfirewall_logging_configuration logs this firewall's alerts or flows")
	},
}
