package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tfjson"
)

// isShowJSON reports whether a file given on its own is to be read as the
// output of `terraform show -json` (a plan or a state) rather than as a
// configuration file: a JSON document that is not named like a
// configuration file, or one that is but has format_version at the top
// level. Anything JSON-like that is not a configuration is then read, and
// rejected, by tfjson.Read, so that `[]` or `{}` is an error, never an empty
// scan.
func isShowJSON(name string, data []byte) bool {
	data = bytes.TrimSpace(data)
	if strings.HasSuffix(name, ".tf") {
		return false
	}
	if !strings.HasSuffix(name, ".tf.json") {
		return len(data) > 0 && (data[0] == '{' || data[0] == '[')
	}
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	// Read only as far as the top-level key that tells, so that a large
	// configuration is not decoded twice.
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if tok == "format_version" {
			return true
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// planConfig is what the configuration part of a plan says about one
// resource block.
type planConfig struct {
	providerKey string
	exprs       map[string]any // argument → its expression, decoded
	// refs are the references of its arguments, by module prefix (the
	// instance's module address) and argument, once worked out: every
	// instance of a block with count or for_each has the same.
	refs map[string]map[string][]string
}

// argRefs is the refTree of argument name of an instance of c in the
// module of p's prefix, whose references are worked out once.
func (c *planConfig) argRefs(p planExprRefs, name string) refTree {
	if c.refs == nil {
		c.refs = map[string]map[string][]string{}
	}
	cache := c.refs[p.prefix]
	if cache == nil {
		cache = map[string][]string{}
		c.refs[p.prefix] = cache
	}
	return memoRefs{planExprRefs: p, cache: cache, name: name}
}

// memoRefs is a planExprRefs whose references are kept in cache under
// name. The slices are shared by the values of every instance, as the
// values of a module's instances share theirs; nobody changes them.
type memoRefs struct {
	planExprRefs
	cache map[string][]string
	name  string
}

func (m memoRefs) all() []string {
	refs, ok := m.cache[m.name]
	if !ok {
		refs = m.planExprRefs.all()
		m.cache[m.name] = refs
	}
	return refs
}

// loadPlan reads the resources of `terraform show -json` output. Of a plan:
// planned values with the values only known after apply (after_unknown) as
// unknowns, each resource's region from its provider configuration, and
// references from the configuration. Of a state: its values, which are all
// known (a state records no configuration, so no references or regions
// from providers). All of a resource's ranges are the line of its entry in
// planned_values (values for a state). Anything else is one error on the
// file.
func loadPlan(name string, data []byte, res *Result) {
	defer func() {
		if r := recover(); r != nil {
			res.addDiag(scanner.Diagnostic{Severity: scanner.DiagError, Range: scanner.Range{Filename: name}, Summary: "Internal error while reading plan", Detail: fmt.Sprint(r)})
		}
	}()
	plan, kind, err := tfjson.Read(data)
	if err != nil {
		res.addDiag(showJSONErrorDiag(name, err))
		return
	}
	if kind == tfjson.KindState {
		pl := &planLoader{name: name, res: res, positions: addressPositions(data, `"values"`)}
		for module, r := range plan.Values.Resources() {
			pl.resource(module, r)
		}
		return
	}
	// One entry per resource change, pointing into the plan (a later
	// change to the same address replaces an earlier one).
	changes := make(map[string]*tfjson.Change, len(plan.ResourceChanges))
	for i := range plan.ResourceChanges {
		changes[plan.ResourceChanges[i].Address] = &plan.ResourceChanges[i].Change
	}
	configs := map[string]*planConfig{}
	collectPlanConfig("", plan.Configuration.RootModule, configs)
	lines := addressPositions(data, `"planned_values"`)
	vars := make(map[string]json.RawMessage, len(plan.Variables))
	for k, v := range plan.Variables {
		vars[k] = v.Value
	}
	pl := &planLoader{name: name, res: res, changes: changes, configs: configs,
		providers: plan.Configuration.ProviderConfig, positions: lines, vars: vars,
		sensitiveVars: plan.Configuration.RootModule.Variables}
	for module, r := range plan.PlannedValues.Resources() {
		pl.resource(module, r)
	}
	// Data sources read during planning are in the prior state only.
	pl.dataOnly = true
	for module, r := range plan.PriorState.Values.Resources() {
		pl.resource(module, r)
	}
}

type planLoader struct {
	name string
	res  *Result
	// changes are the resource changes by address: after (the values),
	// after_unknown, after_sensitive and before_sensitive.
	changes   map[string]*tfjson.Change
	configs   map[string]*planConfig // by configuration address (no instance keys)
	providers map[string]tfjson.ProviderConfig
	positions map[string]hcl.Pos
	vars      map[string]json.RawMessage // root module variables' values
	// sensitiveVars are the root module's declarations, which say which
	// variables are sensitive.
	sensitiveVars map[string]tfjson.ConfigVariable
	// dataOnly is set while reading the prior state, for the data sources
	// that planned_values leaves out.
	dataOnly bool
	loaded   map[string]bool
}

func (pl *planLoader) resource(modAddr string, pr tfjson.Resource) {
	if pl.loaded[pr.Address] || (pl.dataOnly && pr.Mode != "data") {
		return
	}
	if pl.loaded == nil {
		pl.loaded = map[string]bool{}
	}
	pl.loaded[pr.Address] = true
	rng := scanner.Range{Filename: pl.name}
	if pos, ok := pl.positions[pr.Address]; ok {
		rng.StartLine, rng.StartColumn = pos.Line, pos.Column
		rng.EndLine, rng.EndColumn = pos.Line, pos.Column+len(`"address":`)+len(pr.Address)+2
	}
	values := pr.Values
	var unknownRaw json.RawMessage
	sensRaws := []json.RawMessage{pr.SensitiveValues}
	if ch := pl.changes[pr.Address]; ch != nil {
		if len(ch.After) > 0 && string(ch.After) != "null" {
			values = ch.After
		}
		unknownRaw = ch.AfterUnknown
		sensRaws = append(sensRaws, ch.AfterSensitive, ch.BeforeSensitive)
	}
	attrs, ok := planAttrs(values, unknownRaw)
	if !ok {
		var err error
		if attrs, err = planAttrsSlow(values, unknownRaw); err != nil {
			pl.res.addDiag(scanner.Diagnostic{Severity: scanner.DiagError, Range: rng, Summary: "Invalid resource values in plan", Detail: err.Error()})
			return
		}
	}
	sens := sensitiveMarks(sensRaws)
	mode := "managed"
	blockType := "resource"
	if pr.Mode == "data" {
		mode, blockType = "data", "data"
	}
	cfgAddr := configAddress(pr.Address)
	cfg := pl.configs[cfgAddr]
	if cfg != nil && mode == "managed" && unknownRaw != nil {
		dropDefaulted(pr.Type, attrs, cfg.exprs)
	}
	prefix := ""
	if modAddr != "" {
		prefix = modAddr + "."
	}
	block := scanner.NewBlockSized(blockType, rng, len(attrs))
	names := make([]string, 0, len(attrs))
	for k := range attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := remark(attrs[k], sens.under(k))
		refs := planExprRefs{prefix: prefix}
		var tree refTree = refs
		if cfg != nil {
			refs.expr = cfg.exprs[k]
			tree = cfg.argRefs(refs, k)
		}
		if v.IsKnown() && v.IsNull() && refs.expr == nil {
			continue // providers render every unset argument as null
		}
		setValue(block, k, v, rng, tree)
	}
	providerKey := ""
	if cfg != nil {
		providerKey = cfg.providerKey
	}
	provAddr, region := pl.provider(providerKey, rng)
	r := &scanner.Resource{
		Root:     pl.name,
		Address:  pr.Address,
		Mode:     mode,
		Type:     pr.Type,
		Name:     pr.Name,
		Module:   modAddr,
		Provider: provAddr,
		Block:    block,
	}
	r.SetRegion(resourceRegion(block, &providerConf{addr: provAddr, region: region}))
	if account := pl.account(providerKey); account.Present {
		r.SetAccount(&account)
	}
	pl.res.Resources = append(pl.res.Resources, r)
}

// provider resolves a provider_config_key, following parent_key from a
// module's configuration to the one its caller passed.
func (pl *planLoader) provider(key string, rng scanner.Range) (string, scanner.Value) {
	region := scanner.Value{Name: "region", Val: cty.NilVal, Range: rng}
	if key == "" {
		return "", region
	}
	key = pl.resolveProviderKey(key)
	addr := strings.Replace(key, ":", ".", 1)
	pc, ok := pl.providers[key]
	if !ok {
		return addr, region
	}
	if e, ok := pc.Expressions["region"]; ok {
		region.Present = true
		region.Val = cty.UnknownVal(cty.String)
		var s string
		switch {
		case len(e.ConstantValue) > 0 && json.Unmarshal(e.ConstantValue, &s) == nil:
			region.Val = cty.StringVal(s)
		case pc.ModuleAddress == "" && len(e.References) == 1 && strings.HasPrefix(e.References[0], "var."):
			// region = var.x in the root module: the plan records x's value.
			name := strings.TrimPrefix(e.References[0], "var.")
			if raw, ok := pl.vars[name]; ok && json.Unmarshal(raw, &s) == nil {
				region.Val = cty.StringVal(s)
				if pl.sensitiveVars[name].Sensitive {
					region = region.WithSensitive([]cty.Path{{}})
				}
			}
		}
	}
	return addr, region
}

// account reads the account the provider configuration of key selects
// (scanner.Resource.Account) from the plan's configuration: one constant
// allowed account, else the account of the last assume_role's constant
// role_arn; unknown when it selects credentials another way or by values
// the plan does not record as constants; absent when it selects none.
func (pl *planLoader) account(key string) scanner.Value {
	out := scanner.Value{Name: "account", Val: cty.NilVal}
	if key == "" {
		return out
	}
	pc, ok := pl.providers[pl.resolveProviderKey(key)]
	if !ok {
		return out
	}
	known := func(id string) scanner.Value {
		out.Val, out.Present = cty.StringVal(id), true
		return out
	}
	if e, ok := pc.Expressions["allowed_account_ids"]; ok {
		var ids []string
		if json.Unmarshal(e.ConstantValue, &ids) == nil && len(ids) == 1 {
			return known(ids[0])
		}
		out.Val, out.Present = cty.UnknownVal(cty.String), true
		return out
	}
	if e, ok := pc.Expressions["assume_role"]; ok {
		var arn string
		if n := len(e.Blocks); n > 0 && json.Unmarshal(e.Blocks[n-1]["role_arn"].ConstantValue, &arn) == nil {
			if parts := strings.SplitN(arn, ":", 6); len(parts) == 6 && parts[0] == "arn" && parts[4] != "" {
				return known(parts[4])
			}
		}
		out.Val, out.Present = cty.UnknownVal(cty.String), true
		return out
	}
	for _, name := range append([]string{"assume_role_with_web_identity"}, providerAccountArgs...) {
		if _, ok := pc.Expressions[name]; ok {
			out.Val, out.Present = cty.UnknownVal(cty.String), true
		}
	}
	return out
}

// resolveProviderKey follows parent_key from a module's provider
// configuration to the one its caller passed, and falls back from a module
// without its own configuration ("module.a:aws") to its caller's, as
// Terraform's implicit inheritance does.
func (pl *planLoader) resolveProviderKey(key string) string {
	for range 64 {
		pc, ok := pl.providers[key]
		switch {
		case ok && pc.ParentKey != "" && pc.ParentKey != key:
			key = pc.ParentKey
		case ok:
			return key
		default:
			mod, prov, found := strings.Cut(key, ":")
			if !found {
				return key
			}
			if i := strings.LastIndex(mod, ".module."); i >= 0 {
				key = mod[:i] + ":" + prov
			} else {
				key = prov
			}
		}
	}
	return key
}

// collectPlanConfig indexes the configuration's resources by their static
// address (`module.a.aws_s3_bucket.b`).
func collectPlanConfig(prefix string, m tfjson.ConfigModule, out map[string]*planConfig) {
	for _, r := range m.Resources {
		c := &planConfig{providerKey: r.ProviderConfigKey, exprs: map[string]any{}}
		for name, raw := range r.Expressions {
			var v any
			if json.Unmarshal(raw, &v) == nil {
				c.exprs[name] = v
			}
		}
		out[prefix+r.Address] = c
	}
	names := make([]string, 0, len(m.ModuleCalls))
	for n := range m.ModuleCalls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		collectPlanConfig(prefix+"module."+n+".", m.ModuleCalls[n].Module, out)
	}
}

