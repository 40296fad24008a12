package inventory

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sync"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
)

//go:embed inventory.html.tmpl
var inventoryHTML string

// htmlTemplate parses the page on first use, not at package
// initialisation: every process that links this package (each scan)
// would otherwise parse it, and few of them write this report.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return htmlreport.New("inventory", inventoryHTML, template.FuncMap{
		"coverage": coverageBadge,
		"cell":     cellText,
		"ptrCell":  ptrCellText,
		"owner":    ownerText,
		"due":      dueText,
		"stale":    stateNote,
		"count":    countNoun,
		"unknown":  func() string { return unknownText },
	})
})

// htmlView is what the page's body shows: the report, with each
// criterion's controls looked up as the text format groups them.
type htmlView struct {
	*Report
	Criteria []htmlCriterion
	// Unassigned are the controls whose criteria are known only after
	// apply.
	Unassigned []Control
	// Attention is the evidence overdue, due soon, never collected or of
	// unknown due date.
	Attention []Evidence
}

type htmlCriterion struct {
	Criterion
	Controls []Control
}

func writeHTML(w io.Writer, r *Report) error {
	view := htmlView{Report: r, Unassigned: controlsWithoutCriteria(r), Attention: r.evidenceToShow()}
	byID := r.controlsByID()
	for _, c := range r.Criteria {
		hc := htmlCriterion{Criterion: c}
		for _, id := range c.Controls {
			for _, ctl := range byID[id] {
				if slices.Contains(ctl.Criteria, c.ID) {
					hc.Controls = append(hc.Controls, ctl)
				}
			}
		}
		view.Criteria = append(view.Criteria, hc)
	}
	return htmlreport.Write(w, htmlTemplate(), htmlreport.Page{
		Title: "SOC 2 control inventory",
		Facts: []htmlreport.Fact{
			{Name: "Source", Value: r.sourceText()},
			{Name: "As of", Value: fmt.Sprintf("%s, evidence due within %d days", r.asOfText(), r.DueWithinDays)},
			{Name: "In scope", Value: r.scopeText()},
		},
		Summary: r.summaryLines(),
		Nav: []htmlreport.Link{
			{Anchor: "criteria", Text: "Controls by criterion"}, {Anchor: "coverage", Text: "Gaps and controls not implemented"},
			{Anchor: "evidence", Text: "Evidence to collect"}, {Anchor: "owners", Text: "Owners"}, {Anchor: "warnings", Text: "Warnings"},
		},
		Grids: []htmlreport.Grid{r.grid()},
		Body:  view,
	})
}

// grid shows the criteria in scope by coverage, grouped by category in
// catalogue order.
func (r *Report) grid() htmlreport.Grid {
	g := htmlreport.Grid{Heading: "Criteria in scope by coverage"}
	for _, c := range []string{coverageCovered, coverageGap, coverageNotApplicable} {
		g.Legend = append(g.Legend, coverageBadge(c))
	}
	for _, c := range r.Criteria {
		if !c.InScope {
			continue
		}
		g.Add(htmlreport.CategoryHeading(c.Category), htmlreport.Cell{
			ID: c.ID, Title: c.Title, Anchor: htmlreport.Anchor("criterion", c.ID), Badge: coverageBadge(c.Coverage),
		})
	}
	return g
}

func coverageBadge(coverage string) htmlreport.Badge {
	tone := htmlreport.Muted
	switch coverage {
	case coverageCovered:
		tone = htmlreport.Good
	case coverageGap:
		tone = htmlreport.Bad
	}
	return htmlreport.Badge{Label: coverage, Tone: tone}
}
