package loader

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMayDeclareModule(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"module \"vpc\" {\n  source = \"./vpc\"\n}\n", true},
		{"\t \r\fmodule\t\"vpc\" {}", true},
		{"locals {}\n  module \"x\" {}", true},
		{"module\n\"x\" {}", true}, // \s+ spans the newline, as in the pattern
		{"module \"x\"", true},
		{"x = path.module\n", false},
		{"y = module.vpc.id\n", false},
		{"submodule \"x\" {}", false},
		{"# module \"x\" {}", false},
		{"module {}", false},
		{"module\"x\" {}", false},
		{"module \n", false},
		{"module", false},
		{"", false},
		{"a = 1 module \"x\" {}", false},
		{"x = path.module\nmodule \"a\" {\n source = \"./a\"\n}", true},
	} {
		assert.Equal(t, tc.want, mayDeclareModule([]byte(tc.src)), "%q", tc.src)
		if !tc.want {
			assert.Empty(t, moduleSourcePattern().FindAllSubmatch([]byte(tc.src), -1),
				"%q: the pattern must not match where the filter says it cannot", tc.src)
		}
	}
}

// TestMayDeclareModuleCorpus checks on every .tf file of the corpora that
// the filter never hides a module source the pattern finds.
func TestMayDeclareModuleCorpus(t *testing.T) {
	dirs := []string{corpusDir, "../../../shared/corpus-multicloud", "testdata"}
	files := 0
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") || !d.Type().IsRegular() {
				return err
			}
			src, err := fs.ReadFile(os.DirFS(dir), p)
			require.NoError(t, err)
			files++
			if !mayDeclareModule(src) {
				assert.Empty(t, moduleSourcePattern().FindAllSubmatch(src, -1), "%s/%s", dir, p)
			}
			return nil
		})
		require.NoError(t, err)
	}
	if files == 0 {
		t.Skip("no corpus beside the repository")
	}
}

func TestReadAtMost(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, tc := range []struct {
		name        string
		size, limit int64
		want        int
	}{
		{"size as opened", 10000, 20001, 10000},
		{"file grew since", 100, 20001, 10000},
		{"file shrank since", 50000, 20001, 10000},
		{"unknown size", 0, 20001, 10000},
		{"limit stops the read", 10000, 4097, 4097},
		{"limit below the size", 50000, 4097, 4097},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAtMost(iotest.HalfReader(bytes.NewReader(data)), tc.size, tc.limit)
			require.NoError(t, err)
			assert.Equal(t, data[:tc.want], got)
		})
	}
	// A file read at the size it was opened with keeps no spare room:
	// its contents stay in memory while its root's rules run.
	small, err := readAtMost(bytes.NewReader(data[:130]), 130, 20001)
	require.NoError(t, err)
	assert.Equal(t, data[:130], small)
	assert.LessOrEqual(t, cap(small), 131)

	got, err := readAtMost(bytes.NewReader(nil), 0, 10)
	require.NoError(t, err)
	assert.NotNil(t, got, "an empty file reads as empty, not nil, as io.ReadAll has it")
	assert.Empty(t, got)

	_, err = readAtMost(iotest.ErrReader(fs.ErrClosed), 10, 10)
	assert.ErrorIs(t, err, fs.ErrClosed)
}
