package inventory

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// inventoryFormatVersion is the version of the JSON document's shape.
// Fields are only ever added; a removal or change of meaning bumps it.
const formatVersion = "1"

// reportStatuses are the control statuses in the order the report lists
// them: those that meet a criterion first (implemented, partial,
// alternative), then the others, each group in the provider's order.
var reportStatuses = func() []string {
	statuses := ControlStatuses()
	slices.SortStableFunc(statuses, func(x, y string) int {
		return cmp.Compare(rank(Covers(y)), rank(Covers(x)))
	})
	return statuses
}()

// rank orders false before true.
func rank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Coverage of a criterion.
const (
	coverageCovered       = "covered"        // an implemented, partial or alternative control
	coverageNotApplicable = "not-applicable" // only justified not-applicable controls (a carve-out)
	coverageGap           = "gap"            // nothing that meets it yet
)

// Due status of an evidence requirement, recomputed at the report's time.
const (
	dueOverdue        = "overdue"
	dueSoon           = "due-soon"
	dueCurrent        = "current"
	dueNeverCollected = "never-collected" // periodic, but last_collected is unset
	dueNotPeriodic    = "not-periodic"    // continuous or per-event: no due date
	dueUnknown        = "unknown"         // known only after apply, or invalid
)

// Report is the document `terraform-provider-soc2 inventory
// --format json` writes, and what the text and Markdown formats show. The
// shape is stable (fields are only added; format_version changes
// otherwise); every list is sorted and present, possibly empty:
//
//	format_version       "1"
//	source               {name, form: "state"|"plan", terraform_version}
//	as_of                RFC 3339 time evidence due dates are judged at
//	due_within_days      how far ahead evidence counts as due soon
//	categories_in_scope  ["security", ...] the coverage section judges
//	summary              counts: controls, controls_by_status{status: n},
//	                     owners, evidence_requirements, criteria_in_scope,
//	                     criteria_covered, criteria_not_applicable, gaps,
//	                     evidence_overdue, evidence_due_soon,
//	                     evidence_never_collected, warnings
//	criteria[]           in catalogue order, every criterion that is in
//	                     scope or addressed by a control: {id, category,
//	                     title, in_scope, coverage: "covered"|
//	                     "not-applicable"|"gap", controls: [control_id]}
//	controls[]           by control_id: {control_id, address, title, status,
//	                     criteria, owner, backup_owner, control_type,
//	                     automation, frequency, justification,
//	                     evidence_requirements (count), evidence [id],
//	                     scanner_rules, unknown_scanner_rules, unknown}
//	coverage             {gaps: [criterion], not_applicable: [criterion],
//	                     controls_not_implemented: [{control_id, title,
//	                     status, owner, justification, unknown}]}, criteria as in
//	                     criteria[], in-scope only
//	evidence[]           by due date, then id: {id, address, control_id,
//	                     name, frequency, owner, last_collected, next_due,
//	                     overdue, days_until_due, status: "overdue"|
//	                     "due-soon"|"current"|"never-collected"|
//	                     "not-periodic"|"unknown", state: {next_due,
//	                     overdue, stale}, unknown}
//	owners[]             by name (id if undeclared): {id, name, email, title, team, address,
//	                     declared, controls, backup_for, evidence}
//	warnings[]           {kind, address, message}
//
// An owner reference is {id, name, email, declared}: declared is false when
// no soc2_control_owner in the input has that id. Optional attributes that
// are unset are null; next_due, overdue and days_until_due are recomputed
// at as_of, while state holds what the provider computed at the last plan
// or refresh (stale when they differ). unknown lists the attributes known
// only after apply (plan input). docs/schemas/inventory.schema.json is the
// JSON Schema of the document.
type Report struct {
	FormatVersion     string         `json:"format_version"`
	Source            Source         `json:"source"`
	AsOf              string         `json:"as_of"`
	DueWithinDays     int            `json:"due_within_days"`
	CategoriesInScope []tsc.Category `json:"categories_in_scope"`
	Summary           Summary        `json:"summary"`
	Criteria          []Criterion    `json:"criteria"`
	Controls          []Control      `json:"controls"`
	Coverage          Coverage       `json:"coverage"`
	Evidence          []Evidence     `json:"evidence"`
	Owners            []Owner        `json:"owners"`
	Warnings          []Warning      `json:"warnings"`

	// asOfDateOnly keeps the form of Options.Now for the text formats.
	asOfDateOnly bool
}

