package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/apparentlymart/go-textseg/v15/textseg"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// ANSI escapes, used only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
)

// excerptContext is how many lines around a finding the excerpt shows, and
// excerptMax the most lines it shows in all.
const (
	excerptContext = 1
	excerptMax     = 5
)

type textWriter struct {
	// w is in memory, where writes cannot fail; WriteText copies it out.
	w     *bytes.Buffer
	color bool
	r     *Report
	// multiRoot is set when the report covers several root modules, so
	// that each finding names its root (Report.MultiRoot).
	multiRoot bool
	// lines indexes the line starts of each source file that an excerpt
	// shows, built on the first excerpt of that file: finding a line by
	// scanning the file from its start for every excerpt cost the file's
	// size per excerpt.
	lines map[string]*lineIndex
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) severity(sev scanner.Severity) string {
	label := strings.ToUpper(string(sev))
	switch sev {
	case scanner.Critical:
		return t.paint(ansiBold+ansiRed, label)
	case scanner.High:
		return t.paint(ansiRed, label)
	case scanner.Medium:
		return t.paint(ansiYellow, label)
	case scanner.Low:
		return t.paint(ansiBlue, label)
	}
	return label
}

// excerptsPerRule is how many resources of one rule show a code excerpt:
// the rest are listed one line each, since the excerpts of a rule that
// fails on fifty resources mostly repeat one another.
const excerptsPerRule = 3

// WriteText renders the report for a person reading a terminal or a CI log.
// It leads with the summary (counts by severity and by Trust Services
// Criterion, only the rows with something to act on, and the verdict), then
// the findings grouped by rule, most severe first: the rule's title,
// criteria and fix once, then each resource with its location and message,
// the first few with a code excerpt. Suppressed findings, input errors and
// warnings follow, and the verdict is repeated last for logs read from the
// bottom. With opts.Compact or opts.FailingOnly it writes one line per
// finding instead (see writeCompact).
func WriteText(w io.Writer, r *Report, opts Options) error {
	t := &textWriter{w: &bytes.Buffer{}, color: opts.Color, r: r, multiRoot: r.MultiRoot()}
	if opts.Compact || opts.FailingOnly {
		t.compact(opts.FailingOnly)
	} else {
		t.full()
	}
	if _, err := w.Write(t.w.Bytes()); err != nil {
		return fmt.Errorf("writing text report: %w", err)
	}
	return nil
}

func (t *textWriter) full() {
	t.summary()
	visible := t.r.Visible()
	if len(visible) == 0 && len(t.r.Errors) == 0 && len(t.r.Warnings) == 0 {
		return
	}
	fmt.Fprintln(t.w)
	var open, suppressed []Finding
	for _, f := range visible {
		if f.Suppressed {
			suppressed = append(suppressed, f)
		} else {
			open = append(open, f)
		}
	}
	for _, g := range groupByRule(open) {
		t.group(g)
	}
	if len(suppressed) > 0 {
		bySeverityAndRule(suppressed)
		fmt.Fprintf(t.w, "%s\n", t.paint(ansiBold, fmt.Sprintf("Suppressed findings (%d)", len(suppressed))))
		for _, f := range suppressed {
			s := f.Suppression
			line := fmt.Sprintf("  %-8s %s  %s  %s  [%s] %s", strings.ToUpper(string(f.Severity)), f.RuleID, f.Resource, f.LocationInRoot(t.multiRoot), s.Source, s.Reason)
			if s.Expires != "" {
				line += " (until " + s.Expires + ")"
			}
			fmt.Fprintln(t.w, t.paint(ansiDim, strings.TrimRight(line, " ")))
		}
		fmt.Fprintln(t.w)
	}
	t.problems("Errors", t.r.Errors, ansiRed)
	t.problems("Warnings", t.r.Warnings, ansiYellow)
	t.verdict()
}

// bySeverityAndRule orders findings most severe first, then by rule ID,
// keeping the report's file and line order within a rule.
func bySeverityAndRule(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			cmp.Compare(a.RuleID, b.RuleID),
		)
	})
}

// groupByRule splits findings into one group per rule, most severe rule
// first, each group in the report's file and line order.
func groupByRule(fs []Finding) [][]Finding {
	bySeverityAndRule(fs)
	var groups [][]Finding
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].RuleID == fs[i].RuleID {
			j++
		}
		groups = append(groups, fs[i:j])
		i = j
	}
	return groups
}

