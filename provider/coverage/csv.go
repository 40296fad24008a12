package coverage

import (
	"io"
	"slices"
	"strconv"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/csvout"
)

// CSVHeader is the CSV format's header: one row per criterion in scope, in
// catalogue order. docs/csv.md documents each column; the order is stable
// and columns are only ever added at the end.
var CSVHeader = []string{
	"criterion", "category", "title", "verdict", "controls", "owners",
	"rules", "failed", "unknown", "passed", "suppressed",
	"failing_resources", "overdue_evidence", "reasons",
}

// writeCSV writes one row per criterion. Lists are joined with "; ". The
// counts add up the results of the rules the criterion's controls cite;
// passed is empty when the scan did not record passes.
func writeCSV(w io.Writer, r *Report) error {
	ix := r.index()
	rows := make([][]string, 0, len(r.Criteria))
	for _, c := range r.Criteria {
		rows = append(rows, ix.criterionCSVRow(c))
	}
	return csvout.Write(w, CSVHeader, rows)
}

func (ix index) criterionCSVRow(c Criterion) []string {
	var controls, owners, failing []string
	overdue := 0
	for _, addr := range c.Controls {
		ctl := ix.controls[addr]
		controls = append(controls, ctl.ControlID)
		if ctl.Owner != nil {
			owners = appendNew(owners, ownerText(ctl.Owner))
		}
		for _, res := range ctl.FailingResources {
			failing = appendNew(failing, res)
		}
		overdue += ctl.OverdueEvidence
	}
	var ids []string
	failed, unknown, suppressed := 0, 0, 0
	passed := new(int)
	for _, rule := range ix.criterionRules(c) {
		ids = append(ids, rule.ID)
		failed += rule.Failed
		unknown += rule.Unknown
		suppressed += rule.Suppressed
		if rule.Passed == nil || passed == nil {
			passed = nil
			continue
		}
		*passed += *rule.Passed
	}
	passedCell := ""
	if passed != nil {
		passedCell = strconv.Itoa(*passed)
	}
	return []string{
		c.ID, c.Category, c.Title, string(c.Verdict),
		csvout.Join(controls), csvout.Join(owners), csvout.Join(ids),
		strconv.Itoa(failed), strconv.Itoa(unknown), passedCell, strconv.Itoa(suppressed),
		csvout.Join(failing), strconv.Itoa(overdue), csvout.Join(c.Reasons),
	}
}

// appendNew appends s to list unless it is in it already, so that the
// list keeps the order the values were first met in.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
