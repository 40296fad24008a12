package aws

import (
	"fmt"
	"slices"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Network ingress: security groups and network ACLs that let the whole
// internet reach administrative ports, database ports or every port, and
// default security groups that carry rules.

var networkCriteria = scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}}

// portsFrom reads a port-list parameter for a check; a malformed entry or an
// empty list makes every resource unknown with the reason, rather than
// silently checking fewer ports or none.
func portsFrom(ctx *scanner.Context, param string, r *scanner.Resource) ([]ruleutil.PortRange, *scanner.Result) {
	ports, err := ruleutil.PortsParam(ctx, param)
	if err != nil {
		res := scanner.Unknowable(r.Range, "%v", err)
		return nil, &res
	}
	return ports, nil
}

const sgFormsNote = " Every form is inspected: ingress blocks of aws_security_group (dynamic blocks included), " +
	"aws_security_group_rule of type ingress and aws_vpc_security_group_ingress_rule. Sources are IPv4 and IPv6 " +
	"CIDR blocks that cover the internet, alone (0.0.0.0/0, ::/0) or together: the sources of every permission of " +
	"the same security group that opens the same port over the same protocol (TCP and UDP are apart; -1 is both) " +
	"are one set, whichever resource writes them (inline ingress blocks, aws_security_group_rule and " +
	"aws_vpc_security_group_ingress_rule naming the group, or rules naming the same security_group_id), so " +
	"0.0.0.0/1 with 128.0.0.0/1, four /2s or ::/1 with 8000::/1 are the internet. So is a set that covers every " +
	"address that can reach a cloud network from the internet: all IPv4 outside the private, shared, loopback, " +
	"link-local, 0.0.0.0/8 and multicast or reserved 224.0.0.0/3 ranges, or all of IPv6 global unicast 2000::/3. " +
	"Trivy and tfsec flag any public block wider than one address; this rule keeps to sources open to everyone, " +
	"and counts a union that is, which they read one block at a time. A source only known after apply that may " +
	"complete such a set (var.peer_cidr beside 0.0.0.0/1) is unknown, never a pass; one that cannot (an address " +
	"\"${var.ip}/32\" beside 0.0.0.0/1) is not; a source of another resource that may alone be the internet is " +
	"reported on that resource. CIDRs are read as the provider reads them: " +
	"it accepts only network addresses, so text with host bits set such as 0.1.0.0/0 is rejected at plan time " +
	"and opens nothing; the entries of a managed prefix list " +
	"(aws_ec2_managed_prefix_list and its aws_ec2_managed_prefix_list_entry resources) count when the " +
	"configuration defines the list. A source only known after apply that is a VPC's or subnet's CIDR block " +
	"(aws_vpc.main.cidr_block, data.aws_subnet.x.ipv6_cidr_block, a cidrsubnet of one) is not the internet: EC2 " +
	"only gives those /16 to /28 (IPv4) and /56 or /64 (IPv6). Protocol -1 (or \"all\") opens every port whatever from_port and to_port say; " +
	"for TCP (\"tcp\", \"6\") and UDP (\"udp\", \"17\") a port range counts when it contains a listed port, a port " +
	"of -1 is read as every port and 0-0 is port 0 only, as EC2 creates it (Checkov and KICS read it as every port; " +
	"a public 0-0 is reported by aws-ec2-security-group-public-ports-allow-listed as port 0, since nothing else is " +
	"open). Egress rules, ICMP, self and sources " +
	"that are other security groups or prefix lists defined outside the configuration are not findings. " +
	"A call of the registry module terraform-aws-modules/security-group/aws (or of one of its //modules/<preset> " +
	"wrappers, such as //modules/ssh) that `terraform init` has not installed is judged from the scanner's bundled " +
	"model of the module's 4.x–5.x interface: the rules it creates from ingress_rules, ingress_cidr_blocks and the " +
	"ingress_with_* objects, located at the call's inputs."

const sgRemediationCode = `resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.bastion.id
  description       = "SSH from the corporate VPN only"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.20.0.0/16"
}`

var sgLinks = []string{
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule",
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group",
	"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
}

