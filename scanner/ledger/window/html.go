package window

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"sync"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
)

//go:embed window.html.tmpl
var windowHTML string

// htmlTemplate parses the page on first use, not at package
// initialisation: every process that links this package (each scan)
// would otherwise parse it, and few of them write this report.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return htmlreport.New("evidence-report", windowHTML, template.FuncMap{
		"verdict": verdictBadge,
		"days":    func(d float64) string { return strconv.FormatFloat(d, 'f', 2, 64) },
		"title":   titleCase,
	})
})

// writeHTML renders the report as one page: a grid of the subjects by
// verdict, a table of them, and a section per subject.
func (r *Report) writeHTML(w io.Writer) error {
	grids := []htmlreport.Grid{r.grid(r.Subjects, fmt.Sprintf("%ss by verdict", titleCase(r.By)))}
	if len(r.Criteria) > 0 {
		grids = append(grids, r.grid(r.Criteria, "Criteria by verdict"))
	}
	facts := []htmlreport.Fact{
		{Name: "Ledger", Value: r.Ledger},
		{Name: "Window", Value: fmt.Sprintf("%s to %s (judged until %s)", r.From, r.To, r.JudgedUntil)},
		{Name: "Records", Value: strconv.Itoa(r.Records)},
		{Name: "Chain", Value: r.chainText()},
	}
	if r.RecordsWithErrors > 0 {
		facts = append(facts, htmlreport.Fact{Name: "Incomplete scans", Value: fmt.Sprintf("%d records are of scans that could not read all of their input", r.RecordsWithErrors)})
	}
	return htmlreport.Write(w, htmlTemplate(), htmlreport.Page{
		Title:   fmt.Sprintf("Evidence report %s to %s", r.From, r.To),
		Facts:   facts,
		Summary: []string{fmt.Sprintf("By %s: %s", r.By, r.summaryText())},
		Grids:   grids,
		Body:    r,
	})
}

func (r *Report) grid(subjects []Subject, heading string) htmlreport.Grid {
	g := htmlreport.Grid{Heading: heading}
	for _, v := range Verdicts {
		g.Legend = append(g.Legend, verdictBadge(v))
	}
	for _, s := range subjects {
		g.Add(titleCase(s.Kind)+"s", htmlreport.Cell{
			ID: s.ID, Title: s.Title, Anchor: htmlreport.Anchor(s.Kind, s.ID), Badge: verdictBadge(s.Verdict),
		})
	}
	return g
}

func verdictBadge(v Verdict) htmlreport.Badge {
	tone := htmlreport.Bad
	switch v {
	case OperatedEffectively:
		tone = htmlreport.Good
	case Exceptions:
		tone = htmlreport.Warn
	}
	return htmlreport.Badge{Label: string(v), Tone: tone}
}
