package scanner

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// keyRule fails a queue whose key (or nested encryption.key) is "" or an
// AWS managed alias, answers unknown while either is unknown, and is not
// applicable to a queue whose kind is "skip".
var keyRule = &Rule{
	ID: "test-key",
	Check: func(r *Resource, _ *Context) Result {
		if r.Attr("kind").Equals("skip") {
			return DoesNotApply("skipped")
		}
		for _, v := range []Value{r.Attr("key"), r.Get("encryption", "key")} {
			if !v.Present {
				continue
			}
			s, ok := v.AsString()
			if !ok {
				return Unknowable(v.Range, "%s is only known after apply", v.Name)
			}
			if s == "" || s == "alias/aws/sqs" {
				return Failed(v.Range, "%s is not a customer key", v.Name)
			}
		}
		return Passed()
	},
}

func choiceQueue(key []cty.Value, nested []cty.Value) *Resource {
	b := NewBlock("resource", at(1))
	b.SetAttr("key", Value{Val: cty.UnknownVal(cty.String), Range: at(2), Refs: []string{"var.env"}}.WithCandidates(key).WithKnownSuffix("sqs"))
	if nested != nil {
		enc := NewBlock("encryption", at(3))
		enc.SetAttr("key", Value{Val: cty.UnknownVal(cty.String), Range: at(4)}.WithCandidates(nested))
		b.AddBlock(enc)
	}
	return &Resource{Address: "aws_sqs_queue.q", Type: "aws_sqs_queue", Mode: "managed", Block: b}
}

func strs(ss ...string) []cty.Value {
	out := make([]cty.Value, len(ss))
	for i, s := range ss {
		out[i] = cty.StringVal(s)
	}
	return out
}

func TestDecideByCandidates(t *testing.T) {
	for _, tc := range []struct {
		name        string
		key, nested []cty.Value
		want        Status
		message     string
	}{
		{"every value fails", strs("alias/aws/sqs", ""), nil, Fail, "key is not a customer key (for every value key can take)"},
		{"every value passes", strs("arn:a", "arn:b"), nil, Pass, ""},
		{"mixed stays unknown", strs("arn:a", ""), nil, Unknown, "key is only known after apply"},
		{"nested block, every combination fails", strs("alias/aws/sqs"), strs("", "alias/aws/sqs"), Fail, "key is not a customer key (for every value key and encryption.key can take)"},
		{"nested block, one combination passes", strs("arn:a"), strs("", "arn:b"), Unknown, "key is only known after apply"},
		{"no candidates", nil, nil, Unknown, "key is only known after apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := choiceQueue(tc.key, tc.nested)
			ctx := &Context{Index: NewIndex([]*Resource{r})}
			got := keyRule.Decide(r, ctx)
			assert.Equal(t, tc.want, got.Status)
			assert.Equal(t, tc.message, got.Message)
			// The resource the scan holds is left as it was.
			require.True(t, r.Attr("key").IsUnknown())
			assert.Equal(t, "sqs", r.Attr("key").KnownSuffix())
			assert.Same(t, r, ctx.Index.Lookup(r.Address))
		})
	}
}

// A failing combination's finding points where the first failing run's
// does, and the run sees the argument's range and refs kept.
func TestDecideKeepsRangeAndRefs(t *testing.T) {
	r := choiceQueue(strs("", "alias/aws/sqs"), nil)
	var seen []Value
	rule := &Rule{Check: func(r *Resource, ctx *Context) Result {
		seen = append(seen, r.Attr("key"))
		return keyRule.Check(r, ctx)
	}}
	got := rule.Decide(r, &Context{})
	assert.Equal(t, Fail, got.Status)
	assert.Equal(t, at(2), got.Range)
	require.Len(t, seen, 3, "once on the resource, once per candidate")
	for _, v := range seen[1:] {
		assert.True(t, v.IsKnown())
		assert.Equal(t, []string{"var.env"}, v.Refs)
		assert.Equal(t, at(2), v.Range)
		assert.Empty(t, v.KnownSuffix())
		assert.Nil(t, v.Candidates())
	}
}

