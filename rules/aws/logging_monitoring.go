package aws

import (
	"cmp"
	"slices"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Monitoring that a service does not turn on by itself: tracing of
// requests through Lambda functions and API Gateway stages, detailed
// metrics of EC2 instances and RDS databases, Container Insights of ECS
// clusters and CloudTrail's delivery notifications. Each is what CC7.2's
// "monitors system components for anomalies" reads in the console when an
// incident is investigated.

var monitoringCriteria = scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "A1.1"}}

// settingsBlock returns r's first typ block, or the result when there is
// none: unknown when a dynamic block may add one after apply, failed with
// "no <typ>: <missing>" otherwise.
func settingsBlock(r *scanner.Resource, typ, missing string) (*scanner.Block, scanner.Result) {
	b := r.FirstBlock(typ)
	switch {
	case b != nil:
		return b, scanner.Passed()
	case r.BlocksUnknown(typ):
		return nil, scanner.Unknowable(r.Range, "%s is a dynamic block over a collection only known after apply", typ)
	}
	return nil, scanner.Failed(r.Range, "no %s: %s", typ, missing)
}

var lambdaFunctionTracing = &scanner.Rule{
	ID:    "aws-lambda-function-tracing",
	Title: "Lambda functions trace their invocations with X-Ray (tracing mode Active)",
	Description: "Without active tracing a Lambda function records no trace of its invocations: a slow, failing or " +
		"unexpected call cannot be followed through the services it touched (SOC 2 CC7.2). tracing_config's mode " +
		"defaults to PassThrough, which traces only requests an upstream service already sampled, so a function invoked " +
		"directly, by a schedule or by a queue is never traced; only mode = \"Active\" passes.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_lambda_function"},
	Remediation:   "Add tracing_config with mode = \"Active\" (the execution role needs xray:PutTraceSegments and xray:PutTelemetryRecords).",
	RemediationCode: `resource "aws_lambda_function" "api" {
  # ...
  tracing_config {
    mode = "Active"
  }
}`,
	Links: []string{
		registryDoc("aws_lambda_function", "tracing_config"),
		"https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_50"},
		{Tool: scanner.ToolTfsec, ID: "aws-lambda-enable-tracing"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0066"},
		{Tool: scanner.ToolKICS, ID: "Lambda Functions Without X-Ray Tracing"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"
  tracing_config {
    mode = "Active"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "tracing_mode" {
  type = string
}

resource "aws_lambda_function" "untraced" {
  function_name = "untraced"
  role          = "arn:aws:iam::111122223333:role/fn"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "fn.zip"
}

resource "aws_lambda_function" "pass_through" {
  function_name = "pass-through"
  role          = "arn:aws:iam::111122223333:role/fn"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "fn.zip"
  tracing_config {
    mode = "PassThrough"
  }
}

resource "aws_lambda_function" "from_var" {
  function_name = "from-var"
  role          = "arn:aws:iam::111122223333:role/fn"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "fn.zip"
  tracing_config {
    mode = var.tracing_mode
  }
}`, Fails: []string{"aws_lambda_function.untraced", "aws_lambda_function.pass_through"},
		Unknowns: []string{"aws_lambda_function.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_lambda_function.pass_through": {Line: 21, Message: `mode is "PassThrough"`},
			"aws_lambda_function.untraced":     {Message: "no tracing_config"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		tc, res := settingsBlock(r, "tracing_config", "the mode defaults to PassThrough and direct invocations are not traced")
		if tc == nil {
			return res
		}
		mode := tc.Attr("mode")
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "the tracing mode is not known until apply")
		case mode.Equals("Active"):
			return scanner.Passed()
		}
		return scanner.Failed(mode.Range, "mode is %s: only requests an upstream service sampled are traced", describeValue(mode))
	},
}

var apiGatewayStageTracing = &scanner.Rule{
	ID:    "aws-apigateway-stage-tracing",
	Title: "API Gateway REST API stages trace requests with X-Ray",
	Description: "Without X-Ray tracing an API stage records no trace of the requests it passes to its integrations: a slow " +
		"or failing request cannot be followed to the backend that caused it (SOC 2 CC7.2). xray_tracing_enabled defaults " +
		"to false.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_api_gateway_stage"},
	Remediation:   "Set xray_tracing_enabled = true on the stage.",
	RemediationCode: `resource "aws_api_gateway_stage" "prod" {
  # ...
  xray_tracing_enabled = true
}`,
	Links: []string{
		registryDoc("aws_api_gateway_stage", "xray_tracing_enabled"),
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_73"},
		{Tool: scanner.ToolTfsec, ID: "aws-api-gateway-enable-tracing"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0003"},
		{Tool: scanner.ToolKICS, ID: "API Gateway X-Ray Disabled"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_api_gateway_stage", stageBase, "xray_tracing_enabled")
		bad = flagOnBad("aws_api_gateway_stage", stageBase, "xray_tracing_enabled", nil)
		return good, bad
	},
	Check: flagOnCheck("xray_tracing_enabled", "requests through the stage are not traced"),
}

// stageBase is an API Gateway stage's name, the one argument its flag
// examples need.
func stageBase(name string) string {
	return `stage_name = "` + name + `"`
}

var ec2InstanceDetailedMonitoring = &scanner.Rule{
	ID:    "aws-ec2-instance-detailed-monitoring",
	Title: "EC2 instances have detailed (one-minute) CloudWatch monitoring enabled",
	Description: "Basic monitoring sends an instance's metrics every five minutes, so a short spike of CPU, network or disk " +
		"use (a runaway process, a brute force, an exfiltration burst) is averaged away before an alarm can see it " +
		"(SOC 2 CC7.2, A1.1). monitoring defaults to false; an instance that leaves it unset and launches from a " +
		"launch template takes the template's monitoring block.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_instance"},
	Remediation:   "Set monitoring = true on the instance.",
	RemediationCode: `resource "aws_instance" "web" {
  # ...
  monitoring = true
}`,
	Links: []string{
		registryDoc("aws_instance", "monitoring"),
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_126"},
		{Tool: scanner.ToolKICS, ID: "EC2 Instance Monitoring Disabled"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = append(flagOnGood("aws_instance", instanceBase, "monitoring"), scanner.Example{Code: `
resource "aws_launch_template" "web" {
  name = "web"
  monitoring {
    enabled = true
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.web.id
  }
}`})
		bad = append(flagOnBad("aws_instance", instanceBase, "monitoring", nil), scanner.Example{Code: `
resource "aws_launch_template" "basic" {
  name = "basic"
}

resource "aws_instance" "from_template" {
  launch_template {
    name = aws_launch_template.basic.name
  }
}

variable "template_id" {
  type = string
}

resource "aws_instance" "from_unknown_template" {
  launch_template {
    id = var.template_id
  }
}`, Fails: []string{"aws_instance.from_template"}, Unknowns: []string{"aws_instance.from_unknown_template"}})
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		lt := r.FirstBlock("launch_template")
		if lt == nil || r.Attr("monitoring").IsSet() {
			return ec2MonitoringFlag(r, ctx)
		}
		templates := append(ctx.Index.Resolve(lt.Attr("id")), ctx.Index.Resolve(lt.Attr("name"))...)
		if len(templates) == 0 {
			return scanner.Unknowable(lt.Range, "monitoring is unset and the launch template it inherits is not in the configuration")
		}
		for _, t := range templates {
			if res := scanner.RequireTrue(t.Get("monitoring", "enabled"),
				"monitoring is unset and "+t.Address+" does not enable it: metrics are sent every five minutes, too coarse to alarm on short anomalies"); res.Status != scanner.Pass {
				return res
			}
		}
		return scanner.Passed()
	},
}

var ec2MonitoringFlag = flagOnCheck("monitoring", "metrics are sent every five minutes, too coarse to alarm on short anomalies")

// instanceBase names an EC2 instance in its flag examples.
func instanceBase(name string) string {
	return `tags = { Name = "` + name + `" }`
}

var rdsEnhancedMonitoring = &scanner.Rule{
	ID:    "aws-rds-enhanced-monitoring",
	Title: "RDS database instances have Enhanced Monitoring enabled",
	Description: "Enhanced Monitoring reports the operating-system metrics of a database instance (processes, memory, " +
		"file system and disk I/O) at an interval of up to one second; without it only the hypervisor's one-minute " +
		"metrics show what the database does, too little to explain a stall or an unexpected load (SOC 2 CC7.2, A1.1). " +
		"monitoring_interval defaults to 0, which turns it off; 1, 5, 10, 15, 30 or 60 seconds passes.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster_instance"},
	Remediation:   "Set monitoring_interval (60 seconds or less) and monitoring_role_arn to a role with the AmazonRDSEnhancedMonitoringRole policy.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  monitoring_interval = 60
  monitoring_role_arn = aws_iam_role.rds_monitoring.arn
}`,
	Links: []string{
		registryDoc("aws_db_instance", "monitoring_interval"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_118"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_enhanced_monitoring_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  monitoring_interval = 60
  monitoring_role_arn = "arn:aws:iam::111122223333:role/rds-monitoring"
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  monitoring_interval = 15
  monitoring_role_arn = "arn:aws:iam::111122223333:role/rds-monitoring"
}`}},
	Bad: []scanner.Example{{Code: `
variable "interval" {
  type = number
}

resource "aws_db_instance" "unset" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_rds_cluster_instance" "zero" {
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  monitoring_interval = 0
}

resource "aws_db_instance" "from_var" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  monitoring_interval = var.interval
}`, Fails: []string{"aws_db_instance.unset", "aws_rds_cluster_instance.zero"},
		Unknowns: []string{"aws_db_instance.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_rds_cluster_instance.zero": {Line: 15, Message: "monitoring_interval = 0"},
			"aws_db_instance.unset":         {Message: "monitoring_interval is not set"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("monitoring_interval")
		if v.IsNull() {
			return scanner.Failed(r.Range, "monitoring_interval is not set (0 by default): Enhanced Monitoring is off")
		}
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "monitoring_interval is not known until apply")
		}
		if n, ok := v.AsInt(); ok && n == 0 {
			return scanner.Failed(v.Range, "monitoring_interval = 0: Enhanced Monitoring is off")
		}
		return scanner.Passed()
	},
}

var ecsClusterContainerInsights = &scanner.Rule{
	ID:    "aws-ecs-cluster-container-insights",
	Title: "ECS clusters have CloudWatch Container Insights enabled",
	Description: "Without Container Insights an ECS cluster reports only cluster- and service-level CPU and memory: no " +
		"per-task metrics, restart counts or performance log events to detect a crashing or starved task (SOC 2 CC7.2, " +
		"A1.1). It is off unless the cluster's containerInsights setting is enabled (or enhanced), or the account's " +
		"default for new clusters, an aws_ecs_account_setting_default named containerInsights, is.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_ecs_cluster"},
	Remediation:   "Add a setting block with name = \"containerInsights\" and value = \"enabled\" (or \"enhanced\").",
	RemediationCode: `resource "aws_ecs_cluster" "main" {
  name = "main"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}`,
	Links: []string{
		registryDoc("aws_ecs_cluster", "setting"),
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_65"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecs-enable-container-insight"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0034"},
		{Tool: scanner.ToolKICS, ID: "ECS Cluster with Container Insights Disabled"},
		{Tool: scanner.ToolProwler, ID: "ecs_cluster_container_insights_enabled"},
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

variable "dr_region" {
  type = string
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

# A default of a region only known after apply, maybe another one.
resource "aws_ecs_account_setting_default" "dr" {
  provider = aws.dr
  name     = "containerInsights"
  value    = "enabled"
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}

resource "aws_ecs_cluster" "own" {
  name = "own"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}`, Unknowns: []string{"aws_ecs_cluster.main"}},
		{Code: `
resource "aws_ecs_cluster" "main" {
  name = "main"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster" "enhanced" {
  name = "enhanced"
  setting {
    name  = "containerInsights"
    value = "enhanced"
  }
}`}, {Code: `
# The account's default turns it on for clusters that say nothing.
resource "aws_ecs_account_setting_default" "insights" {
  name  = "containerInsights"
  value = "enabled"
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}`}, {Code: `
variable "setting" {
  type = string
}

# An account default that may be containerInsights.
resource "aws_ecs_account_setting_default" "maybe" {
  name  = var.setting
  value = "enabled"
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}`, Unknowns: []string{"aws_ecs_cluster.main"}}},
	Bad: []scanner.Example{{Code: `
variable "insights" {
  type = string
}

resource "aws_ecs_cluster" "unset" {
  name = "unset"
}

resource "aws_ecs_cluster" "disabled" {
  name = "disabled"
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_ecs_cluster" "from_var" {
  name = "from-var"
  setting {
    name  = "containerInsights"
    value = var.insights
  }
}`, Fails: []string{"aws_ecs_cluster.unset", "aws_ecs_cluster.disabled"},
		Unknowns: []string{"aws_ecs_cluster.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_ecs_cluster.disabled": {Line: 14, Message: `containerInsights is "disabled"`},
		}}, {Code: `
# An account default that disables it does not help.
resource "aws_ecs_account_setting_default" "insights" {
  name  = "containerInsights"
  value = "disabled"
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}`, Fails: []string{"aws_ecs_cluster.main"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		for _, s := range r.Blocks("setting") {
			name := s.Attr("name")
			if name.IsUnknown() {
				return scanner.Unknowable(name.Range, "a setting's name is not known until apply")
			}
			if !name.Equals("containerInsights") {
				continue
			}
			return containerInsightsValue(s.Attr("value"), "containerInsights")
		}
		if r.BlocksUnknown("setting") {
			return scanner.Unknowable(r.Range, "setting is a dynamic block over a collection only known after apply")
		}
		var maybe, elsewhere *scanner.Resource
		for _, d := range ctx.Index.OfType("aws_ecs_account_setting_default") {
			region := inRegion(r, d)
			if region == scanner.No {
				continue
			}
			if d.Attr("name").IsUnknown() {
				maybe = cmp.Or(maybe, d)
			}
			if !d.Attr("name").Equals("containerInsights") {
				continue
			}
			res := containerInsightsValue(d.Attr("value"), d.Address)
			if region == scanner.Yes {
				return res
			}
			// A default that may be another region's or account's
			// turns Container Insights on here only maybe; one that
			// leaves it off changes nothing.
			if res.Status != scanner.Fail {
				elsewhere = cmp.Or(elsewhere, d)
			}
		}
		switch {
		case maybe != nil:
			return scanner.Unknowable(r.Range, "%s sets an account default whose name is only known after apply, which may be containerInsights", maybe.Address)
		case elsewhere != nil:
			return scanner.Unknowable(r.Range, "%s turns Container Insights on by default in a region or account that may be the cluster's: where it is is only known after apply", elsewhere.Address)
		}
		return scanner.Failed(r.Range, "no containerInsights setting: Container Insights is off for the cluster")
	},
}

// containerInsightsValue judges a containerInsights setting's value.
func containerInsightsValue(v scanner.Value, where string) scanner.Result {
	switch {
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "the %s value is not known until apply", where)
	case v.OneOf("enabled", "enhanced"):
		return scanner.Passed()
	}
	return scanner.Failed(v.Range, "%s is %s: Container Insights is off for the cluster", where, describeValue(v))
}

