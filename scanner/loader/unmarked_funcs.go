package loader

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// go-cty's Function.Call walks every argument of a parameter that does
// not accept marks twice, to find marks (ContainsMarked) and to take them
// off (UnmarkDeep), whether or not there are any: a `for` expression that
// calls lookup() on a map of hundreds of policy documents walks the whole
// map for each element. Marks only come from sensitive values, which most
// root modules never have. So each function of an evaluator is wrapped in
// one whose parameters all accept marks, which go-cty then passes through
// untouched, and which calls the original implementation directly while
// the evaluator has made no mark (evaluator.marked), or the original
// function, with go-cty's full handling of marks, once it has.
//
// The wrapper's parameters accept nulls, unknowns and dynamic types too,
// so that go-cty never answers for it before it runs; it checks them as
// go-cty would (checkArgs), in the same order and with the same errors.
//
// Accepting marks is not enough to skip the first walk: go-cty 1.20's
// type check calls ContainsMarked on every argument before it looks at
// AllowMarked. So each parameter of the wrapper (but those that already
// take an expression, as try's) has a capsule type of its own whose custom
// expression decoder (hcl's customdecode) evaluates the argument and
// converts it to the original parameter's type, as hcl does for a plain
// parameter, and hands go-cty the result in a box: a capsule has no
// elements, so the walk stops at it. The wrapper unboxes the arguments
// before anything else sees them. The wrapped functions are therefore
// only called through hcl (a function call expression), as the evaluator
// does.

// runWith sets the variables of a called module instance and evaluates
// it. evaluator.marked follows the instance being evaluated: a module
// called with values that hold no mark starts without, whatever its
// caller made, so that a landing zone whose first module call returns a
// sensitive output evaluates the next calls on the fast path too. What it
// returns may hold the marks it made, so the caller keeps its flag.
func (in *instance) runWith(inputs map[string]inputValue) (cty.Value, map[string][]string) {
	ev := in.ev
	caller := ev.marked
	ev.marked = caller && inputsMarked(inputs)
	in.setVariables(inputs)
	out, refs := in.run()
	ev.marked = caller || ev.marked
	return out, refs
}

func inputsMarked(inputs map[string]inputValue) bool {
	for _, iv := range inputs {
		if iv.val != cty.NilVal && iv.val.ContainsMarked() {
			return true
		}
	}
	return false
}

// specOf returns the specification f was made from. go-cty keeps it in an
// unexported field and offers no other way to reach the implementation
// without the walks; specLayoutOK checks the layout this relies on.
func specOf(f function.Function) *function.Spec {
	return *(**function.Spec)(unsafe.Pointer(&f))
}

// specLayoutOK reports whether function.Function is still a pointer to
// its Spec, as specOf assumes; if a go-cty upgrade changes that, the
// evaluator keeps the functions as they are.
var specLayoutOK = func() bool {
	probe := &function.Spec{}
	return unsafe.Sizeof(function.Function{}) == unsafe.Sizeof(probe) && specOf(function.New(probe)) == probe
}()

// unmarkedFunctions wraps every function of fns for ev (see above).
func (ev *evaluator) unmarkedFunctions(fns map[string]function.Function) map[string]function.Function {
	if !specLayoutOK {
		return fns
	}
	out := make(map[string]function.Function, len(fns))
	for name, f := range fns {
		out[name] = ev.unmarkedFunction(f)
	}
	return out
}

