package scanner

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

func at(line int) Range {
	return Range{Filename: "main.tf", StartLine: line, StartColumn: 3, EndLine: line, EndColumn: 20}
}

func TestValueTriState(t *testing.T) {
	b := NewBlock("resource", at(1))
	b.SetAttr("on", Value{Val: cty.True, Range: at(2)})
	b.SetAttr("off", Value{Val: cty.StringVal("false"), Range: at(3)})
	b.SetAttr("later", Value{Val: cty.UnknownVal(cty.Bool), Range: at(4)})
	b.SetAttr("null", Value{Val: cty.NullVal(cty.Bool), Range: at(5)})

	on, off, later, null, missing := b.Attr("on"), b.Attr("off"), b.Attr("later"), b.Attr("null"), b.Attr("missing")
	assert.True(t, on.IsTrue())
	assert.False(t, on.IsFalse())
	assert.True(t, off.IsFalse(), `"false" converts as Terraform converts it`)
	assert.False(t, later.IsTrue())
	assert.False(t, later.IsFalse())
	assert.True(t, later.IsUnknown())
	assert.True(t, later.IsSet(), "an unknown value is still set")
	assert.True(t, null.IsNull())
	assert.False(t, null.IsUnknown())
	assert.False(t, missing.Present)
	assert.True(t, missing.IsNull())
	assert.Equal(t, at(1), missing.Range, "a missing argument points at its block")
	assert.Equal(t, "missing", missing.Name)
}

func TestValueConversions(t *testing.T) {
	v := Value{Val: cty.NumberIntVal(35), Present: true}
	n, ok := v.AsInt()
	require.True(t, ok)
	assert.Equal(t, int64(35), n)
	s, ok := v.AsString()
	require.True(t, ok)
	assert.Equal(t, "35", s)

	_, ok = Value{Val: cty.NumberFloatVal(1.5), Present: true}.AsInt()
	assert.False(t, ok, "fractions are not integers")
	_, ok = Value{Val: cty.UnknownVal(cty.Number), Present: true}.AsInt()
	assert.False(t, ok)

	list := Value{Val: cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), Present: true}
	got, ok := list.AsStrings()
	require.True(t, ok)
	assert.Equal(t, []string{"a", "b"}, got)
	got, ok = Value{Val: cty.StringVal("solo"), Present: true}.AsStrings()
	require.True(t, ok)
	assert.Equal(t, []string{"solo"}, got)
	_, ok = Value{Val: cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.UnknownVal(cty.String)}), Present: true}.AsStrings()
	assert.False(t, ok, "a partly unknown list is not known")

	tls := Value{Val: cty.StringVal("TLS1_2"), Present: true}
	assert.True(t, tls.Equals("tls1_2"))
	assert.True(t, tls.OneOf("TLS1_0", "tls1_2"))
	assert.False(t, tls.OneOf("TLS1_0"))
	assert.Equal(t, "fallback", Value{}.StringOr("fallback"))
}

func TestValueIndex(t *testing.T) {
	obj := Value{Name: "tags", Present: true, Range: at(7), Refs: []string{"aws_kms_key.k"}, Val: cty.ObjectVal(map[string]cty.Value{
		"Env":  cty.StringVal("prod"),
		"List": cty.TupleVal([]cty.Value{cty.StringVal("x"), cty.UnknownVal(cty.String)}),
	})}
	assert.Equal(t, "prod", obj.Index("Env").StringOr(""))
	assert.Equal(t, []string{"aws_kms_key.k"}, obj.Index("Env").Refs)
	assert.Equal(t, "x", obj.Index("List").Index(0).StringOr(""))
	assert.True(t, obj.Index("List").Index(1).IsUnknown())
	assert.False(t, obj.Index("Nope").Present)
	assert.False(t, obj.Index("List").Index(5).Present)
	assert.True(t, Value{Val: cty.DynamicVal, Present: true}.Index("a").IsUnknown(), "indexing an unknown stays unknown")
}

