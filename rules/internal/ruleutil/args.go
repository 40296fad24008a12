package ruleutil

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// IntAtLeast reads an integer argument that the provider defaults to def
// and reports whether it is at least minimum. known is false when the value
// is only known after apply or is not a whole number.
func IntAtLeast(v scanner.Value, def, minimum int) (got int, ok, known bool) {
	if v.IsNull() {
		return def, def >= minimum, true
	}
	n, isInt := v.AsInt()
	if !isInt {
		return 0, false, false
	}
	return int(n), int(n) >= minimum, true
}
