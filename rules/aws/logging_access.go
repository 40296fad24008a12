package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Network and access logs (CC7.2): flow logs and the request logs of S3,
// load balancers, CloudFront, API Gateway and WAF.

var serviceLogCriteria = scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}}

var vpcFlowLogs = &scanner.Rule{
	ID:    "aws-vpc-flow-logs",
	Title: "VPCs have flow logs",
	Description: "Flow logs are the record of which addresses talked to which, and are what an investigation of lateral " +
		"movement or data exfiltration starts from; a VPC without them leaves no network trail (SOC 2 CC7.2). A VPC, " +
		"the default VPC the configuration adopts with aws_default_vpc included (CIS: flow logs in all VPCs), " +
		"passes when an aws_flow_log in the configuration refers to it through vpc_id.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_default_vpc", "aws_vpc"},
	Remediation:   "Add an aws_flow_log with vpc_id set to the VPC, traffic_type = \"ALL\", to CloudWatch Logs or S3.",
	RemediationCode: `resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow_logs.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/flow_log",
		"https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_11"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0178"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-require-vpc-flow-logs-for-all-vpcs"},
		{Tool: scanner.ToolProwler, ID: "vpc_flow_logs_enabled"},
		{Tool: scanner.ToolKICS, ID: "VPC FlowLogs Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}

resource "aws_default_vpc" "default" {}

resource "aws_flow_log" "default" {
  vpc_id               = aws_default_vpc.default.id
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}`}, {Code: `
variable "create_vpc" {
  type = bool
}

# count is not known: the VPC is loaded as one unkeyed instance, and the
# flow log's aws_vpc.optional[0] still refers to it.
resource "aws_vpc" "optional" {
  count      = var.create_vpc ? 1 : 0
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "optional" {
  count                = var.create_vpc ? 1 : 0
  vpc_id               = aws_vpc.optional[0].id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_vpc" "unlogged" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "logged" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "logged" {
  vpc_id          = aws_vpc.logged.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::acme-flow-logs"
}

# The default VPC exists in every region; adopting it does not log it.
resource "aws_default_vpc" "default" {}`, Fails: []string{"aws_vpc.unlogged", "aws_default_vpc.default"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if found, _ := ctx.Index.Referrers(r, "aws_flow_log", []string{"vpc_id"}, "id"); len(found) > 0 {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "no aws_flow_log records this VPC's traffic")
	},
}

// Well-known grantees of log-delivery buckets: the S3 log delivery group
// (legacy ACL-based server access logging) and the canonical user of the
// awslogsdelivery account that writes CloudFront standard logs.
const (
	s3LogDeliveryGroupURI            = "http://acs.amazonaws.com/groups/s3/LogDelivery"
	cloudFrontLogDeliveryCanonicalID = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0"
)

// isLogDeliveryTarget reports whether bucket is where AWS services deliver
// access logs: the target of S3 server access logging (aws_s3_bucket_logging
// or a bucket's inline logging), of load-balancer or CloudFront access logs,
// or a bucket whose ACL grants write to a log-delivery grantee.
func isLogDeliveryTarget(bucket *scanner.Resource, ix *scanner.Index) bool {
	logging, _ := ix.Referrers(bucket, "aws_s3_bucket_logging", []string{"target_bucket"}, "bucket", "id")
	inline, _ := ix.Referrers(bucket, "aws_s3_bucket", []string{"logging", "target_bucket"}, "bucket", "id")
	cloudFront, _ := ix.Referrers(bucket, "aws_cloudfront_distribution", []string{"logging_config", "bucket"}, "bucket_domain_name")
	if len(logging) > 0 || len(inline) > 0 || len(cloudFront) > 0 {
		return true
	}
	for _, typ := range []string{"aws_lb", "aws_alb", "aws_elb"} {
		if found, _ := ix.Referrers(bucket, typ, []string{"access_logs", "bucket"}, "bucket", "id"); len(found) > 0 {
			return true
		}
	}
	if bucket.Attr("acl").Equals("log-delivery-write") || grantsLogDelivery(bucket.Blocks("grant"), "") {
		return true
	}
	referrers, _ := ix.Referrers(bucket, "aws_s3_bucket_acl", []string{"bucket"}, "bucket", "id")
	for _, acl := range referrers {
		if acl.Attr("acl").Equals("log-delivery-write") {
			return true
		}
		if policy := acl.FirstBlock("access_control_policy"); policy != nil && grantsLogDelivery(policy.Blocks("grant"), "grantee") {
			return true
		}
	}
	return false
}

