package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
)

// memProfileEnv names the environment variable that makes `scan` write a
// heap profile once every root module is loaded and checked, before the
// report is made: what a scan keeps grows with the input there, and
// whatever grows with it shows up in
//
//	SOC2_MEMPROFILE=/tmp/heap.prof terraform-provider-soc2 scan --format json DIR >/dev/null
//	go tool pprof -sample_index=inuse_space -top /tmp/heap.prof
//
// Profiling samples every allocation of 4 KiB on average instead of Go's
// 512 KiB, so the profile sees the small ones a scan keeps many of.
const memProfileEnv = "SOC2_MEMPROFILE"

// memProfileRate is the sampling rate set while profiling.
const memProfileRate = 4096

// envValue is the value of name in env, or "".
func envValue(env []string, name string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == name {
			v = val
		}
	}
	return v
}

// heapProfiler turns on finer heap sampling and returns the function that
// collects garbage and writes the heap profile to path; a failure to write
// it is reported on stderr, never failing the scan.
func heapProfiler(path string, stderr io.Writer) func() {
	runtime.MemProfileRate = memProfileRate
	return func() {
		runtime.GC()
		if err := writeHeapProfile(path); err != nil {
			fmt.Fprintf(stderr, "terraform-provider-soc2 scan: %s: %v\n", memProfileEnv, err)
		}
	}
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
