package loader

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// moduleConfig is one module directory's declarations, merged from its files.
type moduleConfig struct {
	dir       string
	variables map[string]*variableDecl
	locals    []*localDecl
	outputs   []*outputDecl
	resources []*resourceDecl
	calls     []*callDecl
	providers []*providerDecl
	// localsByName indexes locals: the walks that follow partly known
	// values look a local up for every reference to one they meet.
	localsByName map[string]*localDecl
	// managedByAddr indexes the managed resources (after overrides) by
	// type and name: writes looks one up for every reference to a
	// resource's attribute it follows, and walking all resources for
	// each made large modules quadratic.
	managedByAddr map[resourceAddr]*resourceDecl
	// requiredProviders are the version constraints of the module's
	// required_providers, by provider local name.
	requiredProviders map[string][]string

	// children are the called modules, by call; a call is missing when
	// its module was not loaded (remote or missing).
	children map[*callDecl]*moduleConfig
	// partial is set when a file of the module did not parse (or was not
	// read): it may declare what the module seems to lack.
	partial bool
	// overrideOnly are the variables only an override file declares:
	// that is an error of its own (missingBase), and a call setting one
	// is not also an undeclared argument.
	overrideOnly map[string]bool

	// nodes is the module's dependency graph, built once per module and
	// walked once per module instance.
	nodes []*node
	// problems are what Terraform would reject in the module as a whole
	// (cycles), reported once however many instances it has.
	problems []scanner.Diagnostic
	// bundledFiles is the content of a bundled model's files by the
	// filename its ranges use; nil for a module read from the source.
	bundledFiles map[string][]byte
}

type variableDecl struct {
	name     string
	typ      cty.Type
	defaults *typeexpr.Defaults
	// parseHCL is Terraform's parsing mode for -var and TF_VAR_ values:
	// complex types are written as HCL expressions, primitive ones raw.
	parseHCL bool
	def      hcl.Expression
	rng      hcl.Range
	// notNullable is `nullable = false`: a null value means the default.
	notNullable bool
	// sensitive is `sensitive = true`: the value is marked sensitive.
	sensitive bool

	// The default, converted to the type once: it is a constant, and a
	// module called many times would convert it for every instance.
	defaultOnce sync.Once
	defaultVal  cty.Value
	defaultErr  error
}

type localDecl struct {
	name string
	expr hcl.Expression
	rng  hcl.Range
}

type outputDecl struct {
	name string
	expr hcl.Expression
	rng  hcl.Range
	// sensitive is `sensitive = true`: the value is marked sensitive.
	sensitive bool
}

type resourceDecl struct {
	mode     string // "managed" or "data"
	typ      string
	name     string
	count    hcl.Expression
	forEach  hcl.Expression
	provider string // provider configuration address ("aws.dr"), "" for the default
	body     hcl.Body
	// jsonAttrs are the arguments of a JSON body, meta-arguments removed;
	// native syntax bodies are walked directly.
	jsonAttrs hcl.Attributes
	lifecycle *hcl.Block
	defRange  hcl.Range
	// written are the names of the arguments body sets, kept when the
	// root module's evaluation has released body (instance.release):
	// writes still asks which arguments a resource sets.
	written []string
	// walks holds the walks of body that depend on nothing else, done at
	// most once: the declaration is kept with its parsed file across the
	// root modules of a Load (parseCache), and each root that loads the
	// module walked the body again, to order it (buildGraph) and to check
	// its references (checkReferences), as each instance reads them. nil
	// walks each time.
	walks *resourceWalks
}

// resourceWalks are the memoised walks of a resource body. Bundled models
// are parsed once for the process, so they may be read concurrently.
type resourceWalks struct {
	traversalsOnce sync.Once
	traversals     []hcl.Traversal // bodyTraversals(body, jsonAttrs)
	referencesOnce sync.Once
	references     []hcl.Traversal // syntaxBodyReferences(body, true, nil)
}

// setsArg reports whether the resource's body sets the argument name.
func (r *resourceDecl) setsArg(name string) bool {
	switch b := r.body.(type) {
	case nil:
		return slices.Contains(r.written, name)
	case *hclsyntax.Body:
		_, ok := b.Attributes[name]
		return ok
	}
	_, ok := r.jsonAttrs[name]
	return ok
}

