package aws

// Helpers for the least-privilege rules (iam.go): which arguments of which
// resources hold identity policies, and what an action or resource pattern
// covers. Policy documents themselves are read by readPolicy (policy.go).

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// identityPolicyTypes are the resources whose policy grants permissions to
// the identities it is attached to.
var identityPolicyTypes = []string{
	"aws_iam_policy",
	"aws_iam_role_policy",
	"aws_iam_user_policy",
	"aws_iam_group_policy",
	"aws_iam_role",
	"aws_ssoadmin_permission_set_inline_policy",
}

// identityPolicyDataSources are the data sources the identity-policy rules
// also judge: a policy document that no resource consumes (see
// standaloneNote).
var identityPolicyDataSources = []string{policyDocumentType}

// standaloneNote says how the identity-policy rules judge policy documents.
const standaloneNote = " A data \"aws_iam_policy_document\" is judged on its own, as Checkov judges it, only when no " +
	"resource or data source of the configuration refers to it: a document that an aws_iam_policy, a role's " +
	"inline policy, a bucket policy or another document consumes is judged through what consumes it (or by the " +
	"rules of that resource), so that one statement is reported once. A standalone document's statements that " +
	"name a Principal are those of a resource or trust policy: aws-iam-policy-document-not-public judges them, and " +
	"the trust-policy rules judge a standalone document with an sts:AssumeRole* statement."

// consumedDocumentsKey memoises the addresses that some argument of some
// resource of a root refers to.
type consumedDocumentsKey struct{}

// documentConsumed reports whether an argument of another resource or data
// source of the scan refers to r (any instance of it, through locals and
// module outputs as the loader records references).
func documentConsumed(r *scanner.Resource, ix *scanner.Index) bool {
	refs := scanner.Memo(ix, consumedDocumentsKey{}, func(ix *scanner.Index) map[string]map[string]bool {
		out := map[string]map[string]bool{}
		var walk func(owner string, b *scanner.Block)
		walk = func(owner string, b *scanner.Block) {
			for _, name := range b.AttrNames() {
				for _, ref := range b.Attr(name).Refs {
					for _, a := range []string{ref, scanner.BaseAddress(ref)} {
						if out[a] == nil {
							out[a] = map[string]bool{}
						}
						out[a][owner] = true
					}
				}
			}
			for _, typ := range b.BlockTypes() {
				for _, c := range b.Blocks(typ) {
					walk(owner, c)
				}
			}
		}
		for _, res := range ix.All() {
			walk(scanner.BaseAddress(res.Address), res.Block)
		}
		return out
	})
	self := scanner.BaseAddress(r.Address)
	for _, a := range []string{r.Address, self} {
		for owner := range refs[a] {
			if owner != self {
				return true
			}
		}
	}
	return false
}

// standaloneDocument decides whether the identity-policy rules judge r
// itself: always for a resource; for a policy document data source, only
// when nothing consumes it. skip is the result to report otherwise.
func standaloneDocument(r *scanner.Resource, ix *scanner.Index) (skip *scanner.Result) {
	if r.Mode != "data" || !documentConsumed(r, ix) {
		return nil
	}
	res := scanner.DoesNotApply("the policy document is judged through the resources that use its json")
	return &res
}

// skipStatement reports a statement of a standalone policy document that
// names a Principal: it belongs to a resource or trust policy, not an
// identity policy.
func skipStatement(r *scanner.Resource, st iamStatement) bool {
	return r.Mode == "data" && (st.Principal.Present || st.NotPrincipal.Present)
}

// identityPolicies returns the identity-policy arguments of r: `policy` for
// the policy resources, every `inline_policy { policy = … }` block of a
// role, `inline_policy` of an SSO ingressPerm set. incomplete reports inline
// policy blocks that are generated dynamically over an unknown collection.
func identityPolicies(r *scanner.Resource) (policies []scanner.Value, incomplete bool) {
	if r.Mode == "data" {
		// The document itself, read from its blocks through a reference
		// (readPolicy follows an unknown value to the data source).
		return []scanner.Value{{Name: "statement", Val: cty.UnknownVal(cty.String), Present: true, Refs: []string{r.Address}, Range: r.Range}}, false
	}
	switch r.Type {
	case "aws_iam_role":
		for _, b := range r.Blocks("inline_policy") {
			policies = append(policies, b.Attr("policy"))
		}
		return policies, r.BlocksUnknown("inline_policy")
	case "aws_ssoadmin_permission_set_inline_policy":
		return []scanner.Value{r.Attr("inline_policy")}, false
	}
	return []scanner.Value{r.Attr("policy")}, false
}

