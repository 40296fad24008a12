package tfjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/textpos"
)

// Kind is which form of `terraform show -json` output a document is.
type Kind string

// The forms Read recognises.
const (
	// KindPlan is `terraform show -json plan.out`: planned values,
	// resource changes and the configuration.
	KindPlan Kind = "plan"
	// KindState is `terraform show -json` of a state: its resources are in
	// values.root_module and its child modules.
	KindState Kind = "state"
)

// planKeys are the top-level keys only a plan has.
var planKeys = []string{"planned_values", "resource_changes", "prior_state", "resource_drift", "configuration", "variables", "output_changes"}

// FormatError is input that is not `terraform show -json` output, or is
// such output with a value of the wrong type. Line and Column (1-based)
// locate the problem; they are 0 when it has no one place.
type FormatError struct {
	Line, Column int
	Message      string
}

func (e *FormatError) Error() string {
	if e.Line == 0 {
		return e.Message
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
}

// Read decodes data as the output of `terraform show -json`, a plan or a
// state, and says which. A state's resources are in the returned Values.
// Anything else (an empty file, a JSON array such as several plans, an
// object without format_version, a raw terraform.tfstate, a format of
// another major version) is a *FormatError rather than an empty document,
// so that a scan never passes because it read nothing.
func Read(data []byte) (*Plan, Kind, error) {
	top, err := topLevel(data)
	if err != nil {
		return nil, "", err
	}
	kind, err := classify(data, top)
	if err != nil {
		return nil, "", err
	}
	doc, ok := readFast(top)
	if !ok {
		// What the fast reader leaves (a value of the wrong type, a key
		// that encoding/json would match without being the field's exact
		// name, a repeated field) is decoded as before, for the same
		// result and the same located errors.
		doc = new(Plan)
		if err := decodeOne(data, doc); err != nil {
			return nil, "", jsonError(data, err)
		}
	}
	if kind == KindPlan {
		doc.Values = nil // a plan's values are planned_values
	}
	return doc, kind, nil
}

// member is one member of the top-level object: where its key is written
// (the byte offset of its opening quote) and its value.
type member struct {
	offset int64
	raw    json.RawMessage
}

// topLevel decodes the top-level object's members.
func topLevel(data []byte) (map[string]member, error) {
	start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
	if start == len(data) {
		return nil, &FormatError{Line: 1, Column: 1, Message: "empty input: expected the output of `terraform show -json` (a plan or a state)"}
	}
	if !json.Valid(data) {
		// json.Decoder's syntax errors count from the value being
		// decoded; Unmarshal's count from the start of data.
		var v any
		return nil, jsonError(data, json.Unmarshal(data, &v))
	}
	if data[start] != '{' {
		return nil, notAnObject(data, int64(start))
	}
	// data is valid JSON: its members are found by skipping values, and
	// kept as slices of data, not copies (a plan's planned_values and
	// resource_changes are most of it).
	c := cursor{data: data, pos: start + 1}
	out := map[string]member{}
	c.space()
	for c.data[c.pos] != '}' {
		keyStart := c.pos
		keyRaw, raw := c.member()
		key, _ := Unquote(keyRaw) // an object's keys are valid strings
		if _, dup := out[key]; dup {
			return nil, located(data, int64(keyStart), fmt.Sprintf("duplicate key %q", key))
		}
		out[key] = member{offset: int64(keyStart), raw: raw}
	}
	// Nothing but space follows the object: json.Valid rejected data
	// after it, located by jsonError above.
	return out, nil
}

// skipSpace returns the offset of the first byte at or after off that is
// neither JSON whitespace nor the comma or colon between members.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return off
}

// notAnObject explains a document whose top-level value is not an object.
func notAnObject(data []byte, off int64) error {
	var v any
	if err := decodeOne(data, &v); err != nil {
		return jsonError(data, err)
	}
	if list, ok := v.([]any); ok {
		plans := 0
		for _, e := range list {
			if m, ok := e.(map[string]any); ok && m["format_version"] != nil {
				plans++
			}
		}
		if plans > 0 {
			return located(data, off, fmt.Sprintf("a JSON array of %d documents: `terraform show -json` writes one plan or state per file; write each to its own file and scan them all", len(list)))
		}
		return located(data, off, "a JSON array, not the output of `terraform show -json` (an object with format_version)")
	}
	return located(data, off, fmt.Sprintf("a JSON %s, not the output of `terraform show -json` (an object with format_version)", jsonKindOf(v)))
}

func jsonKindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	}
	return "value"
}

// classify tells a plan from a state once the document is known to be an
// object, checking format_version.
func classify(data []byte, top map[string]member) (Kind, error) {
	fv, ok := top["format_version"]
	if !ok {
		if _, v := top["version"]; v {
			if _, r := top["resources"]; r {
				return "", located(data, 0, "a raw state file (terraform.tfstate or `terraform state pull`): scan the output of `terraform show -json` instead")
			}
		}
		return "", located(data, skipSpace(data, 0), "not the output of `terraform show -json`: no format_version")
	}
	var version string
	if err := json.Unmarshal(fv.raw, &version); err != nil {
		return "", located(data, fv.offset, "format_version must be a string such as \"1.2\"")
	}
	if major, _, _ := strings.Cut(version, "."); major != "1" {
		return "", located(data, fv.offset, fmt.Sprintf("unsupported format_version %q: this version reads `terraform show -json` format 1.x", version))
	}
	for _, k := range planKeys {
		if _, ok := top[k]; ok {
			return KindPlan, nil
		}
	}
	if _, ok := top["values"]; ok {
		return KindState, nil
	}
	// `terraform show -json` of an empty state writes format_version only.
	for k, m := range top {
		if k != "format_version" && k != "terraform_version" {
			return "", located(data, m.offset, fmt.Sprintf("unexpected key %q: neither a plan (planned_values, resource_changes) nor a state (values)", k))
		}
	}
	return KindState, nil
}

// decodeOne decodes one JSON value and rejects anything after it.
func decodeOne(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if rest := skipSpace(data, dec.InputOffset()); rest < int64(len(data)) {
		return &trailingError{offset: rest}
	}
	return nil
}

type trailingError struct{ offset int64 }

func (e *trailingError) Error() string { return "unexpected data after the top-level JSON value" }

// jsonError locates a JSON decoding error.
func jsonError(data []byte, err error) error {
	var (
		se *json.SyntaxError
		te *json.UnmarshalTypeError
		tr *trailingError
	)
	switch {
	case errors.As(err, &se):
		// Offset counts the offending byte; end of input has none.
		off := se.Offset
		if off > 0 && off <= int64(len(data)) && !strings.HasPrefix(se.Error(), "unexpected end") {
			off--
		}
		return located(data, off, err.Error())
	case errors.As(err, &te):
		msg := fmt.Sprintf("%s must be %s, got a JSON %s", fieldName(te), goKindName(te.Type.Kind()), te.Value)
		return located(data, valueStart(data, te.Offset), msg)
	case errors.As(err, &tr):
		return located(data, tr.offset, err.Error())
	}
	// Input that ends inside a value: point at its end.
	return located(data, int64(len(data)), err.Error())
}

// goKindName names the JSON value a Go type is decoded from.
func goKindName(k reflect.Kind) string {
	switch k {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	}
	return "another type"
}

func fieldName(te *json.UnmarshalTypeError) string {
	if te.Field == "" {
		return "the value"
	}
	return te.Field
}

// valueStart moves the offset encoding/json gives for a value of the wrong
// type (just past an opening bracket, or just past a literal) back to where
// the value starts.
func valueStart(data []byte, off int64) int64 {
	if off <= 0 || off > int64(len(data)) {
		return off
	}
	switch data[off-1] {
	case '[', '{':
		return off - 1
	case '"':
		for i := off - 2; i >= 0; i-- {
			if data[i] == '"' && (i == 0 || data[i-1] != '\\') {
				return i
			}
		}
	default:
		i := off
		for i > 0 && strings.IndexByte("0123456789+-.eEtruefalsn", data[i-1]) >= 0 {
			i--
		}
		return i
	}
	return off
}

// located is a FormatError at byte offset off of data.
func located(data []byte, off int64, msg string) *FormatError {
	line, col := textpos.LineColumn(data, off)
	return &FormatError{Line: line, Column: col, Message: msg}
}
