package cli

import (
	"fmt"
	"runtime"
	"strings"
)

func init() {
	register("version", "Print the version", runVersion)
}

func runVersion(args []string, s Streams, d Deps) int {
	fs := newFlagSet("version", s)
	if _, ok := parseFlags(fs, args); !ok {
		return ExitError
	}
	details := []string{}
	if d.Commit != "" {
		details = append(details, "commit "+d.Commit)
	}
	if d.BuildDate != "" {
		details = append(details, "built "+d.BuildDate)
	}
	details = append(details, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	fmt.Fprintf(s.Stdout, "terraform-provider-soc2 %s (%s)\n", d.Version, strings.Join(details, ", "))
	return ExitOK
}
