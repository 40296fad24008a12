package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/textpos"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tfjson"
)

// Input forms of `terraform show -json`.
const (
	formState = "state" // terraform show -json
	formPlan  = "plan"  // terraform show -json plan.out
	// formConfig is the .tf files of a configuration, read before apply.
	formConfig = "config"
)

// Inventory is the control inventory as recorded in state or a plan.
type Inventory struct {
	form             string
	terraformVersion string
	owners           []*invOwner
	controls         []*invControl
	evidence         []*invEvidence
	scopes           []*Scope
	// notes are what a reader of the input could not take at face value,
	// reported as warnings (a configuration's count and for_each).
	notes []Warning
	// foreign lists soc2_* resources of another provider, which are not
	// read but reported.
	foreign []tfjson.Resource
}

// Empty reports whether the input holds none of the provider's inventory
// resources.
func (inv *Inventory) Empty() bool {
	return len(inv.owners)+len(inv.controls)+len(inv.evidence) == 0
}

// invResource is what every inventory resource has: where it is and which
// of its attributes are known only after apply (plan form only).
type invResource struct {
	address string
	module  string
	unknown map[string]bool
}

func (r *invResource) isUnknown(attr string) bool { return r.unknown[attr] }

type invOwner struct {
	invResource
	id, name, email, title, team string
}

type invControl struct {
	invResource
	controlID, title, status, ownerID, backupOwnerID  string
	controlType, automation, frequency, justification string
	criteria, scannerRules                            []string
}

type invEvidence struct {
	invResource
	id, controlID, name, frequency, ownerID, lastCollected, nextDue string
	overdue                                                         *bool
}

// inputError is bad input: the report cannot be made.
type inputError struct {
	msgs []string
}

func (e *inputError) Error() string { return strings.Join(e.msgs, "\n") }

// Parse reads the JSON of `terraform show -json` from data; name is the
// file name for messages. Input that is not such output, or whose soc2
// resources have values of the wrong type, is an error naming the file
// and, for JSON syntax and type errors, the line and column.
func Parse(name string, data []byte) (*Inventory, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty input: expected the output of `terraform show -json`", name)
	}
	var doc tfjson.Document
	if err := decodeStrict(data, &doc); err != nil {
		return nil, locateJSONError(name, data, err)
	}
	values, form, err := pickValues(name, data, &doc)
	if err != nil {
		return nil, err
	}
	inv := &Inventory{form: form, terraformVersion: doc.TerraformVersion}
	unknown := afterUnknown(doc.ResourceChanges)
	var errs []string
	for module, r := range values.Resources() {
		if msg := inv.add(module, r, unknown[r.Address]); msg != "" {
			errs = append(errs, fmt.Sprintf("%s: %s", name, msg))
		}
	}
	if len(errs) > 0 {
		return nil, &inputError{msgs: errs}
	}
	return inv, nil
}

// decodeStrict decodes one JSON value and rejects anything after it.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return err
	}
	// Skip the whitespace after the value; anything else is an error.
	rest := data[dec.InputOffset():]
	if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) > 0 {
		return &trailingDataError{offset: int64(len(data) - len(trimmed))}
	}
	return nil
}

// trailingDataError is data after the top-level JSON value, such as two
// documents concatenated.
type trailingDataError struct{ offset int64 }

func (e *trailingDataError) Error() string { return "unexpected data after the top-level JSON value" }

// pickValues returns planned_values for a plan and values for a state,
// after checking that the document, data, is `terraform show -json` output
// at all.
func pickValues(name string, data []byte, doc *tfjson.Document) (*tfjson.Values, string, error) {
	if doc.FormatVersion == nil {
		if isRawState(data) {
			return nil, "", fmt.Errorf("%s: this is a raw state file (terraform.tfstate or `terraform state pull`); pass the output of `terraform show -json` instead", name)
		}
		return nil, "", fmt.Errorf("%s: not the output of `terraform show -json`: no format_version", name)
	}
	if major, _, _ := strings.Cut(*doc.FormatVersion, "."); major != "1" {
		return nil, "", fmt.Errorf("%s: unsupported format_version %q: this version reads `terraform show -json` format 1.x", name, *doc.FormatVersion)
	}
	switch {
	case doc.PlannedValues != nil:
		return doc.PlannedValues, formPlan, nil
	case doc.Values != nil:
		return doc.Values, formState, nil
	}
	return nil, "", fmt.Errorf("%s: no state: the input has neither values (state) nor planned_values (plan); has the configuration been applied?", name)
}

// isRawState reports whether data, a JSON object, is a raw state file
// (terraform.tfstate, `terraform state pull`), which has version and
// resources at the top level.
func isRawState(data []byte) bool {
	var raw struct {
		Version   json.RawMessage `json:"version"`
		Resources json.RawMessage `json:"resources"`
	}
	return json.Unmarshal(data, &raw) == nil && raw.Version != nil && raw.Resources != nil
}

// afterUnknown maps resource addresses to their attributes that are wholly
// or partly unknown until apply.
func afterUnknown(changes []tfjson.ResourceChange) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, rc := range changes {
		var attrs map[string]json.RawMessage
		if json.Unmarshal(rc.Change.AfterUnknown, &attrs) != nil {
			continue
		}
		for attr, raw := range attrs {
			if containsTrue(raw) {
				if out[rc.Address] == nil {
					out[rc.Address] = map[string]bool{}
				}
				out[rc.Address][attr] = true
			}
		}
	}
	return out
}