// unmarkedFunction wraps f: while ev has made no mark, no argument can
// hold one, and f's own type and implementation run without the walks;
// afterwards f runs as it is.
func (ev *evaluator) unmarkedFunction(f function.Function) function.Function {
	spec := specOf(f)
	if spec == nil || spec.Type == nil || spec.Impl == nil {
		return f
	}
	return function.New(&function.Spec{
		Description: spec.Description,
		Params:      boxedParams(spec.Params),
		VarParam:    boxedParam(spec.VarParam),
		Type: func(args []cty.Value) (cty.Type, error) {
			boxed := args
			args = unbox(args)
			if ev.marked {
				return f.ReturnTypeForValues(args)
			}
			if dyn, err := checkArgs(spec, args); err != nil || dyn {
				return cty.DynamicPseudoType, err
			}
			ty, err := spec.Type(args)
			if err != nil {
				return ty, err
			}
			return ev.typeAhead(spec, boxed, args, ty), nil
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if v, err, ok := ev.calledAhead(args); ok {
				return v, err
			}
			args = unbox(args)
			if ev.marked {
				return f.Call(args)
			}
			return callUnmarked(spec, args, retType)
		},
	})
}

// After a function's implementation returns, go-cty checks that the
// value conforms to the type the function's Type said (TestConformance),
// which compares the two types attribute by attribute: for merge, tomap
// or lookup over a library of policy documents, a walk of the whole
// document type at each call, although the value's type is made of the
// very types the check compares it with. So, for a structural return
// type, the wrapper's Type calls the implementation itself (callUnmarked,
// as its Impl would, nothing running in between), checks the value's
// type against ty where types are the same by identity (typeConforms),
// and tells go-cty the type is dynamic, which go-cty does not check; the
// Impl go-cty then calls hands back the value kept (calledAhead). A
// value typeConforms cannot vouch for, an error or a panic (which go-cty
// turns into the same error from Type as from Impl) leaves go-cty the
// type ty, and so its own check, as before.

// aheadCall is the result of a wrapped function's implementation called
// from its Type, for the boxed arguments at args (the slice go-cty
// passes to Type and then to Impl).
type aheadCall struct {
	args *cty.Value
	n    int
	val  cty.Value
	err  error
}

// typeAhead is the type the wrapper of spec tells go-cty for boxed, whose
// unboxed values are args, when spec.Type says ty (see above).
func (ev *evaluator) typeAhead(spec *function.Spec, boxed, args []cty.Value, ty cty.Type) cty.Type {
	if len(boxed) == 0 || !valueLayoutOK || !hasElements(ty) {
		return ty
	}
	v, err := callUnmarked(spec, args, ty)
	ev.called = append(ev.called, aheadCall{args: &boxed[0], n: len(boxed), val: v, err: err})
	if err != nil || v == cty.NilVal || !typeConforms(v.Type(), ty) {
		return ty
	}
	return cty.DynamicPseudoType
}

// calledAhead returns the value typeAhead kept for the boxed arguments
// args, if it kept one for them: the last kept, since the call of a
// function nested in the arguments ran and took its own back before.
func (ev *evaluator) calledAhead(args []cty.Value) (cty.Value, error, bool) {
	n := len(ev.called)
	if n == 0 || len(args) == 0 {
		return cty.NilVal, nil, false
	}
	c := ev.called[n-1]
	if c.args != &args[0] || c.n != len(args) {
		return cty.NilVal, nil, false
	}
	ev.called[n-1] = aheadCall{}
	ev.called = ev.called[:n-1]
	return c.val, c.err, true
}

// typeConforms reports whether a value of type given surely conforms to
// want in go-cty's sense (Type.TestConformance): want is dynamic, the two
// are the same type by identity, or they are equal primitive types, or
// collections, objects or tuples of the same shape whose parts conform so.
// false means "not shown", for go-cty's own check to decide.
func typeConforms(given, want cty.Type) bool {
	if want == cty.DynamicPseudoType || sameType(given, want) {
		return true
	}
	switch {
	case given.IsPrimitiveType() && want.IsPrimitiveType():
		return given.Equals(want)
	case given.IsObjectType() && want.IsObjectType():
		if len(given.OptionalAttributes()) > 0 || len(want.OptionalAttributes()) > 0 {
			return false
		}
		ga, wa := given.AttributeTypes(), want.AttributeTypes()
		if len(ga) != len(wa) {
			return false
		}
		for name, gt := range ga {
			wt, ok := wa[name]
			if !ok || !typeConforms(gt, wt) {
				return false
			}
		}
		return true
	case given.IsTupleType() && want.IsTupleType():
		ge, we := given.TupleElementTypes(), want.TupleElementTypes()
		if len(ge) != len(we) {
			return false
		}
		for i := range ge {
			if !typeConforms(ge[i], we[i]) {
				return false
			}
		}
		return true
	case given.IsListType() && want.IsListType(),
		given.IsMapType() && want.IsMapType(),
		given.IsSetType() && want.IsSetType():
		return typeConforms(given.ElementType(), want.ElementType())
	}
	return false
}

