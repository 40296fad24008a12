// Package gcfloor gives the garbage collector a floor under its heap goal,
// for a short-lived process that allocates a lot while keeping little
// alive, such as a scan.
//
// A scan of a corpus evaluates one root module at a time and releases it,
// so the live heap stays at a few MiB while parsing and evaluation
// allocate over a gibibyte in all. With the Go default (GOGC=100) the heap
// goal is twice the live heap, so the collector runs every few MiB
// allocated: on ../shared/corpus about 320 cycles, and marking, sweeping
// and returning freed pages to the system took a fifth of the CPU. A
// higher GOGC would fix that for small heaps but doubles or triples the
// peak of inputs whose live heap is large (16,000 resources in one file).
// A floor does neither: the goal is max(floor, what GOGC gives), so a small
// live heap gets floor bytes of headroom and a large one is collected as
// the default collects it.
//
// Go has no such setting, so Start emulates it: after each collection (a
// finalizer re-armed every cycle) it reads the live heap and sets the
// collector's percentage so that the next goal is at least the floor.
package gcfloor

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// metricNames are the heap marked live by the last collection and the
// goroutine stacks and globals the collector scans: the GOGC percentage
// applies to their sum, the heap goal being live + (live + stacks +
// globals) × GOGC / 100.
var metricNames = [...]string{"/gc/heap/live:bytes", "/gc/scan/stack:bytes", "/gc/scan/globals:bytes"}

// Percent returns the GOGC percentage that puts the heap goal at floor
// when the base percentage (the GOGC the process would otherwise use)
// gives less, and base otherwise; live is the live heap and roots the
// stacks and globals the collector scans besides.
func Percent(live, roots, floor uint64, base int) int {
	scanned := live + roots
	if live == 0 || scanned == 0 {
		// Nothing measured yet: the goal is the runtime's minimum heap,
		// which the percentage scales.
		return max(base, int(floor*100/heapMinimum))
	}
	if live+scanned*uint64(base)/100 >= floor {
		return base
	}
	return int((floor - live) * 100 / scanned)
}

// heapMinimum is the runtime's heap goal before its first collection at
// GOGC=100 (defaultHeapMinimum in runtime/mgcpacer.go): the goal then is
// heapMinimum × GOGC / 100, and it stays the least goal afterwards. A
// scan allocates about that much in package initialisation and its first
// milliseconds, so without a percentage set before the first collection
// most scans collected once near 4 MiB, 4-8 ms of CPU out of the 50-60 ms
// a scan of one file takes (gcstart sets it before main runs).
const heapMinimum = 4 << 20

// tuner holds the state of one Start.
type tuner struct {
	floor uint64
	base  int

	mu      sync.Mutex
	stopped bool
	sample  []metrics.Sample
}

// sentinel is the object whose finalizer runs once per collection.
type sentinel struct {
	t *tuner
	_ [16]byte // a finalizer needs an object that is not tiny-allocated
}

// Start keeps the heap goal at or above floor bytes until stop is called,
// base being the GOGC percentage otherwise in force (100 by default). stop
// sets the percentage back to base. A process that sets GOGC should not
// call Start: the person who set it chose the trade-off.
func Start(floor uint64, base int) (stop func()) {
	t := &tuner{floor: floor, base: base, sample: make([]metrics.Sample, len(metricNames))}
	for i, name := range metricNames {
		t.sample[i].Name = name
	}
	// Until the first collection measures the live heap, the goal is the
	// runtime's minimum heap: set the percentage that lifts it to the floor.
	t.mu.Lock()
	t.set()
	t.mu.Unlock()
	t.arm()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.stopped = true
		debug.SetGCPercent(t.base)
	}
}

// arm allocates a new sentinel that becomes garbage at once, so that its
// finalizer runs after the next collection.
func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{t: t}, func(s *sentinel) { s.t.adjust() })
}

// adjust sets the percentage for the next cycle from the live heap the
// last one left, then re-arms for the cycle after.
func (t *tuner) adjust() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	t.set()
	t.arm()
}

// set sets the percentage from the live heap the last collection left
// (none before the first); t.mu is held.
func (t *tuner) set() {
	metrics.Read(t.sample)
	var v [len(metricNames)]uint64
	for i, s := range t.sample {
		if s.Value.Kind() == metrics.KindUint64 {
			v[i] = s.Value.Uint64()
		}
	}
	debug.SetGCPercent(Percent(v[0], v[1]+v[2], t.floor, t.base))
}
