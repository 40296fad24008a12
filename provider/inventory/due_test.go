package inventory

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
		d, err := ParseDate(tc.due)
		require.NoError(t, err)
		assert.Equal(t, tc.want, daysUntil(d, tc.now), "%s at %s", tc.due, tc.now)
		assert.Equal(t, tc.want < 0, Overdue(d, tc.now), "negative days means overdue: %s at %s", tc.due, tc.now)
	}
}