// sameType reports whether a and b are the same type value: the same
// implementation at the same address, which go-cty never changes.
func sameType(a, b cty.Type) bool {
	if !valueLayoutOK {
		return false
	}
	pa := (*[2]unsafe.Pointer)(unsafe.Pointer(&a))
	pb := (*[2]unsafe.Pointer)(unsafe.Pointer(&b))
	return pa[0] == pb[0] && pa[1] == pb[1]
}

// callUnmarked is the rest of go-cty's Function.Call for arguments
// without marks: unknown when an argument's type is not known or an
// argument is unknown where the function does not take unknowns, else the
// implementation's value, refined as the function says.
func callUnmarked(spec *function.Spec, args []cty.Value, retType cty.Type) (cty.Value, error) {
	if dyn, _ := checkArgs(spec, args); dyn {
		// go-cty neither calls the implementation nor refines.
		return cty.UnknownVal(retType), nil
	}
	v, err := implUnmarked(spec, args, retType)
	if err != nil || v == cty.NilVal || spec.RefineResult == nil {
		return v, err
	}
	if v.IsKnown() || v.Type() != cty.DynamicPseudoType {
		v = v.RefineWith(spec.RefineResult)
	}
	return v, nil
}

func implUnmarked(spec *function.Spec, args []cty.Value, retType cty.Type) (cty.Value, error) {
	for i, a := range args {
		if !a.IsKnown() && !paramAt(spec, i).AllowUnknown {
			return cty.UnknownVal(retType), nil
		}
	}
	return spec.Impl(args, retType)
}

// checkArgs checks args against spec's parameters as go-cty does before
// calling a function's Type: nulls where not allowed are an error; an
// argument of unknown type where not allowed makes the result unknown
// (dyn); an argument of the wrong type is an error. The first of these in
// argument order decides. The caller has checked the argument count.
func checkArgs(spec *function.Spec, args []cty.Value) (dyn bool, err error) {
	for i, a := range args {
		p := paramAt(spec, i)
		if a.IsNull() && !p.AllowNull {
			return false, function.NewArgErrorf(i, "argument must not be null")
		}
		if a.Type() == cty.DynamicPseudoType {
			if !p.AllowDynamicType {
				return true, nil
			}
			continue
		}
		if errs := a.Type().TestConformance(p.Type); errs != nil {
			// go-cty numbers a variadic argument's type error from
			// the first variadic one.
			at := i
			if i >= len(spec.Params) {
				at = i - len(spec.Params)
			}
			return false, function.NewArgError(at, errs[0])
		}
	}
	return false, nil
}

// paramAt is the parameter argument i is for.
func paramAt(spec *function.Spec, i int) *function.Parameter {
	if i < len(spec.Params) {
		return &spec.Params[i]
	}
	return spec.VarParam
}

// boxedParams are ps accepting anything go-cty checks by itself, so that
// checkArgs and implUnmarked decide instead, each taking its argument in a
// box (boxedParam).
func boxedParams(ps []function.Parameter) []function.Parameter {
	out := make([]function.Parameter, len(ps))
	for i := range ps {
		out[i] = *boxedParam(&ps[i])
	}
	return out
}

