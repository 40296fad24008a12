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
