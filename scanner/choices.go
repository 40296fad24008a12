package scanner

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// maxCombinations bounds how many substituted copies of one resource
// Decide checks a rule on.
const maxCombinations = 32

// choice is one argument with candidates: where it sits in the resource's
// block tree and the values it can take.
type choice struct {
	// path is the nested blocks leading to the argument, each by type and
	// position, then the argument's name.
	path []blockStep
	name string
	vals []cty.Value
	// by is how the argument takes its values when one key chooses them
	// (Value.Choice), nil otherwise.
	by *Choice
}

type blockStep struct {
	typ string
	i   int
}

// dimension is one independent way the resource varies: a choice of its
// own, or the arguments chosen by one key together. Each of rows is one
// set of values for members (indexes into the choices), in their order.
type dimension struct {
	name    string
	members []int
	rows    [][]cty.Value
}

// Decide runs the rule's Check on r, and decides a result Check leaves
// unknown when the arguments that made it unknown only choose among known
// values (Value.Candidates): Check is run again on a copy of r for every
// combination of those values. When every run fails, the rule fails, with
// the first failing run's finding; when every run passes, it passes; when
// every run finds nothing to judge, it is not applicable. Anything else,
// or too many combinations, keeps the unknown result. Arguments chosen by
// the same key (Value.Choice) take the values each key gives them
// together, and a key that some of them cannot take is no combination at
// all; other arguments are combined freely, which may make combinations
// Terraform cannot produce: that can only keep a result unknown, never
// decide it wrongly.
func (rule *Rule) Decide(r *Resource, ctx *Context) Result {
	res := rule.Check(r, ctx)
	if res.Status != Unknown {
		return res
	}
	return decideByCandidates(rule, ctx, r, res)
}

func decideByCandidates(rule *Rule, rc *Context, r *Resource, res Result) Result {
	// The engine comes here for every unknown result, and most resources
	// have no candidates at all: find that out without the sorted,
	// allocating walk collectChoices makes.
	if !hasCandidates(r.Block) {
		return res
	}
	var choices []choice
	collectChoices(r.Block, nil, &choices)
	if len(choices) == 0 {
		return res
	}
	dims := dimensions(choices)
	combos := 1
	for _, d := range dims {
		if len(d.rows) == 0 {
			return res
		}
		combos *= len(d.rows)
		if combos > maxCombinations {
			return res
		}
	}
	var first Result
	var status Status
	idx := make([]int, len(dims))
	vals := make([]cty.Value, len(choices))
	for n := range combos {
		rem := n
		for i := len(dims) - 1; i >= 0; i-- {
			idx[i] = rem % len(dims[i].rows)
			rem /= len(dims[i].rows)
		}
		for i, d := range dims {
			for j, m := range d.members {
				vals[m] = d.rows[idx[i]][j]
			}
		}
		cp := substitute(r, choices, vals)
		got := rule.Check(cp, withResource(rc, r, cp))
		if n == 0 {
			first, status = got, got.Status
		} else if got.Status != status {
			return res
		}
		if status != Pass && status != Fail && status != NotApplicable {
			return res
		}
	}
	if status == Fail {
		names := make([]string, len(dims))
		for i, d := range dims {
			names[i] = d.name
		}
		first.Message = fmt.Sprintf("%s (for every value %s can take)", first.Message, strings.Join(names, " and "))
	}
	return first
}

// dimensions groups the choices, in the order of their first argument:
// one dimension per choice made by no key, and one per key, whose rows are
// the distinct sets of values the keys every member can take give.
func dimensions(choices []choice) []dimension {
	var dims []dimension
	byKey := map[string]int{}
	for i, c := range choices {
		if c.by == nil {
			d := dimension{name: choiceName(c), members: []int{i}}
			for _, v := range c.vals {
				d.rows = append(d.rows, []cty.Value{v})
			}
			dims = append(dims, d)
			continue
		}
		if _, ok := byKey[c.by.By]; !ok {
			byKey[c.by.By] = len(dims)
			dims = append(dims, dimension{name: c.by.By})
		}
		d := &dims[byKey[c.by.By]]
		d.members = append(d.members, i)
	}
	for i := range dims {
		d := &dims[i]
		if choices[d.members[0]].by == nil {
			continue
		}
		d.rows = keyRows(choices, d.members)
	}
	return dims
}

