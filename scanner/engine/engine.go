// Package engine runs rules over loaded Terraform resources and turns their
// results into a report. It applies, once and in one place, everything that
// decides whether a result counts: the configuration (which rules run, their
// parameters, categories in scope, exclusions, severity threshold), inline
// suppression comments (ours and those of checkov, tfsec and trivy for the
// equivalent rule), and the baseline.
//
// The engine never imports the rule catalogue: it is handed the rules.
package engine

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// Options tune a run.
type Options struct {
	// Config is the configuration, with overrides already applied and
	// validated against the rules (scan.Run does both); nil means
	// config.Default().
	Config *config.Config
	// IncludePassed shows passing results in the report's formats.
	IncludePassed bool
	// Baseline marks the findings it holds as suppressed; nil means none.
	Baseline *Baseline
	// WorkDir is the directory output paths are relative to; "" means the
	// process's working directory.
	WorkDir string
	// Now is the clock for expiry dates; nil means time.Now.
	Now func() time.Time
	// Version is the tool version written into the report; Commit and
	// BuildDate identify the build further, when known.
	Version   string
	Commit    string
	BuildDate string
	// OmitHidden keeps out of the report's Findings the results no
	// format shows — not-applicable results, and passes unless
	// IncludePassed — counting them in Report.Omitted instead, so that a
	// scan does not hold on to them: passes are most results. Set it only
	// when every consumer of the report reads those results as counts
	// (the summary, the evidence record), not one by one as JUnit and
	// the provider's data source do.
	OmitHidden bool
	// OmitSources keeps out of Report.Sources the contents of the files
	// findings point into, for outputs that show no code excerpt (every
	// format but text): Sources then holds the files that may hold
	// suppression comments only. Report.Digests is the same either way.
	OmitSources bool
	// OmitDigests leaves Report.Digests nil, for a scan that makes no
	// evidence record (the only reader of the digests): the report then
	// holds no entry per file scanned, and the contents of the files with
	// results that no output shows are not kept for their digest.
	// Report.Summary.FilesScanned is the same either way.
	OmitDigests bool
	// Workers bounds the goroutines that run rules; 0 means GOMAXPROCS.
	Workers int
	// ScanPaths are the paths the user asked to scan. A finding's
	// fingerprint names its root module relative to the one holding it,
	// so that two stacks with the same address and file name scanned
	// together do not share fingerprints (and one baseline entry cannot
	// hide the other's finding).
	ScanPaths []string
}

// Run evaluates rules against the loaded input and returns the report. rules
// is every rule the scanner knows (suppression comments may name any of
// them); the configuration selects which run. The error is for a rule
// parameter that cannot be used or a cancelled context; problems with the
// input are in the report's Errors and Warnings.
func Run(ctx context.Context, in *loader.Result, rules []*scanner.Rule, opts Options) (*report.Report, error) {
	s, err := NewStream(rules, opts)
	if err != nil {
		return nil, err
	}
	if err := s.Add(ctx, in.Resources); err != nil {
		return nil, err
	}
	return s.Finish(in), nil
}

// Stream runs rules one part of the input at a time (a root module's
// resources, as loader.Options.OnResources hands them), keeping of each
// part only what the report needs: the results, the secrets to redact and
// the resources' addresses and ranges. A scan's memory then follows its
// largest root module, not the whole input. Finish makes the same report
// Run would of the whole input at once.
type Stream struct {
	rules     []*scanner.Rule
	opts      Options
	cfg       *config.Config
	now       time.Time
	workDir   string
	threshold scanner.Severity
	selected  []*ruleRun

	raw     []rawResult
	secrets []string
	// literals are the literal secrets rules found, redacted where they
	// are written (scanner.Redactor.Locate).
	literals []scanner.Secret
	managed  int
	// files are the files the results point into (loader names): the
	// ones whose contents the report needs, for code excerpts or digests;
	// shown are those of the results the report keeps as findings.
	files map[string]bool
	shown map[string]bool
	// omitted counts the results Options.OmitHidden leaves out, by rule
	// run and status; omittedFiles are the files (loader names) their
	// findings would have named, which the report treats as excerpted
	// all the same.
	omitted      map[*ruleRun]map[scanner.Status]int
	omittedFiles map[string]bool
	// packed holds, compressed, the contents of the files results point
	// into that no output shows (omitted results, or every result with
	// OmitSources): the report needs them only for their digest, which
	// is of the content redacted with secrets known at the end.
	packed map[string][]byte
	packer *packer
}

