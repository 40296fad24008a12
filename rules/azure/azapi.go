package azure

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Modules written with the azapi provider create an ARM resource from its
// REST type and body instead of an azurerm resource:
//
//	resource "azapi_resource" "sa" {
//	  type = "Microsoft.Storage/storageAccounts@2023-01-01"
//	  body = { properties = { minimumTlsVersion = "TLS1_0" } }
//	}
//
// The mapping below presents such a resource to the azurerm rules as the
// azurerm resource it stands for (min_tls_version = "TLS1_0"), so that
// the rules judge both alike. Each ARM type says which API versions it
// understands and how a body path maps onto an azurerm argument; a rule
// says, in its binding, which ARM types it judges.
const (
	azapiResource       = "azapi_resource"
	azapiUpdateResource = "azapi_update_resource"
)

// armType describes how one ARM resource type maps onto an azurerm
// resource type.
type armType struct {
	// name is the ARM type without its API version, as azapi writes it
	// before the "@": "Microsoft.Storage/storageAccounts".
	name string
	// azurerm is the azurerm resource type the rules know it as.
	azurerm string
	// oldest and newest bound, inclusive, the API versions (dates) whose
	// bodies the fields read as written here; a "-preview" version counts
	// by its date.
	oldest, newest string
	fields         []armField
	// parentAs is the azurerm argument an azapi_resource's parent_id
	// stands for, "" for none: a role assignment is created on its
	// parent, which azurerm calls its scope. An azapi_update_resource
	// names it in its resource_id, before the assignment's own
	// "/providers/…" segment.
	parentAs string
	// variants are the azurerm types a body may stand for when the
	// operating system decides it (a Linux or a Windows machine), and os
	// picks one from the body: decided is false when the body does not
	// say. Nil os means the type is always azurerm.
	variants []string
	os       func(body scanner.Value) (azurerm string, decided bool)
	// adjust completes the presented block with what fields cannot say:
	// blocks ARM always has (a machine's OS disk), and defaults that
	// depend on other properties. It notes each default it applies in
	// defaulted, by azurerm argument.
	adjust func(blk *scanner.Block, body scanner.Value, patch bool, defaulted map[string]string)
	// renames are further azurerm names a message may give, with the
	// body's name for each: the nested blocks adjust builds.
	renames map[string]string
	// names, when set, are the only resource names the mapping reads:
	// a sites/config child is "web", "appsettings", "logs"… with a body of
	// another shape each. A resource of another name is not judged; one
	// whose name is only known after apply is unknown.
	names []string
	// children are the azapi child resources that change what the
	// presented resource is (see armChild).
	children []armChild
	// partial is set for a child that changes only what its body sets,
	// as a patch does (a site's "web" config): an azapi_resource of it is
	// judged only when its body sets what the rule reads, and ARM's
	// defaults do not fill in what it leaves out.
	partial bool
}

// armField maps one body path onto one azurerm argument.
type armField struct {
	// attr is the azurerm argument: its name, or the nested blocks leading
	// to it and its name ("network_acls", "default_action").
	attr []string
	// body is the path in the body: "properties", "minimumTlsVersion".
	body []string
	// conv turns a known, non-null body value into the azurerm one
	// ("Disabled" into false), or into cty.NilVal when it means the
	// argument is absent; nil keeps it as it is. An unknown value stays
	// unknown.
	conv func(cty.Value) cty.Value
	// negated is set for a boolean that ARM names the other way round
	// (disableLocalAuth for local_authentication_enabled): it is inverted
	// after conv, and a message that gives the azurerm value gives the
	// body's.
	negated bool
	// spelled is set for a boolean ARM writes as "Enabled" or "Disabled"
	// (conv enabledToBool): a message that gives the azurerm value gives
	// the body's word, since "publicNetworkAccess is true" names a value
	// the body cannot hold.
	spelled bool
	// defaults are what ARM assumes when the body leaves the path out,
	// where that differs from the azurerm default the rule assumes; the
	// last whose since is not after the API version applies. None means
	// the azurerm default holds.
	defaults []armDefault
}

