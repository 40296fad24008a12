package loader

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// templateEvaluator is an evaluator with the configuration's functions and
// an empty file cache, for rendering templates without a tree.
func templateEvaluator() *evaluator {
	ev := &evaluator{files: &fileCache{}, usage: newUsage()}
	ev.funcs = ev.functions()
	return ev
}

func obj(kv ...string) cty.Value {
	m := map[string]cty.Value{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = cty.StringVal(kv[i+1])
	}
	return cty.ObjectVal(m)
}

// sentinel replaces the value kept for every rendering, so that a later
// call that returns it shows it reused one.
var sentinel = cty.StringVal("kept")

func replaceKept(ev *evaluator) {
	for _, e := range ev.files.rendered {
		e.val = sentinel
	}
}

func TestTemplateFileReusedForSameReferencedValues(t *testing.T) {
	ev := templateEvaluator()
	src := []byte(`{"scope": "${scope}", "location": "${location}"}`)
	first, err := ev.renderFile(src, "a.tpl", "lib/a.tpl", obj("scope", "s1", "location", "west", "unused", "x"))
	require.NoError(t, err)
	assert.Equal(t, `{"scope": "s1", "location": "west"}`, first.AsString())
	require.Len(t, ev.files.rendered, 1)
	replaceKept(ev)

	// A variable the template does not use differs, and the path is
	// written another way: the rendering is reused.
	again, err := ev.renderFile(src, "../lib/a.tpl", "lib/a.tpl", obj("scope", "s1", "location", "west", "unused", "y"))
	require.NoError(t, err)
	assert.True(t, again.RawEquals(sentinel), "reused: %#v", again)

	// A map with the same values as the object.
	asMap := cty.MapVal(map[string]cty.Value{"scope": cty.StringVal("s1"), "location": cty.StringVal("west")})
	again, err = ev.renderFile(src, "a.tpl", "lib/a.tpl", asMap)
	require.NoError(t, err)
	assert.True(t, again.RawEquals(sentinel), "reused for a map: %#v", again)

	for name, call := range map[string]func() (cty.Value, error){
		"a used variable differs": func() (cty.Value, error) {
			return ev.renderFile(src, "a.tpl", "lib/a.tpl", obj("scope", "s2", "location", "west"))
		},
		"the content differs": func() (cty.Value, error) {
			return ev.renderFile([]byte(`{"scope": "${scope}"}`), "a.tpl", "lib/a.tpl", obj("scope", "s1", "location", "west"))
		},
		"another file with the same content": func() (cty.Value, error) {
			return ev.renderFile(src, "b.tpl", "lib/b.tpl", obj("scope", "s1", "location", "west"))
		},
	} {
		v, err := call()
		require.NoError(t, err, name)
		assert.False(t, v.RawEquals(sentinel), "%s: rendered again", name)
	}
	v, _ := ev.renderFile(src, "a.tpl", "lib/a.tpl", obj("scope", "s2", "location", "west"))
	assert.Equal(t, `{"scope": "s2", "location": "west"}`, v.AsString())
}

func TestTemplateFileNotKept(t *testing.T) {
	for name, c := range map[string]struct {
		src  string
		vars cty.Value
	}{
		"render error":        {`${missing}`, obj("a", "b")},
		"reads a file":        {`${file("x")}`, obj()},
		"makes a mark":        {`${sensitive(a)}`, obj("a", "b")},
		"unknown variables":   {`${a}`, cty.UnknownVal(cty.Object(map[string]cty.Type{"a": cty.String}))},
		"variables not a map": {`${a}`, cty.StringVal("a")},
	} {
		ev := templateEvaluator()
		_, _ = ev.renderFile([]byte(c.src), "t.tpl", "t.tpl", c.vars)
		assert.Empty(t, ev.files.rendered, name)
	}
}

