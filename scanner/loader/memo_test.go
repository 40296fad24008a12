package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

func TestHashValuesTellsApartWhatDiffers(t *testing.T) {
	vals := map[string]cty.Value{
		"nil":             cty.NilVal,
		"string 1":        cty.StringVal("1"),
		"number 1":        cty.NumberIntVal(1),
		"number 1.5":      cty.NumberFloatVal(1.5),
		"bool":            cty.True,
		"null string":     cty.NullVal(cty.String),
		"null number":     cty.NullVal(cty.Number),
		"unknown string":  cty.UnknownVal(cty.String),
		"unknown refined": cty.UnknownVal(cty.String).RefineNotNull(),
		"dynamic":         cty.DynamicVal,
		"list":            cty.ListVal([]cty.Value{cty.StringVal("a")}),
		"tuple":           cty.TupleVal([]cty.Value{cty.StringVal("a")}),
		"set":             cty.SetVal([]cty.Value{cty.StringVal("a")}),
		"empty list str":  cty.ListValEmpty(cty.String),
		"empty list num":  cty.ListValEmpty(cty.Number),
		"map":             cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}),
		"object":          cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("b")}),
		"object ab":       cty.ObjectVal(map[string]cty.Value{"ab": cty.StringVal("")}),
		"object c":        cty.ObjectVal(map[string]cty.Value{"c": cty.StringVal("b")}),
		"object a b":      cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("b"), "b": cty.NullVal(cty.String)}),
		"sensitive":       markSensitive(cty.StringVal("1")),
		"nested mark":     cty.ObjectVal(map[string]cty.Value{"a": markSensitive(cty.StringVal("b"))}),
	}
	seen := map[[2]uint64]string{}
	for name, v := range vals {
		h1, h2, ok := hashValuesIn(nil, []cty.Value{v})
		require.True(t, ok, name)
		again1, again2, _ := hashValuesIn(nil, []cty.Value{v})
		assert.Equal(t, [2]uint64{h1, h2}, [2]uint64{again1, again2}, "%s hashes the same twice", name)
		if other, dup := seen[[2]uint64{h1, h2}]; dup {
			t.Errorf("%s and %s hash the same", name, other)
		}
		seen[[2]uint64{h1, h2}] = name
	}
	a, b, _ := hashValuesIn(nil, []cty.Value{cty.ObjectVal(map[string]cty.Value{"x": cty.NumberIntVal(2), "y": cty.StringVal("z")})})
	c, d, _ := hashValuesIn(nil, []cty.Value{cty.ObjectVal(map[string]cty.Value{"y": cty.StringVal("z"), "x": cty.NumberIntVal(2)})})
	assert.Equal(t, [2]uint64{a, b}, [2]uint64{c, d}, "equal values built apart")

	_, _, ok := hashValuesIn(nil, []cty.Value{cty.CapsuleVal(cty.Capsule("c", reflect.TypeOf(0)), new(int))})
	assert.False(t, ok, "a capsule is not compared")
}

// TestLocalValuesReusedOnlyForEqualInputs calls one module four times:
// twice with the same input, once with another and once with a sensitive
// one. Each instance's resources have their own values and marks, and an
// evaluation error is still reported.
func TestLocalValuesReusedOnlyForEqualInputs(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
variable "secret" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

module "a" {
  source = "./mod"
  name   = "same"
}

module "b" {
  source = "./mod"
  name   = "same"
}

module "c" {
  source = "./mod"
  name   = "other"
}

module "d" {
  source = "./mod"
  name   = var.secret
}
`)},
		"mod/main.tf": {Data: []byte(`
variable "name" {
  type = string
}

locals {
  library = { for i in range(3) : "k${i}" => upper("${var.name}-${i}") }
  joined  = join(",", values(local.library))
  static  = [for s in ["x", "y"] : upper(s)]
  broken  = tobool("maybe")
}

resource "x_r" "r" {
  joined = local.joined
  static = local.static
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)

	for mod, want := range map[string]string{
		"a": "SAME-0,SAME-1,SAME-2",
		"b": "SAME-0,SAME-1,SAME-2",
		"c": "OTHER-0,OTHER-1,OTHER-2",
		"d": "HUNTER2-0,HUNTER2-1,HUNTER2-2",
	} {
		r := mustResource(t, res, "module."+mod+".x_r.r")
		assert.Equal(t, want, str(t, r.Attr("joined")), mod)
		assert.Equal(t, mod == "d", r.Attr("joined").IsSensitive(), "module %s: sensitive only from a sensitive input", mod)
		static := r.Attr("static")
		require.True(t, static.Val.IsKnown(), mod)
		assert.Equal(t, 2, static.Val.LengthInt(), mod)
		assert.False(t, static.IsSensitive(), mod)
	}
	var broken int
	for _, d := range errorsOf(res) {
		if d.Range.StartLine == 10 && d.Range.Filename == "mod/main.tf" {
			broken++
		}
	}
	assert.Equal(t, 1, broken, "the constant failing is reported (the instances' identical reports are merged): %v", errorsOf(res))
}

