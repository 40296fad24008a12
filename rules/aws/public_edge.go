package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Access control at the edge of managed services: a web application
// firewall in front of CloudFront, Transfer Family servers on the internet,
// guest identities from Cognito and OpenSearch domains without their own
// access control.

var cloudfrontDistributionWAF = &scanner.Rule{
	ID:    "aws-cloudfront-distribution-waf",
	Title: "CloudFront distributions are protected by a web ACL",
	Description: "A CloudFront distribution is the internet-facing entry point of an application; without an " +
		"AWS WAF web ACL nothing filters injection attempts, bad bots or request floods before they reach the " +
		"origin. SOC 2 CC6.6 expects boundary protection against threats from outside the system. The web " +
		"ACL is named by web_acl_id (a WAFv2 ARN or a WAF Classic ID); one only known after apply passes when it " +
		"refers to a web ACL and is unknown otherwise (a variable, or a conditional that may leave it null).",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_cloudfront_distribution"},
	Remediation:     "Create an aws_wafv2_web_acl with scope = \"CLOUDFRONT\" (in us-east-1) and set web_acl_id to its ARN.",
	RemediationCode: "resource \"aws_cloudfront_distribution\" \"site\" {\n  # ...\n  web_acl_id = aws_wafv2_web_acl.edge.arn\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#web_acl_id"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_68"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0011"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudfront-enable-waf"},
		{Tool: scanner.ToolKICS, ID: "CloudFront Without WAF"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1"
}`}, {Code: `
resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"
}

data "aws_waf_web_acl" "classic" {
  name = "classic"
}

resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn
}

resource "aws_cloudfront_distribution" "legacy" {
  enabled    = true
  web_acl_id = data.aws_waf_web_acl.classic.id
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}

# An input variable with no default may be given "" or null: no web ACL.
variable "web_acl" {
  type = string
}

resource "aws_cloudfront_distribution" "maybe" {
  enabled    = true
  web_acl_id = var.web_acl
}`, Fails: []string{"aws_cloudfront_distribution.site"}, Unknowns: []string{"aws_cloudfront_distribution.maybe"}}, {Code: `
resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = ""
}`, Fails: []string{"aws_cloudfront_distribution.site"}}, {Code: `
variable "web_acl_id" {
  type = string
}

variable "waf" {
  type = bool
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"
}

resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = var.web_acl_id
}

resource "aws_cloudfront_distribution" "maybe" {
  enabled    = true
  web_acl_id = var.waf ? aws_wafv2_web_acl.edge.arn : null
}

resource "aws_cloudfront_distribution" "off" {
  enabled    = true
  web_acl_id = false ? aws_wafv2_web_acl.edge.arn : null
}`, Fails: []string{"aws_cloudfront_distribution.off"},
		Unknowns: []string{"aws_cloudfront_distribution.site", "aws_cloudfront_distribution.maybe"}}, {Code: `
# Fallbacks only decided after apply may leave web_acl_id null: a lookup
# by an environment with no web ACL of its own, or a try over a setting
# the caller may leave out.
variable "env" {
  type = string
}

variable "edge" {
  type = any
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"
}

locals {
  web_acls = { prod = aws_wafv2_web_acl.edge.arn }
}

resource "aws_cloudfront_distribution" "by_env" {
  enabled    = true
  web_acl_id = lookup(local.web_acls, var.env, null)
}

resource "aws_cloudfront_distribution" "from_setting" {
  enabled    = true
  web_acl_id = try(var.edge.web_acl_arn, null)
}

resource "aws_cloudfront_distribution" "filtered" {
  enabled    = true
  web_acl_id = one([for acl in [aws_wafv2_web_acl.edge] : acl.arn if var.edge.waf])
}

resource "aws_cloudfront_distribution" "fallback_named" {
  enabled    = true
  web_acl_id = try(var.edge.web_acl_arn, aws_wafv2_web_acl.edge.arn)
}

