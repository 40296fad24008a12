package cli

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestResolveBuild(t *testing.T) {
	info := func(version string, settings ...debug.BuildSetting) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Version: version}, Settings: settings}, true
		}
	}
	vcs := []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-12-05T07:30:00+01:00"},
		{Key: "vcs.modified", Value: "true"},
	}

	assert.Equal(t, Build{Version: "1.4.0", Commit: "abc", Date: "2026-12-01T00:00:00Z"},
		ResolveBuild("1.4.0", "abc", "2026-12-01T00:00:00Z", info("v9.9.9", vcs...)), "ldflags win")
	assert.Equal(t, Build{Version: "v1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567-dirty", Date: "2026-12-05T06:30:00Z"},
		ResolveBuild("dev", "", "", info("v1.2.3", vcs...)), "go install module@version from a modified tree")
	assert.Equal(t, Build{Version: "dev"}, ResolveBuild("dev", "", "", info("(devel)")), "a plain go build knows nothing more")
	assert.Equal(t, Build{Version: "dev"}, ResolveBuild("", "", "", func() (*debug.BuildInfo, bool) { return nil, false }))
}
