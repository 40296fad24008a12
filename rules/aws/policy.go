package aws

// This file reads IAM policy documents, whatever form the configuration
// writes them in, into one small model that policy rules (bucket policies,
// key policies, identity policies, trust policies) inspect:
//
//   - a JSON string: a heredoc, a file() result or a literal;
//   - the string that jsonencode() produced from an HCL object;
//   - an object value (plan JSON and some providers hand policies over as
//     objects rather than strings);
//   - a data "aws_iam_policy_document" referenced through its json attribute:
//     the loader renders that json when the document is wholly known, and
//     readPolicy follows the reference and reads the data source's blocks
//     when it is not (policy_document.go), so that its known statements
//     still decide.
//
// Usage in a check:
//
//	doc, err := readPolicy(r.Attr("policy"), ctx.Index)
//	switch {
//	case err != nil:
//		return invalidPolicyResult(r.Attr("policy"), err)
//	case doc == nil:
//		// no policy argument at all
//	case doc.Unknown && len(doc.Statements) == 0:
//		return scanner.Unknowable(doc.Range, "policy is only known after apply")
//	}
//	for _, st := range doc.Statements {
//		if st.IsAllow() && st.Principal.IsWildcard() && len(st.Condition) == 0 { … }
//	}
//
// Unknown parts never disappear silently: a document that cannot be read at
// all has Unknown set and no statements; a document with some unknown parts
// (a dynamic statement block over an unknown collection, a source document
// that cannot be resolved) has Unknown set and the statements that are
// known; a statement field with unknown elements has its own Unknown flag
// and keeps the elements that are known.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// iamPolicy is an IAM policy document.
type iamPolicy struct {
	// Version and ID are the document's Version and Id, as written.
	Version, ID string
	Statements  []iamStatement
	// Unknown reports that the document, or some statements of it, are
	// only known after apply. When set, Statements holds the known ones
	// (none when the whole document is unknown).
	Unknown bool
	// MayBeAbsent reports that the argument the document was read from
	// may be left null after apply (Value.MayBeBlank: policy =
	// var.strict ? data.aws_iam_policy_document.p.json : null): a rule
	// that passes on a statement the document has cannot pass then.
	MayBeAbsent bool
	// Range is where the document is written: the policy argument, or the
	// data source it was read from.
	Range scanner.Range
}

// iamStatement is one statement of a policy.
type iamStatement struct {
	Sid string
	// Effect is "Allow" or "Deny" as written ("Allow" when a JSON statement
	// leaves it out, see statementFromCty), or "" when it is unknown.
	Effect       string
	Principal    iamPrincipals
	NotPrincipal iamPrincipals
	Action       iamValues
	NotAction    iamValues
	Resource     iamValues
	NotResource  iamValues
	Condition    []iamCondition
	// ConditionUnknown reports that some conditions are only known after
	// apply (a dynamic condition block over an unknown collection).
	ConditionUnknown bool
	// Range is the statement block of a policy document data source, or
	// the policy argument for JSON policies.
	Range scanner.Range
}

// iamValues is a string-or-list field of a statement (Action, Resource, …).
type iamValues struct {
	// Values holds the known elements, as written.
	Values []string
	// Present reports whether the field is written at all.
	Present bool
	// Unknown reports that some elements are only known after apply.
	Unknown bool
	// Partial holds the known prefixes of elements that are only partly
	// known, such as "arn:aws:s3:::" for "arn:aws:s3:::${var.bucket}/*".
	// Such elements also set Unknown.
	Partial []string
	// Assigned reports that every element only known after apply is built
	// from attributes AWS assigns to other resources (aws_iam_role.app.arn,
	// "${aws_s3_bucket.b.arn}/*"): each names specific resources and none
	// is a wildcard pattern. Only statement blocks of a policy document
	// data source can tell, through the references of their arguments.
	Assigned bool
	// Skeletons holds, for each element only known after apply, what is
	// known of it: its text with scanner.UnknownMark for each unknown part
	// (from scanner.Value.ElementSkeletons), else its known prefix followed
	// by the mark ("\x00" alone when nothing is known). It is nil when the
	// list itself is unknown.
	Skeletons []string
	// AssignedAt reports, for each of Skeletons, that the element is read
	// from an identifier AWS assigns ([aws_s3_bucket.b.arn,
	// "arn:aws:s3:::${var.name}/*"] names one bucket and objects of a
	// bucket whose name is unknown: neither is every resource). Nil when
	// none is, or when Assigned says all are.
	AssignedAt []bool
}