// planExprRefs is the refTree of a plan's configuration expression: an
// expression object with "references", or for a nested block an array of
// objects of expressions.
type planExprRefs struct {
	prefix string
	expr   any
}

func (p planExprRefs) all() []string {
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case map[string]any:
			if refs, ok := t["references"].([]any); ok {
				for _, r := range refs {
					if s, ok := r.(string); ok {
						out = append(out, s)
					}
				}
			}
			for k, e := range t {
				if k != "references" && k != "constant_value" {
					walk(e)
				}
			}
		case []any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(p.expr)
	return planRefs(p.prefix, out)
}

func (p planExprRefs) element(i int) refTree {
	l, ok := p.expr.([]any)
	if !ok || len(l) == 0 {
		return p
	}
	if i >= len(l) {
		i = len(l) - 1 // dynamic blocks: one expression for many blocks
	}
	return planExprRefs{prefix: p.prefix, expr: l[i]}
}

func (p planExprRefs) attr(name string) refTree {
	m, ok := p.expr.(map[string]any)
	if !ok {
		return planExprRefs{prefix: p.prefix}
	}
	return planExprRefs{prefix: p.prefix, expr: m[name]}
}

// planRefs turns configuration references ("aws_kms_key.k.arn",
// "data.x.y", "module.m.out") into resource addresses in the module.
func planRefs(prefix string, refs []string) []string {
	var out []string
	for _, ref := range refs {
		tr, diags := hclsyntax.ParseTraversalAbs([]byte(ref), "", hcl.InitialPos)
		if diags.HasErrors() || len(tr) < 2 {
			continue
		}
		root := tr.RootName()
		switch {
		case root == "data":
			if typ, name := attrAt(tr, 1), attrAt(tr, 2); typ != "" && name != "" {
				out = append(out, prefix+"data."+typ+"."+name+keyAt(tr, 3))
			}
		case scopeRoots[root]:
		default:
			if name := attrAt(tr, 1); name != "" {
				out = append(out, prefix+root+"."+name+keyAt(tr, 2))
			}
		}
	}
	// Terraform lists both aws_kms_key.k.arn and aws_kms_key.k; keep the
	// most specific address per resource.
	out = dedupe(out)
	return pruneBaseRefs(out)
}