func TestBlocksFromNestedBlocksAndObjectAttributes(t *testing.T) {
	sg := NewBlock("resource", at(1))
	sg.AddBlock(nestedRule(at(2), 22))
	sg.AddBlock(nestedRule(at(6), 443))
	require.Len(t, sg.Blocks("ingress"), 2)
	assert.Equal(t, at(6), sg.Blocks("ingress")[1].Range, "source order kept")
	assert.Equal(t, int64(22), mustInt(t, sg.FirstBlock("ingress").Attr("from_port")))
	assert.Nil(t, sg.FirstBlock("egress"))
	assert.Equal(t, []string{"ingress"}, sg.BlockTypes())

	// Plan JSON and `attributes as blocks` write nested blocks as a list
	// of objects in an argument.
	plan := NewBlock("resource", at(1))
	plan.SetAttr("ingress", Value{Range: at(3), Val: cty.ListVal([]cty.Value{
		cty.ObjectVal(map[string]cty.Value{"from_port": cty.NumberIntVal(3389)}),
	})})
	require.Len(t, plan.Blocks("ingress"), 1)
	assert.Equal(t, int64(3389), mustInt(t, plan.FirstBlock("ingress").Attr("from_port")))
	assert.Equal(t, at(3), plan.FirstBlock("ingress").Attr("from_port").Range)
	assert.Equal(t, int64(3389), mustInt(t, plan.Get("ingress", "from_port")), "Get follows object arguments too")

	dyn := NewBlock("resource", at(1))
	assert.False(t, dyn.BlocksUnknown("ingress"))
	dyn.MarkBlocksUnknown("ingress")
	assert.True(t, dyn.BlocksUnknown("ingress"))
	unknownArg := NewBlock("resource", at(1))
	unknownArg.SetAttr("ingress", Value{Val: cty.UnknownVal(cty.List(cty.DynamicPseudoType))})
	assert.True(t, unknownArg.BlocksUnknown("ingress"))

	// A type only marked unknown has no blocks of its own: an argument of
	// that name still gives them, and it is not among BlockTypes.
	dyn.SetAttr("ingress", Value{Range: at(3), Val: cty.ListVal([]cty.Value{
		cty.ObjectVal(map[string]cty.Value{"from_port": cty.NumberIntVal(80)}),
	})})
	dyn.MarkBlocksUnknown("egress")
	assert.Empty(t, dyn.BlockTypes(), "types only marked unknown have no blocks")
	require.Len(t, dyn.Blocks("ingress"), 1, "marked unknown, the type still reads the argument")
	assert.Equal(t, at(3), dyn.FirstBlock("ingress").Range)
	dyn.AddBlock(nestedRule(at(7), 443))
	dyn.AddBlock(NewBlock("egress", at(9)))
	assert.Equal(t, []string{"egress", "ingress"}, dyn.BlockTypes())
	require.Len(t, dyn.Blocks("ingress"), 1, "an added block stands before the argument")
	assert.Equal(t, at(7), dyn.FirstBlock("ingress").Range)
	cp := dyn.Clone()
	assert.True(t, cp.BlocksUnknown("egress"), "a clone keeps what is unknown")
	assert.True(t, cp.BlocksUnknown("ingress"))
	cp.AddBlock(NewBlock("egress", at(11)))
	assert.Len(t, cp.Blocks("egress"), 2)
	assert.Len(t, dyn.Blocks("egress"), 1, "the original keeps its blocks")
}

func TestGetReportsMissingStepsAtTheDeepestBlock(t *testing.T) {
	b := NewBlock("resource", at(1))
	v := NewBlock("versioning", at(4))
	v.SetAttr("enabled", Value{Val: cty.True, Range: at(5)})
	b.AddBlock(v)
	assert.True(t, b.Get("versioning", "enabled").IsTrue())
	missing := b.Get("logging", "target_bucket")
	assert.False(t, missing.Present)
	assert.Equal(t, at(1), missing.Range)
	assert.Equal(t, at(4), b.Get("versioning", "mfa_delete").Range)
}

func nestedRule(rng Range, port int64) *Block {
	b := NewBlock("ingress", rng)
	b.SetAttr("from_port", Value{Val: cty.NumberIntVal(port), Range: rng})
	return b
}

func mustInt(t *testing.T, v Value) int64 {
	t.Helper()
	n, ok := v.AsInt()
	require.True(t, ok, "%s is not a known integer", v.Name)
	return n
}

