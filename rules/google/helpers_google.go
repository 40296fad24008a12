package google

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const googleDocs = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"

// attrRange is the range to report for an argument: its own when written,
// otherwise the closest enclosing block's, otherwise the resource's.
func attrRange(v scanner.Value, fallback scanner.Range) scanner.Range {
	if v.Present || !v.Range.IsZero() {
		return v.Range
	}
	return fallback
}

// isWorldSource reports whether a firewall source range admits every
// address: an all-addresses CIDR block, or the bare 0.0.0.0 and "*" the API
// reads as one.
func isWorldSource(s string) bool {
	return ruleutil.IsWholeInternet(s, "0.0.0.0", "*")
}

// durationSeconds parses a Google API duration such as "7776000s" or
// "86400.5s".
func durationSeconds(s string) (float64, error) {
	num, ok := strings.CutSuffix(strings.TrimSpace(s), "s")
	if !ok {
		return 0, fmt.Errorf("duration %q does not end in s", s)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("duration %q is not a number of seconds", s)
	}
	return f, nil
}
