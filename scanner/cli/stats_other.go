//go:build !unix

package cli

import "runtime"

// peakMemory returns the memory the Go runtime obtained from the system, the
// closest portable measure of peak use.
func peakMemory() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Sys
}