// assignedAt reports whether unknown element i (of Skeletons) is read
// from an identifier AWS assigns.
func (v iamValues) assignedAt(i int) bool {
	return v.Assigned || i < len(v.AssignedAt) && v.AssignedAt[i]
}

// UnknownCouldBe reports whether an element that is only known after apply
// could be the wildcard pattern s: one without a known prefix, or one whose
// known prefix starts s, unless the unknown elements are Assigned.
func (v iamValues) UnknownCouldBe(s string) bool {
	if !v.Unknown || v.Assigned {
		return false
	}
	if len(v.Partial) == 0 {
		return true
	}
	for _, p := range v.Partial {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// iamPrincipals is a Principal or NotPrincipal field, normalised to a list
// of identifiers per principal type ("AWS", "Service", "Federated",
// "CanonicalUser"). The bare wildcard `"Principal": "*"` is stored under
// type "*", as aws_iam_policy_document writes it (type = "*").
type iamPrincipals struct {
	ByType  map[string][]string
	Present bool
	// Unknown reports that the principal might include the wildcard once
	// known: a principal type is only known after apply, or an identifier
	// (list) of type "*" or "AWS" is. Identifiers known by a prefix that
	// rules the wildcard out (such as "arn:aws:iam::${account_id}:root"),
	// ARNs of other resources, and identifiers of other types (a service
	// name, an identity provider ARN) cannot be the wildcard and do not set
	// it; see UnknownIn.
	Unknown bool
	// Partial holds, per type, the known prefixes of identifiers that are
	// only partly known.
	Partial map[string][]string
	// UnknownIn holds the types some of whose identifiers are only known
	// after apply, whether or not they could be the wildcard.
	UnknownIn map[string]bool
}

// add records the identifiers of one principal type.
func (p *iamPrincipals) add(typ string, ids iamValues) {
	if (typ == "*" || strings.EqualFold(typ, "AWS")) && ids.UnknownCouldBe("*") {
		p.Unknown = true
	}
	if p.ByType == nil {
		p.ByType = map[string][]string{}
	}
	p.ByType[typ] = append(p.ByType[typ], ids.Values...)
	if ids.Unknown {
		if p.UnknownIn == nil {
			p.UnknownIn = map[string]bool{}
		}
		p.UnknownIn[typ] = true
	}
	if len(ids.Partial) > 0 {
		if p.Partial == nil {
			p.Partial = map[string][]string{}
		}
		p.Partial[typ] = append(p.Partial[typ], ids.Partial...)
	}
}

// HasUnknown reports whether some identifiers of type typ (matched
// case-insensitively) are only known after apply. A principal whose type is
// unknown sets Unknown instead.
func (p iamPrincipals) HasUnknown(typ string) bool {
	for t, u := range p.UnknownIn {
		if u && strings.EqualFold(t, typ) {
			return true
		}
	}
	return false
}

// iamCondition is one key of one condition operator:
// `"Bool": {"aws:SecureTransport": "false"}` is Operator "Bool", Key
// "aws:SecureTransport", Values ["false"]. Non-string JSON values are
// rendered as Terraform would (false → "false").
type iamCondition struct {
	Operator string
	Key      string
	Values   []string
	// Unknown reports that the operator, key or some values are only known
	// after apply.
	Unknown bool
}

// IsAllow reports whether the statement is known to allow.
func (s iamStatement) IsAllow() bool { return strings.EqualFold(s.Effect, "Allow") }

// IsDeny reports whether the statement is known to deny.
func (s iamStatement) IsDeny() bool { return strings.EqualFold(s.Effect, "Deny") }

// ConditionsOn returns the conditions on the given key, compared
// case-insensitively as IAM compares condition keys.
func (s iamStatement) ConditionsOn(key string) []iamCondition {
	var out []iamCondition
	for _, c := range s.Condition {
		if strings.EqualFold(c.Key, key) {
			out = append(out, c)
		}
	}
	return out
}

// Has reports whether a known element equals s exactly.
func (v iamValues) Has(s string) bool {
	for _, e := range v.Values {
		if e == s {
			return true
		}
	}
	return false
}

// HasFold reports whether a known element equals s ignoring case, as IAM
// compares action names.
func (v iamValues) HasFold(s string) bool {
	for _, e := range v.Values {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

// Any reports whether a known element satisfies f.
func (v iamValues) Any(f func(string) bool) bool {
	for _, e := range v.Values {
		if f(e) {
			return true
		}
	}
	return false
}

// IsWildcard reports whether the principal is known to include everyone:
// `"*"`, `{"AWS": "*"}` (equivalent in resource policies) or type "*" in a
// policy document data source, or an AWS principal ARN whose account is a
// wildcard (see wildcardAccountARN).
func (p iamPrincipals) IsWildcard() bool {
	_, ok := p.wildcard()
	return ok
}

// wildcard returns the identifier that makes the principal everyone (see
// IsWildcard): "*" when one is written, else the first wildcard-account ARN
// of the first principal type by name, so that messages name the same one
// on every run without sorting the types on this per-statement path.
func (p iamPrincipals) wildcard() (string, bool) {
	var arn, arnType string
	for typ, ids := range p.ByType {
		if typ != "*" && !strings.EqualFold(typ, "AWS") {
			continue
		}
		for _, id := range ids {
			if id == "*" {
				return id, true
			}
			if wildcardAccountARN(id) && (arn == "" || typ < arnType) {
				arn, arnType = id, typ
			}
		}
	}
	return arn, arn != ""
}

// wildcardAccountARN reports whether an AWS principal is an IAM or STS ARN
// whose account field is a wildcard, such as arn:aws:iam::*:root or
// arn:aws:iam::*:role/deploy. IAM accepts no wildcard inside a principal
// ARN and rejects the policy, so nothing is granted as written; but what
// it is written to grant is every account's identities, which is anyone
// with an AWS account, so it is read as "*", as KICS reads any principal
// containing "*". A wildcard in the resource part of an ARN whose account
// is named (arn:aws:iam::123456789012:role/*) stays inside that account.
func wildcardAccountARN(id string) bool {
	parts := strings.SplitN(id, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return false
	}
	if svc := strings.ToLower(parts[2]); svc != "iam" && svc != "sts" {
		return false
	}
	return strings.ContainsAny(parts[4], "*?")
}

// Identifiers returns the identifiers of one principal type ("AWS",
// "Service", …), matched case-insensitively.
func (p iamPrincipals) Identifiers(typ string) []string {
	var out []string
	for t, ids := range p.ByType {
		if strings.EqualFold(t, typ) {
			out = append(out, ids...)
		}
	}
	return out
}

// Types returns the principal types, sorted.
func (p iamPrincipals) Types() []string {
	out := make([]string, 0, len(p.ByType))
	for t := range p.ByType {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// readPolicy reads the policy document held by argument v. It returns nil
// and no error when v is absent or null. An error means the value is known
// but is not a policy document (malformed JSON, wrong shape); the caller
// decides whether that is a finding or an unknown.
//
// When v is unknown, as data.aws_iam_policy_document.x.json and any
// jsonencode() over an after-apply value are, readPolicy follows v's
// references: a single policy document data source is read from its
// statement blocks; anything else gives an unknown document.
func readPolicy(v scanner.Value, ix *scanner.Index) (*iamPolicy, error) {
	return readPolicyDepth(v, ix, 0)
}

// maxPolicyDepth bounds source/override document chains, which Terraform
// forbids from being cyclic but a broken configuration might still be.
const maxPolicyDepth = 8

func readPolicyDepth(v scanner.Value, ix *scanner.Index, depth int) (*iamPolicy, error) {
	if v.IsNull() {
		return nil, nil
	}
	if p, err := policyFromValue(v); p != nil || err != nil {
		if p != nil && v.LeafOrigins() != nil {
			assignFromLeafOrigins(p, v)
		}
		return p, err
	}
	docs := policyDocumentRefs(v, ix)
	if len(docs) == 0 {
		return &iamPolicy{Unknown: true, Range: v.Range}, nil
	}
	first, err := policyFromDocument(docs[0].Block, ix, depth)
	if err != nil {
		return nil, err
	}
	first.MayBeAbsent = v.MayBeBlank()
	// A reference such as data.aws_iam_policy_document.x[each.key].json
	// may name every instance of x; when all of them render the same
	// statements, that is the document whichever instance is meant.
	for _, d := range docs[1:] {
		other, err := policyFromDocument(d.Block, ix, depth)
		if err != nil {
			return nil, err
		}
		if other.Unknown != first.Unknown || !reflect.DeepEqual(other.Statements, first.Statements) {
			return &iamPolicy{Unknown: true, Range: v.Range}, nil
		}
	}
	return first, nil
}

// assignFromLeafOrigins marks the Resource and NotResource of each
// statement of p, read from v's partly known document, Assigned when every
// unknown part of them is read from an identifier AWS assigns
// (scanner.Value.LeafOrigins): Resource = aws_s3_bucket.b.arn or
// "${aws_s3_bucket.b.arn}/*" names one bucket, never "*", while
// [aws_s3_bucket.b.arn, var.extra] may be anything. Each unknown is
// decided by the reference that produced it: a reference to an attribute
// that is known produces none, so counting references cannot decide.
func assignFromLeafOrigins(p *iamPolicy, v scanner.Value) {
	step, stmts := ctyFieldStep(v.Val, "Statement")
	if stmts == cty.NilVal || !stmts.IsKnown() || stmts.IsNull() {
		return
	}
	base := cty.Path{step}
	var paths []cty.Path
	if isObjectLike(stmts.Type()) {
		paths = append(paths, base)
	} else if stmts.CanIterateElements() {
		for it := stmts.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.IsKnown() && !e.IsNull() && isObjectLike(e.Type()) {
				paths = append(paths, append(base.Copy(), cty.IndexStep{Key: k}))
			}
		}
	}
	if len(paths) != len(p.Statements) {
		return
	}
	for i, path := range paths {
		st := &p.Statements[i]
		obj, _ := path.Apply(v.Val)
		for _, f := range []struct {
			key string
			dst *iamValues
		}{{"Resource", &st.Resource}, {"NotResource", &st.NotResource}} {
			if !f.dst.Unknown {
				continue
			}
			fstep, field := ctyFieldStep(obj, f.key)
			if field == cty.NilVal {
				continue
			}
			var skeletons []string
			if unknownsAssignedAt(v, append(path.Copy(), fstep), field, &skeletons) {
				f.dst.Assigned, f.dst.Skeletons = true, skeletons
			} else if sks, at := elementsAssignedAt(v, append(path.Copy(), fstep), field); at != nil {
				f.dst.Skeletons, f.dst.AssignedAt = sks, at
			}
		}
	}
}

// unknownsAssignedAt reports whether every unknown part of val, the part
// of v's document at path, is read from identifiers AWS assigns and its
// text is known around them; it appends each such part's skeleton to
// skeletons, in the order valuesFromAttr reads the parts, so that the
// text written around an identifier is judged
// ("arn:aws:iam::${data.aws_caller_identity.c.account_id}:role/*" names
// every role of an account).
func unknownsAssignedAt(v scanner.Value, path cty.Path, val cty.Value, skeletons *[]string) bool {
	switch {
	case !val.IsKnown():
		for _, l := range v.LeafOrigins() {
			if l.Path.Equals(path) {
				*skeletons = append(*skeletons, l.Skeleton)
				return l.Skeleton != "" && assignedEntry(l.Origin)
			}
		}
		return false
	case val.IsNull() || !val.CanIterateElements():
		return true
	}
	for it := val.ElementIterator(); it.Next(); {
		k, e := it.Element()
		step := cty.PathStep(cty.IndexStep{Key: k})
		if val.Type().IsObjectType() {
			step = cty.GetAttrStep{Name: k.AsString()}
		}
		if !unknownsAssignedAt(v, append(path.Copy(), step), e, skeletons) {
			return false
		}
	}
	return true
}

// elementsAssignedAt is, for a list val (the part of v's document at
// path) whose unknown elements are not all read from identifiers AWS
// assigns, each unknown element's skeleton and whether it is: an
// assigned one's skeleton is its LeafOrigins', any other's its known
// prefix and scanner.UnknownMark, as valuesFromAttr reads it. at is nil
// when no element is assigned, or an element is not a string.
func elementsAssignedAt(v scanner.Value, path cty.Path, val cty.Value) (skeletons []string, at []bool) {
	if !val.IsKnown() || val.IsNull() || !val.Type().IsTupleType() && !val.Type().IsListType() {
		return nil, nil
	}
	assigned := false
	for it := val.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if e.IsWhollyKnown() {
			continue
		}
		if e.IsKnown() || !e.Type().Equals(cty.String) {
			return nil, nil
		}
		var sks []string
		if unknownsAssignedAt(v, append(path.Copy(), cty.IndexStep{Key: k}), e, &sks) && len(sks) == 1 {
			skeletons, at, assigned = append(skeletons, sks[0]), append(at, true), true
			continue
		}
		skeletons, at = append(skeletons, knownPrefix(e)+scanner.UnknownMark), append(at, false)
	}
	if !assigned {
		return nil, nil
	}
	return skeletons, at
}

// ctyFieldStep is ctyField with the step that reads the field from obj.
func ctyFieldStep(obj cty.Value, key string) (cty.PathStep, cty.Value) {
	if !obj.IsKnown() || obj.IsNull() || !isObjectLike(obj.Type()) {
		return nil, cty.NilVal
	}
	for it := obj.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if strings.EqualFold(k.AsString(), key) {
			if obj.Type().IsObjectType() {
				return cty.GetAttrStep{Name: k.AsString()}, e
			}
			return cty.IndexStep{Key: k}, e
		}
	}
	return nil, cty.NilVal
}

// invalidPolicyResult is the finding for a policy argument that readPolicy
// cannot read: its JSON does not parse, or its structure is not a policy
// document's (a Statement that is not a list, a Principal that is neither
// "*" nor an object). AWS rejects such a policy on apply, so the user must
// fix it: it is a failing finding located at the argument, never an
// unknown, which would read as "cannot be decided".
func invalidPolicyResult(v scanner.Value, err error) scanner.Result {
	return scanner.Failed(v.Range, "%v: AWS rejects a policy that is not a valid policy document", err)
}

// policyFromValue reads a policy written as a string of JSON, or as an
// object: jsonencode's argument, which the loader keeps when it is only
// partly known, or a policy that plan JSON or a provider hands over as an
// object. The known fields of a partly known object are read and unknown
// ones marked unknown, so a policy that names a bucket ARN still shows its
// Effect, Action and Principal. It returns nil and no error for any other
// unknown value, which readPolicy follows through its references.
func policyFromValue(v scanner.Value) (*iamPolicy, error) {
	val := v.Val
	if !val.IsKnown() {
		return nil, nil
	}
	if val.Type().IsPrimitiveType() {
		s, ok := v.AsString()
		if !ok {
			return nil, nil
		}
		var err error
		if val, err = decodePolicyJSON([]byte(s)); err != nil {
			return nil, fmt.Errorf("%s: %w", v.Name, err)
		}
	} else if !isObjectLike(val.Type()) && !val.IsWhollyKnown() {
		return nil, nil
	}
	p, err := policyFromCty(val, v.Range)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", v.Name, err)
	}
	return p, nil
}

// decodePolicyJSON decodes JSON text into the value jsondecode() would
// give, so that text and objects are read by one reader. encoding/json
// does the parsing in one pass (cty/json's ImpliedType and Unmarshal would
// take two); the result is converted to cty directly.
func decodePolicyJSON(text []byte) (cty.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return cty.NilVal, fmt.Errorf("policy is not valid JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return cty.NilVal, errors.New("policy is not valid JSON: data after the document")
	}
	return ctyFromJSON(doc)
}

// ctyFromJSON converts a value decoded by encoding/json (with UseNumber)
// into the cty value jsondecode() gives: objects, tuples, strings, numbers,
// bools and null.
func ctyFromJSON(v any) (cty.Value, error) {
	switch v := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType), nil
	case bool:
		return cty.BoolVal(v), nil
	case string:
		return cty.StringVal(v), nil
	case json.Number:
		n, err := cty.ParseNumberVal(v.String())
		if err != nil {
			return cty.NilVal, fmt.Errorf("policy is not valid JSON: %w", err)
		}
		return n, nil
	case []any:
		elems := make([]cty.Value, len(v))
		for i, e := range v {
			c, err := ctyFromJSON(e)
			if err != nil {
				return cty.NilVal, err
			}
			elems[i] = c
		}
		return cty.TupleVal(elems), nil
	case map[string]any:
		attrs := make(map[string]cty.Value, len(v))
		for k, e := range v {
			c, err := ctyFromJSON(e)
			if err != nil {
				return cty.NilVal, err
			}
			attrs[k] = c
		}
		return cty.ObjectVal(attrs), nil
	}
	return cty.NilVal, fmt.Errorf("policy is not valid JSON: unexpected %T", v)
}

