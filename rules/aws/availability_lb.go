package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Load balancers that spread traffic over every Availability Zone they
// serve, not only the zone a client's request arrived in.

var lbCrossZoneLoadBalancing = &scanner.Rule{
	ID:    "aws-lb-cross-zone-load-balancing",
	Title: "Network, Gateway and Classic Load Balancers balance across Availability Zones",
	Description: "Without cross-zone load balancing each load balancer node sends traffic only to the targets in its own " +
		"zone: when a zone loses targets, the clients that DNS sends to that zone's node get errors while the other zones " +
		"idle (SOC 2 A1.2, A1.1). Network and Gateway Load Balancers (aws_lb with load_balancer_type network or gateway) " +
		"default enable_cross_zone_load_balancing to false; Application Load Balancers always balance across zones and are " +
		"not judged; Classic Load Balancers (aws_elb) default cross_zone_load_balancing to true and fail only when it is " +
		"turned off.",
	Severity:      scanner.Low,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_lb", "aws_alb", "aws_elb"},
	Remediation:   "Set enable_cross_zone_load_balancing = true on Network and Gateway Load Balancers; keep cross_zone_load_balancing on Classic Load Balancers.",
	RemediationCode: `resource "aws_lb" "nlb" {
  load_balancer_type               = "network"
  subnets                          = [aws_subnet.a.id, aws_subnet.b.id]
  enable_cross_zone_load_balancing = true
}`,
	Links: []string{
		registryDoc("aws_lb", "enable_cross_zone_load_balancing"),
		registryDoc("aws_elb", "cross_zone_load_balancing"),
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_152"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_138"},
		{Tool: scanner.ToolProwler, ID: "elb_cross_zone_load_balancing_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lb" "nlb" {
  name                             = "nlb"
  load_balancer_type               = "network"
  enable_cross_zone_load_balancing = true
}

resource "aws_elb" "classic" {
  name               = "classic"
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "lb_type" {
  type = string
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
}

resource "aws_lb" "gwlb" {
  name                             = "gwlb"
  load_balancer_type               = "gateway"
  enable_cross_zone_load_balancing = false
}

resource "aws_elb" "classic" {
  name                      = "classic"
  availability_zones        = ["eu-west-1a", "eu-west-1b"]
  cross_zone_load_balancing = false
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_lb" "from_var" {
  name               = "from-var"
  load_balancer_type = var.lb_type
}

resource "aws_alb" "app" {
  name = "app"
}`, Fails: []string{"aws_lb.nlb", "aws_lb.gwlb", "aws_elb.classic"},
		Unknowns:      []string{"aws_lb.from_var"},
		NotApplicable: []string{"aws_alb.app"},
		Expect: map[string]scanner.Expected{
			"aws_lb.nlb":      {Message: "not set (false by default for a network load balancer)"},
			"aws_lb.gwlb":     {Line: 14},
			"aws_elb.classic": {Line: 20},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "aws_elb" {
			return scanner.RequireTrueOr(r.Attr("cross_zone_load_balancing"), true,
				"cross_zone_load_balancing = false: each node serves only its own zone's instances")
		}
		flag := r.Attr("enable_cross_zone_load_balancing")
		if flag.IsTrue() {
			return scanner.Passed()
		}
		typ := r.Attr("load_balancer_type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "load_balancer_type is not known until apply")
		case typ.IsNull() || typ.Equals("application"):
			return scanner.DoesNotApply("an Application Load Balancer always balances across zones")
		case flag.IsUnknown():
			return scanner.Unknowable(flag.Range, "enable_cross_zone_load_balancing is not known until apply")
		case flag.IsNull():
			return scanner.Failed(r.Range, "enable_cross_zone_load_balancing is not set (false by default for a %s load balancer): "+
				"each node serves only its own zone's targets", typ.StringOr("network"))
		}
		return scanner.Failed(flag.Range, "enable_cross_zone_load_balancing = false: each node serves only its own zone's targets")
	},
}
