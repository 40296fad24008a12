package loader

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// policyDocumentJSON computes the `json` attribute of an
// aws_iam_policy_document data source from its statement blocks, as the AWS
// provider renders it, so that rules reading a policy through
// `data.aws_iam_policy_document.x.json` see the statements. It is unknown
// when any part of the document is unknown or when the document merges
// other documents (source_policy_documents, override_policy_documents),
// whose content is only known after apply.
func policyDocumentJSON(b *scanner.Block) cty.Value {
	unknown := cty.UnknownVal(cty.String)
	for _, n := range []string{"source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		if v := b.Attr(n); v.IsSet() {
			return unknown
		}
	}
	if b.BlocksUnknown("statement") {
		return unknown
	}
	doc := policyDoc{Version: "2012-10-17"}
	if v := b.Attr("version"); v.IsSet() {
		s, ok := v.AsString()
		if !ok {
			return unknown
		}
		doc.Version = s
	}
	if v := b.Attr("policy_id"); v.IsSet() {
		s, ok := v.AsString()
		if !ok {
			return unknown
		}
		doc.ID = s
	}
	for _, sb := range b.Blocks("statement") {
		st, ok := policyStatement(sb)
		if !ok {
			return unknown
		}
		doc.Statement = append(doc.Statement, st)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return unknown
	}
	return cty.StringVal(string(bytes.TrimRight(buf.Bytes(), "\n")))
}

type policyDoc struct {
	Version   string                `json:"Version,omitempty"`
	ID        string                `json:"Id,omitempty"`
	Statement []policyStatementJSON `json:"Statement"`
}

type policyStatementJSON struct {
	Sid          string                    `json:"Sid,omitempty"`
	Effect       string                    `json:"Effect,omitempty"`
	Action       any                       `json:"Action,omitempty"`
	NotAction    any                       `json:"NotAction,omitempty"`
	Resource     any                       `json:"Resource,omitempty"`
	NotResource  any                       `json:"NotResource,omitempty"`
	Principal    any                       `json:"Principal,omitempty"`
	NotPrincipal any                       `json:"NotPrincipal,omitempty"`
	Condition    map[string]map[string]any `json:"Condition,omitempty"`
}

func policyStatement(sb *scanner.Block) (policyStatementJSON, bool) {
	st := policyStatementJSON{Effect: "Allow"}
	for _, t := range []string{"principals", "not_principals", "condition"} {
		if sb.BlocksUnknown(t) {
			return st, false
		}
	}
	str := func(name string, dst *string) bool {
		v := sb.Attr(name)
		if !v.IsSet() {
			return true
		}
		s, ok := v.AsString()
		if ok {
			*dst = s
		}
		return ok
	}
	list := func(name string, dst *any) bool {
		v := sb.Attr(name)
		if !v.IsSet() {
			return true
		}
		l, ok := v.AsStrings()
		if ok && len(l) > 0 {
			*dst = oneOrMany(l)
		}
		return ok
	}
	if !str("sid", &st.Sid) || !str("effect", &st.Effect) ||
		!list("actions", &st.Action) || !list("not_actions", &st.NotAction) ||
		!list("resources", &st.Resource) || !list("not_resources", &st.NotResource) {
		return st, false
	}
	var ok bool
	if st.Principal, ok = principals(sb.Blocks("principals")); !ok {
		return st, false
	}
	if st.NotPrincipal, ok = principals(sb.Blocks("not_principals")); !ok {
		return st, false
	}
	for _, cb := range sb.Blocks("condition") {
		test, ok1 := cb.Attr("test").AsString()
		variable, ok2 := cb.Attr("variable").AsString()
		values, ok3 := cb.Attr("values").AsStrings()
		if !ok1 || !ok2 || !ok3 {
			return st, false
		}
		if st.Condition == nil {
			st.Condition = map[string]map[string]any{}
		}
		if st.Condition[test] == nil {
			st.Condition[test] = map[string]any{}
		}
		st.Condition[test][variable] = oneOrMany(values)
	}
	return st, true
}

// principals renders principals blocks; a lone `*` of type `*` is
// "Principal": "*".
func principals(blocks []*scanner.Block) (any, bool) {
	if len(blocks) == 0 {
		return nil, true
	}
	out := map[string][]string{}
	for _, pb := range blocks {
		typ, ok1 := pb.Attr("type").AsString()
		ids, ok2 := pb.Attr("identifiers").AsStrings()
		if !ok1 || !ok2 {
			return nil, false
		}
		out[typ] = append(out[typ], ids...)
	}
	if ids, ok := out["*"]; ok && len(out) == 1 && len(ids) == 1 && ids[0] == "*" {
		return "*", true
	}
	m := make(map[string]any, len(out))
	for t, ids := range out {
		m[t] = oneOrMany(ids)
	}
	return m, true
}

// oneOrMany renders a single string as itself and several as a sorted
// list, as the AWS provider does.
func oneOrMany(l []string) any {
	if len(l) == 1 {
		return l[0]
	}
	s := append([]string(nil), l...)
	sort.Strings(s)
	return s
}
