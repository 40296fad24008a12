// Package scanner holds the model that the scanner's engine and its rules
// share: evaluated Terraform resources with the source range of every value,
// rules with their metadata, and the results a rule's check returns.
//
// Loading and evaluating Terraform lives in scanner/loader, running rules and
// applying suppressions in scanner/engine, and output formats in
// scanner/report. Rules (package rules and below) see only this package.
package scanner

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Range is a span of a source file. Lines and columns start at 1; a zero
// StartLine means the position is not known (for example a resource read
// from a plan without configuration).
type Range struct {
	Filename    string `json:"file"`
	StartLine   int    `json:"start_line"`
	StartColumn int    `json:"start_column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
}

// RangeOf converts an HCL range.
func RangeOf(r hcl.Range) Range {
	return Range{
		Filename:    r.Filename,
		StartLine:   r.Start.Line,
		StartColumn: r.Start.Column,
		EndLine:     r.End.Line,
		EndColumn:   r.End.Column,
	}
}

// String formats the range as file:line, the form editors and CI logs link.
func (r Range) String() string {
	if r.StartLine == 0 {
		return r.Filename
	}
	return fmt.Sprintf("%s:%d", r.Filename, r.StartLine)
}

// IsZero reports whether the range points nowhere.
func (r Range) IsZero() bool { return r == Range{} }

// Diagnostic is a problem met while loading or evaluating input: a file that
// does not parse, a variable file that cannot be read, a remote module that
// was not scanned.
type Diagnostic struct {
	// Severity is DiagError or DiagWarning.
	Severity string `json:"severity"`
	Range    Range  `json:"range"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
}

// Diagnostic severities. An error means some input could not be read; a
// warning means something was read but not fully evaluated.
const (
	DiagError   = "error"
	DiagWarning = "warning"
)

// Error formats the diagnostic as file:line:column: summary: detail.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if d.Range.Filename != "" {
		b.WriteString(d.Range.Filename)
		if d.Range.StartLine > 0 {
			fmt.Fprintf(&b, ":%d:%d", d.Range.StartLine, d.Range.StartColumn)
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": ")
		b.WriteString(d.Detail)
	}
	return b.String()
}

// Resource is one evaluated resource instance, the only thing rules see.
// Resources come from HCL configurations and from plan JSON alike.
type Resource struct {
	// Root names the root module the instance was loaded from (its
	// directory, a single configuration file, or a plan file, as written in
	// ranges). Addresses are unique within one root only: several roots
	// scanned together each keep their own address space.
	Root string
	// Address is Terraform's address of the instance, such as
	// `module.db.aws_rds_cluster.this` or `aws_ebs_volume.data[1]`.
	Address string
	// Mode is "managed" for resource blocks, "data" for data sources and
	// "provider" for a provider configuration that sets credentials
	// (access_key, secret_key, token), whose Type is "provider.NAME".
	Mode string
	// Type is the resource type, such as "aws_db_instance".
	Type string
	// Name is the local name in its resource block.
	Name string
	// Module is the module path of the instance ("" for the root module,
	// otherwise such as `module.db` or `module.app["eu"].module.db`).
	Module string
	// Provider is the address of the provider configuration the resource
	// uses, such as "aws" or "aws.replica".
	Provider string
	// ProviderMajor is the major version of that provider the
	// configuration runs with: from the root module's dependency lock
	// file, or from required_providers constraints that admit a single
	// major version. 0 means it cannot be told; rules whose answer
	// depends on a provider default that changed between versions keep
	// their stated assumption then.
	ProviderMajor int
	// region and defaultTags are Region and DefaultTags, nil when not
	// set; regionAbsent says that Region is the absent region at the
	// resource block (see SetRegion). Pointers, not Values: two Values
	// were most of a Resource, which every resource keeps until its rules
	// have run, and most resources have no region of their own and share
	// their provider configuration's default tags.
	region, defaultTags *Value
	// account is Account, nil when the provider configuration selects no
	// account (see SetAccount).
	account      *Value
	regionAbsent bool
	// MayNotExist is set when the count or for_each of the resource, or of
	// a module call it was reached through, is only known after apply. The
	// loader then stands one instance, without a key, for however many
	// Terraform creates, possibly none; a finding on it applies to each
	// instance that is created.
	MayNotExist bool
	// ModuleCalls are the ranges of the module blocks through which this
	// instance was reached, outermost first, so that a suppression on a
	// module block can cover what the module contains.
	ModuleCalls []Range
	// Block holds the evaluated arguments and nested blocks; its methods
	// are the resource's (r.Attr, r.Blocks, r.FirstBlock, r.Get). Its
	// Range is the resource block's header (`resource "type" "name"`),
	// which is where a finding points when an argument is missing.
	*Block
}

