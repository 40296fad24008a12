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
}

type blockStep struct {
	typ string
	i   int
}

// Decide runs the rule's Check on r, and decides a result Check leaves
// unknown when the arguments that made it unknown only choose among known
// values (Value.Candidates): Check is run again on a copy of r for every
// combination of those values. When every run fails, the rule fails, with
// the first failing run's finding; when every run passes, it passes; when
// every run finds nothing to judge, it is not applicable. Anything else,
// or too many combinations, keeps the unknown result. The combinations
// may include some Terraform cannot produce (two arguments picked by the
// same key are combined freely), which can only keep a result unknown,
// never decide it wrongly.
func (rule *Rule) Decide(r *Resource, ctx *Context) Result {
	res := rule.Check(r, ctx)
	if res.Status != Unknown {
		return res
	}
	return decideByCandidates(rule, ctx, r, res)
}

func decideByCandidates(rule *Rule, rc *Context, r *Resource, res Result) Result {
	var choices []choice
	collectChoices(r.Block, nil, &choices)
	if len(choices) == 0 {
		return res
	}
	combos := 1
	for _, c := range choices {
		combos *= len(c.vals)
		if combos > maxCombinations {
			return res
		}
	}
	var first Result
	var status Status
	idx := make([]int, len(choices))
	for n := range combos {
		rem := n
		for i := len(choices) - 1; i >= 0; i-- {
			idx[i] = rem % len(choices[i].vals)
			rem /= len(choices[i].vals)
		}
		cp := substitute(r, choices, idx)
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
		names := make([]string, len(choices))
		for i, c := range choices {
			names[i] = strings.Join(append(stepNames(c.path), c.name), ".")
		}
		first.Message = fmt.Sprintf("%s (for every value %s can take)", first.Message, strings.Join(names, " and "))
	}
	return first
}

func stepNames(path []blockStep) []string {
	out := make([]string, len(path))
	for i, s := range path {
		out[i] = s.typ
	}
	return out
}

// collectChoices gathers the arguments of b and its nested blocks that
// have candidates, in a fixed order (names sorted), so that the
// combinations, and so the finding reported, are deterministic.
func collectChoices(b *Block, path []blockStep, out *[]choice) {
	for _, n := range b.AttrNames() {
		if v := b.Attr(n); len(v.Candidates) > 0 {
			*out = append(*out, choice{path: path, name: n, vals: v.Candidates})
		}
	}
	for _, t := range b.BlockTypes() {
		for i, nb := range b.Blocks(t) {
			collectChoices(nb, append(path[:len(path):len(path)], blockStep{t, i}), out)
		}
	}
}

// substitute returns a copy of r in which each choice's argument holds
// the candidate idx picks; r itself, which other rules read concurrently,
// is left alone.
func substitute(r *Resource, choices []choice, idx []int) *Resource {
	cp := *r
	cp.Block = r.Clone()
	for i, c := range choices {
		b := cp.Block
		for _, s := range c.path {
			b = b.Blocks(s.typ)[s.i]
		}
		v := b.Attr(c.name)
		v.Val = c.vals[idx[i]]
		v.Candidates = nil
		v.KnownSuffix = ""
		v.Partial = nil
		v.ElementSkeletons = nil
		b.SetAttr(c.name, v)
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
	all := append([]*Resource(nil), rc.Index.All()...)
	for i, o := range all {
		if o == r {
			all[i] = cp
		}
	}
	return &Context{Params: rc.Params, Index: NewIndex(all)}
}
