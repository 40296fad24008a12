package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// withUnionExamples adds the examples of sources that cover the internet
// together (unionIngressExamples) to a rule's own examples.
func withUnionExamples(more func() (good, bad []scanner.Example), from, to int) func() (good, bad []scanner.Example) {
	return func() (good, bad []scanner.Example) {
		if more != nil {
			good, bad = more()
		}
		g, b := unionIngressExamples(from, to)
		return append(good, g...), append(bad, b...)
	}
}

// unionIngressExamples are examples of security group sources that cover
// the internet only together, on TCP ports from-to that the rule asks
// about: halves of the address space in one list, in the two lists of one
// block, and in rules of every form that name the same group; a union one
// unknown source may complete; and sets that cannot cover it (halves on
// different protocols or ports, private blocks, a half with an address).
func unionIngressExamples(from, to int) (good, bad []scanner.Example) {
	otherFrom, otherTo := to+1, to+1
	if to >= 65535 {
		otherFrom, otherTo = 1, 1024
	}
	good = []scanner.Example{{Code: fmt.Sprintf(`
variable "office_ip" {
  type = string
}

resource "aws_security_group" "halves_apart" {
  name = "halves-apart"

  ingress {
    description = "half the internet over TCP"
    protocol    = "tcp"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["0.0.0.0/1"]
  }

  ingress {
    description = "the other half over UDP: a different service, so no union"
    protocol    = "udp"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["128.0.0.0/1"]
  }
}

resource "aws_security_group" "halves_apart_upper_case" {
  name = "halves-apart-upper-case"

  ingress {
    description = "EC2 reads protocol names in any case: still TCP"
    protocol    = "TCP"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["0.0.0.0/1"]
  }

  ingress {
    description = "and still UDP"
    protocol    = "UDP"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["128.0.0.0/1"]
  }
}

resource "aws_security_group" "ports_apart" {
  name = "ports-apart"
}

resource "aws_vpc_security_group_ingress_rule" "low_half" {
  security_group_id = aws_security_group.ports_apart.id
  ip_protocol       = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_ipv4         = "0.0.0.0/1"
}

resource "aws_vpc_security_group_ingress_rule" "high_half_other_port" {
  security_group_id = aws_security_group.ports_apart.id
  ip_protocol       = "tcp"
  from_port         = %[3]d
  to_port           = %[4]d
  cidr_ipv4         = "128.0.0.0/1"
}

resource "aws_security_group" "private_and_office" {
  name = "private-and-office"

  ingress {
    description = "private blocks and one office address never add up to the internet"
    protocol    = "tcp"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "${var.office_ip}/32"]
  }
}

resource "aws_security_group_rule" "other_group_half" {
  type              = "ingress"
  security_group_id = "sg-0aaa"
  protocol          = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_blocks       = ["0.0.0.0/1"]
}

resource "aws_security_group_rule" "another_group_half" {
  type              = "ingress"
  security_group_id = "sg-0bbb"
  protocol          = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_blocks       = ["128.0.0.0/1"]
}`, from, to, otherFrom, otherTo)}}
	bad = []scanner.Example{{Code: fmt.Sprintf(`
variable "peer_cidr" {
  type = string
}

resource "aws_security_group" "one_list" {
  name = "one-list"

  ingress {
    protocol    = "tcp"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"]
  }
}

resource "aws_security_group" "ipv6_halves" {
  name = "ipv6-halves"

  ingress {
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    ipv6_cidr_blocks = ["::/1"]
  }

  ingress {
    protocol         = "tcp"
    from_port        = %[1]d
    to_port          = %[2]d
    ipv6_cidr_blocks = ["8000::/1"]
  }
}

resource "aws_security_group" "split" {
  name = "split"
}

resource "aws_security_group_rule" "low_half" {
  type              = "ingress"
  security_group_id = aws_security_group.split.id
  protocol          = "6"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_blocks       = ["0.0.0.0/1"]
}

resource "aws_vpc_security_group_ingress_rule" "high_half" {
  security_group_id = aws_security_group.split.id
  ip_protocol       = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_ipv4         = "128.0.0.0/1"
}

resource "aws_security_group_rule" "by_id_low" {
  type              = "ingress"
  security_group_id = "sg-0ccc"
  protocol          = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_blocks       = ["0.0.0.0/1"]
}

resource "aws_security_group_rule" "by_id_high" {
  type              = "ingress"
  security_group_id = "sg-0ccc"
  protocol          = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_blocks       = ["128.0.0.0/1"]
}

resource "aws_security_group" "maybe_completed" {
  name = "maybe-completed"

  ingress {
    description = "var.peer_cidr may be 128.0.0.0/1"
    protocol    = "tcp"
    from_port   = %[1]d
    to_port     = %[2]d
    cidr_blocks = ["0.0.0.0/1", var.peer_cidr]
  }
}`, from, to),
		Fails: []string{"aws_security_group.ipv6_halves", "aws_security_group.one_list", "aws_security_group_rule.by_id_high",
			"aws_security_group_rule.by_id_low", "aws_security_group_rule.low_half", "aws_vpc_security_group_ingress_rule.high_half"},
		Unknowns: []string{"aws_security_group.maybe_completed"},
		Expect: map[string]scanner.Expected{
			"aws_security_group.one_list":      {Message: "0.0.0.0/2, 64.0.0.0/2, 128.0.0.0/2, 192.0.0.0/2 (together every IPv4 address)"},
			"aws_security_group_rule.low_half": {Message: "the security group's other rules together allow ingress from 0.0.0.0/1, 128.0.0.0/1"},
		},
	}, {Code: fmt.Sprintf(`
variable "group_id" {
  type = string
}

# Both rules read var.group_id: whatever group it names, it is one group,
# and they open it to the whole internet together.
resource "aws_security_group_rule" "var_low" {
  type              = "ingress"
  security_group_id = var.group_id
  protocol          = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_blocks       = ["0.0.0.0/1"]
}

resource "aws_vpc_security_group_ingress_rule" "var_high" {
  security_group_id = var.group_id
  ip_protocol       = "tcp"
  from_port         = %[1]d
  to_port           = %[2]d
  cidr_ipv4         = "128.0.0.0/1"
}`, from, to),
		Fails: []string{"aws_security_group_rule.var_low", "aws_vpc_security_group_ingress_rule.var_high"},
	}}
	return good, bad
}