var sgNoPublicAdminPorts = &scanner.Rule{
	ID:    "aws-ec2-security-group-no-public-admin-ports",
	Title: "Security groups do not open administrative ports (SSH, RDP, WinRM) to the internet",
	Description: "Administrative ports (by default " + ruleutil.AdminPortsText + ") open to 0.0.0.0/0 or ::/0 put " +
		"the operating system's login prompt in front of every " +
		"scanner and credential-stuffing bot on the internet. SOC 2 CC6.6 expects boundary protection and extra " +
		"safeguards for remote access; reach administrative ports through a VPN, a bastion with a narrow source " +
		"range, or SSM Session Manager instead. Only TCP (and protocol -1) counts: UDP 22 is not SSH." + sgFormsNote + " Opening other ports to the world, such as 443 " +
		"on a load balancer, is not a finding of this rule.",
	Severity:      scanner.High,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgIngressTypes,
	Params: []scanner.Param{{
		Name:        "admin_ports",
		Description: "Administrative ports that must not be reachable from the internet; entries are ports or ranges such as \"5985-5986\".",
		Default:     ruleutil.DefaultAdminPorts(),
	}},
	Remediation: "Restrict the rule's source to known networks (a VPN or office CIDR, a bastion's security group), " +
		"or remove it and use SSM Session Manager, which needs no inbound port.",
	RemediationCode: sgRemediationCode,
	Links:           sgLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_24"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_25"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0106"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0107"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ingress-sgr"},
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"},
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"},
		{Tool: scanner.ToolKICS, ID: "Security Group With Unrestricted Access To SSH"},
		{Tool: scanner.ToolKICS, ID: "Remote Desktop Port Open To Internet"},
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

data "aws_vpc" "peer" {
  tags = { Name = "peer" }
}

resource "aws_security_group" "internal" {
  vpc_id = aws_vpc.main.id

  ingress {
    description      = "SSH from inside: a VPC's block is never 0.0.0.0/0 or ::/0, even when only known after apply"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = [aws_vpc.main.cidr_block, cidrsubnet(data.aws_vpc.peer.cidr_block, 8, 1)]
    ipv6_cidr_blocks = [aws_vpc.main.ipv6_cidr_block]
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.internal.id
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = aws_vpc.main.cidr_block
}

resource "aws_security_group_rule" "ssh_extra" {
  description       = "var.extra_cidr may be 0.0.0.0/0"
  type              = "ingress"
  security_group_id = aws_security_group.internal.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = [aws_vpc.main.cidr_block, var.extra_cidr]
}`, Unknowns: []string{"aws_security_group_rule.ssh_extra"}},

		{Code: `
variable "admin_ip" {
  type = string
}

variable "admin_net" {
  type = string
}

resource "aws_security_group" "admin" {
  vpc_id = "vpc-1"

  ingress {
    description = "SSH from one admin address: whatever the address, /32 is not the internet"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["${var.admin_ip}/32"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp_admin" {
  security_group_id = aws_security_group.admin.id
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "${var.admin_ip}/32"
}

resource "aws_vpc_security_group_ingress_rule" "rdp_any_length" {
  description       = "a prefix length of 0 is the internet"
  security_group_id = aws_security_group.admin.id
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "${var.admin_net}/0"
}`, Unknowns: []string{"aws_vpc_security_group_ingress_rule.rdp_any_length"}},

		{Code: `
module "bastion_sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"

  name                = "bastion"
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["10.0.0.0/8"]
}`},
		{Code: `
resource "aws_security_group" "lb" {
  name = "public-lb"

  ingress {
    description = "HTTPS from anywhere is what a public load balancer is for"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "WinRM from the VPN only"
    protocol    = "tcp"
    from_port   = 5985
    to_port     = 5986
    cidr_blocks = ["10.20.0.0/16"]
  }

  ingress {
    description = "SSH from the VPN only"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.20.0.0/16"]
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}`},
		{Code: `
locals {
  ports = { https = 443, http = 80 }
}

resource "aws_vpc_security_group_ingress_rule" "web" {
  for_each          = local.ports
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "icmp" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "icmp"
  from_port         = 8
  to_port           = 0
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "udp_22_is_not_ssh" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "udp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "tcp_port_zero_only" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}`},
		// The rules' keys hold the group's id, only known after apply, so
		// which instances there are is not known; every rule they can be
		// keeps SSH to the VPN, whatever the instance.
		{Code: `
resource "aws_security_group" "web" {
  name = "web"
}

locals {
  by_group = {
    (aws_security_group.web.id) = [
      { port = 443, cidr = "0.0.0.0/0" },
      { port = 22, cidr = "10.20.0.0/16" },
    ]
  }
  rules = flatten([for sg, rules in local.by_group : [for r in rules : merge(r, { sg = sg })]])
}

resource "aws_vpc_security_group_ingress_rule" "web" {
  for_each          = { for r in local.rules : "${r.sg}-${r.port}" => r }
  security_group_id = each.value.sg
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}`},
	},
	Bad: []scanner.Example{{Code: `
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

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = [aws_vpc.main.cidr_block, "0.0.0.0/0"]
}`, Fails: []string{"aws_security_group_rule.ssh"}},

		{Code: `
variable "admin_cidrs" {
  type = list(string)
}

module "public_bastion_sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "4.0.0"

  name                = "bastion"
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_with_cidr_blocks = [
    {
      from_port   = 3389
      to_port     = 3389
      protocol    = "tcp"
      cidr_blocks = "10.0.0.0/8,0.0.0.0/0"
    },
  ]
}

module "admin_sg" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  version             = "~> 5.0"
  name                = "admin"
  ingress_cidr_blocks = var.admin_cidrs
}`, Fails: []string{
			"module.public_bastion_sg.aws_security_group_rule.ingress_rules[0]",
			"module.public_bastion_sg.aws_security_group_rule.ingress_with_cidr_blocks[0]",
		}, Unknowns: []string{"module.admin_sg.aws_security_group_rule.ingress_rules[0]"},
			Expect: map[string]scanner.Expected{
				"module.public_bastion_sg.aws_security_group_rule.ingress_rules[0]":            {Line: 11, Message: "0.0.0.0/0 to port 22"},
				"module.public_bastion_sg.aws_security_group_rule.ingress_with_cidr_blocks[0]": {Line: 14, Message: "port 3389"},
			}},
		// As above, with every rule opening SSH or RDP to the internet;
		// and with one opening HTTPS only, which depends on the instance.
		{Code: `
resource "aws_security_group" "web" {
  name = "web"
}

locals {
  admin = {
    (aws_security_group.web.id) = [
      { port = 22, cidr = "0.0.0.0/0" },
      { port = 3389, cidr = "0.0.0.0/0" },
    ]
  }
  mixed = {
    (aws_security_group.web.id) = [
      { port = 443, cidr = "0.0.0.0/0" },
      { port = 22, cidr = "0.0.0.0/0" },
    ]
  }
  admin_rules = flatten([for sg, rules in local.admin : [for r in rules : merge(r, { sg = sg })]])
  mixed_rules = flatten([for sg, rules in local.mixed : [for r in rules : merge(r, { sg = sg })]])
}

resource "aws_vpc_security_group_ingress_rule" "admin" {
  for_each          = { for r in local.admin_rules : "${r.sg}-${r.port}" => r }
  security_group_id = each.value.sg
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_ingress_rule" "mixed" {
  for_each          = { for r in local.mixed_rules : "${r.sg}-${r.port}" => r }
  security_group_id = each.value.sg
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}`, Fails: []string{"aws_vpc_security_group_ingress_rule.admin"}, Unknowns: []string{"aws_vpc_security_group_ingress_rule.mixed"},
			Expect: map[string]scanner.Expected{"aws_vpc_security_group_ingress_rule.admin": {Message: "(for every value each.value can take)"}}},
		{Code: `
resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}`, Fails: []string{"aws_security_group.bastion"},
			Expect: map[string]scanner.Expected{"aws_security_group.bastion": {Line: 5, Message: "0.0.0.0/0"}}},
		{Code: `
locals {
  rules = {
    https = { port = 443, cidr = "0.0.0.0/0" }
    ssh   = { port = 22, cidr = "0.0.0.0/0" }
    rdp   = { port = 3389, cidr = "10.0.0.0/8" }
  }
}

resource "aws_vpc_security_group_ingress_rule" "app" {
  for_each          = local.rules
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}`, Fails: []string{`aws_vpc_security_group_ingress_rule.app["ssh"]`}},
		{Code: `
variable "admin_cidr" {
  type = string
}

resource "aws_security_group_rule" "rdp_v6" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 3000
  to_port           = 4000
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_security_group_rule" "ssh_from_var" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = [var.admin_cidr]
}

resource "aws_security_group_rule" "tcp_minus_one" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "6"
  from_port         = -1
  to_port           = -1
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "egress_all" {
  type              = "egress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}`, NotApplicable: []string{"aws_security_group_rule.egress_all"}, Fails: []string{"aws_security_group_rule.rdp_v6", "aws_security_group_rule.tcp_minus_one"}, Unknowns: []string{"aws_security_group_rule.ssh_from_var"}},
		{Code: `
variable "ingress" {
  type = list(object({ port = number, cidrs = list(string) }))
  default = [
    { port = 443, cidrs = ["0.0.0.0/0"] },
    { port = 5985, cidrs = ["0.0.0.0/0"] },
  ]
}

variable "extra_ingress" {
  type = list(object({ port = number, cidrs = list(string) }))
}

resource "aws_security_group" "winrm" {
  name = "winrm"

  dynamic "ingress" {
    for_each = var.ingress
    content {
      protocol    = "tcp"
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ingress.value.cidrs
    }
  }
}

resource "aws_security_group" "unknown" {
  name = "unknown"

  dynamic "ingress" {
    for_each = var.extra_ingress
    content {
      protocol    = "tcp"
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ingress.value.cidrs
    }
  }
}`,
			Fails:    []string{"aws_security_group.winrm"},
			Unknowns: []string{"aws_security_group.unknown"}},
	},
	MoreExamples: withUnionExamples(nil, 22, 22),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, bad := portsFrom(ctx, "admin_ports", r)
		if bad != nil {
			return *bad
		}
		return checkSGExposure(r, ctx.Index, portQuery{ports: ports, tcpOnly: true}, "an administrative port")
	},
}

var sgNoPublicDatabasePorts = &scanner.Rule{
	ID:    "aws-ec2-security-group-no-public-database-ports",
	Title: "Security groups do not open database ports to the internet",
	Description: "A database listener open to 0.0.0.0/0 or ::/0 (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, " +
		"Redis, Elasticsearch, Redshift) exposes customer data to password guessing and to every unpatched " +
		"protocol flaw. SOC 2 CC6.6 expects data stores to sit behind the system boundary, reachable only from " +
		"the application tier. Only TCP (and protocol -1) counts: database protocols listen on TCP." + sgFormsNote,
	Severity:      scanner.High,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgIngressTypes,
	Params: []scanner.Param{{
		Name:        "db_ports",
		Description: "Database ports that must not be reachable from the internet; entries are ports or ranges such as \"27017-27019\".",
		Default:     []string{"3306", "5432", "1433", "1521", "27017", "6379", "9200", "5439"},
	}},
	Remediation: "Allow the database port only from the application's security group (referenced_security_group_id " +
		"or source_security_group_id) or from private CIDRs, and keep the database in private subnets.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "postgres_from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}`,
	Links: sgLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306"},
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483"},
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018"},
	},
	MoreExamples: withUnionExamples(func() (good, bad []scanner.Example) {
		good = []scanner.Example{vpcRangeIngressExample("tcp", 5432), vpcModuleIngressExample("tcp", 5432),
			{Code: `
resource "aws_security_group" "app" {
  name = "app"
}

resource "aws_security_group" "db" {
  name = "db"

  ingress {
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.app.id]
  }

  ingress {
    protocol    = "tcp"
    from_port   = 3306
    to_port     = 3306
    cidr_blocks = ["10.0.0.0/16"]
  }
}`}}
		bad = []scanner.Example{
			{Code: `
resource "aws_security_group" "db" {
  name = "db"

  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["10.0.0.0/16", "0.0.0.0/0"]
  }
}`, Fails: []string{"aws_security_group.db"}},
			{Code: `