func TestIndexResolvesAndFindsReferrers(t *testing.T) {
	bucket := func(addr, name string) *Resource {
		r := &Resource{Address: addr, Mode: "managed", Type: "aws_s3_bucket", Block: NewBlock("resource", at(1))}
		r.SetAttr("bucket", Value{Val: cty.StringVal(name)})
		return r
	}
	b0, b1 := bucket(`aws_s3_bucket.b[0]`, "b0"), bucket(`aws_s3_bucket.b[1]`, "b1")
	named := bucket(`module.logs.aws_s3_bucket.this["a.b"]`, "logs")
	byRef := &Resource{Address: "aws_s3_bucket_versioning.v", Mode: "managed", Type: "aws_s3_bucket_versioning", Block: NewBlock("resource", at(9))}
	byRef.SetAttr("bucket", Value{Val: cty.UnknownVal(cty.String), Refs: []string{"aws_s3_bucket.b[1]"}})
	byName := &Resource{Address: "aws_s3_bucket_versioning.n", Mode: "managed", Type: "aws_s3_bucket_versioning", Block: NewBlock("resource", at(12))}
	byName.SetAttr("bucket", Value{Val: cty.StringVal("logs")})
	data := &Resource{Address: "data.aws_s3_bucket.b", Mode: "data", Type: "aws_s3_bucket", Block: NewBlock("data", at(15))}

	ix := NewIndex([]*Resource{b0, b1, named, byRef, byName, data})
	assert.Same(t, b1, ix.Lookup(`aws_s3_bucket.b[1]`))
	assert.Nil(t, ix.Lookup("aws_s3_bucket.nope"))
	assert.ElementsMatch(t, []*Resource{b0, b1, named}, ix.OfType("aws_s3_bucket"), "data sources are not managed resources")

	assert.ElementsMatch(t, []*Resource{b0, b1}, ix.Resolve(Value{Refs: []string{"aws_s3_bucket.b"}}), "an unkeyed reference means every instance")
	assert.Equal(t, []*Resource{b1}, ix.Resolve(Value{Refs: []string{"aws_s3_bucket.b[1]", "aws_s3_bucket.b[1]"}}))

	found, maybe := ix.Referrers(b1, "aws_s3_bucket_versioning", []string{"bucket"})
	assert.Equal(t, []*Resource{byRef}, found)
	assert.Nil(t, maybe, "every referrer resolves")
	found, _ = ix.Referrers(b0, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket")
	assert.Empty(t, found)
	found, _ = ix.Referrers(named, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket")
	assert.Equal(t, []*Resource{byName}, found, "matched by the bucket's known name")

	// A referrer whose argument is only known after apply and resolves to
	// nothing may refer to any bucket; one that resolves to another
	// resource does not.
	late := &Resource{Address: "aws_s3_bucket_versioning.late", Mode: "managed", Type: "aws_s3_bucket_versioning", Block: NewBlock("resource", at(18))}
	late.SetAttr("bucket", Value{Val: cty.UnknownVal(cty.String)})
	ix = NewIndex([]*Resource{b0, b1, named, byRef, byName, late})
	found, maybe = ix.Referrers(b0, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket")
	assert.Empty(t, found)
	assert.Same(t, late, maybe, "byRef refers to b[1], not to an unknown bucket")
	found, maybe = ix.Referrers(b1, "aws_s3_bucket_versioning", []string{"bucket"})
	assert.Equal(t, []*Resource{byRef}, found)
	assert.Same(t, late, maybe)
}

// TestReferrersByNameSkipsAReferenceToAnother checks that a name two
// resources share does not make a referrer that names one of them by
// reference a referrer of the other: the recorder status that starts
// recorder a does not start recorder b, which has the same name.
func TestReferrersByNameSkipsAReferenceToAnother(t *testing.T) {
	recorder := func(addr string) *Resource {
		r := &Resource{Address: addr, Mode: "managed", Type: "aws_config_configuration_recorder", Block: NewBlock("resource", at(1))}
		r.SetAttr("name", Value{Val: cty.StringVal("default")})
		return r
	}
	a, b := recorder("aws_config_configuration_recorder.a"), recorder("aws_config_configuration_recorder.b")
	status := func(addr string, refs ...string) *Resource {
		r := &Resource{Address: addr, Mode: "managed", Type: "aws_config_configuration_recorder_status", Block: NewBlock("resource", at(5))}
		r.SetAttr("name", Value{Val: cty.StringVal("default"), Refs: refs})
		return r
	}
	ofA := status("aws_config_configuration_recorder_status.a", "aws_config_configuration_recorder.a")
	literal := status("aws_config_configuration_recorder_status.literal")
	ix := NewIndex([]*Resource{a, b, ofA, literal})

	found, _ := ix.Referrers(a, "aws_config_configuration_recorder_status", []string{"name"}, "name")
	assert.ElementsMatch(t, []*Resource{ofA, literal}, found)
	found, _ = ix.Referrers(b, "aws_config_configuration_recorder_status", []string{"name"}, "name")
	assert.Equal(t, []*Resource{literal}, found, "status a refers to recorder a, whose name b only shares")
}

// TestIndexStandIn checks that the index Decide judges a copy with is the
// one NewIndex builds with the copy in r's place, while the index it is
// made from still holds r: rules read both at once.
func TestIndexStandIn(t *testing.T) {
	bucket := func(addr string) *Resource {
		return &Resource{Address: addr, Mode: "managed", Type: "aws_s3_bucket", Block: NewBlock("resource", at(1))}
	}
	b0, b1, other := bucket(`aws_s3_bucket.b[0]`), bucket(`aws_s3_bucket.b[1]`), bucket("aws_s3_bucket.o")
	pol := &Resource{Address: "aws_s3_bucket_policy.p", Mode: "managed", Type: "aws_s3_bucket_policy", Block: NewBlock("resource", at(5))}
	all := []*Resource{b0, pol, b1, other}
	ix := NewIndex(all)
	cp := *b1
	cp.Block = b1.Clone()
	// assert.Equal compares the resources pointed to: a name tells the
	// copy from r, which it otherwise equals.
	cp.Name = "copy"

	got := ix.standIn(b1, &cp)
	want := NewIndex([]*Resource{b0, pol, &cp, other})
	assert.Equal(t, want.All(), got.All())
	assert.Same(t, &cp, got.Lookup(`aws_s3_bucket.b[1]`))
	assert.Equal(t, want.OfType("aws_s3_bucket", "aws_s3_bucket_policy"), got.OfType("aws_s3_bucket", "aws_s3_bucket_policy"))
	assert.Equal(t, []*Resource{b0, &cp}, got.Resolve(Value{Refs: []string{"aws_s3_bucket.b"}}))

	assert.Equal(t, []*Resource{b0, pol, b1, other}, ix.All(), "the index stood in from is left as it was")
	assert.Same(t, b1, ix.Lookup(`aws_s3_bucket.b[1]`))
	assert.Equal(t, []*Resource{b0, b1}, ix.Resolve(Value{Refs: []string{"aws_s3_bucket.b"}}))
	assert.Equal(t, []*Resource{b0, b1, other}, ix.OfType("aws_s3_bucket"))

	stranger := bucket("aws_s3_bucket.s")
	assert.Equal(t, all, ix.standIn(stranger, &cp).All(), "a resource the index does not hold replaces nothing")
	assert.Same(t, b1, ix.standIn(stranger, &cp).Lookup(`aws_s3_bucket.b[1]`))
}

func TestBaseAddress(t *testing.T) {
	cases := map[string]string{
		`aws_s3_bucket.b`:                       `aws_s3_bucket.b`,
		`aws_s3_bucket.b[0]`:                    `aws_s3_bucket.b`,
		`module.a[1].aws_s3_bucket.b`:           `module.a[1].aws_s3_bucket.b`,
		`module.a.aws_s3_bucket.b["x"]`:         `module.a.aws_s3_bucket.b`,
		`module.a.aws_s3_bucket.b["eu.west.1"]`: `module.a.aws_s3_bucket.b`,
	}
	for in, want := range cases {
		assert.Equal(t, want, BaseAddress(in), in)
	}
}

func TestRuleParams(t *testing.T) {
	r := &Rule{ID: "aws-x-y", Params: []Param{
		{Name: "min_days", Default: 7},
		{Name: "regions", Default: []string{}},
		{Name: "strict", Default: true},
	}}
	p, err := r.ParamsWithDefaults(nil)
	require.NoError(t, err)
	ctx := &Context{Params: p}
	assert.Equal(t, 7, ctx.Int("min_days"))
	assert.True(t, ctx.Bool("strict"))

	p, err = r.ParamsWithDefaults(map[string]any{"min_days": float64(14), "regions": []any{"eu-west-1"}})
	require.NoError(t, err)
	ctx = &Context{Params: p}
	assert.Equal(t, 14, ctx.Int("min_days"))
	assert.Equal(t, []string{"eu-west-1"}, ctx.Strings("regions"))

	_, err = r.ParamsWithDefaults(map[string]any{"max_days": 1})
	assert.EqualError(t, err, `rule aws-x-y has no parameter "max_days"`)
	_, err = r.ParamsWithDefaults(map[string]any{"min_days": "seven"})
	assert.ErrorContains(t, err, "want a whole number")
	_, err = r.ParamsWithDefaults(map[string]any{"regions": []any{1}})
	assert.ErrorContains(t, err, "want a list of strings")
}

func TestResultHelpers(t *testing.T) {
	on := Value{Name: "encrypted", Val: cty.True, Present: true, Range: at(2)}
	off := Value{Name: "encrypted", Val: cty.False, Present: true, Range: at(3)}
	later := Value{Name: "encrypted", Val: cty.UnknownVal(cty.Bool), Present: true, Range: at(4)}
	absent := Value{Name: "encrypted", Range: at(1)}

	assert.Equal(t, Pass, RequireTrue(on, "x").Status)
	assert.Equal(t, Result{Status: Fail, Message: "not encrypted", Range: at(3)}, RequireTrue(off, "not encrypted"))
	assert.Equal(t, Result{Status: Unknown, Message: "encrypted is not known until apply", Range: at(4)}, RequireTrue(later, "x"))
	assert.Equal(t, Fail, RequireTrue(absent, "x").Status)
	keyARN := Value{Name: "kms_key_id", Val: cty.UnknownVal(cty.String), Present: true, Range: at(5), Refs: []string{"aws_kms_key.k"}}
	assert.Equal(t, Pass, RequireSet(keyARN, "x").Status, "an unknown key ARN is still a key")
	assert.Equal(t, Result{Status: Unknown, Message: "encrypted is not known until apply and refers to no declared resource: it may name nothing", Range: at(4)}, RequireSet(later, "x"), "an input variable with no default may be null")
	assert.Equal(t, Fail, RequireSet(absent, "x").Status)

	sev, err := ParseSeverity(" HIGH ")
	require.NoError(t, err)
	assert.Equal(t, High, sev)
	assert.Greater(t, Critical.Rank(), Low.Rank())
	_, err = ParseSeverity("urgent")
	assert.Error(t, err)
	assert.Equal(t, []string{"CC6.1", "C1.1"}, Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}}.IDs())
}

func TestDiagnosticError(t *testing.T) {
	d := Diagnostic{Severity: DiagError, Range: Range{Filename: "main.tf", StartLine: 3, StartColumn: 7}, Summary: "Unclosed configuration block", Detail: "add }"}
	assert.Equal(t, "main.tf:3:7: Unclosed configuration block: add }", d.Error())
	assert.Equal(t, "plan.json: Bad plan", Diagnostic{Range: Range{Filename: "plan.json"}, Summary: "Bad plan"}.Error())
	assert.Equal(t, "main.tf:3", Range{Filename: "main.tf", StartLine: 3}.String())
}

func TestObjectArgumentsWithUnknownLeavesAreStillBlocks(t *testing.T) {
	// ingress = [{ from_port = 22, cidr_blocks = [var.unset] }] written as an
	// argument: the rule is there, only its CIDR is unknown.
	b := NewBlock("resource", at(1))
	b.SetAttr("ingress", Value{Range: at(2), Val: cty.TupleVal([]cty.Value{
		cty.ObjectVal(map[string]cty.Value{
			"from_port":   cty.NumberIntVal(22),
			"cidr_blocks": cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String)}),
		}),
	})})
	require.Len(t, b.Blocks("ingress"), 1)
	assert.Equal(t, int64(22), mustInt(t, b.FirstBlock("ingress").Attr("from_port")))
	assert.True(t, b.FirstBlock("ingress").Attr("cidr_blocks").IsUnknown())
	assert.False(t, b.BlocksUnknown("ingress"), "which rules exist is known")

	// One element wholly unknown: the known ones are blocks, and the
	// block type is reported as not wholly known.
	b.SetAttr("egress", Value{Range: at(5), Val: cty.TupleVal([]cty.Value{
		cty.ObjectVal(map[string]cty.Value{"from_port": cty.NumberIntVal(443)}),
		cty.DynamicVal,
	})})
	assert.Len(t, b.Blocks("egress"), 1)
	assert.True(t, b.BlocksUnknown("egress"))
}

