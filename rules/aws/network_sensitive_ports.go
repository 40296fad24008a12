package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// sensitivePorts are services that should never face the internet: remote
// administration, file sharing, directory and name services, cleartext mail
// and transfer, cluster and container control planes, caches, queues and
// data stores.
var sensitivePorts = []string{
	"20-23", "25", "69", "110", "135", "137-139", "143", "161-162", "389", "445", "636", "873",
	"1433-1434", "1521", "2049", "2375-2376", "2379-2380", "2383", "2483-2484", "3020", "3306", "3389",
	"4333", "5432", "5500", "5601", "5900", "5984", "6379", "6443", "7000-7001", "8140", "9042",
	"9092", "9160", "9200-9300", "10250", "11211", "27017-27018", "50070", "61620-61621",
}

var sgNoPublicSensitivePorts = &scanner.Rule{
	ID:    "aws-ec2-security-group-no-public-sensitive-ports",
	Title: "Security groups do not open sensitive service ports to the internet",
	Description: "Services such as Telnet, FTP, SMB, NetBIOS, RPC, SNMP, LDAP, VNC, NFS, the Docker and " +
		"Kubernetes APIs, etcd, Kafka, Memcached and the common databases are not meant to be reached from " +
		"the internet: open to 0.0.0.0/0 or ::/0 on TCP or UDP they invite password guessing, amplification " +
		"and exploitation of every unpatched flaw. SOC 2 CC6.6 expects such services behind the system " +
		"boundary. The ports are a parameter; a rule whose range covers one of them fails." + sgFormsNote,
	Severity:      scanner.High,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: sgIngressTypes,
	Params: []scanner.Param{{
		Name:        "sensitive_ports",
		Description: "Ports that must not be reachable from the internet; entries are ports or ranges such as \"137-139\".",
		Default:     sensitivePorts,
	}},
	Remediation: "Allow these ports only from the security groups or private CIDRs that need them, and reach " +
		"administrative services through a VPN or SSM Session Manager.",
	RemediationCode: `resource "aws_vpc_security_group_ingress_rule" "nfs_from_app" {
  security_group_id            = aws_security_group.files.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
}`,
	Links: sgLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "Sensitive Port Is Exposed To Entire Network"},
		{Tool: scanner.ToolKICS, ID: "SQL Analysis Services Port 2383 (TCP) Is Publicly Accessible"},
	},
	MoreExamples: withUnionExamples(func() (good, bad []scanner.Example) {
		good = []scanner.Example{vpcRangeIngressExample("udp", 161), {Code: `
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = "sg-1"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}

variable "office_ip" {
  type = string
}

variable "site" {
  type = number
}

# One address, and a range under 10.0.0.0/8, whatever the variables hold:
# neither is the internet.
resource "aws_vpc_security_group_ingress_rule" "office_smb" {
  security_group_id = "sg-1"
  ip_protocol       = "tcp"
  from_port         = 445
  to_port           = 445
  cidr_ipv4         = "${var.office_ip}/32"
}

resource "aws_security_group_rule" "site_nfs" {
  type              = "ingress"
  security_group_id = "sg-1"
  protocol          = "tcp"
  from_port         = 2049
  to_port           = 2049
  cidr_blocks       = ["10.${var.site}.0.0/16"]
}`}}
		bad = []scanner.Example{{Code: `
resource "aws_security_group" "files" {
  name = "files"

  ingress {
    protocol    = "udp"
    from_port   = 130
    to_port     = 140
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "docker" {
  security_group_id = "sg-1"
  ip_protocol       = "tcp"
  from_port         = 2375
  to_port           = 2375
  cidr_ipv6         = "::/0"
}

variable "cidr" {
  type = string
}

resource "aws_security_group_rule" "maybe" {
  type              = "ingress"
  security_group_id = "sg-1"
  protocol          = "tcp"
  from_port         = 445
  to_port           = 445
  cidr_blocks       = [var.cidr]
}

resource "aws_vpc_security_group_ingress_rule" "maybe_world" {
  security_group_id = "sg-1"
  ip_protocol       = "tcp"
  from_port         = 445
  to_port           = 445
  cidr_ipv4         = "${var.cidr}/0"
}`, Fails: []string{"aws_security_group.files", "aws_vpc_security_group_ingress_rule.docker"},
			Unknowns: []string{"aws_security_group_rule.maybe", "aws_vpc_security_group_ingress_rule.maybe_world"}}}
		return good, bad
	}, 2049, 2049),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, bad := portsFrom(ctx, "sensitive_ports", r)
		if bad != nil {
			return *bad
		}
		return checkSGExposure(r, ctx.Index, portQuery{ports: ports}, "a sensitive service port")
	},
}
