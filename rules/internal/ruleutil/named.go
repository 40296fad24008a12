package ruleutil

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// PassIfNamed passes when v names something (Value.Names), such as a key
// or a log destination, and is rest otherwise; when v is only known after
// apply and may name nothing, a failure of rest is unknown instead, while
// a pass of rest stands, as the resource passes either way.
func PassIfNamed(v scanner.Value, rest func() scanner.Result) scanner.Result {
	return ExemptIfNamed(v, scanner.Passed(), rest)
}

// ExemptIfNamed is PassIfNamed for an argument that exempts the resource
// from the rule (a read replica's source database): exempt when v names
// something, rest otherwise, and unknown instead of a failure of rest when
// v may name something.
func ExemptIfNamed(v scanner.Value, exempt scanner.Result, rest func() scanner.Result) scanner.Result {
	named := v.Names()
	if named == scanner.Yes {
		return exempt
	}
	res := rest()
	if named == scanner.Maybe && res.Status == scanner.Fail {
		return scanner.UnknownName(v)
	}
	return res
}
