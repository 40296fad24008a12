package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childEnv makes the test binary act as a fake scanner (see TestMain): it
// prints a JSON report with these counts and exits 2, like a scan of a
// corpus with broken files.
const childEnv = "BENCHCMD_FAKE_SCANNER"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Stdout.WriteString(`{"summary":{"files_scanned":3,"resources_scanned":7}}`)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

func TestScanOnceMeasuresAChildAndReadsItsCounts(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("peak RSS comes from rusage")
	}
	t.Setenv(childEnv, "1")
	in := &input{name: "fake", dir: t.TempDir()}
	require.NoError(t, scanOnce(os.Args[0], in, filepath.Join(t.TempDir(), "out.json")))
	assert.Equal(t, 3, in.files)
	assert.Equal(t, 7, in.resources)
	require.Len(t, in.samples, 1)
	s := in.samples[0]
	assert.Positive(t, s.wall)
	assert.Positive(t, s.rss, "a Go process has some resident memory")
}

func TestMeasureFailsOnAnExitCodeNotAllowed(t *testing.T) {
	t.Setenv(childEnv, "1")
	_, err := measure(os.Args[0], nil, filepath.Join(t.TempDir(), "out"), 0, 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "exit status 2")
}

func TestMedian(t *testing.T) {
	assert.Equal(t, time.Duration(0), median([]time.Duration{}))
	assert.Equal(t, time.Duration(3), median([]time.Duration{5, 3, 1}))
	assert.Equal(t, int64(3), median([]int64{4, 1, 2, 9}), "even count: the mean of the middle two")
	xs := []int64{3, 1, 2}
	median(xs)
	assert.Equal(t, []int64{3, 1, 2}, xs, "the input stays in its order")
}

func TestGeneratedInputsHaveTheirResourceCounts(t *testing.T) {
	dirs, err := writeGenerated(t.TempDir())
	require.NoError(t, err)
	want := map[string]int{"gen-blocks-1k": 1_001, "gen-blocks-4k": 4_001, "gen-blocks-16k": 16_001, "gen-count-10k": 3}
	require.Len(t, dirs, len(want))
	for _, dir := range dirs {
		f, diags := hclparse.NewParser().ParseHCLFile(filepath.Join(dir, "main.tf"))
		require.False(t, diags.HasErrors(), "%s: %s", dir, diags)
		content, _, diags := f.Body.PartialContent(resourceSchema)
		require.False(t, diags.HasErrors(), diags.Error())
		assert.Len(t, content.Blocks, want[filepath.Base(dir)], dir)
	}
	assert.Contains(t, countTF(10_000), "count  = 10000")
}

func TestCopyTreeLeavesOutExcludedFolders(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	for _, p := range []string{"repo/modules/a/main.tf", "repo/modules/skip/main.tf", "repo/modules/skipped-not/main.tf"} {
		require.NoError(t, os.MkdirAll(filepath.Join(src, filepath.Dir(p)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(src, p), []byte(p), 0o444))
	}
	require.NoError(t, copyTree(src, dst, []string{"repo/modules/skip"}))
	data, err := os.ReadFile(filepath.Join(dst, "repo/modules/a/main.tf"))
	require.NoError(t, err)
	assert.Equal(t, "repo/modules/a/main.tf", string(data))
	assert.FileExists(t, filepath.Join(dst, "repo/modules/skipped-not/main.tf"))
	assert.NoDirExists(t, filepath.Join(dst, "repo/modules/skip"))

	err = copyTree(src, filepath.Join(t.TempDir(), "copy"), []string{"repo/missing"})
	assert.ErrorContains(t, err, "-exclude repo/missing")
}

func TestTableFormats(t *testing.T) {
	in := &input{name: "corpus", files: 100, resources: 50, samples: []sample{
		{wall: 2 * time.Second, cpu: 3 * time.Second, rss: 100 << 20},
		{wall: 4 * time.Second, cpu: 5 * time.Second, rss: 300 << 20},
		{wall: 3 * time.Second, cpu: 4 * time.Second, rss: 200 << 20},
	}}
	var md bytes.Buffer
	require.NoError(t, writeScanTable(&md, "markdown", 3, []*input{in}))
	assert.Equal(t, "Medians of 3 run(s) per input.\n\n"+
		"| input | files | resources | wall | CPU (user+sys) | files/s | resources/s | peak RSS |\n"+
		"| --- | --: | --: | --: | --: | --: | --: | --: |\n"+
		"| corpus | 100 | 50 | 3.00 s | 4.00 s | 33 | 17 | 200 MiB |\n", md.String())

	var text bytes.Buffer
	require.NoError(t, writePeersTable(&text, "text",
		sample{wall: time.Second, cpu: 2 * time.Second, rss: 50 << 20},
		sample{wall: 4 * time.Second, cpu: 4 * time.Second, rss: 0}))
	assert.Contains(t, text.String(), "0.25×")
	assert.Contains(t, text.String(), "0.50×")
	assert.Contains(t, text.String(), "n/a", "no ratio against an unknown peak")
}

// resourceSchema picks the resource blocks of a file.
var resourceSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "resource", LabelNames: []string{"type", "name"}}}}

func TestScanCountsReadsTheSummaryAtTheEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	big := bytes.Repeat([]byte(`{"message":"x"},`), summaryTail/8)
	report := `{"findings":[` + string(big) + `{}],"summary":{"files_scanned":4,"resources_scanned":9},"rule_ids":["a"]}`
	require.NoError(t, os.WriteFile(path, []byte(report), 0o644))
	files, resources, err := scanCounts(path)
	require.NoError(t, err)
	assert.Equal(t, 4, files)
	assert.Equal(t, 9, resources)

	require.NoError(t, os.WriteFile(path, []byte(`{"findings":[]}`), 0o644))
	_, _, err = scanCounts(path)
	assert.ErrorContains(t, err, "without a summary")
}
