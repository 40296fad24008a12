package ruleutil

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// ThroughRef is res, the verdict a rule reached by following the optional
// argument v to the resource it refers to (Index.Resolve) and judging that
// resource: a replica's source database, the snapshot a volume is restored
// from, the managed disk a machine attaches. When a choice made after
// apply may leave v null or blank (Value.MayBeBlank, as in
// `var.restore ? aws_ebs_snapshot.s.id : null`), that resource may not be
// the one used, and without it the rule would judge the resource by other
// arguments: a pass or not-applicable verdict is unknown then. A failure
// stands, as the resource it was reached through may be the one used.
func ThroughRef(v scanner.Value, res scanner.Result) scanner.Result {
	if v.MayBeBlank() && (res.Status == scanner.Pass || res.Status == scanner.NotApplicable) {
		return scanner.UnknownName(v)
	}
	return res
}