// logDeliveryGrantsUnknown reports whether an aws_s3_bucket_acl of bucket
// has grants generated from values not known until apply, so that whether
// the bucket is a log-delivery target cannot be decided.
func logDeliveryGrantsUnknown(bucket *scanner.Resource, ix *scanner.Index) bool {
	referrers, _ := ix.Referrers(bucket, "aws_s3_bucket_acl", []string{"bucket"}, "bucket", "id")
	for _, acl := range referrers {
		if acl.BlocksUnknown("access_control_policy") {
			return true
		}
		if policy := acl.FirstBlock("access_control_policy"); policy != nil && policy.BlocksUnknown("grant") {
			return true
		}
	}
	return false
}

// grantsLogDelivery reports whether ACL grants name a log-delivery grantee,
// read from the grant itself (inline aws_s3_bucket grants) or from its nested
// grantee block (aws_s3_bucket_acl).
func grantsLogDelivery(grants []*scanner.Block, granteeBlock string) bool {
	for _, g := range grants {
		if granteeBlock != "" {
			g = g.FirstBlock(granteeBlock)
		}
		if g == nil {
			continue
		}
		if g.Attr("uri").Equals(s3LogDeliveryGroupURI) || g.Attr("id").Equals(cloudFrontLogDeliveryCanonicalID) {
			return true
		}
		for _, ref := range g.Attr("id").Refs {
			if strings.HasPrefix(ref, "data.aws_cloudfront_log_delivery_canonical_user_id.") ||
				strings.Contains(ref, ".data.aws_cloudfront_log_delivery_canonical_user_id.") {
				return true
			}
		}
	}
	return false
}

var s3BucketAccessLogging = &scanner.Rule{
	ID:    "aws-s3-bucket-access-logging",
	Title: "S3 buckets have server access logging",
	Description: "Server access logs record every request against a bucket, including the anonymous and cross-account " +
		"ones CloudTrail data events may not cover, and are how a suspected leak is confirmed or ruled out (SOC 2 CC7.2). " +
		"Logging is off by default; it is enabled by an aws_s3_bucket_logging resource or the legacy inline logging block. " +
		"Buckets that AWS delivers access logs into — the target of S3 server access logging, of load-balancer or " +
		"CloudFront access logs, or granted to the S3 log-delivery group or CloudFront's log-delivery account — are " +
		"skipped: logging a log bucket only moves the question to another bucket. CloudTrail buckets are not skipped; " +
		"their access logs show who read the audit trail.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation:   "Add an aws_s3_bucket_logging for the bucket with a dedicated log bucket as target_bucket.",
	RemediationCode: `resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "data/"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_18"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0163"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudtrail-require-bucket-access-logging"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0089"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-enable-bucket-logging"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_server_access_logging_enabled"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Log Files S3 Bucket with Logging Disabled"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "data/"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  logging {
    target_bucket = "acme-access-logs"
    target_prefix = "legacy/"
  }
}

resource "aws_s3_bucket" "old_log_bucket" {
  bucket = "acme-old-logs"
  acl    = "log-delivery-write"
}

# Load-balancer access logs land here.
resource "aws_s3_bucket" "lb_logs" {
  bucket = "acme-lb-logs"
}

resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = true
  }
}

# CloudFront standard logs land here, through an ACL grant to the
# awslogsdelivery account.
data "aws_canonical_user_id" "current" {}
data "aws_cloudfront_log_delivery_canonical_user_id" "cloudfront" {}

resource "aws_s3_bucket" "cdn_logs" {
  bucket = "acme-cdn-logs"
}

resource "aws_s3_bucket_acl" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id
  access_control_policy {
    grant {
      grantee {
        id   = data.aws_cloudfront_log_delivery_canonical_user_id.cloudfront.id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_s3_bucket" "unlogged" {
  bucket = "acme-unlogged"
}

# The CloudTrail bucket is not exempt: its access logs show who read the
# audit trail.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# An input variable with no default may be given "" or null.
variable "log_bucket" {
  type = string
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe-logged"
  logging {
    target_bucket = var.log_bucket
  }
}`, Fails: []string{"aws_s3_bucket.unlogged", "aws_s3_bucket.trail"}, Unknowns: []string{"aws_s3_bucket.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return ruleutil.PassIfNamed(r.Get("logging", "target_bucket"), func() scanner.Result {
			if found, _ := ctx.Index.Referrers(r, "aws_s3_bucket_logging", []string{"bucket"}, "bucket", "id"); len(found) > 0 {
				return scanner.Passed()
			}
			if isLogDeliveryTarget(r, ctx.Index) {
				return scanner.Passed()
			}
			if logDeliveryGrantsUnknown(r, ctx.Index) {
				return scanner.Unknowable(r.Range, "server access logging is off, and whether the bucket receives AWS log deliveries depends on ACL grants not known until apply")
			}
			if r.BlocksUnknown("logging") {
				return scanner.Unknowable(r.Range, "the logging block is generated from values not known until apply")
			}
			return scanner.Failed(r.Range, "server access logging is off: requests against the bucket leave no record")
		})
	},
}

