package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// VPC-level boundary settings: the default VPC, transit gateways and
// endpoint services that accept connections without review, and security
// groups whose purpose is not written down.

var ec2NoDefaultVPC = &scanner.Rule{
	ID:    "aws-ec2-no-default-vpc",
	Title: "The default VPC is not managed for workloads",
	Description: "The default VPC gives every subnet a route to the internet and public IP addresses on launch, " +
		"so whatever lands in it is exposed unless someone remembers otherwise. Bringing it under Terraform with " +
		"aws_default_vpc keeps it alive for use. SOC 2 CC6.6 expects workloads inside a boundary designed for " +
		"them: a VPC of your own with private subnets.",
	Severity:        scanner.Low,
	Criteria:        networkCriteria,
	Family:          scanner.FamilyNetwork,
	ResourceTypes:   []string{"aws_default_vpc", "aws_vpc"},
	Remediation:     "Remove aws_default_vpc (and delete the default VPC in each Region) and place resources in a VPC you define.",
	RemediationCode: "resource \"aws_vpc\" \"main\" {\n  cidr_block           = \"10.0.0.0/16\"\n  enable_dns_hostnames = true\n}",
	Links: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_vpc",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_148"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0101"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-default-vpc"},
		{Tool: scanner.ToolKICS, ID: "Default VPC Exists"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}`, NotApplicable: []string{"aws_vpc.main"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_default_vpc" "default" {
  tags = {
    Name = "Default VPC"
  }
}`, Fails: []string{"aws_default_vpc.default"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "aws_vpc" {
			// A VPC of your own says nothing about the Region's default
			// VPC, which exists whether or not it is declared: it is no
			// evidence that the default VPC is unused.
			return scanner.DoesNotApply("an aws_vpc is a VPC of your own, not the Region's default VPC")
		}
		return scanner.Failed(r.Range, "aws_default_vpc adopts the Region's default VPC (and creates one if the Region has none) and keeps it for use: its default subnets give instances public IP addresses and a route to the internet")
	},
}

var ec2TransitGatewayNoAutoAccept = &scanner.Rule{
	ID:    "aws-ec2-transit-gateway-no-auto-accept",
	Title: "Transit gateways do not accept shared attachments automatically",
	Description: "With auto_accept_shared_attachments = \"enable\" any account the transit gateway is shared " +
		"with can attach its VPC and join the routed network without anyone approving it. SOC 2 CC6.6 expects " +
		"new connections across the boundary to be authorised. The default is \"disable\".",
	Severity:        scanner.Medium,
	Criteria:        networkCriteria,
	Family:          scanner.FamilyNetwork,
	ResourceTypes:   []string{"aws_ec2_transit_gateway"},
	Remediation:     "Set auto_accept_shared_attachments = \"disable\" (or leave it unset) and accept attachments one by one.",
	RemediationCode: "resource \"aws_ec2_transit_gateway\" \"core\" {\n  auto_accept_shared_attachments = \"disable\"\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_transit_gateway#auto_accept_shared_attachments"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_331"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ec2_transit_gateway" "core" {
  description = "core"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ec2_transit_gateway" "core" {
  auto_accept_shared_attachments = "enable"
}`, Fails: []string{"aws_ec2_transit_gateway.core"}}, {Code: `
variable "auto_accept" {
  type = string
}

resource "aws_ec2_transit_gateway" "core" {
  auto_accept_shared_attachments = var.auto_accept
}

resource "aws_ec2_transit_gateway" "shared" {
  auto_accept_shared_attachments = "ENABLE"
}`, Fails: []string{"aws_ec2_transit_gateway.shared"}, Unknowns: []string{"aws_ec2_transit_gateway.core"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("auto_accept_shared_attachments")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "auto_accept_shared_attachments is only known after apply")
		case strings.EqualFold(v.StringOr("disable"), "enable"):
			return scanner.Failed(v.Range, "auto_accept_shared_attachments is \"enable\": shared accounts attach VPCs without approval")
		}
		return scanner.Passed()
	},
}

var vpcEndpointServiceAcceptanceRequired = &scanner.Rule{
	ID:    "aws-vpc-endpoint-service-acceptance-required",
	Title: "VPC endpoint services require connection requests to be accepted",
	Description: "An endpoint service with acceptance_required = false lets any allowed principal connect an " +
		"interface endpoint to your service at once, and with a broad allowed_principals list that is anyone. " +
		"SOC 2 CC6.6 expects connections into the boundary to be authorised; manual acceptance is that review.",
	Severity:        scanner.Medium,
	Criteria:        networkCriteria,
	Family:          scanner.FamilyNetwork,
	ResourceTypes:   []string{"aws_vpc_endpoint_service"},
	Remediation:     "Set acceptance_required = true and accept endpoint connections explicitly (aws_vpc_endpoint_connection_accepter).",
	RemediationCode: "resource \"aws_vpc_endpoint_service\" \"api\" {\n  # ...\n  acceptance_required = true\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_service#acceptance_required"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_123"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_vpc_endpoint_service" "api" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/1"]
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_vpc_endpoint_service" "api" {
  acceptance_required        = false
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/1"]
}`, Fails: []string{"aws_vpc_endpoint_service.api"}}, {Code: `
variable "accept" {
  type = bool
}

resource "aws_vpc_endpoint_service" "api" {
  acceptance_required        = var.accept
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/1"]
}

resource "aws_vpc_endpoint_service" "gwlb" {
  gateway_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/gwy/fw/1"]
}`, Fails: []string{"aws_vpc_endpoint_service.gwlb"}, Unknowns: []string{"aws_vpc_endpoint_service.api"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// acceptance_required is a required argument; unset is a broken
		// configuration, read as not requiring acceptance.
		return scanner.RequireTrue(r.Attr("acceptance_required"), "acceptance_required is not true: endpoint connections are accepted without review")
	},
}

