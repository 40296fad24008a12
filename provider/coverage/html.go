package coverage

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
)

//go:embed coverage.html.tmpl
var coverageHTML string

// htmlTemplate parses the page on first use, not at package
// initialisation: every process that links this package (each scan)
// would otherwise parse it, and few of them write this report.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return htmlreport.New("coverage", coverageHTML, template.FuncMap{
		"verdict":   verdictBadge,
		"automated": automatedBadge,
		"owner":     ownerText,
		"passed":    passedText,
		"ruleState": ruleStateText,
	})
})

// htmlView is what the page's body shows: the report, with each
// criterion's controls, rules and evidence looked up as the text format
// does.
type htmlView struct {
	*Report
	Criteria []htmlCriterion
	// Uncited are the rules of UncitedFailingRules.
	Uncited []*Rule
}

type htmlCriterion struct {
	Criterion
	Controls []*Control
	Rules    []*Rule
	Evidence []Evidence
}

func writeHTML(w io.Writer, r *Report) error {
	ix := r.index()
	view := htmlView{Report: r}
	for _, c := range r.Criteria {
		hc := htmlCriterion{Criterion: c, Rules: ix.criterionRules(c), Evidence: ix.criterionEvidence(c)}
		for _, addr := range c.Controls {
			hc.Controls = append(hc.Controls, ix.controls[addr])
		}
		view.Criteria = append(view.Criteria, hc)
	}
	for _, id := range r.UncitedFailingRules {
		view.Uncited = append(view.Uncited, ix.rules[id])
	}
	return htmlreport.Write(w, htmlTemplate(), htmlreport.Page{
		Title: "SOC 2 coverage",
		Facts: []htmlreport.Fact{
			{Name: "Inventory", Value: fmt.Sprintf("%s (%s)", r.Inventory.Name, r.Inventory.Form)},
			{Name: "Scan", Value: r.scanText()},
			{Name: "As of", Value: r.AsOf},
			{Name: "In scope", Value: categoryList(r.CategoriesInScope)},
		},
		Summary: r.summaryLines(),
		Nav: []htmlreport.Link{
			{Anchor: "criteria", Text: "Criteria"}, {Anchor: "controls", Text: "Controls and owners"},
			{Anchor: "failing", Text: "Failing resources"}, {Anchor: "overdue", Text: "Overdue evidence"},
			{Anchor: "uncited", Text: "Failing rules no control cites"}, {Anchor: "not-run", Text: "Cited rules that did not run"},
			{Anchor: "warnings", Text: "Warnings"},
		},
		Grids: []htmlreport.Grid{r.grid()},
		Body:  view,
	})
}

// grid shows each criterion in scope by verdict, grouped by category in
// catalogue order.
func (r *Report) grid() htmlreport.Grid {
	g := htmlreport.Grid{Heading: "Criteria in scope by verdict"}
	for _, v := range Verdicts() {
		g.Legend = append(g.Legend, verdictBadge(v))
	}
	for _, c := range r.Criteria {
		g.Add(htmlreport.CategoryHeading(c.Category), htmlreport.Cell{
			ID: c.ID, Title: c.Title, Anchor: htmlreport.Anchor("criterion", c.ID), Badge: verdictBadge(c.Verdict),
		})
	}
	return g
}

// verdictTones and automatedTones colour the verdicts and automated
// statuses; anything else is neutral.
var (
	verdictTones = map[Verdict]htmlreport.Tone{
		Covered: htmlreport.Good, AtRisk: htmlreport.Warn, Gap: htmlreport.Bad, NotApplicable: htmlreport.Muted,
	}
	automatedTones = map[AutomatedStatus]htmlreport.Tone{
		Passing: htmlreport.Good, Failing: htmlreport.Bad, Unknown: htmlreport.Warn,
	}
)

func verdictBadge(v Verdict) htmlreport.Badge {
	return htmlreport.Badge{Label: string(v), Tone: cmp.Or(verdictTones[v], htmlreport.Neutral)}
}

func automatedBadge(a AutomatedStatus) htmlreport.Badge {
	return htmlreport.Badge{Label: string(a), Tone: cmp.Or(automatedTones[a], htmlreport.Neutral)}
}
