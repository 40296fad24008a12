// Package rules is the scanner's rule catalogue: every rule of every cloud
// provider, each mapped to the SOC 2 Trust Services Criteria.
package rules

import (
	"slices"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/aws"
	"github.com/soc2-as-code/terraform-provider-soc2/rules/azure"
	"github.com/soc2-as-code/terraform-provider-soc2/rules/google"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var catalogue = func() []*scanner.Rule {
	var all []*scanner.Rule
	all = append(all, aws.Rules()...)
	all = append(all, azure.Rules()...)
	all = append(all, google.Rules()...)
	// slices.SortFunc rather than sort.Slice: this runs at every start,
	// and sort.Slice's reflection-based swaps were most of its cost.
	slices.SortFunc(all, func(a, b *scanner.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}()

// All returns every rule, sorted by ID. Callers must not modify the rules.
func All() []*scanner.Rule { return catalogue }

// Lookup returns the rule with the given ID, or nil.
func Lookup(id string) *scanner.Rule {
	i := sort.Search(len(catalogue), func(i int) bool { return catalogue[i].ID >= id })
	if i < len(catalogue) && catalogue[i].ID == id {
		return catalogue[i]
	}
	return nil
}

// DataSources returns the data sources whose attributes the loader computes
// from their arguments (loader.Options.DataSources): a scan passes them
// along with All, so that rules see what the providers would compute.
func DataSources() []scanner.DataSource { return aws.DataSources() }