// pruneBaseRefs drops `a.b` when `a.b[key]` is also listed.
func pruneBaseRefs(refs []string) []string {
	keyed := map[string]bool{}
	for _, r := range refs {
		if b := scanner.BaseAddress(r); b != r {
			keyed[b] = true
		}
	}
	out := refs[:0]
	for _, r := range refs {
		if !keyed[r] {
			out = append(out, r)
		}
	}
	return out
}

// configAddress strips instance keys from an instance address:
// module.a["x"].aws_s3_bucket.b[0] → module.a.aws_s3_bucket.b.
func configAddress(addr string) string {
	var b strings.Builder
	depth := 0
	inString := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inString:
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
		case c == '"' && depth > 0:
			inString = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// planAttrs decodes a resource's values (an object; anything else has no
// attribute) with the values after_unknown marks as unknown, by
// attribute, as planAttrsSlow does. It reads both with decodeJSON, and is
// not ok for what decodeJSON leaves to go-cty (a repeated key, say), which
// planAttrsSlow then reads with encoding/json.
func planAttrs(values, unknown []byte) (map[string]cty.Value, bool) {
	var obj, unk map[string]cty.Value
	if len(values) > 0 {
		var ok bool
		if obj, ok = decodeJSONAttrs(values); !ok {
			return nil, false
		}
	}
	if len(unknown) > 0 {
		var ok bool
		if unk, ok = decodeJSONAttrs(unknown); !ok {
			return nil, false
		}
	}
	if obj == nil {
		obj = make(map[string]cty.Value, len(unk))
	}
	for k, u := range unk {
		obj[k] = markUnknown(obj[k], u)
	}
	return obj, true
}

// markUnknown is jsonToCty for a value already converted: v (cty.NilVal
// when absent) with what the after_unknown marker u (cty.NilVal when
// none) marks as unknown.
func markUnknown(v, u cty.Value) cty.Value {
	if u == cty.NilVal {
		if v == cty.NilVal {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		return v
	}
	if u.Type() == cty.Bool && u.True() {
		return cty.DynamicVal
	}
	if v == cty.NilVal || v.IsNull() {
		if u.Type().IsObjectType() && u.LengthInt() > 0 {
			return markUnknown(cty.EmptyObjectVal, u)
		}
		return cty.NullVal(cty.DynamicPseudoType)
	}
	switch ty := v.Type(); {
	case ty.IsTupleType():
		var ul []cty.Value
		if u.Type().IsTupleType() {
			ul = u.AsValueSlice()
		}
		t := v.AsValueSlice()
		if len(ul) == 0 {
			return v
		}
		elems := make([]cty.Value, max(len(t), len(ul)))
		for i := range elems {
			var e, eu cty.Value
			if i < len(t) {
				e = t[i]
			}
			if i < len(ul) {
				eu = ul[i]
			}
			elems[i] = markUnknown(e, eu)
		}
		return cty.TupleVal(elems)
	case ty.IsObjectType():
		if !u.Type().IsObjectType() || u.LengthInt() == 0 {
			return v
		}
		attrs := v.AsValueMap()
		if attrs == nil {
			attrs = map[string]cty.Value{}
		}
		for k, e := range u.AsValueMap() {
			attrs[k] = markUnknown(attrs[k], e)
		}
		return cty.ObjectVal(attrs)
	}
	return v
}

// planAttrsSlow is planAttrs through encoding/json and jsonToCty.
func planAttrsSlow(values, unknownRaw []byte) (map[string]cty.Value, error) {
	var raw any
	if len(values) > 0 {
		dec := json.NewDecoder(bytes.NewReader(values))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
	}
	var unknown any
	if len(unknownRaw) > 0 {
		_ = json.Unmarshal(unknownRaw, &unknown) // a malformed after_unknown only loses unknown markers
	}
	obj, _ := raw.(map[string]any)
	unk, _ := unknown.(map[string]any)
	out := make(map[string]cty.Value, len(obj)+len(unk))
	for k := range obj {
		out[k] = jsonToCty(obj[k], unk[k])
	}
	for k := range unk {
		if _, ok := obj[k]; !ok {
			out[k] = jsonToCty(nil, unk[k])
		}
	}
	return out, nil
}

// jsonToCty converts a decoded JSON value to cty, marking as unknown what
// after_unknown marks. Arrays become tuples and objects objects, which is
// what rules read through Value and Block.
func jsonToCty(v, unknown any) cty.Value {
	if u, ok := unknown.(bool); ok && u {
		return cty.DynamicVal
	}
	switch t := v.(type) {
	case nil:
		if um, ok := unknown.(map[string]any); ok && len(um) > 0 {
			return jsonToCty(map[string]any{}, um)
		}
		return cty.NullVal(cty.DynamicPseudoType)
	case bool:
		return cty.BoolVal(t)
	case string:
		return cty.StringVal(t)
	case json.Number:
		n, err := cty.ParseNumberVal(t.String())
		if err != nil {
			return cty.DynamicVal
		}
		return n
	case []any:
		ul, _ := unknown.([]any)
		if len(t) == 0 && len(ul) == 0 {
			return cty.EmptyTupleVal
		}
		n := len(t)
		if len(ul) > n {
			n = len(ul)
		}
		elems := make([]cty.Value, n)
		for i := range elems {
			var e, u any
			if i < len(t) {
				e = t[i]
			}
			if i < len(ul) {
				u = ul[i]
			}
			elems[i] = jsonToCty(e, u)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		um, _ := unknown.(map[string]any)
		attrs := make(map[string]cty.Value, len(t)+len(um))
		for k, e := range t {
			attrs[k] = jsonToCty(e, um[k])
		}
		for k, u := range um {
			if _, ok := attrs[k]; !ok {
				attrs[k] = jsonToCty(nil, u)
			}
		}
		return cty.ObjectVal(attrs)
	}
	return cty.DynamicVal
}

// addressPositions finds where each resource's entry is written: the first
// `"address": "…"` for that address after the key section
// (`"planned_values"` in a plan, `"values"` in a state). It reads the text,
// not the JSON (as the regular expression `"address"\s*:\s*"((?:[^"\\]|\\.)*)"`
// would, leftmost first): whatever follows `"address"` may not be a key.
func addressPositions(data []byte, section string) map[string]hcl.Pos {
	start := bytes.Index(data, []byte(section))
	if start < 0 {
		return nil
	}
	out := map[string]hcl.Pos{}
	line, lineStart, scanned := 1, 0, 0
	key := []byte(`"address"`)
	for pos := start; ; {
		i := bytes.Index(data[pos:], key)
		if i < 0 {
			break
		}
		off := pos + i
		body, end, ok := addressValue(data, off+len(key))
		if !ok {
			pos = off + 1
			continue
		}
		pos = end
		addr, ok := tfjson.Unquote(data[body-1 : end]) // data is valid JSON: tfjson.Read read it
		if !ok {
			continue
		}
		if _, ok := out[addr]; ok {
			continue
		}
		for ; scanned < off; scanned++ {
			if data[scanned] == '\n' {
				line++
				lineStart = scanned + 1
			}
		}
		out[addr] = hcl.Pos{Line: line, Column: off - lineStart + 1, Byte: off}
	}
	return out
}

// addressValue matches `\s*:\s*"((?:[^"\\]|\\.)*)"` at i: it returns where
// the string's content starts and where the match ends (after the closing
// quote). \s is RE2's: space, \t, \n, \f, \r; `.` is any character but
// a newline.
func addressValue(data []byte, i int) (body, end int, ok bool) {
	space := func() {
		for i < len(data) && strings.IndexByte(" \t\n\f\r", data[i]) >= 0 {
			i++
		}
	}
	space()
	if i >= len(data) || data[i] != ':' {
		return 0, 0, false
	}
	i++
	space()
	if i >= len(data) || data[i] != '"' {
		return 0, 0, false
	}
	i++
	body = i
	for i < len(data) {
		switch data[i] {
		case '"':
			return body, i + 1, true
		case '\\':
			if i+1 >= len(data) || data[i+1] == '\n' {
				return 0, 0, false
			}
			// A backslash and the character after it, which may take
			// more than one byte; those bytes are not quotes.
			i += 2
		default:
			i++
		}
	}
	return 0, 0, false
}

// showJSONErrorDiag is the error on a file that tfjson.Read rejected, at
// the place it names.
func showJSONErrorDiag(name string, err error) scanner.Diagnostic {
	d := scanner.Diagnostic{Severity: scanner.DiagError, Range: scanner.Range{Filename: name}, Summary: "Invalid plan or state JSON", Detail: err.Error()}
	var fe *tfjson.FormatError
	if errors.As(err, &fe) {
		d.Detail = fe.Message
		d.Range.StartLine, d.Range.StartColumn = fe.Line, fe.Column
		d.Range.EndLine, d.Range.EndColumn = fe.Line, fe.Column
	}
	return d
}

// sensitivePaths are the paths plan JSON marks sensitive in a resource's
// values (sensitive_values, after_sensitive, before_sensitive: a value
// sensitive in any of them is treated as sensitive).
type sensitivePaths []cty.Path

// sensitiveMarks reads the sensitive markers of a resource: JSON that
// mirrors its values with true where a value is sensitive. Malformed
// markers are ignored, as after_unknown's are.
func sensitiveMarks(raws []json.RawMessage) sensitivePaths {
	var out sensitivePaths
	for _, raw := range raws {
		// Only true marks a value sensitive: markers without it (most
		// resources' are {} or false) need no decoding.
		if len(raw) == 0 || !bytes.Contains(raw, []byte("true")) {
			continue
		}
		var m any
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		out = appendSensitive(out, nil, m)
	}
	return out
}

func appendSensitive(out sensitivePaths, p cty.Path, m any) sensitivePaths {
	switch t := m.(type) {
	case bool:
		if t {
			out = append(out, p.Copy())
		}
	case []any:
		for i, e := range t {
			out = appendSensitive(out, p.Index(cty.NumberIntVal(int64(i))), e)
		}
	case map[string]any:
		for k, e := range t {
			out = appendSensitive(out, p.GetAttr(k), e)
		}
	}
	return out
}

// under returns the paths within attribute name, relative to it.
func (s sensitivePaths) under(name string) []cty.Path {
	var out []cty.Path
	for _, p := range s {
		switch {
		case len(p) == 0:
			out = append(out, cty.Path{})
		case p[0] == cty.PathStep(cty.GetAttrStep{Name: name}):
			out = append(out, p[1:])
		}
	}
	return out
}
