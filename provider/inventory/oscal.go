package inventory

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/mail"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// The OSCAL export: the report as an OSCAL component definition, the form
// GRC tools import. Each soc2_control is a component of type
// process-procedure whose control implementation claims its Trust Services
// Criteria as implemented requirements (control-id "cc6.1", the OSCAL
// spelling of CC6.1, against the TSC 2017 catalogue in back-matter); its
// owners are parties in the roles below; status, frequency, scanner rules
// and evidence requirements are props in OSCALNamespace.

// OSCALVersion is the OSCAL version the export follows: the version of the
// NIST JSON schema it is tested against.
const OSCALVersion = "1.1.2"

// OSCALNamespace is the namespace of the export's own props. It names this
// project and never changes, so a GRC tool can key on it.
const OSCALNamespace = "https://github.com/soc2-as-code/terraform-provider-soc2/ns/oscal"

// oscalUUIDSpace is the UUIDv5 namespace from which every identifier of
// the export is derived (from a resource address, an owner id, ...), so
// that exporting the same inventory twice gives the same UUIDs and a GRC
// tool updates what it imported instead of duplicating it. It was drawn at
// random once; changing it would change every UUID ever exported.
var oscalUUIDSpace = uuid.MustParse("47b2dc80-70cc-4d34-a993-4993ad808b19")

// The roles of control owners.
const (
	roleControlOwner  = "control-owner"
	roleBackupOwner   = "backup-control-owner"
	roleEvidenceOwner = "evidence-owner"
)

type oscalDocument struct {
	ComponentDefinition oscalComponentDefinition `json:"component-definition"`
}

type oscalComponentDefinition struct {
	UUID       string           `json:"uuid"`
	Metadata   oscalMetadata    `json:"metadata"`
	Components []oscalComponent `json:"components,omitempty"`
	BackMatter oscalBackMatter  `json:"back-matter"`
}

type oscalMetadata struct {
	Title              string                  `json:"title"`
	LastModified       string                  `json:"last-modified"`
	Version            string                  `json:"version"`
	OSCALVersion       string                  `json:"oscal-version"`
	Props              []oscalProp             `json:"props,omitempty"`
	Roles              []oscalRole             `json:"roles"`
	Parties            []oscalParty            `json:"parties,omitempty"`
	ResponsibleParties []oscalResponsibleParty `json:"responsible-parties,omitempty"`
}

type oscalRole struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

type oscalParty struct {
	UUID           string      `json:"uuid"`
	Type           string      `json:"type"`
	Name           string      `json:"name,omitempty"`
	EmailAddresses []string    `json:"email-addresses,omitempty"`
	Props          []oscalProp `json:"props,omitempty"`
	Remarks        string      `json:"remarks,omitempty"`
}

type oscalResponsibleParty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

type oscalResponsibleRole struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids,omitempty"`
}

type oscalComponent struct {
	UUID                   string                       `json:"uuid"`
	Type                   string                       `json:"type"`
	Title                  string                       `json:"title"`
	Description            string                       `json:"description"`
	Props                  []oscalProp                  `json:"props,omitempty"`
	ResponsibleRoles       []oscalResponsibleRole       `json:"responsible-roles,omitempty"`
	ControlImplementations []oscalControlImplementation `json:"control-implementations,omitempty"`
	Remarks                string                       `json:"remarks,omitempty"`
}

type oscalControlImplementation struct {
	UUID                    string                        `json:"uuid"`
	Source                  string                        `json:"source"`
	Description             string                        `json:"description"`
	ImplementedRequirements []oscalImplementedRequirement `json:"implemented-requirements"`
}

type oscalImplementedRequirement struct {
	UUID             string                 `json:"uuid"`
	ControlID        string                 `json:"control-id"`
	Description      string                 `json:"description"`
	Props            []oscalProp            `json:"props,omitempty"`
	ResponsibleRoles []oscalResponsibleRole `json:"responsible-roles,omitempty"`
	Remarks          string                 `json:"remarks,omitempty"`
}

type oscalProp struct {
	Name  string `json:"name"`
	UUID  string `json:"uuid,omitempty"`
	NS    string `json:"ns,omitempty"`
	Value string `json:"value"`
	Group string `json:"group,omitempty"`
}

type oscalBackMatter struct {
	Resources []oscalResource `json:"resources"`
}

