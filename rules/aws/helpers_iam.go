package aws

// Helpers for the least-privilege rules (iam.go): which arguments of which
// resources hold identity policies, and what an action or resource pattern
// covers. Policy documents themselves are read by readPolicy (policy.go).

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

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

// identityPolicies returns the identity-policy arguments of r: `policy` for
// the policy resources, every `inline_policy { policy = … }` block of a
// role, `inline_policy` of an SSO ingressPerm set. incomplete reports inline
// policy blocks that are generated dynamically over an unknown collection.
func identityPolicies(r *scanner.Resource) (policies []scanner.Value, incomplete bool) {
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
	policies, incomplete := identityPolicies(r)
	return checkPolicies(policies, incomplete, r, ctx, pred)
}

// checkPolicies runs pred over every statement of the given policy
// arguments of r.
func checkPolicies(policies []scanner.Value, incomplete bool, r *scanner.Resource, ctx *scanner.Context, pred func(iamStatement) statementVerdict) scanner.Result {
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
var allResourcesARN = regexp.MustCompile(`^arn:(\*|aws[a-z-]*)(:\*){0,4}$`)

// isAllResources reports whether a resource pattern names every resource.
// An ARN pattern that merely ends in a wildcard (a log group's
// `arn:aws:logs:…:log-group:app:*` or an S3 object path `arn:aws:s3:::b/*`)
// is scoped to one resource and does not count.
func isAllResources(res string) bool {
	return res == "*" || allResourcesARN.MatchString(res)
}

// coversAllResources decides whether a statement applies to every
// resource: Resource "*" (or an all-resources ARN), or NotResource, which
// applies to everything but the listed resources.
func coversAllResources(st iamStatement) scanner.Tri {
	// An element known only by a prefix such as "arn:aws:s3:::" cannot
	// turn out to be "*".
	return scanner.TriOf(st.NotResource.Present || st.Resource.Any(isAllResources),
		st.Resource.UnknownCouldBe("*") || st.Resource.UnknownCouldBe("arn:*"))
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

// readVerbs are the verbs that begin the names of AWS actions that read or
// list and change nothing (s3:GetObject, ec2:DescribeInstances,
// dynamodb:Query). Deciding by the verb is a heuristic: AWS's own access
// levels are per action, and a few writes begin with a read verb (none
// common) or reads with another verb, which readOnlyActions lists.
var readVerbs = []string{
	"Get", "List", "Describe", "Head", "View", "Search", "Lookup", "Query", "Scan", "Select",
	"BatchGet", "BatchDescribe", "BatchCheck", "Check", "Filter", "Read", "Estimate", "Preview", "Simulate",
	"Download", "Discover", "Poll", "Receive", "Validate", "Test",
}

// readOnlyActions are actions that read although their verb is not a read
// verb: starting a query over logs changes nothing that is stored.
var readOnlyActions = []string{
	"logs:StartQuery", "logs:StopQuery", "logs:StartLiveTail", "logs:StopLiveTail", "logs:Unmask",
	"athena:StartQueryExecution", "athena:StopQueryExecution",
	"cloudtrail:StartQuery", "cloudtrail:CancelQuery", "sts:DecodeAuthorizationMessage",
	"ec2messages:AcknowledgeMessage", "ssm:StartSession",
}

// isWriteAction reports whether an action pattern can grant an action that
// is not read-only: a pattern's verb part (after "service:") either names
// or begins with a read verb ("s3:Get*", "ec2:Describe*") or it can match
// writes ("s3:*", "s3:Put*", "s3:G*"). Action "*" is a write.
func isWriteAction(a string) bool {
	if isAllActions(a) {
		return true
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" {
		return false
	}
	for _, ro := range readOnlyActions {
		if strings.EqualFold(ro, a) {
			return false
		}
	}
	for _, v := range readVerbs {
		if len(name) >= len(v) && strings.EqualFold(name[:len(v)], v) && startsWithVerb(name, v) {
			return false
		}
	}
	return true
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
// what: IAM, Organizations and SSO writes, and any action that edits a
// resource policy, grant or permission.
func isPermissionsManagement(a string) bool {
	svc, name, _ := strings.Cut(strings.ToLower(a), ":")
	switch svc {
	case "iam", "organizations", "sso", "sso-directory", "identitystore":
		return true
	}
	for _, w := range []string{"policy", "permission", "grant", "acl"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
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
