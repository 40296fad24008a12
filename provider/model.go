package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// modelCodec reads a resource's configuration, plan or state into its
// model struct M, and writes the struct back, as tfsdk's Get and Set do
// for a model whose fields are all attr.Value types tagged with their
// attribute names.
//
// It exists for speed: the resources read and write their model in every
// ValidateResourceConfig and PlanResourceChange, once per resource
// instance, and the framework's Get and Set rebuild the schema's type and
// reflect over the struct each time, compiling a regular expression per
// field to check its tag. On an inventory of a thousand controls that was
// about a sixth of the provider's plan time. The codec works out the fields
// and attribute types once per model, from the resource's schema.
type modelCodec[M any] struct {
	schema func(context.Context, resource.SchemaRequest, *resource.SchemaResponse)

	once   sync.Once
	typ    tftypes.Object
	fields []modelField
	err    error
}

// modelField is one tagged field of a model.
type modelField struct {
	name   string
	index  int
	typ    attr.Type
	tfType tftypes.Type
}

// newModelCodec returns the codec of model M for the resource whose Schema
// method is schema. The schema is built on first use.
func newModelCodec[M any](schema func(context.Context, resource.SchemaRequest, *resource.SchemaResponse)) *modelCodec[M] {
	return &modelCodec[M]{schema: schema}
}

// init matches the fields of M with the attributes of the schema, which
// must correspond one to one, as the framework requires of a model.
func (c *modelCodec[M]) init(ctx context.Context) {
	var resp resource.SchemaResponse
	c.schema(ctx, resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		c.err = fmt.Errorf("building the schema: %v", resp.Diagnostics)
		return
	}
	attrs := resp.Schema.Attributes
	typ, ok := resp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		c.err = fmt.Errorf("the schema's type is %s, not an object", resp.Schema.Type().TerraformType(ctx))
		return
	}
	c.typ = typ
	t := reflect.TypeFor[M]()
	valueType := reflect.TypeFor[attr.Value]()
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, ok := f.Tag.Lookup("tfsdk")
		if !ok {
			c.err = fmt.Errorf("field %s of %s has no tfsdk tag", f.Name, t)
			return
		}
		if name == "-" {
			continue
		}
		a, ok := attrs[name]
		if !ok {
			c.err = fmt.Errorf("field %s of %s names attribute %q, which the schema does not have", f.Name, t, name)
			return
		}
		if !f.Type.Implements(valueType) {
			c.err = fmt.Errorf("field %s of %s is a %s, not an attr.Value", f.Name, t, f.Type)
			return
		}
		seen[name] = true
		c.fields = append(c.fields, modelField{name: name, index: i, typ: a.GetType(), tfType: a.GetType().TerraformType(ctx)})
	}
	for name := range attrs {
		if !seen[name] {
			c.err = fmt.Errorf("%s has no field for attribute %q", t, name)
			return
		}
	}
}

// get reads raw, an object of the schema's type, into m.
func (c *modelCodec[M]) get(ctx context.Context, raw tftypes.Value, m *M) diag.Diagnostics {
	c.once.Do(func() { c.init(ctx) })
	if c.err != nil {
		return c.fail(c.err)
	}
	if !raw.IsKnown() || raw.IsNull() {
		return c.fail(fmt.Errorf("the value is null or unknown"))
	}
	var values map[string]tftypes.Value
	if err := raw.As(&values); err != nil {
		return c.fail(err)
	}
	target := reflect.ValueOf(m).Elem()
	for _, f := range c.fields {
		v, ok := values[f.name]
		if !ok {
			return c.fail(fmt.Errorf("the value has no attribute %q", f.name))
		}
		av, err := f.typ.ValueFromTerraform(ctx, v)
		if err != nil {
			return c.fail(fmt.Errorf("attribute %q: %w", f.name, err))
		}
		field := target.Field(f.index)
		rv := reflect.ValueOf(av)
		if !rv.Type().AssignableTo(field.Type()) {
			return c.fail(fmt.Errorf("attribute %q is a %s, which a %s field cannot hold", f.name, rv.Type(), field.Type()))
		}
		field.Set(rv)
	}
	return nil
}

// set writes m into raw as an object of the schema's type.
func (c *modelCodec[M]) set(ctx context.Context, m *M, raw *tftypes.Value) (diags diag.Diagnostics) {
	c.once.Do(func() { c.init(ctx) })
	if c.err != nil {
		return c.fail(c.err)
	}
	source := reflect.ValueOf(m).Elem()
	values := make(map[string]tftypes.Value, len(c.fields))
	for _, f := range c.fields {
		// init checked that every field implements attr.Value.
		av, ok := source.Field(f.index).Interface().(attr.Value)
		if !ok {
			return c.fail(fmt.Errorf("attribute %q is not an attr.Value", f.name))
		}
		if !av.Type(ctx).TerraformType(ctx).Equal(f.tfType) {
			return c.fail(fmt.Errorf("attribute %q is a %s, not a %s", f.name, av.Type(ctx), f.typ))
		}
		v, err := av.ToTerraformValue(ctx)
		if err != nil {
			return c.fail(fmt.Errorf("attribute %q: %w", f.name, err))
		}
		values[f.name] = v
	}
	if err := tftypes.ValidateValue(c.typ, values); err != nil {
		return c.fail(err)
	}
	*raw = tftypes.NewValue(c.typ, values)
	return nil
}

func (c *modelCodec[M]) fail(err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Value Conversion Error",
		fmt.Sprintf("An unexpected error was encountered converting the %s model. This is always an error in the provider. "+
			"Please report the following to the provider developer:\n\n%v", reflect.TypeFor[M](), err))
	return diags
}
