package provider

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// The validators below check one string each. Like every framework
// validator they skip null and unknown values: a value that comes from
// another resource is unknown while Terraform validates the configuration,
// and is checked again at plan time once it is known.

// criterionValidator accepts the canonical ID of a Trust Services Criterion.
// Near misses get a suggestion ("CC6.10" → "CC6.1"); a known ID in the wrong
// case is refused with its canonical spelling so that state, reports and the
// scanner all use one spelling.
type criterionValidator struct{}

func (criterionValidator) Description(context.Context) string {
	return "must be a SOC 2 Trust Services Criterion ID (TSC 2017) such as CC6.1 or A1.2"
}

func (v criterionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (criterionValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	c, ok := tsc.Lookup(id)
	switch {
	case !ok:
		resp.Diagnostics.AddAttributeError(req.Path, "Unknown SOC 2 criterion", wording.Sentence(tsc.ErrorMessage(id)))
	case c.ID != id:
		resp.Diagnostics.AddAttributeError(req.Path, "Criterion ID not in canonical form",
			fmt.Sprintf("%q is criterion %s (%s); write it exactly as %q.", id, c.ID, c.Title, c.ID))
	}
}

// emailValidator accepts a bare e-mail address such as alice@example.com.
type emailValidator struct{}

func (emailValidator) Description(context.Context) string {
	return "must be an e-mail address such as alice@example.com"
}

func (v emailValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (emailValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkEmail(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid e-mail address", err.Error())
	}
}

// checkEmail accepts exactly one bare address whose domain has a dot.
// net/mail alone would also accept display names ("Alice <a@b.c>") and
// single-label domains, neither of which belongs in an owner record.
func checkEmail(s string) error {
	addr, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || addr.Address != s || at < 0 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return fmt.Errorf("%q is not an e-mail address; write a bare address such as alice@example.com (no display name, no angle brackets)", s)
	}
	return nil
}

// ownerIDValidator accepts the id of a soc2_control_owner, which is the
// owner's e-mail address. It catches a name typed where a reference was
// meant.
type ownerIDValidator struct{}

func (ownerIDValidator) Description(context.Context) string {
	return "must be the `id` of a `soc2_control_owner` (the owner's e-mail address)"
}

func (v ownerIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (ownerIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	if checkEmail(id) != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid owner reference",
			fmt.Sprintf("%q is not the id of a soc2_control_owner: an owner's id is its e-mail address. "+
				"Reference the owner resource, for example soc2_control_owner.security_lead.id.", id))
	}
}

// dateValidator accepts an RFC 3339 date (2025-01-31) or date-time
// (2025-01-31T09:00:00Z).
type dateValidator struct{}

func (dateValidator) Description(context.Context) string {
	return "must be an RFC 3339 date (2025-01-31) or timestamp (2025-01-31T09:00:00Z)"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := inventory.ParseDate(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date", err.Error()+".")
	}
}

// controlIDPattern is the shape of a control's own ID: upper-case letters and
// digits in groups joined by '-', '.' or '_', starting with a letter, such as
// CRY-01, IAM.2 or OPS_BACKUP_01.
var controlIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:[-._][A-Z0-9]+)*$`)

const maxControlIDLength = 64

// controlIDValidator accepts a control ID such as CRY-01.
type controlIDValidator struct{}

func (controlIDValidator) Description(context.Context) string {
	return fmt.Sprintf("must be upper-case letters and digits in groups joined by `-`, `.` or `_`, starting with a letter, at most %d characters (e.g. `CRY-01`)", maxControlIDLength)
}

func (v controlIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (controlIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkControlID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid control ID", err.Error())
	}
}

func checkControlID(id string) error {
	if controlIDPattern.MatchString(id) && len(id) <= maxControlIDLength {
		return nil
	}
	msg := fmt.Sprintf("%q is not a control ID: use upper-case letters and digits in groups joined by '-', '.' or '_', starting with a letter, at most %d characters, such as \"CRY-01\"", id, maxControlIDLength)
	if fixed := strings.ToUpper(strings.TrimSpace(id)); fixed != id && controlIDPattern.MatchString(fixed) && len(fixed) <= maxControlIDLength {
		msg += fmt.Sprintf("; did you mean %q?", fixed)
	}
	return fmt.Errorf("%s", msg)
}

// enumValidator accepts one of a fixed list of values. It differs from
// stringvalidator.OneOf in naming what the value is and in suggesting the
// right spelling for a near miss: the SOC 2 literature writes "per_event"
// and "semi-annual", this provider "per-event" and "semiannual".
type enumValidator struct {
	noun   string
	values []string
}

func oneOf(noun string, values []string) enumValidator {
	return enumValidator{noun: noun, values: values}
}

func (v enumValidator) Description(context.Context) string {
	return "must be one of " + quoteList(v.values, "or")
}

func (v enumValidator) MarkdownDescription(context.Context) string {
	return "must be one of " + markdownList(v.values)
}

func (v enumValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	for _, allowed := range v.values {
		if value == allowed {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.noun, v.message(value))
}

func (v enumValidator) message(value string) string {
	msg := fmt.Sprintf("%q is not a valid %s", value, v.noun)
	if s := suggestEnum(value, v.values); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "."
	}
	return msg + " Allowed values: " + quoteList(v.values, "or") + "."
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
type scannerRuleValidator struct{}

func (scannerRuleValidator) Description(context.Context) string {
	return "must be the ID of a scanner rule (see `terraform-provider-soc2 rules`)"
}

func (v scannerRuleValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (scannerRuleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	if rules.Lookup(id) != nil {
		return
	}
	msg := fmt.Sprintf("%q is not a rule in the scanner's catalogue", id)
	if s := suggestRuleID(id); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unknown scanner rule", wording.Sentence(msg))
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