type oscalResource struct {
	UUID        string `json:"uuid"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// oscalUUID derives the UUIDv5 of the thing of kind named by key.
func oscalUUID(kind string, key ...string) string {
	return uuid.NewSHA1(oscalUUIDSpace, []byte(kind+"\x00"+strings.Join(key, "\x00"))).String()
}

// catalogueUUID identifies the TSC 2017 catalogue in back-matter.
var catalogueUUID = oscalUUID("catalogue", "tsc-2017")

// writeOSCAL writes the report as an OSCAL component-definition document.
func writeOSCAL(w io.Writer, r *Report) error {
	doc := oscalDocument{ComponentDefinition: oscalComponentDefinition{
		Metadata:   oscalMetadataOf(r),
		Components: oscalComponents(r),
		BackMatter: oscalBackMatter{Resources: []oscalResource{{
			UUID:  catalogueUUID,
			Title: "Trust Services Criteria (TSC 2017, points of focus revised 2022)",
			Description: "The AICPA's Trust Services Criteria for Security, Availability, Processing Integrity, " +
				"Confidentiality and Privacy. Control IDs are the criteria IDs in lower case: cc6.1 is CC6.1.",
		}}},
	}}
	doc.ComponentDefinition.UUID = documentUUID(doc.ComponentDefinition)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// documentUUID identifies this revision of the document: OSCAL wants a
// new document UUID when the content changes, so it is derived from the
// content, without the time it was made, which changes every run.
func documentUUID(cd oscalComponentDefinition) string {
	cd.Metadata.LastModified, cd.Metadata.Version = "", ""
	data, err := json.Marshal(cd)
	if err != nil { // only plain strings and slices: cannot happen
		panic(err)
	}
	sum := sha256.Sum256(data)
	return oscalUUID("component-definition", string(sum[:]))
}

func oscalMetadataOf(r *Report) oscalMetadata {
	m := oscalMetadata{
		Title:        "SOC 2 control inventory",
		LastModified: r.AsOf,
		Version:      r.AsOf,
		OSCALVersion: OSCALVersion,
		Roles: []oscalRole{
			{ID: roleControlOwner, Title: "Control owner", Description: "Accountable for a control: the owner_id of a soc2_control."},
			{ID: roleBackupOwner, Title: "Backup control owner", Description: "Stands in for a control's owner: the backup_owner_id of a soc2_control."},
			{ID: roleEvidenceOwner, Title: "Evidence owner", Description: "Collects a control's evidence: the owner of a soc2_evidence_requirement, else its control's owner."},
		},
	}
	m.Props = appendProp(m.Props, "source-form", r.Source.Form)
	m.Props = appendProp(m.Props, "terraform-version", r.Source.TerraformVersion)
	for _, c := range r.CategoriesInScope {
		m.Props = appendProp(m.Props, "category-in-scope", string(c))
	}
	byRole := map[string][]string{}
	for _, o := range r.Owners {
		p := oscalPartyOf(o)
		m.Parties = append(m.Parties, p)
		if len(o.Controls) > 0 {
			byRole[roleControlOwner] = append(byRole[roleControlOwner], p.UUID)
		}
		if len(o.BackupFor) > 0 {
			byRole[roleBackupOwner] = append(byRole[roleBackupOwner], p.UUID)
		}
		if len(o.Evidence) > 0 {
			byRole[roleEvidenceOwner] = append(byRole[roleEvidenceOwner], p.UUID)
		}
	}
	for _, role := range m.Roles {
		if uuids := byRole[role.ID]; len(uuids) > 0 {
			m.ResponsibleParties = append(m.ResponsibleParties, oscalResponsibleParty{RoleID: role.ID, PartyUUIDs: uuids})
		}
	}
	return m
}

// partyUUID identifies an owner by its id (the e-mail address), the way
// the provider does: case-insensitively.
func partyUUID(ownerID string) string { return oscalUUID("party", strings.ToLower(ownerID)) }

func oscalPartyOf(o Owner) oscalParty {
	p := oscalParty{UUID: partyUUID(o.ID), Type: "person", Name: oneLine(derefString(o.Name))}
	if p.Name == "" {
		p.Name = oneLine(o.ID)
	}
	if email := derefString(o.Email); plainEmail(email) {
		p.EmailAddresses = []string{email}
	} else {
		p.Props = appendProp(p.Props, "email", email)
	}
	p.Props = appendProp(p.Props, "owner-id", o.ID)
	p.Props = appendProp(p.Props, "job-title", derefString(o.Title))
	p.Props = appendProp(p.Props, "team", derefString(o.Team))
	p.Props = appendProp(p.Props, "terraform-address", derefString(o.Address))
	if !o.Declared {
		p.Remarks = "Referenced by a control or evidence requirement, but no soc2_control_owner declares it."
	}
	return p
}

// plainEmail reports whether s can stand in email-addresses: one bare
// ASCII address, as the provider accepts. Anything else is kept as a prop.
func plainEmail(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
	}
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}

func oscalComponents(r *Report) []oscalComponent {
	evidence := map[string][]Evidence{}
	for _, e := range r.Evidence {
		evidence[e.ID] = append(evidence[e.ID], e)
	}
	out := make([]oscalComponent, 0, len(r.Controls))
	for _, c := range r.Controls {
		comp := oscalComponent{
			UUID:        oscalUUID("component", c.Address),
			Type:        "process-procedure",
			Title:       markupLine(cmp.Or(strings.TrimSpace(c.ControlID+" "+c.Title), c.Address)),
			Description: markupLine("SOC 2 control " + c.ControlID + ", declared by " + c.Address + ": " + c.Title),
			Props:       controlProps(c),
		}
		comp.ResponsibleRoles = ownerRoles(c)
		for _, id := range c.Evidence {
			for _, e := range evidence[id] {
				comp.Props = append(comp.Props, evidenceProps(e)...)
			}
		}
		if len(c.Unknown) > 0 {
			comp.Remarks = "Known only after apply: " + strings.Join(c.Unknown, ", ") + "."
		}
		if reqs := implementedRequirements(c, comp.ResponsibleRoles); len(reqs) > 0 {
			comp.ControlImplementations = []oscalControlImplementation{{
				UUID:                    oscalUUID("control-implementation", c.Address, "tsc-2017"),
				Source:                  "#" + catalogueUUID,
				Description:             markupLine("The Trust Services Criteria that " + c.ControlID + " addresses."),
				ImplementedRequirements: reqs,
			}}
		}
		out = append(out, comp)
	}
	return out
}

// controlProps are a control's own props: its ID, address, status, type,
// automation, frequency, scanner rules and the attributes known only
// after apply.
func controlProps(c Control) []oscalProp {
	var props []oscalProp
	props = appendProp(props, "control-id", c.ControlID)
	props = appendProp(props, "terraform-address", c.Address)
	props = appendProp(props, "status", c.Status)
	props = appendProp(props, "control-type", derefString(c.ControlType))
	props = appendProp(props, "automation", derefString(c.Automation))
	props = appendProp(props, "frequency", derefString(c.Frequency))
	props = appendProp(props, "justification", derefString(c.Justification))
	for _, rule := range c.ScannerRules {
		props = appendProp(props, "scanner-rule", rule)
	}
	for _, attr := range c.Unknown {
		props = appendProp(props, "unknown-attribute", attr)
	}
	return props
}

// evidenceProps describe one evidence requirement as props that share a
// group, the first of which carries the requirement's UUID.
func evidenceProps(e Evidence) []oscalProp {
	id := oscalUUID("evidence-requirement", e.Address)
	props := []oscalProp{{Name: "evidence-requirement", UUID: id, NS: OSCALNamespace, Value: cmp.Or(oneLine(e.Name), oneLine(e.ID), e.Address)}}
	props = appendProp(props, "evidence-id", e.ID)
	props = appendProp(props, "evidence-frequency", e.Frequency)
	if e.Owner != nil {
		props = appendProp(props, "evidence-owner", e.Owner.ID)
	}
	props = appendProp(props, "evidence-last-collected", derefString(e.LastCollected))
	props = appendProp(props, "evidence-next-due", derefString(e.NextDue))
	props = appendProp(props, "evidence-due-status", e.Status)
	for i := range props {
		props[i].Group = "evidence-" + id // a token: it starts with a letter
	}
	return props
}

// ownerRoles are the responsible roles of a control's owner and backup.
func ownerRoles(c Control) []oscalResponsibleRole {
	var roles []oscalResponsibleRole
	if c.Owner != nil && c.Owner.ID != "" {
		roles = append(roles, oscalResponsibleRole{RoleID: roleControlOwner, PartyUUIDs: []string{partyUUID(c.Owner.ID)}})
	}
	if c.BackupOwner != nil && c.BackupOwner.ID != "" {
		roles = append(roles, oscalResponsibleRole{RoleID: roleBackupOwner, PartyUUIDs: []string{partyUUID(c.BackupOwner.ID)}})
	}
	return roles
}

// implementedRequirements claims each of the control's criteria that the
// catalogue knows; the others are reported as warnings by the report and
// would not resolve against the catalogue.
func implementedRequirements(c Control, roles []oscalResponsibleRole) []oscalImplementedRequirement {
	var out []oscalImplementedRequirement
	seen := map[string]bool{}
	for _, id := range c.Criteria {
		crit, ok := tsc.Lookup(id)
		if !ok || seen[crit.ID] {
			continue
		}
		seen[crit.ID] = true
		req := oscalImplementedRequirement{
			UUID:             oscalUUID("implemented-requirement", c.Address, crit.ID),
			ControlID:        strings.ToLower(crit.ID),
			Description:      markupLine(c.ControlID + " addresses " + crit.ID + " (" + crit.Title + ")."),
			ResponsibleRoles: roles,
		}
		if slices.Contains(ControlStatuses(), c.Status) {
			// The OSCAL prop, in OSCAL's own namespace: our statuses are its states.
			req.Props = []oscalProp{{Name: "implementation-status", Value: c.Status}}
		}
		if j := derefString(c.Justification); j != "" {
			req.Remarks = markupLine(j)
		}
		out = append(out, req)
	}
	return out
}

// appendProp appends a prop in OSCALNamespace, unless value is empty once
// made one line: OSCAL strings have no line breaks nor surrounding space.
func appendProp(props []oscalProp, name, value string) []oscalProp {
	value = oneLine(value)
	if value == "" {
		return props
	}
	return append(props, oscalProp{Name: name, NS: OSCALNamespace, Value: value})
}

// oneLine turns control characters and runs of white space into single
// spaces and trims the ends, the shape of an OSCAL string.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// markupLine is s as OSCAL markup-line, a Markdown line: one line, not
// read as HTML.
func markupLine(s string) string { return wording.MarkdownText(oneLine(s)) }
