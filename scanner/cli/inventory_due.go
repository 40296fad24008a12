package cli

import (
	"fmt"
	"math"
	"time"
)

// The inventory report recomputes when evidence is due instead of trusting
// next_due and overdue in state, which are only as fresh as the last plan or
// refresh. The rules are the provider's (provider/frequency.go); they are
// repeated here so that the CLI does not depend on the provider package and
// the plugin framework, and inventory_due_test.go checks that both agree.

// dueDate is an RFC 3339 full date (2025-01-31) or date-time
// (2025-01-31T09:00:00Z), remembering which form it was written in.
type dueDate struct {
	time     time.Time
	dateOnly bool
}

const fullDate = "2006-01-02"

// parseDueDate parses an RFC 3339 date (midnight UTC) or date-time.
func parseDueDate(s string) (dueDate, error) {
	if t, err := time.Parse(fullDate, s); err == nil {
		return dueDate{time: t, dateOnly: true}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return dueDate{time: t}, nil
	}
	return dueDate{}, fmt.Errorf("%q is not an RFC 3339 date such as 2025-01-31 or timestamp such as 2025-01-31T09:00:00Z", s)
}

// String writes the date in the form it was written in.
func (d dueDate) String() string {
	if d.dateOnly {
		return d.time.Format(fullDate)
	}
	return d.time.Format(time.RFC3339)
}

// deadline is the instant the date is over: something due on a date-only
// day is late from the next day.
func (d dueDate) deadline() time.Time {
	if d.dateOnly {
		return d.time.AddDate(0, 0, 1)
	}
	return d.time
}

// overdueAt reports whether something due at d is late at now.
func (d dueDate) overdueAt(now time.Time) bool {
	return !now.Before(d.deadline())
}

// daysUntil counts the days from now until d: 0 is due today, negative is
// that many days late. Date-only values count calendar days in UTC, the
// way a person reads "due 2 December".
func (d dueDate) daysUntil(now time.Time) int {
	if d.dateOnly {
		u := now.UTC()
		today := time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
		return int(math.Round(d.time.Sub(today).Hours() / 24))
	}
	if d.overdueAt(now) {
		return -max(1, int(math.Ceil(now.Sub(d.time).Hours()/24)))
	}
	return int(math.Floor(d.time.Sub(now).Hours() / 24))
}

// evidenceFrequencies are the soc2_evidence_requirement frequencies, each
// with its period in calendar months and days; continuous and per-event
// have no period and so no due date.
var evidenceFrequencies = map[string]struct{ months, days int }{
	"continuous": {},
	"per-event":  {},
	"daily":      {days: 1},
	"weekly":     {days: 7},
	"monthly":    {months: 1},
	"quarterly":  {months: 3},
	"semiannual": {months: 6},
	"annual":     {months: 12},
}

// nextDueDate returns when evidence collected at last is next due, and
// false for a frequency without a period. Months are calendar months
// clamped to the end of the month: monthly from 31 January is due on the
// last day of February.
func nextDueDate(last dueDate, frequency string) (dueDate, bool) {
	p := evidenceFrequencies[frequency]
	if p.months == 0 && p.days == 0 {
		return dueDate{}, false
	}
	t := last.time
	if p.months > 0 {
		y, m, d := t.Date()
		first := time.Date(y, m+time.Month(p.months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		lastDay := first.AddDate(0, 1, -1).Day()
		t = first.AddDate(0, 0, min(d, lastDay)-1)
	}
	return dueDate{time: t.AddDate(0, 0, p.days), dateOnly: last.dateOnly}, true
}

// isPeriodic reports whether evidence of the frequency has a due date, and
// whether the frequency is one at all.
func isPeriodic(frequency string) (periodic, known bool) {
	p, known := evidenceFrequencies[frequency]
	return p.months > 0 || p.days > 0, known
}
