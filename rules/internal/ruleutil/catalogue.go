package ruleutil

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// ForProvider sets the Terraform provider of a cloud's rules ("aws",
// "azurerm", "google") and returns them as a list, so that each cloud's
// catalogue is one literal list. Call it once, when the package's catalogue
// is initialised.
func ForProvider(provider string, rules ...*scanner.Rule) []*scanner.Rule {
	for _, r := range rules {
		r.Provider = provider
	}
	return rules
}
