package loader

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// rootVariables collects the root module's variable values in Terraform's
// order of precedence, later sources winning: TF_VAR_* environment
// variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order, then --var-file and --var in the
// order given. Defaults apply to what none of them sets.
func rootVariables(src *source, dir string, singleFile bool, m *moduleConfig, opts Options, ev *evaluator, diags *[]scanner.Diagnostic) map[string]inputValue {
	vals := map[string]inputValue{}
	set := func(name string, v cty.Value) {
		vals[name] = inputValue{val: v}
	}
	for _, kv := range opts.Env {
		name, raw, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "TF_VAR_") {
			continue
		}
		name = strings.TrimPrefix(name, "TF_VAR_")
		decl, declared := m.variables[name]
		if !declared {
			continue // Terraform ignores undeclared TF_VAR_ variables
		}
		v, err := parseRawVariable(decl, raw, "TF_VAR_"+name)
		if err != nil {
			*diags = append(*diags, scanner.Diagnostic{Severity: scanner.DiagError, Summary: "Invalid value for environment variable TF_VAR_" + name, Detail: err.Error()})
			continue
		}
		set(name, v)
	}
	if !singleFile {
		for _, p := range autoVarFiles(src.fsys, dir) {
			readVarFile(src, p, m, set, ev, diags)
		}
	}
	for _, p := range opts.VarFiles {
		readVarFile(src, src.resolve(p), m, set, ev, diags)
	}
	for _, kv := range opts.Vars {
		name, raw, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			*diags = append(*diags, scanner.Diagnostic{Severity: scanner.DiagError, Summary: "Invalid --var option", Detail: fmt.Sprintf("%q: the option takes name=value", kv)})
			continue
		}
		decl, declared := m.variables[name]
		if !declared {
			*diags = append(*diags, scanner.Diagnostic{Severity: scanner.DiagWarning, Summary: "Value for undeclared variable", Detail: fmt.Sprintf("--var %s: the root module declares no variable %q", kv, name)})
			continue
		}
		v, err := parseRawVariable(decl, raw, "--var "+name)
		if err != nil {
			*diags = append(*diags, scanner.Diagnostic{Severity: scanner.DiagError, Summary: "Invalid value for --var " + name, Detail: err.Error()})
			continue
		}
		set(name, v)
	}
	return vals
}

// autoVarFiles lists the variable files Terraform loads automatically, in
// the order it applies them. Whatever is not a directory is listed, so
// that reading a symbolic link out of the tree or a FIFO is refused and
// reported rather than the file silently dropped.
func autoVarFiles(fsys fs.FS, dir string) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	present := map[string]bool{}
	var auto []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			continue
		}
		present[n] = true
		if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			auto = append(auto, n)
		}
	}
	var out []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if present[n] {
			out = append(out, path.Join(dir, n))
		}
	}
	sort.Strings(auto)
	for _, n := range auto {
		out = append(out, path.Join(dir, n))
	}
	return out
}

// readVarFile applies the assignments of one variable file.
func readVarFile(src *source, p string, m *moduleConfig, set func(string, cty.Value), ev *evaluator, diags *[]scanner.Diagnostic) {
	name := src.display(p)
	data, err := fs.ReadFile(src.fsys, p)
	if err != nil {
		*diags = append(*diags, notRead(scanner.Range{Filename: name}, src.display, "Cannot read variable file", err))
		return
	}
	ev.tree.res.Files[name] = data
	if ne := checkNesting(data, strings.HasSuffix(p, ".json")); ne != nil {
		*diags = append(*diags, ne.diagnostic(name))
		return
	}
	var f *hcl.File
	var hd hcl.Diagnostics
	if strings.HasSuffix(p, ".json") {
		f, hd = hcljson.Parse(data, name)
	} else {
		f, hd = hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	}
	*diags = append(*diags, convertDiags(hd)...)
	if hd.HasErrors() || f == nil {
		return
	}
	attrs, hd := f.Body.JustAttributes()
	*diags = append(*diags, convertDiags(hd)...)
	for _, a := range sortedAttrs(attrs) {
		if _, ok := m.variables[a.Name]; !ok {
			continue // Terraform warns; values for other modules are common in shared files
		}
		v, hd := a.Expr.Value(nil)
		if hd.HasErrors() {
			*diags = append(*diags, convertDiags(hd)...)
			continue
		}
		set(a.Name, v)
	}
}

