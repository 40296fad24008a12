package loader

import (
	"runtime/pprof"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestLabelledNestsAndRestores(t *testing.T) {
	ProfileLabels = true
	t.Cleanup(func() { ProfileLabels = false })
	ev := &evaluator{}
	label := func() string {
		if ev.profCtx == nil {
			return ""
		}
		v, _ := pprof.Label(ev.profCtx, "decl")
		return v
	}
	var outer, inner, after string
	ev.labelled("call module.", "m", func() {
		ev.labelled("local ", "x", func() { inner = label() })
		after = label()
		outer = "ran"
	})
	assert.Equal(t, "ran", outer)
	assert.Equal(t, "local x", inner)
	assert.Equal(t, "call module.m", after, "the outer label is back once the nested one ends")
	assert.Empty(t, label(), "no label is left after the outermost one")
}

func TestLabelledOffRunsWithoutLabels(t *testing.T) {
	ev := &evaluator{}
	ran := false
	ev.labelled("local ", "x", func() { ran = ev.profCtx != nil })
	assert.False(t, ran, "with ProfileLabels off, f runs without a label context")
}

// The labels only tag profile samples: a Load with them gives the same
// resources, values and diagnostics as one without.
func TestProfileLabelsLeaveTheLoadAsItIs(t *testing.T) {
	for _, fixture := range []string{"modules", "expansion", "locals", "dynamic"} {
		off := loadFixture(t, fixture, Options{})
		ProfileLabels = true
		on := loadFixture(t, fixture, Options{})
		ProfileLabels = false
		require.Equal(t, addresses(off), addresses(on), fixture)
		for i := range off.Resources {
			assert.Equal(t, blockView(off.Resources[i].Block), blockView(on.Resources[i].Block), "%s: %s", fixture, off.Resources[i].Address)
		}
		assert.Equal(t, off.Diagnostics, on.Diagnostics, fixture)
	}
}

// blockView is b's arguments and nested blocks by name, which compare
// whatever order a body's arguments were evaluated in (a map's).
func blockView(b *scanner.Block) map[string]any {
	out := map[string]any{}
	for _, n := range b.AttrNames() {
		out["attr "+n] = b.Attr(n)
	}
	for _, typ := range b.BlockTypes() {
		var nested []map[string]any
		for _, c := range b.Blocks(typ) {
			nested = append(nested, blockView(c))
		}
		out["block "+typ] = nested
	}
	return out
}
