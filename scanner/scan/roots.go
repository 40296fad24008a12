package scan

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// InputExcludeRoots is Request.ExcludeRoots, blamed for a pattern that is
// not a valid glob.
const InputExcludeRoots Input = "exclude roots"

// checkExcludeRoots checks the patterns of Request.ExcludeRoots.
func checkExcludeRoots(patterns []string) error {
	for _, p := range patterns {
		if err := config.ValidPathPattern(p); err != nil {
			return &Error{Step: StepConfigure, Input: InputExcludeRoots, Name: p, Err: err}
		}
	}
	return nil
}

// excludeRoot is loader.Options.ExcludeRoot for the configuration's
// exclude_roots (relative to the configuration file) and the request's
// patterns (relative to the working directory); nil when there are none.
func excludeRoot(cfg *config.Config, patterns []string) func(string) string {
	if len(cfg.ExcludeRoots) == 0 && len(patterns) == 0 {
		return nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		cwd = ""
	}
	return func(dir string) string {
		if reason := cfg.ExcludedRoot(dir); reason != "" {
			return reason
		}
		rel, err := filepath.Rel(cwd, dir)
		if cwd == "" || err != nil {
			return ""
		}
		for _, p := range patterns {
			if config.MatchPath(p, filepath.ToSlash(rel)) {
				return fmt.Sprintf("excluded by --exclude-root %q", p)
			}
		}
		return ""
	}
}

// reportRoots are the loader's roots as the report lists them.
func reportRoots(roots []loader.Root) []report.Root {
	out := make([]report.Root, 0, len(roots))
	for _, r := range roots {
		out = append(out, report.Root{Path: filepath.ToSlash(r.Path), Reason: r.Reason, Excluded: r.Excluded, Resources: r.Resources, Notes: r.Notes})
	}
	return out
}
