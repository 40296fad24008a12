package coverage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport/htmltest"
)

func TestHTMLGridShowsEveryCriterionByVerdict(t *testing.T) {
	r := build(t, true)
	doc := htmltest.Parse(t, htmltest.Render(t, r))
	cells := htmltest.Grid(doc)
	require.Len(t, cells, len(r.Criteria), "one cell per criterion in scope")
	for _, c := range r.Criteria {
		cell := cells[c.ID]
		assert.Equal(t, string(c.Verdict), cell.Verdict, c.ID)
		assert.Contains(t, cell.Text, string(c.Verdict), "%s: the verdict is written, not only coloured", c.ID)
		assert.Equal(t, "#"+htmlreport.Anchor("criterion", c.ID), cell.Href)
	}
	assert.Equal(t, "at-risk", cells["CC6.6"].Verdict)
	assert.Equal(t, "covered", cells["CC6.1"].Verdict)
	assert.Equal(t, "gap", cells["CC1.1"].Verdict)
}

func TestHTMLDrillDown(t *testing.T) {
	doc := htmltest.Parse(t, htmltest.Render(t, build(t, true)))
	cc66 := htmltest.Text(htmltest.ByID(t, doc, "criterion-CC6.6"))
	for _, want := range []string{
		"CTL-FAIL: its scanner rules fail on 2 resources",
		"CTL-FAIL Failing implemented Dana <dana@example.com> ✗ failing main.tf:10 main.tf:20",
		"rule-fail ran 2 0 0 0 main.tf:10 aws_security_group.web main.tf:20 aws_security_group.db",
	} {
		assert.Contains(t, cc66, want)
	}
	ctl := htmltest.Text(htmltest.ByID(t, doc, htmlreport.Anchor("control", "soc2_control.overdue")))
	assert.Contains(t, ctl, "CTL-OVERDUE soc2_control.overdue Overdue evidence implemented Dana <dana@example.com> CC6.2")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "overdue")),
		"CTL-OVERDUE/Monthly review CTL-OVERDUE Dana <dana@example.com> 2026-01-01 2026-02-01")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "failing")),
		"rule-fail CTL-FAIL, CTL-PLANNED main.tf:10 aws_security_group.web rule-fail fail")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "uncited")), "rule-uncited Rule rule-uncited high CC7.2 1 main.tf:50 aws_cloudtrail.main")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "not-run")), `rule-pas CTL-TYPO not-in-catalogue no scanner rule is named "rule-pas"; did you mean "rule-pass"?`)
}

func TestHTMLEscapesHostileNames(t *testing.T) {
	r := build(t, true)
	const hostile = `</td><script>alert(1)</script>`
	for i := range r.Controls {
		if r.Controls[i].ControlID == "CTL-FAIL" {
			r.Controls[i].Title = hostile
			name := `"><img src=x onerror=alert(2)>`
			r.Controls[i].Owner.Name = &name
			r.Controls[i].Address = `soc2_control.x" onmouseover="alert(3)`
		}
	}
	for i := range r.Criteria {
		if r.Criteria[i].ID == "CC6.6" {
			r.Criteria[i].Controls = []string{`soc2_control.x" onmouseover="alert(3)`}
		}
	}
	r.Warnings = append(r.Warnings, hostile)
	out := htmltest.Render(t, r)
	htmltest.AssertInert(t, out)
	doc := htmltest.Parse(t, out)
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "criterion-CC6.6")), hostile, "the title reads back as written")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "warnings")), hostile)
}

func TestHTMLIsDeterministic(t *testing.T) {
	first, second := build(t, true), build(t, true)
	second.Inventory.Name = first.Inventory.Name // each build reads its own temporary directory
	assert.Equal(t, htmltest.Render(t, first), htmltest.Render(t, second))
}