resource "aws_vpc_security_group_ingress_rule" "redis" {
  count             = 2
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 6379
  to_port           = 6380
  cidr_ipv6         = "::/0"
}`, Fails: []string{"aws_vpc_security_group_ingress_rule.redis[0]", "aws_vpc_security_group_ingress_rule.redis[1]"}},
		}
		return good, bad
	}, 5432, 5432),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, bad := portsFrom(ctx, "db_ports", r)
		if bad != nil {
			return *bad
		}
		return checkSGExposure(r, ctx.Index, portQuery{ports: ports, tcpOnly: true}, "a database port")
	},
}

var sgNoPublicAllPorts = &scanner.Rule{
	ID:    "aws-ec2-security-group-no-public-all-ports",
	Title: "Security groups do not open every port to the internet",
	Description: "An ingress rule for all protocols (-1) or for every TCP or UDP port from 0.0.0.0/0 or ::/0 " +
		"turns the security group into no boundary at all: every service that listens on the instance, " +
		"including ones nobody meant to expose, is reachable from the internet. SOC 2 CC6.6 expects boundary " +
		"protection that only lets in the traffic a service needs." + sgFormsNote,
	Severity:      scanner.Critical,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgIngressTypes,
	Remediation: "Replace the rule with rules for the ports the service actually serves, from the sources that " +
		"need them.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.lb.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}`,
	Links: sgLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_277"},
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_allow_ingress_from_internet_to_all_ports"},
	},
	MoreExamples: withUnionExamples(func() (good, bad []scanner.Example) {
		good = []scanner.Example{vpcRangeIngressExample("-1", 0), vpcModuleIngressExample("-1", 0),
			{Code: `
resource "aws_security_group" "internal" {
  name = "internal"

  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    protocol    = "tcp"
    from_port   = 1024
    to_port     = 65535
    cidr_blocks = ["0.0.0.0/0"]
  }
}`}}
		bad = []scanner.Example{
			{Code: `
resource "aws_security_group" "open" {
  name = "open"

  ingress {
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "tcp_all" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["0.0.0.0/0"]
}`, Fails: []string{"aws_security_group.open", "aws_vpc_security_group_ingress_rule.everything", "aws_security_group_rule.tcp_all"}},
			{Code: `
variable "protocol" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "maybe" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = var.protocol
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "all"
  cidr_ipv4         = "0.0.0.0/0"
}`, Fails: []string{"aws_vpc_security_group_ingress_rule.all"}, Unknowns: []string{"aws_vpc_security_group_ingress_rule.maybe"}},
		}
		return good, bad
	}, 0, 65535),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkSGExposure(r, ctx.Index, portQuery{all: true}, "every port")
	},
}

var sgNoPublicHTTP = &scanner.Rule{
	ID:    "aws-ec2-security-group-no-public-http",
	Title: "Security groups do not open plain HTTP (port 80) to the internet",
	Description: "HTTP on port 80 carries requests, cookies and credentials in clear text; open to 0.0.0.0/0 or ::/0 " +
		"it invites clients to use the unencrypted listener. SOC 2 CC6.6 expects boundary protection and CC6.7 " +
		"protection of data in transmission. A load balancer whose port 80 only redirects to HTTPS is a common, " +
		"accepted exception: suppress the finding with that reason." + sgFormsNote,
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.7"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgIngressTypes,
	Params: []scanner.Param{{
		Name:        "http_ports",
		Description: "Plain-HTTP ports that must not be reachable from the internet; entries are ports or ranges such as \"8080-8081\".",
		Default:     []string{"80"},
	}},
	Remediation: "Serve the internet on 443 only, or keep port 80 on a load balancer listener that only " +
		"redirects to HTTPS and suppress this finding with that reason.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.lb.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}`,
	Links: sgLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_260"},
		{Tool: scanner.ToolKICS, ID: "HTTP Port Open To Internet"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_security_group" "lb" {
  name = "lb"

  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "half" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/1"
}

# The provider accepts only network addresses: a CIDR with host bits set is
# rejected at plan time and opens nothing.
resource "aws_security_group" "invalid_cidr" {
  name = "invalid"

  ingress {
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["0.1.0.0/0"]
    ipv6_cidr_blocks = ["::1/0"]
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
module "web_sg" {
  source  = "terraform-aws-modules/security-group/aws//modules/http-80"
  version = "~> 5.1"

  name                = "web"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}`, Fails: []string{"module.web_sg.aws_security_group_rule.ingress_rules[0]"},
			Expect: map[string]scanner.Expected{"module.web_sg.aws_security_group_rule.ingress_rules[0]": {Line: 2, Message: "port 80"}}},
		{Code: `
resource "aws_security_group" "web" {
  name = "web"

  ingress {
    protocol    = "6"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "range" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 1
  to_port           = 1024
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_vpc_security_group_ingress_rule" "mixed" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv6         = "::/0"
}`, Fails: []string{"aws_security_group.web", "aws_security_group_rule.range", "aws_vpc_security_group_ingress_rule.mixed"},
			Expect: map[string]scanner.Expected{"aws_security_group.web": {Line: 5, Message: "port 80"}}},
		{Code: `
variable "cidr" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "maybe" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = var.cidr
}

resource "aws_vpc_security_group_ingress_rule" "https_unknown_source" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.cidr
}

resource "aws_ec2_managed_prefix_list" "everyone" {
  name           = "everyone"
  address_family = "IPv4"
  max_entries    = 1

  entry {
    cidr = "0.0.0.0/0"
  }
}

resource "aws_vpc_security_group_ingress_rule" "via_prefix_list" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  prefix_list_id    = aws_ec2_managed_prefix_list.everyone.id
}`, Fails: []string{"aws_vpc_security_group_ingress_rule.via_prefix_list"}, Unknowns: []string{"aws_vpc_security_group_ingress_rule.maybe"}},
	},
	MoreExamples: withUnionExamples(nil, 80, 80),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, bad := portsFrom(ctx, "http_ports", r)
		if bad != nil {
			return *bad
		}
		return checkSGExposure(r, ctx.Index, portQuery{ports: ports, tcpOnly: true}, "plain HTTP")
	},
}

var sgPublicPortsAllowListed = &scanner.Rule{
	ID:    "aws-ec2-security-group-public-ports-allow-listed",
	Title: "Security groups open only allow-listed ports to the internet",
	Description: "Every port open to 0.0.0.0/0 or ::/0 is a service the whole internet can probe. Most systems need " +
		"only their web ports in front of the internet; anything else (a message broker, a metrics endpoint, a " +
		"custom admin console) belongs behind a load balancer, VPN or private network. SOC 2 CC6.6 expects the " +
		"boundary to admit only needed traffic. The allow-list is a parameter, public_ports, whose default is our " +
		"choice of 80 and 443; any TCP or UDP port outside it, and protocol -1, open to the internet is a finding. " +
		"So is an ingress open to the internet that leaves out its protocol or, for TCP and UDP, a port: the " +
		"provider requires them, and a permission that names no port gives no reason to believe it stays inside " +
		"the allow-list." + sgFormsNote,
	Severity:      scanner.Medium,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgIngressTypes,
	Params: []scanner.Param{{
		Name:        "public_ports",
		Description: "Ports that may be open to the internet; entries are ports or ranges such as \"8443-8444\". Default: 80 and 443.",
		Default:     []string{"80", "443"},
	}},
	Remediation: "Open only the allow-listed ports to the internet; restrict every other port to known source " +
		"ranges or security groups, or add the port to public_ports when it is meant to be public.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "metrics" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = aws_security_group.monitoring.id
  ip_protocol                  = "tcp"
  from_port                    = 9100
  to_port                      = 9100
}`,
	Links: sgLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_7"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0106"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0107"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ingress-sgr"},
		{Tool: scanner.ToolKICS, ID: "Unrestricted Security Group Ingress"},
		{Tool: scanner.ToolKICS, ID: "Unknown Port Exposed To Internet"},
	},
	MoreExamples: withUnionExamples(func() (good, bad []scanner.Example) {
		good = []scanner.Example{vpcRangeIngressExample("tcp", 8080), vpcModuleIngressExample("tcp", 8080),
			{Code: `
resource "aws_security_group" "web" {
  name = "web"

  ingress {
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }

  ingress {
    protocol    = "icmp"
    from_port   = 8
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Ports left out from a private source: nothing reaches it from the internet.
resource "aws_security_group_rule" "private_no_ports" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  cidr_blocks       = ["10.0.0.0/16"]
}`}}
		bad = []scanner.Example{
			{Code: `
resource "aws_security_group" "broker" {
  name = "broker"

  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    protocol    = "tcp"
    from_port   = 5671
    to_port     = 5672
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "dns" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "udp"
  from_port         = 53
  to_port           = 53
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "-1"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}

# Written like the "every port" idiom of protocol -1, but EC2 opens TCP
# port 0 alone: reported as port 0, not as every port.
resource "aws_security_group" "zero_zero" {
  name = "zero-zero"

  ingress {
    protocol    = "tcp"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}`, Fails: []string{"aws_security_group.broker", "aws_security_group_rule.dns", "aws_vpc_security_group_ingress_rule.all", "aws_security_group.zero_zero"},
				Expect: map[string]scanner.Expected{
					"aws_security_group.broker":    {Line: 12, Message: "port 5671-5672"},
					"aws_security_group.zero_zero": {Message: "port 0 only (tcp 0-0: EC2 opens port 0 alone, not every port"},
				}},
			{Code: `
variable "port" {
  type = number
}

resource "aws_vpc_security_group_ingress_rule" "maybe" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "alt_https" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "console" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 9000
  cidr_ipv4         = "0.0.0.0/0"
}`, Params: map[string]any{"public_ports": []string{"443", "8443"}},
				Fails:    []string{"aws_vpc_security_group_ingress_rule.console"},
				Unknowns: []string{"aws_vpc_security_group_ingress_rule.maybe"},
				Expect:   map[string]scanner.Expected{"aws_vpc_security_group_ingress_rule.console": {Message: "port 8444-9000"}}},
			{Code: `
resource "aws_security_group_rule" "no_ports" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group" "no_ports" {
  name = "no-ports"

  ingress {
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "no_ports" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "udp"
  from_port         = 53
  cidr_ipv4         = "0.0.0.0/0"
}`, Fails: []string{"aws_security_group_rule.no_ports", "aws_security_group.no_ports", "aws_vpc_security_group_ingress_rule.no_ports"},
				Expect: map[string]scanner.Expected{
					"aws_security_group_rule.no_ports":             {Message: "protocol, from_port, to_port not set"},
					"aws_security_group.no_ports":                  {Line: 11, Message: "from_port, to_port not set"},
					"aws_vpc_security_group_ingress_rule.no_ports": {Message: "to_port not set"},
				}},
		}
		return good, bad
	}, 8080, 8080),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		allowed, err := ruleutil.PortsParam(ctx, "public_ports")
		if err != nil {
			return scanner.Unknowable(r.Range, "%v", err)
		}
		return checkSGExposure(r, ctx.Index, portQuery{outside: true, allowed: allowed, unnamedPorts: true}, "a port outside the public allow-list")
	},
}

