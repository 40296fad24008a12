// Package azure holds the scanner rules for Microsoft Azure (hashicorp/azurerm) resources.
package azure

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// registry collects the rules of every file in this package; each file
// registers its own in init, so adding a rule touches one file.
var registry []*scanner.Rule

func register(rules ...*scanner.Rule) {
	for _, r := range rules {
		r.Provider = "azurerm"
	}
	registry = append(registry, rules...)
}

// Rules returns the package's rules.
func Rules() []*scanner.Rule { return registry }