// NewStream selects the rules to run and resolves their parameters; the
// error is Run's.
func NewStream(rules []*scanner.Rule, opts Options) (*Stream, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = config.Default()
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	workDir := opts.WorkDir
	if workDir == "" {
		wd, err := filepath.Abs(".")
		if err != nil {
			return nil, fmt.Errorf("finding the working directory: %w", err)
		}
		workDir = wd
	}
	threshold := cfg.SeverityThreshold
	if threshold == "" {
		threshold = scanner.Low
	}
	selected, err := selectRules(rules, cfg)
	if err != nil {
		return nil, err
	}
	return &Stream{rules: rules, opts: opts, cfg: cfg, now: now(), workDir: workDir, threshold: threshold, selected: selected,
		files: map[string]bool{}, omitted: map[*ruleRun]map[scanner.Status]int{}, omittedFiles: map[string]bool{},
		shown: map[string]bool{}, packed: map[string][]byte{}}, nil
}

// Add runs the rules over resources, which must hold whole root modules
// (rules follow references within a root only). Afterwards the stream
// holds no reference to their values.
func (s *Stream) Add(ctx context.Context, resources []*scanner.Resource) error {
	raw, literals, err := execute(ctx, resources, s.selected, s.opts.Workers)
	if err != nil {
		return err
	}
	s.secrets = append(s.secrets, scanner.SensitiveStrings(resources)...)
	s.literals = append(s.literals, literals...)
	s.managed += countManaged(resources)
	refs := make(map[*scanner.Resource]*resourceRef, len(resources))
	// A rule mostly says the same thing of every resource it fails, each
	// time in a string of its own; results are kept until Finish, so one
	// that repeats the message of the rule's result before it takes that
	// string instead (results come rule by rule, so that is the one to
	// compare with). 16,000 buckets and their versioning resources kept
	// 11 MB of such copies.
	lastMessage := make(map[*ruleRun]string, len(s.selected))
	kept := raw[:0]
	for i := range raw {
		r := raw[i].resource
		s.files[raw[i].file] = true
		s.files[r.Range.Filename] = true
		if s.hidden(&raw[i]) {
			s.omit(&raw[i])
			continue
		}
		s.shown[raw[i].file] = true
		s.shown[r.Range.Filename] = true
		ref, ok := refs[r]
		if !ok {
			ref = refOf(r)
			refs[r] = ref
		}
		raw[i].resource, raw[i].ref = nil, ref
		if msg := raw[i].message; msg != "" {
			if prev := lastMessage[raw[i].run]; prev == msg {
				raw[i].message = prev
			} else {
				lastMessage[raw[i].run] = msg
			}
		}
		kept = append(kept, raw[i])
	}
	clear(raw[len(kept):])
	if s.raw == nil && 2*len(kept) >= len(raw) {
		// The first batch keeps its slice instead of copying it, unless
		// most of it was hidden and the copy is the smaller.
		s.raw = kept
	} else {
		s.raw = append(s.raw, kept...)
	}
	return nil
}

// hidden reports whether Options.OmitHidden leaves res out of Findings:
// a pass (unless IncludePassed) or a not-applicable result.
func (s *Stream) hidden(res *rawResult) bool {
	if !s.opts.OmitHidden || res.crash != nil {
		return false
	}
	switch res.Status() {
	case scanner.NotApplicable:
		return true
	case scanner.Pass:
		return !s.opts.IncludePassed
	}
	return false
}

// omit counts a hidden result as Finish would have counted its finding:
// not at all below the severity threshold.
func (s *Stream) omit(res *rawResult) {
	if res.run.severity.Rank() < s.threshold.Rank() {
		return
	}
	byStatus := s.omitted[res.run]
	if byStatus == nil {
		byStatus = map[scanner.Status]int{}
		s.omitted[res.run] = byStatus
	}
	byStatus[res.Status()]++
	s.omittedFiles[findingRange(res.Range(), res.resource.Range).Filename] = true
}