func boxedParam(p *function.Parameter) *function.Parameter {
	if p == nil {
		return nil
	}
	c := *p
	c.AllowMarked, c.AllowNull, c.AllowUnknown, c.AllowDynamicType = true, true, true, true
	if customdecode.CustomExpressionDecoderForType(p.Type) == nil {
		c.Type = boxType(p.Name, p.Type)
	}
	return &c
}

// argBox holds one argument of a wrapped function (see above).
type argBox struct{ val cty.Value }

var argBoxType = reflect.TypeFor[argBox]()

// boxTypes keeps the capsule types boxType made, by parameter name and
// type, for types that can be map keys (see boxKeyable). Every evaluator
// (one per root module) wraps the same hundred-odd functions, and making
// their capsule types was most of the allocations of a scan of one small
// file. A capsule's decoder depends on nothing but the name and the type,
// so evaluators and functions can share it.
var boxTypes sync.Map // boxKey -> cty.Type

type boxKey struct {
	name string
	ty   cty.Type
}

// boxKeyable reports whether ty can be a map key: a primitive type, the
// dynamic pseudo-type, or a collection of those. Object and tuple types
// hold maps and slices and cannot.
func boxKeyable(ty cty.Type) bool {
	switch {
	case ty.IsPrimitiveType() || ty == cty.DynamicPseudoType:
		return true
	case ty.IsListType() || ty.IsSetType() || ty.IsMapType():
		return boxKeyable(ty.ElementType())
	}
	return false
}

// boxType returns the capsule type of a parameter named name of type ty
// (see makeBoxType), shared where boxKeyable allows.
func boxType(name string, ty cty.Type) cty.Type {
	if !boxKeyable(ty) {
		return makeBoxType(name, ty)
	}
	key := boxKey{name, ty}
	if t, ok := boxTypes.Load(key); ok {
		if t, ok := t.(cty.Type); ok {
			return t
		}
	}
	made := makeBoxType(name, ty)
	if t, ok := boxTypes.LoadOrStore(key, made); ok {
		if t, ok := t.(cty.Type); ok {
			return t
		}
	}
	return made
}

// makeBoxType makes the capsule type of a parameter named name of type
// ty: its decoder evaluates the argument's expression and converts the
// value to ty with the diagnostics hcl's own function call gives (the
// argument's diagnostics, then "Invalid function argument" if the
// conversion fails).
func makeBoxType(name string, ty cty.Type) cty.Type {
	var decode customdecode.CustomExpressionDecoderFunc
	capsule := cty.CapsuleWithOps(name, argBoxType, &cty.CapsuleOps{
		ExtensionData: func(key any) any {
			if key == customdecode.CustomExpressionDecoder {
				return decode
			}
			return nil
		},
	})
	decode = func(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
		val, diags := expr.Value(ctx)
		val, err := convert.Convert(val, ty)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity:    hcl.DiagError,
				Summary:     "Invalid function argument",
				Detail:      fmt.Sprintf("Invalid value for %q parameter: %s.", name, err),
				Subject:     expr.StartRange().Ptr(),
				Expression:  expr,
				EvalContext: ctx,
			})
		}
		return cty.CapsuleVal(capsule, &argBox{val: val}), diags
	}
	return capsule
}

// unbox replaces every boxed argument of args by its value, in place, and
// returns args. The slice is the one hcl makes for the call and go-cty
// hands to the wrapper's Type and then to its Impl, and nothing else
// reads it: Impl finds the values Type unboxed already (an unboxed value
// is left as it is), and a call made for each of a library's documents
// does not copy its arguments twice.
func unbox(args []cty.Value) []cty.Value {
	for i, a := range args {
		if ty := a.Type(); ty.IsCapsuleType() && ty.EncapsulatedType() == argBoxType && a.IsKnown() && !a.IsNull() {
			if box, ok := a.EncapsulatedValue().(*argBox); ok {
				args[i] = box.val
			}
		}
	}
	return args
}