// Every run not applicable makes the rule not applicable; not applicable
// mixed with a pass stays unknown.
func TestDecideNotApplicable(t *testing.T) {
	mk := func(kinds ...string) *Resource {
		r := choiceQueue(nil, nil)
		r.SetAttr("kind", Value{Val: cty.UnknownVal(cty.String)}.WithCandidates(strs(kinds...)))
		return r
	}
	rule := &Rule{Check: func(r *Resource, ctx *Context) Result {
		if r.Attr("kind").IsUnknown() {
			return Unknowable(r.Range, "kind unknown")
		}
		return keyRule.Check(r, ctx)
	}}
	r := mk("skip")
	assert.Equal(t, NotApplicable, rule.Decide(r, nil).Status)
	r = mk("skip", "other")
	r.SetAttr("key", Value{Val: cty.StringVal("arn:a")})
	assert.Equal(t, Unknown, rule.Decide(r, nil).Status)
}

// Rules that look a resource's neighbours up in the index find the copy
// being judged, not the resource with its unknown argument.
func TestDecideIndexHoldsTheCopy(t *testing.T) {
	r := choiceQueue(strs("", "alias/aws/sqs"), nil)
	other := &Resource{Address: "aws_kms_key.k", Type: "aws_kms_key", Block: NewBlock("resource", at(9))}
	rule := &Rule{Check: func(r *Resource, ctx *Context) Result {
		self := ctx.Index.Lookup(r.Address)
		if self != r {
			return Unknowable(r.Range, "index holds another resource")
		}
		require.NotNil(t, ctx.Index.Lookup("aws_kms_key.k"))
		return keyRule.Check(self, ctx)
	}}
	got := rule.Decide(r, &Context{Index: NewIndex([]*Resource{other, r})})
	assert.Equal(t, Fail, got.Status)
}

// Over maxCombinations, the result stays unknown without running the rule
// on any copy.
func TestDecideBoundsCombinations(t *testing.T) {
	var many []string
	for i := range 6 {
		many = append(many, fmt.Sprint("alias/", i))
	}
	r := choiceQueue(strs(many...), strs(many...))
	runs := 0
	rule := &Rule{Check: func(r *Resource, ctx *Context) Result {
		runs++
		return keyRule.Check(r, ctx)
	}}
	assert.Equal(t, Unknown, rule.Decide(r, nil).Status)
	assert.Equal(t, 1, runs)
}

// exposureRule fails a rule whose port is 22 and whose source is the
// internet, and answers unknown while either is unknown.
var exposureRule = &Rule{
	ID: "test-exposure",
	Check: func(r *Resource, _ *Context) Result {
		port, cidr := r.Attr("port"), r.Attr("cidr")
		p, ok1 := port.AsString()
		c, ok2 := cidr.AsString()
		if !ok1 || !ok2 {
			return Unknowable(port.Range, "port or cidr is only known after apply")
		}
		if p == "22" && c == "0.0.0.0/0" {
			return Failed(port.Range, "SSH is open to the internet")
		}
		return Passed()
	},
}

// keyed is an argument chosen by count.index: keys and the values they
// give, alternately.
func keyed(kv ...string) Value {
	c := &Choice{By: "count.index"}
	var cands []cty.Value
	for i := 0; i < len(kv); i += 2 {
		v := cty.StringVal(kv[i+1])
		pos := slices.IndexFunc(cands, v.RawEquals)
		if pos < 0 {
			pos = len(cands)
			cands = append(cands, v)
		}
		c.Keys = append(c.Keys, kv[i])
		c.Picks = append(c.Picks, pos)
	}
	return Value{Val: cty.UnknownVal(cty.String), Range: at(2)}.WithCandidates(cands).WithChoice(c)
}

func exposure(port, cidr Value) *Resource {
	b := NewBlock("resource", at(1))
	b.SetAttr("port", port)
	b.SetAttr("cidr", cidr)
	return &Resource{Address: "aws_network_acl_rule.r", Type: "aws_network_acl_rule", Mode: "managed", Block: b}
}

