package ledger

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

func testReport() *report.Report {
	rules := []*scanner.Rule{
		{ID: "r-a", Title: "A", Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1"}},
		{ID: "r-b", Title: "B", Severity: scanner.Low, Criteria: scanner.Criteria{Primary: "CC7.2"}},
	}
	ra := &report.RuleInfo{RuleID: "r-a", Criteria: []string{"CC6.1"}}
	rep := &report.Report{
		Rules:   rules,
		Sources: map[string][]byte{"b.tf": []byte("b"), "a.tf": []byte("a")},
		Findings: []report.Finding{
			{RuleInfo: ra, Status: scanner.Fail, Resource: "x.two", File: "a.tf", StartLine: 4, Fingerprint: "fp2"},
			{RuleInfo: ra, Status: scanner.Fail, Resource: "x.one", File: "a.tf", StartLine: 1, Fingerprint: "fp1"},
			{RuleInfo: ra, Status: scanner.Fail, Resource: "x.s", Suppressed: true, Fingerprint: "fp3"},
			{RuleInfo: ra, Status: scanner.Unknown, Resource: "x.u"},
			{RuleInfo: ra, Status: scanner.Pass, Resource: "x.p"},
			{RuleInfo: ra, Status: scanner.NotApplicable, Resource: "x.n"},
		},
	}
	rep.Summarize()
	return rep
}

func TestNewRecordCountsPerRuleAndCriterion(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".soc2scan.hcl")
	require.NoError(t, os.WriteFile(cfg, []byte("severity_threshold = \"low\"\n"), 0o644))
	rec, err := NewRecord(testReport(), Input{Tool: Tool{Name: "t", Version: "v"}, Catalogue: "c", Paths: []string{dir}, ConfigFile: cfg})
	require.NoError(t, err)

	a := rec.Rules["r-a"]
	assert.Equal(t, Counts{Failed: 2, Unknown: 1, Passed: 1, Suppressed: 1, NotApplicable: 1}, a.Counts)
	assert.Equal(t, []Failure{
		{Fingerprint: "fp1", Resource: "x.one", Location: "a.tf:1"},
		{Fingerprint: "fp2", Resource: "x.two", Location: "a.tf:4"},
	}, a.Failing)
	assert.Equal(t, RuleResult{}, rec.Rules["r-b"], "a rule that ran with nothing to judge is recorded")
	assert.Equal(t, a.Counts, rec.Criteria["CC6.1"])
	assert.Contains(t, rec.Criteria, "CC7.2")
	assert.Equal(t, &File{Path: cfg, SHA256: Digest([]byte("severity_threshold = \"low\"\n"))}, rec.Config)
	assert.Nil(t, rec.Git, "a temporary directory is in no git work tree")

	_, err = NewRecord(testReport(), Input{ConfigFile: filepath.Join(dir, "missing.hcl")})
	assert.ErrorContains(t, err, "configuration")
}

func TestInputsDigestDependsOnNamesAndContents(t *testing.T) {
	base := InputsDigest(map[string][]byte{"a.tf": []byte("x"), "b.tf": []byte("y")})
	assert.Equal(t, base, InputsDigest(map[string][]byte{"b.tf": []byte("y"), "a.tf": []byte("x")}))
	assert.NotEqual(t, base, InputsDigest(map[string][]byte{"a.tf": []byte("y"), "b.tf": []byte("x")}))
	assert.NotEqual(t, base, InputsDigest(map[string][]byte{"a.tf": []byte("x"), "c.tf": []byte("y")}))
}

func TestCatalogueVersionIsStableAndSensitive(t *testing.T) {
	rules := testReport().Rules
	v := CatalogueVersion(rules)
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, v)
	assert.Equal(t, v, CatalogueVersion([]*scanner.Rule{rules[1], rules[0]}), "order does not matter")
	changed := *rules[1]
	changed.Severity = scanner.Critical
	assert.NotEqual(t, v, CatalogueVersion([]*scanner.Rule{rules[0], &changed}))
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

func TestReadGit(t *testing.T) {
	const c1, c2 = "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, ".git/HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(repo, ".git/refs/heads/main"), c1+"\n")
	writeFile(t, filepath.Join(repo, ".git/packed-refs"), "# pack-refs\n"+c2+" refs/heads/feature/x\n")
	writeFile(t, filepath.Join(repo, "infra/main.tf"), "")

	g, err := ReadGit(filepath.Join(repo, "infra", "main.tf"))
	require.NoError(t, err)
	assert.Equal(t, &Git{Commit: c1, Branch: "main"}, g)

	// A linked work tree: a .git file, HEAD in its own git directory,
	// refs in the common one (here packed).
	wt := t.TempDir()
	writeFile(t, filepath.Join(repo, ".git/worktrees/wt/HEAD"), "ref: refs/heads/feature/x\n")
	writeFile(t, filepath.Join(repo, ".git/worktrees/wt/commondir"), "../..\n")
	writeFile(t, filepath.Join(wt, ".git"), "gitdir: "+filepath.Join(repo, ".git/worktrees/wt")+"\n")
	g, err = ReadGit(wt)
	require.NoError(t, err)
	assert.Equal(t, &Git{Commit: c2, Branch: "feature/x"}, g)

	// Detached HEAD.
	writeFile(t, filepath.Join(repo, ".git/HEAD"), c2+"\n")
	g, err = ReadGit(repo)
	require.NoError(t, err)
	assert.Equal(t, &Git{Commit: c2}, g)

	writeFile(t, filepath.Join(wt, ".git"), "nonsense\n")
	_, err = ReadGit(wt)
	assert.ErrorContains(t, err, "gitdir")
}

// TestNewRecordHashesEveryFileScanned checks that the record hashes the
// files the report knows by digest only (it keeps the contents of the files
// with findings), as if it held them all.
func TestNewRecordHashesEveryFileScanned(t *testing.T) {
	rep := testReport()
	rep.Sources = map[string][]byte{"a.tf": []byte("a")}
	rep.Digests = map[string][32]byte{"a.tf": report.Digest([]byte("a")), "b.tf": report.Digest([]byte("b"))}
	rec, err := NewRecord(rep, Input{Tool: Tool{Name: "t", Version: "v"}, Catalogue: "c"})
	require.NoError(t, err)
	assert.Equal(t, InputsDigest(map[string][]byte{"a.tf": []byte("a"), "b.tf": []byte("b")}), rec.Inputs)
}

func TestNewRecordCountsOmittedResults(t *testing.T) {
	// A report that counts its passes and not-applicable results instead
	// of holding them records the same counts.
	full := testReport()
	lean := testReport()
	lean.Findings = lean.Findings[:4]
	lean.Omitted = []report.Omitted{
		{RuleID: "r-a", Severity: scanner.High, Criteria: []string{"CC6.1"}, Status: scanner.Pass, Count: 1},
		{RuleID: "r-a", Severity: scanner.High, Criteria: []string{"CC6.1"}, Status: scanner.NotApplicable, Count: 1},
	}
	lean.Summarize()
	want, err := NewRecord(full, Input{Tool: Tool{Name: "t", Version: "v"}, Catalogue: "c"})
	require.NoError(t, err)
	got, err := NewRecord(lean, Input{Tool: Tool{Name: "t", Version: "v"}, Catalogue: "c"})
	require.NoError(t, err)
	assert.Equal(t, want.Rules, got.Rules)
	assert.Equal(t, want.Criteria, got.Criteria)
	assert.Equal(t, Counts{Failed: 2, Unknown: 1, Passed: 1, Suppressed: 1, NotApplicable: 1}, got.Rules["r-a"].Counts)
}
