package cli

import "fmt"

// runInventoryImport is `inventory import`; the converter lands in the next commit.
func runInventoryImport(_ []string, s Streams) int {
	fmt.Fprintln(s.Stderr, "terraform-provider-soc2 inventory import: not built yet")
	return ExitError
}