func (t *textWriter) group(g []Finding) {
	first := &g[0]
	fmt.Fprintf(t.w, "%s %s: %s  %s\n", t.severity(first.Severity), t.paint(ansiBold, first.RuleID), first.Title,
		t.paint(ansiDim, "("+plural(len(g), "resource")+")"))
	if len(first.Criteria) > 0 {
		fmt.Fprintf(t.w, "  Criteria: %s\n", strings.Join(first.Criteria, ", "))
	}
	if slices.ContainsFunc(g, func(f Finding) bool { return f.Status != scanner.Pass }) {
		t.fix(first)
	}
	if first.DocURL != "" {
		fmt.Fprintf(t.w, "  See: %s\n", first.DocURL)
	}
	for i := range g {
		t.resource(&g[i], i < excerptsPerRule)
	}
	if more := len(g) - excerptsPerRule; more > 0 {
		fmt.Fprintf(t.w, "  %s\n", t.paint(ansiDim, fmt.Sprintf("(code shown for the first %d; %d more listed without it)", excerptsPerRule, more)))
	}
	fmt.Fprintln(t.w)
}

// resource writes one finding of a rule group: where, what, and, when
// excerpt is set, the code. It reports whether it wrote an excerpt.
func (t *textWriter) resource(f *Finding, excerpt bool) bool {
	status := ""
	switch f.Status {
	case scanner.Unknown:
		status = " " + t.paint(ansiCyan, "(unknown until apply)")
	case scanner.Pass:
		status = " " + t.paint(ansiGreen, "(passed)")
	}
	where := f.Location()
	if where == f.Resource {
		where = "(plan)"
	}
	where += f.rootTag(t.multiRoot)
	fmt.Fprintf(t.w, "  %s  %s%s\n", t.paint(ansiBold, where), f.Resource, status)
	if f.Message != "" {
		fmt.Fprintf(t.w, "    %s\n", f.Message)
	}
	for _, n := range f.Notes {
		fmt.Fprintf(t.w, "    %s %s\n", t.paint(ansiYellow, "Note:"), n)
	}
	return excerpt && t.excerpt(f)
}

func (t *textWriter) problems(title string, ps []Problem, color string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(t.w, "%s\n", t.paint(ansiBold+color, fmt.Sprintf("%s (%d)", title, len(ps))))
	for _, p := range ps {
		fmt.Fprintf(t.w, "  %s\n", p.String())
	}
	fmt.Fprintln(t.w)
}

// excerpt writes the lines of code the finding points at, and reports
// whether there were any.
func (t *textWriter) excerpt(f *Finding) bool {
	ix := t.lines[f.File]
	if ix == nil {
		ix = newLineIndex(t.r.Sources[f.File])
		if t.lines == nil {
			t.lines = map[string]*lineIndex{}
		}
		t.lines[f.File] = ix
	}
	lines := excerptLines(ix, int(f.StartLine), int(f.EndLine), int(f.StartColumn), columnsOf(f.File), t.r.Redactions[f.File])
	if len(lines) == 0 {
		return false
	}
	width := len(fmt.Sprint(lines[len(lines)-1].number))
	for _, l := range lines {
		marker := "  "
		num := fmt.Sprintf("%*d", width, l.number)
		if l.hit {
			marker = t.paint(ansiRed, "> ")
			num = t.paint(ansiBold, num)
		} else {
			num = t.paint(ansiDim, num)
		}
		fmt.Fprintf(t.w, "    %s%s | %s\n", marker, num, l.text)
	}
	return true
}

// fix writes the rule's remediation, once per rule. The Terraform example
// stays on the rule's page (See:): repeated for every failing rule it made
// the report too long to scan.
func (t *textWriter) fix(f *Finding) {
	remediation := f.Remediation
	if rule := t.r.Rule(f.RuleID); rule != nil && remediation == "" {
		remediation = rule.Remediation
	}
	if remediation != "" {
		fmt.Fprintf(t.w, "  %s %s\n", t.paint(ansiGreen, "Fix:"), remediation)
	}
}

