package aws

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// sgEgressTypes are the resources that write security group egress
// permissions. aws_default_security_group is left to
// aws-ec2-default-security-group-restricts-all, which already reports its
// egress to public addresses.
var sgEgressTypes = []string{"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"}

var sgNoUnrestrictedEgress = &scanner.Rule{
	ID:    "aws-ec2-security-group-no-unrestricted-egress",
	Title: "Security groups do not allow all outbound traffic to the internet",
	Description: "An egress rule for all protocols (-1), or for every TCP or UDP port, to 0.0.0.0/0 or ::/0 lets " +
		"whatever runs behind the security group, including malware or an intruder with a foothold, send data to " +
		"any host on the internet over any port and reach command-and-control servers unhindered. SOC 2 CC6.6 " +
		"expects boundary protection on the way out as well as in: allow the ports a workload needs (443 to the " +
		"internet, database ports to the VPC's ranges) or route outbound traffic through a filtering proxy or " +
		"firewall. Egress to named ports (443 to 0.0.0.0/0 is not a finding), to private ranges, to other security " +
		"groups, to self and to prefix lists defined outside the configuration is not a finding. Every form is " +
		"inspected: egress blocks of aws_security_group (dynamic blocks included), aws_security_group_rule of type " +
		"egress and aws_vpc_security_group_egress_rule; the default security group is judged by " +
		"aws-ec2-default-security-group-restricts-all. Destinations are 0.0.0.0/0 and ::/0 as the provider accepts " +
		"them, the blocks of one permission that cover the internet together (0.0.0.0/1 with 128.0.0.0/1), and the " +
		"entries of a managed prefix list the configuration defines; unlike the ingress rules, the egress " +
		"permissions of several resources are not joined. Protocol -1 (or \"all\") allows every port whatever from_port and to_port say " +
		"(Checkov reads protocol -1 with a port range as that range; EC2 ignores the ports); a TCP or UDP port of -1 " +
		"is read as every port. An egress permission that leaves out the protocol or, for TCP and UDP, a port, " +
		"which the provider requires, names no limit and is reported. Terraform removes the allow-all egress rule " +
		"AWS adds to a new security group, so a group declared without egress rules allows no outbound traffic.",
	Severity:      scanner.Low,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgEgressTypes,
	Remediation: "Replace the allow-all egress rule with rules for the ports and destinations the workload " +
		"needs (HTTPS to the internet, database ports to the VPC), or send outbound traffic through a proxy, " +
		"NAT with AWS Network Firewall, or VPC endpoints.",
	RemediationCode: `resource "aws_vpc_security_group_egress_rule" "https_out" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to the internet only"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_egress_rule",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group#egress",
		"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_382"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0103"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0104"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-egress-sgr"},
	},
	Good: []scanner.Example{{Code: `
variable "vpc_cidr" {
  type = string
}

variable "extra_cidr" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block                       = var.vpc_cidr
  assign_generated_ipv6_cidr_block = true
}

resource "aws_security_group" "internal" {
  vpc_id = aws_vpc.main.id

  egress {
    description      = "all traffic, but only to the VPC"
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    cidr_blocks      = [aws_vpc.main.cidr_block]
    ipv6_cidr_blocks = [aws_vpc.main.ipv6_cidr_block]
  }
}

resource "aws_vpc_security_group_egress_rule" "extra" {
  security_group_id = aws_security_group.internal.id
  ip_protocol       = "-1"
  cidr_ipv4         = var.extra_cidr
}

resource "aws_security_group_rule" "mixed" {
  type              = "egress"
  security_group_id = aws_security_group.internal.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = [aws_vpc.main.cidr_block, var.extra_cidr]
}`, Unknowns: []string{"aws_security_group_rule.mixed", "aws_vpc_security_group_egress_rule.extra"}},
		{Code: `
resource "aws_security_group" "app" {
  name = "app"

  egress {
    description = "HTTPS to the internet"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "Everything inside the VPC"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    description = "Ping"
    protocol    = "icmp"
    from_port   = -1
    to_port     = -1
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# No egress blocks: Terraform removes AWS's allow-all rule.
resource "aws_security_group" "isolated" {
  name = "isolated"
}

resource "aws_security_group_rule" "to_db" {
  type                     = "egress"
  security_group_id        = aws_security_group.app.id
  protocol                 = "-1"
  from_port                = 0
  to_port                  = 0
  source_security_group_id = "sg-0123456789abcdef0"
}

resource "aws_security_group_rule" "ingress_all" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_egress_rule" "dns" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
  cidr_ipv6         = "::/0"
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}`, NotApplicable: []string{"aws_security_group_rule.ingress_all"}}},
	Bad: []scanner.Example{
		{Code: `
# Two halves of the IPv4 space in one permission are every address.
resource "aws_security_group" "halves" {
  name = "halves"

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]
  }
}
`, Fails: []string{"aws_security_group.halves"}},
		{Code: `