resource "aws_cloudfront_distribution" "none" {
  enabled = true
}`, Fails: []string{"aws_cloudfront_distribution.none"}, Unknowns: []string{"aws_cloudfront_distribution.by_env", "aws_cloudfront_distribution.from_setting", "aws_cloudfront_distribution.filtered"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("web_acl_id")
		if v.IsUnknown() {
			// A web ACL's ARN or ID is unknown until apply but names
			// one; anything else (a variable, a conditional that may
			// give null) may leave the distribution without one.
			if namesWebACL(v, ctx.Index) {
				return scanner.Passed()
			}
			return scanner.Unknowable(v.Range, "web_acl_id is only known after apply and is not known to name a web ACL: it may be empty")
		}
		if v.StringOr("") == "" {
			return scanner.Failed(v.Range, "web_acl_id is not set: no web application firewall filters requests to the distribution")
		}
		return scanner.Passed()
	},
}

var transferServerNotPublic = &scanner.Rule{
	ID:    "aws-transfer-server-not-public",
	Title: "Transfer Family servers are not on a public endpoint",
	Description: "With endpoint_type = \"PUBLIC\" (the default) an SFTP/FTPS server is reachable from the " +
		"whole internet and no security group can narrow who may try to log in. A VPC endpoint keeps it " +
		"behind security groups, and can still take Elastic IPs when partners must reach it. SOC 2 CC6.6 " +
		"expects file transfer entry points behind the boundary's controls.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_transfer_server"},
	Remediation:     "Set endpoint_type = \"VPC\" with endpoint_details (subnets, security groups and, if needed, Elastic IPs).",
	RemediationCode: "resource \"aws_transfer_server\" \"sftp\" {\n  endpoint_type = \"VPC\"\n  endpoint_details {\n    vpc_id             = aws_vpc.main.id\n    subnet_ids         = [aws_subnet.private_a.id]\n    security_group_ids = [aws_security_group.sftp.id]\n  }\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/transfer_server#endpoint_type"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_164"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_transfer_server" "sftp" {
  endpoint_type = "VPC"
  endpoint_details {
    vpc_id     = "vpc-1"
    subnet_ids = ["subnet-1"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_transfer_server" "sftp" {
  identity_provider_type = "SERVICE_MANAGED"
}

resource "aws_transfer_server" "ftps" {
  endpoint_type = "PUBLIC"
}`, Fails: []string{"aws_transfer_server.sftp", "aws_transfer_server.ftps"}}, {Code: `
variable "endpoint_type" {
  type = string
}

resource "aws_transfer_server" "sftp" {
  endpoint_type = var.endpoint_type
}

resource "aws_transfer_server" "ftp" {
  endpoint_type = "PUBLIC"
}`, Fails: []string{"aws_transfer_server.ftp"}, Unknowns: []string{"aws_transfer_server.sftp"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("endpoint_type")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "endpoint_type is only known after apply")
		case v.OneOf("VPC", "VPC_ENDPOINT"):
			return scanner.Passed()
		case !v.Present:
			return scanner.Failed(v.Range, "endpoint_type is not set and defaults to \"PUBLIC\": the server is reachable from the internet")
		}
		return scanner.Failed(v.Range, "endpoint_type is %q: the server is reachable from the internet", v.StringOr(""))
	},
}

var cognitoIdentityPoolNoGuests = &scanner.Rule{
	ID:    "aws-cognito-identity-pool-no-unauthenticated-access",
	Title: "Cognito identity pools do not hand out credentials to unauthenticated guests",
	Description: "With allow_unauthenticated_identities = true anyone who knows the identity pool ID, which " +
		"ships inside the client application, gets temporary AWS credentials for the pool's unauthenticated " +
		"role without signing in. SOC 2 CC6.1 expects users to be identified and authenticated before they " +
		"are given access. The default is false.",
	Severity:        scanner.Medium,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_cognito_identity_pool"},
	Remediation:     "Set allow_unauthenticated_identities = false; where guest access is a product requirement, scope the unauthenticated role to the few public resources it needs.",
	RemediationCode: "resource \"aws_cognito_identity_pool\" \"app\" {\n  identity_pool_name               = \"app\"\n  allow_unauthenticated_identities = false\n}",
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_identity_pool#allow_unauthenticated_identities",
		"https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_366"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cognito_identity_pool" "app" {
  identity_pool_name = "app"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = true
}`, Fails: []string{"aws_cognito_identity_pool.app"}}, {Code: `
variable "guests" {
  type = bool
}

resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = var.guests
}