// summary writes the counts that need attention: only the severities and
// criteria with a failed, unknown or suppressed finding, so that a clean
// criterion does not push the ones to fix off the screen.
func (t *textWriter) summary() {
	s := t.r.Summary
	fmt.Fprintln(t.w, t.paint(ansiBold, "Summary"))
	fmt.Fprintf(t.w, "  Scanned %d resources in %d files with %d rules.\n", s.ResourcesScanned, s.FilesScanned, s.RulesRun)
	if roots := t.r.rootsSentence(func(p string) string { return p }); roots != "" {
		fmt.Fprintf(t.w, "  %s\n", strings.ToUpper(roots[:1])+roots[1:])
	}
	if heading, lines := t.r.emptyRoots(func(p string) string { return p }, func(p string) string { return p }); heading != "" {
		fmt.Fprintf(t.w, "  %s\n", heading)
		for _, l := range lines {
			fmt.Fprintf(t.w, "    %s\n", l)
		}
	}
	if s.BelowThreshold > 0 {
		fmt.Fprintf(t.w, "  %s below the %s severity threshold not shown.\n", plural(s.BelowThreshold, "finding"), t.r.Settings.SeverityThreshold)
	}
	fmt.Fprintln(t.w)
	var sevRows []SeverityCounts
	for _, c := range s.BySeverity {
		if c.needsAttention() {
			sevRows = append(sevRows, c)
		}
	}
	var critRows []CriterionCounts
	for _, c := range s.ByCriterion {
		if c.needsAttention() {
			critRows = append(critRows, c)
		}
	}
	if len(sevRows) > 0 {
		tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  SEVERITY\tFAILED\tUNKNOWN\tSUPPRESSED")
		for _, c := range sevRows {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\n", c.Severity, c.Failed, c.Unknown, c.Suppressed)
		}
		_ = tw.Flush() // writes to memory
		fmt.Fprintln(t.w)
	}
	if len(critRows) > 0 {
		tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  CRITERION\tFAILED\tUNKNOWN\tSUPPRESSED\tTITLE")
		for _, c := range critRows {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%s\n", c.Criterion, c.Failed, c.Unknown, c.Suppressed, c.Title)
		}
		_ = tw.Flush() // writes to memory
		fmt.Fprintln(t.w)
	}
	t.verdict()
}

// needsAttention reports whether the counts hold a failed, unknown or
// suppressed finding.
func (c Counts) needsAttention() bool {
	return c.Failed+c.Unknown+c.Suppressed > 0
}

// verdict writes the one line that says whether the scan passed.
func (t *textWriter) verdict() {
	s := t.r.Summary
	verdict := fmt.Sprintf("%d failed, %d unknown, %d passed, %d suppressed", s.Failed, s.Unknown, s.Passed, s.Suppressed)
	if s.NotApplicable > 0 {
		verdict += fmt.Sprintf(" (%d not applicable)", s.NotApplicable)
	}
	switch {
	case len(t.r.Errors) > 0:
		fmt.Fprintf(t.w, "%s %s; %s could not be read.\n", t.paint(ansiBold+ansiRed, "ERROR:"), verdict, plural(len(t.r.Errors), "input"))
	case t.r.Failing() > 0:
		fmt.Fprintf(t.w, "%s %s.\n", t.paint(ansiBold+ansiRed, "FAIL:"), verdict)
	default:
		fmt.Fprintf(t.w, "%s %s.\n", t.paint(ansiBold+ansiGreen, "PASS:"), verdict)
	}
}

// compact writes one line per finding, in the report's file and line order
// as compilers and linters do, so editors and grep can jump to each:
//
//	file:line:col: SEVERITY rule-id resource: message
//
// then the input errors and warnings the same way, then the verdict. With
// failingOnly it leaves out what does not fail the scan (suppressed
// findings, passes, unknowns without fail-on-unknown, and warnings).
func (t *textWriter) compact(failingOnly bool) {
	for _, f := range t.r.Visible() {
		if failingOnly && !f.Counts(t.r.Settings.FailOnUnknown) {
			continue
		}
		line := fmt.Sprintf("%s: %s %s %s: %s", compactLocation(&f), t.severity(f.Severity), f.RuleID, f.Resource, f.Message)
		// After the message: editors read the line's start as a location.
		line += f.rootTag(t.multiRoot)
		switch {
		case f.Suppressed:
			line += fmt.Sprintf(" [suppressed: %s]", f.Suppression.Source)
		case f.Status == scanner.Unknown:
			line += " [unknown until apply]"
		case f.Status == scanner.Pass:
			line += " [passed]"
		}
		fmt.Fprintln(t.w, line)
	}
	for _, p := range t.r.Errors {
		fmt.Fprintf(t.w, "%s %s\n", t.paint(ansiRed, "error:"), p.String())
	}
	if !failingOnly {
		for _, p := range t.r.Warnings {
			fmt.Fprintf(t.w, "%s %s\n", t.paint(ansiYellow, "warning:"), p.String())
		}
	}
	t.verdict()
}

