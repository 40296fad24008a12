package azure

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var nsgNoPublicAdminPorts = &scanner.Rule{
	ID:    "azure-network-nsg-no-public-admin-ports",
	Title: "Network security groups do not allow SSH, RDP or WinRM from the internet",
	Description: "An inbound Allow rule from *, Internet or 0.0.0.0/0 to a remote-administration port (by default " +
		ruleutil.AdminPortsText + ") exposes machine logins to " +
		"constant brute-force and exploit attempts from the whole internet. CC6.6 expects boundary protection and extra " +
		"authentication for remote access; use Azure Bastion, a VPN or just-in-time access instead. Rules are checked both " +
		"as azurerm_network_security_rule resources and as inline security_rule blocks, with single ports, ranges, lists " +
		"and wildcards.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"azurerm_network_security_rule", "azurerm_network_security_group"},
	Params: []scanner.Param{{
		Name:        "admin_ports",
		Description: "Ports that must not be reachable from the internet; entries are ports or ranges such as \"5985-5986\".",
		Default:     ruleutil.DefaultAdminPorts(),
	}},
	Remediation: "Restrict source_address_prefix(es) to known networks or a service tag such as VirtualNetwork, or remove the " +
		"rule and reach machines through Azure Bastion.",
	RemediationCode: `resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh-from-office"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = ["203.0.113.0/24"]
  destination_address_prefix  = "VirtualNetwork"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule",
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_group#security_rule",
		"https://learn.microsoft.com/en-us/azure/bastion/bastion-overview",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_9"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_10"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0048"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0050"},
		{Tool: scanner.ToolTfsec, ID: "azure-network-disable-rdp-from-internet"},
		{Tool: scanner.ToolTfsec, ID: "azure-network-ssh-blocked-from-internet"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_network_security_rule" "ssh_office" {
  name                        = "ssh"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "203.0.113.0/24"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "winrm_private" {
  name                        = "winrm"
  priority                    = 105
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "5985-5986"
  source_address_prefixes     = ["10.0.0.0/8", "192.168.0.0/16"]
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "https_world" {
  name                        = "https"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["80", "443"]
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "udp_low_ports" {
  name                        = "udp-low"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_range      = "20-25"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "deny_all" {
  name                        = "deny-all"
  priority                    = 4000
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_group" "web" {
  name                = "web"
  location            = "West Europe"
  resource_group_name = "rg"

  security_rule {
    name                       = "https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "ssh-out"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "source" {
  type = string
}

resource "azurerm_network_security_rule" "ssh_world" {
  name                        = "ssh"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "rdp_range" {
  name                        = "rdp"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = ["443", "3000-4000"]
  source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"]
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "unknown_source" {
  name                        = "ssh-unknown"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = var.source
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_group" "inline" {
  name                = "inline"
  location            = "West Europe"
  resource_group_name = "rg"

  security_rule {
    name                       = "https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "all"
    priority                   = 200
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}`,
		Fails: []string{
			"azurerm_network_security_rule.ssh_world",
			"azurerm_network_security_rule.rdp_range",
			"azurerm_network_security_group.inline",
		},
		Unknowns: []string{"azurerm_network_security_rule.unknown_source"},
		Expect: map[string]scanner.Expected{
			"azurerm_network_security_rule.ssh_world":      {Line: 13, Message: "port 22"},
			"azurerm_network_security_rule.rdp_range":      {Line: 27, Message: "port 3389"},
			"azurerm_network_security_rule.unknown_source": {Line: 42},
			"azurerm_network_security_group.inline":        {Line: 72, Message: `security_rule "all"`},
		},
	}, {Code: `
resource "azurerm_network_security_rule" "winrm" {
  name                        = "winrm"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "5986"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_rule" "ssh_elsewhere" {
  name                        = "ssh"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}`,
		Params: map[string]any{"admin_ports": []string{"5985-5986"}},
		Fails:  []string{"azurerm_network_security_rule.winrm"},
	}, {Code: `
resource "azurerm_network_security_rule" "winrm_http" {
  name                        = "winrm-http"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "5985"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}

resource "azurerm_network_security_group" "winrm_https" {
  name                = "winrm"
  location            = "West Europe"
  resource_group_name = "rg"

  security_rule {
    name                       = "winrm-https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["443", "5986"]
    source_address_prefix      = "0.0.0.0/0"
    destination_address_prefix = "*"
  }
}`,
		Fails: []string{
			"azurerm_network_security_rule.winrm_http",
			"azurerm_network_security_group.winrm_https",
		},
		Expect: map[string]scanner.Expected{
			"azurerm_network_security_rule.winrm_http":   {Message: "port 5985"},
			"azurerm_network_security_group.winrm_https": {Message: `security_rule "winrm-https"`},
		},
	}},
	MoreExamples: withUnionSourceExamples(nil),
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		ports, err := ruleutil.PortsParam(ctx, "admin_ports")
		if err != nil {
			return scanner.Unknowable(r.Range, "%v", err)
		}
		return nsgRulesCheck(r, func(rule *scanner.Block) scanner.Result { return nsgRuleExposure(rule, ports) })
	},
}

