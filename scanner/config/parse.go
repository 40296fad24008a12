package config

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var fileSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "severity_threshold"},
		{Name: "fail_on_unknown"},
		{Name: "categories_in_scope"},
		{Name: "foreign_suppressions"},
		{Name: "allow_no_rules"},
		{Name: "allow_paths"},
		{Name: "max_file_size"},
		{Name: "max_instances"},
		{Name: "max_total_instances"},
		{Name: "exclude_roots"},
		{Name: "module_sources"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "rules"},
		{Type: "rule", LabelNames: []string{"id"}},
		{Type: "exclude"},
	},
}

var rulesSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "enabled"}, {Name: "disabled"}},
}

var ruleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "params"}, {Name: "ignorable"}, {Name: "severity"}},
}

var excludeSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "paths"},
		{Name: "resources"},
		{Name: "rules"},
		{Name: "reason", Required: true},
		{Name: "expires"},
	},
}

// Parse reads a configuration from src; filename is used in error messages.
// Every problem is reported, each with file:line:column. Rule IDs are not
// checked here: see Validate.
func Parse(src []byte, filename string) (*Config, error) {
	file, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diagError(diags)
	}
	p := &parser{cfg: Default()}
	p.cfg.Filename = filename
	content, diags := file.Body.Content(fileSchema)
	p.diags = append(p.diags, diags...)
	p.top(content)
	p.limits(content)
	p.roots(content)
	if p.diags.HasErrors() {
		return nil, diagError(p.diags)
	}
	return p.cfg, nil
}

type parser struct {
	cfg   *Config
	diags hcl.Diagnostics
}

func (p *parser) errorf(rng hcl.Range, summary, format string, args ...any) {
	r := rng
	p.diags = append(p.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  &r,
	})
}

func (p *parser) top(content *hcl.BodyContent) {
	if a := content.Attributes["severity_threshold"]; a != nil {
		if s, ok := p.str(a); ok {
			sev, err := scanner.ParseSeverity(s)
			if err != nil {
				p.errorf(a.Expr.Range(), "Invalid severity_threshold", "%v", err)
			}
			p.cfg.SeverityThreshold = sev
		}
	}
	if a := content.Attributes["fail_on_unknown"]; a != nil {
		p.cfg.FailOnUnknown, _ = p.boolean(a)
	}
	if a := content.Attributes["allow_no_rules"]; a != nil {
		p.cfg.AllowNoRules, _ = p.boolean(a)
	}
	if a := content.Attributes["foreign_suppressions"]; a != nil {
		if b, ok := p.boolean(a); ok {
			p.cfg.ForeignSuppressions = b
		}
	}
	if a := content.Attributes["categories_in_scope"]; a != nil {
		for _, item := range p.strings(a) {
			cat, ok := tsc.ParseCategory(item.value)
			if !ok {
				p.errorf(item.rng, "Unknown category", "%q is not a Trust Services Category; use one of %s", item.value, strings.Join(tsc.CategoryNames(), ", "))
				continue
			}
			p.cfg.CategoriesInScope = append(p.cfg.CategoriesInScope, cat)
		}
	}
	if a := content.Attributes["allow_paths"]; a != nil {
		for _, item := range p.strings(a) {
			if strings.TrimSpace(item.value) == "" {
				p.errorf(item.rng, "Invalid allow_paths", "an allowed path must not be empty")
				continue
			}
			p.cfg.AllowPaths = append(p.cfg.AllowPaths, item.value)
		}
	}
	if a := content.Attributes["max_file_size"]; a != nil {
		p.maxFileSize(a)
	}
	seenRules := false
	for _, b := range content.Blocks {
		switch b.Type {
		case "rules":
			if seenRules {
				p.errorf(b.DefRange, "Duplicate rules block", "only one rules block is allowed; merge them")
				continue
			}
			seenRules = true
			p.cfg.RulesRange = b.DefRange
			p.rules(b)
		case "rule":
			p.rule(b)
		case "exclude":
			p.exclude(b)
		}
	}
}