// bodyTraversals returns every traversal in the resource's body, nested
// blocks included (bodyTraversals). The result is shared: callers must not
// modify it.
func (r *resourceDecl) bodyTraversals() []hcl.Traversal {
	if r.walks == nil {
		return bodyTraversals(r.body, r.jsonAttrs)
	}
	r.walks.traversalsOnce.Do(func() { r.walks.traversals = bodyTraversals(r.body, r.jsonAttrs) })
	return r.walks.traversals
}

// syntaxReferences returns the references of the resource's native-syntax
// body sb, its nested blocks included (syntaxBodyReferences). The result
// is shared: callers must not modify it.
func (r *resourceDecl) syntaxReferences(sb *hclsyntax.Body) []hcl.Traversal {
	if r.walks == nil {
		return syntaxBodyReferences(sb, true, nil)
	}
	r.walks.referencesOnce.Do(func() { r.walks.references = syntaxBodyReferences(sb, true, nil) })
	return r.walks.references
}

// key is the resource's address within its module, without instance key.
func (r *resourceDecl) key() string {
	if r.mode == "data" {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

type callDecl struct {
	name    string
	source  string
	version string
	// versionUnread is set when the call writes a version that is not a
	// literal string (Terraform rejects it), so that version is "" without
	// meaning that nothing constrains it.
	versionUnread bool
	count         hcl.Expression
	forEach       hcl.Expression
	providers     []providerPass
	inputs        hcl.Attributes
	defRange      hcl.Range
}

// providerPass is one entry of a module call's `providers` map.
type providerPass struct {
	child  string // address inside the child ("aws" or "aws.west")
	parent string // address in the calling module
}

type providerDecl struct {
	name   string
	alias  string
	region *hcl.Attribute
	// defaultTags is the tags argument of the default_tags block, if any;
	// dynamicTags is set when default_tags is written as a dynamic block,
	// whose content the loader does not expand.
	defaultTags *hcl.Attribute
	dynamicTags bool
	// credentials are the arguments that carry secrets (access_key,
	// secret_key, token), in the order written; a configuration that sets
	// one becomes a pseudo-resource of mode "provider" that rules read.
	credentials []*hcl.Attribute
	// accountIDs is allowed_account_ids, roleARN assume_role's role_arn,
	// and selectsAccount is set when the configuration selects its
	// credentials some other way the scanner cannot place (a profile,
	// keys, a web identity, credential files): together they are the
	// account its resources are in (scanner.Resource.Account).
	accountIDs, roleARN *hcl.Attribute
	selectsAccount      bool
	defRange            hcl.Range
}

func (p *providerDecl) addr() string {
	if p.alias != "" {
		return p.name + "." + p.alias
	}
	return p.name
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "type"}, {Name: "default"}, {Name: "nullable"}, {Name: "sensitive"},
}}

var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}, {Name: "sensitive"}}}

// providerCredentialArgs are the provider arguments that hold a secret.
var providerCredentialArgs = []string{"access_key", "secret_key", "token"}

var providerSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "alias"}, {Name: "region"}, {Name: "access_key"}, {Name: "secret_key"}, {Name: "token"},
		{Name: "allowed_account_ids"}, {Name: "profile"}, {Name: "shared_credentials_files"}, {Name: "shared_credentials_file"}, {Name: "shared_config_files"}},
	Blocks: []hcl.BlockHeaderSchema{{Type: "default_tags"}, {Type: "dynamic", LabelNames: []string{"type"}},
		{Type: "assume_role"}, {Type: "assume_role_with_web_identity"}},
}

// providerAccountArgs are the provider arguments that select credentials,
// and with them an account, other than allowed_account_ids and
// assume_role (providerDecl.selectsAccount).
var providerAccountArgs = []string{"profile", "shared_credentials_files", "shared_credentials_file", "shared_config_files", "access_key"}

var assumeRoleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "role_arn"}}}

var defaultTagsSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "tags"}}}

var resourceMetaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}, {Name: "provider"}, {Name: "depends_on"}},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "lifecycle"},
		{Type: "provisioner", LabelNames: []string{"type"}},
		{Type: "connection"},
	},
}

var callSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "source"}, {Name: "version"}, {Name: "count"}, {Name: "for_each"},
	{Name: "providers"}, {Name: "depends_on"},
}}

// resourceMeta are the meta-arguments of resource blocks: they are not
// recorded as arguments.
var resourceMeta = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// fileConfig is what one file declares.
type fileConfig struct {
	variables []*variableDecl
	locals    []*localDecl
	outputs   []*outputDecl
	resources []*resourceDecl
	calls     []*callDecl
	providers []*providerDecl
	// requiredProviders are the version constraints of the file's
	// terraform { required_providers { … } } blocks, by local name.
	requiredProviders map[string][]string
	// override is set for override files (override.tf, *_override.tf),
	// which mergeFiles applies after the others.
	override bool
	diags    hcl.Diagnostics
}

