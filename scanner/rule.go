package scanner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// Severity ranks how urgently a failing rule needs fixing.
type Severity string

// Severities, most urgent first.
const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Severities lists every severity, most urgent first.
var Severities = []Severity{Critical, High, Medium, Low}

// Rank orders severities: critical is 4, low is 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// ParseSeverity reads a severity name case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	if sev.Rank() == 0 {
		return "", fmt.Errorf("unknown severity %q: use one of critical, high, medium, low", s)
	}
	return sev, nil
}

// Status is the outcome of one rule on one resource.
type Status string

// Statuses. Unknown means the deciding value is only known after apply; it is
// reported as such, never silently passed or failed. NotApplicable means the
// resource has nothing the rule can judge (a replication-region rule on a
// bucket without replication): it is counted apart and never listed as a
// pass, so that an empty check is never read as evidence.
const (
	Pass          Status = "pass"
	Fail          Status = "fail"
	Unknown       Status = "unknown"
	NotApplicable Status = "not-applicable"
)

// IsProblem reports whether the status is one a reader must act on: a
// failure or an unknown.
func (s Status) IsProblem() bool { return s == Fail || s == Unknown }

// Result is what a rule's check returns for one resource.
type Result struct {
	Status Status
	// Message says what is wrong (or unknown) in terms of this resource.
	Message string
	// Range points at the offending argument or block; zero means the
	// resource block.
	Range Range
	// Secrets are the literal secrets the rule found written in the
	// configuration, whatever the status: the engine redacts them from
	// every code excerpt, where a finding that says "a password is
	// written here" would otherwise print it beside the message.
	Secrets []Secret
}

// Secret is a literal secret a rule found: its text and the range of the
// argument it is written in, where the engine redacts it (see
// Redactor.Locate).
type Secret struct {
	Text  string
	Range Range
}

// WithSecrets returns a copy of res that also names secrets (see
// Result.Secrets).
func (res Result) WithSecrets(secrets ...Secret) Result {
	res.Secrets = append(slices.Clip(res.Secrets), secrets...)
	return res
}

// Passed is the result of a resource that satisfies the rule.
func Passed() Result { return Result{Status: Pass} }

// DoesNotApply is the result of a resource the rule has nothing to judge
// on; the message says why, for readers of the JSON report.
func DoesNotApply(format string, args ...any) Result {
	return Result{Status: NotApplicable, Message: fmt.Sprintf(format, args...)}
}

// Failed is the result of a resource that breaks the rule at rng.
func Failed(rng Range, format string, args ...any) Result {
	return Result{Status: Fail, Message: fmt.Sprintf(format, args...), Range: rng}
}

// Unknowable is the result when the deciding value at rng is only known
// after apply.
func Unknowable(rng Range, format string, args ...any) Result {
	return Result{Status: Unknown, Message: fmt.Sprintf(format, args...), Range: rng}
}

// RequireTrue is the shape of most switch-style rules: the argument must be
// true. It passes when v is true, is unknown when v is unknown, and fails
// with msg when v is false, null or absent.
func RequireTrue(v Value, msg string) Result { return RequireTrueOr(v, false, msg) }

// RequireTrueOr is RequireTrue for an argument the provider defaults to def
// when it is not set: with def true, only an explicit false fails.
func RequireTrueOr(v Value, def bool, msg string) Result { return requireBool(v, def, true, msg) }

// RequireFalseOr is the shape of rules on switches that must stay off
// (publicly_accessible, skip_final_snapshot): it fails with msg when v is
// true, or unset with a provider default def of true.
func RequireFalseOr(v Value, def bool, msg string) Result { return requireBool(v, def, false, msg) }

func requireBool(v Value, def, want bool, msg string) Result {
	switch v.BoolOr(def) {
	case Maybe:
		return Unknowable(v.Range, "%s is not known until apply", v.Name)
	case TriOf(want, false):
		return Passed()
	}
	return Failed(v.Range, "%s", msg)
}

// RequireSet passes when the argument is set (to a known or unknown value:
// setting a key ID to another resource's ARN is enough) and fails with msg
// otherwise. A value only known after apply that names nothing known (see
// Value.Names: an input variable with no default) is unknown, as it may be
// null.
func RequireSet(v Value, msg string) Result {
	switch {
	case !v.IsSet():
		return Failed(v.Range, "%s", msg)
	case v.Names() == Maybe:
		return UnknownName(v)
	}
	return Passed()
}

// UnknownName is the result of a rule that passes on a named argument
// when v is only known after apply and names nothing known (Value.Names
// is Maybe).
func UnknownName(v Value) Result {
	if v.MayBeBlank() {
		return Unknowable(v.Range, "%s is not known until apply and a condition only known then may leave it null or empty", v.Name)
	}
	return Unknowable(v.Range, "%s is not known until apply and refers to no declared resource: it may name nothing", v.Name)
}

// Criteria maps a rule to the Trust Services Criteria: one primary criterion
// justified by a point of focus, and secondary ones.
type Criteria struct {
	Primary   string   `json:"primary"`
	Secondary []string `json:"secondary,omitempty"`
}

