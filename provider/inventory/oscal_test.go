package inventory

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// oscalSchemaPath is NIST's OSCAL 1.1.2 component-definition JSON schema,
// in the shared reference folder beside the repository.
var oscalSchemaPath = filepath.Join("..", "..", "..", "shared", "schemas", "oscal_component_schema-1.1.2.json")

// oscalSchema compiles NIST's schema, asserting formats (uuid, date-time,
// email, uri-reference) as well as patterns. Its patterns use Unicode
// classes (\p{L}, \p{N}) that Go's regexp, the validator's default engine,
// supports, so no other engine is needed. The file is used as published,
// but adapted in memory by refAnchors.
func oscalSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(oscalSchemaPath)
	if os.IsNotExist(err) {
		if os.Getenv("CI") != "" {
			t.Fatalf("OSCAL schema not found at %s: CI must have the shared reference folder beside the repository", oscalSchemaPath)
		}
		t.Skipf("OSCAL schema not found at %s (the shared reference folder is not beside the repository)", oscalSchemaPath)
	}
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	refAnchors(doc)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const id = "http://csrc.nist.gov/ns/oscal/1.1.2/oscal-component-definition-schema.json" // its $id
	require.NoError(t, c.AddResource(id, doc))
	schema, err := c.Compile(id)
	require.NoError(t, err)
	return schema
}

// refAnchors rewrites each {"$id": "#anchor", "$ref": R} of the schema to
// {"$id": "#anchor", "allOf": [{"$ref": R}]}, which validates the same.
// NIST's schema names twelve definitions (json-schema-directive,
// field_oscal-metadata_last-modified, ...) with an $id beside a $ref, but
// draft-07 ignores every sibling of $ref, so a validator that follows the
// draft to the letter, as this one does, does not see those anchors and
// cannot resolve the references to them.
func refAnchors(schema any) {
	switch v := schema.(type) {
	case map[string]any:
		_, hasID := v["$id"]
		if ref, ok := v["$ref"]; ok && hasID {
			delete(v, "$ref")
			v["allOf"] = []any{map[string]any{"$ref": ref}}
		}
		for _, x := range v {
			refAnchors(x)
		}
	case []any:
		for _, x := range v {
			refAnchors(x)
		}
	}
}

// oscalDoc is the part of the export the tests read.
type oscalDoc struct {
	ComponentDefinition struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			LastModified string `json:"last-modified"`
			OSCALVersion string `json:"oscal-version"`
			Parties      []struct {
				UUID           string      `json:"uuid"`
				Name           string      `json:"name"`
				EmailAddresses []string    `json:"email-addresses"`
				Props          []oscalProp `json:"props"`
			} `json:"parties"`
			ResponsibleParties []oscalResponsibleParty `json:"responsible-parties"`
		} `json:"metadata"`
		Components []struct {
			UUID                   string                 `json:"uuid"`
			Title                  string                 `json:"title"`
			Props                  []oscalProp            `json:"props"`
			ResponsibleRoles       []oscalResponsibleRole `json:"responsible-roles"`
			ControlImplementations []struct {
				Source                  string `json:"source"`
				ImplementedRequirements []struct {
					UUID      string      `json:"uuid"`
					ControlID string      `json:"control-id"`
					Props     []oscalProp `json:"props"`
				} `json:"implemented-requirements"`
			} `json:"control-implementations"`
		} `json:"components"`
	} `json:"component-definition"`
}

// exportOSCAL writes rep as OSCAL, validates it against the schema and
// decodes it.
func exportOSCAL(t *testing.T, schema *jsonschema.Schema, rep *Report) (string, oscalDoc) {
	t.Helper()
	out := written(t, rep, "oscal")
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	require.NoError(t, err)
	assert.NoError(t, schema.Validate(inst))
	var doc oscalDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	return out, doc
}

func propValues(props []oscalProp, name string) []string {
	var out []string
	for _, p := range props {
		if p.Name == name {
			out = append(out, p.Value)
		}
	}
	return out
}

