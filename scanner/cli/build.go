package cli

import (
	"runtime/debug"
	"time"
)

// Build identifies the binary that is running.
type Build struct {
	Version string
	Commit  string
	// Date is the build time in UTC, RFC 3339.
	Date string
}

// ResolveBuild completes what goreleaser's ldflags set (main.version,
// main.commit, main.date) with the Go toolchain's build information, so
// that `go install …@v1.2.3` and a build from a git checkout also say what
// they are: the module version replaces a "dev" or empty version, and the
// VCS revision and time fill a missing commit and date ("-dirty" marks a
// build from a modified work tree). readInfo is debug.ReadBuildInfo in
// main and a fixture in tests.
func ResolveBuild(version, commit, date string, readInfo func() (*debug.BuildInfo, bool)) Build {
	b := Build{Version: version, Commit: commit, Date: date}
	info, ok := readInfo()
	if !ok || info == nil {
		return b.withDefaults()
	}
	if (b.Version == "" || b.Version == "dev") && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	var revision, vcsTime string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			vcsTime = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if b.Commit == "" && revision != "" {
		b.Commit = revision
		if modified {
			b.Commit += "-dirty"
		}
	}
	if b.Date == "" && vcsTime != "" {
		if t, err := time.Parse(time.RFC3339, vcsTime); err == nil {
			b.Date = t.UTC().Format(time.RFC3339)
		}
	}
	return b.withDefaults()
}

func (b Build) withDefaults() Build {
	if b.Version == "" {
		b.Version = "dev"
	}
	return b
}
