package inventory

import (
	"math"
	"time"
)

// The inventory report recomputes when evidence is due instead of trusting
// next_due and overdue in state, which are only as fresh as the last plan or
// refresh. It uses the rules of package tsc, the same ones the provider uses
// to write next_due and overdue, so the report and state can only disagree
// when state is stale.

// daysUntil counts the days from now until due: 0 is due today, negative is
// that many days late. Date-only values count calendar days in UTC, the
// way a person reads "due 2 December".
func daysUntil(due Date, now time.Time) int {
	if due.DateOnly {
		u := now.UTC()
		today := time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
		return int(math.Round(due.Time.Sub(today).Hours() / 24))
	}
	if Overdue(due, now) {
		return -max(1, int(math.Ceil(now.Sub(due.Time).Hours()/24)))
	}
	return int(math.Floor(due.Time.Sub(now).Hours() / 24))
}