// A template sees only the variables it refers to: one that refers to no
// unknown variable renders the same whatever the others, and one that
// refers to an unknown renders the same for an equal unknown (same type
// and refinements), so both are kept.
func TestTemplateFileKeptWithUnknownVariables(t *testing.T) {
	ev := templateEvaluator()
	vars := func(scope, workspace cty.Value) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"scope": scope, "workspace": workspace})
	}
	workspace := cty.UnknownVal(cty.String).Refine().StringPrefixFull("/subscriptions/").NewValue()
	src := []byte(`{"scope": "${scope}"}`)
	first, err := ev.renderFile(src, "a.tpl", "lib/a.tpl", vars(cty.StringVal("s1"), workspace))
	require.NoError(t, err)
	assert.Equal(t, `{"scope": "s1"}`, first.AsString())
	require.Len(t, ev.files.rendered, 1, "kept although a variable it does not use is unknown")
	replaceKept(ev)
	again, err := ev.renderFile(src, "a.tpl", "lib/a.tpl", vars(cty.StringVal("s1"), cty.UnknownVal(cty.String)))
	require.NoError(t, err)
	assert.True(t, again.RawEquals(sentinel), "reused: %#v", again)

	ev = templateEvaluator()
	src = []byte(`{"workspace": "${workspace}"}`)
	first, err = ev.renderFile(src, "b.tpl", "lib/b.tpl", vars(cty.StringVal("s1"), workspace))
	require.NoError(t, err)
	assert.False(t, first.IsKnown())
	require.Len(t, ev.files.rendered, 1)
	replaceKept(ev)
	again, err = ev.renderFile(src, "b.tpl", "lib/b.tpl", vars(cty.StringVal("s2"), workspace))
	require.NoError(t, err)
	assert.True(t, again.RawEquals(sentinel), "reused for an equal unknown: %#v", again)
	other, err := ev.renderFile(src, "b.tpl", "lib/b.tpl", vars(cty.StringVal("s1"), cty.UnknownVal(cty.String)))
	require.NoError(t, err)
	assert.False(t, other.RawEquals(sentinel), "an unknown without the prefix renders again")
	assert.False(t, other.IsKnown())
}

// A rendering that holds a mark marks the evaluator that reuses it, so
// that functions take go-cty's path for marks afterwards.
func TestTemplateFileReuseKeepsMarks(t *testing.T) {
	ev := templateEvaluator()
	vars := cty.ObjectVal(map[string]cty.Value{"a": markSensitive(cty.StringVal("b"))})
	v, err := ev.renderFile([]byte(`x${a}`), "t.tpl", "t.tpl", vars)
	require.NoError(t, err)
	assert.True(t, v.ContainsMarked())
	require.Len(t, ev.files.rendered, 1)
	ev.marked = false
	again, err := ev.renderFile([]byte(`x${a}`), "t.tpl", "t.tpl", vars)
	require.NoError(t, err)
	assert.True(t, again.RawEquals(v))
	assert.True(t, ev.marked)
}

