package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

func init() {
	register("rules", "List the scanner's rules with their severity and SOC 2 criteria", runRules)
}

// ruleJSON is a rule as `rules --format json` prints it.
type ruleJSON struct {
	ID              string              `json:"id"`
	Title           string              `json:"title"`
	Description     string              `json:"description"`
	Severity        scanner.Severity    `json:"severity"`
	Family          scanner.Family      `json:"family"`
	Provider        string              `json:"provider"`
	Criteria        scanner.Criteria    `json:"criteria"`
	ResourceTypes   []string            `json:"resource_types"`
	DataSourceTypes []string            `json:"data_source_types,omitempty"`
	Params          []scanner.Param     `json:"params"`
	References      []scanner.Reference `json:"references"`
	Links           []string            `json:"links"`
	Remediation     string              `json:"remediation"`
	DocURL          string              `json:"doc_url"`
}

func runRules(args []string, s Streams, d Deps) int {
	fs := newFlagSet("rules", s)
	format := fs.String("format", "table", "output format: table or json")
	provider := fs.String("provider", "", "only rules for this Terraform provider: aws, azurerm or google")
	family := fs.String("family", "", "only rules of this family, such as backup-region")
	criterion := fs.String("criterion", "", "only rules mapped to this criterion (primary or secondary), such as CC6.1")
	severity := fs.String("severity", "", "only rules of this severity or above")
	if _, ok := parseFlags(fs, args); !ok {
		return ExitError
	}
	if err := oneOf(*format, "table", "json"); err != nil {
		fmt.Fprintf(s.Stderr, "--format: %v\n", err)
		return ExitError
	}
	var minSeverity scanner.Severity
	if *severity != "" {
		sev, err := scanner.ParseSeverity(*severity)
		if err != nil {
			fmt.Fprintf(s.Stderr, "--severity: %v\n", err)
			return ExitError
		}
		minSeverity = sev
	}
	wantCriterion := ""
	if *criterion != "" {
		c, ok := tsc.Lookup(*criterion)
		if !ok {
			fmt.Fprintf(s.Stderr, "--criterion: %s\n", tsc.ErrorMessage(*criterion))
			return ExitError
		}
		wantCriterion = c.ID
	}

	var list []*scanner.Rule
	for _, r := range d.Rules {
		switch {
		case *provider != "" && !strings.EqualFold(r.Provider, *provider):
			continue
		case *family != "" && !strings.EqualFold(string(r.Family), *family):
			continue
		case minSeverity != "" && r.Severity.Rank() < minSeverity.Rank():
			continue
		case wantCriterion != "" && !contains(r.Criteria.IDs(), wantCriterion):
			continue
		}
		list = append(list, r)
	}

	if *format == "json" {
		out := struct {
			Count int        `json:"count"`
			Rules []ruleJSON `json:"rules"`
		}{Count: len(list), Rules: make([]ruleJSON, 0, len(list))}
		for _, r := range list {
			out.Rules = append(out.Rules, ruleJSON{
				ID:              r.ID,
				Title:           r.Title,
				Description:     r.Description,
				Severity:        r.Severity,
				Family:          r.Family,
				Provider:        r.Provider,
				Criteria:        r.Criteria,
				ResourceTypes:   nonNil(r.ResourceTypes),
				DataSourceTypes: r.DataSourceTypes,
				Params:          nonNil(r.Params),
				References:      nonNil(r.References),
				Links:           nonNil(r.Links),
				Remediation:     r.Remediation,
				DocURL:          report.DocURL(r.ID),
			})
		}
		enc := json.NewEncoder(s.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(s.Stderr, "writing JSON: %v\n", err)
			return ExitError
		}
		return ExitOK
	}
	tw := tabwriter.NewWriter(s.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tFAMILY\tCRITERIA\tTITLE")
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Family, strings.Join(r.Criteria.IDs(), ","), r.Title)
	}
	if err := tw.Flush(); err != nil {
		return ExitError
	}
	fmt.Fprintf(s.Stdout, "\n%d rules\n", len(list))
	return ExitOK
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
