package cli

import (
	"fmt"
	"runtime"
)

func init() {
	register("version", "Print the version", runVersion)
}

func runVersion(args []string, s Streams, d Deps) int {
	fs := newFlagSet("version", s)
	if _, ok := parseFlags(fs, args); !ok {
		return ExitError
	}
	fmt.Fprintf(s.Stdout, "terraform-provider-soc2 %s (%s, %s/%s)\n", d.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return ExitOK
}
