//go:build unix

package scan

import (
	"syscall"
	"time"
)

// processCPU is this process's CPU time so far, user and system, over
// every thread (the collector's included); ok is false when the kernel
// does not say.
func processCPU() (cpu time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