// statementVerdict is what a statement predicate decides.
type statementVerdict struct {
	// hit is set when the statement is known to break the rule; message
	// says how.
	hit     bool
	unknown bool
	message string
}

// checkIdentityPolicies runs pred over every statement of r's identity
// policies. The first statement that breaks the rule fails r; otherwise any
// unknown part of a policy makes r unknown.
func checkIdentityPolicies(r *scanner.Resource, ctx *scanner.Context, pred func(iamStatement) statementVerdict) scanner.Result {
	if skip := standaloneDocument(r, ctx.Index); skip != nil {
		return *skip
	}
	policies, incomplete := identityPolicies(r)
	return checkPolicies(policies, incomplete, r, ctx, pred)
}

// checkPolicies runs pred over every statement of the given policy
// arguments of r.
func checkPolicies(policies []scanner.Value, incomplete bool, r *scanner.Resource, ctx *scanner.Context, pred func(iamStatement) statementVerdict) scanner.Result {
	judged := func(st iamStatement) bool { return !skipStatement(r, st) }
	return checkJudgedStatements(policies, incomplete, r, ctx, judged, pred)
}

// checkTrustPolicy runs pred over the statements of a trust policy: the
// assume_role_policy of a role, or a standalone policy document data source
// (see standaloneDocument) that lets principals assume a role. A document
// that a role or another resource consumes is judged there, and one without
// an sts:AssumeRole* statement is not a trust policy: neither applies.
func checkTrustPolicy(r *scanner.Resource, ctx *scanner.Context, pred func(iamStatement) statementVerdict) scanner.Result {
	if r.Mode != "data" {
		return checkPolicies([]scanner.Value{r.Attr("assume_role_policy")}, false, r, ctx, pred)
	}
	if skip := standaloneDocument(r, ctx.Index); skip != nil {
		return *skip
	}
	policies, _ := identityPolicies(r)
	doc, err := readPolicy(policies[0], ctx.Index)
	if err != nil {
		return invalidPolicyResult(policies[0], err)
	}
	if doc == nil {
		return scanner.DoesNotApply("the policy document has no statements")
	}
	switch trustDocument(doc) {
	case scanner.No:
		return scanner.DoesNotApply("the policy document has no sts:AssumeRole* statement: it is not a trust policy")
	case scanner.Maybe:
		return scanner.Unknowable(doc.Range, "whether the policy document is a trust policy is only known after apply")
	}
	// Every statement of a trust policy names a principal: none is skipped
	// as an identity-policy statement would be.
	all := func(iamStatement) bool { return true }
	return checkJudgedStatements(policies, false, r, ctx, all, pred)
}

// trustDocument decides whether a policy document is a trust policy: some
// statement names a principal and allows sts:AssumeRole,
// sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML or sts:*, or names
// a federated identity provider and no action at all. A federated
// principal only has a meaning in a role's trust policy, so such a
// statement is read as the trust it was written for rather than skipped as
// granting nothing (a document that misspells actions as `action`, which
// Terraform rejects, still shows what the author meant to trust). It is a
// maybe when such a statement's actions, or the whole document, are only
// known after apply.
func trustDocument(doc *iamPolicy) scanner.Tri {
	trust := scanner.TriOf(false, doc.Unknown && len(doc.Statements) == 0)
	for _, st := range doc.Statements {
		if !st.Principal.Present && !st.NotPrincipal.Present {
			continue
		}
		if st.Action.Any(isAssumeRoleAction) || federatedWithoutActions(st) {
			return scanner.Yes
		}
		if st.Action.Unknown {
			trust = scanner.Maybe
		}
	}
	return trust
}