// Source is the input the report was made from.
type Source struct {
	Name             string `json:"name"`
	Form             string `json:"form"`
	TerraformVersion string `json:"terraform_version"`
}

// Summary holds the report's counts.
type Summary struct {
	Controls               int            `json:"controls"`
	ControlsByStatus       map[string]int `json:"controls_by_status"`
	Owners                 int            `json:"owners"`
	EvidenceRequirements   int            `json:"evidence_requirements"`
	CriteriaInScope        int            `json:"criteria_in_scope"`
	CriteriaCovered        int            `json:"criteria_covered"`
	CriteriaNotApplicable  int            `json:"criteria_not_applicable"`
	Gaps                   int            `json:"gaps"`
	EvidenceOverdue        int            `json:"evidence_overdue"`
	EvidenceDueSoon        int            `json:"evidence_due_soon"`
	EvidenceNeverCollected int            `json:"evidence_never_collected"`
	Warnings               int            `json:"warnings"`
}

// Criterion is a Trust Services Criterion with its coverage by the
// inventory's controls.
type Criterion struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Title    string   `json:"title"`
	InScope  bool     `json:"in_scope"`
	Coverage string   `json:"coverage"`
	Controls []string `json:"controls"`
}

// OwnerRef is an owner referenced by a control or evidence requirement;
// Declared is false when no soc2_control_owner in the input has its id.
type OwnerRef struct {
	ID       string  `json:"id"`
	Name     *string `json:"name"`
	Email    *string `json:"email"`
	Declared bool    `json:"declared"`
}

// Control is a soc2_control as the report shows it.
type Control struct {
	ControlID            string    `json:"control_id"`
	Address              string    `json:"address"`
	Title                string    `json:"title"`
	Status               string    `json:"status"`
	Criteria             []string  `json:"criteria"`
	Owner                *OwnerRef `json:"owner"`
	BackupOwner          *OwnerRef `json:"backup_owner"`
	ControlType          *string   `json:"control_type"`
	Automation           *string   `json:"automation"`
	Frequency            *string   `json:"frequency"`
	Justification        *string   `json:"justification"`
	EvidenceRequirements int       `json:"evidence_requirements"`
	Evidence             []string  `json:"evidence"`
	ScannerRules         []string  `json:"scanner_rules"`
	UnknownScannerRules  []string  `json:"unknown_scanner_rules"`
	Unknown              []string  `json:"unknown"`
}

// Coverage is what the in-scope criteria lack: gaps, criteria only
// carved out by not-applicable controls, and the controls not implemented.
type Coverage struct {
	Gaps                   []Criterion            `json:"gaps"`
	NotApplicable          []Criterion            `json:"not_applicable"`
	ControlsNotImplemented []UnimplementedControl `json:"controls_not_implemented"`
}

// UnimplementedControl is a control that is planned or not applicable.
type UnimplementedControl struct {
	ControlID     string    `json:"control_id"`
	Title         string    `json:"title"`
	Status        string    `json:"status"`
	Owner         *OwnerRef `json:"owner"`
	Justification *string   `json:"justification"`
	Unknown       []string  `json:"unknown"`
}

// Evidence is a soc2_evidence_requirement with its due date recomputed
// at the report's time.
type Evidence struct {
	ID            string        `json:"id"`
	Address       string        `json:"address"`
	ControlID     string        `json:"control_id"`
	Name          string        `json:"name"`
	Frequency     string        `json:"frequency"`
	Owner         *OwnerRef     `json:"owner"`
	LastCollected *string       `json:"last_collected"`
	NextDue       *string       `json:"next_due"`
	Overdue       bool          `json:"overdue"`
	DaysUntilDue  *int          `json:"days_until_due"`
	Status        string        `json:"status"`
	State         EvidenceState `json:"state"`
	Unknown       []string      `json:"unknown"`

	due Date // for sorting
}