var lbAccessLogs = &scanner.Rule{
	ID:    "aws-lb-access-logs",
	Title: "Load balancers write access logs",
	Description: "Load-balancer access logs record every request reaching the service — client address, path, status, " +
		"TLS details — and are the primary evidence when investigating an attack on a web application (SOC 2 CC7.2). " +
		"For aws_lb, access_logs.enabled defaults to false even when a bucket is given; for a classic aws_elb an " +
		"access_logs block is enabled unless it says otherwise. Gateway Load Balancers have no access logs and are skipped.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_lb", "aws_alb", "aws_elb"},
	Remediation:   "Add an access_logs block with enabled = true and an S3 bucket that allows ELB log delivery.",
	RemediationCode: `resource "aws_lb" "web" {
  # ...
  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    prefix  = "web"
    enabled = true
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#access_logs",
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_91"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_92"},
		{Tool: scanner.ToolProwler, ID: "elbv2_logging_enabled"},
		{Tool: scanner.ToolProwler, ID: "elb_logging_enabled"},
		{Tool: scanner.ToolKICS, ID: "ELB Access Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
  access_logs {
    bucket  = "acme-lb-logs"
    enabled = true
  }
}

resource "aws_lb" "gateway" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-1"]
}

resource "aws_elb" "classic" {
  name               = "classic"
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  access_logs {
    bucket = "acme-lb-logs"
  }
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_lb" "no_logs" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
}

# A bucket alone does not enable logging on aws_lb.
resource "aws_lb" "bucket_only" {
  name               = "api"
  load_balancer_type = "network"
  subnets            = ["subnet-1", "subnet-2"]
  access_logs {
    bucket = "acme-lb-logs"
  }
}

variable "access_logs_enabled" {
  type = bool
}

resource "aws_lb" "from_var" {
  name               = "internal"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
  access_logs {
    bucket  = "acme-lb-logs"
    enabled = var.access_logs_enabled
  }
}

variable "classic_log_buckets" {
  type = list(string)
}

# The classic load balancer's access_logs block is generated from a list
# known only after apply.
resource "aws_elb" "dynamic" {
  name               = "classic"
  availability_zones = ["eu-west-1a"]
  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
  dynamic "access_logs" {
    for_each = var.classic_log_buckets
    content {
      bucket = access_logs.value
    }
  }
}`, Fails: []string{"aws_lb.no_logs", "aws_lb.bucket_only"}, Unknowns: []string{"aws_lb.from_var", "aws_elb.dynamic"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "aws_elb" {
			switch logs, dynamic := r.Follow("access_logs"); {
			case dynamic != "":
				return scanner.Unknowable(r.Range, "access_logs is a dynamic block over a collection only known after apply")
			case logs == nil:
				return scanner.Failed(r.Range, "no access_logs block: requests are not logged")
			}
			return scanner.RequireTrueOr(r.Get("access_logs", "enabled"), true, "access_logs.enabled = false: requests are not logged")
		}
		lbType := r.Attr("load_balancer_type")
		if lbType.Equals("gateway") {
			return scanner.Passed()
		}
		return scanner.RequireTrue(r.Get("access_logs", "enabled"),
			"access logs are not enabled (access_logs.enabled defaults to false, even with a bucket): requests are not logged")
	},
}

