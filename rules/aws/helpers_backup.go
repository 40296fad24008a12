package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Helpers shared by the backup, availability, deletion-protection and
// logging rules.

// minDaysParam is the usual retention threshold parameter. Retention
// minimums are policy, not fact: SOC 2 prescribes no number of days, so
// the default is this catalogue's choice and says so.
func minDaysParam(def int, what string) scanner.Param {
	return scanner.Param{
		Name: "min_days",
		Description: fmt.Sprintf("Minimum number of days %s must be kept. The default, %d days, is this scanner's "+
			"policy choice, not a number SOC 2 prescribes: set it to your own retention policy.", what, def),
		Default: def,
		Min:     1,
	}
}

// retentionPolicyNote ends the description of every rule with a retention
// minimum.
const retentionPolicyNote = " The minimum is a policy, not a fact: SOC 2 prescribes no number of days, so the " +
	"min_days parameter holds it, and its default is our choice; findings say \"below the configured minimum of " +
	"N days\"."

// retentionSpec describes a retention argument in days: what the cloud does
// when it is unset and what 0 means.
type retentionSpec struct {
	// UnsetDays is the retention AWS applies when the argument is unset.
	UnsetDays int
	// Unset completes "<arg> is not set: …", saying what AWS does then.
	Unset string
	// Zero, when not empty, explains a value of 0 (such as "turns
	// automated backups off").
	Zero string
	// MaxDays, when above 0, is the longest retention the service
	// accepts: a longer one is rejected at apply, so the retention the
	// configuration asks for is never put in place.
	MaxDays int
}

// requireDaysAtLeast judges a retention argument against minDays.
func requireDaysAtLeast(v scanner.Value, minDays int, spec retentionSpec) scanner.Result {
	if v.IsUnknown() {
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	}
	if v.IsNull() {
		if spec.UnsetDays >= minDays {
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "%s is not set: %s, below the configured minimum of %d days", v.Name, spec.Unset, minDays)
	}
	n, ok := v.AsInt()
	if !ok {
		return scanner.Failed(v.Range, "%s is not a whole number of days", v.Name)
	}
	if n == 0 && spec.Zero != "" {
		return scanner.Failed(v.Range, "%s = 0 %s, below the configured minimum of %d days", v.Name, spec.Zero, minDays)
	}
	if n < int64(minDays) {
		return scanner.Failed(v.Range, "%s = %d is below the configured minimum of %d days", v.Name, n, minDays)
	}
	if spec.MaxDays > 0 && n > int64(spec.MaxDays) {
		return scanner.Failed(v.Range, "%s = %d is above the %d days AWS accepts: the apply is rejected and the retention is never put in place", v.Name, n, spec.MaxDays)
	}
	return scanner.Passed()
}

// exemptReadReplica is exempt for a read replica and rest otherwise; when
// replicate_source_db may be null (an input variable with no default), a
// failure of rest is unknown (ruleutil.ExemptIfNamed).
func exemptReadReplica(r *scanner.Resource, exempt scanner.Result, rest func() scanner.Result) scanner.Result {
	if r.Type != "aws_db_instance" {
		return rest()
	}
	return ruleutil.ExemptIfNamed(r.Attr("replicate_source_db"), exempt, rest)
}

// knownLength returns the number of elements of a list, set or tuple whose
// length is known, even when the elements themselves are not.
func knownLength(v scanner.Value) (int, bool) {
	if !v.Present || v.Val.IsNull() || !v.Val.IsKnown() {
		return 0, false
	}
	t := v.Val.Type()
	if !t.IsListType() && !t.IsSetType() && !t.IsTupleType() {
		return 0, false
	}
	if t.IsSetType() && !v.Val.IsWhollyKnown() {
		// Unknown set elements may turn out equal and collapse.
		return 0, false
	}
	return v.Val.LengthInt(), true
}