// TestTemplateFileLibraryPerInstance calls one module three times; its
// library of templates uses the scope or not. Each instance's resources
// have their own values, and the templates that do not use the scope are
// rendered once.
func TestTemplateFileLibraryPerInstance(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
module "a" {
  source = "./mod"
  scope  = "one"
}
module "b" {
  source = "./mod"
  scope  = "two"
}
module "c" {
  source = "./mod"
  scope  = "one"
}
`)},
		"mod/main.tf": {Data: []byte(`
variable "scope" {
  type = string
}
locals {
  vars = { scope = var.scope, root = "r" }
  docs = { for f in fileset("${path.module}/lib", "*.json") : f => jsondecode(templatefile("${path.module}/lib/${f}", local.vars)) }
}
resource "x_r" "r" {
  fixed  = local.docs["fixed.json"].name
  root   = local.docs["root.json"].name
  scoped = local.docs["scoped.json"].name
}
`)},
		"mod/lib/fixed.json":  {Data: []byte(`{"name": "fixed"}`)},
		"mod/lib/root.json":   {Data: []byte(`{"name": "${root}-root"}`)},
		"mod/lib/scoped.json": {Data: []byte(`{"name": "${scope}-scoped"}`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	for mod, scope := range map[string]string{"a": "one", "b": "two", "c": "one"} {
		r := mustResource(t, res, "module."+mod+".x_r.r")
		assert.Equal(t, "fixed", str(t, r.Attr("fixed")), mod)
		assert.Equal(t, "r-root", str(t, r.Attr("root")), mod)
		assert.Equal(t, scope+"-scoped", str(t, r.Attr("scoped")), mod)
	}
}

// BenchmarkTemplateLibrary loads a module called once per scope that
// renders and decodes a library of policy templates, as a landing zone
// does: in "shared" none of the templates uses the scope, in "scoped" one
// in five does; "partly-unknown" is "scoped" with a template variable no
// template uses known only after apply (a workspace ID from another
// module, as in Azure's caf-enterprise-scale), and the library decoded
// only when there are files, behind a condition.
func BenchmarkTemplateLibrary(b *testing.B) {
	for _, c := range []struct {
		name        string
		scopedEvery int
		unknown     bool
	}{{"shared", 0, false}, {"scoped", 5, false}, {"partly-unknown", 5, true}} {
		b.Run(c.name, func(b *testing.B) {
			fsys := templateLibrary(20, 200, c.scopedEvery)
			if c.unknown {
				fsys["mod/main.tf"] = &fstest.MapFile{Data: []byte(partlyUnknownLibrary)}
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := LoadFS(b.Context(), fsys, ".", Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Resources) != 20 {
					b.Fatalf("%d resources", len(res.Resources))
				}
			}
		})
	}
}

// partlyUnknownLibrary is templateLibrary's module with a template
// variable known only after apply that no template uses, and the library
// decoded behind a condition on its files.
const partlyUnknownLibrary = `
variable "scope" {
  type = string
}
variable "workspace" {
  type = string
}
locals {
  vars  = { scope = var.scope, root = "root", location = "west", workspace = var.workspace }
  files = fileset("${path.module}/lib", "*.json")
  docs = try(length(local.files) > 0, false) ? {
    for f in local.files : f => jsondecode(templatefile("${path.module}/lib/${f}", local.vars))
  } : null
}
resource "x_r" "r" {
  names = [for d in local.docs : d.name]
}
`

// templateLibrary is a root calling a module once per scope (calls
// times); the module decodes a library of templates (files of them),
// every scopedEvery-th of which uses the scope (none when 0).
func templateLibrary(calls, files, scopedEvery int) fstest.MapFS {
	fsys := fstest.MapFS{}
	var root strings.Builder
	for i := range calls {
		fmt.Fprintf(&root, "module \"m%d\" {\n  source = \"./mod\"\n  scope  = \"scope-%d\"\n}\n", i, i)
	}
	fsys["main.tf"] = &fstest.MapFile{Data: []byte(root.String())}
	fsys["mod/main.tf"] = &fstest.MapFile{Data: []byte(`
variable "scope" {
  type = string
}
locals {
  vars = { scope = var.scope, root = "root", location = "west" }
  docs = { for f in fileset("${path.module}/lib", "*.json") : f => jsondecode(templatefile("${path.module}/lib/${f}", local.vars)) }
}
resource "x_r" "r" {
  names = [for d in local.docs : d.name]
}
`)}
	for i := range files {
		body := fmt.Sprintf(`{"name": "policy-%d", "root": "${root}", "rule": {"if": {"field": "location", "notIn": ["${location}"]}, "then": {"effect": "deny"}}, "params": [%s]}`,
			i, strings.Repeat(`{"a": "b", "c": [1, 2, 3]},`, 20)+`{}`)
		if scopedEvery > 0 && i%scopedEvery == 0 {
			body = strings.Replace(body, `"root": "${root}"`, `"scope": "${scope}"`, 1)
		}
		fsys[fmt.Sprintf("mod/lib/p%03d.json", i)] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}
