package loader

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// extraFunctions are the functions bound to this evaluation: file access
// confined to the scanned tree, and CIDR arithmetic.
func (ev *evaluator) extraFunctions() map[string]function.Function {
	return map[string]function.Function{
		"file":             ev.fileFunc(false),
		"filebase64":       ev.fileFunc(true),
		"fileexists":       ev.fileExistsFunc(),
		"templatefile":     ev.templateFileFunc(),
		"fileset":          ev.fileSetFunc(),
		"filemd5":          ev.fileHashFunc(func(b []byte) string { s := md5.Sum(b); return hex.EncodeToString(s[:]) }),
		"filesha1":         ev.fileHashFunc(func(b []byte) string { s := sha1.Sum(b); return hex.EncodeToString(s[:]) }),
		"filesha256":       ev.fileHashFunc(func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }),
		"filesha512":       ev.fileHashFunc(func(b []byte) string { s := sha512.Sum512(b); return hex.EncodeToString(s[:]) }),
		"filebase64sha256": ev.fileHashFunc(func(b []byte) string { s := sha256.Sum256(b); return base64.StdEncoding.EncodeToString(s[:]) }),
		"filebase64sha512": ev.fileHashFunc(func(b []byte) string { s := sha512.Sum512(b); return base64.StdEncoding.EncodeToString(s[:]) }),
		"templatestring":   ev.templateStringFunc(),
		"abspath":          pathFunc(func(p string) string { return p }),
		"dirname":          pathFunc(path.Dir),
		"basename":         pathFunc(path.Base),
		"pathexpand":       pathFunc(func(p string) string { return p }),
		"cidrhost":         cidrHostFunc,
		"cidrnetmask":      cidrNetmaskFunc,
		"cidrsubnet":       cidrSubnetFunc,
		"cidrsubnets":      cidrSubnetsFunc,
	}
}

// readConfined reads a file named in the configuration through the disk,
// which refuses what leaves the scanned tree; a refusal names the path as
// written.
// A file is read once per Load: a module called once per management group
// reads the same hundreds of policy files each time.
func (ev *evaluator) readConfined(p string) ([]byte, error) {
	t := ev.tree
	name := t.src.fsPath(t.rootDir, p)
	r := ev.files.read(name, func() fileRead {
		data, err := fs.ReadFile(t.src.fsys, name)
		return fileRead{data, err}
	})
	if r.err != nil {
		return nil, fileError(p, r.err)
	}
	return r.data, nil
}

// fileCache keeps what file functions read, glob and parse during one
// Load, in which the scanned tree does not change.
type fileCache struct {
	mu        sync.Mutex
	files     map[string]fileRead            // by path in the source filesystem
	globs     map[[2]string]globResult       // by directory and pattern
	dirs      map[string][]fs.DirEntry       // by path, as globs read them (glob_dirs.go)
	templates map[templateKey]parsedTemplate // by file (or function) and content
	decoded   map[[2]string]*decodeResult    // by function and document
	// locals are the values of local values (memo.go), rendered the
	// rendered template files (template_memo.go); root counts the roots
	// loaded.
	locals   map[memoKey]*memoEntry
	rendered map[renderKey]*renderEntry
	// byID is what is kept of collections by identity (identity.go).
	byID map[idKey]*idEntry
	// narrowed are the values of local values keyed without the values
	// they pass whole to templatefile (memo_narrow.go).
	narrowed map[memoKey][]*narrowEntry
	root     int
}

// decodeResult is the outcome of decoding one document.
type decodeResult struct {
	val cty.Value
	err error
	// Like the values of local values (memo.go), a document no root used
	// in the root just loaded is dropped.
	rootUse
}

// decode returns the decoding of the document key, computing it once.
func (c *fileCache) decode(key [2]string, compute func() decodeResult) decodeResult {
	c.mu.Lock()
	r, ok := lookupKept(c, c.decoded, key)
	c.mu.Unlock()
	if ok {
		return *r
	}
	v := compute()
	c.mu.Lock()
	defer c.mu.Unlock()
	storeKept(c, &c.decoded, key, &v)
	return v
}