// armDefault is ARM's value for an omitted property from API version
// since on.
type armDefault struct {
	since string
	val   cty.Value
}

// azapiBinding makes a rule judge azapi resources of the ARM types it
// understands, with azapi examples of its own.
type azapiBinding struct {
	rule  *scanner.Rule
	types []*armType
	// reads are the azurerm arguments (first step of attr) the rule
	// decides on: an azapi_update_resource is judged only when its body
	// sets one of them.
	reads []string
	// good and bad are azapi examples written out; more, when set, builds
	// the others (bind renders them from an azapiCase), which are only
	// needed by tests and docs.
	good, bad []scanner.Example
	more      func() (good, bad []scanner.Example)
}

// examples returns the binding's azapi examples: good and bad, then what
// more builds.
func (b azapiBinding) examples() (good, bad []scanner.Example) {
	good, bad = slices.Clone(b.good), slices.Clone(b.bad)
	if b.more != nil {
		g, bb := b.more()
		good, bad = append(good, g...), append(bad, bb...)
	}
	return good, bad
}

// withMoreExamples adds the examples build returns, when they are asked
// for, after those b has.
func withMoreExamples(b azapiBinding, build func() (good, bad []scanner.Example)) azapiBinding {
	before := b.examples
	b.good, b.bad = nil, nil
	b.more = func() (good, bad []scanner.Example) {
		good, bad = before()
		g, bb := build()
		return append(good, g...), append(bad, bb...)
	}
	return b
}

// withAzAPI extends the rules of the bindings to azapi resources and
// returns rules unchanged otherwise. Call it once, when the catalogue is
// initialised.
func withAzAPI(rules []*scanner.Rule, bindings ...azapiBinding) []*scanner.Rule {
	for _, b := range bindings {
		b.apply()
	}
	return rules
}

func (b azapiBinding) apply() {
	r := b.rule
	check := r.Check
	r.ResourceTypes = append(r.ResourceTypes, azapiResource, azapiUpdateResource)
	r.Select = func(res *scanner.Resource) bool { return !isAzAPI(res) || b.typeOf(res) != nil }
	r.Check = func(res *scanner.Resource, ctx *scanner.Context) scanner.Result {
		t := b.typeOf(res)
		if t == nil {
			return check(res, ctx)
		}
		return b.judge(t, res, ctx, check)
	}
	r.Description = b.describe(r.Description)
	more := r.MoreExamples
	r.MoreExamples = func() (good, bad []scanner.Example) {
		if more != nil {
			good, bad = more()
		}
		g, bb := b.examples()
		return append(good, g...), append(bad, bb...)
	}
}

// describe returns the rule's description desc followed by which azapi
// resources the rule judges, for the docs. It writes the text in one
// buffer: it runs for each binding as the package initialises, at every
// start of the program, and fmt and the concatenations it replaced were
// a tenth of the rule catalogues' start-up.
func (b azapiBinding) describe(desc string) string {
	const (
		lead  = " It judges azapi_resource and azapi_update_resource of type "
		trail = " alike; other API versions are reported unknown, and an azapi_update_resource only when its body sets what the rule reads."
	)
	n := len(desc) + len(lead) + len(trail)
	for _, t := range b.types {
		n += len(t.name) + len(t.oldest) + len(t.newest) + 40
		for _, name := range t.names {
			n += len(name) + 4
		}
	}
	var sb strings.Builder
	sb.Grow(n)
	sb.WriteString(desc)
	sb.WriteString(lead)
	for i, t := range b.types {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(t.name)
		if len(t.names) > 0 {
			sb.WriteString(" named ")
			sb.WriteString(strings.Join(t.names, " or "))
		}
		sb.WriteString(" (API versions ")
		sb.WriteString(t.oldest)
		sb.WriteString(" to ")
		sb.WriteString(t.newest)
		sb.WriteString(")")
	}
	sb.WriteString(trail)
	return sb.String()
}