// defaultSGDescription is the description the provider gives a security
// group or rule that sets none.
const defaultSGDescription = "Managed by Terraform"

// describedResult judges one description argument: set, not empty and not
// the provider's placeholder.
// A description only partly known ("Allow inbound traffic from
// ${each.key}") is judged by its known text: a literal prefix or suffix
// that is not blank and cannot be part of the placeholder shows that it is
// written for this resource.
func describedResult(v scanner.Value, what string) (scanner.Result, bool) {
	if v.IsUnknown() {
		if describedByKnownText(v) {
			return scanner.Result{}, true
		}
		return scanner.Unknowable(v.Range, "the description of %s is only known after apply", what), false
	}
	switch strings.TrimSpace(v.StringOr("")) {
	case "":
		return scanner.Failed(v.Range, "%s has no description: reviewers cannot tell why it exists", what), false
	case defaultSGDescription:
		return scanner.Failed(v.Range, "%s keeps the placeholder description %q", what, defaultSGDescription), false
	}
	return scanner.Result{}, true
}

// describedByKnownText reports whether a description only known after
// apply has known text of its own: a prefix or suffix that is not blank
// and that the placeholder neither starts nor ends with.
func describedByKnownText(v scanner.Value) bool {
	prefix := strings.TrimSpace(v.KnownPrefix())
	suffix := strings.TrimSpace(v.KnownSuffix())
	return prefix != "" && !strings.HasPrefix(defaultSGDescription, prefix) ||
		suffix != "" && !strings.HasSuffix(defaultSGDescription, suffix)
}

var ec2SecurityGroupDescribed = &scanner.Rule{
	ID:    "aws-ec2-security-group-described",
	Title: "Security groups say what they are for",
	Description: "A security group is a boundary device; without a description (or with the provider's " +
		"placeholder \"Managed by Terraform\") a reviewer cannot tell which traffic it is meant to allow, and " +
		"stale or overly broad groups survive access reviews. SOC 2 CC6.6 expects boundary rules to be " +
		"documented and reviewable.",
	Severity:        scanner.Low,
	Criteria:        networkCriteria,
	Family:          scanner.FamilyNetwork,
	ResourceTypes:   []string{"aws_security_group"},
	Remediation:     "Give the group a description that says which workload it protects and which traffic it admits.",
	RemediationCode: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"HTTPS from the load balancer to the web tier\"\n  vpc_id      = aws_vpc.main.id\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group#description"},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0099"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-add-description-to-security-group"},
		{Tool: scanner.ToolKICS, ID: "Security Group Without Description"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_security_group" "web" {
  name        = "web"
  description = "HTTPS from the load balancer"
  vpc_id      = "vpc-1"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-1"
}