// Region is the region the resource lives in: its own `region` argument
// where it has one, otherwise its provider configuration's. It is unknown
// (IsUnknown) when it cannot be determined statically and absent
// (!Present) when no configuration sets one.
func (r *Resource) Region() Value {
	switch {
	case r.region != nil:
		return *r.region
	case r.regionAbsent:
		return absentRegion(r.Range)
	}
	return Value{}
}

// absentRegion is the region of a resource at rng that neither it nor its
// provider configuration sets.
func absentRegion(rng Range) Value {
	return Value{Name: "region", Val: cty.NilVal, Range: rng}
}

// SetRegion sets Region to v. The absent region at the resource block
// (named "region", not present, with the block's range), which most
// resources have, is kept without a copy; so SetRegion comes after the
// resource's Block is set.
func (r *Resource) SetRegion(v Value) {
	if r.Block != nil && v.Name == "region" && !v.Present && v.Val == cty.NilVal && v.Refs == nil && v.more == nil && v.Range == r.Range {
		r.region, r.regionAbsent = nil, true
		return
	}
	r.region, r.regionAbsent = &v, false
}

// DefaultTags is the `tags` of the default_tags block of the resource's
// provider configuration, which the provider merges into the tags of
// every resource it manages (the resource's own tags win). It is absent
// (!Present) when the configuration sets none or is not known to the
// scanner, and in plans, whose tags_all already holds the merged tags;
// unknown (wholly or in part) when only known after apply.
func (r *Resource) DefaultTags() Value {
	if r.defaultTags == nil {
		return Value{}
	}
	return *r.defaultTags
}

// SetDefaultTags sets DefaultTags to *v, which is kept, not copied: the
// resources of one provider configuration share it, so it must not change
// afterwards.
func (r *Resource) SetDefaultTags(v *Value) {
	r.defaultTags = v
}

// Account is the AWS account the resource's provider configuration
// works in, as far as the configuration states it: known when it names
// one account (allowed_account_ids of one element, or the account field
// of assume_role's role_arn), unknown when it selects credentials the
// scanner cannot place (a profile, keys, a role only known after apply, a
// list of allowed accounts), and absent (!Present) when it selects none,
// so that it works with the ambient credentials every such configuration
// of the run shares. Two resources are in one account for certain only
// by one provider configuration, two known equal accounts, or two
// configurations that both select none.
func (r *Resource) Account() Value {
	if r.account == nil {
		return Value{}
	}
	return *r.account
}

// SetAccount sets Account to *v, which is kept, not copied: the resources
// of one provider configuration share it.
func (r *Resource) SetAccount(v *Value) {
	r.account = v
}

// Block is an evaluated block body: arguments (attributes) and nested
// blocks, each with its source range.
type Block struct {
	// Type is the block type ("resource", "ingress", "rule", …).
	Type string
	// Range is the block's definition range.
	Range Range

	// attrs are the arguments in the order set, each named by its Name.
	// A slice, not a map: a Value is too large for a map to hold in its
	// slots, so a map of even two arguments is a table of eight slots and
	// one more object per argument, all of which the collector marks for
	// every block of the model while the scan runs.
	attrs []Value
	// attrIndex finds an argument by name in a block of more than
	// attrScanMax arguments (as plan JSON writes them), where a linear
	// search would be slower than a map.
	attrIndex map[string]int
	// nested are the nested blocks by type, in the order each type was
	// first added or marked unknown. A slice, not maps of blocks and of
	// unknown types: a block holds few types of nested blocks, and even a
	// map of one is a table of eight slots, which for a resource with one
	// nested block was most of what its model kept.
	nested []nestedBlocks
}