// decodeOnce wraps a decoding function of one string (jsondecode,
// yamldecode) so that each document is decoded once per Load: a module
// called once per management group decodes the same hundreds of policy
// documents each time. Unknown documents go to f as they are; a JSON
// document is read by decodeJSON when it can.
func (ev *evaluator) decodeOnce(name string, f function.Function) function.Function {
	param := f.Params()[0]
	call := func(args []cty.Value) decodeResult {
		return ev.files.decode([2]string{name, args[0].AsString()}, func() decodeResult {
			if name == "jsondecode" {
				if v, ok := decodeJSON([]byte(args[0].AsString())); ok {
					return decodeResult{val: v}
				}
			}
			v, err := f.Call(args)
			return decodeResult{val: v, err: err}
		})
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      []function.Parameter{param},
		Type: func(args []cty.Value) (cty.Type, error) {
			if !args[0].IsKnown() {
				return f.ReturnTypeForValues(args)
			}
			r := call(args)
			if r.err != nil {
				return cty.NilType, r.err
			}
			// The implementation returns the value decoded here.
			// Its type, as the type of the call, would make go-cty
			// compare it with the value's, attribute by attribute
			// through the whole document, at every call; what
			// accepts any type needs no comparing.
			return cty.DynamicPseudoType, nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			r := call(args)
			return r.val, r.err
		},
	})
}

// fileRead is the outcome of reading one file of the source filesystem.
type fileRead struct {
	data []byte
	err  error
}

// globResult is the outcome of globbing one directory: the matches, or
// the error of the step that failed.
type globResult struct {
	matches []string
	step    globStep
	err     error
}

type globStep int

const (
	globStat globStep = iota + 1
	globSub
	globMatch
)

// parsedTemplate is the outcome of parsing one template.
type parsedTemplate struct {
	expr hclsyntax.Expression
	refs templateRefs
	err  error
	// digest is the hash of the content (templateKey).
	digest [2]uint64
}

// templateKey is a template: the file read (or the function) and a
// 128-bit hash of its content, so that looking one up neither copies
// nor compares a long content.
type templateKey struct {
	key    string
	digest [2]uint64
}

func contentDigest(src []byte) [2]uint64 {
	vh := newValueHasher()
	vh.num(uint64(len(src)))
	vh.bytes(src)
	h1, h2 := vh.sum()
	return [2]uint64{h1, h2}
}

// cached returns m[key], computing and storing it first when missing.
// The lock is not held while computing: two roots computing the same
// entry at once compute the same value.
func cached[K comparable, V any](mu *sync.Mutex, m *map[K]V, key K, compute func() V) V {
	mu.Lock()
	v, ok := (*m)[key]
	mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	mu.Lock()
	defer mu.Unlock()
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[key] = v
	return v
}

func (c *fileCache) read(name string, compute func() fileRead) fileRead {
	return cached(&c.mu, &c.files, name, compute)
}

// fileError is the error of a file function: a refusal naming the path as
// written (reported as an error at the call), else Terraform's words.
func fileError(p string, err error) error {
	var ref *refusedError
	if errors.As(err, &ref) {
		named := *ref
		named.name = fmt.Sprintf("path %q", p)
		return &named
	}
	return fmt.Errorf("no file exists at %q", p)
}

func (ev *evaluator) fileFunc(b64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := ev.readConfined(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			if b64 {
				return ev.readFile(args[0].AsString(), cty.StringVal(base64.StdEncoding.EncodeToString(data))), nil
			}
			if !utf8.Valid(data) {
				return cty.NilVal, fmt.Errorf("contents of %q are not valid UTF-8; use filebase64", args[0].AsString())
			}
			return ev.readFile(args[0].AsString(), cty.StringVal(string(data))), nil
		},
	})
}

func (ev *evaluator) fileExistsFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, err := ev.readConfined(args[0].AsString())
			var ref *refusedError
			if errors.As(err, &ref) {
				return cty.NilVal, err
			}
			return cty.BoolVal(err == nil), nil
		},
	})
}

func (ev *evaluator) fileHashFunc(hash func([]byte) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := ev.readConfined(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(hash(data)), nil
		},
	})
}

// fileSetFunc is Terraform's fileset(path, pattern): the files under path
// matching pattern (with ** for any depth), relative to path.
func (ev *evaluator) fileSetFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return ev.fileSet(args[0].AsString(), args[1].AsString())
		},
	})
}