// federatedWithoutActions reports a statement that trusts a federated
// identity provider (OIDC, SAML, Cognito) and names neither Action nor
// NotAction.
func federatedWithoutActions(st iamStatement) bool {
	return !st.Action.Present && !st.NotAction.Present && len(st.Principal.Identifiers("Federated")) > 0
}

// isAssumeRoleAction reports an action that lets a principal assume a role.
func isAssumeRoleAction(a string) bool {
	l := strings.ToLower(a)
	return strings.HasPrefix(l, "sts:assumerole") || l == "sts:*"
}

// checkJudgedStatements runs pred over the statements of the given policy
// arguments of r for which judged is true.
func checkJudgedStatements(policies []scanner.Value, incomplete bool, r *scanner.Resource, ctx *scanner.Context, judged func(iamStatement) bool, pred func(iamStatement) statementVerdict) scanner.Result {
	var unknown *scanner.Result
	markUnknown := func(rng scanner.Range, format string, args ...any) {
		if unknown == nil {
			res := scanner.Unknowable(rng, format, args...)
			unknown = &res
		}
	}
	if incomplete {
		markUnknown(r.Range, "inline policies are generated from a collection only known after apply")
	}
	for _, v := range policies {
		if isEmptyPolicy(v) {
			continue
		}
		doc, err := readPolicy(v, ctx.Index)
		if err != nil {
			return invalidPolicyResult(v, err)
		}
		if doc == nil {
			continue
		}
		if doc.Unknown {
			markUnknown(doc.Range, "%s is only fully known after apply", v.Name)
		}
		for _, st := range doc.Statements {
			if !judged(st) {
				continue
			}
			verdict := pred(st)
			if verdict.hit {
				return scanner.Failed(st.Range, "%s: %s", statementName(st), verdict.message)
			}
			if verdict.unknown {
				markUnknown(st.Range, "%s depends on values only known after apply", statementName(st))
			}
		}
	}
	if unknown != nil {
		return *unknown
	}
	return scanner.Passed()
}

// isEmptyPolicy reports a policy argument set to the empty string, as
// modules write `policy = var.policy` with a default of "" for "no policy":
// AWS would reject it, and it grants nothing.
func isEmptyPolicy(v scanner.Value) bool {
	s, ok := v.AsString()
	return ok && v.Val.Type().IsPrimitiveType() && strings.TrimSpace(s) == ""
}

// statementName names a statement in a finding: by its Sid when it has one.
func statementName(st iamStatement) string {
	if st.Sid != "" {
		return fmt.Sprintf("statement %q", st.Sid)
	}
	return "a statement"
}

// isAllActions reports whether an action pattern grants every action.
func isAllActions(a string) bool {
	return a == "*" || a == "*:*"
}

// allResourcesARN matches resource patterns that name every resource of a
// partition: arn:*, arn:aws:*:*:*:* and the like.
var allResourcesARN = lazyre.New(`^arn:(\*|aws[a-z-]*)(:\*){0,4}$`)

// isAllResources reports whether a resource pattern names every resource
// of every service: "*" or an all-resources ARN.
func isAllResources(res string) bool {
	s, ok := everyResourceScope(res)
	return ok && s.service == "*" && s.typ == ""
}

// resourceScope is the kind of resource a pattern names every resource of:
// a service ("*" for every service) and, when the pattern names one, a
// resource type ("role", "parameter", "instance").
type resourceScope struct{ service, typ string }

