// Package tsc is the catalogue of the AICPA 2017 Trust Services Criteria
// (points of focus revised 2022) that SOC 2 reports are written against.
//
// It holds the 61 criterion IDs with their category, group and a short title
// of our own; the AICPA owns the criteria text, so it is never shipped here.
// The provider validates declared controls against this catalogue and every
// scanner rule maps to it, so both halves of the project speak of the same
// criteria.
package tsc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
)

// Category is one of the five Trust Services Categories.
type Category string

// The five categories. Security (the common criteria) is always in scope of
// a SOC 2 examination; the others are chosen per audit.
const (
	Security            Category = "security"
	Availability        Category = "availability"
	Confidentiality     Category = "confidentiality"
	ProcessingIntegrity Category = "processing_integrity"
	Privacy             Category = "privacy"
)

// Categories lists every category in the order the AICPA presents them.
var Categories = []Category{Security, Availability, Confidentiality, ProcessingIntegrity, Privacy}

// ParseCategory returns the category named s, case-insensitively.
func ParseCategory(s string) (Category, bool) {
	norm := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
	norm = strings.ReplaceAll(norm, " ", "_")
	for _, c := range Categories {
		if string(c) == norm {
			return c, true
		}
	}
	return "", false
}

// CategoryNames returns the category names as strings, for messages and
// validators.
func CategoryNames() []string {
	names := make([]string, len(Categories))
	for i, c := range Categories {
		names[i] = string(c)
	}
	return names
}

// Criterion is one Trust Services Criterion.
type Criterion struct {
	// ID is the canonical identifier, such as "CC6.1" or "A1.2".
	ID string `json:"id"`
	// Category is the Trust Services Category the criterion belongs to.
	Category Category `json:"category"`
	// Group is the criterion's series, such as "CC6" or "P4".
	Group string `json:"group"`
	// Title is our own short summary of the criterion.
	Title string `json:"title"`
}

