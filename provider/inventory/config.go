package inventory

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Reading the inventory from a configuration's .tf files lets the reports
// run before the first apply. Only what the provider would know at plan
// time without other providers is read: literal values, and references from
// one soc2 resource to another (owner_id = soc2_control_owner.x.id), which
// are resolved by address with the ids the provider computes (an owner's
// e-mail, a control's control_id). Anything else (variables, locals,
// functions, other resources) is unknown, and reported as such. Modules are
// not followed.

// configAttrs are the attributes read per resource type.
var configAttrs = map[string][]string{
	TypeOwner:    {"name", "email", "title", "team"},
	TypeControl:  {"control_id", "title", "status", "owner_id", "backup_owner_id", "control_type", "automation", "frequency", "justification", "criteria", "scanner_rules"},
	TypeEvidence: {"control_id", "name", "frequency", "owner_id", "last_collected"},
	TypeScope:    {"categories_in_scope", "observation_window"},
}

// configOrder is the order resources are evaluated in, so that a reference
// finds what it names: owners first, evidence (which names controls) last.
var configOrder = []string{TypeOwner, TypeScope, TypeControl, TypeEvidence}

// configResource is one soc2 resource block.
type configResource struct {
	typ, name string
	attrs     hcl.Attributes
	rng       hcl.Range
}

func (r *configResource) address() string { return r.typ + "." + r.name }

// ParseConfig reads the inventory declared in the .tf and .tf.json files of
// the configuration in dir. A file that does not parse, or a value of the
// wrong type, is an error naming the file, line and column.
func ParseConfig(dir string) (*Inventory, error) {
	files, err := configFiles(dir)
	if err != nil {
		return nil, err
	}
	parser := hclparse.NewParser()
	inv := &Inventory{form: formConfig}
	files = skipOverrides(inv, files)
	byType := map[string][]*configResource{}
	var diags hcl.Diagnostics
	var provider hcl.Body
	for _, name := range files {
		var f *hcl.File
		var d hcl.Diagnostics
		if strings.HasSuffix(name, ".json") {
			f, d = parser.ParseJSONFile(name)
		} else {
			f, d = parser.ParseHCLFile(name)
		}
		diags = append(diags, d...)
		if f == nil || d.HasErrors() {
			continue
		}
		blocks, p, d := configBlocks(f.Body)
		diags = append(diags, d...)
		if p != nil {
			provider = p
		}
		for _, r := range blocks {
			byType[r.typ] = append(byType[r.typ], r)
		}
	}
	if diags.HasErrors() {
		return nil, diagError(diags)
	}
	ev := &configEval{inv: inv, vars: map[string]map[string]cty.Value{}}
	for _, typ := range configOrder {
		for _, r := range byType[typ] {
			ev.add(r)
		}
	}
	if len(inv.scopes) == 0 && provider != nil {
		ev.providerScope(provider)
	}
	if len(ev.errs) > 0 {
		return nil, &inputError{msgs: ev.errs}
	}
	return inv, nil
}

// skipOverrides leaves out override files (override.tf, *_override.tf),
// which Terraform merges into the other files' blocks: the reader does not
// merge, so it says that it did not read them.
func skipOverrides(inv *Inventory, files []string) []string {
	var out []string
	for _, f := range files {
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			inv.notes = append(inv.notes, Warning{Kind: warnUnknownValue, Address: "",
				Message: fmt.Sprintf("%s: override files are not merged when reading a configuration; its values are not read", f)})
			continue
		}
		out = append(out, f)
	}
	return out
}

// configFiles lists the configuration files of dir.
func configFiles(dir string) ([]string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", dir, errors.Unwrap(err))
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory: name the directory of the configuration", dir)
	}
	var files []string
	for _, pattern := range []string{"*.tf", "*.tf.json"} {
		matches, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, err
		}
		files = append(files, matches...)
	}
	slices.Sort(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .tf or .tf.json files", dir)
	}
	return files, nil
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "provider", LabelNames: []string{"name"}},
}}

