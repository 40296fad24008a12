package inventory

import (
	"io"
	"slices"
	"strconv"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/csvout"
)

// CSVHeader is the CSV format's header: one row per control, in the
// report's order (by control ID). docs/csv.md documents each column; the
// order is stable and columns are only ever added at the end.
var CSVHeader = []string{
	"control_id", "address", "title", "status", "criteria",
	"owner_id", "owner_name", "owner_email", "backup_owner_id",
	"control_type", "automation", "frequency", "scanner_rules",
	"evidence_requirements", "next_due", "evidence_overdue", "unknown",
}

// writeCSV writes one row per control. Lists are joined with "; "; an
// unset value is an empty cell and a value known only after apply is
// "(known after apply)". next_due and evidence_overdue are read from the
// report's evidence (already judged at as_of), not recomputed.
func writeCSV(w io.Writer, r *Report) error {
	rows := make([][]string, 0, len(r.Controls))
	for _, c := range r.Controls {
		rows = append(rows, r.controlCSVRow(c))
	}
	return csvout.Write(w, CSVHeader, rows)
}

func (r *Report) controlCSVRow(c Control) []string {
	cell := func(s, attr string) string { return csvCell(s, c.Unknown, attr) }
	ownerID, ownerName, ownerEmail := csvOwner(c.Owner, c.Unknown, "owner_id")
	backupID, _, _ := csvOwner(c.BackupOwner, c.Unknown, "backup_owner_id")
	nextDue, overdue := r.controlDue(c.ControlID)
	return []string{
		cell(c.ControlID, "control_id"),
		c.Address,
		cell(c.Title, "title"),
		cell(c.Status, "status"),
		cell(csvout.Join(c.Criteria), "criteria"),
		ownerID, ownerName, ownerEmail, backupID,
		cell(derefString(c.ControlType), "control_type"),
		cell(derefString(c.Automation), "automation"),
		cell(derefString(c.Frequency), "frequency"),
		cell(csvout.Join(c.ScannerRules), "scanner_rules"),
		strconv.Itoa(c.EvidenceRequirements),
		nextDue,
		strconv.Itoa(overdue),
		csvout.Join(c.Unknown),
	}
}

// controlDue is the earliest next due date of a control's evidence
// requirements ("" when none has one) and how many are overdue. The
// report's evidence is sorted by due date, so the first found is the
// earliest.
func (r *Report) controlDue(controlID string) (nextDue string, overdue int) {
	for _, e := range r.Evidence {
		if e.ControlID != controlID {
			continue
		}
		if nextDue == "" && e.NextDue != nil {
			nextDue = *e.NextDue
		}
		if e.Overdue {
			overdue++
		}
	}
	return nextDue, overdue
}

// csvCell is an attribute's cell: its value, empty when unset, or
// unknownText when it is known only after apply.
func csvCell(s string, unknown []string, attr string) string {
	if slices.Contains(unknown, attr) {
		return unknownText
	}
	return s
}

// csvOwner is an owner's id, name and email cells.
func csvOwner(o *OwnerRef, unknown []string, attr string) (id, name, email string) {
	switch {
	case slices.Contains(unknown, attr):
		return unknownText, unknownText, unknownText
	case o == nil:
		return "", "", ""
	}
	return o.ID, derefString(o.Name), derefString(o.Email)
}
