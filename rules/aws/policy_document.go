package aws

// This file is the one reading of data "aws_iam_policy_document": its
// statement blocks, and the documents it merges (source_json,
// source_policy_documents, then its own statements, then
// override_policy_documents and override_json, statements with the same sid
// replacing earlier ones), as the AWS provider renders them. The same
// reading serves twice:
//
//   - while loading, as a scanner.DataSource (policyDocumentSource): when
//     every part is known, the document is rendered into the json the
//     provider would give, so that expressions reading
//     data.aws_iam_policy_document.x.json, directly or through locals,
//     module outputs and source_policy_documents lists, see known text;
//   - while checking, through readPolicy: a json that is only known after
//     apply is followed to the data source and read from its blocks, so
//     that the statements that are known still decide.

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// policyDocumentType is the data source that renders policy JSON from HCL.
const policyDocumentType = "aws_iam_policy_document"

// policyDocumentSource computes the json (and minified_json) of an
// aws_iam_policy_document while the configuration is loaded: known when
// every part of the document is, unknown otherwise, when readPolicy follows
// the reference to the data source instead.
var policyDocumentSource = scanner.DataSource{
	Type: policyDocumentType,
	Compute: func(args *scanner.Block, _ scanner.Value) map[string]cty.Value {
		// The provider's json is an object: it starts with "{" even
		// when its parts are only known after apply, so that it is not
		// taken for "" (a module's var.policy != "" test).
		text := cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull("{").NewValue()
		if s, ok := renderPolicyDocument(args); ok {
			text = cty.StringVal(s)
		}
		// The provider's minified_json drops the indentation; rules read
		// either as JSON, so one text serves both.
		return map[string]cty.Value{"json": text, "minified_json": text}
	},
}

// policyDocumentRefs returns the policy document data source instances
// that an unknown value refers to: the instances of one data source, and
// nothing else that could change the text. It returns nil otherwise.
func policyDocumentRefs(v scanner.Value, ix *scanner.Index) []*scanner.Resource {
	if ix == nil {
		return nil
	}
	rs := ix.Resolve(v)
	if len(rs) == 0 {
		return nil
	}
	base := scanner.BaseAddress(rs[0].Address)
	for _, r := range rs {
		if r.Mode != "data" || r.Type != policyDocumentType || scanner.BaseAddress(r.Address) != base {
			return nil
		}
	}
	return rs
}

// defaultPolicyVersion is the policy language version the provider writes
// when the version argument is not set.
const defaultPolicyVersion = "2012-10-17"

// policyFromDocument reads a data "aws_iam_policy_document" the way the
// provider renders it: the statements of source_json and
// source_policy_documents, then its own statements, then those of
// override_policy_documents and override_json, each replacing earlier
// statements with the same sid.
func policyFromDocument(doc *scanner.Block, ix *scanner.Index, depth int) (*iamPolicy, error) {
	p := &iamPolicy{Range: doc.Range}
	if depth > maxPolicyDepth {
		p.Unknown = true
		return p, nil
	}
	if err := p.mergeDocument(doc.Attr("source_json"), ix, depth); err != nil {
		return nil, err
	}
	if err := p.mergeDocuments(doc.Attr("source_policy_documents"), ix, depth); err != nil {
		return nil, err
	}
	own := &iamPolicy{
		Version: defaultPolicyVersion,
		ID:      doc.Attr("policy_id").StringOr(""),
		Unknown: doc.BlocksUnknown("statement"),
	}
	if v := doc.Attr("version"); v.IsSet() {
		own.Version = v.StringOr("")
	}
	for _, b := range doc.Blocks("statement") {
		own.Statements = append(own.Statements, statementFromBlock(b))
	}
	p.merge(own)
	if err := p.mergeDocuments(doc.Attr("override_policy_documents"), ix, depth); err != nil {
		return nil, err
	}
	if err := p.mergeDocument(doc.Attr("override_json"), ix, depth); err != nil {
		return nil, err
	}
	return p, nil
}

// mergeDocument merges the document held by a single-document argument
// (source_json, override_json) into p.
func (p *iamPolicy) mergeDocument(v scanner.Value, ix *scanner.Index, depth int) error {
	if v.IsNull() {
		return nil
	}
	sub, err := readPolicyDepth(v, ix, depth+1)
	if err != nil {
		return err
	}
	p.merge(sub)
	return nil
}