// IDs returns the primary criterion followed by the secondary ones.
func (c Criteria) IDs() []string {
	return append([]string{c.Primary}, c.Secondary...)
}

// Categories returns the Trust Services Categories the criteria belong to.
func (c Criteria) Categories() []tsc.Category { return tsc.CategoriesOf(c.IDs()) }

// Reference names the equivalent check in another tool, so that teams
// migrating from it can map their findings and suppressions.
type Reference struct {
	// Tool is one of the Tool* constants.
	Tool string `json:"tool"`
	// ID is the other tool's identifier, such as "CKV_AWS_16",
	// "AVD-AWS-0080", "aws-rds-encrypt-instance-storage-data" or a KICS
	// query name.
	ID string `json:"id"`
}

// Tools whose rule identifiers rules reference.
const (
	ToolCheckov = "checkov"
	ToolTrivy   = "trivy" // AVD-* identifiers
	ToolTfsec   = "tfsec" // tfsec's long identifiers
	ToolKICS    = "kics"
	ToolProwler = "prowler"
)

// Param is a rule parameter that `.soc2scan.hcl` can override.
type Param struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Default is an int, bool, string or []string; overrides must have the
	// same type.
	Default any `json:"default"`
	// Min and Max bound an int parameter, inclusive; Max 0 means no upper
	// bound. Min's zero value still rejects negative numbers, since every
	// int parameter counts something (days, characters, backups).
	Min int `json:"min,omitempty"`
	Max int `json:"max,omitempty"`
}

// check reports whether v, converted to the parameter's type, is within
// its bounds.
func (p Param) check(v any) error {
	n, ok := v.(int)
	if !ok {
		return nil
	}
	switch {
	case n < p.Min:
		return fmt.Errorf("want at least %d, got %d", p.Min, n)
	case p.Max > 0 && n > p.Max:
		return fmt.Errorf("want at most %d, got %d", p.Max, n)
	}
	return nil
}

// Example is a complete Terraform configuration (one main.tf) that shows a
// rule at work. The catalogue's tests execute every example.
type Example struct {
	Code string
	// Fails lists the addresses the rule must fail, exactly; empty for a
	// good example.
	Fails []string
	// Unknowns lists the addresses for which the rule must report unknown.
	Unknowns []string
	// NotApplicable lists the addresses the rule must find nothing to
	// judge on, exactly (see NotApplicable).
	NotApplicable []string
	// Params overrides parameter defaults for this example.
	Params map[string]any
	// Expect optionally pins down the result for some addresses of Fails
	// or Unknowns: where it points and what it says, as TFLint's rule
	// tests pin their issues, so that a finding about an argument is shown
	// to point at the argument rather than at the resource header.
	Expect map[string]Expected
}

// Expected is what an example's result for one address must be, beyond its
// status. A zero field is not checked.
type Expected struct {
	// Line is the line of Code the result points at (line 1 is Code's
	// first line, usually empty); a result without a range of its own
	// points at its resource's header.
	Line int
	// Message is a part the result's message must contain.
	Message string
}

// Family groups rules by what they protect; reports and docs group by it.
type Family string

// The rule families, mirroring the mapping table in the TSC reference.
const (
	FamilyEncryptionAtRest    Family = "encryption-at-rest"
	FamilyEncryptionInTransit Family = "encryption-in-transit"
	FamilyKeysSecrets         Family = "keys-and-secrets"
	FamilyBackup              Family = "backup"
	FamilyBackupRegion        Family = "backup-region"
	FamilyHighAvailability    Family = "high-availability"
	FamilyDeletionProtection  Family = "deletion-protection"
	FamilyPublicExposure      Family = "public-exposure"
	FamilyNetwork             Family = "network"
	FamilyLeastPrivilege      Family = "least-privilege"
	FamilyLogging             Family = "logging-and-monitoring"
)

// Families lists every family in the order of the TSC mapping table, the
// order reports and docs use.
var Families = []Family{
	FamilyEncryptionAtRest, FamilyEncryptionInTransit, FamilyKeysSecrets,
	FamilyBackup, FamilyBackupRegion, FamilyHighAvailability, FamilyDeletionProtection,
	FamilyPublicExposure, FamilyNetwork, FamilyLeastPrivilege, FamilyLogging,
}

