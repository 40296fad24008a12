package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// SARIF 2.1.0 as GitHub code scanning and Microsoft's sarif-multitool read
// it. Only the properties we fill are modelled.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// srcRoot is the uriBaseId of every location: paths are relative to
	// the directory the scan ran in, which CI systems map to the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey versions our partial fingerprint so that a future
	// change of the hash does not collide with old alerts.
	fingerprintKey = "soc2FindingHash/v1"
)

// SecuritySeverity is the CVSS-like score GitHub code scanning reads from a
// rule's security-severity property to rank alerts.
func SecuritySeverity(s scanner.Severity) string {
	switch s {
	case scanner.Critical:
		return "9.5"
	case scanner.High:
		return "8.0"
	case scanner.Medium:
		return "5.5"
	}
	return "3.0"
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
	// Properties list the root modules scanned and excluded.
	Properties *sarifRunProps `json:"properties,omitempty"`
}

type sarifRunProps struct {
	Roots []Root `json:"roots"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	// Properties carry the build's commit and date, when known.
	Properties *sarifBuild `json:"properties,omitempty"`
}

type sarifBuild struct {
	Commit    string `json:"commit,omitempty"`
	BuildDate string `json:"buildDate,omitempty"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifMessage   `json:"shortDescription"`
	FullDescription      sarifMessage   `json:"fullDescription"`
	Help                 sarifMessage   `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
	Tags             []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Kind                string             `json:"kind"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Status       scanner.Status `json:"status"`
	Resource     string         `json:"resource"`
	ResourceType string         `json:"resourceType"`
	// Root is the root module the finding came through (Finding.Root).
	Root     string   `json:"root,omitempty"`
	Criteria []string `json:"criteria"`
	Notes    []string `json:"notes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// WriteSARIF renders the report as a SARIF 2.1.0 log with one run. Rules
// carry GitHub code scanning's security-severity and the criteria as tags;
// results carry partial fingerprints that survive edits, and suppressed
// findings stay in the log with a suppression (inSource for comments,
// external for the config file and the baseline).
func WriteSARIF(w io.Writer, r *Report) error {
	visible := r.Visible()
	rules, index := sarifRules(r, visible)
	results := make([]sarifResult, 0, len(visible))
	for i := range visible {
		results = append(results, sarifResultOf(&visible[i], index[visible[i].RuleID], r.Settings.FailOnUnknown))
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:            ToolName,
				Version:         driverVersion(r.Version),
				SemanticVersion: semanticVersion(r.Version),
				InformationURI:  InformationURI,
				Rules:           rules,
				Properties:      sarifBuildOf(r),
			}},
			Invocations: []sarifInvocation{sarifInvocationOf(r)},
			Results:     results,
			ColumnKind:  "unicodeCodePoints",
			Properties:  sarifRunPropsOf(r),
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&log); err != nil {
		return fmt.Errorf("writing SARIF report: %w", err)
	}
	return nil
}

// sarifRules describes the rules that have a result in the log, sorted by
// ID, and returns each one's index.
func sarifRules(r *Report, findings []Finding) ([]sarifRule, map[string]int) {
	ids := map[string]*Finding{}
	for i := range findings {
		if _, ok := ids[findings[i].RuleID]; !ok {
			ids[findings[i].RuleID] = &findings[i]
		}
	}
	sorted := make([]string, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	rules := make([]sarifRule, 0, len(sorted))
	index := make(map[string]int, len(sorted))
	for i, id := range sorted {
		index[id] = i
		rules = append(rules, sarifRuleOf(ids[id], r.Rule(id)))
	}
	return rules, index
}

func sarifRuleOf(f *Finding, rule *scanner.Rule) sarifRule {
	title, description, remediation, code := f.Title, f.Description, f.Remediation, ""
	var links []string
	family := string(f.Family)
	if rule != nil {
		title, description, remediation, code = rule.Title, rule.Description, rule.Remediation, rule.RemediationCode
		links = rule.Links
		family = string(rule.Family)
	}
	tags := []string{"security", "soc2"}
	if family != "" {
		tags = append(tags, family)
	}
	tags = append(tags, f.Criteria...)
	return sarifRule{
		ID:               f.RuleID,
		Name:             pascalCase(f.RuleID),
		ShortDescription: sarifMessage{Text: wording.Sentence(title)},
		FullDescription:  sarifMessage{Text: wording.Sentence(firstNonEmpty(description, title))},
		Help: sarifMessage{
			Text:     helpText(f, description, remediation, code, links),
			Markdown: helpMarkdown(f, description, remediation, code, links),
		},
		HelpURI:              DocURL(f.RuleID),
		DefaultConfiguration: sarifRuleLevel{Level: sarifLevel(f.Severity)},
		Properties: sarifRuleProps{
			SecuritySeverity: SecuritySeverity(f.Severity),
			Precision:        "high",
			Tags:             tags,
		},
	}
}

func helpText(f *Finding, description, remediation, code string, links []string) string {
	var b strings.Builder
	b.WriteString(wording.Sentence(firstNonEmpty(description, f.Title)))
	fmt.Fprintf(&b, "\n\nSeverity: %s. SOC 2 criteria: %s.", f.Severity, strings.Join(f.Criteria, ", "))
	if remediation != "" {
		b.WriteString("\n\nFix: " + wording.Sentence(remediation))
	}
	if code != "" {
		b.WriteString("\n\n" + strings.TrimRight(code, "\n"))
	}
	if len(links) > 0 {
		b.WriteString("\n\nReferences:")
		for _, l := range links {
			b.WriteString("\n- " + l)
		}
	}
	b.WriteString("\n\nDocumentation: " + DocURL(f.RuleID))
	return b.String()
}

func helpMarkdown(f *Finding, description, remediation, code string, links []string) string {
	var b strings.Builder
	b.WriteString(wording.Sentence(firstNonEmpty(description, f.Title)))
	fmt.Fprintf(&b, "\n\n**Severity:** %s  \n**SOC 2 criteria:** %s", f.Severity, strings.Join(f.Criteria, ", "))
	if remediation != "" {
		b.WriteString("\n\n**Fix:** " + wording.Sentence(remediation))
	}
	if code != "" {
		b.WriteString("\n\n```hcl\n" + strings.TrimRight(code, "\n") + "\n```")
	}
	if len(links) > 0 {
		b.WriteString("\n\n**References:**\n")
		for _, l := range links {
			b.WriteString("\n- <" + l + ">")
		}
	}
	fmt.Fprintf(&b, "\n\n[Rule documentation](%s)", DocURL(f.RuleID))
	return b.String()
}

func sarifResultOf(f *Finding, ruleIndex int, failOnUnknown bool) sarifResult {
	kind, level := "fail", sarifLevel(f.Severity)
	switch f.Status {
	case scanner.Pass:
		kind, level = "pass", "none"
	case scanner.Unknown:
		if !failOnUnknown {
			// Not a failure, but a person has to look: SARIF's "review"
			// kind, which requires level "none".
			kind, level = "review", "none"
		}
	}
	res := sarifResult{
		RuleID:              f.RuleID,
		RuleIndex:           ruleIndex,
		Kind:                kind,
		Level:               level,
		Message:             sarifMessage{Text: resultMessage(f)},
		PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
		Properties: sarifResultProps{
			Status:       f.Status,
			Resource:     f.Resource,
			ResourceType: f.ResourceType,
			Root:         f.Root,
			Criteria:     nonNil(f.Criteria),
			Notes:        f.Notes,
		},
	}
	loc := sarifLocation{LogicalLocations: []sarifLogicalLocation{{
		Name:               f.Resource,
		FullyQualifiedName: f.Resource,
		Kind:               "resource",
	}}}
	if f.File != "" {
		loc.PhysicalLocation = physicalLocation(f.File, int(f.StartLine), int(f.StartColumn), int(f.EndLine), int(f.EndColumn))
	}
	res.Locations = []sarifLocation{loc}
	if s := f.Suppression; f.Suppressed && s != nil {
		kind := "external"
		if s.InSource() {
			kind = "inSource"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: justification(s)}}
	}
	return res
}

// justification says why a finding is suppressed, naming the tool whose
// comment suppressed it when that is not ours.
func justification(s *Suppression) string {
	j := s.Reason
	switch s.Source {
	case SourceInline, SourceConfig:
	default:
		j = s.Source + " suppression"
		if s.Reason != "" {
			j += ": " + s.Reason
		}
	}
	if s.Expires != "" {
		j += " (until " + s.Expires + ")"
	}
	return j
}

func resultMessage(f *Finding) string {
	msg := f.Message
	switch {
	case msg == "" && f.Status == scanner.Pass:
		msg = "Passes: " + f.Title
	case msg == "":
		msg = f.Title
	}
	prefix := ""
	if f.Status == scanner.Unknown {
		prefix = "Unknown until apply: "
	}
	return wording.Sentence(fmt.Sprintf("%s%s: %s", prefix, f.Resource, msg))
}

func physicalLocation(file string, startLine, startColumn, endLine, endColumn int) *sarifPhysicalLocation {
	pl := &sarifPhysicalLocation{ArtifactLocation: artifactLocation(file)}
	if startLine > 0 {
		region := &sarifRegion{StartLine: startLine}
		if startColumn > 0 {
			region.StartColumn = startColumn
		}
		if endLine >= startLine {
			region.EndLine = endLine
			if endColumn > 0 && (endLine > startLine || endColumn > startColumn) {
				region.EndColumn = endColumn
			}
		}
		pl.Region = region
	}
	return pl
}

// artifactLocation turns a report path into a URI: relative paths are
// relative to %SRCROOT%; absolute ones (outside the working directory) are
// file URIs.
func artifactLocation(file string) sarifArtifactLocation {
	if strings.HasPrefix(file, "/") {
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: file}).String()}
	}
	u := (&url.URL{Path: file}).String()
	return sarifArtifactLocation{URI: u, URIBaseID: srcRoot}
}

func sarifInvocationOf(r *Report) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, p := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, notification("error", p))
	}
	for _, p := range r.Warnings {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, notification("warning", p))
	}
	return inv
}

func notification(level string, p Problem) sarifNotification {
	n := sarifNotification{Level: level, Message: sarifMessage{Text: wording.Sentence(p.Message)}}
	if p.File != "" {
		n.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(p.File, p.Line, p.Column, p.Line, 0)}}
	}
	return n
}

func sarifLevel(s scanner.Severity) string {
	switch s {
	case scanner.Critical, scanner.High:
		return "error"
	case scanner.Medium:
		return "warning"
	}
	return "note"
}

// sarifBuildOf is the driver's build properties, nil when the build does
// not know its commit or date.
func sarifBuildOf(r *Report) *sarifBuild {
	if r.Commit == "" && r.BuildDate == "" {
		return nil
	}
	return &sarifBuild{Commit: r.Commit, BuildDate: r.BuildDate}
}

// semanticVersion returns v without a leading "v" when it looks like a
// semantic version, or "" (development builds).
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}

// driverVersion makes the tool version start with a number, as SARIF
// viewers compare versions: a development build "dev" becomes "0.0.0-dev".
func driverVersion(v string) string {
	if sv := semanticVersion(v); sv != "" {
		return sv
	}
	if v == "" {
		v = "unknown"
	}
	return "0.0.0-" + v
}

// pascalCase turns a rule ID into the identifier-like friendly name SARIF
// viewers show: aws-rds-storage-encrypted becomes AwsRdsStorageEncrypted.
func pascalCase(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// firstNonEmpty returns the first of ss that is not blank: a rule's
// description of spaces is no description.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// sarifRunPropsOf is the run's properties, nil when the report holds no
// roots.
func sarifRunPropsOf(r *Report) *sarifRunProps {
	if len(r.Roots) == 0 {
		return nil
	}
	return &sarifRunProps{Roots: r.Roots}
}
