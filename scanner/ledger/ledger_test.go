package ledger

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func testRecord(failing ...string) *Record {
	res := RuleResult{Counts: Counts{Passed: 2}}
	for _, fp := range failing {
		res.Failed++
		res.Failing = append(res.Failing, Failure{Fingerprint: fp, Resource: "aws_s3_bucket." + fp, Location: "main.tf:3"})
	}
	return &Record{
		FormatVersion: FormatVersion,
		Tool:          Tool{Name: "terraform-provider-soc2", Version: "1.2.3"},
		Catalogue:     "sha256:abc",
		Paths:         []string{"infra"},
		Inputs:        Digest([]byte("x")),
		Rules:         map[string]RuleResult{"aws-s3-encrypted": res},
		Criteria:      map[string]Counts{"CC6.1": res.Counts},
	}
}

// appendDays writes one record a day from t0 and returns their paths.
func appendDays(t *testing.T, dir string, n int) []string {
	t.Helper()
	var paths []string
	for i := range n {
		p, err := Append(dir, testRecord(), t0.AddDate(0, 0, i))
		require.NoError(t, err)
		paths = append(paths, p)
	}
	return paths
}

func verify(t *testing.T, dir string) *Verification {
	t.Helper()
	v, err := Verify(dir)
	require.NoError(t, err)
	return v
}

func kinds(v *Verification) []string {
	var out []string
	for _, p := range v.Problems {
		out = append(out, p.Kind+" "+p.File)
	}
	return out
}

func TestAppendChainsRecordsAndVerifies(t *testing.T) {
	dir := t.TempDir()
	paths := appendDays(t, dir, 3)
	v := verify(t, dir)
	assert.True(t, v.OK(), "%v", v.Problems)
	assert.Equal(t, 3, v.Records)

	entries, _, err := Read(dir)
	require.NoError(t, err)
	require.Len(t, entries, 3)
	assert.Empty(t, entries[0].Record.Previous)
	assert.Equal(t, entries[0].Digest, entries[1].Record.Previous)
	assert.Equal(t, entries[1].Digest, entries[2].Record.Previous)
	assert.Equal(t, "20260301T120000.000000000Z-"+entries[0].Digest[:12]+".json", filepath.Base(paths[0]))
	fi, err := os.Stat(paths[0])
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o444), fi.Mode().Perm(), "records are written read-only")
}

func TestAppendKeepsTimeOrderWhenTheClockGoesBack(t *testing.T) {
	dir := t.TempDir()
	_, err := Append(dir, testRecord(), t0)
	require.NoError(t, err)
	p, err := Append(dir, testRecord(), t0.Add(-time.Hour))
	require.NoError(t, err)
	assert.Contains(t, filepath.Base(p), "20260301T120000.000000001Z-")
	assert.True(t, verify(t, dir).OK())
}

func TestVerifyCatchesAModifiedRecord(t *testing.T) {
	dir := t.TempDir()
	paths := appendDays(t, dir, 3)
	data, err := os.ReadFile(paths[1])
	require.NoError(t, err)
	rec, err := Unmarshal(data)
	require.NoError(t, err)
	rec.Rules["aws-s3-encrypted"] = RuleResult{Counts: Counts{Passed: 3}}
	forged, err := rec.Marshal()
	require.NoError(t, err)
	require.NoError(t, os.Chmod(paths[1], 0o644))
	require.NoError(t, os.WriteFile(paths[1], forged, 0o644))

	v := verify(t, dir)
	assert.Equal(t, []string{"changed " + filepath.Base(paths[1])}, kinds(v))
	assert.Contains(t, v.Problems[0].Message, "SHA-256")

	// Renaming the forged record after its new digest moves the break to
	// the record after it.
	newName := filepath.Join(dir, FileName(rec.Time, Digest(forged)))
	require.NoError(t, os.Rename(paths[1], newName))
	v = verify(t, dir)
	assert.Equal(t, []string{"removed " + filepath.Base(paths[2])}, kinds(v))
}

func TestVerifyCatchesNonCanonicalBytes(t *testing.T) {
	dir := t.TempDir()
	paths := appendDays(t, dir, 1)
	data, err := os.ReadFile(paths[0])
	require.NoError(t, err)
	spaced := append([]byte(" "), data...)
	require.NoError(t, os.Remove(paths[0]))
	rec, err := Unmarshal(data)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, FileName(rec.Time, Digest(spaced))), spaced, 0o644))
	v := verify(t, dir)
	require.Len(t, v.Problems, 1)
	assert.Equal(t, Changed, v.Problems[0].Kind)
	assert.Contains(t, v.Problems[0].Message, "canonical")
}

func TestVerifyCatchesADeletedRecord(t *testing.T) {
	dir := t.TempDir()
	paths := appendDays(t, dir, 4)
	require.NoError(t, os.Remove(paths[1]))
	v := verify(t, dir)
	assert.Equal(t, []string{"removed " + filepath.Base(paths[2])}, kinds(v))
	assert.Contains(t, v.Problems[0].Message, filepath.Base(paths[0]))

	require.NoError(t, os.Remove(paths[0]))
	v = verify(t, dir)
	assert.Equal(t, []string{"removed " + filepath.Base(paths[2])}, kinds(v))
	assert.Contains(t, v.Problems[0].Message, "records before it were removed")
}