// findingRange is where a finding points: the result's range, else its
// resource's.
func findingRange(result, resource scanner.Range) scanner.Range {
	if result.IsZero() || result.Filename == "" {
		return resource
	}
	return result
}

// KeepSource says whether Finish needs the content of a file read
// (loader.Options.KeepSource): a file a result added so far points into,
// for its code excerpt, or a configuration file that may hold suppression
// comments. The report hashes the others (loader.Result.Digests) and
// forgets them.
//
// A file results point into that no output shows (Options.OmitHidden,
// Options.OmitSources) is not kept as it is: the stream keeps it
// compressed, for the digest of its redacted content.
func (s *Stream) KeepSource(name string, src []byte) bool {
	if strings.HasSuffix(name, ".tf") && mayHoldDirective(src) {
		return true
	}
	if !s.files[name] {
		return false
	}
	if s.shown[name] && !s.opts.OmitSources {
		delete(s.packed, name)
		return true
	}
	if s.opts.OmitDigests {
		return false
	}
	if _, ok := s.packed[name]; !ok {
		if s.packer == nil {
			s.packer = newPacker()
		}
		s.packed[name] = s.packer.pack(src)
	}
	return false
}

// Finish makes the report of every result added. in holds the rest of
// the input: the files read, the load diagnostics, the file contents and
// secrets to redact; its Resources are ignored (Add them first).
func (s *Stream) Finish(in *loader.Result) *report.Report {
	cfg, workDir, threshold, selected, opts, raw := s.cfg, s.workDir, s.threshold, s.selected, s.opts, s.raw
	s.raw = nil
	// Every message goes through one redactor, whatever rule wrote it:
	// sensitive values never reach a report, file contents are described.
	secrets := append(s.secrets, in.Secrets...)
	redactor := scanner.NewRedactor(secrets, in.FileContents)
	redactor.Locate(s.literals, in.Files)
	s.literals = nil
	for i := range raw {
		raw[i].message = redactor.Redact(raw[i].message)
		if raw[i].crash != nil {
			crash := redactor.Redact(*raw[i].crash)
			raw[i].crash = &crash
		}
	}

	e := &evaluation{
		cfg:       cfg,
		now:       s.now,
		workDir:   workDir,
		files:     in.Files,
		known:     s.rules,
		redactor:  redactor,
		baseline:  opts.Baseline,
		comments:  map[string]*fileComments{},
		displayed: map[string]string{},
		roots:     newRootNames(workDir, opts.ScanPaths),
	}
	rep := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.ToolName,
		Version:       opts.Version,
		Commit:        opts.Commit,
		BuildDate:     opts.BuildDate,
		Settings: report.Settings{
			SeverityThreshold: threshold,
			FailOnUnknown:     cfg.FailOnUnknown,
			IncludePassed:     opts.IncludePassed,
			CategoriesInScope: cfg.Scope(),
		},
		Sources: map[string][]byte{},
	}
	if !opts.OmitDigests {
		rep.Digests = map[string][32]byte{}
	}
	e.loadDiagnostics(rep, in.Diagnostics)
	e.scanComments()

	fingerprints := e.fingerprints(raw)
	rep.Findings = make([]report.Finding, 0, len(raw))
	// The findings are counted (tally) and their files noted (excerpted)
	// as they are made, while each is still in the cache: at 16,000
	// resources they are tens of megabytes, which each further pass read
	// from memory again.
	var tally report.Tally
	excerpted, lastFile := map[string]bool{}, ""
	for _, i := range e.order(raw, fingerprints) {
		res := raw[i]
		raw[i] = rawResult{} // the finding replaces it
		f := e.finding(res, fingerprints[i*fingerprintLen:(i+1)*fingerprintLen])
		if crash := res.crashed(); crash != "" {
			e.errors = append(e.errors, report.Problem{
				File: f.File, Line: int(f.StartLine), Column: int(f.StartColumn),
				Message: fmt.Sprintf("rule %s crashed on %s: %s; the result is reported as unknown (this is a bug in the rule, please report it)", f.RuleID, f.Resource, crash),
			})
		}
		problem := f.Status.IsProblem()
		if f.Severity.Rank() < threshold.Rank() {
			if problem {
				rep.Summary.BelowThreshold++
			}
			continue
		}
		if problem {
			e.suppress(&f, res)
		}
		rep.Findings = append(rep.Findings, f)
		tally.Add(&rep.Findings[len(rep.Findings)-1])
		if f.File != lastFile || len(excerpted) == 0 { // findings come sorted by file
			excerpted[f.File], lastFile = true, f.File
		}
	}
	rep.Warnings = append(rep.Warnings, e.warnings...)
	rep.Errors = append(rep.Errors, e.errors...)
	report.SortProblems(rep.Errors)
	report.SortProblems(rep.Warnings)
	rep.Warnings = slices.Compact(rep.Warnings)

	// Code excerpts are redacted too: a plan's line holds its values in
	// clear, sensitive ones included.
	for name := range s.omittedFiles {
		excerpted[e.display(name)] = true
	}
	// Only the files with a result are kept (Stream.KeepSource); the
	// others are known by their digest, of the content as read.
	for name, src := range in.Files {
		shown := e.display(name)
		if excerpted[shown] {
			var spans []scanner.Replaced
			if src, spans = redactor.RedactFileSpans(name, src); len(spans) > 0 {
				if rep.Redactions == nil {
					rep.Redactions = map[string][]report.Redaction{}
				}
				rep.Redactions[shown] = report.Redactions(in.Files[name], spans)
			}
		}
		rep.Sources[shown] = src
		if rep.Digests == nil {
			continue
		}
		if d, ok := in.Digests[name]; ok && !excerpted[shown] {
			rep.Digests[shown] = d
		} else {
			rep.Digests[shown] = report.Digest(src)
		}
	}
	for name, d := range in.Digests {
		if rep.Digests == nil {
			break
		}
		if _, kept := in.Files[name]; kept {
			continue
		}
		shown := e.display(name)
		if z, ok := s.packed[name]; ok && excerpted[shown] && !redactor.Empty() {
			d = report.Digest(redactor.RedactFile(name, unpack(z)))
		}
		rep.Digests[shown] = d
	}
	s.packed, s.packer = nil, nil
	for _, run := range selected {
		rep.Rules = append(rep.Rules, run.rule)
		var criteria []string
		for _, status := range []scanner.Status{scanner.Pass, scanner.NotApplicable} {
			if n := s.omitted[run][status]; n > 0 {
				if criteria == nil {
					criteria = run.criteria()
				}
				rep.Omitted = append(rep.Omitted, report.Omitted{RuleID: run.rule.ID, Severity: run.severity,
					Criteria: criteria, Status: status, Count: n})
			}
		}
	}
	s.omitted, s.omittedFiles = nil, nil
	rep.Summary.ResourcesScanned = s.managed
	rep.Summary.FilesScanned = len(in.Digests)
	for name := range in.Files {
		if _, ok := in.Digests[name]; !ok {
			rep.Summary.FilesScanned++
		}
	}
	rep.Summary.RulesRun = len(selected)
	rep.SummarizeTally(&tally)
	return rep
}

