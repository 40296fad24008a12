package loader

import (
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

func parseLocalExpr(t *testing.T, src string) hcl.Expression {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors(), diags.Error())
	return expr
}

func TestTemplateOnlyRefs(t *testing.T) {
	in := &instance{
		// local.secret holds a mark, which only an evaluator that has
		// made one can see (unmarked_funcs.go).
		ev: &evaluator{marked: true},
		locals: map[string]cty.Value{
			"vars":    obj("scope", "s1", "root", "r"),
			"unknown": cty.ObjectVal(map[string]cty.Value{"scope": cty.UnknownVal(cty.String)}),
			"opaque":  cty.UnknownVal(cty.Object(map[string]cty.Type{"scope": cty.String})),
			"dynamic": cty.DynamicVal,
			"secret":  cty.ObjectVal(map[string]cty.Value{"scope": cty.StringVal("s").Mark(valueMark("sensitive"))}),
			"str":     cty.StringVal("s"),
		},
		vars: map[string]cty.Value{"tv": obj("a", "b")},
	}
	for src, want := range map[string][]string{
		`{ for f in local.files : f => templatefile(f, local.vars) }`:       {"local.vars"},
		`[templatefile("a", local.vars), templatefile("b", var.tv)]`:        {"local.vars", "var.tv"},
		`[templatefile("a", local.vars), local.vars.scope]`:                 nil,
		`[templatefile("a", local.vars), length(local.vars)]`:               nil,
		`templatefile("a", merge(local.vars, {}))`:                          nil,
		`templatefile("a", local.unknown)`:                                  {"local.unknown"},
		`templatefile("a", local.opaque)`:                                   nil,
		`templatefile("a", local.dynamic)`:                                  nil,
		`templatefile("a", local.secret)`:                                   nil,
		`templatefile("a", local.str)`:                                      nil,
		`templatefile("a", local.vars.scope)`:                               nil,
		`[templatefile("a", local.vars), templatefile("b", local.unknown)]`: {"local.unknown", "local.vars"},
		`[templatefile("a", local.vars), templatefile("b", local.opaque)]`:  nil,
		`[templatefile("a", local.vars), templatestring("b", local.vars)]`:  nil,
		`upper(local.str)`: nil,
	} {
		expr := parseLocalExpr(t, src)
		got := in.templateOnlyRefs(expr, expr.Variables())
		if want == nil {
			assert.Nil(t, got, src)
			continue
		}
		assert.Equal(t, want, sortedKeys(got), src)
	}
	assert.Len(t, in.ev.facts, 15, "what each expression refers to is kept")

	// The kept facts are what the next instance reads.
	expr := parseLocalExpr(t, `templatefile("a", local.vars)`)
	first := in.ev.factsOf(expr, expr.Variables())
	assert.Equal(t, []string{"local.vars"}, first.templateOnly)
	assert.True(t, first.fileCall, "templatefile reads a file")
	assert.Same(t, first, in.ev.factsOf(expr, expr.Variables()))
	plain := parseLocalExpr(t, `upper(local.str)`)
	assert.False(t, in.ev.factsOf(plain, plain.Variables()).fileCall)
}