// everyResourceScope is the one definition of "every resource" that the
// least-privilege rules share. A resource pattern names every resource of
// its kind when it is "*", an all-resources ARN (arn:*, arn:aws:*:*:*:*),
// or an ARN whose resource part is only wildcards, optionally behind a
// resource type: arn:aws:s3:::* and arn:aws:s3:::*/* (every bucket and
// object), arn:aws:ssm:*:*:parameter/* (every parameter),
// arn:aws:iam::123456789012:role/* (every role of the account),
// arn:aws:logs:*:*:* (every log group). Region and account may be written
// or wildcards: a pattern naming every role of one account still names
// every role the holder can reach there. An ARN that names a resource, even
// with a wildcard after it, does not: arn:aws:s3:::reports/* is one
// bucket's objects, arn:aws:logs:…:log-group:/app:* one log group,
// arn:aws:iam::…:role/service-role/* one path. S3 ARNs have no resource
// type, so arn:aws:s3:::user/* names a bucket called "user".
func everyResourceScope(res string) (resourceScope, bool) {
	if res == "*" || allResourcesARN().MatchString(res) {
		return resourceScope{service: "*"}, true
	}
	parts := strings.SplitN(res, ":", 6)
	if len(parts) < 3 || parts[0] != "arn" || parts[2] == "" {
		return resourceScope{}, false
	}
	s := resourceScope{service: strings.ToLower(parts[2])}
	if strings.ContainsAny(s.service, "*?") && s.service != "*" {
		return resourceScope{}, false
	}
	if len(parts) < 6 {
		// A pattern that stops early and ends in a wildcard
		// (arn:aws:lambda:*, arn:aws:iam::*) matches every ARN of the
		// service, as IAM's * spans colons.
		if last := parts[len(parts)-1]; len(parts) > 3 && last != "" && strings.Trim(last, "*") == "" {
			return s, true
		}
		return resourceScope{}, false
	}
	rest := parts[5]
	if s.service != "s3" {
		// Strip a resource type such as "parameter/", "secret:", "user/".
		if i := strings.IndexAny(rest, "/:"); i > 0 && isResourceTypeWord(rest[:i]) {
			s.typ, rest = rest[:i], rest[i+1:]
		}
	}
	if rest == "" || strings.Trim(rest, "*?/:") != "" || !strings.Contains(rest, "*") {
		return resourceScope{}, false
	}
	return s, true
}

// isResourceTypeWord reports whether s can be the resource-type word of an
// ARN's resource part: letters and hyphens, no wildcard.
func isResourceTypeWord(s string) bool {
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && c != '-' {
			return false
		}
	}
	return s != ""
}

// narrow returns the part of an action (or action pattern) that acts on
// every resource of the scope, ok false when none of its actions does:
// "*" on every S3 resource is "s3:*"; "s3:PutObject" on every resource of
// every service is itself; "iam:CreateAccessKey", which acts on users,
// grants nothing on every role. An action the rules know to act on one
// resource type (actionResourceTypes) needs a scope of that type, or of
// no type, in the service of its ARNs (sts:AssumeRole acts on IAM roles);
// a pattern that spans types ("iam:*", "ec2:Stop*") counts on every
// resource of any one type of its service: iam:* on every role rewrites
// and passes every role.
func (s resourceScope) narrow(action string) (string, bool) {
	svc, name, ok := strings.Cut(action, ":")
	if !ok {
		if action != "*" {
			return "", false
		}
		svc, name = "*", "*"
	}
	if s.service == "*" && s.typ == "" {
		return action, true
	}
	want, typed := actionResourceTypes[strings.ToLower(action)]
	switch {
	case s.service == "*":
	case strings.ContainsAny(svc, "*?"):
		if !iamGlobMatch(svc, s.service, true) {
			return "", false
		}
		svc = s.service
	case typed:
		if !strings.EqualFold(want.service, s.service) {
			return "", false
		}
	case !strings.EqualFold(svc, s.service):
		return "", false
	}
	if s.typ != "" && typed && !strings.EqualFold(s.typ, want.typ) {
		return "", false
	}
	return svc + ":" + name, true
}

// actionOnEveryResource returns what action grants on every resource res
// names (see everyResourceScope and narrow), ok false when res does not
// name every resource of a kind the action acts on.
func actionOnEveryResource(action, res string) (string, bool) {
	s, ok := everyResourceScope(res)
	if !ok {
		return "", false
	}
	return s.narrow(action)
}