// decodeFile reads the top-level declarations of a parsed file. Unknown
// block types are ignored: Terraform grows new ones (import, removed, check,
// ephemeral, action…) and a scanner must not stop at them.
func decodeFile(f *hcl.File) *fileConfig {
	fc := &fileConfig{}
	content, _, diags := f.Body.PartialContent(fileSchema)
	fc.diags = append(fc.diags, diags...)
	for _, b := range content.Blocks {
		switch b.Type {
		case "terraform":
			decodeRequiredProviders(b, fc)
		case "variable":
			fc.variables = append(fc.variables, decodeVariable(b, &fc.diags))
		case "locals":
			attrs, d := b.Body.JustAttributes()
			fc.diags = append(fc.diags, d...)
			for _, a := range sortedAttrs(attrs) {
				fc.locals = append(fc.locals, &localDecl{name: a.Name, expr: a.Expr, rng: a.Range})
			}
		case "output":
			c, _, d := b.Body.PartialContent(outputSchema)
			fc.diags = append(fc.diags, d...)
			o := &outputDecl{name: b.Labels[0], rng: b.DefRange}
			if a, ok := c.Attributes["value"]; ok {
				o.expr = a.Expr
			}
			o.sensitive, _ = constBool(c.Attributes["sensitive"])
			fc.outputs = append(fc.outputs, o)
		case "resource", "data":
			mode := "managed"
			if b.Type == "data" {
				mode = "data"
			}
			fc.resources = append(fc.resources, decodeResource(mode, b, &fc.diags))
		case "module":
			fc.calls = append(fc.calls, decodeCall(b, &fc.diags))
		case "provider":
			c, _, d := b.Body.PartialContent(providerSchema)
			fc.diags = append(fc.diags, d...)
			p := &providerDecl{name: b.Labels[0], defRange: b.DefRange, region: c.Attributes["region"]}
			p.accountIDs = c.Attributes["allowed_account_ids"]
			for _, name := range providerAccountArgs {
				if _, ok := c.Attributes[name]; ok {
					p.selectsAccount = true
				}
			}
			for _, name := range providerCredentialArgs {
				if a, ok := c.Attributes[name]; ok {
					p.credentials = append(p.credentials, a)
				}
			}
			for _, nb := range c.Blocks {
				switch {
				case nb.Type == "default_tags" && p.defaultTags == nil:
					tc, _, d := nb.Body.PartialContent(defaultTagsSchema)
					fc.diags = append(fc.diags, d...)
					p.defaultTags = tc.Attributes["tags"]
				case nb.Type == "dynamic" && nb.Labels[0] == "default_tags":
					p.dynamicTags = true
				case nb.Type == "assume_role":
					// Roles chained in several blocks end in the last one's account.
					ac, _, d := nb.Body.PartialContent(assumeRoleSchema)
					fc.diags = append(fc.diags, d...)
					p.roleARN = ac.Attributes["role_arn"]
					p.selectsAccount = p.selectsAccount || p.roleARN == nil
				case nb.Type == "assume_role_with_web_identity", nb.Type == "dynamic" && nb.Labels[0] == "assume_role":
					p.selectsAccount = true
				}
			}
			if a, ok := c.Attributes["alias"]; ok {
				if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					p.alias = v.AsString()
				}
			}
			fc.providers = append(fc.providers, p)
		}
	}
	return fc
}

func decodeVariable(b *hcl.Block, diags *hcl.Diagnostics) *variableDecl {
	v := &variableDecl{name: b.Labels[0], typ: cty.DynamicPseudoType, rng: b.DefRange}
	c, _, d := b.Body.PartialContent(variableSchema)
	*diags = append(*diags, d...)
	if a, ok := c.Attributes["type"]; ok {
		v.typ, v.defaults, v.parseHCL = variableType(a.Expr)
	}
	if a, ok := c.Attributes["default"]; ok {
		v.def = a.Expr
	}
	if nullable, ok := constBool(c.Attributes["nullable"]); ok {
		v.notNullable = !nullable
	}
	v.sensitive, _ = constBool(c.Attributes["sensitive"])
	return v
}

