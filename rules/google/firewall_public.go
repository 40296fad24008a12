package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// firewallFormsNote says how the public-exposure rules read a firewall
// rule, shared by the rules that ask about ports.
const firewallFormsNote = " Only enabled INGRESS rules whose source_ranges hold 0.0.0.0/0 or ::/0 (or that have no " +
	"source at all, which the API applies to every address) count; allow blocks without ports open every port, " +
	"and deny blocks never fail."

var firewallNoPublicHTTP = &scanner.Rule{
	ID:    "google-compute-firewall-no-public-http",
	Title: "VPC firewall rules do not open plain HTTP (port 80) to the internet",
	Description: "HTTP on port 80 carries requests, cookies and credentials in clear text; open to 0.0.0.0/0 or ::/0 " +
		"it invites clients to use the unencrypted listener. SOC 2 CC6.6 expects boundary protection and CC6.7 " +
		"protection of data in transmission. TCP (and protocol all) count, UDP does not. A rule whose port 80 only " +
		"serves an HTTPS redirect or an ACME HTTP-01 challenge is a common, accepted exception: suppress the finding " +
		"with that reason." + firewallFormsNote + firewallPolicyRulesNote,
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.7"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: firewallTypes,
	Params: []scanner.Param{{
		Name:        "http_ports",
		Description: "Plain-HTTP ports that must not be reachable from the internet; entries are ports or ranges such as \"8080-8081\".",
		Default:     []string{"80"},
	}},
	Remediation: "Serve the internet on 443 only (an external HTTPS load balancer can redirect HTTP itself), or " +
		"suppress this finding when port 80 only redirects to HTTPS.",
	RemediationCode: `resource "google_compute_firewall" "https" {
  name          = "allow-https"
  network       = google_compute_network.main.id
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["web"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}`,
	Links: []string{
		googleDocs + "compute_firewall",
		"https://cloud.google.com/load-balancing/docs/https/setting-up-http-https-redirect",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_106"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_compute_firewall" "https" {
  name          = "https"
  network       = "main"
  source_ranges = ["0.0.0.0/0", "::/0"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  allow {
    protocol = "udp"
    ports    = ["80"]
  }
}

resource "google_compute_firewall" "internal_http" {
  name          = "internal-http"
  network       = "main"
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}

resource "google_compute_firewall" "deny_http" {
  name          = "deny-http"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  deny {
    protocol = "tcp"
    ports    = ["80"]
  }
}

resource "google_compute_firewall" "disabled" {
  name          = "http-disabled"
  network       = "main"
  disabled      = true
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}

resource "google_compute_firewall" "egress" {
  name               = "egress-http"
  network            = "main"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}`, NotApplicable: []string{"google_compute_firewall.egress"}}}
		bad = []scanner.Example{{Code: `
variable "ranges" {
  type = list(string)
}

resource "google_compute_firewall" "http" {
  name          = "http"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }
}

resource "google_compute_firewall" "range" {
  name          = "range"
  network       = "main"
  direction     = "INGRESS"
  source_ranges = ["10.0.0.0/8", "::/0"]
  allow {
    protocol = "6"
    ports    = ["1-1024"]
  }
}

resource "google_compute_firewall" "all" {
  name          = "all"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "no_source" {
  name    = "no-source"
  network = "main"
  allow {
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "unknown" {
  name          = "unknown"
  network       = "main"
  source_ranges = var.ranges
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}`,
			Fails: []string{
				"google_compute_firewall.http",
				"google_compute_firewall.range",
				"google_compute_firewall.all",
				"google_compute_firewall.no_source",
			},
			Unknowns: []string{"google_compute_firewall.unknown"},
			Expect:   map[string]scanner.Expected{"google_compute_firewall.http": {Line: 12, Message: "TCP port 80"}},
		}, {Code: `
resource "google_compute_firewall" "alt" {
  name          = "alt-http"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
}

resource "google_compute_firewall" "plain" {
  name          = "plain-http"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}`,
			Params: map[string]any{"http_ports": []string{"8080-8081"}},
			Fails:  []string{"google_compute_firewall.alt"},
		}, {
			Code:   policyRuleHCL("http", "tcp", `["80"]`),
			Fails:  []string{"google_compute_network_firewall_policy_rule.http"},
			Expect: map[string]scanner.Expected{"google_compute_network_firewall_policy_rule.http": {Message: "80"}},
		}}
		return good, bad
	},
	Check: publicPortsCheck("http_ports"),
}

// portProtocols are the firewall protocols whose allow blocks take ports;
// every other protocol (icmp, esp, ah, ipip, other numbers) has none.
var portProtocols = map[string]bool{"tcp": true, "udp": true, "sctp": true, "6": true, "17": true, "132": true}

var firewallPublicPortsAllowListed = &scanner.Rule{
	ID:    "google-compute-firewall-public-ports-allow-listed",
	Title: "VPC firewall rules open only allow-listed ports to the internet",
	Description: "Every port open to 0.0.0.0/0 or ::/0 is a service the whole internet can probe. Most systems need " +
		"only their web ports in front of the internet; anything else (a message broker, a metrics endpoint, a " +
		"custom admin console) belongs behind a load balancer, IAP, VPN or private network. SOC 2 CC6.6 expects the " +
		"boundary to admit only needed traffic. The allow-list is a parameter, public_ports, whose default is our " +
		"choice of 80 and 443; any TCP, UDP or SCTP port outside it open to the internet is a finding, and so is " +
		"protocol all or a protocol without ports (ICMP, ESP, AH, IPIP, a protocol number), which no port allow-list " +
		"can admit." + firewallFormsNote + firewallPolicyRulesNote,
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: firewallTypes,
	Params: []scanner.Param{{
		Name:        "public_ports",
		Description: "Ports that may be open to the internet; entries are ports or ranges such as \"8443-8444\". Default: 80 and 443.",
		Default:     []string{"80", "443"},
	}},
	Remediation: "Open only the allow-listed ports to the internet; restrict every other port and protocol to known " +
		"source ranges, tags or service accounts, or add the port to public_ports when it is meant to be public.",
	RemediationCode: `resource "google_compute_firewall" "metrics" {
  name        = "metrics-from-monitoring"
  network     = google_compute_network.main.id
  direction   = "INGRESS"
  source_tags = ["monitoring"]
  target_tags = ["app"]

  allow {
    protocol = "tcp"
    ports    = ["9100"]
  }
}`,
	Links: []string{
		googleDocs + "compute_firewall#allow",
		"https://cloud.google.com/firewall/docs/firewalls",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0027"},
		{Tool: scanner.ToolTfsec, ID: "google-compute-no-public-ingress"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_compute_firewall" "web" {
  name          = "web"
  network       = "main"
  source_ranges = ["0.0.0.0/0", "::/0"]
  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }
  allow {
    protocol = "udp"
    ports    = ["443"]
  }
}

resource "google_compute_firewall" "internal" {
  name          = "internal"
  network       = "main"
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "tagged" {
  name        = "from-bastion"
  network     = "main"
  source_tags = ["bastion"]
  allow {
    protocol = "icmp"
  }
}

resource "google_compute_firewall" "deny_all" {
  name          = "deny-all"
  network       = "main"
  priority      = 65000
  source_ranges = ["0.0.0.0/0"]
  deny {
    protocol = "all"
  }
}

resource "google_compute_firewall" "disabled" {
  name          = "ssh-disabled"
  network       = "main"
  disabled      = true
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "egress" {
  name               = "egress"
  network            = "main"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}`, NotApplicable: []string{"google_compute_firewall.egress"}}}
		bad = []scanner.Example{{Code: `
resource "google_compute_firewall" "broker" {
  name          = "broker"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443", "5671-5672"]
  }
}

resource "google_compute_firewall" "ping" {
  name          = "allow-ping"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "icmp"
  }
}

resource "google_compute_firewall" "dns" {
  name          = "dns"
  network       = "main"
  source_ranges = ["::/0"]
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
}

resource "google_compute_firewall" "all" {
  name          = "all"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "tcp_no_ports" {
  name    = "tcp-no-ports"
  network = "main"
  allow {
    protocol = "tcp"
  }
}`,
			Fails: []string{
				"google_compute_firewall.broker",
				"google_compute_firewall.ping",
				"google_compute_firewall.dns",
				"google_compute_firewall.all",
				"google_compute_firewall.tcp_no_ports",
			},
			Expect: map[string]scanner.Expected{
				"google_compute_firewall.broker":       {Line: 8, Message: "TCP port 5671-5672"},
				"google_compute_firewall.ping":         {Line: 17, Message: "protocol icmp"},
				"google_compute_firewall.tcp_no_ports": {Message: "port 1-79"},
			},
		}, {Code: `
variable "ports" {
  type = list(string)
}

variable "protocol" {
  type = string
}

resource "google_compute_firewall" "maybe_ports" {
  name          = "maybe-ports"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = var.ports
  }
}

resource "google_compute_firewall" "maybe_protocol" {
  name          = "maybe-protocol"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = var.protocol
    ports    = ["443"]
  }
}

resource "google_compute_firewall" "alt_https" {
  name          = "alt-https"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443", "8443"]
  }
}

resource "google_compute_firewall" "console" {
  name          = "console"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["8443-9000"]
  }
}`,
			Params:   map[string]any{"public_ports": []string{"443", "8443"}},
			Fails:    []string{"google_compute_firewall.console"},
			Unknowns: []string{"google_compute_firewall.maybe_ports", "google_compute_firewall.maybe_protocol"},
			Expect:   map[string]scanner.Expected{"google_compute_firewall.console": {Message: "port 8444-9000"}},
		}, {
			Code:   policyRuleHCL("broker", "tcp", `["443", "5672"]`),
			Fails:  []string{"google_compute_network_firewall_policy_rule.broker"},
			Expect: map[string]scanner.Expected{"google_compute_network_firewall_policy_rule.broker": {Message: "5672"}},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		allowed, err := ruleutil.PortsParam(ctx, "public_ports")
		if err != nil {
			return scanner.Unknowable(r.Range, "%v", err)
		}
		world, res, decided := ingressFromWorld(r)
		if decided {
			return res
		}
		allows, unknown := firewallAllows(r)
		for _, allow := range allows {
			protocol := allow.Protocol
			if protocol.IsUnknown() {
				unknown = true
				continue
			}
			if protocol.IsNull() {
				continue
			}
			p := strings.ToLower(strings.TrimSpace(protocol.StringOr("")))
			switch {
			case p == "all":
				return scanner.Failed(allow.Range, "ingress from %s is allowed for every protocol and port, outside the public allow-list", world)
			case !portProtocols[p]:
				return scanner.Failed(protocol.Range, "ingress from %s is allowed for protocol %s, which has no ports and is outside the public allow-list", world, p)
			}
			label := strings.ToUpper(p)
			specs := allow.Ports
			list, incomplete := specs.KnownStrings()
			if specs.IsNull() || (!incomplete && len(list) == 0) {
				if out, ok := ruleutil.FirstOutside(ruleutil.AllPorts, allowed); ok {
					return scanner.Failed(allow.Range, "ingress from %s is allowed on every %s port, including %s port %s outside the public allow-list",
						world, label, label, out)
				}
				continue
			}
			for _, spec := range list {
				opened, err := ruleutil.ParsePortRange(spec)
				if err != nil {
					return scanner.Unknowable(specs.Range, "port %v", err)
				}
				if out, ok := ruleutil.FirstOutside(opened, allowed); ok {
					return scanner.Failed(specs.Range, "ingress from %s is allowed to %s port %s (ports %q), outside the public allow-list",
						world, label, out, spec)
				}
			}
			unknown = unknown || incomplete
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the rule's allowed protocols or ports are not known until apply")
		}
		return scanner.Passed()
	},
}
