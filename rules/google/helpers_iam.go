package google

import (
	"encoding/json"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// iamPolicyDataSource is the data source that renders policy_data for the
// authoritative *_iam_policy resources.
const iamPolicyDataSource = "google_iam_policy"

// iamTypes returns the member, binding and policy resource types of an IAM
// resource family, such as google_cloudfunctions_function_iam.
func iamTypes(prefixes ...string) []string {
	out := make([]string, 0, 3*len(prefixes))
	for _, p := range prefixes {
		out = append(out, p+"_member", p+"_binding", p+"_policy")
	}
	return out
}

// iamGrant is one member granted a role, with where it was written.
type iamGrant struct {
	Role, Member string
	Range        scanner.Range
}

// iamGrants reads the grants of an IAM member, binding or policy resource.
// unknown is set when some grant, or the member list, is only known after
// apply; the grants that are known are returned all the same, so that one
// known allUsers decides.
func iamGrants(r *scanner.Resource, ix *scanner.Index) (grants []iamGrant, unknown *scanner.Value) {
	switch {
	case strings.HasSuffix(r.Type, "_member"):
		return grantsOf(r.Attr("role"), r.Attr("member"))
	case strings.HasSuffix(r.Type, "_binding"):
		return grantsOf(r.Attr("role"), r.Attr("members"))
	}
	data := r.Attr("policy_data")
	if s, ok := data.AsString(); ok {
		return grantsFromJSON(s, data.Range), nil
	}
	if !data.IsUnknown() {
		return nil, nil
	}
	docs := policyDataSources(data, ix)
	if docs == nil {
		return nil, &data
	}
	for _, doc := range docs {
		if doc.BlocksUnknown("binding") {
			unknown = &data
		}
		for _, b := range doc.Blocks("binding") {
			g, u := grantsOf(b.Attr("role"), b.Attr("members"))
			grants = append(grants, g...)
			if u != nil {
				unknown = u
			}
		}
	}
	return grants, unknown
}

// grantsOf pairs a role with a member or list of members.
func grantsOf(role, members scanner.Value) ([]iamGrant, *scanner.Value) {
	list, incomplete := members.KnownStrings()
	out := make([]iamGrant, 0, len(list))
	for _, m := range list {
		out = append(out, iamGrant{Role: role.StringOr("?"), Member: m, Range: members.Range})
	}
	if incomplete {
		return out, &members
	}
	return out, nil
}

// grantsFromJSON reads the bindings of a policy written as JSON text.
func grantsFromJSON(text string, rng scanner.Range) []iamGrant {
	var doc struct {
		Bindings []struct {
			Role    string   `json:"role"`
			Members []string `json:"members"`
		} `json:"bindings"`
	}
	if json.Unmarshal([]byte(text), &doc) != nil {
		return nil
	}
	var out []iamGrant
	for _, b := range doc.Bindings {
		for _, m := range b.Members {
			out = append(out, iamGrant{Role: b.Role, Member: m, Range: rng})
		}
	}
	return out
}

// policyDataSources returns the data "google_iam_policy" instances that an
// unknown policy_data refers to, or nil when it refers to anything else
// (a variable, a module output the scan cannot follow).
func policyDataSources(v scanner.Value, ix *scanner.Index) []*scanner.Resource {
	if ix == nil {
		return nil
	}
	rs := ix.Resolve(v)
	if len(rs) == 0 {
		return nil
	}
	for _, r := range rs {
		if r.Mode != "data" || r.Type != iamPolicyDataSource {
			return nil
		}
	}
	return rs
}

// publicIAMCheck fails an IAM member, binding or policy resource that grants
// any role to allUsers or allAuthenticatedUsers; what names what the grant
// opens ("the function", "the dataset").
func publicIAMCheck(what string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		grants, unknown := iamGrants(r, ctx.Index)
		for _, g := range grants {
			if who, public := publicEntity(g.Member); public {
				return scanner.Failed(g.Range, "%s is granted to %s: %s can use %s", g.Role, who, audience(who), what)
			}
		}
		if unknown != nil && !membersHarmless(r, *unknown, notPublicMember) {
			return scanner.Unknowable(unknown.Range, "%s is not known until apply", unknown.Name)
		}
		return scanner.Passed()
	}
}

// notPublicMember reports whether a member only known after apply cannot
// be allUsers or allAuthenticatedUsers: its known prefix already has a
// kind ("serviceAccount:${…}"), which the public principals lack, or it is
// the email of a service account of the configuration.
func notPublicMember(v scanner.Value) bool {
	return memberKind(v) != "" || refsOnlyServiceAccounts(v)
}

// membersHarmless reports whether the members of an IAM member or binding
// resource r that are only known after apply (v, its member or members)
// are all harmless: a member is judged by harmless (its known prefix or
// what it refers to, as in "serviceAccount:${google_service_account.a.email}"),
// and so is each unknown element of a members list whose length is known,
// or a members list only known after apply as a whole. A policy's
// policy_data is never harmless: which members it holds is not known.
func membersHarmless(r *scanner.Resource, v scanner.Value, harmless func(scanner.Value) bool) bool {
	switch {
	case strings.HasSuffix(r.Type, "_member"):
		return harmless(v)
	case !strings.HasSuffix(r.Type, "_binding"):
		return false
	}
	if !v.Val.IsKnown() || v.Val.IsNull() || !v.Val.CanIterateElements() || v.Val.Type().IsObjectType() || v.Val.Type().IsMapType() {
		return harmless(v)
	}
	for it := v.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsWhollyKnown() {
			continue
		}
		if !harmless(scanner.Value{Name: v.Name, Val: e, Range: v.Range, Present: true, Refs: v.Refs}) {
			return false
		}
	}
	return true
}

// notPerson reports whether an IAM member only known after apply cannot be
// a user, group or domain: its known prefix names another kind
// ("serviceAccount:${…}"), or it is built only from service accounts of the
// configuration.
func notPerson(v scanner.Value) bool {
	k := memberKind(v)
	return (k != "" && !isPersonOrGroup(k+":")) || refsOnlyServiceAccounts(v)
}

// unknownMemberKind returns what is known of a member of an IAM member or
// binding resource r, only known after apply, whose principal kind is known
// and that bad picks out by its kind (given "kind:"), as "user:${var.name}"
// is a user whatever the name, or by its kind and known end (given both),
// as "serviceAccount:${data.google_project.p.number}-compute@developer.gserviceaccount.com"
// is the Compute Engine default service account; ok is false when there is
// none.
func unknownMemberKind(r *scanner.Resource, v scanner.Value, bad func(member string) bool) (prefix string, ok bool) {
	var vals []scanner.Value
	switch {
	case strings.HasSuffix(r.Type, "_member"):
		vals = []scanner.Value{v}
	case strings.HasSuffix(r.Type, "_binding") && v.Val.IsKnown() && !v.Val.IsNull() && v.Val.CanIterateElements() &&
		!v.Val.Type().IsObjectType() && !v.Val.Type().IsMapType():
		for it := v.Val.ElementIterator(); it.Next(); {
			if _, e := it.Element(); !e.IsWhollyKnown() {
				vals = append(vals, scanner.Value{Name: v.Name, Val: e, Range: v.Range, Present: true, Refs: v.Refs})
			}
		}
	}
	for _, e := range vals {
		k := memberKind(e)
		switch {
		case k == "":
		case bad(k + ":"):
			return e.KnownPrefix() + "…", true
		case e.KnownSuffix() != "" && bad(e.KnownPrefix()+e.KnownSuffix()):
			return e.KnownPrefix() + "…" + e.KnownSuffix(), true
		}
	}
	return "", false
}