// EvidenceState is what state recorded of an evidence requirement's due
// date, and whether it differs from the recomputation.
type EvidenceState struct {
	NextDue *string `json:"next_due"`
	Overdue *bool   `json:"overdue"`
	Stale   bool    `json:"stale"`
}

// Owner is a control owner with what they own; an owner referenced but
// not declared is listed too.
type Owner struct {
	ID        string   `json:"id"`
	Name      *string  `json:"name"`
	Email     *string  `json:"email"`
	Title     *string  `json:"title"`
	Team      *string  `json:"team"`
	Address   *string  `json:"address"`
	Declared  bool     `json:"declared"`
	Controls  []string `json:"controls"`
	BackupFor []string `json:"backup_for"`
	Evidence  []string `json:"evidence"`
}

// Warning kinds.
const (
	warnUnknownScannerRule = "unknown-scanner-rule"
	warnUnknownCriterion   = "unknown-criterion"
	warnUndeclaredOwner    = "undeclared-owner"
	warnOrphanEvidence     = "orphan-evidence"
	warnDuplicate          = "duplicate"
	warnUnknownValue       = "unknown-value"
	warnInvalidValue       = "invalid-value"
	warnStaleState         = "stale-state"
	warnOtherProvider      = "other-provider"
)

// Warning is something in the input that the report could not take at
// face value.
type Warning struct {
	Kind    string `json:"kind"`
	Address string `json:"address"`
	Message string `json:"message"`
}

// Options are the report's settings.
type Options struct {
	// Source names the input in the report.
	Source string
	// Now is when evidence due dates are judged; a date-only Now is shown
	// as a date.
	Now Date
	// DueWithin is how many days ahead evidence counts as due soon.
	DueWithin int
	// Categories are the Trust Services Categories in scope, in catalogue
	// order: the coverage section judges their criteria.
	Categories []tsc.Category
	// RuleIDs are the scanner's rules; a control's scanner_rules outside
	// them are reported as renamed or removed.
	RuleIDs []string
}

// builder holds the indexes while the report is assembled.
type builder struct {
	inv       *Inventory
	opt       Options
	rep       *Report
	owners    map[string]*invOwner      // by lower-case id
	controls  map[string][]*invControl  // by control_id
	evidence  map[string][]*invEvidence // by control_id
	ruleIDs   map[string]bool
	inScope   map[tsc.Category]bool
	ownerRows map[string]*Owner // by lower-case id
}

// NewReport assembles the report of inv at opt.Now.
func NewReport(inv *Inventory, opt Options) *Report {
	b := &builder{
		inv: inv, opt: opt,
		rep: &Report{
			FormatVersion:     formatVersion,
			Source:            Source{Name: opt.Source, Form: inv.form, TerraformVersion: inv.terraformVersion},
			AsOf:              opt.Now.Time.UTC().Format(time.RFC3339),
			DueWithinDays:     opt.DueWithin,
			CategoriesInScope: opt.Categories,
			asOfDateOnly:      opt.Now.DateOnly,
			Criteria:          []Criterion{},
			Controls:          []Control{},
			Evidence:          []Evidence{},
			Owners:            []Owner{},
			Warnings:          []Warning{},
			Coverage: Coverage{
				Gaps: []Criterion{}, NotApplicable: []Criterion{},
				ControlsNotImplemented: []UnimplementedControl{},
			},
		},
		owners:    map[string]*invOwner{},
		controls:  map[string][]*invControl{},
		evidence:  map[string][]*invEvidence{},
		ruleIDs:   map[string]bool{},
		inScope:   map[tsc.Category]bool{},
		ownerRows: map[string]*Owner{},
	}
	for _, id := range opt.RuleIDs {
		b.ruleIDs[id] = true
	}
	for _, c := range opt.Categories {
		b.inScope[c] = true
	}
	b.sortInput()
	b.indexOwners()
	b.indexControls()
	b.addControls()
	b.addEvidence()
	b.addCriteria()
	b.addOwners()
	b.warnStale()
	b.warnScopes()
	b.addForeign()
	b.summarise()
	return b.rep
}

