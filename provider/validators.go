package provider

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// stringCheck is a string attribute validator made of one check function:
// every validator of this provider differs from the others only in what it
// accepts and how it names the problem. Like every framework validator it
// skips null and unknown values: a value that comes from another resource
// is unknown while Terraform validates the configuration, and is checked
// again at plan time once it is known.
type stringCheck struct {
	// description says what the check accepts; markdown is its Markdown
	// form, when that differs.
	description string
	markdown    string
	// summary is the summary of the diagnostic for a refused value, unless
	// the check's error is a summaryError with a summary of its own.
	summary string
	// check returns nil for a valid value, otherwise an error whose message
	// becomes the diagnostic's detail.
	check func(string) error
}

// summaryError is a check failure that needs another summary than the
// check's usual one, such as a known criterion spelled in the wrong case.
type summaryError struct {
	summary string
	detail  string
}

func (e summaryError) Error() string { return e.detail }

func (v stringCheck) Description(context.Context) string {
	return v.description
}

func (v stringCheck) MarkdownDescription(context.Context) string {
	if v.markdown != "" {
		return v.markdown
	}
	return v.description
}

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	err := v.check(req.ConfigValue.ValueString())
	if err == nil {
		return
	}
	summary := v.summary
	var s summaryError
	if errors.As(err, &s) {
		summary = s.summary
	}
	resp.Diagnostics.AddAttributeError(req.Path, summary, err.Error())
}

// criterionValidator accepts the canonical ID of a Trust Services Criterion.
// Near misses get a suggestion ("CC6.10" → "CC6.1"); a known ID in the wrong
// case is refused with its canonical spelling so that state, reports and the
// scanner all use one spelling.
var criterionValidator = stringCheck{
	description: "must be a SOC 2 Trust Services Criterion ID (TSC 2017) such as CC6.1 or A1.2",
	summary:     "Unknown SOC 2 criterion",
	check:       checkCriterion,
}

func checkCriterion(id string) error {
	c, ok := tsc.Lookup(id)
	switch {
	case !ok:
		return errors.New(wording.Sentence(tsc.ErrorMessage(id)))
	case c.ID != id:
		return summaryError{summary: "Criterion ID not in canonical form",
			detail: fmt.Sprintf("%q is criterion %s (%s); write it exactly as %q.", id, c.ID, c.Title, c.ID)}
	}
	return nil
}

// emailValidator accepts a bare e-mail address such as alice@example.com.
var emailValidator = stringCheck{
	description: "must be an e-mail address such as alice@example.com",
	summary:     "Invalid e-mail address",
	check:       inventory.CheckEmail,
}

// ownerIDValidator accepts the id of a soc2_control_owner, which is the
// owner's e-mail address. It catches a name typed where a reference was
// meant.
var ownerIDValidator = stringCheck{
	description: "must be the `id` of a `soc2_control_owner` (the owner's e-mail address)",
	summary:     "Invalid owner reference",
	check:       checkOwnerID,
}

// referenceOwner tells how to write an owner reference.
const referenceOwner = "Reference the owner resource, for example soc2_control_owner.security_lead.id."

func checkOwnerID(id string) error {
	if inventory.CheckEmail(id) == nil {
		return nil
	}
	return fmt.Errorf("%q is not the id of a soc2_control_owner: an owner's id is its e-mail address. %s", id, referenceOwner)
}

// dateValidator accepts an RFC 3339 date (2025-01-31) or date-time
// (2025-01-31T09:00:00Z).
var dateValidator = stringCheck{
	description: "must be an RFC 3339 date (2025-01-31) or timestamp (2025-01-31T09:00:00Z)",
	summary:     "Invalid date",
	check:       checkDate,
}

func checkDate(s string) error {
	if _, err := inventory.ParseDate(s); err != nil {
		return errors.New(err.Error() + ".")
	}
	return nil
}

// titleValidator accepts one line of text that is not blank: a title is
// shown in reports and diagnostics, where white space alone says nothing
// and a newline or NUL breaks the layout (or hides the rest).
var titleValidator = stringCheck{
	description: "must be one line of text, not blank",
	summary:     "Invalid title",
	check:       checkTitle,
}

// nameValidator accepts a title that can also stand in an ID: an evidence
// requirement's id is <control_id>/<name>, so a name must not hold "/".
var nameValidator = stringCheck{
	description: "must be one line of text, not blank, without `/`",
	summary:     "Invalid name",
	check:       checkName,
}

func checkTitle(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%q is blank: write a few words that say what this is", s)
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		return fmt.Errorf("%q holds a control character (%q at byte %d): write one line of text, without newlines, tabs or NUL", s, s[i:i+1], i)
	}
	return nil
}

func checkName(s string) error {
	if err := checkTitle(s); err != nil {
		return err
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return fmt.Errorf("%q holds %q at byte %d: ids are written <control_id>/<name>, so a name cannot hold a slash", s, "/", i)
	}
	return nil
}

