package engine

import (
	"bytes"
	"cmp"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// Suppression comments, ours and those of the tools teams migrate from:
//
//	#soc2:ignore:<rule-id>[:exp:YYYY-MM-DD] <reason>     (also //)
//	#checkov:skip=<CKV_ID>[:<reason>]                    (inside the block)
//	#tfsec:ignore:<long-id or AVD-ID>[:exp:YYYY-MM-DD]
//	#trivy:ignore:<AVD-ID or long-id>[:exp:YYYY-MM-DD]
//
// A comment applies to a finding when it is on the finding's line, on the
// resource block's first line, or on a module block's first line (covering
// everything in the module), either trailing that line or in the run of
// comment-only lines right above it. Checkov's comments also apply anywhere
// inside the resource or module block, where checkov expects them.

// directiveStart finds where a suppression starts inside a comment.
var directiveStart = lazyre.New(`(soc2|tfsec|trivy):ignore:|checkov:skip=`)

// idChars are the characters of a rule ID in any of the tools.
const idChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."

// directive is one suppression written in a comment.
type directive struct {
	// source is report.SourceInline, SourceCheckov, SourceTfsec or
	// SourceTrivy.
	source  string
	id      string
	reason  string
	expires time.Time
	// file is the path output shows; line and column are 1-based.
	file   string
	line   int
	column int
	// problem says why the directive cannot suppress anything ("" when
	// it can).
	problem string
	// blockScope is set for checkov, whose comments apply anywhere in the
	// enclosing block.
	blockScope bool
}

// text renders the directive as written, for messages.
func (d *directive) text() string {
	switch d.source {
	case report.SourceInline:
		return "soc2:ignore:" + d.id
	case report.SourceCheckov:
		return "checkov:skip=" + d.id
	}
	return d.source + ":ignore:" + d.id
}

func (d *directive) location() string { return fmt.Sprintf("%s:%d", d.file, d.line) }

func (d *directive) expiresText() string {
	if d.expires.IsZero() {
		return ""
	}
	return d.expires.Format(config.DateLayout)
}

// fileComments holds the suppressions of one file and what is needed to
// place them: which lines hold only comments, and (for checkov) the spans
// of the file's blocks.
type fileComments struct {
	name        string
	src         []byte
	byLine      map[int][]*directive
	commentOnly map[int]bool
	hasBlockDir bool
	spans       map[int]int // block start line → end line, built on demand
}

// scanComments reads the suppression comments of every HCL file, and warns
// about those that cannot apply: no reason, a malformed date, an unknown
// rule, or an expiry in the past.
func (e *evaluation) scanComments() {
	names := make([]string, 0, len(e.files))
	for name := range e.files {
		names = append(names, name)
	}
	sort.Strings(names)
	ids := make([]string, 0, len(e.known))
	known := make(map[string]bool, len(e.known))
	for _, r := range e.known {
		ids = append(ids, r.ID)
		known[r.ID] = true
	}
	for _, name := range names {
		src := e.files[name]
		if !strings.HasSuffix(name, ".tf") || !mayHoldDirective(src) {
			continue
		}
		fc := lexComments(name, e.display(name), src)
		e.comments[name] = fc
		for _, line := range sortedLines(fc.byLine) {
			for _, d := range fc.byLine[line] {
				e.checkDirective(d, known, ids)
			}
		}
	}
	for _, ex := range e.cfg.Exclusions {
		if ex.Expired(e.now) {
			e.warn(ex.Range.Filename, ex.Range.Start.Line, ex.Range.Start.Column,
				fmt.Sprintf("exclusion expired on %s and no longer applies (reason was: %s)", ex.ExpiresText(), ex.Reason))
		}
	}
}

func (e *evaluation) checkDirective(d *directive, known map[string]bool, ids []string) {
	switch {
	case d.problem != "":
		e.warn(d.file, d.line, d.column, fmt.Sprintf("%s does not suppress anything: %s", d.text(), d.problem))
	case d.source == report.SourceInline && !known[d.id]:
		msg := fmt.Sprintf("%s names an unknown rule", d.text())
		if s := config.Suggest(d.id, ids); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		e.warn(d.file, d.line, d.column, msg)
	case !d.expires.IsZero() && config.Expired(d.expires, e.now):
		e.warn(d.file, d.line, d.column, fmt.Sprintf("%s expired on %s and no longer suppresses", d.text(), d.expiresText()))
	}
}

func (e *evaluation) warn(file string, line, column int, msg string) {
	e.warnings = append(e.warnings, report.Problem{File: e.display(file), Line: line, Column: column, Message: msg})
}

// mayHoldDirective is a cheap test that skips lexing files without any
// suppression comment, which is most of them.
func mayHoldDirective(src []byte) bool {
	return bytes.Contains(src, []byte(":ignore:")) || bytes.Contains(src, []byte("checkov:skip="))
}

// lexComments finds the suppression directives in the comments of an HCL
// file, using HCL's own lexer so that `#` inside strings and heredocs is not
// mistaken for a comment.
func lexComments(name, display string, src []byte) *fileComments {
	fc := &fileComments{name: name, src: src, byLine: map[int][]*directive{}, commentOnly: map[int]bool{}}
	tokens, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	code := map[int]bool{}
	comment := map[int]bool{}
	for _, tok := range tokens {
		switch tok.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		case hclsyntax.TokenComment:
			text := strings.TrimRight(string(tok.Bytes), "\r\n")
			for i, line := range strings.Split(text, "\n") {
				n := tok.Range.Start.Line + i
				comment[n] = true
				col := 1
				if i == 0 {
					col = tok.Range.Start.Column
				}
				for _, d := range parseDirectives(line, display, n, col) {
					fc.byLine[n] = append(fc.byLine[n], d)
					fc.hasBlockDir = fc.hasBlockDir || d.blockScope
				}
			}
		default:
			for n := tok.Range.Start.Line; n <= tok.Range.End.Line; n++ {
				code[n] = true
			}
		}
	}
	for n := range comment {
		if !code[n] {
			fc.commentOnly[n] = true
		}
	}
	return fc
}