// fileSet globs pattern under base, relative to the root module. Each
// directory and pattern is globbed once per Load.
func (ev *evaluator) fileSet(base, pattern string) (cty.Value, error) {
	t := ev.tree
	dir := t.src.fsPath(t.rootDir, base)
	r := cached(&ev.files.mu, &ev.files.globs, [2]string{dir, pattern}, func() globResult {
		if _, err := fs.Stat(t.src.fsys, dir); err != nil {
			return globResult{step: globStat, err: err}
		}
		sub, err := fs.Sub(globFS{fsys: t.src.fsys, c: ev.files}, dir)
		if err != nil {
			return globResult{step: globSub, err: err}
		}
		matches, err := doublestar.Glob(sub, pattern, doublestar.WithFilesOnly())
		if err != nil {
			return globResult{step: globMatch, err: err}
		}
		return globResult{matches: matches}
	})
	switch r.step {
	case globStat:
		return cty.NilVal, fileError(base, r.err)
	case globSub:
		return cty.NilVal, fmt.Errorf("cannot read directory %q: %w", base, r.err)
	case globMatch:
		return cty.NilVal, fmt.Errorf("failed to glob pattern %q: %w", pattern, r.err)
	}
	if len(r.matches) == 0 {
		return cty.SetValEmpty(cty.String), nil
	}
	vals := make([]cty.Value, len(r.matches))
	for i, m := range r.matches {
		vals[i] = cty.StringVal(m)
	}
	return cty.SetVal(vals), nil
}

// templateStringFunc is Terraform's templatestring(template, vars).
func (ev *evaluator) templateStringFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "template", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return ev.renderTemplate([]byte(args[0].AsString()), "templatestring", "templatestring", args[1])
		},
	})
}

// templateFileFunc renders a template file with the given variables and
// the same functions (except templatefile itself, as in Terraform).
func (ev *evaluator) templateFileFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			data, err := ev.readConfined(p)
			if err != nil {
				return cty.NilVal, err
			}
			t := ev.tree
			v, err := ev.renderFile(data, p, t.src.fsPath(t.rootDir, p), args[1])
			return ev.readFile(p, v), err
		},
	})
}

// renderTemplate evaluates a template with the given variables and the
// configuration's functions, except templatefile itself as in Terraform.
// The parsed template is shared by the calls with the same key (the file
// read) and content; name is the template's name in messages.
func (ev *evaluator) renderTemplate(src []byte, name, key string, vars cty.Value) (cty.Value, error) {
	return ev.evalTemplate(ev.parseTemplate(src, name, key), name, vars)
}

// evalTemplate evaluates a parsed template with the given variables.
func (ev *evaluator) evalTemplate(pt parsedTemplate, name string, vars cty.Value) (cty.Value, error) {
	if pt.err != nil {
		return cty.NilVal, pt.err
	}
	if !vars.IsKnown() {
		return cty.DynamicVal, nil
	}
	ty := vars.Type()
	if !vars.IsNull() && !ty.IsObjectType() && !ty.IsMapType() {
		return cty.NilVal, fmt.Errorf("template variables must be a map or object")
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: ev.templateFunctions()}
	if !vars.IsNull() {
		for it := vars.ElementIterator(); it.Next(); {
			k, v := it.Element()
			ctx.Variables[k.AsString()] = v
		}
	}
	v, diags := pt.expr.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("failed to render %s: %s", name, diags.Error())
	}
	return v, nil
}

// parseTemplate parses a template once per key and content in a Load. The
// roots of a repository name one library file by different relative paths:
// the key is the file itself, so the name in a parse error is the first
// caller's, which only shows in messages that reportRejected leaves out
// for file functions.
func (ev *evaluator) parseTemplate(src []byte, name, key string) parsedTemplate {
	digest := contentDigest(src)
	return cached(&ev.files.mu, &ev.files.templates, templateKey{key, digest}, func() parsedTemplate {
		if isLiteralTemplate(src) {
			// Parsing cuts a long template into many literals and
			// joins them one by one; without an interpolation or a
			// directive its value is its text.
			return parsedTemplate{expr: &hclsyntax.LiteralValueExpr{
				Val:      cty.StringVal(string(src)),
				SrcRange: hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
			}, digest: digest}
		}
		if expr, ok := parseSimpleTemplate(src, name); ok {
			return parsedTemplate{expr: expr, refs: refsOfTemplate(expr), digest: digest}
		}
		expr, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
		if diags.HasErrors() {
			return parsedTemplate{err: fmt.Errorf("failed to parse template: %s", diags.Error()), digest: digest}
		}
		return parsedTemplate{expr: expr, refs: refsOfTemplate(expr), digest: digest}
	})
}

// isLiteralTemplate reports whether a template is plain text: valid UTF-8
// without `${` or `%{` (escaped `$${` and `%%{` hold them too).
func isLiteralTemplate(src []byte) bool {
	return utf8.Valid(src) && !bytes.Contains(src, []byte("${")) && !bytes.Contains(src, []byte("%{"))
}

func pathFunc(f func(string) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(f(args[0].AsString())), nil
		},
	})
}
