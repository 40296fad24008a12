// Package aws holds the scanner rules for Amazon Web Services (hashicorp/aws) resources.
package aws

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// registry collects the rules of every file in this package; each file
// registers its own in init, so adding a rule touches one file.
var registry []*scanner.Rule

func register(rules ...*scanner.Rule) {
	for _, r := range rules {
		r.Provider = "aws"
	}
	registry = append(registry, rules...)
}

// Rules returns the package's rules.
func Rules() []*scanner.Rule { return registry }

// DataSources returns the AWS data sources whose attributes the loader
// computes from their arguments and region, as the provider would.
func DataSources() []scanner.DataSource {
	return append([]scanner.DataSource{policyDocumentSource}, regionDataSources...)
}