// withNACLUnionExamples adds naclUnionExamples to a network ACL rule's own
// examples.
func withNACLUnionExamples(more func() (good, bad []scanner.Example), port string) func() (good, bad []scanner.Example) {
	return func() (good, bad []scanner.Example) {
		if more != nil {
			good, bad = more()
		}
		g, b := naclUnionExamples(port)
		return append(good, g...), append(bad, b...)
	}
}

// naclUnionExamples are examples of network ACL allow entries that let the
// internet reach port (a number, or "every" for all ports) only together:
// in one ACL's blocks, in aws_network_acl_rule resources, after a deny
// whose addresses they already allow; and sets a lower-numbered deny
// breaks, or an entry only known after apply may complete.
func naclUnionExamples(port string) (good, bad []scanner.Example) {
	proto, from, to := "tcp", port, port
	if port == "every" {
		proto, from, to = "-1", "0", "0"
	}
	good = []scanner.Example{{Code: fmt.Sprintf(`
resource "aws_network_acl" "shadowed" {
  vpc_id = "vpc-1"

  ingress {
    rule_no    = 50
    action     = "deny"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "198.51.100.0/24"
  }

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "0.0.0.0/1"
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "128.0.0.0/1"
  }
}`, proto, from, to)}}
	if port == "every" {
		// Halves of the internet for two protocols: each protocol's
		// ports are open to half of it.
		good = append(good, scanner.Example{Code: `
resource "aws_network_acl" "tcp_and_udp_halves" {
  vpc_id = "vpc-1"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 0
    to_port    = 65535
    cidr_block = "0.0.0.0/1"
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "UDP"
    from_port  = 0
    to_port    = 65535
    cidr_block = "128.0.0.0/1"
  }
}`})
	}
	bad = []scanner.Example{{Code: fmt.Sprintf(`
variable "action" {
  type = string
}

resource "aws_network_acl" "halves" {
  vpc_id = "vpc-1"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "0.0.0.0/1"
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "128.0.0.0/1"
  }

  ingress {
    rule_no    = 200
    action     = "deny"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}

resource "aws_network_acl" "rules" {
  vpc_id = "vpc-1"
}

resource "aws_network_acl_rule" "low" {
  network_acl_id = aws_network_acl.rules.id
  rule_number    = 100
  egress         = false
  protocol       = %[1]q
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/1"
  from_port      = %[2]s
  to_port        = %[3]s
}

resource "aws_network_acl_rule" "high" {
  network_acl_id = aws_network_acl.rules.id
  rule_number    = 110
  egress         = false
  protocol       = %[1]q
  rule_action    = "allow"
  cidr_block     = "128.0.0.0/1"
  from_port      = %[2]s
  to_port        = %[3]s
}

resource "aws_network_acl" "maybe" {
  vpc_id = "vpc-1"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "0.0.0.0/1"
  }
}

resource "aws_network_acl_rule" "maybe_high" {
  network_acl_id = aws_network_acl.maybe.id
  rule_number    = 110
  egress         = false
  protocol       = %[1]q
  rule_action    = var.action
  cidr_block     = "128.0.0.0/1"
  from_port      = %[2]s
  to_port        = %[3]s
}

variable "denied" {
  type = string
}

# A deny numbered before the halves whose source is only known after
# apply may shadow them: var.denied = "0.0.0.0/0" lets nothing in.
resource "aws_network_acl" "maybe_denied" {
  vpc_id = "vpc-1"

  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = var.denied
  }

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "0.0.0.0/1"
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = %[1]q
    from_port  = %[2]s
    to_port    = %[3]s
    cidr_block = "128.0.0.0/1"
  }
}`, proto, from, to),
		Fails:    []string{"aws_network_acl.halves", "aws_network_acl_rule.high", "aws_network_acl_rule.low"},
		Unknowns: []string{"aws_network_acl.maybe", "aws_network_acl_rule.maybe_high", "aws_network_acl.maybe_denied"},
		Expect: map[string]scanner.Expected{
			"aws_network_acl_rule.low": {Message: "0.0.0.0/1, 128.0.0.0/1 (together every public IPv4 address)"},
		},
	}, {Code: fmt.Sprintf(`
variable "acl_id" {
  type = string
}

# Both rules read var.acl_id: whatever ACL it names, it is one ACL, and
# they let the whole internet in together.
resource "aws_network_acl_rule" "var_low" {
  network_acl_id = var.acl_id
  rule_number    = 100
  protocol       = %[1]q
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/1"
  from_port      = %[2]s
  to_port        = %[3]s
}

resource "aws_network_acl_rule" "var_high" {
  network_acl_id = var.acl_id
  rule_number    = 110
  protocol       = %[1]q
  rule_action    = "allow"
  cidr_block     = "128.0.0.0/1"
  from_port      = %[2]s
  to_port        = %[3]s
}`, proto, from, to),
		Fails: []string{"aws_network_acl_rule.var_high", "aws_network_acl_rule.var_low"},
	}}
	return good, bad
}
