package inventory

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNextDue(t *testing.T) {
	for _, tc := range []struct{ last, frequency, want string }{
		{"2025-01-31", "monthly", "2025-02-28"},
		{"2024-01-31", "monthly", "2024-02-29"},
		{"2025-03-31", "monthly", "2025-04-30"},
		{"2025-11-30", "quarterly", "2026-02-28"},
		{"2025-08-31", "semiannual", "2026-02-28"},
		{"2024-02-29", "annual", "2025-02-28"},
		{"2025-12-31", "daily", "2026-01-01"},
		{"2025-12-29", "weekly", "2026-01-05"},
		{"2026-11-02", "quarterly", "2027-02-02"},
		{"2025-01-31T23:30:00-05:00", "monthly", "2025-02-28T23:30:00-05:00"},
		{"2026-05-31T23:30:00+02:00", "semiannual", "2026-11-30T23:30:00+02:00"},
		{"2026-11-25T16:41:29Z", "annual", "2027-11-25T16:41:29Z"},
	} {
		last, err := ParseDate(tc.last)
		require.NoError(t, err)
		f, err := ParseFrequency(tc.frequency)
		require.NoError(t, err)
		due, ok := NextDue(last, f)
		require.True(t, ok)
		assert.Equal(t, tc.want, due.String(), "%s + %s", tc.last, tc.frequency)
	}

	last, err := ParseDate("2025-01-31")
	require.NoError(t, err)
	for _, f := range []Frequency{Continuous, PerEvent} {
		_, ok := NextDue(last, f)
		assert.False(t, ok, "%s has no due date", f)
	}
}

func TestOverdue(t *testing.T) {
	due, err := ParseDate("2025-04-01")
	require.NoError(t, err)
	assert.False(t, Overdue(due, time.Date(2025, 4, 1, 23, 59, 59, 0, time.UTC)), "due today is not late")
	assert.True(t, Overdue(due, time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)))

	due, err = ParseDate("2025-04-01T09:00:00Z")
	require.NoError(t, err)
	assert.False(t, Overdue(due, time.Date(2025, 4, 1, 8, 59, 59, 0, time.UTC)))
	assert.True(t, Overdue(due, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)), "due at an instant is late from that instant")

	due, err = ParseDate("2025-04-01T09:00:00+02:00")
	require.NoError(t, err)
	assert.False(t, Overdue(due, time.Date(2025, 4, 1, 6, 59, 59, 0, time.UTC)), "offsets are honoured")
	assert.True(t, Overdue(due, time.Date(2025, 4, 1, 7, 0, 0, 0, time.UTC)))
}

func TestDateEnd(t *testing.T) {
	d, err := ParseDate("2025-12-31")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), d.End(), "a date-only value lasts the whole day")

	d, err = ParseDate("2025-12-31T09:00:00Z")
	require.NoError(t, err)
	assert.Equal(t, d.Time, d.End(), "a timestamp is over at once")
}

func TestParseFrequency(t *testing.T) {
	assert.Equal(t, []string{"continuous", "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual"}, Frequencies())
	for _, name := range Frequencies() {
		got, err := ParseFrequency(name)
		require.NoError(t, err)
		assert.Equal(t, Frequency(name), got)
		assert.Equal(t, got != Continuous && got != PerEvent, got.Periodic(), name)
	}
	_, err := ParseFrequency("per_event")
	assert.EqualError(t, err, `"per_event" is not a frequency; use one of "continuous", "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual" or "annual"`)
	_, err = ParseFrequency("Annual")
	assert.Error(t, err, "spellings are exact")
	_, err = ParseFrequency("fortnightly")
	assert.Error(t, err)
}

func TestFrequenciesReturnsACopy(t *testing.T) {
	names := Frequencies()
	names[0] = "hourly"
	assert.Equal(t, "continuous", Frequencies()[0])
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2025-01-31", "2025-01-31T09:00:00Z", "2025-01-31T09:00:00+02:00"} {
		d, err := ParseDate(s)
		require.NoError(t, err)
		assert.Equal(t, s, d.String(), "written back the way it was written")
	}

	d, err := ParseDate("2025-01-31")
	require.NoError(t, err)
	assert.True(t, d.DateOnly)
	assert.Equal(t, time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), d.Time, "midnight UTC")

	for _, bad := range []string{"2025-13-01", "31/01/2025", "2025-01-31 09:00:00", ""} {
		_, err := ParseDate(bad)
		assert.ErrorContains(t, err, "is not an RFC 3339 date; write a date such as 2025-01-31 or a timestamp such as 2025-01-31T09:00:00Z", bad)
	}
}