// nestedBlocks are the nested blocks of one type of a block.
type nestedBlocks struct {
	typ string
	// blocks are the blocks added (AddBlock), in source order; empty when
	// the type was only marked unknown.
	blocks []*Block
	// unknown is set by MarkBlocksUnknown.
	unknown bool
	// unknownAt is where the blocks that may exist are written (the
	// dynamic block's header), zero when not known.
	unknownAt Range
	// templates are the contents of the dynamic blocks over unknown
	// collections, evaluated once with the iterator unknown
	// (AddDynamicTemplate). They are kept apart from blocks so that
	// Blocks, FirstBlock and Get answer as they do without them.
	templates []*Block
}

// nestedOf returns the nested blocks of type typ, nil when there are
// none and the type is not marked unknown.
func (b *Block) nestedOf(typ string) *nestedBlocks {
	for i := range b.nested {
		if b.nested[i].typ == typ {
			return &b.nested[i]
		}
	}
	return nil
}

// addNested returns the nested blocks of type typ, added when missing.
func (b *Block) addNested(typ string) *nestedBlocks {
	if n := b.nestedOf(typ); n != nil {
		return n
	}
	b.nested = append(b.nested, nestedBlocks{typ: typ})
	return &b.nested[len(b.nested)-1]
}

// NewBlock returns an empty block of the given type.
func NewBlock(typ string, rng Range) *Block {
	return &Block{Type: typ, Range: rng}
}

// NewBlockSized returns an empty block of the given type with room for n
// arguments, for a loader that knows how many it will set: arguments
// added one at a time are copied as their slice grows, for every block.
func NewBlockSized(typ string, rng Range, n int) *Block {
	b := NewBlock(typ, rng)
	if n > 0 {
		b.attrs = make([]Value, 0, n)
	}
	return b
}

// attrScanMax is the most arguments a block holds without attrIndex.
const attrScanMax = 8

// attrAt returns the position of the named argument in b.attrs, or -1.
func (b *Block) attrAt(name string) int {
	if b.attrIndex != nil {
		if i, ok := b.attrIndex[name]; ok {
			return i
		}
		return -1
	}
	for i := range b.attrs {
		if b.attrs[i].Name == name {
			return i
		}
	}
	return -1
}

// SetAttr records an evaluated argument.
func (b *Block) SetAttr(name string, v Value) {
	v.Name = name
	v.Present = true
	if i := b.attrAt(name); i >= 0 {
		b.attrs[i] = v
		return
	}
	b.attrs = append(b.attrs, v)
	switch {
	case b.attrIndex != nil:
		b.attrIndex[name] = len(b.attrs) - 1
	case len(b.attrs) > attrScanMax:
		b.attrIndex = make(map[string]int, len(b.attrs))
		for i := range b.attrs {
			b.attrIndex[b.attrs[i].Name] = i
		}
	}
}

// AddBlock appends a nested block, in source order.
func (b *Block) AddBlock(child *Block) {
	n := b.addNested(child.Type)
	n.blocks = append(n.blocks, child)
}

// MarkBlocksUnknown records that the number or content of nested blocks of
// the given type is not known, as for a `dynamic` block whose for_each is
// only known after apply.
func (b *Block) MarkBlocksUnknown(typ string) {
	b.addNested(typ).unknown = true
}

// MarkBlocksUnknownAt is MarkBlocksUnknown for blocks written at rng (a
// dynamic block's header), so that a value read through them points there.
func (b *Block) MarkBlocksUnknownAt(typ string, rng Range) {
	n := b.addNested(typ)
	n.unknown = true
	n.unknownAt = rng
}

// AddDynamicTemplate records the content of a dynamic block over a
// collection only known after apply, evaluated once with its iterator
// unknown, and marks the type unknown at rng (MarkBlocksUnknownAt). The
// template is not one of the blocks (Blocks, FirstBlock, Get and Follow do
// not see it): whether any block is generated is not known. Only rules that
// judge what is written whatever the collection holds, such as a literal
// secret, read it through DynamicTemplates.
func (b *Block) AddDynamicTemplate(tmpl *Block, rng Range) {
	b.MarkBlocksUnknownAt(tmpl.Type, rng)
	n := b.nestedOf(tmpl.Type)
	n.templates = append(n.templates, tmpl)
}

