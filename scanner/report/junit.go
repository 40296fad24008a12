package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// JUnit XML in the shape Jenkins, GitLab and Azure DevOps read: testsuites >
// testsuite (one per rule) > testcase (one per rule × resource).

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string `xml:"classname,attr"`
	Name      string `xml:"name,attr"`
	File      string `xml:"file,attr,omitempty"`
	Line      int    `xml:"line,attr,omitempty"`
	Time      string `xml:"time,attr"`
	// Properties hold the root module the finding came through.
	Properties *junitProperties `xml:"properties,omitempty"`
	Failure    *junitProblem    `xml:"failure,omitempty"`
	Error      *junitProblem    `xml:"error,omitempty"`
	Skipped    *junitSkipped    `xml:"skipped,omitempty"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// loadSuite names the suite that lists inputs that could not be read.
const loadSuite = "load errors"

// WriteJUnit renders the report as JUnit XML: one test suite per rule and one
// test case per rule × resource, passes included. A failure is a <failure>;
// an unknown is a <failure> with --fail-on-unknown and <skipped> otherwise; a
// suppressed finding is <skipped> with the reason. Inputs that could not be
// read are <error> test cases of their own suite, so CI shows them too.
func WriteJUnit(w io.Writer, r *Report) error {
	byRule := map[string][]*Finding{}
	for i := range r.Findings {
		f := &r.Findings[i]
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
	}
	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	doc := junitSuites{Name: ToolName, Time: "0"}
	for _, id := range ids {
		fs := byRule[id]
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Resource < fs[j].Resource })
		suite := junitSuite{Name: id, Time: "0"}
		for _, f := range fs {
			c := junitCaseOf(f, r.Settings.FailOnUnknown)
			suite.Tests++
			switch {
			case c.Failure != nil:
				suite.Failures++
			case c.Skipped != nil:
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, c)
		}
		doc.add(suite)
	}
	if len(r.Errors) > 0 {
		suite := junitSuite{Name: loadSuite, Time: "0"}
		for _, p := range r.Errors {
			suite.Tests++
			suite.Errors++
			suite.Cases = append(suite.Cases, junitCase{
				ClassName: ToolName,
				Name:      firstNonEmpty(p.File, "input"),
				File:      p.File,
				Line:      p.Line,
				Time:      "0",
				Error:     &junitProblem{Message: p.String(), Type: "load", Text: p.String()},
			})
		}
		doc.add(suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	return nil
}

func (s *junitSuites) add(suite junitSuite) {
	s.Tests += suite.Tests
	s.Failures += suite.Failures
	s.Errors += suite.Errors
	s.Skipped += suite.Skipped
	s.Suites = append(s.Suites, suite)
}

func junitCaseOf(f *Finding, failOnUnknown bool) junitCase {
	c := junitCase{ClassName: f.RuleID, Name: f.Resource, File: f.File, Line: int(f.StartLine), Time: "0"}
	if f.Root != "" {
		c.Properties = &junitProperties{Property: []junitProperty{{Name: "root", Value: f.Root}}}
	}
	switch {
	case f.Suppressed && f.Suppression != nil:
		c.Skipped = &junitSkipped{Message: fmt.Sprintf("suppressed (%s): %s", f.Suppression.Source, f.Suppression.Reason)}
	case f.Status == scanner.Fail || (f.Status == scanner.Unknown && failOnUnknown):
		c.Failure = &junitProblem{
			Message: firstNonEmpty(f.Message, f.Title),
			Type:    string(f.Severity),
			Text:    junitDetail(f),
		}
	case f.Status == scanner.Unknown:
		c.Skipped = &junitSkipped{Message: "unknown until apply: " + firstNonEmpty(f.Message, f.Title)}
	case f.Status == scanner.NotApplicable:
		c.Skipped = &junitSkipped{Message: "not applicable: " + firstNonEmpty(f.Message, f.Title)}
	}
	return c
}

func junitDetail(f *Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", f.RuleID, f.Title)
	fmt.Fprintf(&b, "Severity: %s\n", f.Severity)
	fmt.Fprintf(&b, "Criteria: %s\n", strings.Join(f.Criteria, ", "))
	fmt.Fprintf(&b, "Resource: %s\n", f.Resource)
	fmt.Fprintf(&b, "Location: %s\n", f.Location())
	if f.Status == scanner.Unknown {
		b.WriteString("Status: unknown until apply\n")
	}
	if f.Message != "" {
		fmt.Fprintf(&b, "%s\n", f.Message)
	}
	if f.Remediation != "" {
		fmt.Fprintf(&b, "Fix: %s\n", f.Remediation)
	}
	if f.DocURL != "" {
		fmt.Fprintf(&b, "See: %s\n", f.DocURL)
	}
	return b.String()
}