// controlIDValidator accepts a control ID such as CRY-01.
var controlIDValidator = stringCheck{
	description: fmt.Sprintf("must be upper-case letters and digits in groups joined by `-`, `.` or `_`, starting with a letter, at most %d characters (e.g. `CRY-01`)", inventory.MaxControlIDLength),
	summary:     "Invalid control ID",
	check:       checkControlID,
}

func checkControlID(id string) error {
	if inventory.ValidControlID(id) {
		return nil
	}
	msg := fmt.Sprintf("%q is not a control ID: use upper-case letters and digits in groups joined by '-', '.' or '_', starting with a letter, at most %d characters, such as \"CRY-01\"", id, inventory.MaxControlIDLength)
	if fixed := strings.ToUpper(strings.TrimSpace(id)); fixed != id && inventory.ValidControlID(fixed) {
		msg += fmt.Sprintf("; did you mean %q?", fixed)
	}
	return errors.New(msg)
}

// oneOf accepts one of a fixed list of values. It differs from
// stringvalidator.OneOf in naming what the value is (noun) and in
// suggesting the right spelling for a near miss: the SOC 2 literature
// writes "per_event" and "semi-annual", this provider "per-event" and
// "semiannual".
func oneOf(noun string, values []string) stringCheck {
	return stringCheck{
		description: "must be one of " + quoteList(values, "or"),
		markdown:    "must be one of " + markdownList(values),
		summary:     "Invalid " + noun,
		check:       func(value string) error { return checkOneOf(noun, values, value) },
	}
}

func checkOneOf(noun string, values []string, value string) error {
	if slices.Contains(values, value) {
		return nil
	}
	return errors.New(notOneOf(noun, values, value))
}

// notOneOf says that value is not one of values, with the allowed value it
// most likely means.
func notOneOf(noun string, values []string, value string) string {
	msg := fmt.Sprintf("%q is not a valid %s", value, noun)
	if s := suggestEnum(value, values); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "."
	}
	return msg + " Allowed values: " + quoteList(values, "or") + "."
}

// suggestEnum returns the allowed value that differs from value only in
// case and separators ("Per_Event" → "per-event", "semi-annual" →
// "semiannual"), or "".
func suggestEnum(value string, allowed []string) string {
	squash := func(s string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(s))
	}
	for _, a := range allowed {
		if squash(a) == squash(value) {
			return a
		}
	}
	return ""
}

// scannerRuleValidator accepts the ID of a rule in the scanner's catalogue.
var scannerRuleValidator = stringCheck{
	description: "must be the ID of a scanner rule (see `terraform-provider-soc2 rules`)",
	summary:     "Unknown scanner rule",
	check:       checkScannerRule,
}

func checkScannerRule(id string) error {
	if rules.Lookup(id) != nil {
		return nil
	}
	msg := fmt.Sprintf("%q is not a rule in the scanner's catalogue", id)
	if s := suggestRuleID(id); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return errors.New(wording.Sentence(msg))
}

// suggestRuleID returns the catalogue rule ID a mistyped one most likely
// means, matched as the scanner's configuration and suppression comments
// match rule IDs, or "".
func suggestRuleID(id string) string {
	all := rules.All()
	ids := make([]string, len(all))
	for i, r := range all {
		ids[i] = r.ID
	}
	return config.Suggest(strings.ToLower(strings.TrimSpace(id)), ids)
}

// quoteList formats values for messages, joined by the conjunction: "a",
// "b" or "c" for alternatives (allowed values), "a", "b" and "c" for a
// collection (the titles of duplicate controls).
func quoteList(values []string, conjunction string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " " + conjunction + " " + quoted[len(quoted)-1]
}

// markdownList formats allowed values for MarkdownDescription: `a`, `b`, `c`.
func markdownList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// wholeNumber accepts a whole number of at least min. Attributes that
// count (days) are Numbers rather than Int64s so that a fraction such as
// 89.5 reaches this validator and gets a message at the attribute, where
// an Int64 attribute fails with the framework's "Value Conversion Error".
// Both are a number to Terraform, so state written by either reads back.
type wholeNumber struct {
	min  int64
	unit string // "days"
}

func (v wholeNumber) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number of %s, at least %d", v.unit, v.min)
}

func (v wholeNumber) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v wholeNumber) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := v.check(req.ConfigValue.ValueBigFloat()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), fmt.Sprintf("%s %v.", req.Path, err))
	}
}

// check returns f as an int64 when it is a whole number within bounds.
func (v wholeNumber) check(f *big.Float) (int64, error) {
	n, acc := f.Int64()
	switch {
	case !f.IsInt():
		return 0, fmt.Errorf("must be a whole number of %s, got %s", v.unit, f.Text('g', -1))
	case acc != big.Exact:
		return 0, fmt.Errorf("must be a whole number of %s that fits in 64 bits, got %s", v.unit, f.Text('g', -1))
	case n < v.min:
		return 0, fmt.Errorf("must be at least %d %s, got %d", v.min, v.unit, n)
	}
	return n, nil
}
