package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption in transit on the legs the front-end rules do not see: from a
// load balancer to its targets, from SES to receiving mail servers, and
// the algorithms a Transfer Family server offers.

var lbTargetGroupHTTPS = &scanner.Rule{
	ID:    "aws-lb-target-group-not-http",
	Title: "Load balancer target groups do not forward requests over plain HTTP",
	Description: "An HTTPS listener decrypts requests at the load balancer; a target group with protocol = \"HTTP\" " +
		"forwards them, cookies and tokens included, unencrypted across the VPC to the targets (SOC 2 CC6.7 asks " +
		"for encryption of data in transit on every network hop that carries it). HTTPS target groups re-encrypt " +
		"the traffic; TCP, TLS, UDP and GENEVE target groups pass bytes through and are not judged here.",
	Severity:        scanner.Low,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_lb_target_group", "aws_alb_target_group"},
	Remediation:     "Use protocol = \"HTTPS\" and serve TLS on the targets (a self-signed certificate is accepted by the load balancer).",
	RemediationCode: "resource \"aws_lb_target_group\" \"app\" {\n  # ...\n  port     = 443\n  protocol = \"HTTPS\"\n}",
	Links:           []string{registryDoc("aws_lb_target_group", "protocol")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_378"}},
	Good: []scanner.Example{{Code: `
resource "aws_lb_target_group" "good" {
  name     = "app"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_lb_target_group" "passthrough" {
  name     = "tls"
  port     = 443
  protocol = "TCP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_lb_target_group" "lambda" {
  name        = "fn"
  target_type = "lambda"
}`, NotApplicable: []string{"aws_lb_target_group.lambda"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_alb_target_group" "plain" {
  name     = "app"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

variable "protocol" {
  type = string
}

resource "aws_lb_target_group" "maybe" {
  name     = "api"
  port     = 8080
  protocol = var.protocol
  vpc_id   = "vpc-0123456789abcdef0"
}`, Fails: []string{"aws_alb_target_group.plain"}, Unknowns: []string{"aws_lb_target_group.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		p := r.Attr("protocol")
		switch {
		case p.IsUnknown():
			return scanner.Unknowable(p.Range, "protocol is not known until apply")
		case p.IsNull():
			return scanner.DoesNotApply("no protocol: a Lambda target group")
		case p.Equals("HTTP"):
			return scanner.Failed(p.Range, "protocol is HTTP: requests travel unencrypted from the load balancer to the targets")
		}
		return scanner.Passed()
	},
}

var elbClassicBackendEncrypted = &scanner.Rule{
	ID:    "aws-elb-classic-backend-encrypted",
	Title: "Classic Load Balancers do not send decrypted traffic to instances in plain text",
	Description: "A Classic Load Balancer listener with instance_protocol = \"http\" forwards requests to the instances " +
		"unencrypted, and one that terminates TLS (lb_protocol https or ssl) then forwards over tcp sends the " +
		"decrypted bytes in plain text (SOC 2 CC6.7). tcp to tcp passes the client's bytes through unchanged and is " +
		"not judged here.",
	Severity:        scanner.Low,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_elb"},
	Remediation:     "Use instance_protocol = \"https\" (or \"ssl\") and serve TLS on the instances; better, migrate to an Application Load Balancer.",
	RemediationCode: "listener {\n  lb_port            = 443\n  lb_protocol        = \"https\"\n  instance_port      = 8443\n  instance_protocol  = \"https\"\n  ssl_certificate_id = aws_acm_certificate.web.arn\n}",
	Links:           []string{registryDoc("aws_elb", "listener")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_376"}},
	Good: []scanner.Example{{Code: `
resource "aws_elb" "good" {
  name               = "web"
  availability_zones = ["eu-west-1a"]
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8443
    instance_protocol  = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
  listener {
    lb_port           = 5432
    lb_protocol       = "tcp"
    instance_port     = 5432
    instance_protocol = "tcp"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elb" "http_backend" {
  name               = "web"
  availability_zones = ["eu-west-1a"]
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_elb" "ssl_to_tcp" {
  name               = "mq"
  availability_zones = ["eu-west-1a"]
  listener {
    lb_port            = 5671
    lb_protocol        = "ssl"
    instance_port      = 5672
    instance_protocol  = "tcp"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}`, Fails: []string{"aws_elb.http_backend", "aws_elb.ssl_to_tcp"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return elbListeners(r, func(l *scanner.Block) scanner.Result {
			front, back := l.Attr("lb_protocol"), l.Attr("instance_protocol")
			switch {
			case back.IsUnknown():
				return scanner.Unknowable(back.Range, "instance_protocol is not known until apply")
			case back.Equals("http"):
				return scanner.Failed(back.Range, "the listener on port %s forwards to the instances over plain HTTP", describeValue(l.Attr("lb_port")))
			case back.Equals("tcp") && front.IsUnknown():
				return scanner.Unknowable(front.Range, "lb_protocol is not known until apply")
			case back.Equals("tcp") && front.OneOf("https", "ssl"):
				return scanner.Failed(back.Range, "the listener on port %s terminates TLS and forwards the decrypted traffic over plain TCP", describeValue(l.Attr("lb_port")))
			}
			return scanner.Passed()
		})
	},
}

var sesConfigurationSetRequiresTLS = &scanner.Rule{
	ID:    "aws-ses-configuration-set-requires-tls",
	Title: "SES configuration sets deliver mail only over TLS",
	Description: "With delivery_options.tls_policy left at Optional (the default), SES falls back to plain SMTP when the " +
		"receiving server does not offer STARTTLS, so messages sent through the configuration set may cross the " +
		"internet unencrypted (SOC 2 CC6.7). Require makes SES refuse such deliveries.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_ses_configuration_set", "aws_sesv2_configuration_set"},
	Remediation:     "Add delivery_options { tls_policy = \"Require\" } (\"REQUIRE\" for aws_sesv2_configuration_set).",
	RemediationCode: "resource \"aws_ses_configuration_set\" \"mail\" {\n  name = \"mail\"\n  delivery_options {\n    tls_policy = \"Require\"\n  }\n}",
	Links: []string{
		registryDoc("aws_ses_configuration_set", "delivery_options"),
		"https://docs.aws.amazon.com/ses/latest/dg/security-protocols.html",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_365"}},
	Good: []scanner.Example{{Code: `
resource "aws_ses_configuration_set" "good" {
  name = "mail"
  delivery_options {
    tls_policy = "Require"
  }
}

resource "aws_sesv2_configuration_set" "good" {
  configuration_set_name = "mail-v2"
  delivery_options {
    tls_policy = "REQUIRE"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ses_configuration_set" "unset" {
  name = "mail"
}

resource "aws_sesv2_configuration_set" "optional" {
  configuration_set_name = "mail-v2"
  delivery_options {
    tls_policy = "OPTIONAL"
  }
}

variable "tls_policies" {
  type = list(string)
}

resource "aws_ses_configuration_set" "dynamic" {
  name = "mail-dynamic"
  dynamic "delivery_options" {
    for_each = var.tls_policies
    content {
      tls_policy = delivery_options.value
    }
  }
}`, Fails: []string{"aws_ses_configuration_set.unset", "aws_sesv2_configuration_set.optional"},
		Unknowns: []string{"aws_ses_configuration_set.dynamic"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		p := r.Get("delivery_options", "tls_policy")
		switch {
		case p.IsUnknown():
			return scanner.Unknowable(p.Range, "delivery_options.tls_policy is not known until apply")
		case p.Equals("Require"):
			return scanner.Passed()
		case p.IsNull():
			return scanner.Failed(p.Range, "delivery_options.tls_policy is not set (Optional): SES delivers in plain text to servers without STARTTLS")
		}
		return scanner.Failed(p.Range, "delivery_options.tls_policy is %s: SES delivers in plain text to servers without STARTTLS", scanner.Quote(p))
	},
}

// transferPolicyDate finds the year and month in a Transfer Family security
// policy name, "TransferSecurityPolicy-FIPS-2024-01" → "2024-01".
var transferPolicyDate = lazyre.New(`(\d{4})-(\d{2})`)

var transferServerSecurityPolicy = &scanner.Rule{
	ID:    "aws-transfer-server-security-policy-current",
	Title: "Transfer Family servers use a current security policy",
	Description: "security_policy_name picks the SSH and TLS algorithms a Transfer Family server offers; it defaults to " +
		"TransferSecurityPolicy-2018-11. The policies AWS published before 2022 keep algorithms its newer policies " +
		"dropped (SHA-1 key exchange and MACs, CBC ciphers in the 2018-11 family), so clients may negotiate them " +
		"(SOC 2 CC6.7). The oldest accepted policy date is a parameter, 2022-03 by default.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"aws_transfer_server"},
	Params: []scanner.Param{{
		Name:        "oldest_policy_date",
		Description: "Year and month (YYYY-MM) of the oldest security policy accepted.",
		Default:     "2022-03",
	}},
	Remediation:     "Set security_policy_name to a current policy such as TransferSecurityPolicy-2024-01 (or its FIPS variant).",
	RemediationCode: "resource \"aws_transfer_server\" \"sftp\" {\n  # ...\n  security_policy_name = \"TransferSecurityPolicy-2024-01\"\n}",
	Links: []string{
		registryDoc("aws_transfer_server", "security_policy_name"),
		"https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_380"}},
	Good: []scanner.Example{{Code: `
resource "aws_transfer_server" "good" {
  security_policy_name = "TransferSecurityPolicy-2024-01"
}

resource "aws_transfer_server" "fips" {
  security_policy_name = "TransferSecurityPolicy-FIPS-2023-05"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_transfer_server" "default" {
}

resource "aws_transfer_server" "old" {
  security_policy_name = "TransferSecurityPolicy-FIPS-2020-06"
}

variable "policy" {
  type = string
}

resource "aws_transfer_server" "maybe" {
  security_policy_name = var.policy
}`, Fails: []string{"aws_transfer_server.default", "aws_transfer_server.old"}, Unknowns: []string{"aws_transfer_server.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		p := r.Attr("security_policy_name")
		oldest := ctx.String("oldest_policy_date")
		switch {
		case p.IsUnknown():
			return scanner.Unknowable(p.Range, "security_policy_name is not known until apply")
		case p.IsNull():
			return scanner.Failed(p.Range, "security_policy_name is not set: the server uses TransferSecurityPolicy-2018-11, older than %s", oldest)
		}
		name, _ := p.AsString()
		m := transferPolicyDate().FindStringSubmatch(name)
		if m == nil {
			return scanner.Unknowable(p.Range, "security_policy_name %s carries no date to compare with %s", scanner.Quote(p), oldest)
		}
		if m[1]+"-"+m[2] < oldest {
			return scanner.Failed(p.Range, "security_policy_name is %s, older than %s: the server still offers algorithms newer policies dropped", scanner.Quote(p), oldest)
		}
		return scanner.Passed()
	},
}

// elbListeners judges every listener of a Classic Load Balancer with
// judge: any failure fails the load balancer, and listeners only known
// after apply make it unknown.
func elbListeners(r *scanner.Resource, judge func(l *scanner.Block) scanner.Result) scanner.Result {
	var results []scanner.Result
	for _, l := range r.Blocks("listener") {
		results = append(results, judge(l))
	}
	if r.BlocksUnknown("listener") {
		results = append(results, scanner.Unknowable(r.Range, "the listeners are not known until apply"))
	}
	return worst(results...)
}