// The export of the example (from its .tf files and from its applied
// state), of a plan with values known only after apply and of hostile
// input is valid OSCAL.
func TestOSCALValidatesAgainstNISTSchema(t *testing.T) {
	schema := oscalSchema(t)
	opt := options(t, "2026-12-01")
	inv, err := ParseConfig(filepath.Join("..", "..", "examples", "inventory"))
	require.NoError(t, err)
	reports := map[string]*Report{
		"examples/inventory": NewReport(inv, opt),
		"state":              fileReport(t, stateFixture, opt),
		"plan":               fileReport(t, planFixture, opt),
		"hostile":            reportOf(t, "hostile.json", hostileState(), opt),
		"empty":              reportOf(t, "empty.json", invStateDoc(), opt),
	}
	for name, rep := range reports {
		t.Run(name, func(t *testing.T) {
			_, doc := exportOSCAL(t, schema, rep)
			assert.Len(t, doc.ComponentDefinition.Components, len(rep.Controls))
		})
	}
	t.Run("NIST's own example", func(t *testing.T) {
		f, err := os.Open(filepath.Join(filepath.Dir(oscalSchemaPath), "oscal-example-component-definition.json"))
		require.NoError(t, err)
		defer f.Close()
		inst, err := jsonschema.UnmarshalJSON(f)
		require.NoError(t, err)
		assert.NoError(t, schema.Validate(inst))
	})
	t.Run("the schema rejects a broken export", func(t *testing.T) {
		out := written(t, reports["state"], "oscal")
		broken := strings.Replace(out, `"control-id": "cc6.1"`, `"control-id": "CC 6.1"`, 1)
		require.NotEqual(t, out, broken)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(broken))
		require.NoError(t, err)
		assert.Error(t, schema.Validate(inst))
	})
}

// hostileState is a state whose strings hold what OSCAL strings may not:
// line breaks, surrounding space, control characters, HTML, an e-mail
// address OSCAL's email format rejects, criteria outside the catalogue,
// and a status the provider would refuse.
func hostileState() string {
	return invStateDoc(
		invOwnerJSON("weird", "  Ünïcødé\nOwner\x00 <b>", "not an email"),
		invOwnerJSON("idn", "", "dana@exämple.com"),
		invControlJSON("hostile", map[string]any{
			"control_id": "X-01", "title": "\t<script>alert(1)</script>\r\n| title |  ",
			"criteria": []string{"cc6.1", "CC6.1", "CC6.10", "not a criterion"}, "status": "done-ish",
			"owner_id": "not an email", "backup_owner_id": "dana@exämple.com", "frequency": " ",
			"justification": "line one\nline two", "scanner_rules": []string{"rule with spaces\n"},
		}),
		invControlJSON("blank", map[string]any{"control_id": "", "title": "", "criteria": []string{}}),
		invEvidenceJSON("hostile", map[string]any{"control_id": "X-01", "name": "\n\n", "owner_id": "nobody@example.com"}),
	)
}

// Controls are components with their criteria as implemented requirements,
// owners are parties in the control-owner role, and the rest are props in
// our namespace.
func TestOSCALContent(t *testing.T) {
	schema := oscalSchema(t)
	rep := fileReport(t, stateFixture, withCategories(options(t, "2026-12-01"), tsc.Security, tsc.Availability))
	_, doc := exportOSCAL(t, schema, rep)
	cd := doc.ComponentDefinition
	assert.Equal(t, "2026-12-01T00:00:00Z", cd.Metadata.LastModified, "last-modified is the report's time, not the clock")
	assert.Equal(t, OSCALVersion, cd.Metadata.OSCALVersion)

	require.Len(t, cd.Components, len(rep.Controls))
	for i, c := range rep.Controls {
		comp := cd.Components[i]
		assert.Equal(t, oscalUUID("component", c.Address), comp.UUID, c.Address)
		assert.Equal(t, []string{c.ControlID}, propValues(comp.Props, "control-id"))
		assert.Equal(t, []string{c.Status}, propValues(comp.Props, "status"))
		if c.Frequency != nil {
			assert.Equal(t, []string{*c.Frequency}, propValues(comp.Props, "frequency"), c.ControlID)
		}
		for _, p := range comp.Props {
			assert.Equal(t, OSCALNamespace, p.NS, "%s prop %s", c.ControlID, p.Name)
		}
		assert.Len(t, propValues(comp.Props, "evidence-requirement"), len(c.Evidence), c.ControlID)
		require.Len(t, comp.ControlImplementations, 1, c.ControlID)
		var ids []string
		for _, req := range comp.ControlImplementations[0].ImplementedRequirements {
			ids = append(ids, req.ControlID)
			assert.Equal(t, []string{c.Status}, propValues(req.Props, "implementation-status"))
		}
		var want []string
		for _, id := range c.Criteria {
			want = append(want, strings.ToLower(id))
		}
		assert.Equal(t, want, ids, c.ControlID)
		require.NotNil(t, c.Owner, c.ControlID)
		require.NotEmpty(t, comp.ResponsibleRoles, c.ControlID)
		assert.Equal(t, oscalResponsibleRole{RoleID: roleControlOwner, PartyUUIDs: []string{partyUUID(c.Owner.ID)}}, comp.ResponsibleRoles[0])
	}

	parties := map[string]string{}
	for _, p := range cd.Metadata.Parties {
		parties[p.UUID] = p.EmailAddresses[0]
	}
	require.Len(t, parties, len(rep.Owners))
	require.NotEmpty(t, cd.Metadata.ResponsibleParties)
	assert.Equal(t, roleControlOwner, cd.Metadata.ResponsibleParties[0].RoleID)
	for _, id := range cd.Metadata.ResponsibleParties[0].PartyUUIDs {
		assert.Contains(t, parties, id, "a control owner is a party")
	}
}