// missingFrom returns the wanted entries that have lists lacks, compared
// case-insensitively, sorted.
func missingFrom(have, want []string) []string {
	got := map[string]bool{}
	for _, h := range have {
		got[strings.ToLower(h)] = true
	}
	var out []string
	for _, w := range want {
		if !got[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// backupSelectionCovers reports whether an aws_backup_selection in the
// configuration is known to select r (see backupSelects).
func backupSelectionCovers(r *scanner.Resource, ix *scanner.Index, arnService string) bool {
	state, _ := backupSelects(r, ix, arnService)
	return state == scanner.Yes
}

// backupSelects decides whether some aws_backup_selection of the
// configuration selects r, as AWS Backup assigns resources: a resource is
// selected when it matches `resources` (a reference to it, "*", or a
// wildcard ARN of its service) and every condition, or when one of the
// selection_tag blocks matches its tags; not_resources excludes it. Maybe
// when a selection's resources, tags or conditions, or r's tags, are only
// known after apply; how names the deciding selection for messages.
func backupSelects(r *scanner.Resource, ix *scanner.Index, arnService string) (state scanner.Tri, how string) {
	for _, sel := range ix.OfType("aws_backup_selection") {
		s := selectionSelects(sel, r, ix, arnService)
		if s == scanner.Yes {
			return scanner.Yes, sel.Address
		}
		if s == scanner.Maybe && state == scanner.No {
			state, how = scanner.Maybe, sel.Address
		}
	}
	return state, how
}

// selectionSelects decides one aws_backup_selection.
func selectionSelects(sel, r *scanner.Resource, ix *scanner.Index, arnService string) scanner.Tri {
	notResources := sel.Attr("not_resources")
	excluded := listNames(notResources, r, ix, arnService)
	if excluded == scanner.Yes {
		return scanner.No
	}
	if excluded == scanner.Maybe && notResources.MayBeBlank() {
		// It names r unless a choice made after apply empties it: r
		// may be left out, or not.
		return selectionIncludes(sel, r, ix, arnService).And(scanner.Maybe)
	}
	return selectionIncludes(sel, r, ix, arnService)
}

// selectionIncludes decides whether the resources or tags of one
// aws_backup_selection take in r, not_resources aside.
func selectionIncludes(sel, r *scanner.Resource, ix *scanner.Index, arnService string) scanner.Tri {
	byResource := listNames(sel.Attr("resources"), r, ix, arnService)
	if byResource != scanner.No {
		byResource = byResource.And(conditionsMatch(sel, r))
	}
	byTag := scanner.No
	for _, st := range sel.Blocks("selection_tag") {
		if !st.Attr("type").Equals("STRINGEQUALS") && st.Attr("type").IsKnown() {
			continue
		}
		byTag = byTag.Or(tagMatches(r, st.Attr("key"), st.Attr("value"), st.Attr("type").IsUnknown(), false))
	}
	if sel.BlocksUnknown("selection_tag") {
		byTag = byTag.Or(scanner.Maybe)
	}
	return byResource.Or(byTag)
}

// listNames decides whether a resources or not_resources list names r: a
// reference to it, "*", or a wildcard ARN of r's service whose resource
// part is "*". Other ARNs name other resources; unknown elements that
// refer to nothing of the configuration may name r.
func listNames(v scanner.Value, r *scanner.Resource, ix *scanner.Index, arnService string) scanner.Tri {
	if v.IsNull() {
		return scanner.No
	}
	for _, t := range ix.Resolve(v) {
		if t == r || scanner.BaseAddress(t.Address) == scanner.BaseAddress(r.Address) {
			// A list a choice made after apply may leave empty ([for
			// ... if var.backup]) may not name r after all.
			return scanner.TriOf(!v.MayBeBlank(), v.MayBeBlank())
		}
	}
	values, incomplete := v.KnownStrings()
	for _, s := range values {
		if s == "*" || wildcardARNOf(s, arnService) {
			return scanner.Yes
		}
	}
	if incomplete && len(ix.Resolve(v)) == 0 {
		return scanner.Maybe
	}
	return scanner.No
}

// wildcardARNOf reports whether an ARN pattern names every resource of a
// service: arn:aws:dynamodb:*:*:table/*, arn:aws:ec2:*:*:volume/*,
// arn:aws:rds:*:*:db:*.
func wildcardARNOf(s, service string) bool {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != service {
		return false
	}
	res := parts[5]
	return res == "*" || strings.HasSuffix(res, "/*") && !strings.Contains(strings.TrimSuffix(res, "/*"), "/") ||
		strings.HasSuffix(res, ":*") && !strings.Contains(strings.TrimSuffix(res, ":*"), ":")
}

// conditionsMatch decides the condition block of a selection: every
// string_equals / string_like entry on aws:ResourceTag/<key> must match r's
// tags, and no string_not_equals / string_not_like entry may.
func conditionsMatch(sel, r *scanner.Resource) scanner.Tri {
	state := scanner.Yes
	for _, c := range sel.Blocks("condition") {
		for _, op := range []struct {
			name        string
			like, match bool
		}{{"string_equals", false, true}, {"string_like", true, true}, {"string_not_equals", false, false}, {"string_not_like", true, false}} {
			for _, e := range c.Blocks(op.name) {
				key, ok := e.Attr("key").AsString()
				tagKey, isTag := strings.CutPrefix(key, "aws:ResourceTag/")
				if !ok || !isTag {
					state = state.And(scanner.Maybe)
					continue
				}
				m := tagMatches(r, scanner.Value{Val: cty.StringVal(tagKey), Present: true}, e.Attr("value"), false, op.like)
				if !op.match {
					m = m.Not()
				}
				state = state.And(m)
			}
		}
	}
	return state
}

// tagMatches decides whether r carries the tag key with a value equal to
// (or, with like, matching the pattern of) value. r's tags are its
// effective tags (effectiveTag).
func tagMatches(r *scanner.Resource, key, value scanner.Value, unknownType, like bool) scanner.Tri {
	k, okKey := key.AsString()
	want, okVal := value.AsString()
	if !okKey || !okVal || unknownType {
		return scanner.Maybe
	}
	got, found, known := effectiveTag(r, k)
	switch {
	case !known:
		return scanner.Maybe
	case !found:
		return scanner.No
	case like:
		return scanner.TriOf(iamGlobMatch(want, got, false), false)
	}
	return scanner.TriOf(got == want, false)
}

// effectiveTag is the value of r's tag key as AWS sees it: from tags_all
// where a plan gives it, otherwise from r's own tags merged over its
// provider configuration's default_tags (r's own tag wins). known is false
// when that depends on a value only known after apply.
func effectiveTag(r *scanner.Resource, key string) (value string, found, known bool) {
	if all := r.Attr("tags_all"); !all.IsNull() {
		return lookupTag(all, key)
	}
	if value, found, known = lookupTag(r.Attr("tags"), key); found || !known {
		return value, found, known
	}
	return lookupTag(r.DefaultTags(), key)
}

// lookupTag reads key from a map of tags. known is false when the map,
// its keys or the key's value are only known after apply.
func lookupTag(tags scanner.Value, key string) (value string, found, known bool) {
	if tags.IsNull() {
		return "", false, true
	}
	v := tags.Val
	if !v.IsKnown() {
		return "", false, false
	}
	t := v.Type()
	switch {
	case t.IsObjectType():
		if !t.HasAttribute(key) {
			return "", false, true
		}
		v = v.GetAttr(key)
	case t.IsMapType():
		if !v.HasIndex(cty.StringVal(key)).True() {
			return "", false, true
		}
		v = v.Index(cty.StringVal(key))
	default:
		return "", false, false // not a map of tags: the scanner cannot tell
	}
	if !v.IsKnown() {
		return "", false, false
	}
	if v.IsNull() {
		return "", false, true
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || !s.IsKnown() || s.IsNull() {
		return "", false, false
	}
	return s.AsString(), true, true
}