var cloudtrailSNSNotification = &scanner.Rule{
	ID:    "aws-cloudtrail-sns-notification",
	Title: "CloudTrail trails notify an SNS topic when they deliver log files",
	Description: "A trail with an SNS topic announces each log file it delivers, so a consumer (a SIEM, an alarm on missing " +
		"deliveries) learns of new audit records and of their absence as they happen (SOC 2 CC7.2). sns_topic_name is " +
		"unset by default.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Set sns_topic_name to an SNS topic whose policy lets cloudtrail.amazonaws.com publish.",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  sns_topic_name = aws_sns_topic.cloudtrail.name
}`,
	Links: []string{
		registryDoc("aws_cloudtrail", "sns_topic_name"),
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/configure-sns-notifications-for-cloudtrail.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_252"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail SNS Topic Name Undefined"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sns_topic" "cloudtrail" {
  name = "cloudtrail"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs"
  sns_topic_name = aws_sns_topic.cloudtrail.name
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudtrail" "silent" {
  name           = "silent"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "empty" {
  name           = "empty"
  s3_bucket_name = "audit-logs"
  sns_topic_name = ""
}

# An input variable with no default may be given "" or null.
variable "trail_topic" {
  type = string
}

resource "aws_cloudtrail" "maybe" {
  name           = "maybe"
  s3_bucket_name = "audit-logs"
  sns_topic_name = var.trail_topic
}`, Fails: []string{"aws_cloudtrail.silent", "aws_cloudtrail.empty"}, Unknowns: []string{"aws_cloudtrail.maybe"},
		Expect: map[string]scanner.Expected{"aws_cloudtrail.empty": {Line: 10, Message: "empty"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireNamed(r.Attr("sns_topic_name"), "no sns_topic_name: log file deliveries are announced to no one")
	},
}