// parseDirectives reads the directives in one line of comment text; line
// and col locate the text's first character.
func parseDirectives(text, file string, line, col int) []*directive {
	locs := directiveStart().FindAllStringIndex(text, -1)
	var out []*directive
	for i, loc := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		d := parseDirective(text[loc[0]:end])
		d.file, d.line, d.column = file, line, col+loc[0]
		out = append(out, d)
	}
	return out
}

// parseDirective reads one directive, starting at its tool prefix.
func parseDirective(s string) *directive {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "*/"))
	if rest, ok := strings.CutPrefix(s, "checkov:skip="); ok {
		d := &directive{source: report.SourceCheckov, blockScope: true}
		d.id, rest = cutID(rest)
		if d.id == "" {
			d.problem = "it names no check ID"
		}
		if r, ok := strings.CutPrefix(rest, ":"); ok {
			d.reason = strings.TrimSpace(r)
		}
		return d
	}
	prefix, rest, _ := strings.Cut(s, ":ignore:")
	d := &directive{source: prefix}
	if prefix == "soc2" {
		d.source = report.SourceInline
	}
	d.id, rest = cutID(rest)
	switch {
	case d.id == "":
		d.problem = "it names no rule ID"
		return d
	case strings.HasPrefix(rest, "["):
		d.problem = "conditional ignores ([...]) are not supported; ignore the rule unconditionally or fix the resource"
		return d
	}
	if r, ok := strings.CutPrefix(rest, ":exp:"); ok {
		date := r
		if i := strings.IndexAny(r, " \t"); i >= 0 {
			date, r = r[:i], r[i:]
		} else {
			r = ""
		}
		t, err := time.Parse(config.DateLayout, date)
		if err != nil {
			d.problem = fmt.Sprintf("expiry %q is not a date such as 2026-12-31", date)
			return d
		}
		d.expires, rest = t, r
	}
	d.reason = strings.TrimSpace(rest)
	if d.source == report.SourceInline && d.reason == "" {
		d.problem = fmt.Sprintf("a reason is required: #soc2:ignore:%s <why this is acceptable>", d.id)
	}
	return d
}

func cutID(s string) (id, rest string) {
	i := 0
	for i < len(s) && strings.IndexByte(idChars, s[i]) >= 0 {
		i++
	}
	id = strings.TrimRight(s[:i], ".")
	return id, s[len(id):]
}

// around returns the directives on line (trailing it) and in the run of
// comment-only lines right above it.
func (fc *fileComments) around(line int) []*directive {
	out := append([]*directive(nil), fc.byLine[line]...)
	for n := line - 1; n > 0 && fc.commentOnly[n]; n-- {
		out = append(out, fc.byLine[n]...)
	}
	return out
}

// inside returns the block-scoped (checkov) directives inside the block that
// starts on line start.
func (fc *fileComments) inside(start int) []*directive {
	if !fc.hasBlockDir {
		return nil
	}
	if fc.spans == nil {
		fc.spans = blockSpans(fc.src, fc.name)
	}
	end, ok := fc.spans[start]
	if !ok {
		return nil
	}
	var out []*directive
	for n := start; n <= end; n++ {
		for _, d := range fc.byLine[n] {
			if d.blockScope {
				out = append(out, d)
			}
		}
	}
	return out
}

// blockSpans maps the first line of each top-level block to its last line.
func blockSpans(src []byte, name string) map[int]int {
	spans := map[int]int{}
	file, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if file == nil {
		return spans
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return spans
	}
	for _, b := range body.Blocks {
		spans[b.TypeRange.Start.Line] = b.Range().End.Line
	}
	return spans
}