const naclNote = " Network ACLs are evaluated as AWS does: entries in rule-number order, the first match decides, " +
	"so an allow shadowed by a lower-numbered deny for the same traffic is not a finding; a rule number only " +
	"known after apply matters only when a deny may match the same traffic. Inline ingress blocks " +
	"of aws_network_acl and aws_default_network_acl and aws_network_acl_rule resources (egress = false) are " +
	"inspected; the finding points at the entry that lets the traffic in. A cidr_block only known after apply that " +
	"is a VPC's or subnet's block (aws_vpc.main.cidr_block) is never 0.0.0.0/0. Allow entries for the same port " +
	"whose blocks cover the internet together (0.0.0.0/1 in rule 100 and 128.0.0.0/1 in rule 110, or every " +
	"public block) let it in as 0.0.0.0/0 would, unless a lower-numbered deny for that port takes public " +
	"addresses they have not already allowed; each entry of the set is reported. An entry only known after " +
	"apply that may complete the set (a variable action, an aws_network_acl_rule whose network_acl_id names no " +
	"ACL of the configuration) leaves it unknown."

var naclLinks = []string{
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl_rule",
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl",
	"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
}

// naclDenyHCL is the remediation of the NACL port rules: an ingress
// entry, numbered before the allow entries, that denies TCP ports from to
// to from the internet.
func naclDenyHCL(label string, from, to int) string {
	return fmt.Sprintf(`resource "aws_network_acl_rule" %q {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 90
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = %d
  to_port        = %d
}`, label, from, to)
}

var naclNoPublicAdminPorts = &scanner.Rule{
	ID:    "aws-ec2-network-acl-no-public-admin-ports",
	Title: "Network ACLs do not let the internet reach administrative ports (SSH, RDP, WinRM)",
	Description: "A network ACL is the subnet-level boundary: allowing an administrative port (by default " +
		ruleutil.AdminPortsText + ") from 0.0.0.0/0 or ::/0 leaves " +
		"the instances' security groups as the only control between the internet and their login prompt. " +
		"SOC 2 CC6.6 expects layered boundary protection for remote access (CIS AWS 5.1). Only TCP entries (and " +
		"protocol -1) count: UDP 22 is not SSH." + naclNote +
		" The common ephemeral-port rule 1024-65535 contains 3389 and 5985-5986; split it (1024-3388, 3390-5984, " +
		"5987-65535) or deny those ports with lower-numbered rules.",
	Severity:      scanner.Medium,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: naclTypes,
	Params: []scanner.Param{{
		Name:        "admin_ports",
		Description: "Administrative ports that must not be reachable from the internet; entries are ports or ranges such as \"5985-5986\".",
		Default:     ruleutil.DefaultAdminPorts(),
	}},
	Remediation: "Allow administrative ports only from known networks, or add a lower-numbered deny entry for " +
		"them from 0.0.0.0/0 and ::/0.",
	RemediationCode: naclDenyHCL("deny_ssh", 22, 22),
	Links:           naclLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_232"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_231"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0105"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ingress-acl"},
		{Tool: scanner.ToolProwler, ID: "ec2_networkacl_allow_ingress_tcp_port_22"},
		{Tool: scanner.ToolProwler, ID: "ec2_networkacl_allow_ingress_tcp_port_3389"},
		{Tool: scanner.ToolKICS, ID: "Network ACL With Unrestricted Access To RDP"},
		{Tool: scanner.ToolKICS, ID: "Network ACL With Unrestricted Access To SSH"},
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

variable "use_vpc" {
  type = bool
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.vpc_cidr, 8, 1)
}

resource "aws_network_acl" "private" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = aws_vpc.main.cidr_block
    from_port  = 22
    to_port    = 22
  }

  ingress {
    rule_no         = 110
    protocol        = "tcp"
    action          = "allow"
    ipv6_cidr_block = aws_vpc.main.ipv6_cidr_block
    from_port       = 22
    to_port         = 22
  }
}