// nsgRulesCheck decides an azurerm_network_security_rule, or each inline
// security_rule block of an azurerm_network_security_group, with decide:
// the group fails on its first failing block, named in the message.
func nsgRulesCheck(r *scanner.Resource, decide func(*scanner.Block) scanner.Result) scanner.Result {
	if r.Type == "azurerm_network_security_rule" {
		return decide(r.Block)
	}
	unknown := r.BlocksUnknown("security_rule")
	for _, rule := range r.Blocks("security_rule") {
		res := decide(rule)
		switch res.Status {
		case scanner.Fail:
			name := rule.Attr("name").StringOr("unnamed")
			res.Message = fmt.Sprintf("security_rule %q: %s", name, res.Message)
			return res
		case scanner.Unknown:
			unknown = true
		}
	}
	if unknown {
		return scanner.Unknowable(r.Range, "some security_rule blocks are not known until apply")
	}
	return scanner.Passed()
}

// nsgRuleExposure decides one NSG rule (a resource or an inline block):
// fail when it allows inbound traffic from the internet to an admin port.
func nsgRuleExposure(rule *scanner.Block, ports []ruleutil.PortRange) scanner.Result {
	if res, decided := nsgInboundAllow(rule); decided {
		return res
	}
	protocol := rule.Attr("protocol")
	if protocol.OneOf("Icmp", "Esp", "Ah") {
		return scanner.Passed()
	}
	public, res, decided := nsgPublicSource(rule)
	if decided {
		return res
	}
	dst, dstIncomplete := nsgList(rule, "destination_port_range", "destination_port_ranges")
	for _, spec := range dst {
		opened, err := ruleutil.ParsePortRange(spec)
		if err != nil {
			return scanner.Unknowable(rule.Attr("destination_port_range").Range, "destination port %v", err)
		}
		for _, p := range ports {
			if p.Is(22) && protocol.Equals("Udp") {
				// SSH runs over TCP only (RDP also uses UDP 3389).
				continue
			}
			if opened.Overlaps(p) {
				return scanner.Failed(nsgDestinationPorts(rule).Range, "inbound %s traffic from %q is allowed to port %s (destination ports %q)",
					strings.ToUpper(protocol.StringOr("*")), public, p, spec)
			}
		}
	}
	if dstIncomplete {
		return scanner.Unknowable(rule.Attr("destination_port_range").Range, "the rule's destination ports are not known until apply")
	}
	return scanner.Passed()
}

// nsgInboundAllow decides the rules that are not inbound Allow rules
// (passed) and those whose direction, access or protocol is only known
// after apply; decided is false for a known inbound Allow rule.
func nsgInboundAllow(rule *scanner.Block) (scanner.Result, bool) {
	direction, access, protocol := rule.Attr("direction"), rule.Attr("access"), rule.Attr("protocol")
	for _, v := range []scanner.Value{direction, access, protocol} {
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name), true
		}
	}
	if !direction.Equals("Inbound") || !access.Equals("Allow") {
		return scanner.Passed(), true
	}
	return scanner.Result{}, false
}

// nsgPublicSource returns the first source of an NSG rule that is the whole
// internet (*, Internet, 0.0.0.0/0); decided is set, with the result, when
// no source is (passed) or the sources are only known after apply.
func nsgPublicSource(rule *scanner.Block) (public string, res scanner.Result, decided bool) {
	src, srcIncomplete := nsgList(rule, "source_address_prefix", "source_address_prefixes")
	for _, s := range src {
		if isPublicSource(s) {
			return s, scanner.Result{}, false
		}
	}
	// Prefixes that cover the internet together (0.0.0.0/1 and
	// 128.0.0.0/1) are as open as 0.0.0.0/0.
	if desc, ok := ruleutil.UnionCoversInternet(src); ok {
		return desc, scanner.Result{}, false
	}
	if srcIncomplete {
		return "", scanner.Unknowable(rule.Attr("source_address_prefix").Range, "the rule's source addresses are not known until apply"), true
	}
	return "", scanner.Passed(), true
}

// nsgDestinationPorts returns the argument that holds an NSG rule's
// destination ports, for a finding to point at.
func nsgDestinationPorts(rule *scanner.Block) scanner.Value {
	at := rule.Attr("destination_port_range")
	if !at.Present {
		at = rule.Attr("destination_port_ranges")
	}
	return at
}

// nsgList merges the known values of an NSG rule's singular and plural
// forms of an argument (source_address_prefix and source_address_prefixes).
// incomplete is set when either is only known after apply, in part.
func nsgList(rule *scanner.Block, single, plural string) (values []string, incomplete bool) {
	for _, name := range []string{single, plural} {
		items, partly := rule.Attr(name).KnownStrings()
		values = append(values, items...)
		incomplete = incomplete || partly
	}
	return values, incomplete
}
