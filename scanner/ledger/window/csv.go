package window

import (
	"io"
	"strconv"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/csvout"
)

// CSVHeader is the CSV format's header: one row per subject (control, or
// rule when there is no inventory, then criterion). docs/csv.md documents
// each column; the order is stable and columns are only ever added at the
// end.
var CSVHeader = []string{
	"kind", "id", "title", "owner", "frequency", "rules", "verdict",
	"days_with_record", "first_record", "last_record",
	"failing_days", "first_failure", "last_failure", "failing_resources",
	"longest_gap_days", "overdue_gaps", "reason",
}

// writeCSV writes the subjects, then (per-rule report) the criteria, in the
// report's order. Lists are joined with "; ".
func (r *Report) writeCSV(w io.Writer) error {
	rows := make([][]string, 0, len(r.Subjects)+len(r.Criteria))
	for _, s := range r.Subjects {
		rows = append(rows, s.csvRow())
	}
	for _, s := range r.Criteria {
		rows = append(rows, s.csvRow())
	}
	return csvout.Write(w, CSVHeader, rows)
}

func (s Subject) csvRow() []string {
	failing := make([]string, 0, len(s.Failing))
	for _, f := range s.Failing {
		failing = append(failing, failureCell(f))
	}
	return []string{
		s.Kind, s.ID, s.Title, s.Owner, s.Frequency, csvout.Join(s.Rules), string(s.Verdict),
		strconv.Itoa(s.DaysWithRecord), s.FirstRecord, s.LastRecord,
		strconv.Itoa(len(s.FailingDays)), s.FirstFailure, s.LastFailure, csvout.Join(failing),
		strconv.FormatFloat(s.LongestGap.Days, 'f', -1, 64), strconv.Itoa(len(s.Overdue)), s.Reason,
	}
}

// failureCell names a failing finding as "rule resource (file:line)", the
// location left out when the finding has none (a plan-only resource).
func failureCell(f Failure) string {
	cell := f.Rule + " " + f.Resource
	if f.Location != "" {
		cell += " (" + f.Location + ")"
	}
	return cell
}