func sortedLines(m map[int][]*directive) []int {
	out := make([]int, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// suppress decides whether a failing or unknown finding is suppressed, by
// the configuration's exclusions first, then comments in the code, then the
// baseline, and records why a suppression that was written did not apply.
func (e *evaluation) suppress(f *report.Finding, res rawResult) {
	if e.excluded(f, res.ref) {
		return
	}
	if e.suppressedInline(f, res) {
		return
	}
	if e.baseline != nil && e.baseline.Contains(f.Fingerprint) {
		f.Suppressed = true
		f.Suppression = &report.Suppression{Source: report.SourceBaseline, Reason: "recorded in baseline " + e.baseline.Name}
	}
}

func (e *evaluation) excluded(f *report.Finding, r *resourceRef) bool {
	file := e.configRelative(cmp.Or(r.Range.Filename, f.File))
	if r.Range.Filename == "" && f.File == "" {
		file = ""
	}
	for _, ex := range e.cfg.Exclusions {
		if !ex.Matches(f.RuleID, f.Resource, file) {
			continue
		}
		loc := fmt.Sprintf("%s:%d", e.display(ex.Range.Filename), ex.Range.Start.Line)
		if ex.Expired(e.now) {
			f.Notes = append(f.Notes, fmt.Sprintf("exclusion at %s expired on %s and no longer applies", loc, ex.ExpiresText()))
			continue
		}
		f.Suppressed = true
		f.Suppression = &report.Suppression{Source: report.SourceConfig, Reason: ex.Reason, Expires: ex.ExpiresText(), Location: loc}
		return true
	}
	return false
}

func (e *evaluation) suppressedInline(f *report.Finding, res rawResult) bool {
	rule, r := res.run.rule, res.ref
	ignorable := e.cfg.Ignorable(rule.ID)
	for _, d := range e.candidates(res) {
		if !e.applies(d, rule) {
			continue
		}
		switch {
		case !ignorable:
			f.Notes = append(f.Notes, fmt.Sprintf("%s at %s was not applied: rule %s is not ignorable (ignorable = false in %s)", d.text(), d.location(), rule.ID, e.display(e.cfg.Filename)))
			e.warn(d.file, d.line, d.column, fmt.Sprintf("%s cannot suppress %s on %s: the rule is not ignorable in the configuration", d.text(), rule.ID, r.Address))
		case d.problem != "":
			f.Notes = append(f.Notes, fmt.Sprintf("%s at %s does not suppress: %s", d.text(), d.location(), d.problem))
		case !d.expires.IsZero() && config.Expired(d.expires, e.now):
			f.Notes = append(f.Notes, fmt.Sprintf("%s at %s expired on %s and no longer suppresses", d.text(), d.location(), d.expiresText()))
		default:
			f.Suppressed = true
			f.Suppression = &report.Suppression{Source: d.source, Reason: d.reason, Expires: d.expiresText(), Location: d.location()}
			f.Notes = nil
			return true
		}
	}
	return false
}

// candidates lists the directives placed to cover a finding: around the
// finding's line, around the resource block's first line, around each
// module block the resource was reached through, and (checkov) inside the
// resource and module blocks. Each directive appears once.
func (e *evaluation) candidates(res rawResult) []*directive {
	r := res.ref
	type place struct {
		file string
		line int
	}
	places := []place{}
	if rng := res.Range(); rng.Filename != "" && rng.StartLine > 0 {
		places = append(places, place{rng.Filename, rng.StartLine})
	}
	places = append(places, place{r.Range.Filename, r.Range.StartLine})
	for _, m := range r.ModuleCalls {
		places = append(places, place{m.Filename, m.StartLine})
	}
	var out []*directive
	seen := map[*directive]bool{}
	add := func(ds []*directive) {
		for _, d := range ds {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	for _, p := range places {
		if fc := e.comments[p.file]; fc != nil && p.line > 0 {
			add(fc.around(p.line))
		}
	}
	for _, p := range places[len(places)-1-len(r.ModuleCalls):] {
		if fc := e.comments[p.file]; fc != nil && p.line > 0 {
			add(fc.inside(p.line))
		}
	}
	return out
}

// applies reports whether a directive is about rule: ours by rule ID, the
// other tools' by the rule's references to them.
func (e *evaluation) applies(d *directive, rule *scanner.Rule) bool {
	if d.source == report.SourceInline {
		return d.id == rule.ID
	}
	if !e.cfg.ForeignSuppressions {
		return false
	}
	for _, ref := range rule.References {
		switch d.source {
		case report.SourceCheckov:
			if ref.Tool == scanner.ToolCheckov && strings.EqualFold(ref.ID, d.id) {
				return true
			}
		case report.SourceTfsec, report.SourceTrivy:
			// Both tools accept the AVD ID and tfsec's long ID.
			if (ref.Tool == scanner.ToolTrivy || ref.Tool == scanner.ToolTfsec) && strings.EqualFold(ref.ID, d.id) {
				return true
			}
		}
	}
	return false
}