// DynamicTemplates returns the templates of the nested blocks of type typ
// (AddDynamicTemplate), in source order: an argument in one is unknown
// where it depends on the iterator, and a literal where it is written as
// one, as each generated block would hold it.
func (b *Block) DynamicTemplates(typ string) []*Block {
	if b == nil {
		return nil
	}
	if n := b.nestedOf(typ); n != nil {
		return n.templates
	}
	return nil
}

// BlocksWithTemplates returns the nested blocks of type typ (Blocks)
// followed by their dynamic templates (DynamicTemplates), for rules that
// judge what is written in every block, such as a literal secret, whether
// or not a dynamic block generates it.
func (b *Block) BlocksWithTemplates(typ string) []*Block {
	return slices.Concat(b.Blocks(typ), b.DynamicTemplates(typ))
}

// cloneBlocks returns a deep copy of blocks, nil for nil.
func cloneBlocks(blocks []*Block) []*Block {
	if blocks == nil {
		return nil
	}
	out := make([]*Block, len(blocks))
	for i, nb := range blocks {
		out[i] = nb.Clone()
	}
	return out
}

// Attr returns the named argument. A missing argument is returned with
// Present false and the block's range, so that a finding about it points at
// the block.
func (b *Block) Attr(name string) Value {
	if b == nil {
		return Value{Name: name, Val: cty.NilVal}
	}
	if i := b.attrAt(name); i >= 0 {
		return b.attrs[i]
	}
	return Value{Name: name, Val: cty.NilVal, Range: b.Range}
}

// Get follows a path of nested blocks to an argument: Get("versioning",
// "enabled") reads `versioning { enabled = … }`. Each step takes the first
// block of that type. An argument holding an object (as plan JSON renders
// nested blocks) is followed too.
//
// A step the configuration does not write, but that a dynamic block over a
// collection only known after apply may add (BlocksUnknown), gives an
// unknown value named by the path from that step and placed at the dynamic
// block: the argument may be set to anything, or not at all, once the block
// exists, so reading it as absent would let a rule pass or fail what only
// apply decides. A step written statically is followed even when a dynamic
// block may add more of its type, as Get reads the first block, and a
// block of at most one item that is written cannot be added to.
func (b *Block) Get(path ...string) Value {
	cur := b
	for i, step := range path[:len(path)-1] {
		next := cur.FirstBlock(step)
		if next == nil {
			v := cur.Attr(step)
			if v.Present {
				return v.getPath(path[i+1:])
			}
			if rng, ok := cur.unknownBlocksAt(step); ok {
				return unknownThrough(path[i:], rng)
			}
			return Value{Name: path[len(path)-1], Val: cty.NilVal, Range: cur.Range}
		}
		cur = next
	}
	return cur.Attr(path[len(path)-1])
}

// Follow follows a path of nested blocks as Get does, taking the first
// block of each type, for rules that read several arguments of the block
// it leads to. It returns that block, nil when a step is absent or only a
// dynamic block may add it; dynamic is then the type of that step, empty
// when every step is either written or certainly absent.
func (b *Block) Follow(path ...string) (blk *Block, dynamic string) {
	cur := b
	for _, step := range path {
		next := cur.FirstBlock(step)
		if next == nil {
			if _, ok := cur.unknownBlocksAt(step); ok {
				return nil, step
			}
			return nil, ""
		}
		cur = next
	}
	return cur, ""
}

// BlocksAt returns every block a path of nested block types leads to, in
// source order (BlocksAt("access_control_policy", "grant") is the grants
// of every access_control_policy), for rules that judge each of them.
// unknown reports that a dynamic block over a collection only known after
// apply may add blocks on the way (BlocksUnknown at any step), so that
// judging the blocks written is not the whole answer.
func (b *Block) BlocksAt(path ...string) (blocks []*Block, unknown bool) {
	cur := []*Block{b}
	for _, step := range path {
		var next []*Block
		for _, c := range cur {
			unknown = unknown || c.BlocksUnknown(step)
			next = append(next, c.Blocks(step)...)
		}
		cur = next
	}
	return cur, unknown
}

