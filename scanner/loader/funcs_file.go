package loader

import (
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
func (ev *evaluator) readConfined(p string) ([]byte, error) {
	t := ev.tree
	data, err := fs.ReadFile(t.src.fsys, t.src.fsPath(t.rootDir, p))
	if err != nil {
		return nil, fileError(p, err)
	}
	return data, nil
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
			t := ev.tree
			base := args[0].AsString()
			dir := t.src.fsPath(t.rootDir, base)
			if _, err := fs.Stat(t.src.fsys, dir); err != nil {
				return cty.NilVal, fileError(base, err)
			}
			sub, err := fs.Sub(t.src.fsys, dir)
			if err != nil {
				return cty.NilVal, fmt.Errorf("cannot read directory %q: %w", base, err)
			}
			matches, err := doublestar.Glob(sub, args[1].AsString(), doublestar.WithFilesOnly())
			if err != nil {
				return cty.NilVal, fmt.Errorf("failed to glob pattern %q: %w", args[1].AsString(), err)
			}
			if len(matches) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			vals := make([]cty.Value, len(matches))
			for i, m := range matches {
				vals[i] = cty.StringVal(m)
			}
			return cty.SetVal(vals), nil
		},
	})
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
			return ev.renderTemplate([]byte(args[0].AsString()), "templatestring", args[1])
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
			v, err := ev.renderTemplate(data, p, args[1])
			return ev.readFile(p, v), err
		},
	})
}

// renderTemplate evaluates a template with the given variables and the
// configuration's functions, except templatefile itself as in Terraform.
func (ev *evaluator) renderTemplate(src []byte, name string, vars cty.Value) (cty.Value, error) {
	expr, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("failed to parse template: %s", diags.Error())
	}
	if !vars.IsKnown() {
		return cty.DynamicVal, nil
	}
	ty := vars.Type()
	if !vars.IsNull() && !ty.IsObjectType() && !ty.IsMapType() {
		return cty.NilVal, fmt.Errorf("template variables must be a map or object")
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: make(map[string]function.Function, len(ev.funcs))}
	if !vars.IsNull() {
		for it := vars.ElementIterator(); it.Next(); {
			k, v := it.Element()
			ctx.Variables[k.AsString()] = v
		}
	}
	for fn, f := range ev.funcs {
		if fn != "templatefile" {
			ctx.Functions[fn] = f
		}
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("failed to render %s: %s", name, diags.Error())
	}
	return v, nil
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