func (b *builder) warn(kind, address, format string, args ...any) {
	b.rep.Warnings = append(b.rep.Warnings, Warning{Kind: kind, Address: address, Message: fmt.Sprintf(format, args...)})
}

// sortInput orders resources by address so that "first" is well defined
// for duplicates and every later loop is deterministic.
func (b *builder) sortInput() {
	slices.SortFunc(b.inv.owners, func(x, y *invOwner) int { return cmp.Compare(x.address, y.address) })
	slices.SortFunc(b.inv.controls, func(x, y *invControl) int { return cmp.Compare(x.address, y.address) })
	slices.SortFunc(b.inv.evidence, func(x, y *invEvidence) int { return cmp.Compare(x.address, y.address) })
}

func (b *builder) indexOwners() {
	for _, o := range b.inv.owners {
		b.warnUnknownAttrs(&o.invResource, "name", "email", "id")
		key := strings.ToLower(o.id)
		if key == "" {
			continue
		}
		if first, dup := b.owners[key]; dup {
			b.warn(warnDuplicate, o.address, "owner %s is declared twice, by %s and %s; the report uses %s", o.id, first.address, o.address, first.address)
			continue
		}
		b.owners[key] = o
	}
}

func (b *builder) indexControls() {
	for _, c := range b.inv.controls {
		if c.controlID == "" {
			continue
		}
		if others := b.controls[c.controlID]; len(others) > 0 {
			b.warn(warnDuplicate, c.address, "control_id %s is declared twice, by %s and %s (under different provider configurations or modules, where plan cannot compare them)", c.controlID, others[0].address, c.address)
		}
		b.controls[c.controlID] = append(b.controls[c.controlID], c)
	}
}

// warnUnknownAttrs reports the attributes of r known only after apply,
// for those that the report shows.
func (b *builder) warnUnknownAttrs(r *invResource, shown ...string) []string {
	unknown := []string{}
	for _, attr := range shown {
		if r.isUnknown(attr) {
			unknown = append(unknown, attr)
		}
	}
	if len(unknown) > 0 {
		why := "known only after apply"
		if b.inv.form == formConfig {
			why = "not a literal value or a reference to another soc2 resource"
		}
		b.warn(warnUnknownValue, r.address, "%s, so shown as unknown: %s", why, strings.Join(unknown, ", "))
	}
	return unknown
}

// ownerRef resolves an owner id to the declared owner.
func (b *builder) ownerRef(id string) *OwnerRef {
	if id == "" {
		return nil
	}
	ref := &OwnerRef{ID: id}
	if o, ok := b.owners[strings.ToLower(id)]; ok {
		ref.Name, ref.Email, ref.Declared = nullableString(o.name), nullableString(o.email), true
	}
	return ref
}

// ownerRow returns the owners section's entry for id, creating it for an
// owner referenced but not declared.
func (b *builder) ownerRow(id string) *Owner {
	key := strings.ToLower(id)
	if row, ok := b.ownerRows[key]; ok {
		return row
	}
	row := &Owner{ID: id, Controls: []string{}, BackupFor: []string{}, Evidence: []string{}}
	if o, ok := b.owners[key]; ok {
		row.Name, row.Email, row.Title, row.Team = nullableString(o.name), nullableString(o.email), nullableString(o.title), nullableString(o.team)
		row.Address, row.Declared = nullableString(o.address), true
	}
	b.ownerRows[key] = row
	return row
}

func (b *builder) checkOwner(address, attr, id string) {
	if id == "" {
		return
	}
	if _, ok := b.owners[strings.ToLower(id)]; !ok {
		b.warn(warnUndeclaredOwner, address, "%s %q is not the id of any soc2_control_owner in the input", attr, id)
	}
}

