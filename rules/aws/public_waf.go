package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Web application firewalls in front of internet-facing regional
// endpoints: Application Load Balancers, REST API stages and AppSync APIs
// are protected by associating a web ACL with them in a separate resource.

// webACLAssociationTypes are the resources that attach a web ACL to a
// regional resource by its ARN: WAFv2 and WAF Classic (regional).
var webACLAssociationTypes = []string{"aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"}

// webACLResult passes r when a web ACL association names it in resource_arn,
// is unknown when the only such association may not exist (its count or
// for_each is only known after apply) or when one might (its resource_arn is only known after apply and
// names no resource: a variable or a data source), and fails with msg
// otherwise. An association whose resource_arn names a resource that is not
// in the scan (a snippet that leaves it out) names another resource, not r.
func webACLResult(r *scanner.Resource, ix *scanner.Index, msg string) scanner.Result {
	var mayNotExist *scanner.Resource
	for _, typ := range webACLAssociationTypes {
		found, _ := ix.Referrers(r, typ, []string{"resource_arn"})
		for _, a := range found {
			if !a.MayNotExist {
				return scanner.Passed()
			}
			if mayNotExist == nil {
				mayNotExist = a
			}
		}
	}
	if mayNotExist != nil {
		return scanner.Unknowable(mayNotExist.Range, "%s protects this resource, but its count or for_each is only known after apply: it may not exist", mayNotExist.Address)
	}
	for _, a := range ix.OfType(webACLAssociationTypes...) {
		v := a.Attr("resource_arn")
		if v.IsUnknown() && len(ix.Resolve(v)) == 0 && !namesManagedResource(v.Refs) {
			return scanner.Unknowable(scanner.Range{}, "%s's resource_arn is only known after apply; whether it protects this resource cannot be decided", a.Address)
		}
	}
	return scanner.Failed(scanner.Range{}, "%s", msg)
}

// namesManagedResource reports whether refs name a managed resource (as
// opposed to only data sources).
func namesManagedResource(refs []string) bool {
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "data.") && !strings.Contains(ref, ".data.") {
			return true
		}
	}
	return false
}

const webACLNote = " The web ACL is attached by an aws_wafv2_web_acl_association (or a WAF Classic " +
	"aws_wafregional_web_acl_association) whose resource_arn refers to the resource; an association whose " +
	"resource_arn is only known after apply and names nothing in the configuration, or whose count or for_each " +
	"is only known after apply, makes the result unknown."

