package gcfloor

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestPercent(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name               string
		live, roots, floor uint64
		base, want         int
	}{
		// goal = 4·p/100 = 32 → p = 800
		{"nothing measured yet: the minimum heap lifted to the floor", 0, 0, 32 * mib, 100, 800},
		{"nothing measured yet, a higher base kept", 0, 0, 32 * mib, 1000, 1000},
		{"nothing measured yet, a floor below the minimum heap", 0, 0, 1 * mib, 100, 100},
		// goal = 4 + (4+4)·p/100 = 32 → p = 350
		{"small heap lifted to the floor", 4 * mib, 4 * mib, 32 * mib, 100, 350},
		// goal = 2 + 2·p/100 = 32 → p = 1500
		{"stacks and globals count", 2 * mib, 0, 32 * mib, 100, 1500},
		{"goal exactly at the floor", 16 * mib, 0, 32 * mib, 100, 100},
		{"large heap keeps the base", 200 * mib, 2 * mib, 32 * mib, 100, 100},
		{"a higher base already reaches the floor", 8 * mib, 0, 32 * mib, 300, 300},
		// goal = 8 + 8·p/100 = 32 → p = 300 > base 50
		{"a lower base is lifted", 8 * mib, 0, 32 * mib, 50, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Percent(tc.live, tc.roots, tc.floor, tc.base))
		})
	}
}

// gcPercent reads the collector's percentage without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestStartLiftsSmallHeapsUntilStopped(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })

	// This test binary's live heap is far below 1 GiB, so after a
	// collection the percentage must be lifted well above 100.
	stop := Start(1<<30, 100)
	// Start sets it at once, not at the next collection: the first
	// collection of a process would otherwise come at the runtime's
	// minimum heap of 4 MiB.
	assert.Greater(t, gcPercent(), 1000, "Start lifts the percentage before any collection")
	assert.Eventually(t, func() bool {
		runtime.GC()
		return gcPercent() > 1000
	}, 5*time.Second, 10*time.Millisecond, "a collection sets the percentage that reaches the floor")

	stop()
	assert.Equal(t, 100, gcPercent(), "stop sets the base back")
	runtime.GC()
	runtime.GC() // a finalizer queued before stop does nothing
	time.Sleep(10 * time.Millisecond)
	assert.Equal(t, 100, gcPercent(), "no adjustment after stop")
}

func TestStartKeepsTheBaseWhenItReachesTheFloor(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })

	// A floor of one byte is below any heap: each collection sets the
	// base, 150 here, so that the test tells an adjustment from none (the
	// percentage in force before Start is 100).
	stop := Start(1, 150)
	defer stop()
	assert.Eventually(t, func() bool {
		runtime.GC()
		return gcPercent() == 150
	}, 5*time.Second, 10*time.Millisecond, "a collection sets the base")
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	assert.Equal(t, 150, gcPercent(), "and never lifts it")
}