// ruleRun is a rule selected to run, with its resolved parameters.
type ruleRun struct {
	rule     *scanner.Rule
	params   map[string]any
	severity scanner.Severity
	// info is what the rule's findings say of it, one for all of them: a
	// large scan has many findings of few rules. It is made by ruleInfo
	// when the first of them is, as most of the ~570 rules have no
	// finding in a small scan, whose fixed cost it was.
	info *report.RuleInfo
	// resourceTypes and dataSourceTypes are the rule's, each named once,
	// resolved once per scan rather than once per root.
	resourceTypes, dataSourceTypes []string
}

// ruleInfo returns what run's findings say of its rule, made on the first
// call. Finish calls it from one goroutine.
func (run *ruleRun) ruleInfo() *report.RuleInfo {
	if run.info == nil {
		r := run.rule
		run.info = &report.RuleInfo{RuleID: r.ID, Title: r.Title, Description: r.Description, Severity: run.severity,
			Criteria: run.criteria(), Family: r.Family, Remediation: r.Remediation, DocURL: report.DocURL(r.ID)}
	}
	return run.info
}

// criteria returns the rule's criteria, shared by its findings and its
// omitted counts.
func (run *ruleRun) criteria() []string {
	if run.info != nil {
		return run.info.Criteria
	}
	return slices.Clip(run.rule.Criteria.IDs())
}