// unknownBlocksAt reports whether blocks of type typ may exist that are not
// known statically, and where: the dynamic block's header, or b's range
// when that is not recorded (plan JSON, the azapi body).
func (b *Block) unknownBlocksAt(typ string) (Range, bool) {
	if !b.BlocksUnknown(typ) {
		return Range{}, false
	}
	if n := b.nestedOf(typ); n != nil && !n.unknownAt.IsZero() {
		return n.unknownAt, true
	}
	if v := b.Attr(typ); v.Present && !v.Range.IsZero() {
		return v.Range, true
	}
	return b.Range, true
}

// unknownThrough is the value of the argument at the end of path when the
// block at its first step is only known after apply. It may be blank: the
// block may not be generated at all, leaving the argument unset.
func unknownThrough(path []string, rng Range) Value {
	return Value{Name: strings.Join(path, "."), Val: cty.DynamicVal, Range: rng, Present: true}.WithMayBeBlank(true)
}

// Blocks returns the nested blocks of the given type, in source order. An
// argument of that name holding a list, set or object of objects is returned
// as blocks as well, because plan JSON and the `attributes as blocks` syntax
// write nested blocks that way.
func (b *Block) Blocks(typ string) []*Block {
	if b == nil {
		return nil
	}
	if n := b.nestedOf(typ); n != nil && len(n.blocks) > 0 {
		return n.blocks
	}
	if i := b.attrAt(typ); i >= 0 {
		return b.attrs[i].asBlocks(typ)
	}
	return nil
}

// FirstBlock returns the first nested block of the given type, or nil.
func (b *Block) FirstBlock(typ string) *Block {
	bs := b.Blocks(typ)
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

// BlocksUnknown reports whether nested blocks of the given type may exist
// that are not known statically (a dynamic block over an unknown
// collection, or an unknown argument in plan JSON).
func (b *Block) BlocksUnknown(typ string) bool {
	if b == nil {
		return false
	}
	if n := b.nestedOf(typ); n != nil && n.unknown {
		return true
	}
	if i := b.attrAt(typ); i >= 0 && b.attrs[i].Present && b.attrs[i].Val != cty.NilVal {
		return elementsUnknown(b.attrs[i].Val)
	}
	return false
}

// elementsUnknown reports whether which objects an argument holds is not
// known: the argument itself, or one of its elements, is unknown. Unknown
// leaves inside a known object are unknown values, not unknown blocks.
func elementsUnknown(v cty.Value) bool {
	if !v.IsKnown() {
		return true
	}
	if v.IsNull() || !v.CanIterateElements() || v.Type().IsObjectType() || v.Type().IsMapType() {
		return false
	}
	for it := v.ElementIterator(); it.Next(); {
		if _, e := it.Element(); !e.IsKnown() {
			return true
		}
	}
	return false
}

// AttrNames returns the names of the arguments set in the block, sorted.
func (b *Block) AttrNames() []string {
	names := make([]string, 0, len(b.attrs))
	for i := range b.attrs {
		names = append(names, b.attrs[i].Name)
	}
	sort.Strings(names)
	return names
}

// BlockTypes returns the types of the nested blocks, sorted.
func (b *Block) BlockTypes() []string {
	types := make([]string, 0, len(b.nested))
	for _, n := range b.nested {
		if len(n.blocks) > 0 {
			types = append(types, n.typ)
		}
	}
	sort.Strings(types)
	return types
}

// Clone returns a deep copy of the block tree: its arguments and nested
// blocks can be replaced without touching b. The values themselves are
// shared, as they are immutable.
func (b *Block) Clone() *Block {
	if b == nil {
		return nil
	}
	c := &Block{Type: b.Type, Range: b.Range}
	if b.attrs != nil {
		c.attrs = slices.Clone(b.attrs)
	}
	if b.attrIndex != nil {
		c.attrIndex = maps.Clone(b.attrIndex)
	}
	if b.nested != nil {
		c.nested = make([]nestedBlocks, len(b.nested))
		for i, n := range b.nested {
			c.nested[i] = nestedBlocks{typ: n.typ, unknown: n.unknown, unknownAt: n.unknownAt,
				blocks: cloneBlocks(n.blocks), templates: cloneBlocks(n.templates)}
		}
	}
	return c
}
