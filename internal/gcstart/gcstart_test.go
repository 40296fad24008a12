package gcstart

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLift(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []int
	}{
		// The runtime's first goal is 4 MiB × GOGC / 100: 800 puts it at 32 MiB.
		{"unset", map[string]string{}, []int{800}},
		{"empty", map[string]string{"GOGC": ""}, []int{800}},
		{"set", map[string]string{"GOGC": "50"}, nil},
		{"off", map[string]string{"GOGC": "off"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			lift(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok },
				func(p int) int { got = append(got, p); return 100 })
			assert.Equal(t, tc.want, got)
		})
	}
}
