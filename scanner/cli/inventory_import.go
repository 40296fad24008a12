package cli

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

const importUsage = `Usage: terraform-provider-soc2 inventory import [--out FILE] CONTROLS_CSV

Converts a spreadsheet of controls, saved as CSV, into Terraform: one
soc2_control_owner per distinct owner e-mail address, one soc2_control per
control_id and one soc2_evidence_requirement per evidence_name, formatted
as 'terraform fmt' would. The columns are documented in docs/csv.md; the
first row names them, in any order. A row that repeats a control_id adds
an evidence requirement to that control.

Each bad row is reported on stderr as CSV:LINE:COLUMN: message, with "did
you mean" for a mistyped criterion, status or rule, and left out; the other
rows are still converted.

Exit codes:
  0  every row converted
  2  bad flags, an unreadable CSV or a bad header, or at least one bad row
     (the others are still written)

Flags:
`

// The CSV's columns. control_id, title, description, criteria and
// owner_email are required in the header; the rest may be left out.
const (
	colControlID     = "control_id"
	colTitle         = "title"
	colDescription   = "description"
	colCriteria      = "criteria"
	colStatus        = "status"
	colJustification = "justification"
	colControlType   = "control_type"
	colAutomation    = "automation"
	colFrequency     = "frequency"
	colScannerRules  = "scanner_rules"
	colOwnerEmail    = "owner_email"
	colOwnerName     = "owner_name"
	colOwnerTitle    = "owner_title"
	colOwnerTeam     = "owner_team"
	colBackupEmail   = "backup_owner_email"
	colEvidenceName  = "evidence_name"
	colEvidenceFreq  = "evidence_frequency"
	colEvidenceDesc  = "evidence_description"
	colEvidenceLast  = "evidence_last_collected"
	colEvidenceOwner = "evidence_owner_email"
)

// importColumns are the known columns in the order docs/csv.md lists them.
var importColumns = []string{
	colControlID, colTitle, colDescription, colCriteria, colStatus, colJustification,
	colControlType, colAutomation, colFrequency, colScannerRules,
	colOwnerEmail, colOwnerName, colOwnerTitle, colOwnerTeam, colBackupEmail,
	colEvidenceName, colEvidenceFreq, colEvidenceDesc, colEvidenceLast, colEvidenceOwner,
}

var importRequired = []string{colControlID, colTitle, colDescription, colCriteria, colOwnerEmail}

type importFlags struct {
	out string
}

func runInventoryImport(args []string, s Streams, d Deps) int {
	fs := newFlagSet("inventory import", s)
	var f importFlags
	fs.StringVar(&f.out, "out", "", "write the Terraform to `FILE` (which must not exist yet) instead of stdout")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	paths, ok := parseFlags(fs, args)
	if !ok {
		return ExitError
	}
	fail := func(err error) int {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory import: %v\n", err)
		return ExitError
	}
	if len(paths) != 1 {
		return fail(fmt.Errorf("name one CSV file, got %d arguments", len(paths)))
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		return fail(fmt.Errorf("cannot read %s: %w", paths[0], errors.Unwrap(err)))
	}
	if f.out != "" {
		if _, err := os.Lstat(f.out); err == nil {
			return fail(fmt.Errorf("--out: %s already exists; remove it or choose another file, so that no hand edit is overwritten", f.out))
		}
	}
	ruleIDs := make([]string, 0, len(d.Rules))
	for _, r := range d.Rules {
		ruleIDs = append(ruleIDs, r.ID)
	}
	imp, err := importControls(paths[0], data, ruleIDs)
	if err != nil {
		return fail(err)
	}
	for _, e := range imp.errors {
		fmt.Fprintln(s.Stderr, e.msg)
	}
	out := imp.hcl()
	if f.out == "" {
		if _, err := s.Stdout.Write(out); err != nil {
			return fail(err)
		}
	} else if err := os.WriteFile(f.out, out, 0o644); err != nil { //nolint:gosec // a .tf file the user reads and commits
		return fail(fmt.Errorf("--out: %w", err))
	}
	fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory import: %d owners, %d controls, %d evidence requirements", len(imp.owners), len(imp.controls), imp.evidenceCount())
	if len(imp.errors) > 0 {
		fmt.Fprintf(s.Stderr, "; %d rows left out (see above)\n", imp.badRows)
		return ExitError
	}
	fmt.Fprintln(s.Stderr)
	return ExitOK
}