// compactLocation is file:line:col, shorter when the column or line is not
// known, and the resource address for a resource known only from a plan.
func compactLocation(f *Finding) string {
	p := Problem{File: f.File, Line: int(f.StartLine), Column: int(f.StartColumn)}
	if p.File == "" {
		return f.Resource
	}
	return strings.TrimSuffix(p.String(), ": ")
}

type excerptLine struct {
	number int
	text   string
	hit    bool
}

// excerptLines returns the lines start..end of a source with
// excerptContext lines around them, at most excerptMax in all, each clipped
// to excerptWidth characters around column col of line start (see
// clipRedacted; unit says what col counts, see columnsOf). col is a column of
// the original file, which reds made the source (Report.Redactions).
func excerptLines(ix *lineIndex, start, end, col int, unit columnUnit, reds []Redaction) []excerptLine {
	if ix.count() == 0 || start <= 0 || start > ix.count() {
		return nil
	}
	if end < start {
		end = start
	}
	first := max(1, start-excerptContext)
	last := min(ix.count(), end+excerptContext)
	if last-first+1 > excerptMax {
		last = first + excerptMax - 1
	}
	out := make([]excerptLine, 0, last-first+1)
	for n := first; n <= last; n++ {
		at := 0
		if n == start {
			at = col
		}
		out = append(out, excerptLine{number: n, text: clipRedacted(ix.line(n), at, unit, ix.starts[n-1], reds), hit: n >= start && n <= end})
	}
	return out
}

// excerptWidth is the most characters (runes; a wide character counts
// once) of one line an excerpt shows, "…" marks aside. A plan written by
// terraform show -json is a single line of the whole plan: shown whole,
// each excerpt of a 200 MB plan was 200 MB of report. 200 keeps the
// HCL lines people write whole, and a window of a plan's line still
// shows the resource's address and its first attributes.
//
// excerptLead is how many characters of a clipped line the window shows
// before the finding's column, so that what leads up to it (the
// attribute's name, the resource's opening brace) stays in view.
const (
	excerptWidth = 200
	excerptLead  = excerptWidth / 4
)

// columnUnit is what the columns of findings in a file count.
type columnUnit int

const (
	// byteColumns are bytes, as the plan and state readers count them
	// (textpos).
	byteColumns columnUnit = iota
	// charColumns are characters as HCL's native syntax counts them:
	// grapheme clusters, so "é" written as e and a combining accent, or
	// a flag of two regional indicators, is one column.
	charColumns
	// jsonColumns are characters as HCL's JSON syntax counts them:
	// grapheme clusters too, except that it counts a tab as two columns.
	jsonColumns
)

// columnsOf tells what the columns of findings in file count: characters
// for the .tf and .tf.json files HCL parses, bytes for plans and states.
func columnsOf(file string) columnUnit {
	for _, ext := range []string{".tf.json", ".tofu.json"} {
		if strings.HasSuffix(file, ext) {
			return jsonColumns
		}
	}
	for _, ext := range []string{".tf", ".tofu", ".hcl"} {
		if strings.HasSuffix(file, ext) {
			return charColumns
		}
	}
	return byteColumns
}