resource "aws_security_group" "db" {
  name        = "db"
  description = "Managed by Terraform"
  vpc_id      = "vpc-1"
}`, Fails: []string{"aws_security_group.web", "aws_security_group.db"}}, {Code: `
variable "description" {
  type = string
}

resource "aws_security_group" "web" {
  name        = "web"
  description = var.description
}

resource "aws_security_group" "db" {
  name        = "db"
  description = ""
}`, Fails: []string{"aws_security_group.db"}, Unknowns: []string{"aws_security_group.web"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res, ok := describedResult(r.Attr("description"), "the security group"); !ok {
			return res
		}
		return scanner.Passed()
	},
}

var ec2SecurityGroupRulesDescribed = &scanner.Rule{
	ID:    "aws-ec2-security-group-rules-described",
	Title: "Security group rules say what they allow and why",
	Description: "Each ingress and egress rule opens a path through the boundary. Without a description a " +
		"reviewer cannot tell whether a CIDR or port is still needed, and access reviews end up keeping " +
		"everything. SOC 2 CC6.6 expects boundary rules to be documented and reviewable.",
	Severity:      scanner.Low,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"},
	Remediation:   "Give every rule a description naming the peer and the purpose.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "https_from_lb" {
  security_group_id            = aws_security_group.web.id
  description                  = "HTTPS from the public load balancer"
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group#description-1",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule#description",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_23"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0124"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-add-description-to-security-group-rule"},
		{Tool: scanner.ToolKICS, ID: "Security Group Rule Without Description"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_security_group" "web" {
  name        = "web"
  description = "web tier"

  ingress {
    description = "HTTPS from the office"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  description       = "SSH from the bastion"
  security_group_id = "sg-1"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.10/32"]
}

resource "aws_security_group" "empty" {
  name        = "empty"
  description = "no rules yet"
}

variable "peer" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "peer" {
  security_group_id = "sg-1"
  description       = "HTTPS from ${var.peer}"
  cidr_ipv4         = "10.1.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}`, NotApplicable: []string{"aws_security_group.empty"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_security_group" "web" {
  name        = "web"
  description = "web tier"

  ingress {
    description = "HTTPS from the office"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = "sg-1"
  cidr_ipv4         = "10.0.0.10/32"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}`, Fails: []string{"aws_security_group.web", "aws_vpc_security_group_ingress_rule.ssh"}}, {Code: `
variable "description" {
  type = string
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  description       = var.description
  security_group_id = "sg-1"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.10/32"]
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  description       = "Managed by Terraform"
  security_group_id = "sg-1"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.10/32"]
}

variable "ingress" {
  type = list(object({ port = number, cidr = string }))
}

resource "aws_security_group" "generated" {
  name        = "generated"
  description = "rules from a variable"

  dynamic "ingress" {
    for_each = var.ingress
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}`, Fails: []string{"aws_security_group_rule.rdp"}, Unknowns: []string{"aws_security_group_rule.ssh", "aws_security_group.generated"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type != "aws_security_group" {
			if res, ok := describedResult(r.Attr("description"), "the rule"); !ok {
				return res
			}
			return scanner.Passed()
		}
		if len(r.Blocks("ingress")) == 0 && len(r.Blocks("egress")) == 0 && !r.BlocksUnknown("ingress") && !r.BlocksUnknown("egress") {
			return scanner.DoesNotApply("the security group writes no inline rules; separate rule resources are judged on their own")
		}
		var unknown *scanner.Result
		for _, dir := range []string{"ingress", "egress"} {
			if r.BlocksUnknown(dir) && unknown == nil {
				res := scanner.Unknowable(r.Range, "%s rules are generated from a collection only known after apply", dir)
				unknown = &res
			}
			for _, b := range r.Blocks(dir) {
				res, ok := describedResult(b.Attr("description"), "an "+dir+" rule")
				switch {
				case ok:
				case res.Status == scanner.Unknown:
					if unknown == nil {
						unknown = &res
					}
				default:
					return res
				}
			}
		}
		if unknown != nil {
			return *unknown
		}
		return scanner.Passed()
	},
}
