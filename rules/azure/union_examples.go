package azure

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// unionSourceExamples are NSG rules whose source prefixes cover the
// internet only together (0.0.0.0/1 with 128.0.0.0/1), and prefixes that
// do not, for the SSH port.
func unionSourceExamples() (good, bad []scanner.Example) {
	good = []scanner.Example{{Code: `
resource "azurerm_network_security_rule" "half" {
  name                        = "ssh-half"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = ["0.0.0.0/1", "10.0.0.0/8"]
  destination_address_prefix  = "*"
}`}}
	bad = []scanner.Example{{Code: `
resource "azurerm_network_security_rule" "halves" {
  name                        = "ssh-halves"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = ["0.0.0.0/1", "128.0.0.0/1"]
  destination_address_prefix  = "*"
}`, Fails: []string{"azurerm_network_security_rule.halves"},
		Expect: map[string]scanner.Expected{"azurerm_network_security_rule.halves": {Message: "together every public IPv4 address"}}}}
	return good, bad
}

// withUnionSourceExamples adds unionSourceExamples to a rule's own
// examples.
func withUnionSourceExamples(more func() (good, bad []scanner.Example)) func() (good, bad []scanner.Example) {
	return func() (good, bad []scanner.Example) {
		if more != nil {
			good, bad = more()
		}
		g, b := unionSourceExamples()
		return append(good, g...), append(bad, b...)
	}
}