resource "aws_cognito_identity_pool" "kiosk" {
  identity_pool_name               = "kiosk"
  allow_unauthenticated_identities = "true"
}`, Fails: []string{"aws_cognito_identity_pool.kiosk"}, Unknowns: []string{"aws_cognito_identity_pool.app"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("allow_unauthenticated_identities"), false,
			"allow_unauthenticated_identities is true: anyone with the pool ID gets AWS credentials without signing in")
	},
}

var opensearchFineGrainedAccessControl = &scanner.Rule{
	ID:    "aws-opensearch-fine-grained-access-control",
	Title: "OpenSearch domains use fine-grained access control",
	Description: "Without fine-grained access control (advanced_security_options) anyone the domain's access " +
		"policy and network let in can read and write every index; there are no users, roles or index-, " +
		"document- or field-level permissions. SOC 2 CC6.3 expects access granted by role and limited to what " +
		"each user needs.",
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
	Remediation:     "Enable advanced_security_options, with an IAM master user (or the internal user database) and roles mapped to users.",
	RemediationCode: "resource \"aws_opensearch_domain\" \"search\" {\n  # ...\n  advanced_security_options {\n    enabled                        = true\n    internal_user_database_enabled = false\n    master_user_options {\n      master_user_arn = aws_iam_role.search_admin.arn\n    }\n  }\n}",
	Links:           []string{"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_52"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
}

resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"
  advanced_security_options {
    enabled = false
  }
}`, Fails: []string{"aws_opensearch_domain.search", "aws_elasticsearch_domain.logs"}}, {Code: `
variable "fgac" {
  type = bool
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  advanced_security_options {
    enabled = var.fgac
  }
}

resource "aws_opensearch_domain" "open" {
  domain_name = "open"
  advanced_security_options {
    internal_user_database_enabled = true
  }
}`, Fails: []string{"aws_opensearch_domain.open"}, Unknowns: []string{"aws_opensearch_domain.search"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("advanced_security_options") {
			return scanner.Unknowable(scanner.Range{}, "advanced_security_options is only known after apply")
		}
		b := r.FirstBlock("advanced_security_options")
		if b == nil {
			return scanner.Failed(scanner.Range{}, "advanced_security_options is not set: fine-grained access control is off")
		}
		return scanner.RequireTrue(b.Attr("enabled"), "advanced_security_options.enabled is not true: fine-grained access control is off")
	},
}

// webACLTypes are the resources and data sources whose ARN or ID names a
// web ACL CloudFront can use: WAFv2 and WAF Classic (global).
var webACLTypes = []string{"aws_wafv2_web_acl", "aws_waf_web_acl"}

// namesWebACL reports whether a web_acl_id only known after apply is a web
// ACL's ARN or ID: it refers to a web ACL the configuration declares or
// reads (or to a web ACL resource the scanned files leave out) and cannot
// be null. A variable names none. In HCL a reference to an ARN or ID is
// known not to be null, and a conditional that may give null
// (var.waf ? aws_wafv2_web_acl.edge.arn : null) is not and keeps where its
// parts come from (Origins); a plan's unknown value carries neither, but
// the plan has already decided every condition on a variable, so one that
// refers to a web ACL is its ARN. A value a fallback known after apply may
// leave null (Value.MayBeBlank: try(var.waf.arn, null), a lookup whose
// default is null) names none for certain either.
func namesWebACL(v scanner.Value, ix *scanner.Index) bool {
	if v.MayBeBlank() || !refersToWebACL(v, ix) {
		return false
	}
	val, _ := v.Val.UnmarkDeep()
	return !val.Range().CouldBeNull() || v.Origins() == nil && v.Skeleton() == ""
}

// refersToWebACL reports whether v refers to a web ACL resource or data
// source.
func refersToWebACL(v scanner.Value, ix *scanner.Index) bool {
	if ix != nil {
		for _, r := range ix.Resolve(v) {
			if slices.Contains(webACLTypes, r.Type) {
				return true
			}
		}
	}
	for _, ref := range v.Refs {
		steps := strings.Split(scanner.BaseAddress(ref), ".")
		if len(steps) >= 2 && slices.Contains(webACLTypes, steps[len(steps)-2]) {
			return true
		}
	}
	return false
}