func TestValueBoolOr(t *testing.T) {
	for name, tc := range map[string]struct {
		v    Value
		def  bool
		want Tri
	}{
		"absent takes the default":     {Value{}, true, Yes},
		"null takes the default":       {Value{Present: true, Val: cty.NullVal(cty.Bool)}, true, Yes},
		"written false":                {Value{Present: true, Val: cty.False}, true, No},
		"string true converts":         {Value{Present: true, Val: cty.StringVal("true")}, false, Yes},
		"unknown is a maybe":           {Value{Present: true, Val: cty.UnknownVal(cty.Bool)}, true, Maybe},
		"not a boolean is not decided": {Value{Present: true, Val: cty.StringVal("maybe")}, true, Maybe},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.v.BoolOr(tc.def))
		})
	}
}

func TestValueIntAtLeast(t *testing.T) {
	for name, tc := range map[string]struct {
		v       Value
		def     int
		got     int
		atLeast Tri
	}{
		"absent default below minimum": {Value{}, 3, 3, No},
		"absent default meets minimum": {Value{}, 7, 7, Yes},
		"written below":                {Value{Present: true, Val: cty.NumberIntVal(6)}, 30, 6, No},
		"written at minimum":           {Value{Present: true, Val: cty.NumberIntVal(7)}, 0, 7, Yes},
		"fraction is not decided":      {Value{Present: true, Val: cty.NumberFloatVal(7.5)}, 0, 0, Maybe},
		"unknown is a maybe":           {Value{Present: true, Val: cty.UnknownVal(cty.Number)}, 30, 0, Maybe},
	} {
		t.Run(name, func(t *testing.T) {
			got, atLeast := tc.v.IntAtLeast(tc.def, 7)
			assert.Equal(t, tc.got, got)
			assert.Equal(t, tc.atLeast, atLeast)
		})
	}
}