// mergeDocuments merges a list-of-documents argument into p. Its elements
// are typically data.aws_iam_policy_document.x.json, unknown until apply;
// the list value does not say which reference each unknown element came
// from, so unknown elements are read through the list's references when
// those are policy documents, one per unknown element. Anything else makes
// p unknown.
func (p *iamPolicy) mergeDocuments(list scanner.Value, ix *scanner.Index, depth int) error {
	if list.IsNull() {
		return nil
	}
	if !list.Val.IsKnown() || !list.Val.CanIterateElements() {
		p.Unknown = true
		return nil
	}
	unknown := 0
	for it := list.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsWhollyKnown() {
			unknown++
			continue
		}
		sub, err := readPolicyDepth(scanner.Value{Name: list.Name, Val: e, Range: list.Range, Present: true}, ix, depth+1)
		if err != nil {
			return err
		}
		p.merge(sub)
	}
	if unknown == 0 {
		return nil
	}
	var docs []*scanner.Resource
	if ix != nil {
		docs = ix.Resolve(list)
	}
	if len(docs) != unknown {
		p.Unknown = true
		return nil
	}
	for _, d := range docs {
		if d.Mode != "data" || d.Type != policyDocumentType {
			p.Unknown = true
			return nil
		}
	}
	for _, d := range docs {
		sub, err := policyFromDocument(d.Block, ix, depth+1)
		if err != nil {
			return err
		}
		p.merge(sub)
	}
	return nil
}

// merge adds the statements of sub, replacing those with the same sid, as
// the provider merges documents: sub's Id, when it has one, replaces p's,
// and a later Version replaces an earlier one.
func (p *iamPolicy) merge(sub *iamPolicy) {
	if sub == nil {
		return
	}
	p.Unknown = p.Unknown || sub.Unknown
	p.Statements = overrideBySid(p.Statements, sub.Statements)
	if sub.ID != "" {
		p.ID = sub.ID
	}
	if sub.Version > p.Version {
		p.Version = sub.Version
	}
}

// overrideBySid appends next to base, replacing statements of base that
// share a non-empty sid, as the provider merges documents.
func overrideBySid(base, next []iamStatement) []iamStatement {
	out := append([]iamStatement(nil), base...)
	for _, st := range next {
		replaced := false
		if st.Sid != "" {
			for i := range out {
				if out[i].Sid == st.Sid {
					out[i] = st
					replaced = true
					break
				}
			}
		}
		if !replaced {
			out = append(out, st)
		}
	}
	return out
}

// statementFromBlock reads a statement block of aws_iam_policy_document.
func statementFromBlock(b *scanner.Block) iamStatement {
	st := iamStatement{Range: b.Range, Effect: "Allow"}
	st.Sid = b.Attr("sid").StringOr("")
	if e := b.Attr("effect"); e.IsSet() {
		st.Effect = e.StringOr("")
	}
	st.Action = valuesFromAttr(b.Attr("actions"))
	st.NotAction = valuesFromAttr(b.Attr("not_actions"))
	st.Resource = identifiersFromAttr(b.Attr("resources"))
	st.NotResource = identifiersFromAttr(b.Attr("not_resources"))
	st.Principal = principalsFromBlocks(b, "principals")
	st.NotPrincipal = principalsFromBlocks(b, "not_principals")
	st.ConditionUnknown = b.BlocksUnknown("condition")
	for _, c := range b.Blocks("condition") {
		vals := valuesFromAttr(c.Attr("values"))
		op, okOp := c.Attr("test").AsString()
		key, okKey := c.Attr("variable").AsString()
		st.Condition = append(st.Condition, iamCondition{
			Operator: op,
			Key:      key,
			Values:   vals.Values,
			Unknown:  !okOp || !okKey || vals.Unknown,
		})
	}
	return st
}

func principalsFromBlocks(b *scanner.Block, typ string) iamPrincipals {
	blocks := b.Blocks(typ)
	p := iamPrincipals{Unknown: b.BlocksUnknown(typ), Present: len(blocks) > 0 || b.BlocksUnknown(typ)}
	for _, pb := range blocks {
		t, ok := pb.Attr("type").AsString()
		if !ok {
			p.Unknown = true
			continue
		}
		p.add(t, identifiersFromAttr(pb.Attr("identifiers")))
	}
	return p
}

// identifiersFromAttr reads a list of resource or principal identifiers,
// marking its unknown elements Assigned when they are.
func identifiersFromAttr(v scanner.Value) iamValues {
	out := valuesFromAttr(v)
	out.Assigned = out.Unknown && unknownsAreAssignedIDs(v)
	return out
}

// assignedByOrigins reports whether every unknown element of list
// argument v is read from identifiers AWS assigns, by each element's
// origin (scanner.Value.Origins): [aws_s3_bucket.b.arn,
// "${aws_s3_bucket.b.arn}/*"] reads two elements from one bucket, and
// [aws_s3_bucket.b.arn, var.extra] one from a variable, which could be
// "*", as could aws_lambda_permission.p.source_arn where the configuration
// writes it (scanner.OriginSource.Written). An element whose origin is not
// known is not.
func assignedByOrigins(v scanner.Value) bool {
	origins := v.Origins()
	if len(origins) != v.Val.LengthInt() {
		return false
	}
	i := 0
	for it := v.Val.ElementIterator(); it.Next(); i++ {
		if _, e := it.Element(); !e.IsWhollyKnown() && !assignedEntry(origins[i]) {
			return false
		}
	}
	return true
}