// TestNarrowedLocalsSharedOnlyForEqualUsedInputs keeps the value of a
// local value rendered with templates that used the variable "root": an
// instance whose variables differ only in others reuses it, one whose
// "root" differs, or lacks it, does not.
func TestNarrowedLocalsSharedOnlyForEqualUsedInputs(t *testing.T) {
	c := &fileCache{}
	key := memoKey{h1: 1, h2: 2}
	e := &memoEntry{val: cty.StringVal("rendered")}
	c.storeNarrowed(key, map[string]cty.Value{"local.vars": obj("scope", "s1", "root", "r")}, map[string]bool{"root": true}, e)

	got, hit := c.lookupNarrowed(key, map[string]cty.Value{"local.vars": obj("scope", "s2", "root", "r", "extra", "x")})
	require.True(t, hit, "unused inputs differ")
	assert.Same(t, e, got)
	asMap := cty.MapVal(map[string]cty.Value{"root": cty.StringVal("r")})
	_, hit = c.lookupNarrowed(key, map[string]cty.Value{"local.vars": asMap})
	assert.True(t, hit, "a map with the used variable")

	for name, narrow := range map[string]map[string]cty.Value{
		"a used input differs": {"local.vars": obj("scope", "s1", "root", "other")},
		"a used input missing": {"local.vars": obj("scope", "s1")},
		"another value":        {"var.vars": obj("scope", "s1", "root", "r")},
	} {
		_, hit := c.lookupNarrowed(key, narrow)
		assert.False(t, hit, name)
	}
	_, hit = c.lookupNarrowed(memoKey{h1: 1, h2: 3}, map[string]cty.Value{"local.vars": obj("root", "r")})
	assert.False(t, hit, "another key")

	// A root that does not use it drops it.
	c.sweepLocals()
	c.sweepLocals()
	assert.Empty(t, c.narrowed)
}

// TestNarrowedLocalsPerInstance loads a module called with variables that
// differ in what one library's templates use and not in what another's
// use: each instance gets its own rendering of what it uses.
func TestNarrowedLocalsPerInstance(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
module "a" {
  source = "./mod"
  scope  = "one"
  root   = "r"
}
module "b" {
  source = "./mod"
  scope  = "two"
  root   = "r"
}
module "c" {
  source = "./mod"
  scope  = "one"
  root   = "q"
}
`)},
		"mod/main.tf": {Data: []byte(`
variable "scope" {
  type = string
}
variable "root" {
  type = string
}
locals {
  vars   = { scope = var.scope, root = var.root }
  fixed  = { for f in fileset("${path.module}/fixed", "*.json") : f => jsondecode(templatefile("${path.module}/fixed/${f}", local.vars)) }
  scoped = { for f in fileset("${path.module}/scoped", "*.json") : f => jsondecode(templatefile("${path.module}/scoped/${f}", local.vars)) }
}
resource "x_r" "r" {
  fixed  = local.fixed["a.json"].name
  root   = local.fixed["b.json"].name
  scoped = local.scoped["c.json"].name
}
`)},
		"mod/fixed/a.json":  {Data: []byte(`{"name": "fixed"}`)},
		"mod/fixed/b.json":  {Data: []byte(`{"name": "${root}-root"}`)},
		"mod/scoped/c.json": {Data: []byte(`{"name": "${scope}-scoped"}`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	for mod, want := range map[string][2]string{"a": {"one", "r"}, "b": {"two", "r"}, "c": {"one", "q"}} {
		r := mustResource(t, res, "module."+mod+".x_r.r")
		assert.Equal(t, "fixed", str(t, r.Attr("fixed")), mod)
		assert.Equal(t, want[1]+"-root", str(t, r.Attr("root")), mod)
		assert.Equal(t, want[0]+"-scoped", str(t, r.Attr("scoped")), mod)
	}
}

// TestDecodedDocumentsFollowRoots drops a decoded document once a root
// did not use it, and keeps one every root uses.
func TestDecodedDocumentsFollowRoots(t *testing.T) {
	c := &fileCache{}
	calls := 0
	decode := func(doc string) cty.Value {
		return c.decode([2]string{"jsondecode", doc}, func() decodeResult {
			calls++
			return decodeResult{val: cty.StringVal(doc)}
		}).val
	}
	assert.Equal(t, "a", decode("a").AsString())
	decode("b")
	decode("a")
	assert.Equal(t, 2, calls, "decoded once each")
	c.sweepLocals() // root 0 used both
	decode("a")
	c.sweepLocals() // root 1 used only "a"
	assert.Len(t, c.decoded, 1)
	decode("a")
	decode("b")
	assert.Equal(t, 3, calls, "b decoded again, a kept")
}
