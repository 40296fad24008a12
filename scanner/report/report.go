// Package report holds the result of a scan — findings, errors, warnings and
// a summary by severity and by Trust Services Criterion — and the writers that
// render it as text, JSON, SARIF 2.1.0, JUnit XML and Markdown.
//
// Every writer renders the same Report value: the engine decides once what is
// failing, suppressed or below the threshold, and the formats only differ in
// how they say it.
package report

import (
	"crypto/sha256"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// ToolName is the name every format reports as the producing tool.
const ToolName = "terraform-provider-soc2"

// InformationURI is the project's home page.
const InformationURI = "https://github.com/soc2-as-code/terraform-provider-soc2"

// SchemaVersion is the version of the JSON report's shape; it changes only
// when a field is removed or changes meaning.
const SchemaVersion = 1

// DocURL returns the documentation page of a rule.
func DocURL(ruleID string) string {
	return InformationURI + "/blob/main/docs/rules/" + ruleID + ".md"
}

// Suppression sources.
const (
	SourceInline   = "inline"
	SourceConfig   = "config"
	SourceBaseline = "baseline"
	SourceCheckov  = scanner.ToolCheckov
	SourceTfsec    = scanner.ToolTfsec
	SourceTrivy    = scanner.ToolTrivy
)

// Report is the outcome of one scan.
type Report struct {
	SchemaVersion int    `json:"schema_version"`
	Tool          string `json:"tool"`
	Version       string `json:"version"`
	// Commit and BuildDate identify the build that wrote the report (the
	// git commit and the UTC build time, RFC 3339), when it knows them.
	Commit    string `json:"commit,omitempty"`
	BuildDate string `json:"build_date,omitempty"`
	// Settings are the options that decided which findings fail.
	Settings Settings `json:"settings"`
	// Findings holds every result, passes included, sorted by file, line,
	// rule ID and address. Writers show passes only when
	// Settings.IncludePassed is set; see Visible.
	Findings []Finding `json:"findings"`
	// Errors are inputs that could not be read or parsed; the scan went on
	// without them.
	Errors []Problem `json:"errors"`
	// Warnings are inputs that were read but not fully evaluated (remote
	// modules) and suppressions that did not apply.
	Warnings []Problem `json:"warnings"`
	Summary  Summary   `json:"summary"`
	// Roots are the root modules scanned and those excluded, sorted by
	// path; absent from reports of scans that did not discover roots.
	Roots []Root `json:"roots,omitempty"`

	// Omitted tallies the results left out of Findings because no output
	// of the scan shows them (engine.Options.OmitHidden): passes without
	// --include-passed and not-applicable results, by rule, severity and
	// status. Summarize and the evidence record count them as they count
	// findings; nil when every result is in Findings.
	Omitted []Omitted `json:"-"`

	// Rules are the rules that ran, sorted by ID, for the formats that
	// describe them (SARIF, text remediation, Markdown details).
	Rules []*scanner.Rule `json:"-"`
	// Sources holds file contents keyed by Finding.File, for code
	// excerpts: those of the files with a result or a suppression
	// comment, not of every file scanned.
	Sources map[string][]byte `json:"-"`
	// Redactions lists, keyed like Sources, where the engine replaced
	// secrets in a source, so that an excerpt finds a finding's column
	// (of the original file) in it; nil for a source kept as it was.
	Redactions map[string][]Redaction `json:"-"`
	// Digests holds the SHA-256 (Digest) of every file scanned, keyed
	// like Sources, of its content as Sources would hold it (redacted
	// where excerpted), for the evidence record; nil means Sources holds
	// every file.
	// The digests are bytes, written in hex only where a record shows
	// them: one entry per file of the whole input stays to the end.
	Digests map[string][32]byte `json:"-"`
}

// Digest is the SHA-256 of a file's content, as Report.Digests holds it.
func Digest(src []byte) [32]byte {
	return sha256.Sum256(src)
}

// Settings are the options a report was produced with.
type Settings struct {
	SeverityThreshold scanner.Severity `json:"severity_threshold"`
	FailOnUnknown     bool             `json:"fail_on_unknown"`
	IncludePassed     bool             `json:"include_passed"`
	// CategoriesInScope lists the Trust Services Categories whose rules ran.
	CategoriesInScope []tsc.Category `json:"categories_in_scope"`
}

// Finding is the result of one rule on one resource.
//
// What it says of its rule is behind *RuleInfo, shared by every finding of
// one rule (a large scan has hundreds of thousands of findings of a few
// hundred rules, and eight fields of their own made each finding 136 bytes
// larger for the collector to mark). Its fields read as the finding's own
// (f.RuleID, f.Title); a finding that says something else of its rule gets
// a RuleInfo of its own, never a change written through the shared one.
// The JSON form is unchanged: MarshalJSON writes the fields in the order
// they always had, and decoding fills RuleInfo from the same keys.
type Finding struct {
	*RuleInfo
	Resource     string `json:"resource"`
	ResourceType string `json:"resource_type"`
	// Root is the root module the resource was evaluated through: its
	// path relative to the scanned path that holds it, with forward
	// slashes, "." for the scanned path itself (the root the fingerprint
	// names). A module called from two roots gives a finding per root.
	Root string `json:"root"`
	// File is relative to the working directory where possible, with
	// forward slashes; empty for a resource known only from a plan.
	File string `json:"file"`
	// The positions are int32 and Suppressed sits after them, in what
	// would otherwise be padding: a large scan holds hundreds of
	// thousands of findings at once (see TestFindingSize). MarshalJSON
	// writes the fields in their documented order whatever this one.
	StartLine   int32          `json:"start_line"`
	EndLine     int32          `json:"end_line"`
	StartColumn int32          `json:"start_column,omitempty"`
	EndColumn   int32          `json:"end_column,omitempty"`
	Suppressed  bool           `json:"suppressed"`
	Status      scanner.Status `json:"status"`
	Message     string         `json:"message"`
	Suppression *Suppression   `json:"suppression,omitempty"`
	// Notes explain what the finding depends on: suppressions that were
	// written but did not apply (an expired ignore, one without a reason,
	// one for an un-ignorable rule), or an instance count that is only
	// known after apply.
	Notes []string `json:"notes,omitempty"`
	// Fingerprint identifies the finding across edits: a hash of the rule
	// ID, the resource address and the file name within its module, but
	// not of line numbers.
	Fingerprint string `json:"fingerprint"`
}

// RuleInfo is what a finding says of its rule, as it ran: its severity
// and criteria are those the configuration gave it. The findings of one
// rule share one RuleInfo; treat it as read-only.
type RuleInfo struct {
	RuleID      string           `json:"rule_id"`
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Severity    scanner.Severity `json:"severity"`
	Criteria    []string         `json:"criteria"`
	Family      scanner.Family   `json:"family"`
	Remediation string           `json:"remediation,omitempty"`
	DocURL      string           `json:"doc_url,omitempty"`
}

// Omitted counts the results of one rule with one status that a report
// does not hold as findings (Report.Omitted). Such results are never
// suppressed: only failures and unknowns are.
type Omitted struct {
	RuleID   string
	Severity scanner.Severity
	// Criteria are the rule's, as its findings would list them.
	Criteria []string
	Status   scanner.Status
	Count    int
}

// Suppression says why a finding does not count.
type Suppression struct {
	Reason string `json:"reason"`
	// Expires is the last day (YYYY-MM-DD) the suppression applies, or "".
	Expires string `json:"expires,omitempty"`
	// Source is inline, checkov, tfsec, trivy, config or baseline.
	Source string `json:"source"`
	// Location is where the suppression is written (file:line), when it is
	// written somewhere.
	Location string `json:"location,omitempty"`
}

// InSource reports whether the suppression is a comment in the scanned code
// (as opposed to the config file or the baseline).
func (s *Suppression) InSource() bool {
	switch s.Source {
	case SourceConfig, SourceBaseline:
		return false
	}
	return true
}

// Location renders the finding's place as file:line, or the resource address
// when it has no file.
func (f *Finding) Location() string {
	switch {
	case f.File == "":
		return f.Resource
	case f.StartLine == 0:
		return f.File
	}
	return fmt.Sprintf("%s:%d", f.File, f.StartLine)
}

// LocationInRoot is Location followed by the root module in brackets
// when withRoot is set (Report.MultiRoot): a module called from several
// roots has the same file and line through each of them.
func (f *Finding) LocationInRoot(withRoot bool) string {
	return f.Location() + f.rootTag(withRoot)
}

// rootTag is " [root PATH]" when withRoot is set and the finding names
// its root, and "" otherwise: what every writer appends to name the root.
func (f *Finding) rootTag(withRoot bool) string {
	if !withRoot || f.Root == "" {
		return ""
	}
	return " [root " + f.Root + "]"
}

// MultiRoot reports whether the report covers more than one root module:
// more than one root scanned, or findings from more than one root (for a
// report that lists no roots). Writers name each finding's root only then.
func (r *Report) MultiRoot() bool {
	scanned := 0
	for _, root := range r.Roots {
		if !root.Excluded {
			scanned++
		}
	}
	if scanned > 1 {
		return true
	}
	first := ""
	for i := range r.Findings {
		switch root := r.Findings[i].Root; {
		case root == "":
		case first == "":
			first = root
		case root != first:
			return true
		}
	}
	return false
}

// Counts reports whether the finding counts against the exit code: an
// unsuppressed failure, or an unsuppressed unknown when failOnUnknown.
func (f *Finding) Counts(failOnUnknown bool) bool {
	if f.Suppressed {
		return false
	}
	return f.Status == scanner.Fail || (failOnUnknown && f.Status == scanner.Unknown)
}

// Problem is a located error or warning about the input.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// String renders the problem as file:line:column: message.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
			if p.Column > 0 {
				fmt.Fprintf(&b, ":%d", p.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Visible returns the findings a reader is shown: failures and unknowns,
// suppressed or not, and passes when Settings.IncludePassed is set.
// Not-applicable results are never shown: they only count in the summary.
func (r *Report) Visible() []Finding {
	// Counted first: passes, hidden by default, are most of the findings
	// of a large scan, and a slice sized for all of them would be the
	// largest allocation of writing the report.
	n := 0
	for i := range r.Findings {
		if r.visible(&r.Findings[i]) {
			n++
		}
	}
	out := make([]Finding, 0, n)
	for i := range r.Findings {
		if r.visible(&r.Findings[i]) {
			out = append(out, r.Findings[i])
		}
	}
	return out
}

// visible reports whether the formats show f.
func (r *Report) visible(f *Finding) bool {
	return f.Status.IsProblem() || (f.Status == scanner.Pass && r.Settings.IncludePassed)
}

// Failing returns the number of findings that fail the scan.
func (r *Report) Failing() int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Counts(r.Settings.FailOnUnknown) {
			n++
		}
	}
	return n
}

// Rule returns the rule with the given ID among those that ran, or nil.
func (r *Report) Rule(id string) *scanner.Rule {
	i := sort.Search(len(r.Rules), func(i int) bool { return r.Rules[i].ID >= id })
	if i < len(r.Rules) && r.Rules[i].ID == id {
		return r.Rules[i]
	}
	return nil
}

// SortProblems orders problems by file, line, column and message.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}

// Formats are the output formats, in the order help text lists them.
var Formats = []string{"text", "json", "sarif", "junit", "markdown"}

// Options tune how a report is written.
type Options struct {
	// Color adds ANSI colors to text output; set it only for terminals.
	Color bool
	// Compact writes text output one line per finding instead of the
	// summary and the findings grouped by rule.
	Compact bool
	// FailingOnly is Compact limited to the findings that fail the scan
	// and the input errors.
	FailingOnly bool
}

// Write renders r in the named format.
func Write(w io.Writer, format string, r *Report, opts Options) error {
	switch format {
	case "text":
		return WriteText(w, r, opts)
	case "json":
		return WriteJSON(w, r)
	case "sarif":
		return WriteSARIF(w, r)
	case "junit":
		return WriteJUnit(w, r)
	case "markdown":
		return WriteMarkdown(w, r)
	}
	return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats, ", "))
}