resource "aws_network_acl_rule" "subnet" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 120
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = aws_subnet.private.cidr_block
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "either" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 130
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = var.use_vpc ? aws_vpc.main.cidr_block : var.extra_cidr
  from_port      = 22
  to_port        = 22
}`, Unknowns: []string{"aws_network_acl_rule.either"}},

		{Code: `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 90
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }

  ingress {
    rule_no    = 91
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }

  ingress {
    rule_no    = 92
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 5985
    to_port    = 5986
  }

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 65535
  }
}`},
		{Code: `
resource "aws_network_acl" "private" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "https" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl_rule" "ssh_vpn" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 110
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.20.0.0/16"
  from_port      = 22
  to_port        = 22
}`},
		// Which rule each instance creates is only known after apply, but
		// every rule keeps SSH to the VPN: the port and the source of one
		// rule go together, SSH never with 0.0.0.0/0.
		{Code: `
variable "rule_count" {
  type = number
}

locals {
  rules = [
    { rule_number = 100, from_port = 443, to_port = 443, cidr_block = "0.0.0.0/0" },
    { rule_number = 110, from_port = 22, to_port = 22, cidr_block = "10.20.0.0/16" },
  ]
}

resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "inbound" {
  count          = var.rule_count
  network_acl_id = aws_network_acl.public.id
  rule_number    = local.rules[count.index]["rule_number"]
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = lookup(local.rules[count.index], "cidr_block", null)
  from_port      = lookup(local.rules[count.index], "from_port", null)
  to_port        = local.rules[count.index].to_port
}`},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}`, Fails: []string{"aws_network_acl.public"}},
		// The ephemeral range split around RDP alone still lets the
		// internet reach WinRM.
		{Code: `
resource "aws_network_acl" "split" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 3388
  }

  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 3390
    to_port    = 65535
  }
}`, Fails: []string{"aws_network_acl.split"},
			Expect: map[string]scanner.Expected{"aws_network_acl.split": {Message: "5985"}}},
		{Code: `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "deny_ssh" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 50
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "ephemeral" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 1024
  to_port        = 65535
}

resource "aws_network_acl_rule" "all_v6" {
  network_acl_id  = aws_network_acl.public.id
  rule_number     = 200
  protocol        = "-1"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0"
  from_port       = 0
  to_port         = 0
}

resource "aws_network_acl_rule" "egress" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 0
  to_port        = 0
}`, Fails: []string{"aws_network_acl_rule.ephemeral", "aws_network_acl_rule.all_v6"}},
		{Code: `
variable "source_cidr" {
  type = string
}

resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = var.source_cidr
  from_port      = 22
  to_port        = 22
}

resource "aws_default_network_acl" "default" {
  default_network_acl_id = "acl-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}`, Fails: []string{"aws_default_network_acl.default"}, Unknowns: []string{"aws_network_acl_rule.ssh"}},
		// Every rule the instances can create opens SSH or RDP to the
		// internet; in the second, one of them opens HTTPS only, so it
		// depends on which instances there are.
		{Code: `
variable "rule_count" {
  type = number
}

locals {
  rules = [
    { rule_number = 100, from_port = 22, to_port = 22, cidr_block = "0.0.0.0/0" },
    { rule_number = 110, from_port = 3389, to_port = 3389, cidr_block = "0.0.0.0/0" },
  ]
  mixed = [
    { rule_number = 100, from_port = 443, to_port = 443, cidr_block = "0.0.0.0/0" },
    { rule_number = 110, from_port = 22, to_port = 22, cidr_block = "0.0.0.0/0" },
  ]
}

resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "admin" {
  count          = var.rule_count
  network_acl_id = aws_network_acl.public.id
  rule_number    = local.rules[count.index]["rule_number"]
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = lookup(local.rules[count.index], "cidr_block", null)
  from_port      = lookup(local.rules[count.index], "from_port", null)
  to_port        = local.rules[count.index].to_port
}

resource "aws_network_acl" "other" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "mixed" {
  count          = var.rule_count
  network_acl_id = aws_network_acl.other.id
  rule_number    = local.mixed[count.index]["rule_number"]
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = lookup(local.mixed[count.index], "cidr_block", null)
  from_port      = lookup(local.mixed[count.index], "from_port", null)
  to_port        = local.mixed[count.index].to_port
}`, Fails: []string{"aws_network_acl_rule.admin"}, Unknowns: []string{"aws_network_acl_rule.mixed"},
			Expect: map[string]scanner.Expected{"aws_network_acl_rule.admin": {Message: "(for every value count.index can take)"}}},
	},
	MoreExamples: withNACLUnionExamples(nil, "22"),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, bad := portsFrom(ctx, "admin_ports", r)
		if bad != nil {
			return *bad
		}
		return checkNACLExposure(r, ctx.Index, ports, false, "an administrative port")
	},
}

var naclNoPublicAllPorts = &scanner.Rule{
	ID:    "aws-ec2-network-acl-no-public-all-ports",
	Title: "Network ACLs do not allow every port from the internet",
	Description: "A network ACL entry that allows all protocols or every port from 0.0.0.0/0 or ::/0 gives the " +
		"subnet no boundary of its own, leaving every listening service to its security group alone. SOC 2 " +
		"CC6.6 expects boundary protection that admits only needed traffic." + naclNote,
	Severity:      scanner.Medium,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: naclTypes,
	Remediation: "Replace the entry with entries for the ports the subnet serves (for example 443, and the " +
		"ephemeral range for return traffic).",
	RemediationCode: `resource "aws_network_acl_rule" "https" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}`,
	Links: naclLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_352"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0102"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-excessive-port-access"},
		{Tool: scanner.ToolProwler, ID: "ec2_networkacl_allow_ingress_any_port"},
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

variable "use_vpc" {
  type = bool
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.vpc_cidr, 8, 1)
}

resource "aws_network_acl" "private" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = aws_vpc.main.cidr_block
    from_port  = 0
    to_port    = 0
  }

  ingress {
    rule_no         = 110
    protocol        = "-1"
    action          = "allow"
    ipv6_cidr_block = aws_vpc.main.ipv6_cidr_block
    from_port       = 0
    to_port         = 0
  }
}

resource "aws_network_acl_rule" "subnet" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 120
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = aws_subnet.private.cidr_block
  from_port      = 0
  to_port        = 0
}

resource "aws_network_acl_rule" "either" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 130
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = var.use_vpc ? aws_vpc.main.cidr_block : var.extra_cidr
  from_port      = 0
  to_port        = 0
}`, Unknowns: []string{"aws_network_acl_rule.either"}},
		{Code: `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }

  ingress {
    rule_no    = 200
    protocol   = "-1"
    action     = "allow"
    cidr_block = "10.0.0.0/16"
    from_port  = 0
    to_port    = 0
  }

  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl_rule" "udp_all" {
  network_acl_id  = "acl-0123456789abcdef0"
  rule_number     = 120
  protocol        = "udp"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0"
  from_port       = 0
  to_port         = 65535
}`, Fails: []string{"aws_network_acl.public", "aws_network_acl_rule.udp_all"}},
		{Code: `
variable "rule_number" {
  type = number
}

# Only allows can match: whichever number the rule gets, it lets the
# internet in.
resource "aws_network_acl_rule" "all_numbered_later" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = var.rule_number
  protocol       = "all"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

