package inventory

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport/htmltest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

func TestInventoryHTML(t *testing.T) {
	rep := fileReport(t, stateFixture, withCategories(options(t, "2027-01-10"), tsc.Security, tsc.Availability))
	doc := htmltest.Parse(t, written(t, rep, "html"))

	cells := htmltest.Grid(doc)
	inScope := 0
	for _, c := range rep.Criteria {
		if !c.InScope {
			assert.NotContains(t, cells, c.ID)
			continue
		}
		inScope++
		assert.Equal(t, c.Coverage, cells[c.ID].Verdict, c.ID)
		assert.Contains(t, cells[c.ID].Text, c.Coverage, "%s: the coverage is written, not only coloured", c.ID)
	}
	assert.Len(t, cells, inScope, "one cell per criterion in scope")
	assert.Equal(t, "covered", cells["CC6.1"].Verdict)

	cc61 := htmltest.Text(htmltest.ByID(t, doc, htmlreport.Anchor("criterion", "CC6.1")))
	assert.Contains(t, cc61, "CRY-01 soc2_control.encryption_at_rest Encryption at rest implemented Marco Lindqvist <marco.lindqvist@acme.example> automated continuous 1 evidence requirement aws-ebs-volume-encrypted aws-efs-file-system-encrypted")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "evidence")),
		"overdue 2026-12-02 39 days late END-01/MDM compliance report END-01 Lena Fischer <lena.fischer@acme.example> stale: input says next_due 2026-12-02, overdue false")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "coverage")), "Gaps: no implemented, partial or alternative control (9)")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "owners")), "Owners (5)")
}

func TestInventoryHTMLEscapesAndShowsUnknowns(t *testing.T) {
	const hostile = `<script>alert(1)</script>`
	doc := invStateDoc(
		invOwnerJSON("owner", `Ana "><img src=x onerror=alert(2)>`, "ana@example.com"),
		invControlJSON("x", map[string]any{"control_id": `X "01"`, "title": hostile, "owner_id": "ana@example.com", "criteria": []string{"CC6.1"}}),
	)
	out := written(t, reportOf(t, "<stdin>", doc, options(t, "2026-11-25")), "html")
	htmltest.AssertInert(t, out)
	page := htmltest.Parse(t, out)
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, page, "criterion-CC6.1")),
		`X "01" soc2_control.x `+hostile+` implemented Ana "><img src=x onerror=alert(2)> <ana@example.com>`)

	// A plan: criteria known only after apply get their own group.
	plan := reportOf(t, "plan.json", invStateDoc(invControlJSON("later", map[string]any{"criteria": nil})), options(t, "2026-11-25"))
	plan.Controls[0].Criteria, plan.Controls[0].Unknown = nil, []string{"criteria", "title"}
	text := htmltest.Text(htmltest.ByID(t, htmltest.Parse(t, written(t, plan, "html")), "criterion-unknown"))
	assert.Contains(t, text, "Criteria (known after apply) Control Title Status Owner Automation Frequency Evidence Scanner rules C-01 soc2_control.later (known after apply) implemented")
}

func TestInventoryHTMLIsDeterministic(t *testing.T) {
	opt := options(t, "2027-01-10")
	assert.Equal(t, written(t, fileReport(t, stateFixture, opt), "html"), written(t, fileReport(t, stateFixture, opt), "html"))
	doc := htmltest.Parse(t, written(t, fileReport(t, stateFixture, opt), "html"))
	sections := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "details" })
	require.NotEmpty(t, sections)
	for _, s := range sections {
		assert.NotEmpty(t, htmltest.Attr(s, "id"), "every drill-down section is a link target")
	}
}