// parseRawVariable reads a --var or TF_VAR_ value as Terraform does: raw
// text for primitive types, an HCL expression for complex ones.
func parseRawVariable(decl *variableDecl, raw, what string) (cty.Value, error) {
	if !decl.parseHCL {
		return cty.StringVal(raw), nil
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), what, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("%s", diags.Error())
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("%s", diags.Error())
	}
	return v, nil
}

// finalizeVariable converts a variable's value to its type constraint with
// optional attributes' defaults applied; without a value it is the default,
// and without a default it is unknown (Terraform would prompt for it). A
// variable declared sensitive is marked so, as Terraform marks it. A given
// value that does not convert is reported at at.
func (ev *evaluator) finalizeVariable(decl *variableDecl, v cty.Value, given bool, at hcl.Range) cty.Value {
	out := ev.variableValue(decl, v, given, at)
	if decl.sensitive {
		res := ev.tree.res
		res.Secrets = append(res.Secrets, scanner.Value{Val: unmarked(out)}.WithSensitive([]cty.Path{{}}).SensitiveStrings()...)
		out = ev.markSensitive(out)
	}
	return out
}

func (ev *evaluator) variableValue(decl *variableDecl, v cty.Value, given bool, at hcl.Range) cty.Value {
	if given && v != cty.NilVal && decl.notNullable && v.IsKnown() && v.IsNull() {
		given = false
	}
	if !given || v == cty.NilVal {
		if decl.def == nil {
			return cty.UnknownVal(decl.typ)
		}
		decl.defaultOnce.Do(func() {
			dv, diags := decl.def.Value(&hcl.EvalContext{Functions: ev.funcs})
			if diags.HasErrors() {
				decl.defaultVal = cty.UnknownVal(decl.typ)
				return
			}
			decl.defaultVal, decl.defaultErr = convertVariable(decl, dv)
		})
		if decl.defaultErr != nil {
			ev.diag(warning(decl.rng, "Invalid default for variable "+decl.name, "%v; the variable is treated as unknown", decl.defaultErr))
		}
		return decl.defaultVal
	}
	out, err := convertVariable(decl, v)
	if err != nil {
		ev.diag(warning(at, "Invalid value for variable "+decl.name, "%v; the variable is treated as unknown", err))
	}
	return out
}

// convertVariable applies optional attributes' defaults and converts to
// the type constraint; on failure the value is unknown.
func convertVariable(decl *variableDecl, v cty.Value) (out cty.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = cty.UnknownVal(decl.typ), fmt.Errorf("cannot convert value: %v", r)
		}
	}()
	// A module input computed from a sensitive value keeps its marks: the
	// value is converted unmarked, and marked again where it was.
	v, sens := unmarkSensitive(v)
	if decl.defaults != nil && v.IsKnown() && !v.IsNull() {
		v = decl.defaults.Apply(v)
	}
	conv, err := convertStable(v, decl.typ)
	if err != nil {
		return cty.UnknownVal(decl.typ), err
	}
	return remarkConverted(conv, sens), nil
}

// remarkConverted marks a converted value's parts sensitive again; a
// path the conversion changed (a tuple turned set) marks the whole.
func remarkConverted(v cty.Value, paths []cty.Path) (out cty.Value) {
	defer func() {
		if recover() != nil {
			out = markSensitive(v)
		}
	}()
	for _, p := range paths {
		if _, err := p.Apply(v); err != nil {
			return markSensitive(v)
		}
	}
	return remark(v, paths)
}

// resolve maps a path the user gave (a --var-file) to the source
// filesystem.
func (s *source) resolve(p string) string {
	if s.absolute {
		abs, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return diskRel(abs)
	}
	return path.Clean(filepath.ToSlash(p))
}
