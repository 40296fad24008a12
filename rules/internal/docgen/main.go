// Command docgen writes the scanner's rule documentation from the rules
// themselves, so that nothing is written twice: docs/rules/<id>.md per rule
// and docs/rules/README.md, a coverage matrix by Trust Services Criterion and
// a list by family. Pages of rules that no longer exist are removed.
//
//	go run ./rules/internal/docgen -out docs/rules
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
)

//go:generate go run . -out ../../../docs/rules

func main() {
	out := flag.String("out", "docs/rules", "directory to write the rule documentation to")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "docgen: unexpected arguments %v\n", flag.Args())
		os.Exit(2)
	}
	written, removed, err := Write(*out, Generate(rules.All()))
	if err != nil {
		fmt.Fprintf(os.Stderr, "docgen: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("docgen: %d files in %s (%d changed, %d stale removed)\n", len(rules.All())+1, *out, written, removed)
}