func (p *parser) rules(b *hcl.Block) {
	content, diags := b.Body.Content(rulesSchema)
	p.diags = append(p.diags, diags...)
	if a := content.Attributes["enabled"]; a != nil {
		p.cfg.Enabled = append(p.cfg.Enabled, p.ruleRefs(a)...)
	}
	if a := content.Attributes["disabled"]; a != nil {
		p.cfg.Disabled = append(p.cfg.Disabled, p.ruleRefs(a)...)
	}
}

func (p *parser) rule(b *hcl.Block) {
	id := b.Labels[0]
	if prev := p.cfg.Rules[id]; prev != nil {
		p.errorf(b.LabelRanges[0], "Duplicate rule block", "rule %q is already configured at line %d", id, prev.Range.Start.Line)
		return
	}
	s := &RuleSettings{ID: id, Range: b.LabelRanges[0], Ignorable: true, Params: map[string]any{}, ParamRanges: map[string]hcl.Range{}}
	p.cfg.Rules[id] = s
	content, diags := b.Body.Content(ruleSchema)
	p.diags = append(p.diags, diags...)
	if a := content.Attributes["ignorable"]; a != nil {
		if v, ok := p.boolean(a); ok {
			s.Ignorable = v
		}
	}
	if a := content.Attributes["severity"]; a != nil {
		if str, ok := p.str(a); ok {
			sev, err := scanner.ParseSeverity(str)
			if err != nil {
				p.errorf(a.Expr.Range(), "Invalid severity", "%v", err)
			}
			s.Severity = sev
		}
	}
	if a := content.Attributes["params"]; a != nil {
		p.params(a, s)
	}
}

func (p *parser) params(a *hcl.Attribute, s *RuleSettings) {
	items, diags := hcl.ExprMap(a.Expr)
	if diags.HasErrors() {
		p.errorf(a.Expr.Range(), "Invalid params", "params must be an object such as { min_days = 14 }")
		return
	}
	for _, item := range items {
		var name string
		if diags := gohclKey(item.Key, &name); diags.HasErrors() {
			p.diags = append(p.diags, diags...)
			continue
		}
		val, diags := item.Value.Value(nil)
		if diags.HasErrors() {
			p.diags = append(p.diags, diags...)
			continue
		}
		goVal, err := goValue(val)
		if err != nil {
			p.errorf(item.Value.Range(), "Invalid parameter value", "parameter %q: %v", name, err)
			continue
		}
		if _, dup := s.Params[name]; dup {
			p.errorf(item.Key.Range(), "Duplicate parameter", "parameter %q is set twice", name)
			continue
		}
		s.Params[name] = goVal
		s.ParamRanges[name] = item.Key.Range()
	}
}

// gohclKey reads an object key, which HCL allows to be a bare word or a
// string.
func gohclKey(expr hcl.Expression, out *string) hcl.Diagnostics {
	if name := hcl.ExprAsKeyword(expr); name != "" {
		*out = name
		return nil
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return diags
	}
	if v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
		rng := expr.Range()
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid parameter name", Detail: "parameter names are words such as min_days", Subject: &rng}}
	}
	*out = v.AsString()
	return nil
}

// goValue converts a constant HCL value to the Go types rule parameters use:
// int (or float64 for fractions), bool, string and []any.
func goValue(v cty.Value) (any, error) {
	if v.IsNull() || !v.IsKnown() {
		return nil, errors.New("must not be null")
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString(), nil
	case t == cty.Bool:
		return v.True(), nil
	case t == cty.Number:
		bf := v.AsBigFloat()
		if bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				return int(i), nil
			}
		}
		f, _ := bf.Float64()
		return f, nil
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			g, err := goValue(e)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported type %s: use a number, bool, string or list of strings", t.FriendlyName())
}