func (b *builder) addControls() {
	for _, c := range b.inv.controls {
		unknown := b.warnUnknownAttrs(&c.invResource, "control_id", "title", "status", "criteria", "owner_id", "backup_owner_id", "automation", "frequency", "scanner_rules")
		if c.status != "" && !slices.Contains(reportStatuses, c.status) {
			b.warn(warnInvalidValue, c.address, "status %q is not one of %s; the control does not count as covering its criteria", c.status, strings.Join(reportStatuses, ", "))
		}
		for _, id := range c.criteria {
			if _, ok := tsc.Lookup(id); !ok {
				b.warn(warnUnknownCriterion, c.address, "%s", tsc.ErrorMessage(id))
			}
		}
		missing := []string{}
		for _, id := range c.scannerRules {
			if !b.ruleIDs[id] {
				missing = append(missing, id)
				b.warn(warnUnknownScannerRule, c.address, "%s: scanner rule %q is not in the rule catalogue (was it renamed or removed?); see `terraform-provider-soc2 rules`", c.controlID, id)
			}
		}
		b.checkOwner(c.address, "owner_id", c.ownerID)
		b.checkOwner(c.address, "backup_owner_id", c.backupOwnerID)
		// Copies that are never nil: lists in the JSON are never null.
		criteria, rules := append([]string{}, c.criteria...), append([]string{}, c.scannerRules...)
		tsc.Sort(criteria)
		b.rep.Controls = append(b.rep.Controls, Control{
			ControlID: c.controlID, Address: c.address, Title: c.title, Status: c.status,
			Criteria: criteria, Owner: b.ownerRef(c.ownerID), BackupOwner: b.ownerRef(c.backupOwnerID),
			ControlType: nullableString(c.controlType), Automation: nullableString(c.automation),
			Frequency: nullableString(c.frequency), Justification: nullableString(c.justification),
			Evidence: []string{}, ScannerRules: rules, UnknownScannerRules: missing,
			Unknown: unknown,
		})
	}
	slices.SortFunc(b.rep.Controls, func(x, y Control) int {
		return cmp.Or(cmp.Compare(x.ControlID, y.ControlID), cmp.Compare(x.Address, y.Address))
	})
}

// controlOf returns the control evidence e belongs to: the one with its
// control_id, preferring the same module when the ID is declared twice.
func (b *builder) controlOf(e *invEvidence) *invControl {
	candidates := b.controls[e.controlID]
	for _, c := range candidates {
		if c.module == e.module {
			return c
		}
	}
	if len(candidates) > 0 {
		return candidates[0]
	}
	return nil
}

func (b *builder) addEvidence() {
	counts := map[string][]string{} // control address → evidence ids
	for _, e := range b.inv.evidence {
		unknown := b.warnUnknownAttrs(&e.invResource, "control_id", "name", "frequency", "owner_id", "last_collected")
		ownerID := e.ownerID
		control := b.controlOf(e)
		switch {
		case control != nil:
			counts[control.address] = append(counts[control.address], e.id)
			if ownerID == "" && !e.isUnknown("owner_id") {
				ownerID = control.ownerID
			}
		case e.controlID != "":
			b.warn(warnOrphanEvidence, e.address, "control_id %q is not the id of any soc2_control in the input", e.controlID)
		}
		b.checkOwner(e.address, "owner_id", e.ownerID)
		row := b.dueStatus(e)
		row.Owner, row.Unknown = b.ownerRef(ownerID), unknown
		b.rep.Evidence = append(b.rep.Evidence, row)
	}
	for i := range b.rep.Controls {
		c := &b.rep.Controls[i]
		ids := append([]string{}, counts[c.Address]...) // never nil
		slices.Sort(ids)
		c.Evidence, c.EvidenceRequirements = ids, len(ids)
	}
	slices.SortStableFunc(b.rep.Evidence, compareEvidence)
}

// compareEvidence orders evidence by due date (undated last), then id.
func compareEvidence(x, y Evidence) int {
	xd, yd := x.NextDue != nil, y.NextDue != nil
	switch {
	case xd && !yd:
		return -1
	case !xd && yd:
		return 1
	case xd && yd:
		if c := x.due.End().Compare(y.due.End()); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(x.ID, y.ID), cmp.Compare(x.Address, y.Address))
}

