package scanner

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// TestValueSize keeps Value, Resource and Block from growing back: every
// block of a module holds a Value per argument until its rules have run,
// and the collector marks all of them, so what few arguments have belongs
// behind Value.more, and a resource's region and default tags behind
// pointers, not in fields of their own.
func TestValueSize(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(Value{}), uintptr(136), "Value")
	// 184: the account pointer (Account), shared by a provider's resources.
	assert.LessOrEqual(t, unsafe.Sizeof(Resource{}), uintptr(184), "Resource")
	assert.LessOrEqual(t, unsafe.Sizeof(Block{}), uintptr(120), "Block")
}

// TestValueWithCopies checks that the With methods leave the copies of a
// Value they were called on alone (the rarely set part is shared between
// copies) and that a Value whose rarely set part is cleared drops it.
func TestValueWithCopies(t *testing.T) {
	choice := &Choice{By: "var.env", Keys: []string{"a"}, Picks: []int{0}}
	orig := Value{Val: cty.UnknownVal(cty.String), Present: true}.
		WithKnownSuffix(".example.com").WithSkeleton("\x00.example.com").
		WithCandidates([]cty.Value{cty.StringVal("a.example.com")}).WithChoice(choice)
	require.NotNil(t, orig.more)

	other := orig.WithKnownSuffix("").WithSensitive([]cty.Path{{}})
	assert.Equal(t, ".example.com", orig.KnownSuffix(), "the original keeps its suffix")
	assert.False(t, orig.IsSensitive(), "the original is not made sensitive")
	assert.Equal(t, "", other.KnownSuffix())
	assert.True(t, other.IsSensitive())
	assert.Equal(t, "\x00.example.com", other.Skeleton(), "the other parts are carried over")
	assert.Same(t, choice, other.Choice())

	known := orig.known()
	assert.Nil(t, known.more, "nothing is left once Candidates, Choice, KnownSuffix and Skeleton are gone")
	assert.Len(t, orig.Candidates(), 1, "the original keeps its candidates")

	plain := Value{Val: cty.True, Present: true}.WithLiteral(nil).WithCandidates(nil)
	assert.Nil(t, plain.more, "setting nothing allocates nothing")
	assert.Nil(t, plain.Sensitive())
	assert.Nil(t, plain.Literal())
	assert.Nil(t, plain.Partial())
	assert.Nil(t, plain.ElementSkeletons())
	assert.Nil(t, plain.Choice())
}

// TestResourceRegion checks that the region a resource is given is the
// one it returns, also the absent region at its block that SetRegion
// keeps without a copy, and that default tags are shared, not copied.
func TestResourceRegion(t *testing.T) {
	r := &Resource{Block: NewBlock("resource", at(3))}
	assert.Equal(t, Value{}, r.Region(), "never set")
	assert.Equal(t, Value{}, r.DefaultTags(), "never set")

	absent := Value{Name: "region", Val: cty.NilVal, Range: at(3)}
	r.SetRegion(absent)
	assert.Nil(t, r.region, "the absent region is not copied")
	assert.Equal(t, absent, r.Region())

	elsewhere := Value{Name: "region", Val: cty.NilVal, Range: at(7)}
	r.SetRegion(elsewhere)
	assert.Equal(t, elsewhere, r.Region(), "an absent region at another range is kept as given")

	set := Value{Name: "region", Val: cty.StringVal("eu-west-1"), Present: true, Range: at(9)}.WithSensitive([]cty.Path{{}})
	r.SetRegion(set)
	assert.Equal(t, set, r.Region())
	assert.True(t, r.Region().IsSensitive())

	tags := Value{Name: "default_tags", Val: cty.MapVal(map[string]cty.Value{"env": cty.StringVal("prod")}), Present: true}
	other := &Resource{Block: NewBlock("resource", at(5))}
	r.SetDefaultTags(&tags)
	other.SetDefaultTags(&tags)
	assert.Same(t, r.defaultTags, other.defaultTags, "shared by the resources of one provider configuration")
	assert.Equal(t, tags, r.DefaultTags())
}