// selectRules picks the rules that run — enabled, not disabled, with a
// criterion in scope — sorted by ID, and resolves their parameters.
func selectRules(rules []*scanner.Rule, cfg *config.Config) ([]*ruleRun, error) {
	var out []*ruleRun
	for _, r := range rules {
		if !cfg.Selected(r.ID) || !cfg.InScope(r.Criteria) {
			continue
		}
		// Most rules have no parameters: theirs stay nil, which a check
		// reads as the empty map it would otherwise get, for one less
		// map per rule and scan.
		var params map[string]any
		if overrides := cfg.Params(r.ID); len(r.Params) > 0 || len(overrides) > 0 {
			var err error
			if params, err = r.ParamsWithDefaults(overrides); err != nil {
				return nil, fmt.Errorf("configuring rule %s: %w", r.ID, err)
			}
		}
		sev := r.Severity
		if s := cfg.Setting(r.ID); s != nil && s.Severity != "" {
			sev = s.Severity
		}
		out = append(out, &ruleRun{rule: r, params: params, severity: sev,
			resourceTypes: uniq(r.ResourceTypes), dataSourceTypes: uniq(r.DataSourceTypes)})
	}
	byID := func(a, b *ruleRun) int { return strings.Compare(a.rule.ID, b.rule.ID) }
	if !slices.IsSortedFunc(out, byID) { // the catalogue is sorted already
		slices.SortFunc(out, byID)
	}
	return out, nil
}

func countManaged(rs []*scanner.Resource) int {
	n := 0
	for _, r := range rs {
		if r.Mode == "managed" {
			n++
		}
	}
	return n
}

// evaluation is the state of turning raw results into findings.
type evaluation struct {
	cfg      *config.Config
	now      time.Time
	workDir  string
	files    map[string][]byte
	known    []*scanner.Rule
	baseline *Baseline
	comments map[string]*fileComments
	// displayed caches display's answers by loader filename.
	displayed map[string]string
	roots     *rootNames
	// redactor removes secrets and file contents from messages.
	redactor *scanner.Redactor
	warnings []report.Problem
	errors   []report.Problem
}

func (e *evaluation) loadDiagnostics(rep *report.Report, diags []scanner.Diagnostic) {
	for _, d := range diags {
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		msg = e.redactor.Redact(msg)
		p := report.Problem{
			File:    e.display(d.Range.Filename),
			Line:    d.Range.StartLine,
			Column:  d.Range.StartColumn,
			Message: msg,
		}
		if d.Severity == scanner.DiagError {
			rep.Errors = append(rep.Errors, p)
		} else {
			rep.Warnings = append(rep.Warnings, p)
		}
	}
}

// fingerprints returns the fingerprints of raw's findings, written one
// after another into one string (fingerprintLen bytes each) that their
// findings slice: every finding has one, and 64 bytes each in an object
// of its own were hundreds of thousands of objects for the collector on
// a large scan, where one string is one. A finding's fingerprint keeps
// the whole string alive; the findings of a report are kept together.
func (e *evaluation) fingerprints(raw []rawResult) string {
	var all strings.Builder
	all.Grow(fingerprintLen * len(raw))
	for i := range raw {
		r := raw[i].ref
		rng := findingRange(raw[i].Range(), r.Range)
		fp := fingerprint(raw[i].run.rule.ID, e.roots.name(r.Root), r.Address, cmp.Or(r.Range.Filename, rng.Filename))
		all.Write(fp[:])
	}
	return all.String()
}

