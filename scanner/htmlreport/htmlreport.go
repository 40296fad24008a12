// Package htmlreport holds what the compliance reports' HTML form shares:
// one self-contained page (inline CSS, no external asset, readable offline
// and when printed), a criteria grid coloured by verdict with a text label
// in every cell, verdict badges and anchors for the drill-down sections.
//
// Each report (inventory, coverage, evidence window) supplies a template
// that defines "body" and renders its own model; this package only lays
// it out. Templates are html/template, so every value is escaped for the
// context it lands in.
package htmlreport

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

//go:embed page.html.tmpl
var pageTemplate string

// Tone is the colour family of a verdict. The colour is never the only
// signal: every badge and grid cell also shows a symbol and the verdict's
// name, for colour-blind readers and black-and-white printers.
type Tone string

// The tones, from good news to none.
const (
	Good    Tone = "good"    // covered, operated effectively
	Warn    Tone = "warn"    // at risk, exceptions
	Bad     Tone = "bad"     // gap, insufficient evidence
	Neutral Tone = "neutral" // not evaluated
	Muted   Tone = "muted"   // not applicable, not in scope
)

// Badge is a verdict as a page shows it: its name in its tone's colour.
type Badge struct {
	Label string
	Tone  Tone
}

// Symbol is the badge's sign, which says the tone without colour.
func (b Badge) Symbol() string {
	switch b.Tone {
	case Good:
		return "✓"
	case Warn:
		return "!"
	case Bad:
		return "✗"
	case Neutral:
		return "?"
	}
	return "–"
}

// Fact is one line of a page's header, such as the inventory's source.
type Fact struct {
	Name, Value string
}

// Link is an entry of a page's table of contents.
type Link struct {
	Anchor, Text string
}

// Cell is one square of a grid: an ID linking to its drill-down section,
// a title and a verdict.
type Cell struct {
	ID, Title, Anchor string
	Badge             Badge
}

// Group is a heading of a grid (a category of criteria, a kind of
// subject) and its cells.
type Group struct {
	Name  string
	Cells []Cell
}

// Grid is a page's overview: its cells grouped, and a legend of every
// verdict it may show.
type Grid struct {
	Heading string
	Legend  []Badge
	Groups  []Group
}

// Add puts c at the end of the grid, in a new group when group is not the
// last one's name: cells added in catalogue order come out grouped.
func (g *Grid) Add(group string, c Cell) {
	if len(g.Groups) == 0 || g.Groups[len(g.Groups)-1].Name != group {
		g.Groups = append(g.Groups, Group{Name: group})
	}
	last := &g.Groups[len(g.Groups)-1]
	last.Cells = append(last.Cells, c)
}

// CategoryHeading is the heading of a Trust Services Category's criteria:
// "processing_integrity" becomes "Processing integrity".
func CategoryHeading(key string) string {
	if key == "" {
		return "-"
	}
	s := strings.ReplaceAll(key, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// Page is what every report's page has around the report's own body.
type Page struct {
	Title   string
	Facts   []Fact
	Summary []string
	Nav     []Link
	Grids   []Grid
	// Body is the data of the report's "body" template.
	Body any
}

// New parses the shared page with a report's templates, which must define
// "body" and may use funcs and the shared ones: anchor, join, orDash,
// deref and the "badge" and "list" templates. The templates are compiled
// into the binary, so a parse error is a programming error and panics.
func New(name, body string, funcs template.FuncMap) *template.Template {
	t := template.New(name).Funcs(template.FuncMap{
		"anchor": Anchor,
		"join":   func(list []string) string { return strings.Join(list, ", ") },
		"orDash": OrDash,
		"deref": func(s *string) string {
			if s == nil {
				return "-"
			}
			return OrDash(*s)
		},
	}).Funcs(funcs)
	template.Must(t.Parse(pageTemplate))
	return template.Must(t.Parse(body))
}

// Write renders the page. It renders into memory first, so that a
// template error writes nothing rather than half a page.
func Write(w io.Writer, t *template.Template, p Page) error {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", p); err != nil {
		return fmt.Errorf("rendering HTML: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing HTML: %w", err)
	}
	return nil
}

// Anchor is the id of the drill-down section of id, a kind of thing
// ("criterion", "control"): ASCII letters, digits, '.' and '-' are kept,
// every other byte becomes _ and its hex code, so that any control ID
// (spaces, quotes, non-ASCII) gives a distinct fragment that needs no
// escaping.
func Anchor(kind, id string) string {
	var sb strings.Builder
	sb.WriteString(kind)
	sb.WriteByte('-')
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-':
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "_%02x", c)
		}
	}
	return sb.String()
}

// OrDash shows an empty value as "-".
func OrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
