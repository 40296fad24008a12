package loader

import (
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Override files (override.tf, *_override.tf and their .tf.json forms) are
// merged into the module's other files as Terraform merges them, after
// every other file and in file name order: an override block names a block
// declared elsewhere and replaces the arguments it sets; each nested block
// type it writes replaces every nested block of that type in the original;
// meta-arguments it sets (count, for_each, provider, lifecycle) replace the
// original's. An override of a block that is declared nowhere else is an
// error, as in Terraform.

// applyOverrides merges the declarations of override files into m.
func applyOverrides(m *moduleConfig, overrides []*fileConfig, diags *[]scanner.Diagnostic) {
	for _, f := range overrides {
		for _, o := range f.resources {
			i := indexOf(m.resources, func(r *resourceDecl) bool { return r.key() == o.key() })
			if i < 0 {
				*diags = append(*diags, missingBase("resource", o.key(), o.defRange))
				continue
			}
			m.resources[i] = overrideResource(m.resources[i], o, diags)
		}
		for _, o := range f.calls {
			i := indexOf(m.calls, func(c *callDecl) bool { return c.name == o.name })
			if i < 0 {
				*diags = append(*diags, missingBase("module call", o.name, o.defRange))
				continue
			}
			m.calls[i] = overrideCall(m.calls[i], o)
		}
		for _, o := range f.locals {
			i := indexOf(m.locals, func(l *localDecl) bool { return l.name == o.name })
			if i < 0 {
				*diags = append(*diags, missingBase("local value", o.name, o.rng))
				continue
			}
			m.locals[i] = o
		}
		for _, o := range f.outputs {
			i := indexOf(m.outputs, func(out *outputDecl) bool { return out.name == o.name })
			if i < 0 {
				*diags = append(*diags, missingBase("output", o.name, o.rng))
				continue
			}
			if o.expr != nil || o.sensitive {
				merged := *m.outputs[i]
				if o.expr != nil {
					merged.expr = o.expr
				}
				// An override may make an output sensitive; the scanner
				// never lets one make it less so.
				merged.sensitive = merged.sensitive || o.sensitive
				m.outputs[i] = &merged
			}
		}
		for _, o := range f.variables {
			base, ok := m.variables[o.name]
			if !ok {
				*diags = append(*diags, missingBase("variable", o.name, o.rng))
				if m.overrideOnly == nil {
					m.overrideOnly = map[string]bool{}
				}
				m.overrideOnly[o.name] = true
				continue
			}
			m.variables[o.name] = overrideVariable(base, o)
		}
		for _, o := range f.providers {
			i := indexOf(m.providers, func(p *providerDecl) bool { return p.addr() == o.addr() })
			if i < 0 {
				*diags = append(*diags, missingBase("provider configuration", o.addr(), o.defRange))
				continue
			}
			if o.region != nil {
				merged := *m.providers[i]
				merged.region = o.region
				m.providers[i] = &merged
			}
			if len(o.credentials) > 0 {
				merged := *m.providers[i]
				merged.credentials = overrideCredentials(merged.credentials, o.credentials)
				m.providers[i] = &merged
			}
		}
		for name, cs := range f.requiredProviders {
			if m.requiredProviders == nil {
				m.requiredProviders = map[string][]string{}
			}
			m.requiredProviders[name] = cs // an override replaces the constraint
		}
	}
}

func indexOf[T any](s []T, match func(T) bool) int {
	for i, v := range s {
		if match(v) {
			return i
		}
	}
	return -1
}

func missingBase(kind, name string, rng hcl.Range) scanner.Diagnostic {
	return scanner.Diagnostic{
		Severity: scanner.DiagError,
		Range:    scanner.RangeOf(rng),
		Summary:  fmt.Sprintf("Missing base %s for override", kind),
		Detail:   fmt.Sprintf("there is no %s %q in the module's other files for this override to change", kind, name),
	}
}

// overrideResource returns base with o's arguments, nested blocks and
// meta-arguments merged in. Both must be written in the same syntax (native
// or JSON); otherwise the override is reported and not merged.
func overrideResource(base, o *resourceDecl, diags *[]scanner.Diagnostic) *resourceDecl {
	merged := *base
	merged.walks = &resourceWalks{} // the body changes: base's walks are not its
	if o.count != nil {
		merged.count = o.count
	}
	if o.forEach != nil {
		merged.forEach = o.forEach
	}
	if o.provider != "" {
		merged.provider = o.provider
	}
	if o.lifecycle != nil {
		merged.lifecycle = o.lifecycle
	}
	baseBody, baseNative := base.body.(*hclsyntax.Body)
	overBody, overNative := o.body.(*hclsyntax.Body)
	switch {
	case baseNative && overNative:
		merged.body = overrideSyntaxBody(baseBody, overBody)
	case !baseNative && !overNative:
		merged.jsonAttrs = maps.Clone(base.jsonAttrs)
		if merged.jsonAttrs == nil {
			merged.jsonAttrs = hcl.Attributes{}
		}
		maps.Copy(merged.jsonAttrs, o.jsonAttrs)
	default:
		*diags = append(*diags, scanner.Diagnostic{
			Severity: scanner.DiagWarning,
			Range:    scanner.RangeOf(o.defRange),
			Summary:  "Override not merged",
			Detail:   fmt.Sprintf("resource %s is written in native syntax in one file and JSON in the other; the scanner merges overrides within one syntax and evaluates the original as written", base.key()),
		})
	}
	return &merged
}

// overrideSyntaxBody is base with o's attributes replacing base's, and o's
// nested blocks replacing every base block of their type.
func overrideSyntaxBody(base, o *hclsyntax.Body) *hclsyntax.Body {
	merged := *base
	merged.Attributes = maps.Clone(base.Attributes)
	if merged.Attributes == nil {
		merged.Attributes = hclsyntax.Attributes{}
	}
	maps.Copy(merged.Attributes, o.Attributes)
	replaced := map[string]bool{}
	for _, b := range o.Blocks {
		typ := b.Type
		if typ == "dynamic" && len(b.Labels) > 0 {
			typ = b.Labels[0]
		}
		replaced[typ] = true
	}
	merged.Blocks = nil
	for _, b := range base.Blocks {
		typ := b.Type
		if typ == "dynamic" && len(b.Labels) > 0 {
			typ = b.Labels[0]
		}
		if !replaced[typ] {
			merged.Blocks = append(merged.Blocks, b)
		}
	}
	merged.Blocks = append(merged.Blocks, o.Blocks...)
	return &merged
}

func overrideCall(base, o *callDecl) *callDecl {
	merged := *base
	if o.source != "" {
		merged.source = o.source
	}
	if o.version != "" || o.versionUnread {
		merged.version, merged.versionUnread = o.version, o.versionUnread
	}
	if o.count != nil {
		merged.count = o.count
	}
	if o.forEach != nil {
		merged.forEach = o.forEach
	}
	if len(o.providers) > 0 {
		merged.providers = o.providers
	}
	merged.inputs = maps.Clone(base.inputs)
	if merged.inputs == nil {
		merged.inputs = hcl.Attributes{}
	}
	maps.Copy(merged.inputs, o.inputs)
	return &merged
}

// overrideVariable builds a new declaration (it holds a sync.Once, which
// must not be copied) from base with o's type and default where o sets them.
func overrideVariable(base, o *variableDecl) *variableDecl {
	merged := &variableDecl{
		name: base.name, typ: base.typ, defaults: base.defaults, parseHCL: base.parseHCL,
		def: base.def, rng: base.rng, notNullable: base.notNullable,
		// An override may make a variable sensitive; the scanner never
		// lets one make it less so.
		sensitive: base.sensitive || o.sensitive,
	}
	if o.def != nil {
		merged.def = o.def
	}
	if o.typ != cty.DynamicPseudoType || o.defaults != nil {
		merged.typ, merged.defaults, merged.parseHCL = o.typ, o.defaults, o.parseHCL
	}
	return merged
}

// overrideCredentials merges an override file's provider credential
// arguments into the base ones: an argument the override sets replaces the
// base's, the others stay.
func overrideCredentials(base, over []*hcl.Attribute) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(base)+len(over))
	for _, b := range base {
		if !slices.ContainsFunc(over, func(o *hcl.Attribute) bool { return o.Name == b.Name }) {
			out = append(out, b)
		}
	}
	return append(out, over...)
}
