// Package gcstart gives the garbage collector its floor (see gcfloor) from
// the start of the process, while the packages initialise: a program
// imports it for that side effect, and main sets the percentage it wants
// once it runs.
//
// Before its first collection the runtime's heap goal is 4 MiB. This
// program's packages allocate about 2.6 MiB as they initialise (the rule
// catalogues, their examples, the plugin protocol's descriptors), and the
// collector counts the spans the allocators hold rather than the bytes in
// them, so the first collection began at the end of initialisation, or in
// the first milliseconds of main before it called gcfloor.Start, in most
// processes (4 of 6 scans of a one-file directory with GODEBUG=gctrace=1):
// about 4-8 ms of CPU of the 50-60 ms such a scan takes. Packages are initialised in the order of
// their import paths where their imports allow, so this one, under
// internal/, runs after protobuf's descriptors and go-cmp (about 0.7 MiB
// allocated) but before the rule catalogues, the scanner and the plugin
// protocol's messages, which allocate the rest.
package gcstart

import (
	"os"
	"runtime/debug"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/gcfloor"
)

// Floor is the heap goal the process starts with, the least heap goal of
// the CLI (main's cliHeapFloor).
const Floor = 32 << 20

func init() {
	lift(os.LookupEnv, debug.SetGCPercent)
}

// lift sets the percentage that puts the collector's first heap goal at
// Floor, unless GOGC sets the collector's target, which it then leaves to
// the Go runtime.
func lift(lookup func(string) (string, bool), setGCPercent func(int) int) {
	if v, ok := lookup("GOGC"); ok && v != "" {
		return
	}
	setGCPercent(gcfloor.Percent(0, 0, Floor, 100))
}
