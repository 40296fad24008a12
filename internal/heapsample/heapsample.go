// Package heapsample turns the runtime's heap profiling off while the
// packages initialise: a program imports it for that side effect.
//
// The runtime samples one allocation per 512 KiB on average for heap
// profiles, and the first samples are dear: each unwinds the allocating
// stack, reading the binary's function tables for the first time. A scan
// of a one-file directory spent about 2 % of its CPU there (perf), for a
// profile nothing reads: the binary writes one only for `scan` with
// SOC2_MEMPROFILE set, which sets its own, finer rate before it scans.
// GODEBUG=memprofilerate=N keeps the rate it asks for.
package heapsample

import (
	"os"
	"runtime"
	"strings"
)

func init() {
	off(os.Getenv("GODEBUG"), func() { runtime.MemProfileRate = 0 })
}

// off calls disable unless godebug sets memprofilerate.
func off(godebug string, disable func()) {
	for _, kv := range strings.Split(godebug, ",") {
		if strings.HasPrefix(strings.TrimSpace(kv), "memprofilerate=") {
			return
		}
	}
	disable()
}