func (p *parser) exclude(b *hcl.Block) {
	content, diags := b.Body.Content(excludeSchema)
	p.diags = append(p.diags, diags...)
	ex := &Exclusion{Range: b.DefRange}
	if a := content.Attributes["paths"]; a != nil {
		for _, item := range p.strings(a) {
			if err := ValidPathPattern(item.value); err != nil {
				p.errorf(item.rng, "Invalid path pattern", "%q: %v", item.value, err)
				continue
			}
			ex.Paths = append(ex.Paths, item.value)
		}
	}
	if a := content.Attributes["resources"]; a != nil {
		for _, item := range p.strings(a) {
			ex.Resources = append(ex.Resources, item.value)
		}
	}
	if a := content.Attributes["rules"]; a != nil {
		ex.Rules = p.ruleRefs(a)
	}
	if a := content.Attributes["reason"]; a != nil {
		if s, ok := p.str(a); ok {
			ex.Reason = strings.TrimSpace(s)
			if ex.Reason == "" {
				p.errorf(a.Expr.Range(), "Empty reason", "an exclusion needs a reason an auditor can read")
			}
		}
	}
	if a := content.Attributes["expires"]; a != nil {
		if s, ok := p.str(a); ok {
			t, err := time.Parse(DateLayout, s)
			if err != nil {
				p.errorf(a.Expr.Range(), "Invalid expiry date", "expires must be a date such as 2026-12-31, got %q", s)
			}
			ex.Expires = t
		}
	}
	if len(ex.Paths) == 0 && len(ex.Resources) == 0 {
		p.errorf(b.DefRange, "Exclusion matches nothing", "set paths or resources; to turn a rule off everywhere, list it in rules { disabled = [...] }")
	}
	p.cfg.Exclusions = append(p.cfg.Exclusions, ex)
}

// maxFileSize reads max_file_size: a number of bytes, or a string with a
// unit such as "50MiB".
func (p *parser) maxFileSize(a *hcl.Attribute) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		p.diags = append(p.diags, diags...)
		return
	}
	var raw string
	switch {
	case v.IsNull():
	case v.Type() == cty.Number:
		raw = v.AsBigFloat().Text('f', -1)
	case v.Type() == cty.String:
		raw = v.AsString()
	}
	n, err := ParseSize(raw)
	if err != nil {
		p.errorf(a.Expr.Range(), "Invalid max_file_size", "%v", err)
		return
	}
	p.cfg.MaxFileSize = n
}

type located struct {
	value string
	rng   hcl.Range
}

func (p *parser) str(a *hcl.Attribute) (string, bool) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		p.diags = append(p.diags, diags...)
		return "", false
	}
	if v.Type() != cty.String || v.IsNull() {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a string", a.Name)
		return "", false
	}
	return v.AsString(), true
}

func (p *parser) boolean(a *hcl.Attribute) (bool, bool) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		p.diags = append(p.diags, diags...)
		return false, false
	}
	if v.Type() != cty.Bool || v.IsNull() {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be true or false", a.Name)
		return false, false
	}
	return v.True(), true
}

// strings reads a list of strings, keeping each element's range.
func (p *parser) strings(a *hcl.Attribute) []located {
	exprs, diags := hcl.ExprList(a.Expr)
	if diags.HasErrors() {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a list of strings such as [\"a\", \"b\"]", a.Name)
		return nil
	}
	out := make([]located, 0, len(exprs))
	for _, e := range exprs {
		v, diags := e.Value(nil)
		if diags.HasErrors() {
			p.diags = append(p.diags, diags...)
			continue
		}
		if v.Type() != cty.String || v.IsNull() {
			p.errorf(e.Range(), "Invalid "+a.Name, "%s must hold strings only", a.Name)
			continue
		}
		out = append(out, located{value: v.AsString(), rng: e.Range()})
	}
	return out
}

func (p *parser) ruleRefs(a *hcl.Attribute) []RuleRef {
	items := p.strings(a)
	out := make([]RuleRef, 0, len(items))
	for _, it := range items {
		out = append(out, RuleRef{ID: strings.TrimSpace(it.value), Range: it.rng})
	}
	return out
}

// diagError turns HCL diagnostics into one error listing each as
// file:line:column: summary: detail.
func diagError(diags hcl.Diagnostics) error {
	var errs []error
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		e := &Error{Message: msg}
		if d.Subject != nil {
			e.Range = *d.Subject
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}