var cloudfrontAccessLogging = &scanner.Rule{
	ID:    "aws-cloudfront-access-logging",
	Title: "CloudFront distributions write access logs",
	Description: "CloudFront access logs record every viewer request at the edge, before it reaches any origin log, and are " +
		"needed to investigate scraping, credential stuffing or data exposure through the CDN (SOC 2 CC7.2). Logging is off " +
		"unless a logging_config block (legacy standard logging) or a CloudWatch Logs delivery source for the distribution " +
		"(standard logging v2) is declared; a delivery source sends nothing until an aws_cloudwatch_log_delivery connects " +
		"it to a destination.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudfront_distribution"},
	Remediation:   "Add a logging_config block with an S3 bucket, or configure standard logging v2 with an aws_cloudwatch_log_delivery_source and an aws_cloudwatch_log_delivery.",
	RemediationCode: `resource "aws_cloudfront_distribution" "site" {
  # ...
  logging_config {
    bucket          = aws_s3_bucket.cdn_logs.bucket_domain_name
    include_cookies = false
    prefix          = "site/"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#logging-config-arguments",
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_86"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0010"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudfront-enable-logging"},
		{Tool: scanner.ToolProwler, ID: "cloudfront_distributions_logging_enabled"},
		{Tool: scanner.ToolKICS, ID: "CloudFront Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudfront_distribution" "site" {
  enabled = true
  logging_config {
    bucket = "acme-cdn-logs.s3.amazonaws.com"
    prefix = "site/"
  }
}

resource "aws_cloudfront_distribution" "v2" {
  enabled = true
}

resource "aws_cloudwatch_log_delivery_source" "v2" {
  name         = "cdn-v2"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.v2.arn
}

resource "aws_cloudwatch_log_delivery_destination" "v2" {
  name = "cdn-v2"
  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:s3:::acme-cdn-logs"
  }
}

resource "aws_cloudwatch_log_delivery" "v2" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.v2.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.v2.arn
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

resource "aws_cloudfront_distribution" "site" {
  enabled = true
}

resource "aws_cloudwatch_log_delivery_source" "site" {
  name         = "cdn-site"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.site.arn
}

# Delivers the source named "cdn-site" of another region, not this one.
resource "aws_cloudwatch_log_delivery" "eu" {
  provider                 = aws.eu
  delivery_source_name     = "cdn-site"
  delivery_destination_arn = "arn:aws:logs:eu-west-1:111122223333:delivery-destination:cdn"
}`, Fails: []string{"aws_cloudfront_distribution.site"}},
		{Code: `
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}

# A delivery source that no aws_cloudwatch_log_delivery sends anywhere.
resource "aws_cloudfront_distribution" "source_only" {
  enabled = true
}

resource "aws_cloudwatch_log_delivery_source" "source_only" {
  name         = "cdn-source-only"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.source_only.arn
}

# An input variable with no default may be given "" or null.
variable "cdn_log_bucket" {
  type = string
}

resource "aws_cloudfront_distribution" "maybe" {
  enabled = true
  logging_config {
    bucket = var.cdn_log_bucket
  }
}`, Fails: []string{"aws_cloudfront_distribution.site", "aws_cloudfront_distribution.source_only"}, Unknowns: []string{"aws_cloudfront_distribution.maybe"},
			Expect: map[string]scanner.Expected{
				"aws_cloudfront_distribution.source_only": {Message: "no aws_cloudwatch_log_delivery delivers it"},
			}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return ruleutil.PassIfNamed(r.Get("logging_config", "bucket"), func() scanner.Result {
			sources, _ := ctx.Index.Referrers(r, "aws_cloudwatch_log_delivery_source", []string{"resource_arn"}, "arn")
			delivered := scanner.No
			for _, src := range sources {
				// A delivery source's name is unique in its account and region.
				deliveries, maybe := ctx.Index.ReferrersIn(inRegion, src, "aws_cloudwatch_log_delivery", []string{"delivery_source_name"}, "name")
				delivered = delivered.Or(scanner.TriOf(len(deliveries) > 0, maybe != nil))
			}
			switch {
			case delivered == scanner.Yes:
				return scanner.Passed()
			case r.BlocksUnknown("logging_config"):
				return scanner.Unknowable(r.Range, "logging_config is generated from values not known until apply")
			case delivered == scanner.Maybe:
				return scanner.Unknowable(r.Range, "whether an aws_cloudwatch_log_delivery sends the distribution's delivery source anywhere is only known after apply")
			case len(sources) > 0:
				return scanner.Failed(r.Range, "%s names the distribution but no aws_cloudwatch_log_delivery delivers it: access logs are not written anywhere", sources[0].Address)
			}
			return scanner.Failed(r.Range, "access logging is off: viewer requests are not recorded")
		})
	},
}