func TestValueKnownStrings(t *testing.T) {
	partly := cty.ListVal([]cty.Value{cty.StringVal("0.0.0.0/0"), cty.UnknownVal(cty.String)})
	for name, tc := range map[string]struct {
		v          Value
		want       []string
		incomplete bool
	}{
		"absent":         {Value{}, nil, false},
		"known list":     {Value{Present: true, Val: cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})}, []string{"a", "b"}, false},
		"single string":  {Value{Present: true, Val: cty.StringVal("a")}, []string{"a"}, false},
		"partly unknown": {Value{Present: true, Val: partly}, []string{"0.0.0.0/0"}, true},
		"wholly unknown": {Value{Present: true, Val: cty.UnknownVal(cty.List(cty.String))}, nil, true},
		"not a list":     {Value{Present: true, Val: cty.MapValEmpty(cty.String)}, nil, true},
	} {
		t.Run(name, func(t *testing.T) {
			got, incomplete := tc.v.KnownStrings()
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.incomplete, incomplete)
		})
	}
}

func TestTri(t *testing.T) {
	assert.Equal(t, Yes, TriOf(true, true), "a found answer wins over an unknown one")
	assert.Equal(t, Maybe, TriOf(false, true))
	assert.Equal(t, No, TriOf(false, false))
	for _, tc := range []struct{ a, b, and, or Tri }{
		{Yes, Yes, Yes, Yes},
		{Yes, Maybe, Maybe, Yes},
		{Yes, No, No, Yes},
		{Maybe, Maybe, Maybe, Maybe},
		{Maybe, No, No, Maybe},
		{No, No, No, No},
	} {
		assert.Equal(t, tc.and, tc.a.And(tc.b), "%s and %s", tc.a, tc.b)
		assert.Equal(t, tc.and, tc.b.And(tc.a), "%s and %s", tc.b, tc.a)
		assert.Equal(t, tc.or, tc.a.Or(tc.b), "%s or %s", tc.a, tc.b)
		assert.Equal(t, tc.or, tc.b.Or(tc.a), "%s or %s", tc.b, tc.a)
	}
	assert.Equal(t, []Tri{Yes, Maybe, No}, []Tri{No.Not(), Maybe.Not(), Yes.Not()})
	assert.Equal(t, Yes, AllOf())
	assert.Equal(t, Maybe, AllOf(Yes, Maybe, Yes))
	assert.Equal(t, No, AllOf(Maybe, No))
	assert.Equal(t, No, AnyOf())
	assert.Equal(t, Maybe, AnyOf(No, Maybe))
	assert.Equal(t, Yes, AnyOf(Maybe, Yes))
	assert.Equal(t, "maybe", Maybe.String())
	assert.Equal(t, "Tri(9)", Tri(9).String())
}

