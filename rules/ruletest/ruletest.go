// Package ruletest proves rules by their own examples: every bad example must
// fail exactly the addresses it names, every good example must pass, and
// every rule must carry the metadata users and docs rely on.
package ruletest

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var idPattern = regexp.MustCompile(`^(aws|azure|google)-[a-z0-9]+(-[a-z0-9]+)+$`)

// Outcome is what a rule decided for each resource of an example.
type Outcome struct {
	// Results are keyed by address. A result without a range of its own
	// has its resource's range, as the engine reports it.
	Results map[string]scanner.Result
}

// Addresses returns the addresses with the given status, sorted.
func (o Outcome) Addresses(status scanner.Status) []string {
	var out []string
	for addr, r := range o.Results {
		if r.Status == status {
			out = append(out, addr)
		}
	}
	sort.Strings(out)
	return out
}

// Evaluate loads code as a one-file root module, with the attributes that
// dataSources compute, and runs rule on every managed resource it inspects.
func Evaluate(t testing.TB, rule *scanner.Rule, ex scanner.Example, dataSources []scanner.DataSource) Outcome {
	t.Helper()
	fsys := fstest.MapFS{"main.tf": {Data: []byte(ex.Code)}}
	res, err := loader.LoadFS(context.Background(), fsys, ".", loader.Options{DataSources: dataSources})
	require.NoError(t, err)
	for _, d := range res.Diagnostics {
		require.NotEqual(t, scanner.DiagError, d.Severity, "example does not load: %s", d.Error())
	}
	params, err := rule.ParamsWithDefaults(ex.Params)
	require.NoError(t, err)
	ctx := &scanner.Context{Params: params, Index: scanner.NewIndex(res.Resources)}
	out := Outcome{Results: map[string]scanner.Result{}}
	for _, r := range res.Resources {
		if !rule.Inspects(r) {
			continue
		}
		res := rule.Decide(r, ctx)
		if res.Range.IsZero() {
			res.Range = r.Range
		}
		out.Results[r.Address] = res
	}
	return out
}

// Run checks each rule's metadata and executes its examples as subtests,
// loading them with the cloud's data sources as a scan would.
func Run(t *testing.T, rules []*scanner.Rule, dataSources ...scanner.DataSource) {
	t.Helper()
	seen := map[string]bool{}
	for _, rule := range rules {
		require.False(t, seen[rule.ID], "duplicate rule ID %s", rule.ID)
		seen[rule.ID] = true
		t.Run(rule.ID, func(t *testing.T) {
			t.Parallel()
			CheckMetadata(t, rule)
			good, bad := rule.Examples()
			for i, ex := range bad {
				out := Evaluate(t, rule, ex, dataSources)
				require.NotEmpty(t, ex.Fails, "bad example %d names no failing address", i)
				assert.Equal(t, sorted(ex.Fails), out.Addresses(scanner.Fail), "bad example %d: failing addresses", i)
				assert.Equal(t, sorted(ex.Unknowns), out.Addresses(scanner.Unknown), "bad example %d: unknown addresses", i)
				assert.Equal(t, sorted(ex.NotApplicable), out.Addresses(scanner.NotApplicable), "bad example %d: not-applicable addresses", i)
				for _, addr := range ex.Fails {
					r := out.Results[addr]
					assert.NotEmpty(t, r.Message, "bad example %d: %s fails without a message", i, addr)
					assert.Equal(t, "main.tf", r.Range.Filename, "bad example %d: %s", i, addr)
					assert.Positive(t, r.Range.StartLine, "bad example %d: %s", i, addr)
				}
				CheckExpected(t, fmt.Sprintf("bad example %d", i), ex, out)
			}
			for i, ex := range good {
				out := Evaluate(t, rule, ex, dataSources)
				require.NotEmpty(t, out.Results, "good example %d has no resource the rule inspects", i)
				assert.Empty(t, out.Addresses(scanner.Fail), "good example %d must not fail", i)
				assert.Equal(t, sorted(ex.Unknowns), out.Addresses(scanner.Unknown), "good example %d: unknown addresses", i)
				assert.Equal(t, sorted(ex.NotApplicable), out.Addresses(scanner.NotApplicable), "good example %d: not-applicable addresses", i)
				CheckExpected(t, fmt.Sprintf("good example %d", i), ex, out)
			}
		})
	}
}

// TestingT is the part of *testing.T the checks report through.
type TestingT interface {
	Helper()
	Errorf(format string, args ...any)
}