# A deny for the same traffic may come before or after it.
resource "aws_network_acl_rule" "maybe_shadowed" {
  network_acl_id = "acl-0fedcba9876543210"
  rule_number    = var.rule_number
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "deny_all" {
  network_acl_id = "acl-0fedcba9876543210"
  rule_number    = 100
  protocol       = "-1"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
}`, Fails: []string{"aws_network_acl_rule.all_numbered_later"}, Unknowns: []string{"aws_network_acl_rule.maybe_shadowed"}},
	},
	MoreExamples: withNACLUnionExamples(nil, "every"),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkNACLExposure(r, ctx.Index, nil, true, "every port")
	},
}

var defaultSecurityGroupRestrictsAll = &scanner.Rule{
	ID:    "aws-ec2-default-security-group-restricts-all",
	Title: "Default security groups allow no traffic from or to public addresses",
	Description: "Every VPC's default security group is attached to anything launched without an explicit group, " +
		"and its rules are rarely reviewed. SOC 2 CC6.6 and CC6.1's network segmentation expect traffic to be " +
		"allowed deliberately (CIS AWS 5.4). What makes a default group a finding is a rule that reaches outside " +
		"private address space: an ingress or egress rule of aws_default_security_group, or a separate rule " +
		"resource attached to it, with a CIDR block that is not inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, " +
		"100.64.0.0/10, loopback, link-local or IPv6 unique-local (fc00::/7) space, such as AWS's own default " +
		"egress to 0.0.0.0/0. Rules between members of the group (self), from other security groups or from " +
		"private ranges stay inside the network and are not findings, nor is text the provider rejects as a CIDR " +
		"block (host bits set); declaring the group with no rules at all is the strictest form.",
	Severity:      scanner.Medium,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_default_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"},
	Remediation: "Remove the default security group's rules that reach public addresses (declare it with no " +
		"ingress or egress blocks), and give every resource a purpose-built security group.",
	RemediationCode: `resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
  # No ingress or egress blocks: Terraform removes every rule.
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_12"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0173"},
		{Tool: scanner.ToolProwler, ID: "ec2_securitygroup_default_restrict_traffic"},
		{Tool: scanner.ToolKICS, ID: "VPC Default Security Group Accepts All Traffic"},
		{Tool: scanner.ToolKICS, ID: "Default Security Groups With Unrestricted Traffic"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}

resource "aws_default_security_group" "internal" {
  vpc_id = "vpc-0fedcba9876543210"

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/8", "172.16.0.0/12"]
  }
}

resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

variable "group_id" {
  type = string
}

# Whichever group this is, the rule stays inside private address space.
resource "aws_vpc_security_group_ingress_rule" "private_anywhere" {
  security_group_id = var.group_id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_egress_rule" "private_on_vpc_default" {
  security_group_id = aws_vpc.main.default_security_group_id
  ip_protocol       = "-1"
  cidr_ipv4         = "172.16.0.0/12"
}

data "aws_security_group" "web" {
  name = "web"
}

resource "aws_security_group_rule" "web_https" {
  type              = "ingress"
  security_group_id = data.aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
}`, NotApplicable: []string{"aws_vpc_security_group_ingress_rule.app_https", "aws_security_group_rule.web_https"}}},
	Bad: []scanner.Example{
		{Code: `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}`, Fails: []string{"aws_default_security_group.default"},
			Expect: map[string]scanner.Expected{"aws_default_security_group.default": {Line: 16, Message: "egress rule 1 allows traffic to 0.0.0.0/0"}}},
		{Code: `