func TestRequireTrueOrAndFalseOr(t *testing.T) {
	absent := Value{Name: "enabled", Range: at(1)}
	on := Value{Name: "enabled", Val: cty.True, Present: true, Range: at(2)}
	off := Value{Name: "enabled", Val: cty.False, Present: true, Range: at(3)}
	later := Value{Name: "enabled", Val: cty.UnknownVal(cty.Bool), Present: true, Range: at(4)}

	assert.Equal(t, Pass, RequireTrueOr(absent, true, "x").Status, "a default of true is enough")
	assert.Equal(t, Fail, RequireTrueOr(absent, false, "x").Status)
	assert.Equal(t, Result{Status: Fail, Message: "turned off", Range: at(3)}, RequireTrueOr(off, true, "turned off"))
	assert.Equal(t, Unknown, RequireTrueOr(later, true, "x").Status)

	assert.Equal(t, Pass, RequireFalseOr(absent, false, "x").Status)
	assert.Equal(t, Fail, RequireFalseOr(absent, true, "x").Status, "a default of true fails a switch that must be off")
	assert.Equal(t, Result{Status: Fail, Message: "public", Range: at(2)}, RequireFalseOr(on, false, "public"))
	assert.Equal(t, Pass, RequireFalseOr(off, true, "x").Status)
	assert.Equal(t, Result{Status: Unknown, Message: "enabled is not known until apply", Range: at(4)}, RequireFalseOr(later, false, "x"))
}