// configBlocks returns a file's soc2 resource blocks and its soc2 provider
// block.
func configBlocks(body hcl.Body) ([]*configResource, hcl.Body, hcl.Diagnostics) {
	content, _, diags := body.PartialContent(fileSchema)
	var out []*configResource
	var provider hcl.Body
	for _, b := range content.Blocks {
		if b.Type == "provider" {
			if b.Labels[0] == "soc2" {
				provider = b.Body
			}
			continue
		}
		names, ok := configAttrs[b.Labels[0]]
		if !ok {
			continue
		}
		schema := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}, {Name: "provider"}}}
		for _, n := range names {
			schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: n})
		}
		c, _, d := b.Body.PartialContent(schema)
		diags = append(diags, d...)
		out = append(out, &configResource{typ: b.Labels[0], name: b.Labels[1], attrs: c.Attributes, rng: b.DefRange})
	}
	return out, provider, diags
}

// configEval evaluates resources in order, remembering each one's values
// for the references of those after it.
type configEval struct {
	inv  *Inventory
	vars map[string]map[string]cty.Value // type → name → object
	errs []string
}

func (ev *configEval) ctx() *hcl.EvalContext {
	vars := map[string]cty.Value{}
	for typ, byName := range ev.vars {
		vars[typ] = cty.ObjectVal(byName)
	}
	return &hcl.EvalContext{Variables: vars}
}

func (ev *configEval) add(r *configResource) {
	addr := r.address()
	for _, meta := range []string{"count", "for_each"} {
		if a, ok := r.attrs[meta]; ok {
			ev.inv.notes = append(ev.inv.notes, Warning{Kind: warnUnknownValue, Address: addr,
				Message: fmt.Sprintf("%s: %s is not expanded when reading a configuration; the block is read as one resource", rangeText(a.Range), meta)})
		}
	}
	reader := &configReader{res: invResource{address: addr, unknown: map[string]bool{}}, attrs: r.attrs, ctx: ev.ctx()}
	values := map[string]cty.Value{}
	switch r.typ {
	case TypeOwner:
		o := &invOwner{name: reader.str("name"), email: reader.str("email"), title: reader.str("title"), team: reader.str("team")}
		o.id = o.email
		reader.res.unknown["id"] = reader.res.isUnknown("email")
		o.invResource = reader.res
		ev.inv.owners = append(ev.inv.owners, o)
		values["id"], values["email"], values["name"] = reader.value("email"), reader.value("email"), reader.value("name")
	case TypeControl:
		c := &invControl{
			controlID: reader.str("control_id"), title: reader.str("title"), status: reader.str("status"),
			ownerID: reader.str("owner_id"), backupOwnerID: reader.str("backup_owner_id"),
			controlType: reader.str("control_type"), automation: reader.str("automation"),
			frequency: reader.str("frequency"), justification: reader.str("justification"),
			criteria: reader.strs("criteria"), scannerRules: reader.strs("scanner_rules"),
		}
		if _, set := r.attrs["status"]; !set {
			c.status = StatusPlanned // the provider's default
		}
		c.invResource = reader.res
		ev.inv.controls = append(ev.inv.controls, c)
		values["id"], values["control_id"], values["owner_id"] = reader.value("control_id"), reader.value("control_id"), reader.value("owner_id")
	case TypeEvidence:
		e := &invEvidence{
			controlID: reader.str("control_id"), name: reader.str("name"), frequency: reader.str("frequency"),
			ownerID: reader.str("owner_id"), lastCollected: reader.str("last_collected"),
		}
		e.id = e.controlID + "/" + e.name
		// Computed by the provider at plan time; the report recomputes them.
		reader.res.unknown["next_due"], reader.res.unknown["overdue"] = true, true
		e.invResource = reader.res
		ev.inv.evidence = append(ev.inv.evidence, e)
	case TypeScope:
		ev.inv.scopes = append(ev.inv.scopes, reader.scope(addr))
	}
	ev.errs = append(ev.errs, reader.errs...)
	if ev.vars[r.typ] == nil {
		ev.vars[r.typ] = map[string]cty.Value{}
	}
	ev.vars[r.typ][r.name] = cty.ObjectVal(values)
}