// importOwner is a soc2_control_owner, keyed by lower-case e-mail.
type importOwner struct {
	email, fullName, title, team string
	// lines are where each attribute was first given, for messages.
	lines map[string]int
}

type importEvidence struct {
	name, frequency, description, lastCollected, ownerKey string
	line                                                  int
}

type importControl struct {
	controlID, title, description                  string
	criteria, scannerRules                         []string
	status, justification, controlType, automation string
	frequency, ownerKey, backupKey                 string
	line                                           int
	evidence                                       []*importEvidence
}

// importResult is what the CSV converts to, and the errors of its bad rows.
type importResult struct {
	file     string
	owners   []*importOwner // in order of first appearance
	byEmail  map[string]*importOwner
	controls []*importControl
	byID     map[string]*importControl
	errors   []importError
	badRows  int
}

// importError is a message about a row, which starts at line.
type importError struct {
	line int
	msg  string
}

func (imp *importResult) evidenceCount() int {
	n := 0
	for _, c := range imp.controls {
		n += len(c.evidence)
	}
	return n
}

// importRow is one CSV record with its position and what it declares.
type importRow struct {
	file   string
	cols   map[string]int
	record []string
	pos    [][2]int // line and column of each field
	line   int
	errs   []importError
	// repeat is set when an earlier row has the same control_id: this row
	// only adds evidence, and first is that row's line.
	repeat bool
	first  int
	c      *importControl
	ev     *importEvidence
}

func (r *importRow) get(col string) string {
	i, ok := r.cols[col]
	if !ok || i >= len(r.record) {
		return ""
	}
	return strings.TrimSpace(r.record[i])
}

// fail records an error about column col of the row, at the cell.
func (r *importRow) fail(col, format string, args ...any) {
	line, column := r.line, 1
	if i, ok := r.cols[col]; ok && i < len(r.pos) {
		line, column = r.pos[i][0], r.pos[i][1]
	}
	r.errs = append(r.errs, importError{r.line, fmt.Sprintf("%s:%d:%d: %s: %s", r.file, line, column, col, fmt.Sprintf(format, args...))})
}

// importControls reads the CSV in data, named file in messages. An error
// is returned only for a file that cannot be converted at all (no header,
// a missing required column, an unknown column); bad rows are in errors.
func importControls(file string, data []byte, ruleIDs []string) (*importResult, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // Excel's "CSV UTF-8" starts with a byte order mark
	imp := &importResult{file: file, byEmail: map[string]*importOwner{}, byID: map[string]*importControl{}}
	reader := csv.NewReader(bytes.NewReader(data))
	reader.FieldsPerRecord = -1
	header, err := reader.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s is empty: the first row must name the columns, such as %s", file, strings.Join(importRequired, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	cols, err := importHeader(file, header)
	if err != nil {
		return nil, err
	}
	var rows []*importRow
	first := map[string]int{} // control_id → line of its first row
	for {
		record, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			imp.errors = append(imp.errors, importError{pe.StartLine, fmt.Sprintf("%s:%d:%d: %v", file, pe.Line, pe.Column, pe.Err)})
			imp.badRows++
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if blank(record) {
			continue
		}
		row := &importRow{file: file, cols: cols, record: record}
		for i := range record {
			line, col := reader.FieldPos(i)
			row.pos = append(row.pos, [2]int{line, col})
		}
		row.line = row.pos[0][0]
		id := row.get(colControlID)
		if line, seen := first[id]; seen && id != "" {
			row.repeat, row.first = true, line
		} else {
			first[id] = row.line
		}
		row.parse(ruleIDs)
		rows = append(rows, row)
	}
	for _, row := range rows {
		if len(row.errs) == 0 && !row.repeat {
			imp.mergeOwner(row)
		}
	}
	for _, row := range rows {
		if len(row.errs) == 0 {
			imp.commit(row)
		}
		if len(row.errs) > 0 {
			imp.errors = append(imp.errors, row.errs...)
			imp.badRows++
		}
	}
	imp.keepReferencedOwners()
	slices.SortStableFunc(imp.errors, func(x, y importError) int { return cmp.Compare(x.line, y.line) })
	return imp, nil
}