var route53QueryLogging = &scanner.Rule{
	ID:    "aws-route53-zone-query-logging",
	Title: "Route 53 public hosted zones log their DNS queries",
	Description: "DNS query logs show which names of the zone were resolved, from which resolver and when: the trace of " +
		"reconnaissance, of a hijacked record being used, or of data tunnelled through DNS (SOC 2 CC7.2). A public " +
		"hosted zone logs nothing unless an aws_route53_query_log names it; private zones (with a vpc block) log through " +
		"Resolver query logging instead and are not judged.",
	Severity:      scanner.Low,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_route53_zone"},
	Remediation:   "Add an aws_route53_query_log for the zone, writing to a CloudWatch log group in us-east-1.",
	RemediationCode: `resource "aws_route53_query_log" "example_com" {
  zone_id                  = aws_route53_zone.example_com.zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.route53_example_com.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_query_log",
		"https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_39"},
		{Tool: scanner.ToolKICS, ID: "CloudWatch Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_query_log" "public" {
  zone_id                  = aws_route53_zone.public.zone_id
  cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/example.com"
}`}, {Code: `
variable "zone_id" {
  type = string
}

# Logs another zone, or this one: only known after apply.
resource "aws_route53_zone" "maybe" {
  name = "example.org"
}

resource "aws_route53_query_log" "other" {
  zone_id                  = var.zone_id
  cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/other"
}`, Unknowns: []string{"aws_route53_zone.maybe"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_zone" "private" {
  name = "internal.example.com"
  vpc {
    vpc_id = "vpc-0abc"
  }
}`, Fails: []string{"aws_route53_zone.public"}, NotApplicable: []string{"aws_route53_zone.private"},
		Expect: map[string]scanner.Expected{"aws_route53_zone.public": {Message: "no aws_route53_query_log"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if len(r.Blocks("vpc")) > 0 {
			return scanner.DoesNotApply("a private hosted zone's queries are logged by Resolver query logging")
		}
		if r.BlocksUnknown("vpc") {
			return scanner.Unknowable(r.Range, "whether the zone is private (a dynamic vpc block) is only known after apply")
		}
		found, maybe := ctx.Index.Referrers(r, "aws_route53_query_log", []string{"zone_id"}, "zone_id")
		switch {
		case len(found) > 0:
			return scanner.Passed()
		case maybe != nil:
			return scanner.Unknowable(r.Range, "%s logs a zone only known after apply, which may be this one", maybe.Address)
		}
		return scanner.Failed(r.Range, "no aws_route53_query_log names this zone: its DNS queries are not logged")
	},
}

var sfnStateMachineTracing = &scanner.Rule{
	ID:    "aws-sfn-state-machine-tracing",
	Title: "Step Functions state machines trace their executions with X-Ray",
	Description: "X-Ray tracing follows an execution through the Lambda functions and services its states call, with the " +
		"time spent and the errors in each; without it a slow or failing execution shows only which state failed, not " +
		"why (SOC 2 CC7.2). tracing_configuration's enabled defaults to false.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_sfn_state_machine"},
	Remediation:   "Add tracing_configuration with enabled = true.",
	RemediationCode: `resource "aws_sfn_state_machine" "orders" {
  # ...
  tracing_configuration {
    enabled = true
  }
}`,
	Links: []string{
		registryDoc("aws_sfn_state_machine", "tracing_configuration"),
		"https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_284"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sfn_state_machine" "orders" {
  name       = "orders"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  tracing_configuration {
    enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "trace" {
  type = bool
}

resource "aws_sfn_state_machine" "untraced" {
  name       = "untraced"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
}

resource "aws_sfn_state_machine" "off" {
  name       = "off"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  tracing_configuration {
    enabled = false
  }
}

resource "aws_sfn_state_machine" "from_var" {
  name       = "from-var"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"
  tracing_configuration {
    enabled = var.trace
  }
}`, Fails: []string{"aws_sfn_state_machine.untraced", "aws_sfn_state_machine.off"},
		Unknowns: []string{"aws_sfn_state_machine.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_sfn_state_machine.off":      {Line: 17},
			"aws_sfn_state_machine.untraced": {Message: "no tracing_configuration"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		tc, res := settingsBlock(r, "tracing_configuration", "executions are not traced")
		if tc == nil {
			return res
		}
		return scanner.RequireTrue(tc.Attr("enabled"), "tracing_configuration.enabled is not true: executions are not traced")
	},
}

var cloudtrailS3DataEventsReadWrite = &scanner.Rule{
	ID:    "aws-cloudtrail-s3-data-events-read-write",
	Title: "CloudTrail trails that log S3 object-level events log both reads and writes",
	Description: "An event_selector with an AWS::S3::Object data_resource, or an advanced_event_selector whose " +
		"resources.type field selector equals AWS::S3::Object, records object-level calls (GetObject, PutObject, " +
		"DeleteObject). Limited to reads (read_write_type ReadOnly, a readOnly field selector equal to true) it misses " +
		"every upload, overwrite and deletion; limited to writes it misses every download, which is how data leaves " +
		"(SOC 2 CC7.2). read_write_type defaults to All and an advanced selector without a readOnly field selector keeps " +
		"both. A trail passes when its S3 object selectors together keep reads and writes (one ReadOnly and one WriteOnly " +
		"selector do); trails that select no S3 object events are not judged.",
	Severity:      scanner.Low,
	Criteria:      auditLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Set read_write_type = \"All\" (or remove it) on event selectors that log AWS::S3::Object data events, or drop the readOnly field selector of the advanced event selector.",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}`,
	Links: []string{
		registryDoc("aws_cloudtrail", "event_selector"),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Object Level CloudTrail Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudtrail" "all" {
  name           = "all"
  s3_bucket_name = "audit-logs"
  event_selector {
    read_write_type = "All"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "default_all" {
  name           = "default-all"
  s3_bucket_name = "audit-logs"
  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::data/"]
    }
  }
}

# Reads and writes in two selectors.
resource "aws_cloudtrail" "split" {
  name           = "split"
  s3_bucket_name = "audit-logs"
  event_selector {
    read_write_type = "ReadOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
  event_selector {
    read_write_type = "WriteOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "advanced" {
  name           = "advanced"
  s3_bucket_name = "audit-logs"
  advanced_event_selector {
    name = "S3 object events"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
  }
}

# Lambda data events only: not judged.
resource "aws_cloudtrail" "lambda" {
  name           = "lambda"
  s3_bucket_name = "audit-logs"
  event_selector {
    read_write_type = "WriteOnly"
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}`, NotApplicable: []string{"aws_cloudtrail.lambda"}}},
	Bad: []scanner.Example{{Code: `
variable "rw" {
  type = string
}

resource "aws_cloudtrail" "reads" {
  name           = "reads"
  s3_bucket_name = "audit-logs"
  event_selector {
    read_write_type = "ReadOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "from_var" {
  name           = "from-var"
  s3_bucket_name = "audit-logs"
  event_selector {
    read_write_type = var.rw
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "advanced_reads" {
  name           = "advanced-reads"
  s3_bucket_name = "audit-logs"
  advanced_event_selector {
    name = "S3 reads"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}

variable "selectors" {
  type = list(string)
}

resource "aws_cloudtrail" "dynamic" {
  name           = "dynamic"
  s3_bucket_name = "audit-logs"
  dynamic "event_selector" {
    for_each = var.selectors
    content {
      data_resource {
        type   = event_selector.value
        values = ["arn:aws:s3"]
      }
    }
  }
}

variable "limit_field" {
  type = string
}

resource "aws_cloudtrail" "advanced_field_from_var" {
  name           = "advanced-field-from-var"
  s3_bucket_name = "audit-logs"
  advanced_event_selector {
    name = "S3 events, perhaps reads only"
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = var.limit_field
      equals = ["true"]
    }
  }
}

# Management events only: not judged.
resource "aws_cloudtrail" "management" {
  name           = "management"
  s3_bucket_name = "audit-logs"
  advanced_event_selector {
    name = "Management events"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }
}`, Fails: []string{"aws_cloudtrail.reads", "aws_cloudtrail.advanced_reads"},
		Unknowns:      []string{"aws_cloudtrail.from_var", "aws_cloudtrail.dynamic", "aws_cloudtrail.advanced_field_from_var"},
		NotApplicable: []string{"aws_cloudtrail.management"},
		Expect: map[string]scanner.Expected{
			"aws_cloudtrail.reads":          {Line: 10, Message: `read_write_type is "ReadOnly": S3 object-level writes`},
			"aws_cloudtrail.advanced_reads": {Line: 43, Message: "readOnly field selector keeps read events only"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		var sels []s3DataSelector
		for _, sel := range r.Blocks("event_selector") {
			sels = append(sels, basicS3Selector(sel))
		}
		for _, sel := range r.Blocks("advanced_event_selector") {
			sels = append(sels, advancedS3Selector(sel))
		}
		reads, writes := false, false
		var limited, unknown *s3DataSelector
		for i := range sels {
			s := &sels[i]
			switch {
			case s.unknown != "":
				unknown = cmp.Or(unknown, s)
			case s.s3:
				reads, writes = reads || s.reads, writes || s.writes
				if !s.reads || !s.writes {
					limited = cmp.Or(limited, s)
				}
			}
		}
		for _, typ := range []string{"event_selector", "advanced_event_selector"} {
			if unknown == nil && r.BlocksUnknown(typ) {
				unknown = &s3DataSelector{rng: r.Range, unknown: typ + " is a dynamic block over a collection only known after apply"}
			}
		}
		switch {
		case reads && writes:
			return scanner.Passed()
		case unknown != nil:
			return scanner.Unknowable(unknown.rng, "%s", unknown.unknown)
		case limited == nil:
			return scanner.DoesNotApply("the trail selects no S3 object-level events")
		}
		missing := "writes (PutObject, DeleteObject)"
		if !reads {
			missing = "reads (GetObject)"
		}
		return scanner.Failed(limited.rng, "%s: S3 object-level %s are not logged by any selector", limited.why, missing)
	},
}

// s3DataSelector is what one CloudTrail event selector says about S3
// object-level data events: whether it selects them (s3), which kinds it
// keeps, and why not (why: the argument that limits it, at rng), or what
// is only known after apply (unknown).
type s3DataSelector struct {
	s3, reads, writes bool
	why, unknown      string
	rng               scanner.Range
}

// basicS3Selector reads an event_selector: its data_resource types and its
// read_write_type (All by default).
func basicS3Selector(sel *scanner.Block) s3DataSelector {
	out := s3DataSelector{rng: sel.Range, reads: true, writes: true}
	for _, dr := range sel.Blocks("data_resource") {
		typ := dr.Attr("type")
		switch {
		case typ.Equals("AWS::S3::Object"):
			out.s3 = true
		case typ.IsUnknown():
			out.unknown, out.rng = "a data_resource type is not known until apply", typ.Range
		}
	}
	if !out.s3 {
		if out.unknown == "" && sel.BlocksUnknown("data_resource") {
			out.unknown = "data_resource is a dynamic block over a collection only known after apply"
		}
		return out
	}
	out.unknown, out.rng = "", sel.Range
	rw := sel.Attr("read_write_type")
	switch {
	case rw.IsUnknown():
		out.unknown, out.rng = "read_write_type is not known until apply", rw.Range
	case rw.IsSet() && !rw.Equals("All"):
		out.reads, out.writes = rw.Equals("ReadOnly"), rw.Equals("WriteOnly")
		out.why, out.rng = "read_write_type is "+describeValue(rw), rw.Range
	}
	return out
}

// advancedS3Selector reads an advanced_event_selector: it selects S3 object
// events when a resources.type field selector equals AWS::S3::Object, and a
// readOnly field selector limits it to reads or to writes.
func advancedS3Selector(sel *scanner.Block) s3DataSelector {
	out := s3DataSelector{rng: sel.Range, reads: true, writes: true}
	if sel.BlocksUnknown("field_selector") {
		out.unknown = "field_selector is a dynamic block over a collection only known after apply"
	}
	var readOnly *scanner.Block
	var unknownField *scanner.Value
	for _, fs := range sel.Blocks("field_selector") {
		field := fs.Attr("field")
		switch {
		case field.IsUnknown():
			out.unknown, out.rng = "a field_selector's field is not known until apply", field.Range
			unknownField = &field
		case field.Equals("resources.type"):
			types, incomplete := fs.Attr("equals").KnownStrings()
			if slices.Contains(types, "AWS::S3::Object") {
				out.s3 = true
			} else if incomplete {
				out.unknown, out.rng = "the selected resources.type is not known until apply", fs.Range
			}
		case field.Equals("readOnly"):
			readOnly = fs
		}
	}
	if !out.s3 {
		return out
	}
	out.unknown, out.rng = "", sel.Range
	if sel.BlocksUnknown("field_selector") {
		// A generated field_selector may be a readOnly one.
		out.unknown = "field_selector is a dynamic block over a collection only known after apply: it may limit the selector to reads or to writes"
		return out
	}
	if unknownField != nil {
		// A field only known after apply may be readOnly, which would
		// keep one kind of event only.
		out.unknown, out.rng = "a field_selector's field is not known until apply: it may limit the selector to reads or to writes", unknownField.Range
		return out
	}
	if readOnly == nil {
		return out
	}
	eq, incEq := readOnly.Attr("equals").KnownStrings()
	ne, incNe := readOnly.Attr("not_equals").KnownStrings()
	if incEq || incNe {
		out.unknown, out.rng = "the readOnly field selector is not known until apply", readOnly.Range
		return out
	}
	out.rng = readOnly.Range
	switch {
	case slices.Equal(eq, []string{"true"}) || slices.Equal(ne, []string{"false"}):
		out.writes, out.why = false, "the readOnly field selector keeps read events only"
	case slices.Equal(eq, []string{"false"}) || slices.Equal(ne, []string{"true"}):
		out.reads, out.why = false, "the readOnly field selector keeps write events only"
	}
	return out
}

var cloudwatchAlarmActionsEnabled = &scanner.Rule{
	ID:    "aws-cloudwatch-alarm-actions-enabled",
	Title: "CloudWatch metric and composite alarms keep their actions enabled",
	Description: "An alarm with actions_enabled = false still changes state but notifies no one and triggers nothing: the " +
		"SNS page, the Auto Scaling step or the recovery action it was written for never happens (SOC 2 CC7.2, A1.1). " +
		"actions_enabled defaults to true, so only alarms that turn it off fail.",
	Severity:      scanner.Low,
	Criteria:      monitoringCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"},
	Remediation:   "Remove actions_enabled = false (or set it to true).",
	RemediationCode: `resource "aws_cloudwatch_metric_alarm" "errors" {
  # ...
  actions_enabled = true
  alarm_actions   = [aws_sns_topic.oncall.arn]
}`,
	Links: []string{
		registryDoc("aws_cloudwatch_metric_alarm", "actions_enabled"),
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_319"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudwatch_metric_alarm" "default_on" {
  alarm_name          = "errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:oncall"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "enabled" {
  type = bool
}

resource "aws_cloudwatch_metric_alarm" "muted" {
  alarm_name          = "muted"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  actions_enabled     = false
}

resource "aws_cloudwatch_composite_alarm" "maybe" {
  alarm_name      = "maybe"
  alarm_rule      = "ALARM(muted)"
  actions_enabled = var.enabled
}`, Fails: []string{"aws_cloudwatch_metric_alarm.muted"}, Unknowns: []string{"aws_cloudwatch_composite_alarm.maybe"},
		Expect: map[string]scanner.Expected{"aws_cloudwatch_metric_alarm.muted": {Line: 15}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("actions_enabled"), true,
			"actions_enabled = false: the alarm changes state without notifying anyone or acting")
	},
}