variable "rules" {
  type = list(number)
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  dynamic "egress" {
    for_each = var.rules
    content {
      protocol    = "tcp"
      from_port   = egress.value
      to_port     = egress.value
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "aws_default_security_group" "other" {
  vpc_id = "vpc-0fedcba9876543210"
}

resource "aws_vpc_security_group_egress_rule" "on_default" {
  security_group_id = aws_default_security_group.other.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "private_on_default" {
  security_group_id = aws_default_security_group.other.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "192.168.0.0/16"
}

resource "aws_security_group_rule" "office_on_default" {
  type              = "ingress"
  security_group_id = aws_default_security_group.other.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["203.0.113.0/24"]
}`, Fails: []string{"aws_vpc_security_group_egress_rule.on_default", "aws_security_group_rule.office_on_default"}, Unknowns: []string{"aws_default_security_group.default"}},
		{Code: `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The VPC's own default group, named through the VPC.
resource "aws_vpc_security_group_egress_rule" "vpc_default_out" {
  security_group_id = aws_vpc.main.default_security_group_id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

variable "group_id" {
  type = string
}

# The group is only known after apply: it may be a default group.
resource "aws_vpc_security_group_ingress_rule" "any_group" {
  security_group_id = var.group_id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# The VPC's default group, looked up by its reserved name.
data "aws_security_group" "default" {
  name   = "default"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group_rule" "looked_up_default_in" {
  type              = "ingress"
  security_group_id = data.aws_security_group.default.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}

data "aws_security_group" "default_by_filter" {
  filter {
    name   = "group-name"
    values = ["default"]
  }
}

resource "aws_vpc_security_group_egress_rule" "filtered_default_out" {
  security_group_id = data.aws_security_group.default_by_filter.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}`, Fails: []string{"aws_vpc_security_group_egress_rule.vpc_default_out", "aws_security_group_rule.looked_up_default_in", "aws_vpc_security_group_egress_rule.filtered_default_out"}, Unknowns: []string{"aws_vpc_security_group_ingress_rule.any_group"},
			Expect: map[string]scanner.Expected{
				"aws_vpc_security_group_egress_rule.vpc_default_out": {Message: "default security group of aws_vpc.main allows traffic with 0.0.0.0/0"},
				"aws_vpc_security_group_ingress_rule.any_group":      {Line: 19, Message: "may be a default security group, which this rule would open to 0.0.0.0/0"},
			}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type != "aws_default_security_group" {
			return checkRuleOnDefaultSG(r, ctx.Index)
		}
		return checkDefaultSGBlocks(r, ctx.Index)
	},
}

// defaultSGPublicMessage says what is wrong with a default group's rule.
const defaultSGPublicMessage = ", which is outside private address space: the default security group is attached to " +
	"anything launched without a group of its own, so it must not reach public addresses"

// checkRuleOnDefaultSG decides a separate rule resource: a finding when it
// is attached to a default security group and reaches a public address. A
// rule attached to another group is not the rule's concern, and one whose
// group is only known after apply may be attached to a default group.
func checkRuleOnDefaultSG(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	group := r.Attr("security_group_id")
	sg, onDefault := defaultGroupOf(group, ix)
	if onDefault == scanner.No {
		return scanner.DoesNotApply("the rule is not attached to a default security group")
	}
	cidrs := []scanner.Value{r.Attr("cidr_blocks"), r.Attr("ipv6_cidr_blocks"), r.Attr("cidr_ipv4"), r.Attr("cidr_ipv6")}
	cidr, public := publicSource(cidrs...)
	switch {
	case public == scanner.No:
		return scanner.Passed()
	case onDefault == scanner.Maybe:
		return scanner.Unknowable(group.Range, "security_group_id is not known until apply and may be a default security group, "+
			"which this rule would open to %s", orUnknownCIDR(cidr))
	case public == scanner.Yes:
		return scanner.Failed(r.Range, "this rule of the default security group %s allows traffic with %s%s", sg, cidr, defaultSGPublicMessage)
	}
	return scanner.Unknowable(r.Range, "this rule of the default security group %s has CIDR blocks only known after apply", sg)
}

// looksUpDefaultGroup reports whether an aws_security_group data source
// selects a VPC's default group: every VPC's default group is named
// "default", and a name that no other group may take (EC2 rejects
// "default" for a group you create), so name = "default" or a group-name
// filter for it is the usual way to look the default group up.
func looksUpDefaultGroup(ds *scanner.Resource) bool {
	if ds.Attr("name").Equals("default") {
		return true
	}
	for _, f := range ds.Blocks("filter") {
		if !f.Attr("name").Equals("group-name") {
			continue
		}
		if vs, ok := f.Attr("values").AsStrings(); ok && slices.Contains(vs, "default") {
			return true
		}
	}
	return false
}

// orUnknownCIDR names a public CIDR block, or says it is not known yet.
func orUnknownCIDR(cidr string) string {
	if cidr == "" {
		return "CIDR blocks only known after apply"
	}
	return cidr
}

// defaultGroupOf says whether a security_group_id names a default security
// group, and which: an aws_default_security_group, or the
// default_security_group_id of an aws_vpc (the only security group an
// aws_vpc exports), or an aws_security_group data source that looks up
// the group named "default" (looksUpDefaultGroup). Yes names the group;
// No when it names another group (a declared one, or a data source
// looking up another name); Maybe when it is only known after
// apply and names nothing declared, or is a literal group ID, which may be
// a VPC's default group.
func defaultGroupOf(group scanner.Value, ix *scanner.Index) (string, scanner.Tri) {
	name, other := "", false
	for _, res := range ix.Resolve(group) {
		switch res.Type {
		case "aws_default_security_group":
			name = res.Address
		case "aws_vpc", "aws_default_vpc":
			name = "of " + res.Address
		case "aws_security_group":
			if res.Mode == "data" && looksUpDefaultGroup(res) {
				name = res.Address
			} else {
				other = true
			}
		default:
			other = true
		}
	}
	switch {
	case name != "" && other:
		// A conditional or a list picks one of several groups.
		return name, scanner.Maybe
	case name != "":
		return name, scanner.Yes
	case other || group.IsNull():
		return "", scanner.No
	}
	if len(group.Refs) > 0 {
		// A module output or another reference that resolves to
		// nothing declared: taken as another group (a lookup of the
		// default group by name is followed above).
		return "", scanner.No
	}
	return "", scanner.Maybe
}

// checkDefaultSGBlocks decides the ingress and egress blocks of an
// aws_default_security_group.
func checkDefaultSGBlocks(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	var unknown *scanner.Result
	for _, typ := range []string{"ingress", "egress"} {
		dir := "from"
		if typ == "egress" {
			dir = "to"
		}
		for i, b := range r.Blocks(typ) {
			cidrs := append([]scanner.Value{b.Attr("cidr_blocks"), b.Attr("ipv6_cidr_blocks")}, prefixListCIDRs(b.Attr("prefix_list_ids"), ix)...)
			cidr, public := publicSource(cidrs...)
			switch public {
			case scanner.Yes:
				return scanner.Failed(b.Range, "%s rule %d allows traffic %s %s%s", typ, i+1, dir, cidr, defaultSGPublicMessage)
			case scanner.Maybe:
				if unknown == nil {
					res := scanner.Unknowable(b.Range, "%s rule %d has CIDR blocks only known after apply", typ, i+1)
					unknown = &res
				}
			}
		}
		if r.BlocksUnknown(typ) && unknown == nil {
			res := scanner.Unknowable(r.Range, "%s rules are generated from a collection only known after apply", typ)
			unknown = &res
		}
	}
	if unknown != nil {
		return *unknown
	}
	return scanner.Passed()
}

var eksNodeGroupSSHRestricted = &scanner.Rule{
	ID:    "aws-eks-node-group-ssh-restricted",
	Title: "EKS managed node groups with SSH access name the security groups allowed to use it",
	Description: "A managed node group whose remote_access block sets ec2_ssh_key without source_security_group_ids gets " +
		"a security group from EKS that opens port 22 on every node to 0.0.0.0/0 (SOC 2 CC6.6). Naming the source " +
		"security groups limits SSH to the bastions or administrators that need it; leaving remote_access out, and " +
		"using SSM Session Manager, removes SSH altogether.",
	Severity:      scanner.High,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_eks_node_group"},
	Remediation:   "Set remote_access.source_security_group_ids to the security groups allowed to SSH to the nodes, or remove remote_access.",
	RemediationCode: `resource "aws_eks_node_group" "workers" {
  # ...
  remote_access {
    ec2_ssh_key               = aws_key_pair.ops.key_name
    source_security_group_ids = [aws_security_group.bastion.id]
  }
}`,
	Links: []string{
		registryDoc("aws_eks_node_group", "remote_access"),
		"https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_100"},
		{Tool: scanner.ToolKICS, ID: "EKS node group remote access disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_eks_node_group" "no_ssh" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}

resource "aws_eks_node_group" "bastion_only" {
  cluster_name    = "main"
  node_group_name = "ops"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = ["sg-0123456789abcdef0"]
  }
}`, NotApplicable: []string{"aws_eks_node_group.no_ssh"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_eks_node_group" "open_ssh" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
  remote_access {
    ec2_ssh_key = "ops"
  }
}

variable "bastion_groups" {
  type = list(string)
}

resource "aws_eks_node_group" "maybe" {
  cluster_name    = "main"
  node_group_name = "ops"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = var.bastion_groups
  }
}`, Fails: []string{"aws_eks_node_group.open_ssh"}, Unknowns: []string{"aws_eks_node_group.maybe"},
		Expect: map[string]scanner.Expected{"aws_eks_node_group.open_ssh": {Line: 13, Message: "0.0.0.0/0"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("remote_access") {
			return scanner.Unknowable(r.Range, "remote_access is not known until apply")
		}
		ra := r.FirstBlock("remote_access")
		if ra == nil {
			return scanner.DoesNotApply("the node group has no remote_access: EKS opens no SSH port")
		}
		key := ra.Attr("ec2_ssh_key")
		switch {
		case key.IsUnknown():
			return scanner.Unknowable(key.Range, "ec2_ssh_key is not known until apply")
		case key.IsNull() || isEmptyString(key):
			return scanner.DoesNotApply("remote_access sets no ec2_ssh_key: EKS opens no SSH port")
		}
		groups := ra.Attr("source_security_group_ids")
		ids, incomplete := groups.KnownStrings()
		switch {
		case len(ids) > 0:
			return scanner.Passed()
		case incomplete || groups.IsUnknown():
			return scanner.Unknowable(groups.Range, "source_security_group_ids is not known until apply")
		}
		return scanner.Failed(key.Range, "remote_access sets ec2_ssh_key without source_security_group_ids: EKS opens SSH (port 22) on the nodes to 0.0.0.0/0")
	},
}

var dbSecurityGroupNoPublicIngress = &scanner.Rule{
	ID:    "aws-rds-db-security-group-no-public-ingress",
	Title: "DB security groups do not admit the internet",
	Description: "An aws_db_security_group (the EC2-Classic way of controlling access to an RDS instance, removed " +
		"from version 5 of the AWS provider but still found in older configurations) whose ingress block has " +
		"cidr = 0.0.0.0/0 or ::/0 lets every address on the internet connect to the database's port. SOC 2 CC6.6 " +
		"expects data stores to sit behind the system boundary. Ingress from other security groups, and CIDR " +
		"blocks narrower than the whole internet, are not findings; a CIDR only known after apply is unknown.",
	Severity:      scanner.High,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_db_security_group"},
	Remediation: "Move the database into a VPC and control access with a VPC security group whose ingress comes " +
		"from the application's security group; until then, replace the 0.0.0.0/0 ingress with the application's " +
		"address range or security group.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "db" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/4.67.0/docs/resources/db_security_group"},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "DB Security Group Has Public Interface"},
		{Tool: scanner.ToolKICS, ID: "DB Security Group With Public Scope"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_security_group" "app" {
  name = "app-db"

  ingress {
    cidr = "10.0.0.0/16"
  }

  ingress {
    security_group_name = "app"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "cidr" {
  type = string
}

resource "aws_db_security_group" "open" {
  name = "open-db"

  ingress {
    cidr = "10.0.0.0/16"
  }

  ingress {
    cidr = "0.0.0.0/0"
  }
}

resource "aws_db_security_group" "maybe" {
  name = "maybe-db"

  ingress {
    cidr = var.cidr
  }
}`, Fails: []string{"aws_db_security_group.open"}, Unknowns: []string{"aws_db_security_group.maybe"},
		Expect: map[string]scanner.Expected{"aws_db_security_group.open": {Line: 13, Message: "ingress block 2 admits 0.0.0.0/0"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		var unknown *scanner.Result
		for i, b := range r.Blocks("ingress") {
			cidr, world := worldSource(b.Attr("cidr"))
			switch world {
			case scanner.Yes:
				return scanner.Failed(b.Range, "ingress block %d admits %s: the database is reachable from the whole internet", i+1, cidr)
			case scanner.Maybe:
				if unknown == nil {
					res := scanner.Unknowable(b.Range, "ingress block %d's cidr is only known after apply", i+1)
					unknown = &res
				}
			}
		}
		if unknown != nil {
			return *unknown
		}
		if r.BlocksUnknown("ingress") {
			return scanner.Unknowable(r.Range, "ingress blocks are generated from a collection only known after apply")
		}
		return scanner.Passed()
	},
}

var naclNoPublicCleartextPorts = &scanner.Rule{
	ID:    "aws-ec2-network-acl-no-public-cleartext-ports",
	Title: "Network ACLs do not let the internet reach FTP or Telnet",
	Description: "FTP (20-21) and Telnet (23) send passwords and data in clear text; a network ACL entry allowing " +
		"them from 0.0.0.0/0 or ::/0 lets the subnet boundary pass credentials anyone on the path can read, " +
		"leaving the instances' security groups as the only control. SOC 2 CC6.6 expects boundary protection and " +
		"CC6.7 protection of data in transmission. The ports are a parameter, cleartext_ports; only TCP entries " +
		"(and protocol -1) count. Entries allowing every port are also reported by " +
		"aws-ec2-network-acl-no-public-all-ports; the common ephemeral range 1024-65535 contains none of the " +
		"default ports." + naclNote,
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "CC6.7"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: naclTypes,
	Params: []scanner.Param{{
		Name:        "cleartext_ports",
		Description: "Ports of clear-text protocols that must not be reachable from the internet; entries are ports or ranges such as \"20-21\".",
		Default:     []string{"20-21", "23"},
	}},
	Remediation: "Replace FTP with SFTP or S3 transfers and Telnet with SSH or SSM Session Manager, and remove the " +
		"entries, or deny those ports from 0.0.0.0/0 and ::/0 with lower-numbered entries.",
	RemediationCode: naclDenyHCL("deny_ftp", 20, 21),
	Links:           naclLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_229"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_230"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 90
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 20
    to_port    = 23
  }

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 1023
  }

  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
}

resource "aws_network_acl_rule" "ftp_partner" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 120
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "203.0.113.0/24"
  from_port      = 21
  to_port        = 21
}`}},
	Bad: []scanner.Example{{Code: `
variable "port" {
  type = number
}

resource "aws_network_acl_rule" "ftp" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 21
  to_port        = 21
}

resource "aws_network_acl" "telnet" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no         = 100
    protocol        = "6"
    action          = "allow"
    ipv6_cidr_block = "::/0"
    from_port       = 23
    to_port         = 23
  }
}