var apiGatewayStageAccessLogging = &scanner.Rule{
	ID:    "aws-api-gateway-stage-access-logging",
	Title: "API Gateway stages write access logs",
	Description: "Access logs record who called which API route, from where, with what result; without them abuse of an " +
		"API cannot be traced (SOC 2 CC7.2). REST (aws_api_gateway_stage) and HTTP/WebSocket (aws_apigatewayv2_stage) " +
		"stages log access only with an access_log_settings block naming a destination.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_api_gateway_stage", "aws_apigatewayv2_stage"},
	Remediation:   "Add access_log_settings with destination_arn (a CloudWatch log group or Firehose stream) and a format.",
	RemediationCode: `resource "aws_apigatewayv2_stage" "prod" {
  # ...
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIp"
      route     = "$context.routeKey"
      status    = "$context.status"
    })
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage#access_log_settings",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage#access_log_settings",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_76"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0001"},
		{Tool: scanner.ToolTfsec, ID: "aws-api-gateway-enable-access-logging"},
		{Tool: scanner.ToolProwler, ID: "apigatewayv2_api_access_logging_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "abc123"
  deployment_id = "dep123"
  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId $context.status"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "abc123"
  deployment_id = "dep123"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = "abc123"
  name        = "$default"
  auto_deploy = true
}

# An input variable with no default may be given "" or null.
variable "access_log_arn" {
  type = string
}

resource "aws_apigatewayv2_stage" "maybe" {
  api_id      = "a1b2c3"
  name        = "maybe"
  auto_deploy = true
  access_log_settings {
    destination_arn = var.access_log_arn
    format          = "$context.requestId"
  }
}`, Fails: []string{"aws_api_gateway_stage.prod", "aws_apigatewayv2_stage.default"}, Unknowns: []string{"aws_apigatewayv2_stage.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return ruleutil.PassIfNamed(r.Get("access_log_settings", "destination_arn"), func() scanner.Result {
			if r.BlocksUnknown("access_log_settings") {
				return scanner.Unknowable(r.Range, "access_log_settings is generated from values not known until apply")
			}
			return scanner.Failed(r.Range, "no access_log_settings: API calls to this stage are not logged")
		})
	},
}

var wafv2WebACLLogging = &scanner.Rule{
	ID:    "aws-wafv2-web-acl-logging",
	Title: "WAF web ACLs log their traffic",
	Description: "A web ACL decides which requests are blocked as attacks; without logging there is no record of what it " +
		"blocked or let through, neither for tuning nor for investigating an incident (SOC 2 CC7.2). Logging needs an " +
		"aws_wafv2_web_acl_logging_configuration for a WAFv2 ACL, and a logging_configuration block with a " +
		"log_destination for a WAF Classic (aws_waf_web_acl, aws_wafregional_web_acl) ACL.",
	Severity:      scanner.Low,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_wafv2_web_acl", "aws_waf_web_acl", "aws_wafregional_web_acl"},
	Remediation: "Add an aws_wafv2_web_acl_logging_configuration with resource_arn set to the web ACL (WAF Classic: a " +
		"logging_configuration block whose log_destination is a Kinesis Data Firehose stream).",
	RemediationCode: `resource "aws_wafv2_web_acl_logging_configuration" "main" {
  resource_arn            = aws_wafv2_web_acl.main.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn] # name must start with aws-waf-logs-
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_logging_configuration",
		"https://docs.aws.amazon.com/waf/latest/developerguide/logging.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_31"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_176"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_wafv2_web_acl" "main" {
  name  = "main"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "main"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "main" {
  resource_arn            = aws_wafv2_web_acl.main.arn
  log_destination_configs = ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-main"]
}

resource "aws_waf_web_acl" "classic" {
  name        = "classic"
  metric_name = "classic"
  default_action {
    type = "ALLOW"
  }
  logging_configuration {
    log_destination = "arn:aws:firehose:us-east-1:111122223333:deliverystream/aws-waf-logs-classic"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_wafv2_web_acl" "main" {
  name  = "main"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "main"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafregional_web_acl" "classic" {
  name        = "classic"
  metric_name = "classic"
  default_action {
    type = "ALLOW"
  }
}

variable "destinations" {
  type = list(string)
}

resource "aws_waf_web_acl" "maybe" {
  name        = "maybe"
  metric_name = "maybe"
  default_action {
    type = "ALLOW"
  }
  dynamic "logging_configuration" {
    for_each = var.destinations
    content {
      log_destination = logging_configuration.value
    }
  }
}`, Fails: []string{"aws_wafv2_web_acl.main", "aws_wafregional_web_acl.classic"},
		Unknowns: []string{"aws_waf_web_acl.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_wafregional_web_acl.classic": {Message: "no logging_configuration"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type != "aws_wafv2_web_acl" {
			lc, res := settingsBlock(r, "logging_configuration", "the web ACL's decisions are not logged")
			if lc == nil {
				return res
			}
			return requireNamed(lc.Attr("log_destination"), "logging_configuration has no log_destination: nothing is logged")
		}
		if found, _ := ctx.Index.Referrers(r, "aws_wafv2_web_acl_logging_configuration", []string{"resource_arn"}, "arn"); len(found) > 0 {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "no aws_wafv2_web_acl_logging_configuration logs this web ACL's decisions")
	},
}
