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

func TestParseCacheKeepsSharedFilesWithinItsBudget(t *testing.T) {
	c := newParseCache()
	require.Equal(t, parseCacheBudget, c.budget)
	shared, own := cachedSource("mod/main.tf", 100), cachedSource("a/main.tf", 100)
	c.put(shared)
	c.put(own)
	c.sweep() // root a done: what it used stays for the next root
	assert.Same(t, shared, c.get("mod/main.tf"), "root b calls the module too")
	c.sweep() // root b done
	assert.Nil(t, c.get("a/main.tf"), "only root a used it")
	c.sweep() // root c done, without the module
	c.sweep() // root d done, without it either
	assert.Same(t, shared, c.get("mod/main.tf"), "a root after two that did not call the shared module still finds it parsed")
	assert.Equal(t, 100, c.size)
}

func TestParseCacheDropsAFileOneRootUsedOnceThatRootIsDone(t *testing.T) {
	c := newParseCache()
	c.put(cachedSource("mod/main.tf", 100))
	c.sweep() // root a used it
	c.sweep() // root b did not
	assert.Nil(t, c.get("mod/main.tf"), "as before the budget: most roots of a collection share nothing")
	again := cachedSource("mod/main.tf", 100)
	c.put(again) // root c parses it again: two roots have used it now
	c.sweep()
	c.sweep()
	assert.Same(t, again, c.get("mod/main.tf"), "the second parse is kept")
}

func TestParseCacheDropsTheLeastRecentlyUsedOverItsBudget(t *testing.T) {
	c := newParseCache()
	c.budget = 250
	// Two roots use each of x, y and z, one after the other.
	var files []*parsedFile
	for _, p := range []string{"x/main.tf", "y/main.tf", "z/main.tf"} {
		pf := cachedSource(p, 100)
		files = append(files, pf)
		c.put(pf)
		c.sweep()
		require.Same(t, pf, c.get(p))
		c.sweep()
	}
	// The three do not fit, and x was used longest ago.
	assert.Nil(t, c.get("x/main.tf"))
	assert.Same(t, files[1], c.get("y/main.tf"))
	assert.Same(t, files[2], c.get("z/main.tf"))
	assert.Equal(t, 200, c.size)
}

func TestParseCacheNeverDropsWhatTheRootBeingLoadedUses(t *testing.T) {
	c := newParseCache()
	c.budget = 50
	big := cachedSource("big/main.tf", 100)
	c.put(big)
	c.forget(nil) // trims while the root loads
	assert.Same(t, big, c.get("big/main.tf"), "the root being loaded uses it, over the budget or not")
	c.sweep() // the root is done: the next root may call it
	require.Same(t, big, c.get("big/main.tf"))
	c.sweep()
	c.sweep() // a root that did not call it
	assert.Nil(t, c.get("big/main.tf"), "shared but over the budget alone, it goes once no root loading uses it")
	assert.Zero(t, c.size)
}

func TestParseCacheForgetsARootsOwnFiles(t *testing.T) {
	c := newParseCache()
	own := cachedSource("a/main.tf", 100)
	c.put(own)
	c.forget([]string{"a/main.tf"})
	assert.Nil(t, c.get("a/main.tf"), "no other root has used it: it goes before the root's rules run")
	assert.Zero(t, c.size)

	// The same root parsing it again is still one root.
	c.put(own)
	c.forget([]string{"a/main.tf"})
	assert.Nil(t, c.get("a/main.tf"))

	// A root whose module an earlier root called (an example calling ../..).
	c.sweep()
	c.put(own)
	c.forget([]string{"a/main.tf"})
	assert.Same(t, own, c.get("a/main.tf"), "two roots have used it: it stays within the budget")
	c.budget = 50
	c.forget([]string{"a/main.tf"})
	assert.Nil(t, c.get("a/main.tf"), "over the budget, it goes")
}

func TestParseCacheDiscardsFilesWhoeverUsedThem(t *testing.T) {
	c := newParseCache()
	own := cachedSource("a/main.tf", 100)
	c.put(own)
	c.sweep() // an earlier root called a as a module
	c.put(own)
	c.discard([]string{"a/main.tf"})
	assert.Nil(t, c.get("a/main.tf"), "its declarations gave up their syntax: it is parsed again")
	assert.Zero(t, c.size)
	c.discard([]string{"a/main.tf"}) // discarding what is gone is nothing
	assert.Zero(t, c.size)
}
