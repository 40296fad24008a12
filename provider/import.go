package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The resources of this provider are state-only: nothing outside Terraform
// holds them, so an import cannot look anything up by a short ID. Like the
// imports of terraform-provider-time, which carry every argument in the ID,
// the import ID carries the resource's arguments; because titles and
// descriptions are free text, it does so as a JSON object keyed by argument
// name, as written in the configuration. An import block can spell it with
// jsonencode, and a plan with the same arguments after the import is empty.

// importFormat is the import ID format, as the documentation and every
// import error say it.
const importFormat = "a JSON object of the resource's arguments, as written in its configuration"

// importMarkdown documents the import ID of a resource in its
// MarkdownDescription; example is a minimal import ID.
func importMarkdown(example string) string {
	return "\n\nImport: the import ID is " + importFormat + ", such as `" + example + "`; " +
		"in an `import` block write it with `jsonencode({ ... })`. Computed attributes are left out: " +
		"the provider computes them as it does on create. A plan with the same arguments after the import is empty."
}

// importArguments reads an import ID that is a JSON object of arguments
// into state, with the schema's defaults for arguments left out, and then
// into model, a pointer to the resource's model. It checks the arguments
// with the attribute validators of the schema, so that an import ID is held
// to the same rules as a configuration; the checks that compare arguments
// with each other (ValidateConfig, ModifyPlan) run on the plan that follows
// the import. Every error names the expected format with example.
func importArguments(ctx context.Context, id, example string, state *tfsdk.State, model any) diag.Diagnostics {
	var diags diag.Diagnostics
	s, ok := state.Schema.(schema.Schema)
	if !ok {
		diags.AddError("Import not supported", fmt.Sprintf("The resource schema is a %T, not a resource schema; this is a bug in the provider.", state.Schema))
		return diags
	}
	problems := setArguments(ctx, id, s, state)
	if len(problems) > 0 {
		diags.AddError("Invalid import ID", strings.Join(problems, "\n")+"\n\n"+
			"The import ID is "+importFormat+", such as "+example+".")
		return diags
	}
	diags.Append(state.Get(ctx, model)...)
	return diags
}

// setArguments sets the arguments in the JSON object id on state and
// returns what is wrong with them, in the order of the attribute names.
func setArguments(ctx context.Context, id string, s schema.Schema, state *tfsdk.State) []string {
	args, err := decodeObject(id)
	if err != nil {
		return []string{fmt.Sprintf("%q is not a JSON object: %v.", id, err)}
	}
	names := make([]string, 0, len(s.Attributes))
	for name := range s.Attributes {
		names = append(names, name)
	}
	slices.Sort(names)
	var problems []string
	for name := range args {
		if _, ok := s.Attributes[name]; !ok {
			problems = append(problems, fmt.Sprintf("%q is not an argument of the resource; its arguments are %s.", name, quoteList(arguments(s, names), "and")))
		}
	}
	slices.Sort(problems)
	for _, name := range names {
		value, err := argument(ctx, name, s.Attributes[name], args)
		if err == nil && value != nil {
			err = firstError(state.SetAttribute(ctx, path.Root(name), value))
		}
		if err != nil {
			problems = append(problems, name+": "+err.Error())
		}
	}
	return problems
}

// arguments returns the names of the attributes a configuration sets.
func arguments(s schema.Schema, names []string) []string {
	var out []string
	for _, name := range names {
		if a := s.Attributes[name]; a.IsRequired() || a.IsOptional() {
			out = append(out, name)
		}
	}
	return out
}

// argument returns the value of one attribute from the import ID: the
// decoded and validated value, the schema's default, or nil for null.
func argument(ctx context.Context, name string, a schema.Attribute, args map[string]json.RawMessage) (attr.Value, error) {
	raw, set := args[name]
	set = set && !bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
	switch {
	case set && !a.IsRequired() && !a.IsOptional():
		return nil, errors.New("computed by the provider; leave it out")
	case !set && a.IsRequired():
		return nil, errors.New("missing, and the resource requires it")
	case !set:
		return defaultValue(ctx, name, a)
	}
	return importValue(ctx, path.Root(name), a, raw)
}