resource "aws_network_acl_rule" "maybe" {
  network_acl_id = "acl-0fedcba9876543210"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = var.port
  to_port        = var.port
}`, Fails: []string{"aws_network_acl_rule.ftp", "aws_network_acl.telnet"}, Unknowns: []string{"aws_network_acl_rule.maybe"},
		Expect: map[string]scanner.Expected{"aws_network_acl_rule.ftp": {Message: "port 20-21"}}}},
	MoreExamples: withNACLUnionExamples(nil, "23"),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, bad := portsFrom(ctx, "cleartext_ports", r)
		if bad != nil {
			return *bad
		}
		return checkNACLExposure(r, ctx.Index, ports, false, "a clear-text protocol's port")
	},
}

// vpcRangeIngressExample is the good example the ingress port rules share:
// rules that open protocol and port to the VPC's and its subnets' blocks,
// known never to be the internet even when the blocks themselves are
// unknown, and one that adds a variable's block beside them, which stays
// unknown.
func vpcRangeIngressExample(protocol string, port int) scanner.Example {
	return scanner.Example{Code: fmt.Sprintf(`
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

resource "aws_subnet" "app" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.vpc_cidr, 8, count.index)
}

resource "aws_security_group" "internal" {
  vpc_id = aws_vpc.main.id

  ingress {
    description = "everything from the VPC and its subnets, whose blocks are never 0.0.0.0/0"
    protocol    = %[1]q
    from_port   = %[2]d
    to_port     = %[2]d
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc_security_group_ingress_rule" "subnets" {
  security_group_id = aws_security_group.internal.id
  ip_protocol       = %[1]q
  from_port         = %[2]d
  to_port           = %[2]d
  cidr_ipv4         = aws_subnet.app[0].cidr_block
}

resource "aws_security_group_rule" "subnets" {
  type              = "ingress"
  security_group_id = aws_security_group.internal.id
  protocol          = %[1]q
  from_port         = %[2]d
  to_port           = %[2]d
  cidr_blocks       = aws_subnet.app[*].cidr_block
}

resource "aws_security_group_rule" "extra" {
  type              = "ingress"
  security_group_id = aws_security_group.internal.id
  protocol          = %[1]q
  from_port         = %[2]d
  to_port           = %[2]d
  cidr_blocks       = [aws_vpc.main.cidr_block, var.extra_cidr]
}`, protocol, port), Unknowns: []string{"aws_security_group_rule.extra"}}
}

// vpcModuleIngressExample is a good example of rules admitting protocol
// and port from the blocks a VPC module's outputs give (the bundled model
// of terraform-aws-modules/vpc, whose subnets are only known after apply
// here), concatenated with a known private range or one element of them
// through a for_each; the same
// outputs concatenated with a variable or with 0.0.0.0/0 stay unknown.
func vpcModuleIngressExample(protocol string, port int) scanner.Example {
	return scanner.Example{Code: fmt.Sprintf(`
variable "vpc_cidr" {
  type = string
}

variable "extra_cidrs" {
  type = list(string)
}

data "aws_availability_zones" "available" {}

module "vpc" {
  source          = "terraform-aws-modules/vpc/aws"
  version         = "~> 6.0"
  cidr            = var.vpc_cidr
  azs             = data.aws_availability_zones.available.names
  private_subnets = [for k, v in data.aws_availability_zones.available.names : cidrsubnet(var.vpc_cidr, 8, k)]
}

resource "aws_security_group_rule" "private" {
  description       = "from the private subnets and the office network"
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = %[1]q
  from_port         = %[2]d
  to_port           = %[2]d
  cidr_blocks       = concat(module.vpc.private_subnets_cidr_blocks, ["10.1.0.0/16"])
}

resource "aws_vpc_security_group_ingress_rule" "subnet" {
  for_each = {
    first = { cidr = element(module.vpc.private_subnets_cidr_blocks, 0) }
  }
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = %[1]q
  from_port         = %[2]d
  to_port           = %[2]d
  cidr_ipv4         = each.value.cidr
}

resource "aws_security_group" "extra" {
  name = "extra"

  ingress {
    description = "var.extra_cidrs may hold 0.0.0.0/0"
    protocol    = %[1]q
    from_port   = %[2]d
    to_port     = %[2]d
    cidr_blocks = concat(module.vpc.private_subnets_cidr_blocks, var.extra_cidrs)
  }
}

resource "aws_security_group_rule" "world" {
  cidr_blocks       = concat(module.vpc.private_subnets_cidr_blocks, ["0.0.0.0/0"])
  description       = "holds 0.0.0.0/0, though the list as a whole is only known after apply"
  type              = "ingress"
  protocol          = %[1]q
  from_port         = %[2]d
  to_port           = %[2]d
  security_group_id = "sg-0123456789abcdef0"
}`, protocol, port), Unknowns: []string{"aws_security_group.extra", "aws_security_group_rule.world"}}
}