func TestValuePartlyKnownStrings(t *testing.T) {
	prefixed := func(p string) cty.Value { return cty.UnknownVal(cty.String).Refine().StringPrefix(p).NewValue() }
	attr := func(v cty.Value) Value { return Value{Val: v, Present: true} }

	sa := attr(prefixed("serviceAccount:"))
	assert.Equal(t, "serviceAccount:", sa.KnownPrefix())
	assert.Equal(t, No, sa.CanBe("allUsers", "allAuthenticatedUsers"), "a service account is never the public")
	assert.Equal(t, Maybe, attr(prefixed("all")).CanBe("allUsers"), "known so far, still maybe")
	assert.Equal(t, Maybe, attr(prefixed("ALL")).CanBe("allUsers"), "case-insensitive, as members are matched")

	arn := attr(prefixed("arn:aws:s3:::"))
	assert.Equal(t, No, arn.CanBe("*"), "a bucket ARN is not every resource")
	assert.Equal(t, Maybe, attr(cty.UnknownVal(cty.String)).CanBe("*"), "nothing known")
	assert.Empty(t, attr(cty.UnknownVal(cty.String)).KnownPrefix())
	assert.Equal(t, Maybe, attr(cty.DynamicVal).CanBe("*"))

	assert.Equal(t, Yes, attr(cty.StringVal("AllUsers")).CanBe("allUsers"))
	assert.Equal(t, No, attr(cty.StringVal("user:a@example.com")).CanBe("allUsers"))
	assert.Equal(t, "user:a@example.com", attr(cty.StringVal("user:a@example.com")).KnownPrefix())
	assert.Equal(t, No, Value{}.CanBe("allUsers"), "absent")
	assert.Equal(t, No, attr(cty.NullVal(cty.String)).CanBe("allUsers"), "null")
	assert.Equal(t, No, sa.CanBe(), "no candidates")
	assert.Empty(t, attr(cty.True).KnownPrefix(), "not a string")

	marked := prefixed("group:").Mark("sensitive")
	assert.Equal(t, No, StringCanBe(marked, "allUsers"), "marks do not hide what is known")
}

type memoTestKey struct{ n int }

func TestMemoBuildsOncePerKey(t *testing.T) {
	ix := NewIndex([]*Resource{{Address: "aws_s3_bucket.a", Type: "aws_s3_bucket", Mode: "managed"}})
	var builds atomic.Int32
	count := func(ix *Index) int {
		builds.Add(1)
		return len(ix.All())
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			assert.Equal(t, 1, Memo(ix, memoTestKey{1}, count))
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), builds.Load(), "one build for concurrent calls with one key")
	assert.Equal(t, 1, Memo(ix, memoTestKey{2}, count))
	assert.Equal(t, int32(2), builds.Load(), "another key builds again")
}

func TestRuleInspectsDataSourcesOnlyByDataSourceTypes(t *testing.T) {
	rule := &Rule{ResourceTypes: []string{"aws_iam_policy"}, DataSourceTypes: []string{"aws_iam_policy_document"}}
	managed := &Resource{Mode: "managed", Type: "aws_iam_policy"}
	dataSameType := &Resource{Mode: "data", Type: "aws_iam_policy"}
	doc := &Resource{Mode: "data", Type: "aws_iam_policy_document"}
	managedDocType := &Resource{Mode: "managed", Type: "aws_iam_policy_document"}
	assert.True(t, rule.Inspects(managed))
	assert.False(t, rule.Inspects(dataSameType), "a data source sharing a managed type's name is not inspected")
	assert.True(t, rule.Inspects(doc))
	assert.False(t, rule.Inspects(managedDocType))
	rule.Select = func(r *Resource) bool { return r.Mode != "data" }
	assert.False(t, rule.Inspects(doc), "Select narrows data sources too")
}

