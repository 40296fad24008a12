package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

func init() {
	register("criteria", "List the SOC 2 Trust Services Criteria (TSC 2017)", runCriteria)
}

func runCriteria(args []string, s Streams, _ Deps) int {
	fs := newFlagSet("criteria", s)
	format := fs.String("format", "table", "output format: table or json")
	category := fs.String("category", "", "only this category: "+strings.Join(tsc.CategoryNames(), ", "))
	group := fs.String("group", "", "only this group, such as CC6 or A1")
	if _, ok := parseFlags(fs, args); !ok {
		return ExitError
	}
	if err := oneOf(*format, "table", "json"); err != nil {
		fmt.Fprintf(s.Stderr, "--format: %v\n", err)
		return ExitError
	}
	var want tsc.Category
	if *category != "" {
		c, ok := tsc.ParseCategory(*category)
		if !ok {
			fmt.Fprintf(s.Stderr, "--category: unknown category %q: use one of %s\n", *category, strings.Join(tsc.CategoryNames(), ", "))
			return ExitError
		}
		want = c
	}
	if *group != "" && !tsc.IsGroup(*group) {
		fmt.Fprintf(s.Stderr, "--group: unknown group %q: use one of %s\n", *group, strings.Join(tsc.Groups(), ", "))
		return ExitError
	}

	var list []tsc.Criterion
	for _, c := range tsc.All() {
		if want != "" && c.Category != want {
			continue
		}
		if *group != "" && c.Group != tsc.Canonical(*group) {
			continue
		}
		list = append(list, c)
	}

	if *format == "json" {
		enc := json.NewEncoder(s.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Criteria []tsc.Criterion `json:"criteria"`
		}{list}); err != nil {
			fmt.Fprintf(s.Stderr, "writing JSON: %v\n", err)
			return ExitError
		}
		return ExitOK
	}
	tw := tabwriter.NewWriter(s.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCATEGORY\tGROUP\tTITLE")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Category, c.Group, c.Title)
	}
	if err := tw.Flush(); err != nil {
		return ExitError
	}
	return ExitOK
}
