package loader

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"
)

// planComputedText lists, by managed resource type, the arguments the
// provider defaults when the configuration does not set them (Optional and
// Computed in its schema), for the resource and one block level down, as
// internal/gencomputed writes it from `terraform providers schema -json`.
// Today it holds the AWS provider's (hashicorp/aws 5.100.0).
//
//go:embed plan_computed.txt
var planComputedText string

// planDefaulted is planComputedText by resource type: the set of its
// defaulted arguments ("max_password_age", "root_block_device.encrypted").
var planDefaulted = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for line := range strings.SplitSeq(planComputedText, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		names := make(map[string]bool, len(fields)-1)
		for _, f := range fields[1:] {
			names[f] = true
		}
		out[fields[0]] = names
	}
	return out
})

// dropDefaulted makes null, in the attributes of a managed resource of type
// typ read from a plan, the values only known after apply that the
// configuration leaves to the provider's default: a defaulted argument
// that the resource's expressions (exprs, from the plan's configuration)
// do not write, or write as null. Scanning the configuration itself finds
// such an argument absent, and rules give absent arguments the default's
// meaning; a plan now reads the same.
//
// It decides only what the configuration shows. An argument the
// configuration writes (a reference to a value known after apply, say)
// stays unknown. So does anything a dynamic block could write, since a
// plan's configuration does not record dynamic blocks: blocks and
// arguments that can be written as blocks are never in the table; the
// arguments inside a block are decided only when the block is written
// statically, as many times as the plan has it, none of those writes
// setting the argument. A resource type the table does not list keeps its
// unknowns.
func dropDefaulted(typ string, attrs map[string]cty.Value, exprs map[string]any) {
	names := planDefaulted()[typ]
	if names == nil {
		return
	}
	for k, v := range attrs {
		expr, written := exprs[k]
		switch {
		case !written || isNullConstant(expr):
			if names[k] && !v.IsKnown() {
				attrs[k] = cty.NullVal(cty.DynamicPseudoType)
			}
		case v.IsKnown() && !v.IsNull():
			attrs[k] = dropDefaultedInBlock(names, k+".", v, expr)
		}
	}
}

// dropDefaultedInBlock is dropDefaulted for the arguments of the blocks
// of one type (v, the plan's value: a tuple of objects, or an object for a
// single block), written statically as expr (a list of objects of
// expressions, or one object).
func dropDefaultedInBlock(names map[string]bool, prefix string, v cty.Value, expr any) cty.Value {
	var exprs []any
	switch e := expr.(type) {
	case []any:
		exprs = e
	case map[string]any:
		if isExpression(e) {
			return v // an argument, not a block
		}
		exprs = []any{e}
	default:
		return v
	}
	// set reports whether some write of the block sets the argument to
	// more than null.
	set := func(name string) bool {
		for _, e := range exprs {
			m, _ := e.(map[string]any)
			if a, ok := m[name]; ok && !isNullConstant(a) {
				return true
			}
		}
		return false
	}
	drop := func(obj cty.Value) cty.Value {
		if !obj.Type().IsObjectType() || !obj.IsKnown() || obj.IsNull() {
			return obj
		}
		attrs := obj.AsValueMap()
		changed := false
		for name, a := range attrs {
			if !a.IsKnown() && names[prefix+name] && !set(name) {
				attrs[name] = cty.NullVal(cty.DynamicPseudoType)
				changed = true
			}
		}
		if !changed {
			return obj
		}
		return cty.ObjectVal(attrs)
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType() && len(exprs) == 1:
		return drop(v)
	case ty.IsTupleType() && v.LengthInt() == len(exprs):
		// As many blocks as written: none came from a dynamic block.
		elems := v.AsValueSlice()
		for i, e := range elems {
			elems[i] = drop(e)
		}
		return cty.TupleVal(elems)
	}
	return v
}

// isExpression reports whether a decoded configuration entry is an
// argument's expression rather than a nested block's expressions.
func isExpression(m map[string]any) bool {
	_, constant := m["constant_value"]
	_, refs := m["references"]
	return constant || refs
}

// isNullConstant reports whether a decoded configuration expression is the
// constant null: the argument written as `null`, which Terraform takes for
// not set.
func isNullConstant(expr any) bool {
	m, ok := expr.(map[string]any)
	if !ok {
		return false
	}
	c, constant := m["constant_value"]
	_, refs := m["references"]
	return constant && c == nil && !refs
}