// clipRedacted returns line, or when it has more than excerptWidth characters
// a window of excerptWidth of them that shows column col (1-based; 0 for
// none) with excerptLead characters before it, with "…" at each end where
// text was left out. A window that would run past the line's end starts
// earlier, so it is always excerptWidth characters wide. unit says what
// col counts (columnsOf); the window's width counts runes whatever it is.
//
// The window is a slice of line: clipping reads at most excerptWidth
// characters around the column and copies only those, whatever the
// line's length, except that a column counted in characters is found by
// reading the line from its start (without copying it). The window never
// splits a UTF-8 sequence; a byte that is not valid UTF-8 counts as one
// character.
//
// The line is at offset base of a redacted source and col is a column of
// the original line: reds (the source's Redactions; nil for a source kept
// as it was) say what each replacement took in the original.
func clipRedacted(line []byte, col int, unit columnUnit, base int, reds []Redaction) string {
	if fitsExcerpt(line) {
		return string(line)
	}
	at := 0
	if col > 1 {
		switch {
		case unit != byteColumns:
			at = columnOffset(line, col, unit, redactionsFrom(reds, base), base)
		case len(reds) > 0:
			at = byteColumnOffset(line, col, base, reds)
		default:
			at = min(col-1, len(line))
		}
		if unit == byteColumns {
			for back := 0; back < utf8.UTFMax-1 && at > 0 && at < len(line) && !utf8.RuneStart(line[at]); back++ {
				at--
			}
		}
	}
	from := at
	for range excerptLead {
		if from == 0 {
			break
		}
		_, n := utf8.DecodeLastRune(line[:from])
		from -= n
	}
	to, shown := from, 0
	for ; shown < excerptWidth && to < len(line); shown++ {
		_, n := utf8.DecodeRune(line[to:])
		to += n
	}
	for ; shown < excerptWidth && from > 0; shown++ {
		_, n := utf8.DecodeLastRune(line[:from])
		from -= n
	}
	var b strings.Builder
	b.Grow(to - from + 2*len("…"))
	if from > 0 {
		b.WriteString("…")
	}
	b.Write(line[from:to])
	if to < len(line) {
		b.WriteString("…")
	}
	return b.String()
}

// fitsExcerpt reports whether line has at most excerptWidth characters,
// reading no more than that many.
func fitsExcerpt(line []byte) bool {
	if len(line) <= excerptWidth {
		return true
	}
	off := 0
	for range excerptWidth {
		if off == len(line) {
			return true
		}
		_, n := utf8.DecodeRune(line[off:])
		off += n
	}
	return off == len(line)
}

// columnOffset is the byte offset of column col (1-based) of line, whose
// columns count as unit says (charColumns or jsonColumns), or len(line)
// when the line is shorter. Counting runes instead would put the window
// off by one column for each character HCL counts differently before the
// finding's: enough of them (a long line of decomposed accents, or a
// .tf.json line indented with tabs) and the window misses it.
//
// reds are the redactions from the line's start on (the line is at offset
// base of the redacted source): each counts as the columns its original
// text took, and a column inside one is the replacement's start.
func columnOffset(line []byte, col int, unit columnUnit, reds []Redaction, base int) int {
	off := 0
	for c := 1; c < col && off < len(line); {
		for len(reds) > 0 && reds[0].At < base+off {
			// A replacement that began inside a grapheme cluster HCL
			// counts whole: passed, so that the next ones are found.
			reds = reds[1:]
		}
		if len(reds) > 0 && reds[0].At == base+off {
			w := reds[0].width(unit)
			if c+w > col {
				break
			}
			c += w
			off += reds[0].Len
			reds = reds[1:]
			continue
		}
		if line[off] == '\t' && unit == jsonColumns {
			off++
			c += 2
			continue
		}
		off += clusterLen(line[off:])
		c++
	}
	return off
}

// clusterLen is the length in bytes of the character (grapheme cluster)
// b starts with, as HCL counts columns; b is not empty. A byte that is
// not valid UTF-8 is a character of its own.
func clusterLen(b []byte) int {
	if b[0] < utf8.RuneSelf && b[0] != '\r' && (len(b) == 1 || b[1] < utf8.RuneSelf) {
		// ASCII followed by ASCII is a character of its own, but for
		// CR LF: the common case, without the segmenter's cost.
		return 1
	}
	n, _, _ := textseg.ScanGraphemeClusters(b, true)
	return max(n, 1)
}

// lineIndex finds the lines of a source by number.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of each line's start
}

func newLineIndex(src []byte) *lineIndex {
	ix := &lineIndex{src: src}
	if len(src) == 0 {
		return ix
	}
	ix.starts = append(ix.starts, 0)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 || off+i+1 == len(src) {
			break
		}
		off += i + 1
		ix.starts = append(ix.starts, off)
	}
	return ix
}

// count is the number of lines; a final newline does not begin another.
func (ix *lineIndex) count() int { return len(ix.starts) }

// line returns line n (1-based) without its line ending.
func (ix *lineIndex) line(n int) []byte {
	end := len(ix.src)
	if n < len(ix.starts) {
		end = ix.starts[n]
	}
	return bytes.TrimRight(ix.src[ix.starts[n-1]:end], "\r\n")
}

// plural renders "1 finding" or "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
