package provider

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
		{"2025-01-31T23:30:00-05:00", "monthly", "2025-02-28T23:30:00-05:00"},
	} {
		last, err := ParseDate(tc.last)
		require.NoError(t, err)
		f, err := ParseFrequency(tc.frequency)
		require.NoError(t, err)
		due, ok := NextDue(last, f)
		require.True(t, ok)
		assert.Equal(t, tc.want, due.String(), "%s + %s", tc.last, tc.frequency)
	}

	last, _ := ParseDate("2025-01-31")
	for _, f := range []Frequency{Continuous, PerEvent} {
		_, ok := NextDue(last, f)
		assert.False(t, ok, "%s has no due date", f)
	}
}

func TestOverdue(t *testing.T) {
	due, _ := ParseDate("2025-04-01")
	assert.False(t, Overdue(due, time.Date(2025, 4, 1, 23, 59, 59, 0, time.UTC)), "due today is not late")
	assert.True(t, Overdue(due, time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)))

	due, _ = ParseDate("2025-04-01T09:00:00Z")
	assert.False(t, Overdue(due, time.Date(2025, 4, 1, 8, 59, 59, 0, time.UTC)))
	assert.True(t, Overdue(due, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)))
}

func TestParseFrequency(t *testing.T) {
	for _, f := range frequencies {
		got, err := ParseFrequency(f)
		require.NoError(t, err)
		assert.Equal(t, Frequency(f), got)
	}
	_, err := ParseFrequency("per_event")
	assert.EqualError(t, err, `"per_event" is not a frequency; use one of "continuous", "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual" or "annual"`)
}

func TestDateString(t *testing.T) {
	for _, s := range []string{"2025-01-31", "2025-01-31T09:00:00Z", "2025-01-31T09:00:00+02:00"} {
		d, err := ParseDate(s)
		require.NoError(t, err)
		assert.Equal(t, s, d.String())
	}
}
