package loader

import (
	"io/fs"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// loadFixture loads testdata/<name> as a root module.
func loadFixture(t *testing.T, name string, opts Options) *Result {
	t.Helper()
	res, err := LoadFS(t.Context(), os.DirFS("testdata"), name, opts)
	require.NoError(t, err)
	return res
}

// mustResource returns the resource with the given address.
func mustResource(t *testing.T, res *Result, addr string) *scanner.Resource {
	t.Helper()
	for _, r := range res.Resources {
		if r.Address == addr {
			return r
		}
	}
	var have []string
	for _, r := range res.Resources {
		have = append(have, r.Address)
	}
	require.Failf(t, "resource not loaded", "%s not in %v", addr, have)
	return nil
}

// addresses lists the loaded addresses in order.
func addresses(res *Result) []string {
	out := make([]string, 0, len(res.Resources))
	for _, r := range res.Resources {
		out = append(out, r.Address)
	}
	return out
}

// errorsOf returns the error diagnostics.
func errorsOf(res *Result) []scanner.Diagnostic {
	var out []scanner.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity == scanner.DiagError {
			out = append(out, d)
		}
	}
	return out
}

// str reads a known string argument.
func str(t *testing.T, v scanner.Value) string {
	t.Helper()
	s, ok := v.AsString()
	require.True(t, ok, "%s is not a known string: %#v (present %v)", v.Name, v.Val, v.Present)
	return s
}

func osDirFS(dir string) fs.FS { return os.DirFS(dir) }
