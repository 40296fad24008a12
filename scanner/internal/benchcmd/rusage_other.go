//go:build !unix

package main

import "os"

// peakRSS is unknown where the platform has no rusage: reported as 0.
func peakRSS(*os.ProcessState) int64 { return 0 }
