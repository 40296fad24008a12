package scanner

import (
	"fmt"
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
	b.SetAttr("key", Value{Val: cty.UnknownVal(cty.String), Range: at(2), Refs: []string{"var.env"}, Candidates: key, KnownSuffix: "sqs"})
	if nested != nil {
		enc := NewBlock("encryption", at(3))
		enc.SetAttr("key", Value{Val: cty.UnknownVal(cty.String), Range: at(4), Candidates: nested})
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
			assert.Equal(t, "sqs", r.Attr("key").KnownSuffix)
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
		assert.Empty(t, v.KnownSuffix)
		assert.Nil(t, v.Candidates)
	}
}

// Every run not applicable makes the rule not applicable; not applicable
// mixed with a pass stays unknown.
func TestDecideNotApplicable(t *testing.T) {
	mk := func(kinds ...string) *Resource {
		r := choiceQueue(nil, nil)
		r.SetAttr("kind", Value{Val: cty.UnknownVal(cty.String), Candidates: strs(kinds...)})
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
