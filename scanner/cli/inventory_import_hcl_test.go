package cli

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/stretchr/testify/assert"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

// hclWithHCLWrite renders imp as hcl did through hclwrite before it wrote
// the text itself: the reference its text must equal.
func hclWithHCLWrite(imp *importResult) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("# Written by `terraform-provider-soc2 inventory import`; edit freely.\n")}})
	appendResource := func(typ, name string) *hclwrite.Body {
		body.AppendNewline()
		return body.AppendNewBlock("resource", []string{typ, name}).Body()
	}
	setString := func(b *hclwrite.Body, attr, value string) {
		if value != "" {
			b.SetAttributeValue(attr, cty.StringVal(value))
		}
	}
	setList := func(b *hclwrite.Body, attr string, values []string) {
		if len(values) == 0 {
			return
		}
		vals := make([]cty.Value, len(values))
		for i, v := range values {
			vals[i] = cty.StringVal(v)
		}
		b.SetAttributeValue(attr, cty.ListVal(vals))
	}
	taken := map[string]bool{}
	ownerNames := map[string]string{}
	for _, o := range imp.owners {
		local, _, _ := strings.Cut(o.email, "@")
		name := uniqueName(taken, inventory.TypeOwner, local)
		ownerNames[strings.ToLower(o.email)] = name
		b := appendResource(inventory.TypeOwner, name)
		setString(b, "name", o.fullName)
		setString(b, "email", o.email)
		setString(b, "title", o.title)
		setString(b, "team", o.team)
	}
	ownerRef := func(key string) hcl.Traversal {
		return hcl.Traversal{hcl.TraverseRoot{Name: inventory.TypeOwner}, hcl.TraverseAttr{Name: ownerNames[key]}, hcl.TraverseAttr{Name: "id"}}
	}
	for _, c := range imp.controls {
		name := uniqueName(taken, inventory.TypeControl, c.controlID)
		b := appendResource(inventory.TypeControl, name)
		setString(b, "control_id", c.controlID)
		setString(b, "title", c.title)
		setString(b, "description", c.description)
		setList(b, "criteria", c.criteria)
		b.SetAttributeTraversal("owner_id", ownerRef(c.ownerKey))
		if c.backupKey != "" {
			b.SetAttributeTraversal("backup_owner_id", ownerRef(c.backupKey))
		}
		setString(b, "status", c.status)
		setString(b, "justification", c.justification)
		setString(b, "control_type", c.controlType)
		setString(b, "automation", c.automation)
		setString(b, "frequency", c.frequency)
		setList(b, "scanner_rules", c.scannerRules)
		for _, e := range c.evidence {
			eb := appendResource(inventory.TypeEvidence, uniqueName(taken, inventory.TypeEvidence, name+"_"+e.name))
			eb.SetAttributeTraversal("control_id", hcl.Traversal{hcl.TraverseRoot{Name: inventory.TypeControl}, hcl.TraverseAttr{Name: name}, hcl.TraverseAttr{Name: "id"}})
			setString(eb, "name", e.name)
			setString(eb, "description", e.description)
			setString(eb, "frequency", e.frequency)
			if e.ownerKey != "" {
				eb.SetAttributeTraversal("owner_id", ownerRef(e.ownerKey))
			}
			setString(eb, "last_collected", e.lastCollected)
		}
	}
	return hclwrite.Format(f.Bytes())
}

// The text hcl writes is hclwrite's, formatted, for values that need
// escaping: quotes, backslashes, control characters, template
// introducers, characters that do not print, text not in normal form C
// and bytes that are not UTF-8.
func TestImportHCLAsHCLWrite(t *testing.T) {
	tricky := []string{
		`say "hi" \ there`, "line\nbreak\r\ttab", "${var.x} and %{if} and $ and % and $${", "end$", "end%",
		"zero\u200bwidth", "bell\a", "\U0001F600 emoji", "\U000E0001 tag", "e\u0301 combining", "caf\xe9 latin1",
		"  spaced  ", "ünïcødé",
	}
	imp := &importResult{}
	for i, s := range tricky {
		imp.owners = append(imp.owners, &importOwner{email: s + "@example.com", fullName: s, title: s, team: tricky[(i+1)%len(tricky)]})
		imp.controls = append(imp.controls, &importControl{
			controlID: "CTL-" + s, title: s, description: s, criteria: []string{"CC6.1", s}, scannerRules: []string{s},
			status: "implemented", justification: s, controlType: s, automation: s, frequency: s,
			ownerKey: strings.ToLower(s + "@example.com"), backupKey: strings.ToLower(tricky[0] + "@example.com"),
			evidence: []*importEvidence{{name: s, frequency: "daily", description: s, lastCollected: s, ownerKey: strings.ToLower(s + "@example.com")},
				{name: "x"}},
		})
	}
	imp.owners = append(imp.owners, &importOwner{email: "only@example.com"})
	imp.controls = append(imp.controls, &importControl{controlID: "bare"})
	assert.Equal(t, string(hclWithHCLWrite(imp)), string(imp.hcl()))
	assert.Equal(t, string(hclWithHCLWrite(&importResult{})), string((&importResult{}).hcl()))
}
