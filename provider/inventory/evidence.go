package inventory

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Evidence cadence: how often a control operates or its evidence is
// collected, and when it is next due. The provider writes next_due and
// overdue to state with these rules and the inventory report recomputes
// them with the same rules, so the two always agree.

// Frequency is how often a control operates or its evidence is collected.
type Frequency string

// The frequencies, from most to least often. Continuous and per-event
// activities have no calendar due date: continuous evidence is produced all
// the time by a system, per-event evidence whenever the event (a change, a
// joiner, an incident) happens.
const (
	Continuous Frequency = "continuous"
	PerEvent   Frequency = "per-event"
	Daily      Frequency = "daily"
	Weekly     Frequency = "weekly"
	Monthly    Frequency = "monthly"
	Quarterly  Frequency = "quarterly"
	Semiannual Frequency = "semiannual"
	Annual     Frequency = "annual"
)

// frequencies is every frequency, from most to least often.
var frequencies = []Frequency{Continuous, PerEvent, Daily, Weekly, Monthly, Quarterly, Semiannual, Annual}

// Frequencies returns every frequency as a string, from most to least
// often, for validators, schema descriptions and messages.
func Frequencies() []string {
	names := make([]string, len(frequencies))
	for i, f := range frequencies {
		names[i] = string(f)
	}
	return names
}

// ParseFrequency returns the frequency named s. Spellings are exact, as in
// the provider's schema.
func ParseFrequency(s string) (Frequency, error) {
	for _, f := range frequencies {
		if s == string(f) {
			return f, nil
		}
	}
	return "", fmt.Errorf("%q is not a frequency; use one of %s", s, frequencyChoices())
}

// frequencyChoices lists the frequencies for an error message:
// "continuous", "per-event", … or "annual".
func frequencyChoices() string {
	names := Frequencies()
	for i, n := range names {
		names[i] = strconv.Quote(n)
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " or " + names[last]
}

// Periodic reports whether the frequency has a calendar period, and so a
// next due date.
func (f Frequency) Periodic() bool {
	return f != Continuous && f != PerEvent
}

// advance returns t moved forward by one period. Months are added on the
// calendar and clamped to the end of the month, so a monthly activity last
// done on 31 January is due on 28 (or 29) February, not 3 March as
// time.AddDate would have it.
func (f Frequency) advance(t time.Time) time.Time {
	switch f {
	case Daily:
		return t.AddDate(0, 0, 1)
	case Weekly:
		return t.AddDate(0, 0, 7)
	case Monthly:
		return addMonthsClamped(t, 1)
	case Quarterly:
		return addMonthsClamped(t, 3)
	case Semiannual:
		return addMonthsClamped(t, 6)
	case Annual:
		return addMonthsClamped(t, 12)
	}
	return t
}

// addMonthsClamped adds calendar months to t, keeping its day of the month
// unless the target month is shorter, in which case it is the last day.
func addMonthsClamped(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	firstOfTarget := time.Date(y, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	lastDay := firstOfTarget.AddDate(0, 1, -1).Day()
	return firstOfTarget.AddDate(0, 0, min(d, lastDay)-1)
}

// Date is an RFC 3339 full date (2025-01-31) or date-time
// (2025-01-31T09:00:00Z). It remembers which form it was written in so that
// dates computed from it are written back the same way.
type Date struct {
	Time     time.Time
	DateOnly bool
}

// ParseDate parses an RFC 3339 date or date-time. Date-only values are
// midnight UTC.
func ParseDate(s string) (Date, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date{Time: t, DateOnly: true}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Date{Time: t}, nil
	}
	return Date{}, fmt.Errorf("%q is not an RFC 3339 date; write a date such as 2025-01-31 or a timestamp such as 2025-01-31T09:00:00Z", s)
}

// String formats the date the way it was written.
func (d Date) String() string {
	if d.DateOnly {
		return d.Time.Format(time.DateOnly)
	}
	return d.Time.Format(time.RFC3339)
}

// End is the instant the date is over: the end of the day for a date-only
// value (something due "on 2025-04-01" is not late until that day is over),
// the instant itself for a timestamp.
func (d Date) End() time.Time {
	if d.DateOnly {
		return d.Time.AddDate(0, 0, 1)
	}
	return d.Time
}

// NextDue returns when evidence last collected at last is next due, and
// false when the frequency has no calendar due date.
func NextDue(last Date, f Frequency) (Date, bool) {
	if !f.Periodic() {
		return Date{}, false
	}
	return Date{Time: f.advance(last.Time), DateOnly: last.DateOnly}, true
}

// Overdue reports whether something due at due is late at now.
func Overdue(due Date, now time.Time) bool {
	return !now.Before(due.End())
}