// criteria is in catalogue order; init fills Category and Group from the ID.
var criteria = []Criterion{
	{ID: "CC1.1", Title: "Commitment to integrity and ethics (conduct standards, tone at the top)"},
	{ID: "CC1.2", Title: "Board independence and oversight of internal control"},
	{ID: "CC1.3", Title: "Org structure, reporting lines, authority and responsibility"},
	{ID: "CC1.4", Title: "Attract, develop and retain competent people (hiring, training, background checks)"},
	{ID: "CC1.5", Title: "Hold people accountable for control responsibilities"},
	{ID: "CC2.1", Title: "Obtain and use relevant, quality information (incl. asset inventory, data flows, classification)"},
	{ID: "CC2.2", Title: "Communicate control objectives and responsibilities internally"},
	{ID: "CC2.3", Title: "Communicate with external parties (customers, vendors, regulators)"},
	{ID: "CC3.1", Title: "Set objectives clearly enough to identify risks"},
	{ID: "CC3.2", Title: "Identify and analyse risks, incl. vendor and vulnerability risk"},
	{ID: "CC3.3", Title: "Consider fraud risk"},
	{ID: "CC3.4", Title: "Identify and assess significant changes"},
	{ID: "CC4.1", Title: "Ongoing and/or separate evaluations of controls"},
	{ID: "CC4.2", Title: "Evaluate and communicate deficiencies; track corrective action"},
	{ID: "CC5.1", Title: "Select and develop risk-mitigating control activities (incl. SoD)"},
	{ID: "CC5.2", Title: "General controls over technology"},
	{ID: "CC5.3", Title: "Deploy controls through policies and procedures"},
	{ID: "CC6.1", Title: "Logical access security: identity, authN, segmentation, encryption, key protection, asset inventory"},
	{ID: "CC6.2", Title: "Register and authorise users before issuing credentials; revoke when no longer valid"},
	{ID: "CC6.3", Title: "Role-based grant, change and removal of access; least privilege, SoD, periodic review"},
	{ID: "CC6.4", Title: "Restrict physical access to facilities and assets"},
	{ID: "CC6.5", Title: "Sanitise or destroy data before physical assets leave protection"},
	{ID: "CC6.6", Title: "Protect against threats from outside the system boundary (boundary devices, extra authN for remote access)"},
	{ID: "CC6.7", Title: "Restrict and protect data in transmission, movement and removal (encryption in transit, media, endpoints)"},
	{ID: "CC6.8", Title: "Prevent or detect unauthorised or malicious software"},
	{ID: "CC7.1", Title: "Detect configuration changes and new vulnerabilities (baselines, drift detection, vuln scans)"},
	{ID: "CC7.2", Title: "Monitor components for anomalies (logging, detection, alerting)"},
	{ID: "CC7.3", Title: "Evaluate security events to decide whether they are incidents"},
	{ID: "CC7.4", Title: "Respond to incidents via a defined IR programme"},
	{ID: "CC7.5", Title: "Recover from incidents (restore, root cause, lessons learned)"},
	{ID: "CC8.1", Title: "Authorise, design, build, configure, document, test, approve and deploy changes"},
	{ID: "CC9.1", Title: "Mitigate business-disruption risk (BCP, insurance)"},
	{ID: "CC9.2", Title: "Assess and manage vendor and business-partner risk"},
	{ID: "A1.1", Title: "Capacity management: measure, forecast, scale"},
	{ID: "A1.2", Title: "Environmental protections, backups and recovery infrastructure (offsite, alternate processing)"},
	{ID: "A1.3", Title: "Test recovery-plan procedures (BC/DR tests, backup integrity)"},
	{ID: "C1.1", Title: "Identify and maintain (retain and protect) confidential information"},
	{ID: "C1.2", Title: "Dispose of confidential information"},
	{ID: "PI1.1", Title: "Define and communicate processing objectives, data definitions and specs"},
	{ID: "PI1.2", Title: "Controls over system inputs (completeness, accuracy)"},
	{ID: "PI1.3", Title: "Controls over system processing"},
	{ID: "PI1.4", Title: "Deliver output completely, accurately, on time and to the intended recipients"},
	{ID: "PI1.5", Title: "Store inputs, in-process items and outputs completely and accurately"},
	{ID: "P1.1", Title: "Give data subjects a current privacy notice"},
	{ID: "P2.1", Title: "Communicate choices and obtain consent"},
	{ID: "P3.1", Title: "Collect personal information only in line with privacy objectives"},
	{ID: "P3.2", Title: "Obtain explicit consent before collecting where required"},
	{ID: "P4.1", Title: "Limit use to the identified purposes"},
	{ID: "P4.2", Title: "Retain personal information per objectives"},
	{ID: "P4.3", Title: "Securely dispose of personal information"},
	{ID: "P5.1", Title: "Let authenticated data subjects access and copy their data"},
	{ID: "P5.2", Title: "Correct or amend data on request and propagate to third parties"},
	{ID: "P6.1", Title: "Disclose to third parties only with consent"},
	{ID: "P6.2", Title: "Keep records of authorised disclosures"},
	{ID: "P6.3", Title: "Keep records of unauthorised disclosures, incl. breaches"},
	{ID: "P6.4", Title: "Obtain privacy commitments from vendors with access"},
	{ID: "P6.5", Title: "Require vendors to notify of unauthorised disclosures"},
	{ID: "P6.6", Title: "Notify affected parties and regulators of breaches"},
	{ID: "P6.7", Title: "Give data subjects an accounting of data held and disclosed"},
	{ID: "P7.1", Title: "Keep personal information accurate, complete and current"},
	{ID: "P8.1", Title: "Handle inquiries, complaints and disputes; monitor compliance"},
}

var (
	byID  = map[string]*Criterion{}
	order = map[string]int{}
)

func init() {
	for i := range criteria {
		c := &criteria[i]
		c.Group = c.ID[:strings.IndexByte(c.ID, '.')]
		c.Category = categoryOfGroup(c.Group)
		byID[c.ID] = c
		order[c.ID] = i
	}
}