// dueStatus recomputes when e is due at the report's time and compares it
// with what state recorded.
func (b *builder) dueStatus(e *invEvidence) Evidence {
	row := Evidence{
		ID: e.id, Address: e.address, ControlID: e.controlID, Name: e.name, Frequency: e.frequency,
		LastCollected: nullableString(e.lastCollected), Status: dueUnknown,
		State: EvidenceState{NextDue: nullableString(e.nextDue), Overdue: e.overdue},
	}
	frequency, err := ParseFrequency(e.frequency)
	switch {
	case err != nil:
		if e.frequency != "" {
			b.warn(warnInvalidValue, e.address, "frequency %q is not an evidence frequency; its due date cannot be computed", e.frequency)
		}
		return row
	case !frequency.Periodic():
		row.Status = dueNotPeriodic
		return row
	case e.isUnknown("last_collected"):
		return row
	case e.lastCollected == "":
		row.Status = dueNeverCollected
		return row
	}
	last, err := ParseDate(e.lastCollected)
	if err != nil {
		b.warn(warnInvalidValue, e.address, "last_collected: %v", err)
		return row
	}
	due, _ := NextDue(last, frequency)
	days := daysUntil(due, b.opt.Now.Time)
	row.due, row.NextDue, row.DaysUntilDue = due, nullableString(due.String()), &days
	row.Overdue = Overdue(due, b.opt.Now.Time)
	switch {
	case row.Overdue:
		row.Status = dueOverdue
	case days <= b.opt.DueWithin:
		row.Status = dueSoon
	default:
		row.Status = dueCurrent
	}
	if !e.isUnknown("next_due") && !e.isUnknown("overdue") {
		row.State.Stale = e.nextDue != due.String() || e.overdue == nil || *e.overdue != row.Overdue
	}
	return row
}

func (b *builder) addCriteria() {
	byCriterion := map[string][]Control{}
	for _, c := range b.rep.Controls {
		for _, id := range c.Criteria {
			byCriterion[tsc.Canonical(id)] = append(byCriterion[tsc.Canonical(id)], c)
		}
	}
	ids := make([]string, 0, len(byCriterion))
	for id := range byCriterion {
		ids = append(ids, id)
	}
	for _, c := range tsc.All() {
		if b.inScope[c.Category] && byCriterion[c.ID] == nil {
			ids = append(ids, c.ID)
		}
	}
	tsc.Sort(ids)
	for _, id := range ids {
		row := Criterion{ID: id, Title: "not in the TSC 2017 catalogue", Controls: []string{}}
		if c, ok := tsc.Lookup(id); ok {
			row.Category, row.Title, row.InScope = string(c.Category), c.Title, b.inScope[c.Category]
		}
		row.Coverage = coverageGap
		for _, c := range byCriterion[id] {
			row.Controls = append(row.Controls, c.ControlID)
			switch {
			case Covers(c.Status):
				row.Coverage = coverageCovered
			case c.Status == StatusNotApplicable && c.Justification != nil && row.Coverage == coverageGap:
				row.Coverage = coverageNotApplicable
			}
		}
		b.rep.Criteria = append(b.rep.Criteria, row)
		if !row.InScope {
			continue
		}
		switch row.Coverage {
		case coverageGap:
			b.rep.Coverage.Gaps = append(b.rep.Coverage.Gaps, row)
		case coverageNotApplicable:
			b.rep.Coverage.NotApplicable = append(b.rep.Coverage.NotApplicable, row)
		}
	}
	for _, c := range b.rep.Controls {
		if c.Status == StatusPlanned || c.Status == StatusNotApplicable {
			b.rep.Coverage.ControlsNotImplemented = append(b.rep.Coverage.ControlsNotImplemented, UnimplementedControl{
				ControlID: c.ControlID, Title: c.Title, Status: c.Status, Owner: c.Owner, Justification: c.Justification,
				Unknown: c.Unknown,
			})
		}
	}
}