// sortConditions makes JSON-map iteration order irrelevant to callers.
func sortConditions(cs []iamCondition) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Operator != cs[j].Operator {
			return cs[i].Operator < cs[j].Operator
		}
		return cs[i].Key < cs[j].Key
	})
}

// valuesFromAttr reads a list-of-strings argument whose elements may be
// partly unknown.
func valuesFromAttr(v scanner.Value) iamValues {
	if v.IsNull() {
		return iamValues{}
	}
	out := iamValues{Present: true}
	if s, ok := v.AsStrings(); ok {
		out.Values = s
		return out
	}
	if !v.Val.IsKnown() || !v.Val.CanIterateElements() {
		out.Unknown = true
		return out
	}
	partialOnly := true
	skeletons := v.ElementSkeletons()
	i := -1
	for it := v.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		i++
		if !e.IsWhollyKnown() {
			out.Unknown = true
			sk := knownPrefix(e) + scanner.UnknownMark
			if i < len(skeletons) && skeletons[i] != "" {
				sk = skeletons[i]
			}
			out.Skeletons = append(out.Skeletons, sk)
			if prefix := knownPrefix(e); prefix != "" {
				out.Partial = append(out.Partial, prefix)
			} else {
				partialOnly = false
			}
			continue
		}
		if e.IsNull() || !e.Type().IsPrimitiveType() {
			continue
		}
		if s, ok := (scanner.Value{Val: e, Present: true}).AsString(); ok {
			out.Values = append(out.Values, s)
		}
	}
	if !partialOnly {
		// An element without a known prefix could be anything.
		out.Partial = nil
	}
	return out
}

