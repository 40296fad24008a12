package loader

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseCacheKeepsOnlyWhatTheLastTwoRootsUsed(t *testing.T) {
	c := newParseCache()
	shared, own := &parsedFile{path: "mod/main.tf"}, &parsedFile{path: "a/main.tf"}
	c.put(shared)
	c.put(own)
	c.sweep() // root a done: both stay for the next root
	assert.Same(t, shared, c.get("mod/main.tf"), "root b calls the shared module")
	c.sweep() // root b done: a's own file was not used by b
	assert.Nil(t, c.get("a/main.tf"))
	assert.Same(t, shared, c.get("mod/main.tf"))
	c.sweep()
	c.sweep() // two roots without the module
	assert.Nil(t, c.get("mod/main.tf"))
}
