package htmlreport_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport/htmltest"
)

const hostile = `<script>alert("x")</script> & "quoted" 'single' <img src=x onerror=alert(1)>`

var testTemplate = htmlreport.New("test", `{{define "body"}}<section id="{{anchor "control" .}}"><p>{{.}}</p><a href="#{{anchor "control" .}}">{{.}}</a></section>{{end}}`, nil)

func testPage(value string) htmlreport.Page {
	g := htmlreport.Grid{Heading: "Grid", Legend: []htmlreport.Badge{{Label: "gap", Tone: htmlreport.Bad}}}
	g.Add(htmlreport.CategoryHeading("security"), htmlreport.Cell{ID: "CC1.1", Title: value, Anchor: htmlreport.Anchor("criterion", "CC1.1"), Badge: htmlreport.Badge{Label: "gap", Tone: htmlreport.Bad}})
	g.Add(htmlreport.CategoryHeading("security"), htmlreport.Cell{ID: "CC1.2", Title: "t", Anchor: htmlreport.Anchor("criterion", "CC1.2"), Badge: htmlreport.Badge{Label: "covered", Tone: htmlreport.Good}})
	g.Add(htmlreport.CategoryHeading("processing_integrity"), htmlreport.Cell{ID: "PI1.1", Title: "t", Anchor: htmlreport.Anchor("criterion", "PI1.1"), Badge: htmlreport.Badge{Label: "not-applicable", Tone: htmlreport.Muted}})
	return htmlreport.Page{
		Title: value, Facts: []htmlreport.Fact{{Name: "Source", Value: value}}, Summary: []string{value},
		Nav: []htmlreport.Link{{Anchor: "x", Text: value}}, Grids: []htmlreport.Grid{g}, Body: value,
	}
}

func render(t *testing.T, p htmlreport.Page) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, htmlreport.Write(&buf, testTemplate, p))
	return buf.String()
}

func TestPageEscapesEveryValue(t *testing.T) {
	out := render(t, testPage(hostile))
	assert.NotContains(t, out, "<script>alert", "a value never becomes markup")
	htmltest.AssertInert(t, out)
	doc := htmltest.Parse(t, out)
	section := htmltest.ByID(t, doc, htmlreport.Anchor("control", hostile))
	assert.Equal(t, strings.Join(strings.Fields(hostile+" "+hostile), " "), htmltest.Text(section), "the value reads back as written")
	assert.Equal(t, strings.Join(strings.Fields(hostile), " "), htmltest.Text(htmltest.Find(doc, htmltest.Tag("title"))[0]))
}

func TestPageIsSelfContained(t *testing.T) {
	out := render(t, testPage("x"))
	doc := htmltest.Parse(t, out)
	assert.Empty(t, htmltest.Find(doc, htmltest.Tag("link")), "no stylesheet to fetch")
	for _, n := range htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "src") != "" }) {
		assert.Failf(t, "an external asset", "<%s src=%q>", n.Data, htmltest.Attr(n, "src"))
	}
	for _, a := range htmltest.Find(doc, htmltest.Tag("a")) {
		assert.True(t, strings.HasPrefix(htmltest.Attr(a, "href"), "#"), "links stay in the page: %s", htmltest.Attr(a, "href"))
	}
	assert.Contains(t, out, "@media print", "print styles")
	assert.Contains(t, out, `<meta charset="utf-8">`)
}

func TestGridGroupsCellsAndLabelsEveryVerdict(t *testing.T) {
	doc := htmltest.Parse(t, render(t, testPage("title")))
	cells := htmltest.Grid(doc)
	require.Len(t, cells, 3)
	assert.Equal(t, htmltest.Cell{Verdict: "gap", Text: "CC1.1 ✗ gap title", Href: "#criterion-CC1.1"}, cells["CC1.1"])
	assert.Equal(t, "CC1.2 ✓ covered t", cells["CC1.2"].Text, "colour is never the only signal")
	assert.Equal(t, "PI1.1 – not-applicable t", cells["PI1.1"].Text)
	var headings []string
	for _, h := range htmltest.Find(doc, htmltest.Tag("h3")) {
		headings = append(headings, htmltest.Text(h))
	}
	assert.Equal(t, []string{"Security", "Processing integrity"}, headings)
}

func TestWriteIsDeterministic(t *testing.T) {
	assert.Equal(t, render(t, testPage(hostile)), render(t, testPage(hostile)))
}

func TestAnchor(t *testing.T) {
	assert.Equal(t, "criterion-CC6.1", htmlreport.Anchor("criterion", "CC6.1"))
	assert.Equal(t, "control-soc2_5fcontrol.a_20b_22", htmlreport.Anchor("control", `soc2_control.a b"`))
	assert.NotEqual(t, htmlreport.Anchor("control", "a b"), htmlreport.Anchor("control", "a_20b"), "distinct IDs keep distinct anchors")
	assert.Equal(t, "control-_c3_a9", htmlreport.Anchor("control", "é"))
}

func TestBadgeSymbols(t *testing.T) {
	symbols := map[string]bool{}
	for _, tone := range []htmlreport.Tone{htmlreport.Good, htmlreport.Warn, htmlreport.Bad, htmlreport.Neutral, htmlreport.Muted} {
		symbols[htmlreport.Badge{Tone: tone}.Symbol()] = true
	}
	assert.Len(t, symbols, 5, "each tone has its own sign")
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	assert.ErrorContains(t, htmlreport.Write(failingWriter{}, testTemplate, testPage("x")), "disk full")
	broken := htmlreport.New("broken", `{{define "body"}}{{.Missing}}{{end}}`, nil)
	var buf bytes.Buffer
	assert.ErrorContains(t, htmlreport.Write(&buf, broken, testPage("x")), "rendering HTML")
	assert.Empty(t, buf.String(), "nothing is written when rendering fails")
}