resource "aws_security_group" "web" {
  name = "web"

  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

# Protocol -1 allows every port: EC2 ignores the range.
resource "aws_security_group" "ranged" {
  name = "ranged"

  egress {
    protocol    = "-1"
    from_port   = 20
    to_port     = 200
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "tcp_any_port" {
  type              = "egress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = -1
  to_port           = -1
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_egress_rule" "all_v6" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "udp_all" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "udp"
  from_port         = 0
  to_port           = 65535
  cidr_ipv4         = "0.0.0.0/0"
}

# The provider requires protocol and ports: nothing limits this one.
resource "aws_security_group" "unnamed" {
  egress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}`, Fails: []string{"aws_security_group.web", "aws_security_group.ranged", "aws_security_group_rule.tcp_any_port",
			"aws_vpc_security_group_egress_rule.all_v6", "aws_vpc_security_group_egress_rule.udp_all", "aws_security_group.unnamed"},
			Expect: map[string]scanner.Expected{
				"aws_security_group.web":                     {Line: 12, Message: "egress rule 1 allows all traffic (all protocols) to 0.0.0.0/0"},
				"aws_security_group.unnamed":                 {Message: "protocol, from_port, to_port not set"},
				"aws_vpc_security_group_egress_rule.udp_all": {Message: "every port (udp 0-65535)"},
			}},
		{Code: `
variable "protocol" {
  type = string
}

variable "destinations" {
  type = list(string)
}

resource "aws_vpc_security_group_egress_rule" "proto_from_var" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = var.protocol
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "dest_from_var" {
  name = "dest-from-var"

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = var.destinations
  }
}

resource "aws_security_group_rule" "type_from_var" {
  type              = var.protocol
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "all"
  cidr_ipv4         = "0.0.0.0/0"
}`, Fails: []string{"aws_vpc_security_group_egress_rule.all"},
			Unknowns: []string{"aws_vpc_security_group_egress_rule.proto_from_var", "aws_security_group.dest_from_var",
				"aws_security_group_rule.type_from_var"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "aws_security_group_rule" {
			typ := r.Attr("type")
			switch {
			case typ.IsUnknown():
				return scanner.Unknowable(typ.Range, "type is not known until apply: the rule may be an egress rule to the internet")
			case !typ.Equals("egress"):
				return scanner.DoesNotApply("an ingress rule")
			}
		}
		if r.Type != "aws_security_group" && attachedToDefaultSG(r, ctx.Index) {
			return scanner.DoesNotApply("a rule of the default security group, judged by aws-ec2-default-security-group-restricts-all")
		}
		var unknown *scanner.Result
		for _, p := range sgEgressPermissions(r, ctx.Index) {
			state, dest, what := p.unrestrictedEgress()
			switch state {
			case scanner.Yes:
				return scanner.Failed(p.rng, "%s allows %s to %s: anything running in the security group can reach any host on the internet", p.label, what, dest)
			case scanner.Maybe:
				if unknown == nil {
					res := scanner.Unknowable(p.rng, "%s may allow all traffic to the internet: its destination, protocol or ports are only known after apply", p.label)
					unknown = &res
				}
			}
		}
		if unknown != nil {
			return *unknown
		}
		if r.Type == "aws_security_group" && r.BlocksUnknown("egress") {
			return scanner.Unknowable(r.Range, "egress rules are generated from a collection only known after apply")
		}
		return scanner.Passed()
	},
}

// attachedToDefaultSG reports whether a separate rule resource belongs to
// an aws_default_security_group of the configuration.
func attachedToDefaultSG(r *scanner.Resource, ix *scanner.Index) bool {
	if ix == nil {
		return false
	}
	for _, res := range ix.Resolve(r.Attr("security_group_id")) {
		if res.Type == "aws_default_security_group" {
			return true
		}
	}
	return false
}

// sgEgressPermissions returns the egress permissions a security group
// resource writes, in the shape of the ingress permissions (cidrs are the
// destinations). An aws_security_group_rule must already be known to be
// of type egress.
func sgEgressPermissions(r *scanner.Resource, ix *scanner.Index) []ingressPerm {
	switch r.Type {
	case "aws_security_group":
		return sgBlockPermissions(r, ix, "egress")
	case "aws_security_group_rule":
		return []ingressPerm{sgRulePermission(r, ix)}
	case "aws_vpc_security_group_egress_rule":
		return []ingressPerm{vpcSGRulePermission(r, ix)}
	}
	return nil
}

// unrestrictedEgress decides whether an egress permission allows every
// protocol or every port to every address, with the destination and what
// it allows for the message. A known private destination or known ports
// decide No even when the other half is unknown.
func (p ingressPerm) unrestrictedEgress() (scanner.Tri, string, string) {
	dest, world := worldSource(p.cidrs...)
	if world == scanner.No {
		return scanner.No, "", ""
	}
	if missing := p.missingPortArgs(); len(missing) > 0 {
		return world, dest, fmt.Sprintf("traffic without naming a protocol or ports (%s not set, which the provider requires)", strings.Join(missing, ", "))
	}
	span, proto, known := p.protocolPorts(false)
	switch {
	case known == scanner.No:
		return scanner.No, "", ""
	case known == scanner.Maybe:
		return scanner.Maybe, "", ""
	case span == ruleutil.AllPorts && proto == "all protocols":
		return world, dest, "all traffic (all protocols)"
	case coversAllPorts(span):
		return world, dest, fmt.Sprintf("every port (%s %s)", proto, span)
	}
	return scanner.No, "", ""
}