// knownPrefix returns the known prefix of an unknown string, as Terraform
// refines the result of a template such as "arn:aws:iam::${id}:root".
func knownPrefix(v cty.Value) string {
	if v.IsKnown() || !v.Type().Equals(cty.String) {
		return ""
	}
	return v.Range().StringPrefix()
}

// policyFromCty reads a policy object. Statement may be an object or an
// array; Action, Resource and condition values may be a string or an array;
// Principal may be "*" or a map of type to a string or an array. Non-string
// scalars read as Terraform renders them (false → "false"). Parts that are
// only known after apply are marked unknown; known parts of the wrong shape
// are an error.
func policyFromCty(val cty.Value, rng scanner.Range) (*iamPolicy, error) {
	if val.IsNull() || !isObjectLike(val.Type()) {
		return nil, errors.New("policy is not a JSON object")
	}
	p := &iamPolicy{Range: rng, Version: ctyString(ctyField(val, "Version")), ID: ctyString(ctyField(val, "Id"))}
	stmts := ctyField(val, "Statement")
	var list []cty.Value
	switch {
	case stmts == cty.NilVal || (stmts.IsKnown() && stmts.IsNull()):
		return p, nil
	case !stmts.IsKnown():
		p.Unknown = true
		return p, nil
	case isObjectLike(stmts.Type()):
		list = []cty.Value{stmts}
	case stmts.Type().IsTupleType() || stmts.Type().IsListType() || stmts.Type().IsSetType():
		list = stmts.AsValueSlice()
	default:
		return nil, errors.New("policy Statement is neither an object nor an array")
	}
	partial := !val.IsWhollyKnown()
	for i, e := range list {
		if !e.IsKnown() {
			p.Unknown = true
			continue
		}
		if e.IsNull() || !isObjectLike(e.Type()) {
			return nil, fmt.Errorf("policy statement %d is not an object", i)
		}
		st, err := statementFromCty(e, rng)
		if err != nil {
			return nil, fmt.Errorf("policy statement %d: %w", i, err)
		}
		if partial && (st.Effect == "" || st.ConditionUnknown) {
			p.Unknown = true
		}
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

// statementFromCty reads one statement object.
func statementFromCty(obj cty.Value, rng scanner.Range) (iamStatement, error) {
	st := iamStatement{Range: rng}
	st.Sid = ctyString(ctyField(obj, "Sid"))
	if e := ctyField(obj, "Effect"); e == cty.NilVal || (e.IsKnown() && e.IsNull()) {
		// IAM requires Effect and rejects a statement without one, so
		// such a policy is never applied as written; what it is written
		// to do is grant, as in an aws_iam_policy_document statement,
		// whose effect defaults to Allow. Reading it as Allow reports the
		// grant it makes once someone adds the missing line, as Checkov
		// and KICS read it, where unknown would leave it unjudged.
		st.Effect = "Allow"
	} else {
		st.Effect = ctyString(e)
	}
	var err error
	if st.Principal, err = ctyPrincipals(ctyField(obj, "Principal")); err != nil {
		return st, fmt.Errorf("invalid Principal: %w", err)
	}
	if st.NotPrincipal, err = ctyPrincipals(ctyField(obj, "NotPrincipal")); err != nil {
		return st, fmt.Errorf("invalid NotPrincipal: %w", err)
	}
	for _, f := range []struct {
		name string
		dst  *iamValues
	}{
		{"Action", &st.Action},
		{"NotAction", &st.NotAction},
		{"Resource", &st.Resource},
		{"NotResource", &st.NotResource},
	} {
		if *f.dst, err = ctyValues(ctyField(obj, f.name)); err != nil {
			return st, fmt.Errorf("invalid %s: %w", f.name, err)
		}
	}
	if st.Condition, st.ConditionUnknown, err = ctyConditions(ctyField(obj, "Condition")); err != nil {
		return st, fmt.Errorf("invalid Condition: %w", err)
	}
	return st, nil
}

func isObjectLike(t cty.Type) bool { return t.IsObjectType() || t.IsMapType() }

// ctyField returns the attribute or map element named key, matched
// case-insensitively as IAM matches policy keys (some generators write
// them in lower case), or cty.NilVal.
func ctyField(obj cty.Value, key string) cty.Value {
	if !obj.IsKnown() || obj.IsNull() || !isObjectLike(obj.Type()) {
		return cty.NilVal
	}
	for it := obj.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if strings.EqualFold(k.AsString(), key) {
			return e
		}
	}
	return cty.NilVal
}

func ctyString(v cty.Value) string {
	s, _ := (scanner.Value{Val: v, Present: v != cty.NilVal}).AsString()
	return s
}

// ctyValues reads a string-or-list field whose elements may be partly
// unknown; a lone unknown string keeps its known prefix.
func ctyValues(v cty.Value) (iamValues, error) {
	if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
		return iamValues{}, nil
	}
	if !v.IsKnown() || v.Type().IsPrimitiveType() {
		v = cty.TupleVal([]cty.Value{v})
	}
	if t := v.Type(); !t.IsTupleType() && !t.IsListType() && !t.IsSetType() {
		return iamValues{}, fmt.Errorf("want a string or a list of strings, got %s", t.FriendlyName())
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		switch {
		case !e.IsKnown():
		case e.IsNull():
			return iamValues{}, errors.New("want a string or a list of strings, got null")
		case !e.Type().IsPrimitiveType():
			return iamValues{}, fmt.Errorf("want a string or a list of strings, got a list with %s", e.Type().FriendlyName())
		}
	}
	return valuesFromAttr(scanner.Value{Val: v, Present: true}), nil
}