// containsTrue reports whether an after_unknown value (true, or a list or
// object of them) marks anything unknown.
func containsTrue(raw json.RawMessage) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case bool:
			return x
		case []any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		case map[string]any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// add records r if it is an inventory resource and returns a message when
// its values are not what the provider's schema writes.
func (inv *Inventory) add(module string, r tfjson.Resource, unknown map[string]bool) string {
	if r.Mode != "managed" {
		return ""
	}
	switch r.Type {
	case TypeControl, TypeOwner, TypeEvidence, TypeScope:
	default:
		return ""
	}
	if r.ProviderName != ProviderAddress {
		inv.foreign = append(inv.foreign, r)
		return ""
	}
	a := &attrReader{res: invResource{address: r.Address, module: module, unknown: map[string]bool{}}}
	for attr := range unknown {
		a.res.unknown[attr] = true
	}
	if err := json.Unmarshal(r.Values, &a.raw); err != nil || a.raw == nil {
		return fmt.Sprintf("%s: values: want an object of attributes, got %s", r.Address, jsonKind(r.Values))
	}
	switch r.Type {
	case TypeOwner:
		inv.owners = append(inv.owners, a.owner())
	case TypeControl:
		inv.controls = append(inv.controls, a.control())
	case TypeEvidence:
		inv.evidence = append(inv.evidence, a.evidence())
	case TypeScope:
		inv.scopes = append(inv.scopes, a.scope())
	}
	return strings.Join(a.errs, "; ")
}

// attrReader reads a resource's attributes, noting the unknown ones (left
// out of planned_values) and values of the wrong type.
type attrReader struct {
	res  invResource
	raw  map[string]json.RawMessage
	errs []string
}

func (a *attrReader) owner() *invOwner {
	return &invOwner{
		id: a.str("id"), name: a.str("name"), email: a.str("email"),
		title: a.str("title"), team: a.str("team"),
		invResource: a.res,
	}
}

func (a *attrReader) control() *invControl {
	return &invControl{
		controlID: a.str("control_id"), title: a.str("title"), status: a.str("status"),
		ownerID: a.str("owner_id"), backupOwnerID: a.str("backup_owner_id"),
		controlType: a.str("control_type"), automation: a.str("automation"),
		frequency: a.str("frequency"), justification: a.str("justification"),
		criteria: a.strs("criteria"), scannerRules: a.strs("scanner_rules"),
		invResource: a.res,
	}
}

func (a *attrReader) evidence() *invEvidence {
	return &invEvidence{
		id: a.str("id"), controlID: a.str("control_id"), name: a.str("name"),
		frequency: a.str("frequency"), ownerID: a.str("owner_id"),
		lastCollected: a.str("last_collected"), nextDue: a.str("next_due"),
		overdue:     a.boolean("overdue"),
		invResource: a.res,
	}
}

// value decodes attribute name into v; it returns false when the attribute
// is unknown or of the wrong type.
func (a *attrReader) value(name string, v any, want string) bool {
	raw, ok := a.raw[name]
	if !ok {
		a.res.unknown[name] = true
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		a.errs = append(a.errs, fmt.Sprintf("%s: %s: want %s, got %s", a.res.address, name, want, jsonKind(raw)))
		return false
	}
	return true
}

func (a *attrReader) str(name string) string {
	var s *string
	if !a.value(name, &s, "a string") || s == nil {
		return ""
	}
	return *s
}

func (a *attrReader) strs(name string) []string {
	var ss []string
	a.value(name, &ss, "a list of strings")
	sort.Strings(ss)
	return ss
}

func (a *attrReader) boolean(name string) *bool {
	var b *bool
	a.value(name, &b, "a boolean")
	return b
}

// jsonKind names the kind of a JSON value for messages.
func jsonKind(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// locateJSONError turns a decoding error into a message naming the file,
// line and column.
func locateJSONError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var td *trailingDataError
	switch {
	case errors.As(err, &se):
		// Offset counts the offending byte; point at it.
		line, col := textpos.LineColumn(data, se.Offset-1)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %s", name, line, col, se.Error())
	case errors.As(err, &td):
		line, col := textpos.LineColumn(data, td.offset)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %s", name, line, col, td.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := textpos.LineColumn(data, int64(len(data)))
		return fmt.Errorf("%s:%d:%d: invalid JSON: unexpected end of input", name, line, col)
	case errors.As(err, &te):
		line, col := textpos.LineColumn(data, te.Offset)
		field := te.Field
		if field == "" {
			field = "the document"
		}
		return fmt.Errorf("%s:%d:%d: %s: want %s, got %s", name, line, col, field, goKindToJSON(te.Type), te.Value)
	}
	return fmt.Errorf("%s: invalid JSON: %w", name, err)
}

// goKindToJSON names the JSON kind a Go destination type wants.
func goKindToJSON(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 { // json.RawMessage: any value
			return "a JSON value"
		}
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	}
	return "a number"
}