func categoryOfGroup(group string) Category {
	switch {
	case strings.HasPrefix(group, "CC"):
		return Security
	case strings.HasPrefix(group, "A"):
		return Availability
	case strings.HasPrefix(group, "PI"):
		return ProcessingIntegrity
	case strings.HasPrefix(group, "C"):
		return Confidentiality
	default:
		return Privacy
	}
}

// All returns every criterion in catalogue order. The slice is a copy.
func All() []Criterion {
	out := make([]Criterion, len(criteria))
	copy(out, criteria)
	return out
}

// Groups returns the group IDs (CC1…CC9, A1, C1, PI1, P1…P8) in catalogue
// order.
func Groups() []string {
	var groups []string
	seen := map[string]bool{}
	for _, c := range criteria {
		if !seen[c.Group] {
			seen[c.Group] = true
			groups = append(groups, c.Group)
		}
	}
	return groups
}

// Canonical normalises user input ("cc6.1", " CC6.1 ") to the form used in
// the catalogue. It does not check that the ID exists.
func Canonical(id string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(id), " ", ""))
}

// Lookup returns the criterion with the given ID, matched case-insensitively.
func Lookup(id string) (Criterion, bool) {
	c, ok := byID[Canonical(id)]
	if !ok {
		return Criterion{}, false
	}
	return *c, true
}

// MustLookup is Lookup for IDs written in code, such as a rule's mapping; an
// unknown ID is a programming error.
func MustLookup(id string) Criterion {
	c, ok := Lookup(id)
	if !ok {
		panic(fmt.Sprintf("tsc: unknown criterion %q", id))
	}
	return c
}

// IsGroup reports whether s names a group such as "CC6" or "p4",
// case-insensitively.
func IsGroup(s string) bool {
	g := Canonical(s)
	for _, c := range criteria {
		if c.Group == g {
			return true
		}
	}
	return false
}

// Suggest returns the catalogue ID closest to a mistyped one ("CC6.10",
// "cc61", "CC 6.1"), or "" when nothing is close enough to be a likely typo.
func Suggest(id string) string {
	in := Canonical(id)
	if in == "" {
		return ""
	}
	if _, ok := byID[in]; ok {
		return in
	}
	// A missing dot is the most common slip: "CC61" means "CC6.1".
	undotted := strings.ReplaceAll(in, ".", "")
	// Otherwise accept one edit, preferring candidates in the same group.
	best, bestPrefix := "", -1
	for _, c := range criteria {
		if strings.ReplaceAll(c.ID, ".", "") == undotted {
			return c.ID
		}
		if levenshtein.Distance(in, c.ID, nil) > 1 {
			continue
		}
		if p := commonPrefix(in, c.ID); p > bestPrefix {
			best, bestPrefix = c.ID, p
		}
	}
	return best
}

// ErrorMessage explains why id is not a criterion, with a suggestion when one
// is close, for both the provider's diagnostics and the scanner's config
// errors.
func ErrorMessage(id string) string {
	msg := fmt.Sprintf("%q is not a SOC 2 Trust Services Criterion (TSC 2017)", id)
	if s := Suggest(id); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "; valid IDs are CC1.1–CC9.2, A1.1–A1.3, C1.1–C1.2, PI1.1–PI1.5 and P1.1–P8.1"
	}
	return msg
}

// CategoriesOf returns the distinct categories of the given criterion IDs,
// sorted in catalogue order. Unknown IDs are ignored.
func CategoriesOf(ids []string) []Category {
	seen := map[Category]bool{}
	for _, id := range ids {
		if c, ok := Lookup(id); ok {
			seen[c.Category] = true
		}
	}
	var out []Category
	for _, c := range Categories {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}

// Sort orders criterion IDs in catalogue order (CC1.1 before CC6.1 before A1.1), which is how auditors read them; unknown IDs sort last, by name.
func Sort(ids []string) {
	pos := func(id string) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(criteria)
	}
	sort.SliceStable(ids, func(i, j int) bool {
		pi, pj := pos(ids[i]), pos(ids[j])
		if pi != pj {
			return pi < pj
		}
		return ids[i] < ids[j]
	})
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