// prefixCouldNameEveryResource reports whether a resource known only by
// its beginning could still name every resource action acts on. A
// beginning that does not yet name a service ("", "arn:", "arn:aws:")
// could be anything. One that names another service rules the action
// out. One that names the action's service and stops before the resource
// part ("arn:aws:iam::" + account + …) could end in ":role/*": the rest is
// not seen, so it is Maybe. One whose unknown part is inside the resource
// part ("arn:aws:s3:::${var.bucket}/*", "…:role/${var.name}") is taken as
// the ARN of a specific resource whose name is unknown: a pattern meant to
// cover every resource is written literally, not built from variables.
func prefixCouldNameEveryResource(prefix, action string) bool {
	if prefix == "" || prefix == "*" {
		return true
	}
	if !strings.HasPrefix(prefix, "arn:") {
		return strings.HasPrefix("arn:", prefix)
	}
	parts := strings.Split(prefix, ":")
	if len(parts) < 4 {
		return true
	}
	if svc := parts[2]; svc != "*" {
		if _, ok := (resourceScope{service: strings.ToLower(svc)}).narrow(action); !ok {
			return false
		}
	}
	return len(parts) < 6
}

// coversEveryResourceFor decides whether a statement applies to every
// resource action acts on: NotResource (everything but the listed
// resources), or a Resource element that names every resource of a kind
// the action acts on (actionOnEveryResource). An element only known after
// apply is judged by what is known of it (skeletonCovers).
func coversEveryResourceFor(st iamStatement, action string) scanner.Tri {
	v := st.Resource
	if st.NotResource.Present || anyPattern(v, func(r string) bool { _, ok := actionOnEveryResource(action, r); return ok }) {
		return scanner.Yes
	}
	if !v.Unknown {
		return scanner.No
	}
	if v.Skeletons == nil {
		return scanner.TriOf(false, !v.Assigned)
	}
	t := scanner.No
	for i, sk := range v.Skeletons {
		if _, decided := decidedPattern(sk); !decided && skeletonCouldCover(sk, action, v.assignedAt(i)) {
			t = scanner.Maybe
		}
	}
	return t
}

// anyPattern reports whether a known element, or an unknown one whose
// unknown parts cannot change what it names (decidedPattern), satisfies f.
func anyPattern(v iamValues, f func(string) bool) bool {
	if v.Any(f) {
		return true
	}
	for _, sk := range v.Skeletons {
		if p, ok := decidedPattern(sk); ok && f(p) {
			return true
		}
	}
	return false
}

