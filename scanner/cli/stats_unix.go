//go:build unix

package cli

import (
	"runtime"
	"syscall"
)

// peakMemory returns the process's peak resident set size.
func peakMemory() uint64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil || ru.Maxrss <= 0 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.Sys
	}
	rss := uint64(ru.Maxrss)
	if runtime.GOOS != "darwin" {
		rss *= 1024 // kilobytes everywhere but macOS
	}
	return rss
}
