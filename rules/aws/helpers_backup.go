package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Helpers shared by the backup, availability, deletion-protection and
// logging rules.

// minDaysParam is the usual retention threshold parameter.
func minDaysParam(def int, what string) scanner.Param {
	return scanner.Param{
		Name:        "min_days",
		Description: fmt.Sprintf("Minimum number of days %s must be kept.", what),
		Default:     def,
		Min:         1,
	}
}

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
		return scanner.Failed(v.Range, "%s is not set: %s, below the required %d days", v.Name, spec.Unset, minDays)
	}
	n, ok := v.AsInt()
	if !ok {
		return scanner.Failed(v.Range, "%s is not a whole number of days", v.Name)
	}
	if n == 0 && spec.Zero != "" {
		return scanner.Failed(v.Range, "%s = 0 %s; at least %d days are required", v.Name, spec.Zero, minDays)
	}
	if n < int64(minDays) {
		return scanner.Failed(v.Range, "%s = %d is below the required %d days", v.Name, n, minDays)
	}
	return scanner.Passed()
}

// isReadReplica reports whether an aws_db_instance replicates another
// instance; replicas are recovered from their source.
func isReadReplica(r *scanner.Resource) bool {
	return r.Type == "aws_db_instance" && r.Attr("replicate_source_db").IsSet()
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
// configuration selects r: by reference in `resources`, by a wildcard ARN
// for the service, or by a selection_tag that r's tags match.
func backupSelectionCovers(r *scanner.Resource, ix *scanner.Index, arnService string) bool {
	if found, _ := ix.Referrers(r, "aws_backup_selection", []string{"resources"}); len(found) > 0 {
		return true
	}
	for _, sel := range ix.OfType("aws_backup_selection") {
		if list, ok := sel.Attr("resources").AsStrings(); ok {
			for _, s := range list {
				if s == "*" || (strings.Contains(s, ":"+arnService+":") && strings.HasSuffix(s, "*")) {
					return true
				}
			}
		}
		tags := r.Attr("tags")
		for _, st := range sel.Blocks("selection_tag") {
			if !st.Attr("type").Equals("STRINGEQUALS") {
				continue
			}
			key, okKey := st.Attr("key").AsString()
			want, okVal := st.Attr("value").AsString()
			if !okKey || !okVal {
				continue
			}
			if got, ok := tags.Index(key).AsString(); ok && got == want {
				return true
			}
		}
	}
	return false
}
