// Package wording is the one home of the small text helpers that the
// scanner's reports and the provider's diagnostics share: ending a message
// as a sentence, making text safe in Markdown, and printing a report while
// keeping the first write error. It imports only the
// standard library, so that every layer can use it.
package wording

import (
	"fmt"
	"io"
	"strings"
)

// Sentence trims s and ends it with a full stop unless it already ends
// with punctuation (a "did you mean …?" suggestion keeps its question
// mark), as SARIF viewers and Terraform diagnostics expect of messages. An
// empty message stays empty.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case '.', '!', '?':
		return s
	}
	return s + "."
}

// MarkdownCode renders s as inline code in a table cell, or as escaped
// text (MarkdownCell) when it holds a backtick, which would end the code
// span.
func MarkdownCode(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return MarkdownCell(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}

// MarkdownCell escapes s for a table cell: pipes and line breaks would end
// the cell, and s is kept from being read as HTML (MarkdownText). Other
// Markdown in s still renders.
func MarkdownCell(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "|", `\|`).Replace(s)
	return MarkdownText(s)
}

// MarkdownText keeps s from being read as HTML.
func MarkdownText(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(s)
}

// MarkdownRow renders cells, already escaped, as a Markdown table row.
func MarkdownRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

// MarkdownHeader renders a Markdown table's header row and the separator
// row under it.
func MarkdownHeader(cells ...string) string {
	seps := make([]string, len(cells))
	for i := range seps {
		seps[i] = "---"
	}
	return MarkdownRow(cells...) + MarkdownRow(seps...)
}

// Printer writes formatted text and keeps the first error, so that a
// report renderer reads as a list of lines and checks Err once at the end.
type Printer struct {
	W   io.Writer
	Err error
}

// Printf writes to W unless an earlier write failed.
func (p *Printer) Printf(format string, args ...any) {
	if p.Err == nil {
		_, p.Err = fmt.Fprintf(p.W, format, args...)
	}
}
