// Package htmltest reads back the pages of package htmlreport in tests:
// parsed as a browser parses them, so that a test checks what a reader
// sees (a grid cell's verdict, the text of a section) and not how the
// markup happens to be spelled.
package htmltest

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// Parse parses a page.
func Parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	return doc
}

// Find returns the elements under n for which match is true, in document
// order.
func Find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

// Tag matches the elements named tag.
func Tag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

// Attr returns n's attribute key, "" when it has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// ByID returns the element whose id is id, failing the test when there is
// none or more than one.
func ByID(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	found := Find(doc, func(n *html.Node) bool { return Attr(n, "id") == id })
	require.Len(t, found, 1, "elements with id %q", id)
	return found[0]
}

// Text is the text under n as a reader sees it: the text of inline
// elements (a, code, strong, span, ...) runs on, every other element is set
// apart by a space, and runs of white space collapse to one space.
func Text(n *html.Node) string {
	var sb strings.Builder
	writeText(&sb, n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// inline are the elements the reports use inside a line of text.
var inline = map[string]bool{"a": true, "b": true, "code": true, "em": true, "span": true, "strong": true}

func writeText(sb *strings.Builder, n *html.Node) {
	if n.Type == html.TextNode {
		sb.WriteString(n.Data)
		return
	}
	block := n.Type == html.ElementNode && !inline[n.Data]
	if block {
		sb.WriteByte(' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(sb, c)
	}
	if block {
		sb.WriteByte(' ')
	}
}

// Cell is a grid cell as a reader sees it.
type Cell struct {
	// Verdict is the cell's data-verdict, Text all that it shows, Href
	// the section it links to.
	Verdict, Text, Href string
}

// Grid returns the page's grid cells by the ID each shows.
func Grid(doc *html.Node) map[string]Cell {
	out := map[string]Cell{}
	for _, li := range Find(doc, func(n *html.Node) bool { return n.Data == "li" && Attr(n, "data-verdict") != "" }) {
		id := Find(li, func(n *html.Node) bool { return Attr(n, "class") == "cell-id" })
		links := Find(li, Tag("a"))
		if len(id) != 1 || len(links) != 1 {
			continue
		}
		out[Text(id[0])] = Cell{Verdict: Attr(li, "data-verdict"), Text: Text(li), Href: Attr(links[0], "href")}
	}
	return out
}

// Report is a report that writes itself in a format, as the inventory,
// coverage and evidence reports do.
type Report interface {
	Write(w io.Writer, format string) error
}

// Render writes r as HTML and returns the page.
func Render(t *testing.T, r Report) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, r.Write(&buf, "html"))
	return buf.String()
}

// AssertInert checks that no value of a page became markup: its one
// script is the page's own, and no element carries an event handler or
// loads an image.
func AssertInert(t *testing.T, page string) {
	t.Helper()
	doc := Parse(t, page)
	scripts := Find(doc, Tag("script"))
	if assert.Len(t, scripts, 1, "only the page's own script") {
		assert.Contains(t, Text(scripts[0]), "beforeprint")
	}
	assert.Empty(t, Find(doc, Tag("img")), "no image")
	for _, n := range Find(doc, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			assert.False(t, strings.HasPrefix(a.Key, "on"), "<%s %s=%q>", n.Data, a.Key, a.Val)
		}
	}
}
