package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// Input is what a record says besides the report's results.
type Input struct {
	Tool Tool
	// Catalogue is CatalogueVersion of the rules the tool knows.
	Catalogue string
	// Paths are the scanned paths as given.
	Paths []string
	// ConfigFile is the configuration file the scan read, "" when none.
	ConfigFile string
}

// NewRecord builds the record of a scan, without its time and previous
// digest, which Append sets. It reads the configuration file, and the git
// work tree the first path is in.
func NewRecord(rep *report.Report, in Input) (*Record, error) {
	r := &Record{
		FormatVersion: FormatVersion,
		Tool:          in.Tool,
		Catalogue:     in.Catalogue,
		Paths:         slices.Clone(in.Paths),
		Inputs:        inputsDigest(rep),
		Rules:         ruleResults(rep),
		Criteria:      map[string]Counts{},
		Errors:        len(rep.Errors),
	}
	if r.Paths == nil {
		r.Paths = []string{}
	}
	for _, c := range rep.Summary.ByCriterion {
		r.Criteria[c.Criterion] = c.Counts
	}
	if in.ConfigFile != "" {
		data, err := os.ReadFile(in.ConfigFile)
		if err != nil {
			return nil, fmt.Errorf("reading the configuration for the evidence record: %w", err)
		}
		r.Config = &File{Path: in.ConfigFile, SHA256: Digest(data)}
	}
	if len(in.Paths) > 0 {
		git, err := ReadGit(in.Paths[0])
		if err != nil {
			return nil, err
		}
		r.Git = git
	}
	return r, nil
}

// ruleResults tallies the findings per rule; every rule that ran has an
// entry, so that a rule with nothing to judge still shows it ran.
func ruleResults(rep *report.Report) map[string]RuleResult {
	out := map[string]RuleResult{}
	for _, rule := range rep.Rules {
		out[rule.ID] = RuleResult{}
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		res := out[f.RuleID]
		switch {
		case f.Suppressed:
			res.Suppressed++
		case f.Status == scanner.Fail:
			res.Failed++
			res.Failing = append(res.Failing, Failure{Fingerprint: f.Fingerprint, Resource: f.Resource, Location: location(f)})
		case f.Status == scanner.Unknown:
			res.Unknown++
		case f.Status == scanner.Pass:
			res.Passed++
		case f.Status == scanner.NotApplicable:
			res.NotApplicable++
		}
		out[f.RuleID] = res
	}
	for _, o := range rep.Omitted {
		res := out[o.RuleID]
		switch o.Status {
		case scanner.Pass:
			res.Passed += o.Count
		case scanner.NotApplicable:
			res.NotApplicable += o.Count
		}
		out[o.RuleID] = res
	}
	for id, res := range out {
		slices.SortFunc(res.Failing, func(a, b Failure) int {
			return strings.Compare(a.Fingerprint+a.Resource, b.Fingerprint+b.Resource)
		})
		out[id] = res
	}
	return out
}

func location(f *report.Finding) string {
	if f.File == "" {
		return ""
	}
	return f.Location()
}

// InputsDigest is the SHA-256 (hex) of the files a scan read: for each file
// in name order, the name, a NUL byte, the hex SHA-256 of its contents and a
// newline. Hashing each content first keeps names and contents from running
// into each other.
func InputsDigest(sources map[string][]byte) string {
	digests := make(map[string][32]byte, len(sources))
	for name, src := range sources {
		digests[name] = sha256.Sum256(src)
	}
	return digestOfDigests(digests)
}

// inputsDigest is InputsDigest of the files rep scanned, from the digests
// it keeps of them (rep.Sources only holds the files with findings).
func inputsDigest(rep *report.Report) string {
	if rep.Digests == nil {
		return InputsDigest(rep.Sources)
	}
	return digestOfDigests(rep.Digests)
}

// digestOfDigests is InputsDigest given each file's digest.
func digestOfDigests(digests map[string][32]byte) string {
	names := make([]string, 0, len(digests))
	for name := range digests {
		names = append(names, name)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		d := digests[name]
		fmt.Fprintf(h, "%s\x00%s\n", name, hex.EncodeToString(d[:]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CatalogueVersion is a stable digest of a rule catalogue: the SHA-256 of
// each rule's ID, title, severity and criteria, in ID order, prefixed
// "sha256:". It changes when a rule is added, removed, renamed, re-rated or
// re-mapped, so a record says which catalogue judged it.
func CatalogueVersion(rules []*scanner.Rule) string {
	sorted := slices.Clone(rules)
	slices.SortFunc(sorted, func(a, b *scanner.Rule) int { return strings.Compare(a.ID, b.ID) })
	h := sha256.New()
	for _, r := range sorted {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\n", r.ID, r.Title, r.Severity, strings.Join(r.Criteria.IDs(), ","))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