func (b *builder) addOwners() {
	for _, o := range b.inv.owners {
		if o.id != "" {
			b.ownerRow(o.id)
		}
	}
	for _, c := range b.rep.Controls {
		if c.Owner != nil {
			row := b.ownerRow(c.Owner.ID)
			row.Controls = append(row.Controls, c.ControlID)
		}
		if c.BackupOwner != nil {
			row := b.ownerRow(c.BackupOwner.ID)
			row.BackupFor = append(row.BackupFor, c.ControlID)
		}
	}
	for _, e := range b.rep.Evidence {
		if e.Owner != nil {
			row := b.ownerRow(e.Owner.ID)
			row.Evidence = append(row.Evidence, e.ID)
		}
	}
	for _, row := range b.ownerRows {
		slices.Sort(row.Controls)
		row.Controls = slices.Compact(row.Controls)
		slices.Sort(row.BackupFor)
		row.BackupFor = slices.Compact(row.BackupFor)
		slices.Sort(row.Evidence)
		b.rep.Owners = append(b.rep.Owners, *row)
	}
	slices.SortFunc(b.rep.Owners, func(x, y Owner) int {
		return cmp.Or(
			cmp.Compare(strings.ToLower(cmp.Or(derefString(x.Name), x.ID)), strings.ToLower(cmp.Or(derefString(y.Name), y.ID))),
			cmp.Compare(strings.ToLower(x.ID), strings.ToLower(y.ID)),
		)
	})
}

// warnStale says once, rather than per requirement, that next_due or
// overdue in the input disagree with the recomputation: the whole state is
// as old as its last refresh.
func (b *builder) warnStale() {
	var stale []string
	for _, e := range b.rep.Evidence {
		if e.State.Stale {
			stale = append(stale, e.ID)
		}
	}
	if len(stale) == 0 {
		return
	}
	slices.Sort(stale)
	b.warn(warnStaleState, "", "next_due or overdue in the %s differ from their values at %s for %d evidence requirement(s) (%s); the report uses the recomputed values. Run `terraform apply -refresh-only` to update the state",
		b.inv.form, b.rep.AsOf, len(stale), strings.Join(stale, ", "))
}

func (b *builder) addForeign() {
	for _, n := range b.inv.notes {
		b.warn(n.Kind, n.Address, "%s", n.Message)
	}
	for _, r := range b.inv.foreign {
		b.warn(warnOtherProvider, r.Address, "provider %s is not %s; the resource is not part of the inventory", r.ProviderName, ProviderAddress)
	}
	slices.SortStableFunc(b.rep.Warnings, func(x, y Warning) int {
		return cmp.Or(cmp.Compare(x.Address, y.Address), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Message, y.Message))
	})
}

func (b *builder) summarise() {
	s := &b.rep.Summary
	s.Controls = len(b.rep.Controls)
	s.ControlsByStatus = map[string]int{}
	for _, c := range b.rep.Controls {
		s.ControlsByStatus[cmp.Or(c.Status, "unknown")]++
	}
	s.Owners = len(b.inv.owners)
	s.EvidenceRequirements = len(b.rep.Evidence)
	for _, c := range b.rep.Criteria {
		if !c.InScope {
			continue
		}
		s.CriteriaInScope++
		switch c.Coverage {
		case coverageCovered:
			s.CriteriaCovered++
		case coverageNotApplicable:
			s.CriteriaNotApplicable++
		}
	}
	s.Gaps = len(b.rep.Coverage.Gaps)
	for _, e := range b.rep.Evidence {
		switch e.Status {
		case dueOverdue:
			s.EvidenceOverdue++
		case dueSoon:
			s.EvidenceDueSoon++
		case dueNeverCollected:
			s.EvidenceNeverCollected++
		}
	}
	s.Warnings = len(b.rep.Warnings)
}

// Failing reports whether an in-scope criterion has nothing that meets it
// or evidence is overdue: what `inventory --fail-on-gaps` fails on.
func (r *Report) Failing() bool {
	return r.Summary.Gaps > 0 || r.Summary.EvidenceOverdue > 0
}

func nullableString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