// Two arguments chosen by one key take the values one key gives together:
// SSH from a private network and HTTPS from the internet never make SSH
// from the internet, which combining every port with every source would.
func TestDecideByKey(t *testing.T) {
	for _, tc := range []struct {
		name       string
		port, cidr Value
		want       Status
		message    string
	}{
		{"every key passes", keyed("0", "22", "1", "443"), keyed("0", "10.0.0.0/8", "1", "0.0.0.0/0"), Pass, ""},
		{"every key fails", keyed("0", "22", "1", "22"), keyed("0", "0.0.0.0/0", "1", "0.0.0.0/0"), Fail,
			"SSH is open to the internet (for every value count.index can take)"},
		{"keys differ", keyed("0", "22", "1", "443"), keyed("0", "0.0.0.0/0", "1", "0.0.0.0/0"), Unknown,
			"port or cidr is only known after apply"},
		// Key 1 has no cidr (Terraform fails on it): only key 0 is left.
		{"a key one argument cannot take", keyed("0", "22", "1", "443"), keyed("0", "0.0.0.0/0"), Fail,
			"SSH is open to the internet (for every value count.index can take)"},
		{"no key every argument can take", keyed("0", "22"), keyed("1", "0.0.0.0/0"), Unknown,
			"port or cidr is only known after apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := exposure(tc.port, tc.cidr)
			got := exposureRule.Decide(r, &Context{Index: NewIndex([]*Resource{r})})
			assert.Equal(t, tc.want, got.Status)
			assert.Equal(t, tc.message, got.Message)
			require.True(t, r.Attr("port").IsUnknown())
			assert.NotNil(t, r.Attr("port").Choice())
		})
	}
}

// A choice by a key combines with a choice by none, and two keys with
// each other, freely.
func TestDecideByKeyAndFreeChoices(t *testing.T) {
	port := keyed("0", "22", "1", "22")
	free := Value{Val: cty.UnknownVal(cty.String)}.WithCandidates(strs("0.0.0.0/0", "10.0.0.0/8"))
	r := exposure(port, free)
	var seen []string
	rule := &Rule{Check: func(r *Resource, ctx *Context) Result {
		if p, ok := r.Attr("port").AsString(); ok {
			c, _ := r.Attr("cidr").AsString()
			seen = append(seen, p+" "+c)
		}
		return exposureRule.Check(r, ctx)
	}}
	assert.Equal(t, Unknown, rule.Decide(r, nil).Status)
	// One row for the key (both keys give 22), two free values.
	assert.Equal(t, []string{"22 0.0.0.0/0", "22 10.0.0.0/8"}, seen)

	other := keyed("a", "0.0.0.0/0", "b", "0.0.0.0/0")
	by := *other.Choice()
	by.By = "each.key"
	other = other.WithChoice(&by)
	assert.Equal(t, Fail, exposureRule.Decide(exposure(port, other), nil).Status)
}

// Decide comes after every unknown result: on a resource with no
// candidates, in nested blocks or not, it adds no work to the rule's.
func TestDecideWithoutCandidatesAllocatesNothing(t *testing.T) {
	r := choiceQueue(nil, nil)
	enc := NewBlock("encryption", at(3))
	enc.SetAttr("key", Value{Val: cty.UnknownVal(cty.String), Range: at(4)})
	r.AddBlock(enc)
	res := keyRule.Check(r, nil)
	require.Equal(t, Unknown, res.Status)
	allocs := testing.AllocsPerRun(100, func() {
		_ = decideByCandidates(keyRule, nil, r, res)
	})
	assert.Zero(t, allocs)
	assert.False(t, hasCandidates(nil))
	assert.True(t, hasCandidates(choiceQueue(nil, strs("a")).Block), "a candidate in a nested block")
}

// A Choice whose picks do not all name a candidate cannot say which value
// a key gives: Decide combines the candidates freely instead of reading
// past them.
func TestChoiceValid(t *testing.T) {
	assert.True(t, (&Choice{Keys: []string{"0", "1"}, Picks: []int{1, 0}}).valid(2))
	assert.False(t, (*Choice)(nil).valid(2))
	assert.False(t, (&Choice{}).valid(2), "no key")
	assert.False(t, (&Choice{Keys: []string{"0", "1"}, Picks: []int{0}}).valid(2), "a key without a pick")
	assert.False(t, (&Choice{Keys: []string{"0"}, Picks: []int{2}}).valid(2), "a pick past the candidates")
	assert.False(t, (&Choice{Keys: []string{"0"}, Picks: []int{-1}}).valid(2))
}