// unknownsAreAssignedIDs reports whether every element of list argument v
// that is only known after apply is read from an identifier AWS assigns
// (assignedByOrigins). It no longer counts the references v makes against
// its unknown elements: a reference to an attribute that is known
// ("arn:aws:s3:::${aws_s3_bucket.b.bucket}/*" with a literal bucket)
// produces no unknown, so the count let a variable's element through.
func unknownsAreAssignedIDs(v scanner.Value) bool {
	if !v.Present || !v.Val.IsKnown() || v.Val.IsNull() || !v.Val.CanIterateElements() {
		return false
	}
	return v.Val.IsWhollyKnown() || assignedByOrigins(v)
}

// renderPolicyDocument renders the document args describes as the
// provider's json attribute: single values as strings, several as sorted
// lists, `"Principal": "*"` for the wildcard. ok is false when some part of
// it is only known after apply or a merged document cannot be read.
func renderPolicyDocument(args *scanner.Block) (string, bool) {
	if !documentKnown(args) {
		return "", false
	}
	doc, err := policyFromDocument(args, nil, 0)
	if err != nil || doc.Unknown {
		return "", false
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc.jsonDocument()); err != nil {
		return "", false
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n")), true
}

// documentKnown reports whether the document's own arguments and statement
// blocks, everything the provider renders besides the merged documents
// (which report their own unknowns as they are read), are known.
func documentKnown(doc *scanner.Block) bool {
	if !argsAre(doc, unsetOr(knownString), "version", "policy_id") || doc.BlocksUnknown("statement") {
		return false
	}
	for _, st := range doc.Blocks("statement") {
		if !argsAre(st, unsetOr(knownString), "sid", "effect") ||
			!argsAre(st, unsetOr(knownList), "actions", "not_actions", "resources", "not_resources") {
			return false
		}
		for _, typ := range []string{"principals", "not_principals", "condition"} {
			if st.BlocksUnknown(typ) {
				return false
			}
		}
		for _, pb := range append(st.Blocks("principals"), st.Blocks("not_principals")...) {
			if !argsAre(pb, knownString, "type") || !argsAre(pb, knownList, "identifiers") {
				return false
			}
		}
		for _, cb := range st.Blocks("condition") {
			if !argsAre(cb, knownString, "test", "variable") || !argsAre(cb, knownList, "values") {
				return false
			}
		}
	}
	return true
}

// argsAre reports whether every named argument of b passes is.
func argsAre(b *scanner.Block, is func(scanner.Value) bool, names ...string) bool {
	for _, n := range names {
		if !is(b.Attr(n)) {
			return false
		}
	}
	return true
}

// knownString and knownList report whether an argument is a known string,
// or a known list of strings; unsetOr lets an optional one be unset too.
func knownString(v scanner.Value) bool { _, ok := v.AsString(); return ok }

func knownList(v scanner.Value) bool { _, ok := v.AsStrings(); return ok }

func unsetOr(is func(scanner.Value) bool) func(scanner.Value) bool {
	return func(v scanner.Value) bool { return !v.IsSet() || is(v) }
}

// policyJSON and statementJSON are the provider's JSON rendering of a
// policy document.
type policyJSON struct {
	Version   string          `json:"Version,omitempty"`
	ID        string          `json:"Id,omitempty"`
	Statement []statementJSON `json:"Statement"`
}

type statementJSON struct {
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

// jsonDocument is p as the provider writes it. p must be wholly known.
func (p *iamPolicy) jsonDocument() policyJSON {
	doc := policyJSON{Version: p.Version, ID: p.ID}
	for _, st := range p.Statements {
		out := statementJSON{
			Sid:          st.Sid,
			Effect:       st.Effect,
			Action:       valuesJSON(st.Action),
			NotAction:    valuesJSON(st.NotAction),
			Resource:     valuesJSON(st.Resource),
			NotResource:  valuesJSON(st.NotResource),
			Principal:    principalsJSON(st.Principal),
			NotPrincipal: principalsJSON(st.NotPrincipal),
		}
		for _, c := range st.Condition {
			if out.Condition == nil {
				out.Condition = map[string]map[string]any{}
			}
			if out.Condition[c.Operator] == nil {
				out.Condition[c.Operator] = map[string]any{}
			}
			out.Condition[c.Operator][c.Key] = oneOrMany(c.Values)
		}
		doc.Statement = append(doc.Statement, out)
	}
	return doc
}

func valuesJSON(v iamValues) any {
	if len(v.Values) == 0 {
		return nil
	}
	return oneOrMany(v.Values)
}

// principalsJSON renders a principal; a lone `*` of type `*` is
// "Principal": "*".
func principalsJSON(p iamPrincipals) any {
	if len(p.ByType) == 0 {
		return nil
	}
	if ids, ok := p.ByType["*"]; ok && len(p.ByType) == 1 && len(ids) == 1 && ids[0] == "*" {
		return "*"
	}
	m := make(map[string]any, len(p.ByType))
	for t, ids := range p.ByType {
		m[t] = oneOrMany(ids)
	}
	return m
}

// oneOrMany renders a single string as itself and several as a sorted
// list, as the provider does.
func oneOrMany(l []string) any {
	if len(l) == 1 {
		return l[0]
	}
	s := append([]string(nil), l...)
	sort.Strings(s)
	return s
}