// decodeObject decodes a JSON object into its members, refusing a member
// given twice and anything after the object.
func decodeObject(s string) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("it does not start with {")
	}
	members := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("%v is not a member name", tok)
		}
		if _, dup := members[name]; dup {
			return nil, fmt.Errorf("%q is given twice", name)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		members[name] = raw
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("there is more after the closing }")
	}
	return members, nil
}

// importValue decodes the JSON of one argument into a value of the
// attribute's type (a string, a whole number, a set as a list of strings or
// a map as an object of strings: all the arguments of this provider's
// resources) and runs the attribute's validators on it, as Terraform runs
// them on a configured value. The value is only meaningful without error.
func importValue(ctx context.Context, p path.Path, a schema.Attribute, raw json.RawMessage) (attr.Value, error) {
	switch a := a.(type) {
	case schema.StringAttribute:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, errors.New("must be a string")
		}
		v, resp := types.StringValue(s), &validator.StringResponse{}
		for _, check := range a.Validators {
			check.ValidateString(ctx, validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v}, resp)
		}
		return v, validationError(resp.Diagnostics)
	case schema.NumberAttribute:
		var n json.Number
		if json.Unmarshal(raw, &n) != nil {
			return nil, errors.New("must be a number")
		}
		f, _, err := big.ParseFloat(n.String(), 10, 512, big.ToNearestEven)
		if err != nil {
			return nil, errors.New("must be a number")
		}
		v, resp := types.NumberValue(f), &validator.NumberResponse{}
		for _, check := range a.Validators {
			check.ValidateNumber(ctx, validator.NumberRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v}, resp)
		}
		return v, validationError(resp.Diagnostics)
	case schema.SetAttribute:
		var elems []string
		if json.Unmarshal(raw, &elems) != nil {
			return nil, errors.New("must be a list of strings")
		}
		slices.Sort(elems)
		v, diags := types.SetValueFrom(ctx, a.ElementType, slices.Compact(elems))
		resp := &validator.SetResponse{Diagnostics: diags}
		for _, check := range a.Validators {
			check.ValidateSet(ctx, validator.SetRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v}, resp)
		}
		return v, validationError(resp.Diagnostics)
	case schema.MapAttribute:
		var m map[string]string
		if json.Unmarshal(raw, &m) != nil {
			return nil, errors.New("must be an object whose values are strings")
		}
		v, diags := types.MapValueFrom(ctx, a.ElementType, m)
		resp := &validator.MapResponse{Diagnostics: diags}
		for _, check := range a.Validators {
			check.ValidateMap(ctx, validator.MapRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v}, resp)
		}
		return v, validationError(resp.Diagnostics)
	}
	return nil, fmt.Errorf("cannot be imported: %T is not supported (a bug in the provider)", a)
}

// validationError joins the details of the errors in diags, or returns
// nil. A validator's detail names the value and what is wrong with it; its
// summary would only repeat that.
func validationError(diags diag.Diagnostics) error {
	var details []string
	for _, d := range diags.Errors() {
		details = append(details, d.Detail())
	}
	if len(details) == 0 {
		return nil
	}
	return errors.New(strings.Join(details, " "))
}

// defaultValue returns the schema's default for an argument the import ID
// leaves out, or nil when it has none.
func defaultValue(ctx context.Context, name string, a schema.Attribute) (attr.Value, error) {
	switch a := a.(type) {
	case schema.StringAttribute:
		if a.Default == nil {
			return nil, nil
		}
		resp := &defaults.StringResponse{}
		a.Default.DefaultString(ctx, defaults.StringRequest{Path: path.Root(name)}, resp)
		return resp.PlanValue, firstError(resp.Diagnostics)
	case schema.NumberAttribute:
		if a.Default == nil {
			return nil, nil
		}
		resp := &defaults.NumberResponse{}
		a.Default.DefaultNumber(ctx, defaults.NumberRequest{Path: path.Root(name)}, resp)
		return resp.PlanValue, firstError(resp.Diagnostics)
	}
	return nil, nil
}

// firstError returns the first error of diags as an error, or nil.
func firstError(diags diag.Diagnostics) error {
	for _, d := range diags.Errors() {
		return fmt.Errorf("%s: %s", d.Summary(), d.Detail())
	}
	return nil
}