// typeOf returns the ARM type of the binding an azapi resource is of, or
// nil when res is no azapi resource or of another (or unknown) type.
func (b azapiBinding) typeOf(res *scanner.Resource) *armType {
	if !isAzAPI(res) {
		return nil
	}
	name, _, ok := strings.Cut(res.Attr("type").KnownPrefix(), "@")
	if !ok {
		return nil
	}
	for _, t := range b.types {
		if strings.EqualFold(name, t.name) && t.namedAs(res) {
			return t
		}
	}
	return nil
}

// namedAs reports whether res may be of one of the type's names: always
// when the type has none, and when the name is only known after apply.
func (t *armType) namedAs(res *scanner.Resource) bool {
	if len(t.names) == 0 {
		return true
	}
	name, known := childName(res)
	if !known {
		return true
	}
	for _, n := range t.names {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// childName is an azapi resource's own name: its name argument, or for an
// azapi_update_resource written with a resource_id the id's last segment.
// known is false when it is only known after apply.
func childName(res *scanner.Resource) (name string, known bool) {
	if v := res.Attr("name"); v.Present {
		return v.AsString()
	}
	id, ok := res.Attr("resource_id").AsString()
	if !ok {
		return "", false
	}
	return id[strings.LastIndex(id, "/")+1:], true
}

// isAzAPI reports whether res is an azapi resource the mapping reads.
func isAzAPI(res *scanner.Resource) bool {
	return res.Type == azapiResource || res.Type == azapiUpdateResource
}

// judge runs check on the azurerm resource res stands for.
func (b azapiBinding) judge(t *armType, res *scanner.Resource, ctx *scanner.Context, check func(*scanner.Resource, *scanner.Context) scanner.Result) scanner.Result {
	body, err := azapiBody(res.Attr("body"))
	if err != nil {
		return scanner.Unknowable(body.Range, "the azapi body cannot be read: %v", err)
	}
	patch := res.Type == azapiUpdateResource || t.partial
	// A patch that sets nothing the rule reads leaves the resource as it
	// is, whatever its API version.
	if patch && !b.patchSets(t, body) {
		return scanner.DoesNotApply("the patch does not set what the rule reads (%s)", strings.Join(b.bodyPaths(t), ", "))
	}
	typ := res.Attr("type")
	version, known := typ.AsString()
	_, version, _ = strings.Cut(version, "@")
	switch {
	case !known:
		return scanner.Unknowable(typ.Range, "the API version of the azapi type is not known until apply")
	case !t.understands(version):
		return scanner.Unknowable(typ.Range, "azapi type %s@%s not understood by rule %s: it reads API versions %s to %s",
			t.name, version, b.rule.ID, t.oldest, t.newest)
	}
	if _, named := childName(res); len(t.names) > 0 && !named {
		return scanner.Unknowable(res.Range, "the name of the %s resource is not known until apply, and only a %s one is judged",
			t.name, strings.Join(t.names, " or "))
	}
	azurerm := t.azurerm
	if t.os != nil {
		typ, decided := t.os(body)
		switch {
		case decided && !slices.Contains(b.rule.ResourceTypes, typ):
			return scanner.DoesNotApply("the body describes a %s, which rule %s does not judge", typ, b.rule.ID)
		case decided:
			azurerm = typ
		case !b.judgesEvery(t.variants):
			return scanner.Unknowable(body.Range, "the body does not say which operating system the machine runs "+
				"(no osProfile.linuxConfiguration or windowsConfiguration, osDisk.osType or image publisher known to the rule)")
		}
	}
	as, defaulted := t.present(res, body, version, patch, azurerm)
	overlaid := t.overlayChildren(ctx, res, as.Block)
	out := check(as, ctx)
	for _, o := range overlaid {
		var hit bool
		if out.Message, hit = o.rewrite(out.Message); hit && o.at != (scanner.Range{}) {
			out.Range = o.at
		}
	}
	out.Message = t.showWritten(t.rewrite(out.Message, defaulted), body)
	return out
}

// showWritten quotes the body's own value where a field's conv changed
// its spelling ("Standard_ZRS" read as replication "ZRS", "None" as
// access "private"): rewrite names the body path, and a message saying
// body.sku.name is "ZRS" names a value the body does not hold.
func (t *armType) showWritten(msg string, body scanner.Value) string {
	for _, f := range t.fields {
		if f.conv == nil {
			continue
		}
		v := body
		for _, step := range f.body {
			v = v.Index(step)
		}
		written, ok := v.AsString()
		if !ok || v.IsSensitive() || !v.Val.Type().Equals(cty.String) {
			continue
		}
		read := f.conv(v.Val)
		if read == cty.NilVal || !read.IsKnown() || read.IsNull() || !read.Type().Equals(cty.String) || read.AsString() == written {
			continue
		}
		path := "body." + strings.Join(f.body, ".") + " is "
		msg = strings.ReplaceAll(msg, path+strconv.Quote(read.AsString()), path+strconv.Quote(written))
	}
	return msg
}

// judgesEvery reports whether the rule judges every one of the azurerm
// types, so that it needs not know which one a body stands for.
func (b azapiBinding) judgesEvery(types []string) bool {
	for _, t := range types {
		if !slices.Contains(b.rule.ResourceTypes, t) {
			return false
		}
	}
	return true
}

// understands reports whether the API version is within the type's.
func (t *armType) understands(version string) bool {
	date := strings.TrimSuffix(version, "-preview")
	return len(date) == len("2006-01-02") && date >= t.oldest && date <= t.newest
}

// azapiBody reads the body argument: an object (azapi 2.x, or
// jsonencode of an object only partly known), a JSON string (azapi 1.x
// and jsonencode of a known object), unknown, or absent.
func azapiBody(v scanner.Value) (scanner.Value, error) {
	if !v.IsKnown() || v.Val.IsNull() || !v.Val.Type().Equals(cty.String) {
		return v, nil
	}
	src := []byte(v.Val.AsString())
	ty, err := ctyjson.ImpliedType(src)
	if err == nil {
		v.Val, err = ctyjson.Unmarshal(src, ty)
	}
	if err != nil {
		return v, fmt.Errorf("not a JSON object: %w", err)
	}
	return v, nil
}

// present builds the azurerm resource res stands for: its name, location,
// tags and identity, and the arguments the fields map from the body. A
// patch keeps only what its body sets; otherwise ARM's defaults fill in
// what the body leaves out. defaulted maps each argument that took ARM's
// default to a description of it.
func (t *armType) present(res *scanner.Resource, body scanner.Value, version string, patch bool, azurerm string) (as *scanner.Resource, defaulted map[string]string) {
	blk := scanner.NewBlock(res.Block.Type, res.Range)
	for _, n := range []string{"name", "location", "tags", "parent_id"} {
		if v := res.Attr(n); v.Present {
			blk.SetAttr(n, v)
		}
	}
	for _, id := range res.Blocks("identity") {
		blk.AddBlock(id)
	}
	if res.BlocksUnknown("identity") {
		blk.MarkBlocksUnknown("identity")
	}
	if t.parentAs != "" {
		if v, ok := parentScope(res); ok {
			blk.SetAttr(t.parentAs, v)
		}
	}
	defaulted = map[string]string{}
	for _, f := range t.fields {
		v := f.read(body)
		if !v.Present {
			if patch {
				continue
			}
			def := f.defaultAt(version)
			if def == cty.NilVal {
				continue
			}
			v = scanner.Value{Val: def, Range: body.Range, Present: true}
			defaulted[f.attr[len(f.attr)-1]] = fmt.Sprintf("%s is not set in the body and API version %s defaults it to %s",
				strings.Join(f.body, "."), version, showValue(def))
		}
		setAt(blk, f.attr, v)
	}
	if t.adjust != nil {
		t.adjust(blk, body, patch, defaulted)
	}
	copied := *res
	copied.Type = azurerm
	copied.Block = blk
	return &copied, defaulted
}

// parentScope is the scope an azapi resource is created on: the
// parent_id of an azapi_resource, and for an azapi_update_resource its
// resource_id up to its last "/providers/" segment, which is only known
// after apply when the id is.
func parentScope(res *scanner.Resource) (scanner.Value, bool) {
	if res.Type == azapiResource {
		v := res.Attr("parent_id")
		return v, v.Present
	}
	v := res.Attr("resource_id")
	if !v.Present {
		return v, false
	}
	scope := scanner.Value{Name: "parent_id", Val: cty.UnknownVal(cty.String), Range: v.Range, Present: true}
	if id, ok := v.AsString(); ok {
		if i := strings.LastIndex(strings.ToLower(id), "/providers/"); i >= 0 {
			scope.Val = cty.StringVal(id[:i])
		}
	}
	return scope, true
}

// read returns the body value at the field's path, converted: absent
// when the body leaves the path out, unknown when it is not known yet.
func (f armField) read(body scanner.Value) scanner.Value {
	v := body
	for _, step := range f.body {
		v = v.Index(step)
	}
	if !v.Present {
		return v
	}
	v.Range = body.PartRange(f.body...)
	if !v.Val.IsKnown() && v.KnownSuffix() == "" {
		v = v.WithKnownSuffix(body.PartSuffix(f.body...))
	}
	if f.conv != nil && v.Val.IsKnown() && !v.Val.IsNull() {
		v.Val = f.conv(v.Val)
		v.Present = v.Val != cty.NilVal
	}
	if f.negated && v.Present && v.Val.IsKnown() && !v.Val.IsNull() {
		v.Val = not(v.Val)
	}
	return v
}

func (f armField) defaultAt(version string) cty.Value {
	val := cty.NilVal
	for _, d := range f.defaults {
		if d.since <= version {
			val = d.val
		}
	}
	return val
}

// setAt sets an argument of blk, creating the nested blocks on its path.
// A nested argument only known after apply makes its blocks unknown, as a
// dynamic block over an unknown collection does, so that a rule that looks
// for the block (a customer-managed key) does not take it for written.
func setAt(blk *scanner.Block, path []string, v scanner.Value) {
	if len(path) > 1 && !v.Val.IsKnown() {
		blk.MarkBlocksUnknown(path[0])
		return
	}
	for _, step := range path[:len(path)-1] {
		next := blk.FirstBlock(step)
		if next == nil {
			next = scanner.NewBlock(step, v.Range)
			blk.AddBlock(next)
		}
		blk = next
	}
	blk.SetAttr(path[len(path)-1], v)
}

// patchSets reports whether a patch's body sets (to a known value or
// not) a body path that maps onto an argument the rule reads.
func (b azapiBinding) patchSets(t *armType, body scanner.Value) bool {
	for _, f := range t.fields {
		if b.readsField(f) && f.read(body).Present {
			return true
		}
	}
	return false
}

func (b azapiBinding) readsField(f armField) bool {
	for _, n := range b.reads {
		// A read names an argument's first step ("site_config") or its
		// whole path ("site_config.ftps_state").
		if f.attr[0] == n || strings.Join(f.attr, ".") == n {
			return true
		}
	}
	return false
}

// bodyPaths are the body paths of the arguments the rule reads.
func (b azapiBinding) bodyPaths(t *armType) []string {
	var out []string
	for _, f := range t.fields {
		if b.readsField(f) {
			out = append(out, strings.Join(f.body, "."))
		}
	}
	return out
}

// rewrite puts a rule's message in the azapi resource's terms: the body
// path for each azurerm argument it names, and what ARM assumed for an
// argument the body left out.
func (t *armType) rewrite(msg string, defaulted map[string]string) string {
	var notes []string
	for _, f := range t.fields {
		name := f.attr[len(f.attr)-1]
		path := "body." + strings.Join(f.body, ".")
		found := false
		// A nested argument is named with its block ("network_rules
		// default_action") or alone.
		for _, spelling := range []string{strings.Join(f.attr, " "), strings.Join(f.attr, "."), name} {
			var hit bool
			msg, hit = replaceWord(msg, spelling, path)
			found = found || hit
		}
		// A nested argument's block is named "network_acls block": the
		// body object that holds the argument stands for it.
		if len(f.attr) > 1 {
			var hit bool
			msg, hit = replaceWord(msg, f.attr[0]+" block", "body."+strings.Join(f.body[:len(f.body)-1], "."))
			found = found || hit
		}
		if !found {
			continue
		}
		if f.negated {
			msg = negatedValues(path).Replace(msg)
		}
		if f.spelled {
			msg = spelledValues(path).Replace(msg)
		}
		if d, ok := defaulted[name]; ok {
			notes = append(notes, d)
		}
	}
	if t.parentAs != "" {
		msg, _ = replaceWord(msg, t.parentAs, "parent_id")
	}
	for from, to := range t.renames {
		msg, _ = replaceWord(msg, from, to)
	}
	for _, v := range append([]string{t.azurerm}, t.variants...) {
		msg = strings.ReplaceAll(msg, v, t.name)
	}
	if len(notes) > 0 {
		msg += " (" + strings.Join(notes, "; ") + ")"
	}
	return msg
}

// negatedValues turns the values a message gives for the azurerm
// argument a negated body path stands for into the body's: "is true"
// into "is false", "defaults to true" into "defaults to false".
func negatedValues(path string) *strings.Replacer {
	var pairs []string
	for _, phrase := range []string{" is ", " is not set and defaults to ", " is null and defaults to "} {
		pairs = append(pairs, path+phrase+"true", path+phrase+"false", path+phrase+"false", path+phrase+"true")
	}
	return strings.NewReplacer(pairs...)
}

// spelledValues turns the booleans a message gives for the azurerm
// argument a body path spelled "Enabled"/"Disabled" stands for into those
// words: "is true" into "is \"Enabled\"".
func spelledValues(path string) *strings.Replacer {
	var pairs []string
	for _, phrase := range []string{" is ", " is not set and defaults to ", " is null and defaults to "} {
		pairs = append(pairs, path+phrase+"true", path+phrase+`"Enabled"`, path+phrase+"false", path+phrase+`"Disabled"`)
	}
	return strings.NewReplacer(pairs...)
}

// showValue renders a default for a message.
func showValue(v cty.Value) string {
	switch v.Type() {
	case cty.String:
		return fmt.Sprintf("%q", v.AsString())
	case cty.Bool:
		return fmt.Sprint(v.True())
	}
	return v.GoString()
}

// enabledToBool reads ARM's "Enabled"/"Disabled" switches as azurerm's
// booleans; another string stays as it is, which no rule takes for a
// boolean.
func enabledToBool(v cty.Value) cty.Value {
	if !v.Type().Equals(cty.String) {
		return v
	}
	switch strings.ToLower(v.AsString()) {
	case "enabled":
		return cty.True
	case "disabled":
		return cty.False
	}
	return v
}

// afterUnderscore reads the part of an ARM SKU name after its tier:
// "Standard_GRS" is replication GRS.
func afterUnderscore(v cty.Value) cty.Value {
	if !v.Type().Equals(cty.String) {
		return v
	}
	_, after, ok := strings.Cut(v.AsString(), "_")
	if !ok {
		return v
	}
	return cty.StringVal(after)
}

// replaceWord replaces each occurrence of word in s that is not part of a
// longer name (min_tls_version, not scm_min_tls_version).
func replaceWord(s, word, repl string) (string, bool) {
	var b strings.Builder
	found := false
	for {
		i := strings.Index(s, word)
		if i < 0 {
			b.WriteString(s)
			return b.String(), found
		}
		end := i + len(word)
		if (i > 0 && isNameByte(s[i-1])) || (end < len(s) && isNameByte(s[end])) {
			b.WriteString(s[:end])
			s = s[end:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s = s[end:]
		found = true
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