// importHeader maps column names (case and surrounding space ignored) to
// their index.
func importHeader(file string, header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			continue
		}
		if !slices.Contains(importColumns, name) {
			msg := fmt.Sprintf("%s:1: unknown column %q", file, h)
			if s := config.Suggest(name, importColumns); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, fmt.Errorf("%s (the columns are %s; see docs/csv.md)", msg, strings.Join(importColumns, ", "))
		}
		if _, dup := cols[name]; dup {
			return nil, fmt.Errorf("%s:1: column %q appears twice", file, name)
		}
		cols[name] = i
	}
	var missing []string
	for _, c := range importRequired {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:1: missing required column(s) %s (see docs/csv.md)", file, strings.Join(missing, ", "))
	}
	return cols, nil
}

func blank(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parse checks the row's own cells: everything but how it agrees with
// other rows.
func (r *importRow) parse(ruleIDs []string) {
	for i, f := range r.record {
		if !utf8.ValidString(f) {
			r.errs = append(r.errs, importError{r.line, fmt.Sprintf("%s:%d:%d: not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"", r.file, r.pos[i][0], r.pos[i][1])})
			return
		}
	}
	if width := slices.Max(slices.Collect(maps.Values(r.cols))) + 1; len(r.record) > width && !blank(r.record[width:]) {
		r.errs = append(r.errs, importError{r.line, fmt.Sprintf("%s:%d: %d cells, but the header names %d columns", r.file, r.line, len(r.record), width)})
		return
	}
	r.c = r.control(ruleIDs)
	r.ev = r.evidence()
	if r.repeat && r.ev == nil && len(r.errs) == 0 {
		r.fail(colEvidenceName, "control %s is already declared on line %d; a row that repeats a control_id adds an evidence requirement, so name one", r.c.controlID, r.first)
	}
}

// control reads the control's columns; those of a repeated control_id
// may be empty.
func (r *importRow) control(ruleIDs []string) *importControl {
	c := &importControl{
		controlID: r.get(colControlID), title: r.get(colTitle), description: r.get(colDescription),
		status: r.get(colStatus), justification: r.get(colJustification), controlType: r.get(colControlType),
		automation: r.get(colAutomation), frequency: r.get(colFrequency), line: r.line,
	}
	r.checkControlID(c.controlID)
	if !r.repeat {
		for _, col := range []string{colTitle, colDescription} {
			if r.get(col) == "" {
				r.fail(col, "required, and empty")
			}
		}
		c.criteria = r.criteria()
	}
	r.checkEnum(colStatus, c.status, "status", inventory.ControlStatuses())
	if c.status == inventory.StatusNotApplicable && c.justification == "" && !r.repeat {
		r.fail(colJustification, "a not-applicable control needs a justification")
	}
	r.checkEnum(colControlType, c.controlType, "control type", inventory.ControlTypes())
	r.checkEnum(colAutomation, c.automation, "automation level", inventory.AutomationLevels())
	r.checkEnum(colFrequency, c.frequency, "frequency", inventory.Frequencies())
	c.scannerRules = r.scannerRules(ruleIDs)
	c.ownerKey = r.email(colOwnerEmail, !r.repeat)
	c.backupKey = r.email(colBackupEmail, false)
	if c.backupKey != "" && c.backupKey == c.ownerKey {
		r.fail(colBackupEmail, "the backup owner must differ from the owner")
	}
	return c
}

func (r *importRow) checkControlID(id string) {
	switch {
	case id == "":
		r.fail(colControlID, "required, and empty")
	case len(id) > inventory.MaxControlIDLength:
		r.fail(colControlID, "%q is longer than %d characters", id, inventory.MaxControlIDLength)
	case !inventory.ValidControlID(id):
		msg := fmt.Sprintf("%q is not a control ID: upper-case letters and digits in groups joined by -, . or _, starting with a letter, such as CRY-01", id)
		if fixed := strings.ToUpper(id); inventory.ValidControlID(fixed) {
			msg += fmt.Sprintf("; did you mean %q?", fixed)
		}
		r.fail(colControlID, "%s", msg)
	}
}

// criteria reads the criteria cell: IDs separated by ";" (or ","), each
// in the TSC 2017 catalogue; they are written as the catalogue writes them.
func (r *importRow) criteria() []string {
	ids := splitCell(r.get(colCriteria))
	if len(ids) == 0 {
		r.fail(colCriteria, "name at least one Trust Services Criterion, such as CC6.1")
	}
	var out []string
	for _, id := range ids {
		c, ok := tsc.Lookup(id)
		if !ok {
			r.fail(colCriteria, "%s", tsc.ErrorMessage(id))
			continue
		}
		if !slices.Contains(out, c.ID) {
			out = append(out, c.ID)
		}
	}
	tsc.Sort(out)
	return out
}

func (r *importRow) scannerRules(ruleIDs []string) []string {
	var out []string
	for _, id := range splitCell(r.get(colScannerRules)) {
		if slices.Contains(ruleIDs, id) {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
			continue
		}
		msg := fmt.Sprintf("%q is not a rule in the scanner's catalogue", id)
		if s := config.Suggest(id, ruleIDs); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		r.fail(colScannerRules, "%s", msg)
	}
	slices.Sort(out)
	return out
}

// checkEnum checks an optional value against allowed, suggesting the one
// most likely meant.
func (r *importRow) checkEnum(col, value, noun string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	msg := fmt.Sprintf("%q is not a valid %s", value, noun)
	if s := config.Suggest(strings.ToLower(value), allowed); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	r.fail(col, "%s (allowed: %s)", msg, strings.Join(allowed, ", "))
}

// email reads the e-mail address in col and returns it in lower case, the
// key owners are de-duplicated by.
func (r *importRow) email(col string, required bool) string {
	email := r.get(col)
	if email == "" {
		if required {
			r.fail(col, "required, and empty")
		}
		return ""
	}
	if err := inventory.CheckEmail(email); err != nil {
		r.fail(col, "%v", err)
		return ""
	}
	return strings.ToLower(email)
}

// evidence reads the row's evidence requirement, nil when it names none.
func (r *importRow) evidence() *importEvidence {
	e := &importEvidence{
		name: r.get(colEvidenceName), frequency: r.get(colEvidenceFreq), description: r.get(colEvidenceDesc),
		lastCollected: r.get(colEvidenceLast), line: r.line,
	}
	if e.name == "" {
		for _, col := range []string{colEvidenceFreq, colEvidenceDesc, colEvidenceLast, colEvidenceOwner} {
			if r.get(col) != "" {
				r.fail(col, "set, but evidence_name is empty: name the evidence requirement")
			}
		}
		return nil
	}
	if strings.Contains(e.name, "/") {
		r.fail(colEvidenceName, "%q holds \"/\": evidence ids are written <control_id>/<name>, so a name cannot", e.name)
	}
	if e.frequency == "" {
		r.fail(colEvidenceFreq, "required with evidence_name: one of %s", strings.Join(inventory.Frequencies(), ", "))
	}
	r.checkEnum(colEvidenceFreq, e.frequency, "frequency", inventory.Frequencies())
	if e.lastCollected != "" {
		if _, err := inventory.ParseDate(e.lastCollected); err != nil {
			r.fail(colEvidenceLast, "%v", err)
		}
	}
	e.ownerKey = r.email(colEvidenceOwner, false)
	return e
}

// mergeOwner declares the row's owner, or checks that its name, title and
// team agree with the row that gave them first.
func (imp *importResult) mergeOwner(r *importRow) {
	key := r.c.ownerKey
	o := imp.byEmail[key]
	if o == nil {
		o = &importOwner{email: r.get(colOwnerEmail), lines: map[string]int{}}
	}
	fields := map[string]*string{colOwnerName: &o.fullName, colOwnerTitle: &o.title, colOwnerTeam: &o.team}
	for _, col := range []string{colOwnerName, colOwnerTitle, colOwnerTeam} {
		v, field := r.get(col), fields[col]
		switch {
		case v == "":
		case *field == "":
			*field, o.lines[col] = v, r.line
		case *field != v:
			r.fail(col, "%q differs from %q given for %s on line %d; an owner is one person, described once", v, *field, o.email, o.lines[col])
		}
	}
	if len(r.errs) > 0 {
		return
	}
	if imp.byEmail[key] == nil {
		imp.byEmail[key] = o
		imp.owners = append(imp.owners, o)
	}
}

// commit adds the row's control, or its evidence to the control its
// control_id repeats, once it agrees with the other rows.
func (imp *importResult) commit(r *importRow) {
	for _, col := range []string{colBackupEmail, colEvidenceOwner} {
		if key := strings.ToLower(r.get(col)); key != "" && imp.byEmail[key] == nil {
			r.fail(col, "%s is not the owner_email of any converted row: declare the owner in a row of its own", r.get(col))
		}
	}
	if len(r.errs) > 0 {
		return
	}
	if !r.repeat {
		if r.c.ownerKey != "" && imp.byEmail[r.c.ownerKey].fullName == "" {
			r.fail(colOwnerName, "no row names the owner %s: give owner_name at least once", r.get(colOwnerEmail))
			return
		}
		if r.ev != nil {
			r.c.evidence = []*importEvidence{r.ev}
		}
		imp.byID[r.c.controlID] = r.c
		imp.controls = append(imp.controls, r.c)
		return
	}
	c := imp.byID[r.c.controlID]
	if c == nil {
		r.fail(colControlID, "%s: its first row (line %d) was left out, so this row cannot add evidence to it", r.c.controlID, r.first)
		return
	}
	imp.addEvidence(r, c)
}

// addEvidence adds a repeated row's evidence to c: the row's control
// cells must be empty or agree with c's.
func (imp *importResult) addEvidence(r *importRow, c *importControl) {
	got := r.c
	for _, f := range []struct{ col, got, want string }{
		{colTitle, got.title, c.title}, {colDescription, got.description, c.description},
		{colStatus, got.status, c.status}, {colJustification, got.justification, c.justification},
		{colControlType, got.controlType, c.controlType}, {colAutomation, got.automation, c.automation},
		{colFrequency, got.frequency, c.frequency}, {colOwnerEmail, got.ownerKey, c.ownerKey},
		{colBackupEmail, got.backupKey, c.backupKey},
		{colCriteria, r.get(colCriteria), ""}, {colScannerRules, r.get(colScannerRules), ""},
	} {
		if f.got != "" && f.got != f.want && (f.col != colCriteria && f.col != colScannerRules || !sameList(f.got, c, f.col)) {
			r.fail(f.col, "%q differs from control %s on line %d; a row that repeats a control_id only adds evidence: leave its control cells empty or equal", f.got, c.controlID, c.line)
		}
	}
	for _, other := range c.evidence {
		if strings.EqualFold(other.name, r.ev.name) {
			r.fail(colEvidenceName, "%q is already an evidence requirement of %s (line %d)", r.ev.name, c.controlID, other.line)
		}
	}
	if len(r.errs) == 0 {
		c.evidence = append(c.evidence, r.ev)
	}
}

// sameList reports whether a list cell of a repeated row names the same
// criteria or rules as c.
func sameList(cell string, c *importControl, col string) bool {
	want := c.scannerRules
	if col == colCriteria {
		want = c.criteria
	}
	var got []string
	for _, id := range splitCell(cell) {
		if col == colCriteria {
			id = tsc.Canonical(id)
		}
		if !slices.Contains(got, id) {
			got = append(got, id)
		}
	}
	slices.Sort(got)
	sorted := slices.Sorted(slices.Values(want))
	return slices.Equal(got, sorted)
}

// keepReferencedOwners drops owners that only bad rows used.
func (imp *importResult) keepReferencedOwners() {
	used := map[string]bool{}
	for _, c := range imp.controls {
		used[c.ownerKey], used[c.backupKey] = true, true
		for _, e := range c.evidence {
			used[e.ownerKey] = true
		}
	}
	imp.owners = slices.DeleteFunc(imp.owners, func(o *importOwner) bool { return !used[strings.ToLower(o.email)] })
}

// splitCell splits a list cell on ";" (a "," works too: no ID holds one).
func splitCell(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// hcl renders the result as Terraform, formatted as terraform fmt would:
// owners first, then each control followed by its evidence requirements.
// Resource names derive from e-mail addresses, control IDs and evidence
// names, made unique in file order.
//
// It writes the text itself rather than through hclwrite: the output is
// only flat blocks of string, list and reference attributes, and hclwrite
// links go-cmp into the binary, whose initialisation (compiling regular
// expressions, about 0.2 MB allocated) every scan paid for this command.
// TestImportHCLAsHCLWrite checks the text is hclwrite's, formatted.
func (imp *importResult) hcl() []byte {
	var w hclFile
	w.buf.WriteString("# Written by `terraform-provider-soc2 inventory import`; edit freely.\n")
	taken := map[string]bool{}
	ownerNames := map[string]string{}
	for _, o := range imp.owners {
		local, _, _ := strings.Cut(o.email, "@")
		name := uniqueName(taken, inventory.TypeOwner, local)
		ownerNames[strings.ToLower(o.email)] = name
		b := w.resource(inventory.TypeOwner, name)
		b.setString("name", o.fullName)
		b.setString("email", o.email)
		b.setString("title", o.title)
		b.setString("team", o.team)
		w.end(b)
	}
	ownerRef := func(key string) string { return inventory.TypeOwner + "." + ownerNames[key] + ".id" }
	for _, c := range imp.controls {
		name := uniqueName(taken, inventory.TypeControl, c.controlID)
		b := w.resource(inventory.TypeControl, name)
		b.setString("control_id", c.controlID)
		b.setString("title", c.title)
		b.setString("description", c.description)
		b.setList("criteria", c.criteria)
		b.set("owner_id", ownerRef(c.ownerKey))
		if c.backupKey != "" {
			b.set("backup_owner_id", ownerRef(c.backupKey))
		}
		b.setString("status", c.status)
		b.setString("justification", c.justification)
		b.setString("control_type", c.controlType)
		b.setString("automation", c.automation)
		b.setString("frequency", c.frequency)
		b.setList("scanner_rules", c.scannerRules)
		w.end(b)
		for _, e := range c.evidence {
			eb := w.resource(inventory.TypeEvidence, uniqueName(taken, inventory.TypeEvidence, name+"_"+e.name))
			eb.set("control_id", inventory.TypeControl+"."+name+".id")
			eb.setString("name", e.name)
			eb.setString("description", e.description)
			eb.setString("frequency", e.frequency)
			if e.ownerKey != "" {
				eb.set("owner_id", ownerRef(e.ownerKey))
			}
			eb.setString("last_collected", e.lastCollected)
			w.end(eb)
		}
	}
	return w.buf.Bytes()
}

// hclFile is Terraform text being written: resource blocks, each after a
// blank line, of one-line attributes.
type hclFile struct{ buf bytes.Buffer }

// hclBlock is a resource block's header and attributes, written by
// hclFile.end once all are known, as their equals signs line up.
type hclBlock struct {
	header       string
	names, exprs []string
}

func (w *hclFile) resource(typ, name string) *hclBlock {
	return &hclBlock{header: "resource " + quoteHCL(typ) + " " + quoteHCL(name) + " {\n"}
}

// end writes b as terraform fmt lays it out: attributes indented by two
// spaces, each name padded to the longest so that the signs align.
func (w *hclFile) end(b *hclBlock) {
	w.buf.WriteString("\n")
	w.buf.WriteString(b.header)
	width := 0
	for _, n := range b.names {
		width = max(width, len(n))
	}
	for i, n := range b.names {
		w.buf.WriteString("  ")
		w.buf.WriteString(n)
		w.buf.WriteString(strings.Repeat(" ", width-len(n)))
		w.buf.WriteString(" = ")
		w.buf.WriteString(b.exprs[i])
		w.buf.WriteString("\n")
	}
	w.buf.WriteString("}\n")
}

// set adds an attribute whose value is the expression expr, as written.
func (b *hclBlock) set(attr, expr string) {
	b.names = append(b.names, attr)
	b.exprs = append(b.exprs, expr)
}

func (b *hclBlock) setString(attr, value string) {
	if value != "" {
		b.set(attr, quoteHCL(value))
	}
}

func (b *hclBlock) setList(attr string, values []string) {
	if len(values) == 0 {
		return
	}
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = quoteHCL(v)
	}
	b.set(attr, "["+strings.Join(quoted, ", ")+"]")
}

// quoteHCL returns s as an HCL quoted string, escaped as hclwrite escapes
// a string value: in Unicode normal form C, as cty keeps strings, with
// newlines, tabs, quotes and backslashes escaped, template introducers
// (${ and %{) doubled, and characters that do not print as \u or \U
// escapes.
func quoteHCL(s string) string {
	s = cty.StringVal(s).AsString()
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range s {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '$', '%':
			b.WriteRune(r)
			if strings.HasPrefix(s[i+1:], "{") {
				b.WriteRune(r)
			}
		default:
			switch {
			case unicode.IsPrint(r):
				b.WriteRune(r)
			case r < 65536:
				fmt.Fprintf(&b, "\\u%04x", r)
			default:
				fmt.Fprintf(&b, "\\U%08x", r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// uniqueName derives a Terraform resource name from s (lower-case letters,
// digits and underscores, starting with a letter), unique per type.
func uniqueName(taken map[string]bool, typ, s string) string {
	var b strings.Builder
	underscore := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			underscore = false
		case !underscore && b.Len() > 0:
			b.WriteByte('_')
			underscore = true
		}
	}
	base := strings.TrimSuffix(b.String(), "_")
	if base == "" || base[0] >= '0' && base[0] <= '9' {
		base = "r_" + base
	}
	base = strings.TrimSuffix(base, "_")
	name := base
	for i := 2; taken[typ+"."+name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	taken[typ+"."+name] = true
	return name
}