func TestValueNames(t *testing.T) {
	str := func(v cty.Value) Value { return Value{Name: "target_bucket", Val: v, Present: true} }
	unknown := str(cty.UnknownVal(cty.String))
	bucketID := Origin{Sources: []OriginSource{AttrOrigin(false, "aws_s3_bucket", "id", false)}}
	for name, c := range map[string]struct {
		v    Value
		want Tri
	}{
		"absent":                  {Value{Name: "target_bucket"}, No},
		"null":                    {str(cty.NullVal(cty.String)), No},
		"blank":                   {str(cty.StringVal("  ")), No},
		"known":                   {str(cty.StringVal("logs")), Yes},
		"a list":                  {str(cty.ListValEmpty(cty.String)), Yes},
		"unknown, no reference":   {unknown, Maybe},
		"unknown, a reference":    {Value{Name: "target_bucket", Val: cty.UnknownVal(cty.String), Present: true, Refs: []string{"aws_s3_bucket.logs"}}, Yes},
		"unknown, known prefix":   {str(cty.UnknownVal(cty.String).Refine().StringPrefix("logs-").NewValue()), Yes},
		"unknown, blank prefix":   {str(cty.UnknownVal(cty.String).Refine().StringPrefix(" ").NewValue()), Maybe},
		"unknown, known suffix":   {unknown.WithKnownSuffix("-logs"), Yes},
		"unknown, skeleton":       {unknown.WithSkeleton(UnknownMark + "-logs-" + UnknownMark), Yes},
		"unknown, blank skeleton": {unknown.WithSkeleton(UnknownMark + UnknownMark), Maybe},
		"unknown, known origins":  {unknown.WithOrigins(Origins{bucketID}), Yes},
		"unknown, an origin read from nowhere known": {unknown.WithOrigins(Origins{bucketID, {}}), Maybe},
		"unknown, an origin that is blank":           {unknown.WithOrigins(Origins{{Sources: []OriginSource{TextOrigin("")}}}), Maybe},
		"unknown, a reference, may be blank":         {Value{Name: "target_bucket", Val: cty.UnknownVal(cty.String), Present: true, Refs: []string{"aws_s3_bucket.logs"}}.WithMayBeBlank(true), Maybe},
		"unknown, known suffix, may be blank":        {unknown.WithKnownSuffix("-logs").WithMayBeBlank(true), Maybe},
		"known, may be blank":                        {str(cty.StringVal("logs")).WithMayBeBlank(true), Yes},
		"null, may be blank":                         {str(cty.NullVal(cty.String)).WithMayBeBlank(true), No},
	} {
		assert.Equal(t, c.want, c.v.Names(), name)
	}
}

func TestFollowAndBlocksAtThroughUnknownBlocks(t *testing.T) {
	rng := Range{Filename: "main.tf", StartLine: 1}
	dyn := Range{Filename: "main.tf", StartLine: 7}
	root := NewBlock("resource", rng)
	policy := NewBlock("access_control_policy", rng)
	policy.AddBlock(NewBlock("grant", rng))
	policy.MarkBlocksUnknownAt("grant", dyn)
	root.AddBlock(policy)
	root.AddBlock(NewBlock("access_control_policy", rng))
	root.MarkBlocksUnknownAt("versioning", dyn)

	grants, unknown := root.BlocksAt("access_control_policy", "grant")
	assert.Len(t, grants, 1)
	assert.True(t, unknown, "a step of the path may add blocks")
	_, unknown = root.BlocksAt("access_control_policy")
	assert.False(t, unknown)

	blk, dynamic := root.Follow("versioning")
	assert.Nil(t, blk)
	assert.Equal(t, "versioning", dynamic)
	blk, dynamic = root.Follow("logging")
	assert.Nil(t, blk)
	assert.Empty(t, dynamic, "absent and not dynamic")
	blk, dynamic = root.Follow("access_control_policy")
	assert.Same(t, policy, blk)
	assert.Empty(t, dynamic)

	v := root.Clone().Get("versioning", "enabled")
	assert.True(t, v.IsUnknown(), "Clone keeps the unknown types")
	assert.True(t, v.MayBeBlank(), "the block may not be generated")
	assert.Equal(t, dyn, v.Range, "at the dynamic block")
	assert.Equal(t, "versioning.enabled", v.Name)
	assert.True(t, root.Get("logging", "enabled").IsNull())
}
