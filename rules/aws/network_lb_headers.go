package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Application Load Balancers that stop malformed HTTP headers at the
// boundary instead of passing them on to the targets.

var lbDropInvalidHeaderFields = &scanner.Rule{
	ID:    "aws-lb-drop-invalid-header-fields",
	Title: "Application Load Balancers drop HTTP headers with invalid names",
	Description: "An Application Load Balancer forwards a request header whose name has characters other than " +
		"letters, digits and hyphens (the names it treats as valid, ^[-A-Za-z0-9]+$), an underscore for one, to its " +
		"targets unless drop_invalid_header_fields = true, which the provider leaves false. Such headers are how " +
		"header-spoofing and request smuggling attacks reach a backend that reads them differently from the load " +
		"balancer: CGI-style servers map X_Forwarded_For and X-Forwarded-For to the same HTTP_X_FORWARDED_FOR, so a " +
		"client's forged value can stand beside or replace the one the load balancer set. Dropping them where " +
		"traffic enters the system is a boundary protection (SOC 2 CC6.6) that AWS " +
		"Security Hub lists as control ELB.4. Network and Gateway Load Balancers do not parse HTTP and are not " +
		"judged; internal Application Load Balancers are, since their clients are not all trusted either.",
	Severity:      scanner.Medium,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_lb", "aws_alb"},
	Remediation:   "Set drop_invalid_header_fields = true on every Application Load Balancer, after checking that no client relies on a header with an underscore in its name.",
	RemediationCode: `resource "aws_lb" "web" {
  load_balancer_type         = "application"
  subnets                    = [aws_subnet.a.id, aws_subnet.b.id]
  drop_invalid_header_fields = true
}`,
	Links: []string{
		registryDoc("aws_lb", "drop_invalid_header_fields"),
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_131"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0052"},
		{Tool: scanner.ToolTfsec, ID: "aws-elb-drop-invalid-headers"},
		{Tool: scanner.ToolKICS, ID: "ALB Not Dropping Invalid Headers"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lb" "web" {
  name                       = "web"
  drop_invalid_header_fields = true
}

resource "aws_alb" "admin" {
  name                       = "admin"
  internal                   = true
  load_balancer_type         = "application"
  drop_invalid_header_fields = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_lb" "web" {
  name = "web"
}

resource "aws_alb" "admin" {
  name                       = "admin"
  internal                   = true
  drop_invalid_header_fields = false
}

variable "drop_headers" {
  type = bool
}

resource "aws_lb" "from_var" {
  name                       = "from-var"
  drop_invalid_header_fields = var.drop_headers
}

variable "lb_type" {
  type = string
}

resource "aws_lb" "type_from_var" {
  name               = "type-from-var"
  load_balancer_type = var.lb_type
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
}`, Fails: []string{"aws_lb.web", "aws_alb.admin"},
		Unknowns:      []string{"aws_lb.from_var", "aws_lb.type_from_var"},
		NotApplicable: []string{"aws_lb.nlb"},
		Expect: map[string]scanner.Expected{
			"aws_lb.web":           {Line: 2, Message: "drop_invalid_header_fields is not set (false by default)"},
			"aws_alb.admin":        {Line: 9, Message: "drop_invalid_header_fields = false"},
			"aws_lb.type_from_var": {Message: "load_balancer_type is not known until apply"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		flag := r.Attr("drop_invalid_header_fields")
		if flag.IsTrue() {
			return scanner.Passed()
		}
		typ := r.Attr("load_balancer_type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "load_balancer_type is not known until apply; an Application Load Balancer must set drop_invalid_header_fields = true")
		case !typ.IsNull() && !typ.Equals("application"):
			return scanner.DoesNotApply("a %s load balancer does not parse HTTP headers", typ.StringOr("non-application"))
		case flag.IsUnknown():
			return scanner.Unknowable(flag.Range, "drop_invalid_header_fields is not known until apply")
		case flag.IsNull():
			return scanner.Failed(r.Range, "drop_invalid_header_fields is not set (false by default): the load balancer "+
				"forwards headers with invalid names to its targets")
		}
		return scanner.Failed(flag.Range, "drop_invalid_header_fields = false: the load balancer forwards headers with invalid names to its targets")
	},
}