// keyRows lists, for every key the first of members can take, the values
// it gives each member, leaving out keys another member cannot take (that
// member would fail with it, and so would Terraform), and repeats.
func keyRows(choices []choice, members []int) [][]cty.Value {
	var rows [][]cty.Value
	first := choices[members[0]]
	for ki, k := range first.by.Keys {
		row := []cty.Value{first.vals[first.by.Picks[ki]]}
		for _, m := range members[1:] {
			v, ok := choices[m].value(k)
			if !ok {
				row = nil
				break
			}
			row = append(row, v)
		}
		if row != nil && !hasRow(rows, row) {
			rows = append(rows, row)
		}
	}
	return rows
}

// value is the value key gives the argument; false when it cannot take
// key.
func (c choice) value(key string) (cty.Value, bool) {
	for i, k := range c.by.Keys {
		if k == key {
			return c.vals[c.by.Picks[i]], true
		}
	}
	return cty.NilVal, false
}

func hasRow(rows [][]cty.Value, row []cty.Value) bool {
	for _, r := range rows {
		same := true
		for i := range r {
			if !r[i].RawEquals(row[i]) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

func choiceName(c choice) string {
	return strings.Join(append(stepNames(c.path), c.name), ".")
}

func stepNames(path []blockStep) []string {
	out := make([]string, len(path))
	for i, s := range path {
		out[i] = s.typ
	}
	return out
}

// hasCandidates reports whether an argument of b or of a block nested in
// it has candidates. It reads the maps directly, in no order, as the
// answer does not depend on one.
func hasCandidates(b *Block) bool {
	if b == nil {
		return false
	}
	for _, v := range b.attrs {
		if len(v.Candidates()) > 0 {
			return true
		}
	}
	for _, n := range b.nested {
		for _, nb := range n.blocks {
			if hasCandidates(nb) {
				return true
			}
		}
	}
	return false
}

// collectChoices gathers the arguments of b and its nested blocks that
// have candidates, in a fixed order (names sorted), so that the
// combinations, and so the finding reported, are deterministic.
func collectChoices(b *Block, path []blockStep, out *[]choice) {
	for _, n := range b.AttrNames() {
		if v := b.Attr(n); len(v.Candidates()) > 0 {
			c := choice{path: path, name: n, vals: v.Candidates()}
			if v.Choice().valid(len(c.vals)) {
				c.by = v.Choice()
			}
			*out = append(*out, c)
		}
	}
	for _, t := range b.BlockTypes() {
		for i, nb := range b.Blocks(t) {
			collectChoices(nb, append(path[:len(path):len(path)], blockStep{t, i}), out)
		}
	}
}

// substitute returns a copy of r in which each choice's argument holds
// its value in vals; r itself, which other rules read concurrently,
// is left alone.
func substitute(r *Resource, choices []choice, vals []cty.Value) *Resource {
	cp := *r
	cp.Block = r.Clone()
	for i, c := range choices {
		b := cp.Block
		for _, s := range c.path {
			b = b.Blocks(s.typ)[s.i]
		}
		v := b.Attr(c.name)
		v.Val = vals[i]
		b.SetAttr(c.name, v.known())
	}
	return &cp
}

// withResource returns rc with an index in which cp stands in for r: rules
// that read a resource's neighbours through the index (the entries of its
// network ACL, the policies attached to it) find r among them, and must
// find the copy they judge, not r with its unknown arguments; a rule that
// tells r apart from its neighbours by identity would otherwise judge the
// wrong one.
func withResource(rc *Context, r, cp *Resource) *Context {
	if rc == nil || rc.Index == nil {
		return rc
	}
	return &Context{Params: rc.Params, Index: rc.Index.standIn(r, cp)}
}

// known returns a copy of v without what only an argument known after
// apply has (Candidates, Choice, KnownSuffix, Skeleton, Partial,
// ElementSkeletons), for a value made known by substitute; Sensitive and
// Literal stay.
func (v Value) known() Value {
	return v.withMore(valueMore{sensitive: v.Sensitive(), literal: v.Literal()})
}
