package loader

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckNesting(t *testing.T) {
	deep := strings.Repeat("[", MaxNestingDepth+1)
	tests := []struct {
		name string
		src  string
		json bool
		line int // 0: no error
		col  int
	}{
		{name: "brackets", src: "x = " + deep, line: 1, col: 5 + MaxNestingDepth},
		{name: "on a later line", src: "a = 1\n\nx = " + deep, line: 3, col: 5 + MaxNestingDepth},
		{name: "exactly the limit", src: "x = " + strings.Repeat("(", MaxNestingDepth)},
		{name: "brackets in a string", src: `x = "` + deep + `"`},
		{name: "brackets in a comment", src: "# " + deep + "\n// " + deep + "\n/* " + deep + " */\nx = 1"},
		{name: "brackets in a heredoc", src: "x = <<-EOT\n  " + deep + "\n  EOT\ny = 1"},
		{name: "escaped interpolation", src: `x = "` + strings.Repeat("$${", MaxNestingDepth+1) + `"`},
		{name: "nested interpolations", src: "x = " + strings.Repeat(`"${`, MaxNestingDepth), line: 1, col: 5 + 3*(MaxNestingDepth/2)},
		{name: "interpolation in a heredoc", src: "x = <<EOT\n" + strings.Repeat("${[", MaxNestingDepth), line: 2, col: 3*(MaxNestingDepth/2) - 0},
		{name: "heredoc closed, then deep", src: "x = <<EOT\n[[[\nEOT\ny = " + deep, line: 4, col: 5 + MaxNestingDepth},
		{name: "string ends at the line", src: "x = \"[\ny = " + deep, line: 2, col: 5 + MaxNestingDepth},
		{name: "json", src: `{"a": ` + deep, json: true, line: 1, col: 7 + MaxNestingDepth - 1},
		{name: "json template", src: `{"a": "${` + deep + `"}`, json: true, line: 1, col: 9 + MaxNestingDepth - 1},
		{name: "json string forgets its brackets", src: `{"a": "` + strings.Repeat("[", MaxNestingDepth-1) + `", "b": [1]}`, json: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ne := checkNesting([]byte(tt.src), tt.json)
			if tt.line == 0 {
				assert.Nil(t, ne)
				return
			}
			require.NotNil(t, ne)
			assert.Equal(t, tt.line, ne.pos.Line)
			assert.Equal(t, tt.col, ne.pos.Column)
			d := ne.diagnostic("main.tf")
			assert.Equal(t, "Nesting too deep", d.Summary)
			assert.Equal(t, tt.line, d.Range.StartLine)
		})
	}
}