func ctyPrincipals(v cty.Value) (iamPrincipals, error) {
	if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
		return iamPrincipals{}, nil
	}
	if !v.IsKnown() {
		// A bare string known by its beginning ("arn:aws:iam::${account}:root"
		// in a JSON template) is one identifier that prefix may rule out as
		// the wildcard; add decides.
		if v.Type() == cty.String {
			if ids, err := ctyValues(v); err == nil && len(ids.Partial) > 0 {
				p := iamPrincipals{Present: true}
				p.add("*", ids)
				return p, nil
			}
		}
		return iamPrincipals{Present: true, Unknown: true}, nil
	}
	if v.Type() == cty.String {
		// Only "*" is valid as a bare string; keep anything else under
		// the wildcard type too, so that it is not lost.
		return iamPrincipals{ByType: map[string][]string{"*": {v.AsString()}}, Present: true}, nil
	}
	if !isObjectLike(v.Type()) {
		return iamPrincipals{}, errors.New(`neither "*" nor an object`)
	}
	p := iamPrincipals{ByType: map[string][]string{}, Present: true}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		ids, err := ctyValues(e)
		if err != nil {
			return p, fmt.Errorf("%s: %w", k.AsString(), err)
		}
		p.add(k.AsString(), ids)
	}
	return p, nil
}

// ctyConditions reads a Condition object; the second result reports that
// some of it is only known after apply.
func ctyConditions(v cty.Value) ([]iamCondition, bool, error) {
	if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
		return nil, false, nil
	}
	if !v.IsKnown() {
		return nil, true, nil
	}
	if !isObjectLike(v.Type()) {
		return nil, false, errors.New("not an object")
	}
	var out []iamCondition
	unknown := false
	for it := v.ElementIterator(); it.Next(); {
		op, keys := it.Element()
		if !keys.IsKnown() {
			unknown = true
			continue
		}
		if keys.IsNull() || !isObjectLike(keys.Type()) {
			return nil, false, fmt.Errorf("%s is not an object", op.AsString())
		}
		for kt := keys.ElementIterator(); kt.Next(); {
			key, vals := kt.Element()
			iv, err := ctyValues(vals)
			if err != nil {
				return nil, false, fmt.Errorf("%s %s: %w", op.AsString(), key.AsString(), err)
			}
			out = append(out, iamCondition{Operator: op.AsString(), Key: key.AsString(), Values: iv.Values, Unknown: iv.Unknown})
		}
	}
	sortConditions(out)
	return out, unknown, nil
}