// Identifiers are derived, never random: the same inventory gives the same
// document whenever it is exported, its components keep their UUIDs
// whether read from state or from the .tf files, and the document UUID
// changes with the content but not with the time.
func TestOSCALIsStable(t *testing.T) {
	fromState := written(t, fileReport(t, stateFixture, options(t, "2026-12-01")), "oscal")
	assert.Equal(t, fromState, written(t, fileReport(t, stateFixture, options(t, "2026-12-01")), "oscal"))

	// The namespace is pinned: changing it would re-key every GRC import.
	assert.Equal(t, uuid.NewSHA1(uuid.MustParse("47b2dc80-70cc-4d34-a993-4993ad808b19"), []byte("component\x00soc2_control.x")).String(),
		oscalUUID("component", "soc2_control.x"))

	var a, b, c oscalDoc
	require.NoError(t, json.Unmarshal([]byte(fromState), &a))
	require.NoError(t, json.Unmarshal([]byte(written(t, fileReport(t, stateFixture, options(t, "2026-12-01T06:00:00Z")), "oscal")), &b))
	assert.Equal(t, a.ComponentDefinition.UUID, b.ComponentDefinition.UUID, "only the time changed, no due status")
	assert.NotEqual(t, a.ComponentDefinition.Metadata.LastModified, b.ComponentDefinition.Metadata.LastModified)

	inv, err := ParseConfig(filepath.Join("..", "..", "examples", "inventory"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal([]byte(written(t, NewReport(inv, options(t, "2026-12-01")), "oscal")), &c))
	require.Len(t, c.ComponentDefinition.Components, len(a.ComponentDefinition.Components))
	for i := range a.ComponentDefinition.Components {
		assert.Equal(t, a.ComponentDefinition.Components[i].UUID, c.ComponentDefinition.Components[i].UUID)
	}

	changed := reportOf(t, "one.json", invStateDoc(invControlJSON("a", map[string]any{"title": "Before"})), options(t, "2026-12-01"))
	var d, e oscalDoc
	require.NoError(t, json.Unmarshal([]byte(written(t, changed, "oscal")), &d))
	changed = reportOf(t, "one.json", invStateDoc(invControlJSON("a", map[string]any{"title": "After"})), options(t, "2026-12-01"))
	require.NoError(t, json.Unmarshal([]byte(written(t, changed, "oscal")), &e))
	assert.NotEqual(t, d.ComponentDefinition.UUID, e.ComponentDefinition.UUID, "a revised document gets a new UUID")
	assert.Equal(t, d.ComponentDefinition.Components[0].UUID, e.ComponentDefinition.Components[0].UUID, "the control keeps its UUID")
}

// Hostile strings are made one line and kept from being read as HTML;
// criteria outside the catalogue are not claimed, duplicates once; an
// address OSCAL's email format rejects is kept as a prop.
func TestOSCALHostileInput(t *testing.T) {
	schema := oscalSchema(t)
	_, doc := exportOSCAL(t, schema, reportOf(t, "hostile.json", hostileState(), options(t, "2026-12-01")))
	cd := doc.ComponentDefinition
	var hostile int
	for i, c := range cd.Components {
		if len(propValues(c.Props, "control-id")) > 0 && propValues(c.Props, "control-id")[0] == "X-01" {
			hostile = i
		}
	}
	comp := cd.Components[hostile]
	assert.Equal(t, "X-01 &lt;script&gt;alert(1)&lt;/script&gt; | title |", comp.Title)
	assert.Equal(t, []string{"line one line two"}, propValues(comp.Props, "justification"))
	assert.Empty(t, propValues(comp.Props, "frequency"), "a blank value is no prop")
	require.Len(t, comp.ControlImplementations, 1)
	reqs := comp.ControlImplementations[0].ImplementedRequirements
	require.Len(t, reqs, 1)
	assert.Equal(t, "cc6.1", reqs[0].ControlID)
	assert.Empty(t, reqs[0].Props, "done-ish is no OSCAL implementation status")

	var names []string
	for _, p := range cd.Metadata.Parties {
		names = append(names, p.Name)
		if propValues(p.Props, "owner-id")[0] == "not an email" {
			assert.Empty(t, p.EmailAddresses)
			assert.Equal(t, []string{"not an email"}, propValues(p.Props, "email"))
		}
	}
	assert.Contains(t, names, "Ünïcødé Owner <b>", "a party name is a plain string, not markup")
}
