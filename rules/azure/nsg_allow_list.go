package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var nsgPublicPortsAllowListed = &scanner.Rule{
	ID:    "azure-network-nsg-public-ports-allow-listed",
	Title: "Network security groups open only allow-listed ports to the internet",
	Description: "Every port open to the whole internet is a service anyone can probe. Most systems need only their web " +
		"ports in front of the internet; anything else (a message broker, a metrics endpoint, a custom admin console) " +
		"belongs behind a load balancer, Application Gateway, VPN or private network. SOC 2 CC6.6 expects the boundary " +
		"to admit only needed traffic. The allow-list is a parameter, public_ports, whose default is our choice of 80 " +
		"and 443. An inbound Allow rule from *, Internet or 0.0.0.0/0 fails when a destination port outside the list " +
		"is open, and also for protocol Icmp, Esp or Ah, which have no ports no allow-list can admit; protocol * (Any) " +
		"is judged by its destination ports, as Azure applies them. Rules are checked both as azurerm_network_security_rule resources and as " +
		"inline security_rule blocks, with single ports, ranges, lists and wildcards.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"azurerm_network_security_rule", "azurerm_network_security_group"},
	Params: []scanner.Param{{
		Name:        "public_ports",
		Description: "Ports that may be open to the internet; entries are ports or ranges such as \"8443-8444\". Default: 80 and 443.",
		Default:     []string{"80", "443"},
	}},
	Remediation: "Open only the allow-listed ports to the internet with protocol Tcp or Udp; restrict every other port " +
		"and protocol to known prefixes or service tags such as VirtualNetwork, or add the port to public_ports when it " +
		"is meant to be public.",
	RemediationCode: `resource "azurerm_network_security_rule" "https" {
  name                        = "https-from-internet"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "VirtualNetwork"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule",
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_group#security_rule",
		"https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTfsec, ID: "azure-network-no-public-ingress"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_network_security_group" "web" {
  name                = "web"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "web"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["80", "443"]
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "deny-rest"
    priority                   = 4000
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "internal" {
  name                        = "internal"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "outbound" {
  name                        = "outbound"
  priority                    = 120
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "Internet"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

# Protocol * (Any) is judged by its ports: 443 is on the allow-list.
resource "azurerm_network_security_rule" "any_https" {
  name                        = "any-https"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefixes     = ["10.0.0.0/8", "Internet"]
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_network_security_group" "broker" {
  name                = "broker"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "amqp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["443", "5671-5672"]
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "ping" {
  name                        = "ping"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Icmp"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "0.0.0.0/0"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "everything" {
  name                        = "everything"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}`,
		Fails: []string{
			"azurerm_network_security_group.broker",
			"azurerm_network_security_rule.ping",
			"azurerm_network_security_rule.everything",
		},
		Expect: map[string]scanner.Expected{
			"azurerm_network_security_group.broker":    {Line: 14, Message: `security_rule "amqp": inbound TCP traffic from "*" is allowed to port 5671-5672`},
			"azurerm_network_security_rule.ping":       {Line: 25, Message: "ICMP"},
			"azurerm_network_security_rule.everything": {Message: "port 1-79"},
		},
	}, {Code: `
variable "ports" {
  type = list(string)
}

variable "source" {
  type = string
}

resource "azurerm_network_security_rule" "maybe_ports" {
  name                        = "maybe-ports"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = var.ports
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "maybe_source" {
  name                        = "maybe-source"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "9000"
  source_address_prefix       = var.source
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "alt_https" {
  name                        = "alt-https"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["443", "8443"]
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "console" {
  name                        = "console"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_range      = "8443-9000"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}`,
		Params:   map[string]any{"public_ports": []string{"443", "8443"}},
		Fails:    []string{"azurerm_network_security_rule.console"},
		Unknowns: []string{"azurerm_network_security_rule.maybe_ports", "azurerm_network_security_rule.maybe_source"},
		Expect:   map[string]scanner.Expected{"azurerm_network_security_rule.console": {Message: "port 8444-9000"}},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		allowed, err := ruleutil.PortsParam(ctx, "public_ports")
		if err != nil {
			return scanner.Unknowable(r.Range, "%v", err)
		}
		return nsgRulesCheck(r, func(rule *scanner.Block) scanner.Result { return nsgOutsideAllowList(rule, allowed) })
	},
}

// nsgOutsideAllowList decides one NSG rule (a resource or an inline
// block): fail when it allows inbound traffic from the internet to a port
// outside allowed, or for a protocol without ports.
func nsgOutsideAllowList(rule *scanner.Block, allowed []ruleutil.PortRange) scanner.Result {
	if res, decided := nsgInboundAllow(rule); decided {
		return res
	}
	public, res, decided := nsgPublicSource(rule)
	if decided {
		return res
	}
	protocol := rule.Attr("protocol")
	label := strings.ToUpper(protocol.StringOr("*"))
	if protocol.OneOf("Icmp", "Esp", "Ah") {
		return scanner.Failed(protocol.Range, "inbound %s traffic from %q is allowed; %s has no ports and is outside the public allow-list",
			label, public, label)
	}
	dst, dstIncomplete := nsgList(rule, "destination_port_range", "destination_port_ranges")
	for _, spec := range dst {
		opened, err := ruleutil.ParsePortRange(spec)
		if err != nil {
			return scanner.Unknowable(nsgDestinationPorts(rule).Range, "destination port %v", err)
		}
		if out, ok := ruleutil.FirstOutside(opened, allowed); ok {
			return scanner.Failed(nsgDestinationPorts(rule).Range, "inbound %s traffic from %q is allowed to port %s (destination ports %q), outside the public allow-list",
				label, public, out, spec)
		}
	}
	if dstIncomplete {
		return scanner.Unknowable(rule.Attr("destination_port_range").Range, "the rule's destination ports are not known until apply")
	}
	return scanner.Passed()
}