var lbWebACL = &scanner.Rule{
	ID:    "aws-lb-waf-protected",
	Title: "Internet-facing Application Load Balancers are protected by a web ACL",
	Description: "An internet-facing Application Load Balancer takes HTTP requests from anyone; without an AWS WAF " +
		"web ACL nothing filters injection attempts, known bad inputs or request floods before they reach the " +
		"targets. SOC 2 CC6.6 expects boundary protection against threats from outside the system. Internal " +
		"load balancers and Network or Gateway Load Balancers, which WAF cannot protect, are not judged." + webACLNote,
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_lb", "aws_alb"},
	Remediation:   "Associate a regional aws_wafv2_web_acl (with AWS managed rule groups) with the load balancer.",
	RemediationCode: `resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_association",
		"https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_28"},
		{Tool: scanner.ToolKICS, ID: "ALB Is Not Integrated With WAF"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/1"
}

resource "aws_lb" "internal" {
  name     = "internal"
  internal = true
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
}

variable "lb_type" {
  type = string
}

resource "aws_lb" "private" {
  name               = "private"
  internal           = true
  load_balancer_type = var.lb_type
}`, NotApplicable: []string{"aws_lb.internal", "aws_lb.nlb", "aws_lb.private"}}, {Code: `
variable "target_arn" {
  type = string
}

# Some association's target is only known after apply: it may be any load
# balancer without an association of its own.
resource "aws_wafv2_web_acl_association" "some" {
  resource_arn = var.target_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/1"
}

resource "aws_lb" "api" {
  name = "api"
}

resource "aws_wafregional_web_acl_association" "api" {
  resource_arn = aws_lb.api.arn
  web_acl_id   = "acl-1"
}

resource "aws_lb" "public" {
  name = "public"
}`, Unknowns: []string{"aws_lb.public"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_alb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "api" {
  name               = "api"
  internal           = false
  load_balancer_type = "application"
}

variable "internal" {
  type = bool
}

resource "aws_lb" "maybe" {
  name     = "maybe"
  internal = var.internal
}`, Fails: []string{"aws_alb.web", "aws_lb.api"}, Unknowns: []string{"aws_lb.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		typ := r.Attr("load_balancer_type")
		internal := r.Attr("internal").BoolOr(false)
		switch {
		case internal == scanner.Yes:
			// Whatever its type, an internal load balancer is not
			// judged.
			return scanner.DoesNotApply("an internal load balancer is not reachable from the internet")
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "load_balancer_type is only known after apply")
		case !typ.OneOf("", "application") && typ.IsSet():
			return scanner.DoesNotApply("a %s load balancer cannot have a web ACL", typ.StringOr(""))
		case internal == scanner.Maybe:
			return scanner.Unknowable(r.Attr("internal").Range, "internal is only known after apply")
		}
		return webACLResult(r, ctx.Index, "no web ACL association protects this internet-facing load balancer")
	},
}

var apiGatewayStageWebACL = &scanner.Rule{
	ID:    "aws-api-gateway-stage-waf-protected",
	Title: "Public REST API stages are protected by a web ACL",
	Description: "A REST API stage that is not private is an internet-facing entry point into the application; " +
		"without an AWS WAF web ACL nothing filters injection attempts, bad bots or request floods before they " +
		"reach the integrations. SOC 2 CC6.6 expects boundary protection against threats from outside the " +
		"system. Stages of APIs whose only endpoint type is PRIVATE are not judged; a stage of an API outside the " +
		"configuration is judged as public, and one of an API whose endpoint types are only known after apply " +
		"is unknown when no association protects it." + webACLNote,
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_api_gateway_stage"},
	Remediation:   "Associate a regional aws_wafv2_web_acl with the stage.",
	RemediationCode: `resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}`,
	Links: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_association",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_29"},
		{Tool: scanner.ToolKICS, ID: "API Gateway without WAF"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "abc123"
  deployment_id = "dep1"
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api/1"
}

resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_stage" "internal" {
  stage_name    = "prod"
  rest_api_id   = aws_api_gateway_rest_api.internal.id
  deployment_id = "dep2"
}`, NotApplicable: []string{"aws_api_gateway_stage.internal"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_api_gateway_rest_api" "public" {
  name = "public"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = aws_api_gateway_rest_api.public.id
  deployment_id = "dep1"
}

variable "endpoint_type" {
  type = string
}

resource "aws_api_gateway_rest_api" "maybe" {
  name = "maybe"
  endpoint_configuration {
    types = [var.endpoint_type]
  }
}

resource "aws_api_gateway_stage" "maybe" {
  stage_name    = "prod"
  rest_api_id   = aws_api_gateway_rest_api.maybe.id
  deployment_id = "dep2"
}`, Fails: []string{"aws_api_gateway_stage.prod"}, Unknowns: []string{"aws_api_gateway_stage.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		private := apiGatewayPrivacy(r, ctx.Index)
		if private == scanner.Yes {
			return scanner.DoesNotApply("the API is private: it is reachable only through VPC endpoints")
		}
		res := webACLResult(r, ctx.Index, "no web ACL association protects this stage, and its REST API is not declared private")
		if res.Status == scanner.Fail && private == scanner.Maybe {
			return scanner.Unknowable(scanner.Range{}, "no web ACL association protects this stage, and whether its REST API is private (reachable only through VPC endpoints) is only known after apply")
		}
		return res
	},
}

var appsyncWebACL = &scanner.Rule{
	ID:    "aws-appsync-graphql-api-waf-protected",
	Title: "AppSync GraphQL APIs are protected by a web ACL",
	Description: "A public GraphQL endpoint accepts arbitrary, possibly deeply nested queries from anyone; " +
		"without an AWS WAF web ACL nothing rate-limits or filters them before they reach the resolvers and " +
		"their data sources. SOC 2 CC6.6 expects boundary protection against threats from outside the " +
		"system. APIs with visibility = \"PRIVATE\" are not judged." + webACLNote,
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_appsync_graphql_api"},
	Remediation:   "Associate a regional aws_wafv2_web_acl with the GraphQL API.",
	RemediationCode: `resource "aws_wafv2_web_acl_association" "graphql" {
  resource_arn = aws_appsync_graphql_api.app.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}`,
	Links: []string{"https://docs.aws.amazon.com/appsync/latest/devguide/WAF-Integration.html"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_33"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_appsync_graphql_api" "app" {
  name                = "app"
  authentication_type = "AMAZON_COGNITO_USER_POOLS"
}

resource "aws_wafv2_web_acl_association" "app" {
  resource_arn = aws_appsync_graphql_api.app.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/app/1"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_appsync_graphql_api" "app" {
  name                = "app"
  authentication_type = "API_KEY"
}

variable "waf" {
  type = bool
}

resource "aws_appsync_graphql_api" "maybe" {
  name                = "maybe"
  authentication_type = "API_KEY"
}

resource "aws_wafv2_web_acl_association" "maybe" {
  count        = var.waf ? 1 : 0
  resource_arn = aws_appsync_graphql_api.maybe.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/app/1"
}`, Fails: []string{"aws_appsync_graphql_api.app"}, Unknowns: []string{"aws_appsync_graphql_api.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("visibility")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "visibility is only known after apply")
		case v.Equals("PRIVATE"):
			return scanner.DoesNotApply("the API is private: it is reachable only through VPC endpoints")
		}
		return webACLResult(r, ctx.Index, "no web ACL association protects this GraphQL API")
	},
}
