package window

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport/htmltest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
)

func TestHTMLPerControl(t *testing.T) {
	late := control()
	late.ID, late.Title = "AC-2", "Late"
	rep := build([]*ledger.Record{rec(0), rec(5, "fp1"), rec(6)}, 20, control(), late)
	doc := htmltest.Parse(t, htmltest.Render(t, rep))
	cells := htmltest.Grid(doc)
	require.Len(t, cells, 2)
	assert.Equal(t, string(rep.Subjects[0].Verdict), cells["AC-1"].Verdict)
	assert.Equal(t, "#control-AC-1", cells["AC-1"].Href)
	assert.Contains(t, cells["AC-2"].Text, "insufficient evidence", "the verdict is written, not only coloured")

	table := htmltest.Text(htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "subjects" })[0])
	assert.Contains(t, table, "AC-1 Access ana@example.com weekly 3 1 2026-01-06 / 2026-01-06 14.58")
	section := htmltest.Text(htmltest.ByID(t, doc, htmlreport.Anchor(KindControl, "AC-1")))
	for _, want := range []string{
		"Owner ana@example.com",
		"Rules r-a, r-x",
		"Days with a record 3 (first 2026-01-01T10:00:00Z, last 2026-01-07T10:00:00Z)",
		"Days failed 1 (first 2026-01-06, last 2026-01-06)",
		"Longest gap 14.58 days (2026-01-07T10:00:00Z to 2026-01-22T00:00:00Z), against its weekly frequency",
		"Gaps longer than the frequency allows 2026-01-07T10:00:00Z to 2026-01-22T00:00:00Z (14.58 days)",
		"r-a aws_s3_bucket.fp1 main.tf:1 fp1 1",
		"insufficient evidence: no record from 2026-01-07T10:00:00Z",
	} {
		assert.Contains(t, section, want)
	}
}

func TestHTMLPerRuleAndCriterion(t *testing.T) {
	rep := Build(Input{Records: []*ledger.Record{rec(0), rec(1, "fp1")}, From: day0, To: day0.AddDate(0, 0, 1), RuleTitles: map[string]string{"r-a": "Rule A"}})
	doc := htmltest.Parse(t, htmltest.Render(t, rep))
	cells := htmltest.Grid(doc)
	assert.Equal(t, "exceptions", cells["r-a"].Verdict)
	assert.Equal(t, "exceptions", cells["CC6.1"].Verdict)
	assert.Equal(t, "#criterion-CC6.1", cells["CC6.1"].Href)
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "criterion-CC6.1")), "Days failed 1 (first 2026-01-02, last 2026-01-02)")
}

func TestHTMLEscapesAndShowsABrokenChain(t *testing.T) {
	const hostile = `<script>alert(1)</script>`
	c := control()
	c.ID, c.Title, c.Owner = `AC "1"`, hostile, `<b onclick="x">owner</b>`
	rep := build([]*ledger.Record{rec(0, "fp1")}, 3, c)
	rep.Subjects[0].Failing[0].Resource = hostile
	rep.Chain = Chain{Problems: []ledger.Problem{{File: "x.json", Kind: "changed", Message: hostile}}}
	out := htmltest.Render(t, rep)
	htmltest.AssertInert(t, out)
	doc := htmltest.Parse(t, out)
	assert.Empty(t, htmltest.Find(doc, htmltest.Tag("b")))
	section := htmltest.Text(htmltest.ByID(t, doc, htmlreport.Anchor(KindControl, `AC "1"`)))
	assert.Contains(t, section, `AC "1" `+hostile)
	assert.Contains(t, section, `Owner <b onclick="x">owner</b>`)
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "chain")), "x.json changed "+hostile)
}

func TestHTMLIsDeterministic(t *testing.T) {
	recs := []*ledger.Record{rec(0), rec(5, "fp1", "fp2"), rec(6)}
	assert.Equal(t, htmltest.Render(t, build(recs, 20, control())), htmltest.Render(t, build(recs, 20, control())))
}