// constBool reads an optional constant bool argument (nullable,
// sensitive); ok is false when it is absent or not a constant bool.
func constBool(a *hcl.Attribute) (value, ok bool) {
	if a == nil {
		return false, false
	}
	v, d := a.Expr.Value(nil)
	if d.HasErrors() || v.IsMarked() || !v.IsKnown() || v.IsNull() || v.Type() != cty.Bool {
		return false, false
	}
	return v.True(), true
}

// variableType reads a type constraint, accepting the legacy quoted forms
// ("string", "list", "map") that Terraform 0.11 wrote. A constraint that
// does not parse is treated as `any`: the scanner cares about values.
func variableType(expr hcl.Expression) (cty.Type, *typeexpr.Defaults, bool) {
	if v, d := expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
		switch v.AsString() {
		case "string":
			return cty.String, nil, false
		case "list":
			return cty.List(cty.DynamicPseudoType), nil, true
		case "map":
			return cty.Map(cty.DynamicPseudoType), nil, true
		}
		return cty.DynamicPseudoType, nil, false
	}
	ty, defaults, d := typeexpr.TypeConstraintWithDefaults(expr)
	if d.HasErrors() {
		return cty.DynamicPseudoType, nil, false
	}
	return ty, defaults, !ty.IsPrimitiveType()
}

func decodeResource(mode string, b *hcl.Block, diags *hcl.Diagnostics) *resourceDecl {
	r := &resourceDecl{mode: mode, typ: b.Labels[0], name: b.Labels[1], body: b.Body, defRange: b.DefRange, walks: &resourceWalks{}}
	c, rest, d := b.Body.PartialContent(resourceMetaSchema)
	*diags = append(*diags, d...)
	if a, ok := c.Attributes["count"]; ok {
		r.count = a.Expr
	}
	if a, ok := c.Attributes["for_each"]; ok {
		r.forEach = a.Expr
	}
	if a, ok := c.Attributes["provider"]; ok {
		r.provider = providerAddr(a.Expr)
	}
	for _, blk := range c.Blocks {
		if blk.Type == "lifecycle" && r.lifecycle == nil {
			r.lifecycle = blk
		}
	}
	if _, ok := b.Body.(*hclsyntax.Body); !ok {
		attrs, d := rest.JustAttributes()
		*diags = append(*diags, d...)
		r.jsonAttrs = attrs
	}
	return r
}

// providerAddr reads a provider reference (`aws.dr`, or "aws.dr" in JSON).
func providerAddr(expr hcl.Expression) string {
	if tr, d := hcl.AbsTraversalForExpr(expr); !d.HasErrors() {
		return traversalString(tr)
	}
	if v, d := expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
		return v.AsString()
	}
	return ""
}

// traversalString renders a traversal of names as dotted text.
func traversalString(tr hcl.Traversal) string {
	var sb strings.Builder
	for i, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			sb.WriteString(s.Name)
		case hcl.TraverseAttr:
			if i > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(s.Name)
		case hcl.TraverseIndex:
			sb.WriteString(instanceKey(s.Key))
		}
	}
	return sb.String()
}

func decodeCall(b *hcl.Block, diags *hcl.Diagnostics) *callDecl {
	c := &callDecl{name: b.Labels[0], defRange: b.DefRange}
	content, rest, d := b.Body.PartialContent(callSchema)
	*diags = append(*diags, d...)
	if a, ok := content.Attributes["source"]; ok {
		if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			c.source = v.AsString()
		}
	}
	if a, ok := content.Attributes["version"]; ok {
		if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			c.version = v.AsString()
		} else {
			c.versionUnread = true
		}
	}
	if a, ok := content.Attributes["count"]; ok {
		c.count = a.Expr
	}
	if a, ok := content.Attributes["for_each"]; ok {
		c.forEach = a.Expr
	}
	if a, ok := content.Attributes["providers"]; ok {
		pairs, d := hcl.ExprMap(a.Expr)
		*diags = append(*diags, d...)
		for _, p := range pairs {
			child := providerAddr(p.Key)
			parent := providerAddr(p.Value)
			if child != "" && parent != "" {
				c.providers = append(c.providers, providerPass{child: child, parent: parent})
			}
		}
	}
	attrs, d := rest.JustAttributes()
	*diags = append(*diags, d...)
	c.inputs = attrs
	return c
}

// sortedAttrs returns attributes in source order.
func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return rangeLess(out[i].Range, out[j].Range) })
	return out
}

func rangeLess(a, b hcl.Range) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	return a.Start.Byte < b.Start.Byte
}

