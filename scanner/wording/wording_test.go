package wording

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"Done":                `Done.`,
		"Done.":               `Done.`,
		`did you mean "x"?`:   `did you mean "x"?`,
		"Stop!":               `Stop!`,
		"  padded message \n": `padded message.`,
		"":                    ``,
		" \t":                 ``,
	} {
		assert.Equal(t, want, Sentence(in), "%q", in)
	}
}

func TestMarkdownCode(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"aws_s3_bucket.logs":   "`aws_s3_bucket.logs`",
		"main.tf:3":            "`main.tf:3`",
		`a|b`:                  "`a\\|b`",
		"<b>":                  "`<b>`",
		"x`y <z> | w":          "x`y &lt;z&gt; \\| w",
		"two\nlines with ` in": "two lines with ` in",
	} {
		assert.Equal(t, want, MarkdownCode(in), "%q", in)
	}
}

func TestMarkdownCell(t *testing.T) {
	assert.Equal(t, `a \| b c &lt;script&gt; *kept*`, MarkdownCell("a | b\r\nc <script> *kept*"))
	assert.Equal(t, "&lt;br&gt; | not a cell", MarkdownText("<br> | not a cell"))
}

func TestMarkdownTable(t *testing.T) {
	assert.Equal(t, "| a | b |\n| --- | --- |\n", MarkdownHeader("a", "b"))
	assert.Equal(t, "| `x` | y |\n", MarkdownRow(MarkdownCode("x"), "y"))
}

type failingWriter struct{ writes int }

func (w *failingWriter) Write([]byte) (int, error) {
	w.writes++
	return 0, errors.New("disk full")
}

func TestPrinterKeepsTheFirstError(t *testing.T) {
	w := &failingWriter{}
	p := &Printer{W: w}
	p.Printf("a %d\n", 1)
	p.Printf("b\n")
	assert.EqualError(t, p.Err, "disk full")
	assert.Equal(t, 1, w.writes, "nothing is written after the first failure")
}