// CheckExpected asserts ex.Expect against the outcome of the example:
// each address it names must be one the example fails or reports unknown,
// and its result must point at the expected line and say the expected
// words. name names the example in failures.
func CheckExpected(t TestingT, name string, ex scanner.Example, out Outcome) {
	t.Helper()
	lines := strings.Split(ex.Code, "\n")
	quote := func(n int) string {
		if n < 1 || n > len(lines) {
			return "past the end of the example"
		}
		return strconv.Quote(strings.TrimSpace(lines[n-1]))
	}
	for _, addr := range sortedKeys(ex.Expect) {
		want := ex.Expect[addr]
		if !slices.Contains(ex.Fails, addr) && !slices.Contains(ex.Unknowns, addr) {
			assert.Failf(t, name+": Expect names an address that is neither in Fails nor in Unknowns", "%s", addr)
			continue
		}
		got, ok := out.Results[addr]
		if !ok {
			continue // the status assertions have reported it
		}
		if want.Line != 0 && got.Range.StartLine != want.Line {
			assert.Failf(t, name+": the result points at the wrong line",
				"%s: at line %d, %s; want line %d, %s", addr, got.Range.StartLine, quote(got.Range.StartLine), want.Line, quote(want.Line))
		}
		if want.Message != "" && !strings.Contains(got.Message, want.Message) {
			assert.Failf(t, name+": the result says something else",
				"%s: message %q does not contain %q", addr, got.Message, want.Message)
		}
	}
}

func sortedKeys(m map[string]scanner.Expected) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckMetadata asserts what every rule must carry.
func CheckMetadata(t *testing.T, rule *scanner.Rule) {
	t.Helper()
	assert.Regexp(t, idPattern, rule.ID)
	assert.NotEmpty(t, rule.Title)
	assert.NotEmpty(t, rule.Description)
	assert.Positive(t, rule.Severity.Rank(), "severity %q", rule.Severity)
	assert.NotEmpty(t, rule.Family)
	assert.Contains(t, []string{"aws", "azurerm", "google"}, rule.Provider)
	assert.NotEmpty(t, append(slices.Clone(rule.ResourceTypes), rule.DataSourceTypes...), "a rule inspects some resource or data source type")
	assert.NotEmpty(t, rule.Remediation)
	assert.NotEmpty(t, rule.RemediationCode)
	assert.NotEmpty(t, rule.Links)
	assert.NotNil(t, rule.Check)
	good, bad := rule.Examples()
	assert.NotEmpty(t, good, "needs a good example")
	assert.NotEmpty(t, bad, "needs a bad example")
	ids := rule.Criteria.IDs()
	for _, id := range ids {
		c, ok := tsc.Lookup(id)
		if assert.True(t, ok, tsc.ErrorMessage(id)) {
			assert.Equal(t, c.ID, id, "criteria are written canonically")
		}
	}
	seen := map[scanner.Reference]bool{}
	for _, ref := range rule.References {
		assert.Contains(t, []string{scanner.ToolCheckov, scanner.ToolTrivy, scanner.ToolTfsec, scanner.ToolKICS, scanner.ToolProwler}, ref.Tool)
		assert.NotEmpty(t, ref.ID)
		// A peer check listed twice (two branches adding the same
		// one) shows twice in the docs and the mapping tables.
		assert.False(t, seen[ref], "%s %s is listed twice", ref.Tool, ref.ID)
		seen[ref] = true
	}
	for _, p := range rule.Params {
		assert.NotEmpty(t, p.Name)
		assert.NotEmpty(t, p.Description)
		assert.NotNil(t, p.Default)
		if def, ok := p.Default.(int); ok {
			assert.GreaterOrEqual(t, def, p.Min, "%s: the default is within the bounds", p.Name)
			if p.Max > 0 {
				assert.LessOrEqual(t, def, p.Max, "%s: the default is within the bounds", p.Name)
			}
		} else {
			assert.Zero(t, p.Min+p.Max, "%s: only int parameters have bounds", p.Name)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	if out == nil {
		return nil
	}
	return out
}

// CheckListed asserts that every rule the Go files of directory dir declare
// as a package-level `var x = &scanner.Rule{ID: "…", …}` is in rules, and
// that rules holds no other: a rule written but left out of its cloud's
// catalogue list would otherwise never run. Tests pass "." for their own
// package.
func CheckListed(t *testing.T, dir string, rules []*scanner.Rule) {
	t.Helper()
	declared := declaredRuleIDs(t, dir)
	require.NotEmpty(t, declared, "no rule declarations found in %s", dir)
	listed := make([]string, 0, len(rules))
	for _, r := range rules {
		listed = append(listed, r.ID)
	}
	assert.ElementsMatch(t, declared, listed, "rules declared in %s and rules in the catalogue list", dir)
}

// declaredRuleIDs parses the non-test Go files of dir for package-level
// rule declarations and returns their IDs.
func declaredRuleIDs(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	fset := token.NewFileSet()
	var ids []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for _, v := range vs.Values {
					if id, ok := ruleLiteralID(v); ok {
						ids = append(ids, id)
					}
				}
			}
		}
	}
	return ids
}

// ruleLiteralID returns the ID of a `&scanner.Rule{ID: "…"}` expression,
// also where a call completes the literal (`flag.rule(&scanner.Rule{…})`).
func ruleLiteralID(e ast.Expr) (string, bool) {
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		return ruleLiteralID(call.Args[0])
	}
	u, ok := e.(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return "", false
	}
	lit, ok := u.X.(*ast.CompositeLit)
	if !ok {
		return "", false
	}
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Rule" {
		return "", false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "ID" {
			if s, ok := kv.Value.(*ast.BasicLit); ok && s.Kind == token.STRING {
				id, err := strconv.Unquote(s.Value)
				return id, err == nil
			}
		}
	}
	return "", false
}
