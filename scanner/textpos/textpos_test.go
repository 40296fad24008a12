package textpos

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLineColumn(t *testing.T) {
	data := []byte("ab\ncd\n")
	for off, want := range map[int64][2]int{-3: {1, 1}, 0: {1, 1}, 2: {1, 3}, 3: {2, 1}, 4: {2, 2}, 6: {3, 1}, 99: {3, 1}} {
		line, col := LineColumn(data, off)
		assert.Equal(t, want, [2]int{line, col}, "offset %d", off)
	}
	line, col := LineColumn(nil, 5)
	assert.Equal(t, [2]int{1, 1}, [2]int{line, col}, "no data")
}
