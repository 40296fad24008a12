package cli

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider"
)

// TestDueDatesAgreeWithTheProvider checks the report's copy of the due-date
// rules against the provider's, which writes next_due and overdue to state.
func TestDueDatesAgreeWithTheProvider(t *testing.T) {
	lasts := []string{
		"2026-01-31", "2024-02-29", "2026-03-31", "2026-08-31", "2026-11-02", "2026-12-31",
		"2026-01-31T09:00:00Z", "2026-05-31T23:30:00+02:00", "2026-11-25T16:41:29Z",
	}
	nows := []time.Time{
		time.Date(2026, 11, 25, 16, 41, 29, 0, time.UTC),
		time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 28, 23, 59, 59, 0, time.UTC),
		time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	for frequency := range evidenceFrequencies {
		f, err := provider.ParseFrequency(frequency)
		require.NoError(t, err, "the provider knows %s", frequency)
		for _, last := range lasts {
			ours, err := parseDueDate(last)
			require.NoError(t, err)
			theirs, err := provider.ParseDate(last)
			require.NoError(t, err)

			due, ok := nextDueDate(ours, frequency)
			wantDue, wantOK := provider.NextDue(theirs, f)
			require.Equal(t, wantOK, ok, "%s %s", frequency, last)
			periodic, known := isPeriodic(frequency)
			assert.True(t, known)
			assert.Equal(t, wantOK, periodic, frequency)
			if !ok {
				continue
			}
			assert.Equal(t, wantDue.String(), due.String(), "%s from %s", frequency, last)
			for _, now := range nows {
				assert.Equal(t, provider.Overdue(wantDue, now), due.overdueAt(now), "%s from %s at %s", frequency, last, now)
			}
		}
	}
	_, known := isPeriodic("fortnightly")
	assert.False(t, known)
}

func TestDaysUntilDue(t *testing.T) {
	for _, tc := range []struct {
		due  string
		now  time.Time
		want int
	}{
		{"2026-12-02", time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), 7},
		{"2026-12-02", time.Date(2026, 12, 2, 23, 59, 0, 0, time.UTC), 0},
		{"2026-12-02", time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), -1},
		{"2026-12-02", time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC), -39},
		{"2026-12-02T12:00:00Z", time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), 1},
		{"2026-12-02T12:00:00Z", time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC), 0},
		{"2026-12-02T12:00:00Z", time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC), -1},
		{"2026-12-02T12:00:00Z", time.Date(2026, 12, 4, 13, 0, 0, 0, time.UTC), -3},
	} {
		d, err := parseDueDate(tc.due)
		require.NoError(t, err)
		assert.Equal(t, tc.want, d.daysUntil(tc.now), "%s at %s", tc.due, tc.now)
		assert.Equal(t, tc.want < 0, d.overdueAt(tc.now), "%s at %s", tc.due, tc.now)
	}
}