// order returns the positions of raw's results in the order of their
// findings (report.SortFindings), so that Finish makes the findings in
// that order instead of sorting them once made: a large scan's findings
// are tens of megabytes, and moving each into its place read and wrote
// them all again, out of the processor's caches. The keys are those
// finding gives its finding.
func (e *evaluation) order(raw []rawResult, fingerprints string) []int {
	fp := func(i int) string { return fingerprints[i*fingerprintLen : (i+1)*fingerprintLen] }
	return report.Order(len(raw),
		func(i int) (string, int, string, string) {
			res := &raw[i]
			rng := findingRange(res.Range(), res.ref.Range)
			return e.display(rng.Filename), rng.StartLine, res.run.rule.ID, res.ref.Address
		},
		func(i, j int) int {
			a, b := &raw[i], &raw[j]
			return cmp.Or(cmp.Compare(a.Status(), b.Status()), cmp.Compare(a.message, b.message), cmp.Compare(fp(i), fp(j)))
		})
}

// finding turns res into a finding with the given fingerprint.
func (e *evaluation) finding(res rawResult, fingerprint string) report.Finding {
	r := res.ref
	rng := findingRange(res.Range(), r.Range)
	end := rng.EndLine
	if end < rng.StartLine {
		end = rng.StartLine
	}
	var notes []string
	if r.MayNotExist && res.Status().IsProblem() {
		notes = append(notes, "count or for_each is only known after apply: this applies to every instance Terraform creates, if any")
	}
	root := e.roots.name(r.Root)
	return report.Finding{
		Notes:        notes,
		RuleInfo:     res.run.ruleInfo(),
		Resource:     r.Address,
		ResourceType: r.Type,
		File:         e.display(rng.Filename),
		StartLine:    position(rng.StartLine),
		EndLine:      position(end),
		StartColumn:  position(rng.StartColumn),
		EndColumn:    position(rng.EndColumn),
		Status:       res.Status(),
		Message:      res.message,
		Root:         root,
		Fingerprint:  fingerprint,
	}
}

// Fingerprint identifies a finding across edits and across the directory a
// scan runs from: a hash of the rule ID, the root module (its path relative
// to the scanned path that holds it, "." for the scanned path itself), the
// resource address and the name of the file within its module directory.
// Line numbers are left out on purpose, so that GitHub code scanning alerts
// and baselines survive edits above the resource. The root "." adds nothing
// to the hash, so that a scan of one stack keeps the fingerprints it had
// before roots were part of it.
//
// The parts are hashed from one buffer on the stack and the digest is
// written as hex into another: every finding has a fingerprint, and the
// hasher and the hex encoding allocated three times for each, where only
// the string returned is needed.
func Fingerprint(ruleID, root, address, file string) string {
	fp := fingerprint(ruleID, root, address, file)
	return string(fp[:])
}

// fingerprintLen is the length of a fingerprint: a SHA-256 in hex.
const fingerprintLen = 2 * sha256.Size

// fingerprint is Fingerprint as an array, for a caller that keeps many.
func fingerprint(ruleID, root, address, file string) [fingerprintLen]byte {
	base := ""
	if file != "" {
		base = path.Base(filepath.ToSlash(file))
	}
	var buf [256]byte
	b := append(buf[:0], ruleID...)
	b = append(b, 0)
	b = append(b, address...)
	b = append(b, 0)
	b = append(b, base...)
	b = append(b, 0)
	if root != "" && root != "." {
		b = append(b, "root:"...)
		b = append(b, root...)
		b = append(b, 0)
	}
	sum := sha256.Sum256(b)
	var out [fingerprintLen]byte
	hex.Encode(out[:], sum[:])
	return out
}

// display turns a filename from the loader into the path output shows:
// relative to the working directory with forward slashes when the file is
// inside it, absolute otherwise. Every finding asks, and a scan has far
// fewer files than findings, so answers are kept.
func (e *evaluation) display(name string) string {
	if name == "" {
		return ""
	}
	if shown, ok := e.displayed[name]; ok {
		return shown
	}
	shown := displayPath(e.workDir, name)
	e.displayed[name] = shown
	return shown
}

func displayPath(workDir, name string) string {
	p := name
	if filepath.IsAbs(p) {
		if rel, err := filepath.Rel(workDir, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// configRelative returns a file's path relative to the config file's
// directory, the base of exclusion path patterns.
func (e *evaluation) configRelative(name string) string {
	if name == "" {
		return ""
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(e.workDir, abs)
	}
	base := e.cfg.Dir
	if base == "" {
		base = e.workDir
	}
	if rel, err := filepath.Rel(base, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(name)
}