// providerScope reads categories_in_scope and observation_window from the
// soc2 provider block, when no soc2_scope resource records the scope.
func (ev *configEval) providerScope(body hcl.Body) {
	content, _, diags := body.PartialContent(&hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "categories_in_scope"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "observation_window"}},
	})
	if diags.HasErrors() {
		ev.errs = append(ev.errs, diagError(diags).Error())
		return
	}
	reader := &configReader{res: invResource{address: "provider.soc2", unknown: map[string]bool{}}, attrs: content.Attributes, ctx: ev.ctx()}
	scope := &Scope{Address: "provider.soc2"}
	if _, set := content.Attributes["categories_in_scope"]; set {
		scope = reader.scope("provider.soc2")
	} else {
		scope.Categories, _ = scopeCategories(nil)
	}
	for _, b := range content.Blocks {
		attrs, d := b.Body.JustAttributes()
		if d.HasErrors() {
			ev.errs = append(ev.errs, diagError(d).Error())
			continue
		}
		window := &configReader{res: reader.res, attrs: attrs, ctx: reader.ctx}
		scope.WindowStart, scope.WindowEnd = window.str("start"), window.str("end")
		reader.errs = append(reader.errs, window.errs...)
	}
	ev.errs = append(ev.errs, reader.errs...)
	ev.inv.scopes = append(ev.inv.scopes, scope)
}

// configReader evaluates one block's attributes.
type configReader struct {
	res   invResource
	attrs hcl.Attributes
	ctx   *hcl.EvalContext
	errs  []string
}

// value evaluates attribute name: null when unset, unknown when it is not
// a literal or a reference to a known value of another soc2 resource.
func (r *configReader) value(name string) cty.Value {
	a, ok := r.attrs[name]
	if !ok {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	v, diags := a.Expr.Value(r.ctx)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		r.res.unknown[name] = true
		return cty.UnknownVal(cty.DynamicPseudoType)
	}
	return v
}

// typed converts attribute name to want, noting a value of the wrong type.
func (r *configReader) typed(name string, want cty.Type, wantText string) (cty.Value, bool) {
	v := r.value(name)
	if v.IsNull() || !v.IsKnown() {
		return v, false
	}
	out, err := convert.Convert(v, want)
	if err != nil || out.IsNull() {
		r.errs = append(r.errs, fmt.Sprintf("%s: %s: %s: want %s, got %s", rangeText(r.attrs[name].Expr.Range()), r.res.address, name, wantText, v.Type().FriendlyName()))
		return v, false
	}
	return out, true
}

func (r *configReader) str(name string) string {
	v, ok := r.typed(name, cty.String, "a string")
	if !ok {
		return ""
	}
	return v.AsString()
}

func (r *configReader) strs(name string) []string {
	v, ok := r.typed(name, cty.List(cty.String), "a list of strings")
	if !ok {
		return nil
	}
	var out []string
	for _, e := range v.AsValueSlice() {
		if s := ctyString(e); s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// scope reads a soc2_scope resource's (or the provider block's) scope.
func (r *configReader) scope(addr string) *Scope {
	s := &Scope{Address: addr}
	names := r.strs("categories_in_scope")
	if !r.res.isUnknown("categories_in_scope") {
		categories, err := scopeCategories(names)
		if err != nil {
			r.errs = append(r.errs, fmt.Sprintf("%s: %s: %v", rangeText(r.attrs["categories_in_scope"].Expr.Range()), addr, err))
		}
		s.Categories = categories
	}
	window, ok := r.typed("observation_window", cty.Object(map[string]cty.Type{"start": cty.String, "end": cty.String}), "an object with start and end")
	if ok {
		s.WindowStart, s.WindowEnd = ctyString(window.GetAttr("start")), ctyString(window.GetAttr("end"))
	}
	return s
}

func ctyString(v cty.Value) string {
	if v.IsNull() || !v.IsKnown() {
		return ""
	}
	return v.AsString()
}

// rangeText renders a range as file:line:col.
func rangeText(rng hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", rng.Filename, rng.Start.Line, rng.Start.Column)
}

// diagError turns HCL error diagnostics into one error of file:line:col
// lines.
func diagError(diags hcl.Diagnostics) error {
	var msgs []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			msg = rangeText(*d.Subject) + ": " + msg
		}
		msgs = append(msgs, msg)
	}
	return &inputError{msgs: msgs}
}
