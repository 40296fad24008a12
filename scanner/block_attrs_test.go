package scanner

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// TestBlockAttrs sets arguments in blocks below and above attrScanMax
// (where lookups go through attrIndex) and reads each back, replaced
// ones with their last value, also from a clone changed afterwards.
func TestBlockAttrs(t *testing.T) {
	for _, n := range []int{1, attrScanMax, attrScanMax + 1, 3 * attrScanMax} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			b := NewBlock("resource", Range{})
			for i := range n {
				b.SetAttr(fmt.Sprintf("a%d", i), Value{Val: cty.NumberIntVal(int64(i))})
			}
			b.SetAttr("a0", Value{Val: cty.StringVal("replaced")})
			require.Len(t, b.AttrNames(), n)

			c := b.Clone()
			c.SetAttr("a0", Value{Val: cty.StringVal("clone")})
			c.SetAttr("extra", Value{Val: cty.True})

			assert.Equal(t, cty.StringVal("replaced"), b.Attr("a0").Val)
			assert.Equal(t, cty.StringVal("clone"), c.Attr("a0").Val)
			for i := 1; i < n; i++ {
				name := fmt.Sprintf("a%d", i)
				assert.Equal(t, cty.NumberIntVal(int64(i)), b.Attr(name).Val, name)
				assert.Equal(t, name, b.Attr(name).Name)
				assert.True(t, b.Attr(name).Present)
				assert.Equal(t, cty.NumberIntVal(int64(i)), c.Attr(name).Val, name)
			}
			assert.False(t, b.Attr("extra").Present, "the clone's argument leaked into the original")
			assert.True(t, c.Attr("extra").Present)
			assert.Len(t, c.AttrNames(), n+1)
		})
	}
}

// BenchmarkBlockTwoAttrs builds blocks of two arguments, as most blocks of
// a configuration are, grown one argument at a time and sized up front as
// the loader does, to show what one costs in memory: every byte of it is
// marked by each collection while the model is live.
func BenchmarkBlockTwoAttrs(b *testing.B) {
	v := Value{Val: cty.StringVal("x")}
	for _, sized := range []bool{false, true} {
		b.Run(fmt.Sprintf("sized=%v", sized), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				blk := NewBlock("resource", Range{})
				if sized {
					blk = NewBlockSized("resource", Range{}, 2)
				}
				blk.SetAttr("bucket", v)
				blk.SetAttr("acl", v)
				if !blk.Attr("acl").Present {
					b.Fatal("acl not set")
				}
			}
		})
	}
}
