package loader

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cachedSource is a parsed file whose source has n bytes: the cache's
// budget counts source bytes.
func cachedSource(path string, n int) *parsedFile {
	return &parsedFile{path: path, src: []byte(strings.Repeat("#", n))}
}

func TestParseCacheKeepsFilesWithinItsBudget(t *testing.T) {
	c := newParseCache()
	require.Equal(t, parseCacheBudget, c.budget)
	shared, own := cachedSource("mod/main.tf", 100), cachedSource("a/main.tf", 100)
	c.put(shared)
	c.put(own)
	c.sweep() // root a done
	c.sweep() // root b done, without the module
	c.sweep() // root c done, without it either
	assert.Same(t, shared, c.get("mod/main.tf"), "a root after two that did not call the module still finds it parsed")
	assert.Same(t, own, c.get("a/main.tf"))
	assert.Equal(t, 200, c.size)
}

func TestParseCacheDropsTheLeastRecentlyUsedOverItsBudget(t *testing.T) {
	c := newParseCache()
	c.budget = 250
	first, second := cachedSource("x/main.tf", 100), cachedSource("y/main.tf", 100)
	c.put(first)
	c.sweep() // root 0 used x
	c.put(second)
	c.sweep() // root 1 used y
	// Root 2 uses a third module: the three do not fit, and x was used
	// longest ago.
	third := cachedSource("z/main.tf", 100)
	c.put(third)
	c.sweep()
	assert.Nil(t, c.get("x/main.tf"))
	assert.Same(t, second, c.get("y/main.tf"))
	assert.Same(t, third, c.get("z/main.tf"))
	assert.Equal(t, 200, c.size)
}

func TestParseCacheNeverDropsWhatTheRootBeingLoadedUses(t *testing.T) {
	c := newParseCache()
	c.budget = 50
	old := cachedSource("old/main.tf", 10)
	c.put(old)
	c.sweep()
	big := cachedSource("big/main.tf", 100)
	c.put(big)
	c.forget(nil) // trims while the root loads
	assert.Same(t, big, c.get("big/main.tf"), "the root being loaded uses it")
	assert.Nil(t, c.get("old/main.tf"), "over the budget, what the root does not use goes")
	c.sweep() // the root is done: the next root may call it
	c.sweep() // the next did not
	assert.Nil(t, c.get("big/main.tf"), "over the budget alone, it goes once no root loading uses it")
	assert.Zero(t, c.size)
}

func TestParseCacheForgetsARootsOwnFilesFirst(t *testing.T) {
	c := newParseCache()
	c.budget = 150
	module := cachedSource("mod/main.tf", 100)
	c.put(module)
	c.sweep() // root 0 called the module
	own := cachedSource("a/main.tf", 100)
	c.put(own)
	c.forget([]string{"a/main.tf"})
	assert.Nil(t, c.get("a/main.tf"), "over the budget, the root's own file goes before its rules run")
	assert.Same(t, module, c.get("mod/main.tf"), "though the module was used longer ago")

	c.budget = parseCacheBudget
	c.put(own)
	c.forget([]string{"a/main.tf"})
	assert.Same(t, own, c.get("a/main.tf"), "within the budget it stays for a root that calls it")
}