// decidedPattern returns the pattern an element only partly known stands
// for when its unknown parts are only its partition, region or account
// ("arn:${local.partition}:iam::${local.account_id}:role/*"): those never
// hold wildcards, and what it names is its literal service and resource
// part. ok is false otherwise.
func decidedPattern(sk string) (string, bool) {
	parts := strings.SplitN(sk, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || strings.Contains(parts[2], scanner.UnknownMark) || strings.Contains(parts[5], scanner.UnknownMark) {
		return "", false
	}
	return strings.ReplaceAll(sk, scanner.UnknownMark, "…"), true
}

// skeletonCouldCover reports whether an element only partly known (see
// iamValues.Skeletons) that decidedPattern cannot decide could still name
// every resource action acts on. A wholly unknown element could, unless
// AWS assigns it (an ARN attribute of another resource). One known by a
// beginning only is judged by prefixCouldNameEveryResource, unless its
// unknown parts are assigned attributes. One whose
// unknown part lies in the resource part (arn:aws:s3:::${var.bucket}/*,
// …:role/${var.name}) names a resource whose name is unknown: not every
// resource, as a pattern meant to cover every resource is written
// literally. One whose service is unknown could, when its resource part
// is only wildcards.
func skeletonCouldCover(sk, action string, assigned bool) bool {
	mark := scanner.UnknownMark
	i := strings.Index(sk, mark)
	switch {
	case sk == mark || i == 0:
		return !assigned
	case i == len(sk)-len(mark):
		// Only a beginning is known: when the rest comes from attributes
		// AWS assigns, it is taken as naming that resource, as before
		// anything after it could be seen.
		return !assigned && prefixCouldNameEveryResource(sk[:i], action)
	}
	parts := strings.SplitN(sk, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return prefixCouldNameEveryResource(sk[:i], action)
	}
	if strings.Contains(parts[5], mark) {
		return false
	}
	_, ok := everyResourceScope("arn:aws:*:x:x:" + parts[5])
	return ok
}

// everyResourceGrant decides whether an Allow-or-unknown statement grants,
// on every resource they act on, an action that pred accepts. pred gets
// each Action element (or "*" for NotAction) narrowed to a resource that
// names every resource of its kind ("*" on arn:aws:s3:::* is "s3:*"); for
// NotAction, the narrowed action must also not be excluded. granted is the
// narrowed action and on the resource it is granted on ("NotResource"
// for NotResource), for messages.
func everyResourceGrant(st iamStatement, pred func(string) bool) (t scanner.Tri, granted, on string) {
	actions := st.Action.Values
	notAction := !st.Action.Present && st.NotAction.Present
	if notAction {
		actions = []string{"*"}
	}
	accepts := func(n string) scanner.Tri {
		if !pred(n) {
			return scanner.No
		}
		if notAction {
			return grantsAction(st, n)
		}
		return scanner.Yes
	}
	maybe := false
	for _, a := range actions {
		if st.NotResource.Present {
			switch accepts(a) {
			case scanner.Yes:
				return scanner.Yes, a, "NotResource"
			case scanner.Maybe:
				maybe = true
			}
		}
		resources := append([]string(nil), st.Resource.Values...)
		for _, sk := range st.Resource.Skeletons {
			if p, ok := decidedPattern(sk); ok {
				resources = append(resources, p)
			}
		}
		for _, res := range resources {
			n, ok := actionOnEveryResource(a, res)
			if !ok {
				continue
			}
			switch accepts(n) {
			case scanner.Yes:
				return scanner.Yes, n, res
			case scanner.Maybe:
				maybe = true
			}
		}
		// An unknown resource: judge the action as written and, when its
		// service is a wildcard, as narrowed to some service.
		if coversEveryResourceFor(iamStatement{Resource: st.Resource}, a) == scanner.Maybe {
			if accepts(a) != scanner.No || (strings.HasPrefix(a, "*") && accepts("any:*") != scanner.No) {
				maybe = true
			}
		}
	}
	if (st.Action.Present && st.Action.Unknown) || (notAction && st.NotAction.Unknown) {
		scoped := anyPattern(st.Resource, func(r string) bool { _, ok := everyResourceScope(r); return ok })
		if st.NotResource.Present || scoped || coversEveryResourceFor(iamStatement{Resource: st.Resource}, "*") == scanner.Maybe {
			maybe = true
		}
	}
	return scanner.TriOf(false, maybe), "", ""
}

// everyResourceText names the resources of a grant for a message.
func everyResourceText(on string) string {
	switch on {
	case "*", "":
		return "every resource"
	case "NotResource":
		return "every resource but those NotResource lists"
	}
	return "every resource (" + fmt.Sprintf("%q", on) + ")"
}

// effectAllows decides whether a statement allows: Maybe when its effect is
// only known after apply.
func effectAllows(st iamStatement) scanner.Tri {
	return scanner.TriOf(st.IsAllow(), st.Effect == "")
}

// iamGlobMatch matches s against an IAM pattern with * (any run) and ?
// (one character), as IAM matches actions and resources. fold ignores
// case, as IAM does for action names.
func iamGlobMatch(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	// Iterative wildcard matching with backtracking to the last star.
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// serviceWildcard returns the service of an action pattern that grants a
// whole service ("s3:*" → "s3"), or "".
func serviceWildcard(action string) string {
	svc, rest, ok := strings.Cut(action, ":")
	if !ok || rest != "*" || svc == "" || strings.ContainsAny(svc, "*?") {
		return ""
	}
	return strings.ToLower(svc)
}

// quoteAll renders values for a message: "a", "b".
func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// managedPolicyName returns the name of an AWS managed policy ARN
// (arn:aws:iam::aws:policy/job-function/ViewOnlyAccess → ViewOnlyAccess),
// ok false for anything else (customer managed policies carry an account ID
// instead of "aws").
func managedPolicyName(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[4] != "aws" {
		return "", false
	}
	res, ok := strings.CutPrefix(parts[5], "policy/")
	if !ok {
		return "", false
	}
	return res[strings.LastIndexByte(res, '/')+1:], true
}

// accessLevel is AWS's access level of an action, reduced to the three the
// rules tell apart: an action that only reads or lists, one that writes, and
// one that changes who may do what (permissions management, which AWS also
// counts as a write).
type accessLevel int

const (
	accessRead accessLevel = iota
	accessWrite
	accessPermissions
)

// readVerbs are the verbs that begin the names of AWS actions that read or
// list and change nothing (s3:GetObject, ec2:DescribeInstances,
// dynamodb:Query). Deciding by the verb is a heuristic: AWS's own access
// levels are per action, and where the verb misleads, accessExceptions
// says what the action is.
var readVerbs = []string{
	"Get", "List", "Describe", "Head", "View", "Search", "Lookup", "Query", "Scan", "Select",
	"BatchGet", "BatchDescribe", "BatchCheck", "Check", "Filter", "Read", "Estimate", "Preview", "Simulate",
	"Download", "Discover", "Poll", "Receive", "Validate", "Test",
}

// permissionServices are the services whose every write changes who may do
// what, and permissionWords the words in an action's name that make a write
// a permissions-management action (s3:PutBucketPolicy, kms:CreateGrant,
// lambda:AddPermission, s3:PutObjectAcl).
var (
	permissionServices = []string{"iam", "organizations", "sso", "sso-directory", "identitystore"}
	permissionWords    = []string{"policy", "permission", "grant", "acl"}
)

// accessExceptions are the actions whose access level the verb heuristic
// gets wrong, as "service:" plus the beginning of the action's name (case
// does not matter; the longest matching entry wins). Each entry is the AWS
// Service Authorization Reference's level for every action it begins.
var accessExceptions = map[string]accessLevel{
	// Reads whose verb is not a read verb.
	"eks:Access":                     accessRead, // AccessKubernetesApi: reads through the cluster's API
	"ec2:ExportClientVpn":            accessRead, // ExportClientVpnClientConfiguration, ...CertificateRevocationList
	"logs:StartQuery":                accessRead,
	"logs:StopQuery":                 accessRead,
	"logs:StartLiveTail":             accessRead,
	"logs:StopLiveTail":              accessRead,
	"logs:Unmask":                    accessRead,
	"cloudtrail:StartQuery":          accessRead,
	"cloudtrail:CancelQuery":         accessRead,
	"sts:DecodeAuthorizationMessage": accessRead,
	"ec2messages:AcknowledgeMessage": accessRead,
	"dynamodb:PartiQLSelect":         accessRead,
	"dynamodb:ConditionCheckItem":    accessRead,
	"cloudformation:DetectStack":     accessRead, // drift detection reads the stack
	"elasticfilesystem:ClientMount":  accessRead,
	// athena:StartQueryExecution (it writes results to S3) and
	// ssm:StartSession (a shell on an instance) are writes, as their verb
	// says, and so are not listed: the table holds only what the verb gets
	// wrong.
	// Writes whose name holds a permission word but that govern no access:
	// scaling, lifecycle and retention policies, network and WAF ACLs.
	"autoscaling:DeletePolicy":                    accessWrite,
	"autoscaling:PutScalingPolicy":                accessWrite,
	"application-autoscaling:PutScalingPolicy":    accessWrite,
	"application-autoscaling:DeleteScalingPolicy": accessWrite,
	"ecr:PutLifecyclePolicy":                      accessWrite,
	"ecr:DeleteLifecyclePolicy":                   accessWrite,
	"dlm:CreateLifecyclePolicy":                   accessWrite,
	"dlm:UpdateLifecyclePolicy":                   accessWrite,
	"dlm:DeleteLifecyclePolicy":                   accessWrite,
	"logs:PutRetentionPolicy":                     accessWrite,
	"logs:DeleteRetentionPolicy":                  accessWrite,
	"ec2:CreateNetworkAcl":                        accessWrite,
	"ec2:DeleteNetworkAcl":                        accessWrite,
	"ec2:ReplaceNetworkAcl":                       accessWrite,
	"wafv2:CreateWebACL":                          accessWrite,
	"wafv2:UpdateWebACL":                          accessWrite,
	"wafv2:DeleteWebACL":                          accessWrite,
	"wafv2:AssociateWebACL":                       accessWrite,
	"wafv2:DisassociateWebACL":                    accessWrite,
	// Permissions management that the words do not show.
	"s3:PutBucketPublicAccessBlock":  accessPermissions,
	"s3:PutAccountPublicAccessBlock": accessPermissions,
}

// actionAccessLevel decides the access level of an action or an action
// pattern. An exception whose prefix begins the action (or the literal part
// of a pattern, so that it covers every action the pattern matches) decides
// it; otherwise the verb does, and a write is permissions management in the
// permission services or when its name holds a permission word. A pattern
// the verb calls a read that could still match a write exception
// ("ssm:Sta*") is a write. Action "*" and "service:*" in a permission
// service are permissions management; other patterns that can match any
// write are writes.
func actionAccessLevel(a string) accessLevel {
	if isAllActions(a) {
		return accessPermissions
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" {
		return accessRead
	}
	literal := strings.ToLower(a)
	pattern := false
	if i := strings.IndexAny(literal, "*?"); i >= 0 {
		literal, pattern = literal[:i], true
	}
	best, found := "", false
	var level accessLevel
	for prefix, l := range accessExceptions {
		p := strings.ToLower(prefix)
		if strings.HasPrefix(literal, p) && len(p) > len(best) {
			best, level, found = p, l, true
		}
	}
	if found {
		return level
	}
	level = verbAccessLevel(strings.ToLower(svc), name)
	if pattern && level == accessRead {
		for prefix, l := range accessExceptions {
			if l != accessRead && strings.HasPrefix(strings.ToLower(prefix), literal) {
				return l
			}
		}
	}
	return level
}

// verbAccessLevel is the heuristic: the verb that begins the name.
func verbAccessLevel(svc, name string) accessLevel {
	for _, v := range readVerbs {
		if len(name) >= len(v) && strings.EqualFold(name[:len(v)], v) && startsWithVerb(name, v) {
			return accessRead
		}
	}
	for _, s := range permissionServices {
		if svc == s {
			return accessPermissions
		}
	}
	lower := strings.ToLower(name)
	for _, w := range permissionWords {
		if strings.Contains(lower, w) {
			return accessPermissions
		}
	}
	return accessWrite
}

// isWriteAction reports whether an action pattern can grant an action that
// is not read-only: a pattern's verb part (after "service:") either names
// or begins with a read verb ("s3:Get*", "ec2:Describe*") or it can match
// writes ("s3:*", "s3:Put*", "s3:G*"). Action "*" is a write.
func isWriteAction(a string) bool {
	return actionAccessLevel(a) != accessRead
}

// startsWithVerb reports whether an action name begins with the verb as a
// whole word: "Get" in "GetObject" or "Get*", not in a longer word such as
// "Getaway". A name written all in lower case (IAM ignores case) has no
// word boundaries to see, and the prefix is taken as the verb.
func startsWithVerb(name, verb string) bool {
	rest := name[len(verb):]
	if rest == "" || rest[0] == '*' || strings.ToLower(name) == name {
		return true
	}
	return !unicode.IsLower(rune(rest[0]))
}

// isPermissionsManagement reports whether an action changes who may do
// what: IAM, Organizations and SSO writes, and any write that edits a
// resource policy, grant or permission (see actionAccessLevel).
func isPermissionsManagement(a string) bool {
	return actionAccessLevel(a) == accessPermissions
}

// isWildcardAction reports whether an action pattern grants every action
// ("*") or every action of a service ("s3:*") not in allowed.
func isWildcardAction(a string, allowed map[string]bool) bool {
	if isAllActions(a) {
		return true
	}
	svc := serviceWildcard(a)
	return svc != "" && !allowed[svc]
}

// unconditioned decides whether a statement has no condition at all: a
// condition is taken as the constraint that scopes a broad grant.
func unconditioned(st iamStatement) scanner.Tri {
	return scanner.TriOf(len(st.Condition) == 0 && !st.ConditionUnknown, len(st.Condition) == 0 && st.ConditionUnknown)
}