func TestVerifyCatchesAnInsertedRecord(t *testing.T) {
	dir := t.TempDir()
	paths := appendDays(t, dir, 3)
	entries, _, err := Read(dir)
	require.NoError(t, err)

	// A record slipped in between the first and the second, chained to
	// the first as if it had been written then.
	rec := testRecord()
	rec.Time = t0.Add(time.Hour)
	rec.Previous = entries[0].Digest
	data, err := rec.Marshal()
	require.NoError(t, err)
	inserted := FileName(rec.Time, Digest(data))
	require.NoError(t, os.WriteFile(filepath.Join(dir, inserted), data, 0o644))

	v := verify(t, dir)
	assert.Equal(t, []string{"inserted " + inserted}, kinds(v))
	assert.Contains(t, v.Problems[0].Message, filepath.Base(paths[1]))
}

func TestVerifyCatchesAnInsertedGenesisAndAMadeUpPrevious(t *testing.T) {
	dir := t.TempDir()
	appendDays(t, dir, 2)
	for i, prev := range []string{"", Digest([]byte("nothing"))} {
		rec := testRecord()
		rec.Time = t0.Add(time.Duration(i+1) * time.Hour)
		rec.Previous = prev
		data, err := rec.Marshal()
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, FileName(rec.Time, Digest(data))), data, 0o644))
	}
	v := verify(t, dir)
	require.Len(t, v.Problems, 2, "%v", v.Problems)
	assert.Equal(t, Inserted, v.Problems[0].Kind)
	assert.Contains(t, v.Problems[0].Message, "none: the start of a chain")
	assert.Equal(t, Inserted, v.Problems[1].Kind)
	assert.Contains(t, v.Problems[1].Message, "does not exist, and no record follows it")
}

func TestVerifyReportsUnreadableRecordsAndIgnoresOtherFiles(t *testing.T) {
	dir := t.TempDir()
	appendDays(t, dir, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("notes"), 0o644))
	bad := "20260401T000000.000000000Z-000000000000.json"
	require.NoError(t, os.WriteFile(filepath.Join(dir, bad), []byte("{"), 0o644))
	v := verify(t, dir)
	assert.Equal(t, []string{"README.md"}, v.Ignored)
	require.Len(t, v.Problems, 1)
	assert.Equal(t, bad, v.Problems[0].File)
	assert.Contains(t, v.Problems[0].Message, "not a readable record")

	_, err := Verify(filepath.Join(dir, "missing"))
	assert.Error(t, err)
}

func TestConcurrentWritersKeepTheChain(t *testing.T) {
	dir := t.TempDir()
	const writers, each = 8, 5
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				_, err := Append(dir, testRecord(fmt.Sprintf("w%d-%d", w, i)), t0)
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	v := verify(t, dir)
	assert.True(t, v.OK(), "%v", v.Problems)
	assert.Equal(t, writers*each, v.Records)
}

// TestHelperAppend is run by TestConcurrentProcessesKeepTheChain in child
// processes.
func TestHelperAppend(t *testing.T) {
	dir := os.Getenv("LEDGER_TEST_DIR")
	if dir == "" {
		t.Skip("run by TestConcurrentProcessesKeepTheChain")
	}
	n, err := strconv.Atoi(os.Getenv("LEDGER_TEST_N"))
	require.NoError(t, err)
	for range n {
		_, err := Append(dir, testRecord(), time.Now())
		require.NoError(t, err)
	}
}

func TestConcurrentProcessesKeepTheChain(t *testing.T) {
	dir := t.TempDir()
	const procs, each = 3, 10
	var cmds []*exec.Cmd
	for range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperAppend$")
		cmd.Env = append(os.Environ(), "LEDGER_TEST_DIR="+dir, "LEDGER_TEST_N="+strconv.Itoa(each))
		require.NoError(t, cmd.Start())
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait())
	}
	v := verify(t, dir)
	assert.True(t, v.OK(), "%v", v.Problems)
	assert.Equal(t, procs*each, v.Records)
}

func TestCanonicalRoundTrip(t *testing.T) {
	rec := testRecord("b", "a")
	rec.Time = time.Date(2026, 3, 1, 12, 0, 0, 5, time.FixedZone("X", 3600))
	rec.Git = &Git{Commit: "0123", Branch: "main"}
	rec.Paths = []string{"<a&b>"}
	data, err := rec.Marshal()
	require.NoError(t, err)
	assert.Contains(t, string(data), `{"catalogue":"sha256:abc","criteria":{"CC6.1":{"failed":2,`)
	assert.Contains(t, string(data), `"paths":["<a&b>"]`, "no HTML escaping")
	assert.Contains(t, string(data), `"time":"2026-03-01T11:00:00.000000005Z"`)
	assert.NotContains(t, string(data), "\n")
	assert.NotContains(t, string(data), "config", "absent optional fields are left out")

	back, err := Unmarshal(data)
	require.NoError(t, err)
	again, err := back.Marshal()
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again))

	canon, err := Canonical([]byte("{ \"b\": [1, {\"d\":2,\"c\":3}],\n \"a\": \"x\" }"))
	require.NoError(t, err)
	assert.Equal(t, `{"a":"x","b":[1,{"c":3,"d":2}]}`, string(canon))
	_, err = Canonical([]byte(`{"a":1.5}`))
	assert.ErrorContains(t, err, "not an integer")
	_, err = Canonical([]byte(`{} {}`))
	assert.Error(t, err)
}

func TestUnmarshalRejectsAnotherFormatVersion(t *testing.T) {
	_, err := Unmarshal([]byte(`{"format_version":2}`))
	assert.ErrorContains(t, err, "format_version 2")
}