// TestLocalValuesOfFileFunctionsKeyedByRoot loads two roots calling one
// module whose local value reads a file by a path relative to the root
// module, as Terraform resolves it: each root reads its own file, although
// the expression refers to no value that differs.
func TestLocalValuesOfFileFunctionsKeyedByRoot(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("mod/main.tf", `
locals {
  text   = file("text.txt")
  shared = templatefile("${path.module}/shared.tpl", { n = 1 })
}

resource "x_r" "r" {
  text   = local.text
  shared = local.shared
}
`)
	write("mod/shared.tpl", "shared ${n}")
	for _, root := range []string{"a", "b"} {
		write(root+"/main.tf", "module \"m\" {\n  source = \"../mod\"\n}\n")
		write(root+"/text.txt", "text of "+root)
	}
	res, err := Load(t.Context(), Options{Paths: []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}, ReadRoots: []string{dir}})
	require.NoError(t, err)
	require.Empty(t, res.Diagnostics)
	var texts, shared []string
	for _, r := range res.Resources {
		texts = append(texts, str(t, r.Attr("text")))
		shared = append(shared, str(t, r.Attr("shared")))
	}
	assert.ElementsMatch(t, []string{"text of a", "text of b"}, texts)
	assert.Equal(t, []string{"shared 1", "shared 1"}, shared)
}

// Collections from subHashMin elements are hashed by their elements once
// per identity: the hash is the same whether it was kept or not, equal
// collections built apart hash the same, and any difference shows.
func TestHashValuesKeepsCollectionsByIdentity(t *testing.T) {
	build := func(last string, asList bool) cty.Value {
		elems := make([]cty.Value, subHashMin+2)
		for i := range elems {
			elems[i] = cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(fmt.Sprint("doc-", i))})
		}
		elems[len(elems)-1] = cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(last)})
		if asList {
			return cty.ListVal(elems)
		}
		return cty.TupleVal(elems)
	}
	doc := func(v cty.Value) cty.Value {
		m := map[string]cty.Value{}
		for i := range subHashMin {
			m[fmt.Sprint("k", i)] = cty.StringVal("v")
		}
		m["docs"] = v
		return cty.ObjectVal(m)
	}
	hash := func(c *fileCache, v cty.Value) [2]uint64 {
		h1, h2, ok := hashValuesIn(c, []cty.Value{v})
		require.True(t, ok)
		return [2]uint64{h1, h2}
	}
	c := &fileCache{}
	tuple := doc(build("x", false))
	plain := hash(nil, tuple)
	assert.Equal(t, plain, hash(c, tuple), "kept or not")
	require.NotEmpty(t, kept(c, hasHash), "the collections are kept")
	assert.Equal(t, plain, hash(c, tuple), "from what was kept")
	assert.Equal(t, plain, hash(c, doc(build("x", false))), "built apart")
	assert.NotEqual(t, plain, hash(c, doc(build("y", false))), "an element differs")
	assert.NotEqual(t, plain, hash(c, doc(build("x", true))), "a list, not a tuple")
	marked := cty.ObjectVal(map[string]cty.Value{"docs": tuple.GetAttr("docs"), "k": markSensitive(cty.StringVal("v"))})
	unmarked := cty.ObjectVal(map[string]cty.Value{"docs": tuple.GetAttr("docs"), "k": cty.StringVal("v")})
	assert.NotEqual(t, hash(c, unmarked), hash(c, marked), "a mark shows")

	// The kept hashes follow the roots that use them.
	c.sweepLocals()
	assert.NotEmpty(t, kept(c, hasHash), "used by the root just loaded")
	c.sweepLocals()
	assert.Empty(t, c.byID, "unused by the last root")
}