// Rule is one check, with everything a user needs to understand and fix a
// finding. Rules are plain values; the engine runs Decide, and so Check, on
// every managed resource whose type is in ResourceTypes.
type Rule struct {
	// ID is stable and reads as a sentence: <provider>-<service>-<what>,
	// such as "aws-rds-storage-encrypted".
	ID    string
	Title string
	// Description says why the rule matters for SOC 2.
	Description string
	Severity    Severity
	Criteria    Criteria
	Family      Family
	// Provider is the Terraform provider of the resource types: "aws",
	// "azurerm" or "google".
	Provider      string
	ResourceTypes []string
	// DataSourceTypes are the data sources the rule also judges, by type
	// (a policy rule judging data "aws_iam_policy_document"). A data source
	// and a managed resource may share a type name, so the two lists are
	// kept apart.
	DataSourceTypes []string
	// Remediation says how to fix a finding; RemediationCode is a Terraform
	// snippet that does it.
	Remediation     string
	RemediationCode string
	Links           []string
	References      []Reference
	Params          []Param
	// Good and Bad are the rule's examples (see Example): ruletest runs
	// them and docgen writes them into the rule's page. Read them with
	// Examples, which adds those MoreExamples builds.
	Good []Example
	Bad  []Example
	// MoreExamples, when set, builds further examples, which Examples
	// appends to Good and Bad: examples rendered from templates (one per
	// resource type of many, say) are then built for tests and docs only,
	// not each time the binary starts.
	MoreExamples func() (good, bad []Example)
	// Check decides one resource. It must not modify the resource, and
	// must depend on nothing but r and ctx: Decide may run it again on
	// copies of the resource whose arguments with candidates are known.
	Check func(r *Resource, ctx *Context) Result
	// Select, when set, narrows the resources of ResourceTypes the rule
	// inspects: a generic resource such as azapi_resource is judged only
	// when it stands for a resource the rule understands.
	Select func(r *Resource) bool
}

// Context gives a check the rule's parameters and the other resources of the
// scan, for rules that follow links (a bucket and its public access block, a
// backup plan and its destination vault).
type Context struct {
	Params map[string]any
	Index  *Index
}

// Int returns an integer parameter.
func (c *Context) Int(name string) int {
	switch v := c.Params[name].(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	panic(fmt.Sprintf("rule parameter %q is not an integer", name))
}

// Bool returns a boolean parameter.
func (c *Context) Bool(name string) bool {
	v, ok := c.Params[name].(bool)
	if !ok {
		panic(fmt.Sprintf("rule parameter %q is not a bool", name))
	}
	return v
}

// String returns a string parameter.
func (c *Context) String(name string) string {
	v, ok := c.Params[name].(string)
	if !ok {
		panic(fmt.Sprintf("rule parameter %q is not a string", name))
	}
	return v
}

// Strings returns a list-of-strings parameter.
func (c *Context) Strings(name string) []string {
	switch v := c.Params[name].(type) {
	case []string:
		return v
	case nil:
		return nil
	}
	panic(fmt.Sprintf("rule parameter %q is not a list of strings", name))
}

// ParamsWithDefaults returns the rule's parameters with overrides applied.
// Overrides of unknown names or of the wrong type are errors.
func (r *Rule) ParamsWithDefaults(overrides map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(r.Params))
	for _, p := range r.Params {
		out[p.Name] = p.Default
	}
	if len(overrides) == 0 {
		// Every scan resolves every rule's parameters, and few are set
		// by a configuration: the index by name is for overrides only.
		return out, nil
	}
	byName := make(map[string]Param, len(r.Params))
	for _, p := range r.Params {
		byName[p.Name] = p
	}
	for name, v := range overrides {
		p, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("rule %s has no parameter %q", r.ID, name)
		}
		conv, err := convertParam(p.Default, v)
		if err == nil {
			err = p.check(conv)
		}
		if err != nil {
			return nil, fmt.Errorf("rule %s parameter %q: %w", r.ID, name, err)
		}
		out[name] = conv
	}
	return out, nil
}

func convertParam(def, v any) (any, error) {
	switch def.(type) {
	case int:
		switch n := v.(type) {
		case int:
			return n, nil
		case int64:
			return int(n), nil
		case float64:
			if n == float64(int(n)) {
				return int(n), nil
			}
		}
		return nil, fmt.Errorf("want a whole number, got %v", v)
	case bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("want true or false, got %v", v)
	case string:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, fmt.Errorf("want a string, got %v", v)
	case []string:
		switch l := v.(type) {
		case []string:
			return l, nil
		case []any:
			out := make([]string, 0, len(l))
			for _, e := range l {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("want a list of strings, got element %v", e)
				}
				out = append(out, s)
			}
			return out, nil
		}
		return nil, fmt.Errorf("want a list of strings, got %v", v)
	}
	return v, nil
}

// Inspects reports whether the rule judges the resource: a managed
// resource or provider configuration whose type is one of ResourceTypes,
// or a data source whose type is one of DataSourceTypes, that Select, if
// set, selects.
func (r *Rule) Inspects(res *Resource) bool {
	var applies bool
	switch res.Mode {
	case "managed", "provider":
		applies = r.AppliesTo(res.Type)
	case "data":
		applies = slices.Contains(r.DataSourceTypes, res.Type)
	}
	return applies && (r.Select == nil || r.Select(res))
}

// AppliesTo reports whether the rule inspects resources of type typ.
func (r *Rule) AppliesTo(typ string) bool {
	for _, t := range r.ResourceTypes {
		if t == typ {
			return true
		}
	}
	return false
}

// Examples returns the rule's good and bad examples: Good and Bad, then
// what MoreExamples builds. The slices are new; the examples are shared.
func (r *Rule) Examples() (good, bad []Example) {
	good, bad = slices.Clone(r.Good), slices.Clone(r.Bad)
	if r.MoreExamples != nil {
		g, b := r.MoreExamples()
		good, bad = append(good, g...), append(bad, b...)
	}
	return good, bad
}