// mergeFiles builds the module from its files' declarations, in filename
// order. Duplicates are Terraform errors; the first declaration wins.
func mergeFiles(dir string, files []*fileConfig, diags *[]scanner.Diagnostic) *moduleConfig {
	m := &moduleConfig{dir: dir, variables: map[string]*variableDecl{}, localsByName: map[string]*localDecl{}, children: map[*callDecl]*moduleConfig{}}
	// Declarations are told apart by kind and name, and resources by
	// mode, type and name, without making a string of either: a module of
	// 16,000 resources made two strings for each and grew both the map
	// and m.resources from empty.
	nres := 0
	for _, f := range files {
		if !f.override {
			nres += len(f.resources)
		}
	}
	type declKey struct{ kind, name string }
	type resourceKey struct{ mode, typ, name string }
	seen := map[declKey]hcl.Range{}
	seenResources := make(map[resourceKey]hcl.Range, nres)
	if nres > 0 {
		m.resources = make([]*resourceDecl, 0, nres)
	}
	duplicate := func(kind, name string, rng, first hcl.Range) {
		*diags = append(*diags, scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.RangeOf(rng),
			Summary:  fmt.Sprintf("Duplicate %s %q", kind, name),
			Detail:   "already declared at " + first.String(),
		})
	}
	dup := func(kind, name string, rng hcl.Range) bool {
		k := declKey{kind, name}
		if first, ok := seen[k]; ok {
			duplicate(kind, name, rng, first)
			return true
		}
		seen[k] = rng
		return false
	}
	dupResource := func(r *resourceDecl) bool {
		k := resourceKey{r.mode, r.typ, r.name}
		if first, ok := seenResources[k]; ok {
			duplicate("resource", r.key(), r.defRange, first)
			return true
		}
		seenResources[k] = r.defRange
		return false
	}
	var overrides []*fileConfig
	for _, f := range files {
		if f.override {
			overrides = append(overrides, f)
			continue
		}
		for name, cs := range f.requiredProviders {
			if m.requiredProviders == nil {
				m.requiredProviders = map[string][]string{}
			}
			m.requiredProviders[name] = append(m.requiredProviders[name], cs...)
		}
		for _, v := range f.variables {
			if !dup("variable", v.name, v.rng) {
				m.variables[v.name] = v
			}
		}
		for _, l := range f.locals {
			if !dup("local value", l.name, l.rng) {
				m.locals = append(m.locals, l)
				m.localsByName[l.name] = l
			}
		}
		for _, o := range f.outputs {
			if !dup("output", o.name, o.rng) {
				m.outputs = append(m.outputs, o)
			}
		}
		for _, r := range f.resources {
			if !dupResource(r) {
				m.resources = append(m.resources, r)
			}
		}
		for _, c := range f.calls {
			if !dup("module call", c.name, c.defRange) {
				m.calls = append(m.calls, c)
			}
		}
		for _, p := range f.providers {
			if !dup("provider configuration", p.addr(), p.defRange) {
				m.providers = append(m.providers, p)
			}
		}
	}
	applyOverrides(m, overrides, diags)
	m.managedByAddr = make(map[resourceAddr]*resourceDecl, len(m.resources))
	for _, r := range m.resources {
		a := resourceAddr{typ: r.typ, name: r.name}
		if _, ok := m.managedByAddr[a]; r.mode == "managed" && !ok {
			m.managedByAddr[a] = r
		}
	}
	return m
}

// resourceAddr is a managed resource's type and name.
type resourceAddr struct{ typ, name string }

// local returns the local value declared with name, or nil.
func (m *moduleConfig) local(name string) *localDecl {
	return m.localsByName[name]
}

// declaresInput reports whether m declares an input variable name, or
// only an override file does (an error of its own, missingBase): a call
// may set it without a second error.
func (m *moduleConfig) declaresInput(name string) bool {
	_, ok := m.variables[name]
	return ok || m.overrideOnly[name]
}

// undeclaredInputs reports the arguments of a module call that its module
// declares no input variable for: Terraform rejects the call ("Unsupported
// argument"), and the value would reach nothing, so it must not pass
// unsaid.
func undeclaredInputs(c *callDecl, child *moduleConfig) []scanner.Diagnostic {
	var out []scanner.Diagnostic
	for _, a := range sortedAttrs(c.inputs) {
		if child.declaresInput(a.Name) {
			continue
		}
		out = append(out, scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.RangeOf(a.NameRange),
			Summary:  "Unsupported argument",
			Detail:   fmt.Sprintf("module %q (source %q) declares no input variable %q; Terraform rejects the configuration.", c.name, c.source, a.Name),
		})
	}
	return out
}
