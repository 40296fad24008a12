package aws

// Helpers for the public-exposure rules (public_*.go): deciding whether a
// resource policy (bucket, queue, topic, repository, file system, domain
// policies) lets anyone in, and whether a trust policy lets anyone assume a
// role.

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// publicCriteria is the mapping of every public-exposure rule.
var publicCriteria = scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}}

// callerConditionKeys are the condition keys that, tested for equality,
// pin a statement with a wildcard principal to known callers: a VPC
// endpoint, a source resource or account, an organization, a principal.
// aws:SecureTransport, aws:CurrentTime and the like restrict how, not who,
// and do not count. Keys are compared in lower case.
var callerConditionKeys = map[string]bool{
	"aws:sourcevpce":                           true,
	"aws:sourcevpc":                            true,
	"aws:sourcearn":                            true,
	"aws:sourceaccount":                        true,
	"aws:sourceowner":                          true,
	"aws:sourceorgid":                          true,
	"aws:sourceorgpaths":                       true,
	"aws:principalorgid":                       true,
	"aws:principalorgpaths":                    true,
	"aws:principalaccount":                     true,
	"aws:principalarn":                         true,
	"aws:principalservicename":                 true,
	"aws:userid":                               true,
	"aws:username":                             true,
	"s3:dataaccesspointaccount":                true,
	"s3:dataaccesspointarn":                    true,
	"aws:sourceip":                             true,
	"aws:vpcsourceip":                          true,
	"elasticfilesystem:accessedviamounttarget": true,
}

// conditionOperator splits an IAM condition operator into its base
// operator (lower case) and whether it applies only if the key exists
// (…IfExists) or to all values of a multi-valued key (ForAllValues:…).
func conditionOperator(op string) (base string, ifExists, forAll bool) {
	base = strings.ToLower(op)
	if rest, ok := strings.CutPrefix(base, "forallvalues:"); ok {
		base, forAll = rest, true
	}
	base = strings.TrimPrefix(base, "foranyvalue:")
	if rest, ok := strings.CutSuffix(base, "ifexists"); ok {
		base, ifExists = rest, true
	}
	return base, ifExists, forAll
}

// isOpenPattern reports whether a condition value matches anyone.
func isOpenPattern(v string) bool {
	return strings.Trim(v, "*?") == ""
}

// restrictsCaller decides whether one condition, on an Allow statement,
// limits who can use it. …IfExists operators do not: a caller whose request
// lacks the key passes them, and anonymous internet callers lack aws:SourceVpce
// or aws:PrincipalOrgID. ForAllValues does not either: it is true for a
// request without the key.
func restrictsCaller(c iamCondition) scanner.Tri {
	// A condition that does not restrict is still a maybe while it is only
	// known after apply.
	otherwise := scanner.TriOf(false, c.Unknown)
	key := strings.ToLower(c.Key)
	if !callerConditionKeys[key] {
		return otherwise
	}
	base, ifExists, forAll := conditionOperator(c.Operator)
	if ifExists || forAll {
		return otherwise
	}
	if len(c.Values) == 0 {
		return otherwise
	}
	switch key {
	case "aws:sourceip", "aws:vpcsourceip":
		if base != "ipaddress" {
			return otherwise
		}
		for _, v := range c.Values {
			if ruleutil.IsWholeInternet(v) {
				return scanner.No
			}
		}
		return scanner.Yes
	case "elasticfilesystem:accessedviamounttarget":
		// Only reachable through a mount target in the file system's VPC.
		return scanner.TriOf(base == "bool" && len(c.Values) == 1 && strings.EqualFold(c.Values[0], "true"), c.Unknown)
	}
	switch base {
	case "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike":
	default:
		return otherwise
	}
	// ArnEquals, ArnLike and StringLike match * and ? in a value; StringEquals
	// takes them literally.
	globs := base == "stringlike" || base == "arnequals" || base == "arnlike"
	for _, v := range c.Values {
		if isOpenPattern(v) || (globs && key == "aws:principalarn" && arnAccountOpen(v)) {
			return scanner.No
		}
	}
	return scanner.Yes
}

// arnAccountOpen reports an ARN pattern whose account is left open
// ("arn:aws:iam::*", "arn:aws:iam::*:role/deploy"): every AWS account can
// create a principal that matches it, so as an aws:PrincipalArn condition it
// admits anyone with an AWS account.
func arnAccountOpen(v string) bool {
	parts := strings.SplitN(v, ":", 6)
	if len(parts) < 5 {
		return strings.ContainsAny(v, "*?")
	}
	return parts[4] == "" || strings.ContainsAny(parts[4], "*?")
}

// negatedCallerCondition decides whether one condition, on a Deny
// statement, denies every caller except known ones: StringNotEquals
// aws:SourceVpce "vpce-1" and the like.
func negatedCallerCondition(c iamCondition) scanner.Tri {
	// A condition that does not restrict is still a maybe while it is only
	// known after apply.
	otherwise := scanner.TriOf(false, c.Unknown)
	key := strings.ToLower(c.Key)
	if !callerConditionKeys[key] || key == "elasticfilesystem:accessedviamounttarget" {
		return otherwise
	}
	base, ifExists, forAll := conditionOperator(c.Operator)
	if ifExists || forAll || len(c.Values) == 0 {
		return otherwise
	}
	switch base {
	case "stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress":
	default:
		return otherwise
	}
	for _, v := range c.Values {
		if isOpenPattern(v) || ruleutil.IsWholeInternet(v) {
			return scanner.No
		}
	}
	return scanner.Yes
}

// statementRestrictsCaller decides whether any condition of an Allow
// statement limits who can use it.
func statementRestrictsCaller(st iamStatement) scanner.Tri {
	restricts := scanner.TriOf(false, st.ConditionUnknown)
	for _, c := range st.Condition {
		restricts = restricts.Or(restrictsCaller(c))
	}
	return restricts
}

// grantsEveryone decides whether a statement's principal includes
// everyone: Principal "*", {"AWS": "*"}, or an Allow with NotPrincipal
// (everyone but the listed principals).
func grantsEveryone(st iamStatement) scanner.Tri {
	return scanner.TriOf(st.NotPrincipal.Present || st.Principal.IsWildcard(), st.Principal.Unknown)
}

// publicStatements finds the Allow statements of doc that let anyone in.
// A Deny statement for every principal and every action of the service with
// a negated caller condition ("deny unless the request comes through my VPC
// endpoint") makes such statements private again. incomplete reports that some
// statement might be public but depends on values known only after apply.
func publicStatements(doc *iamPolicy) (found []iamStatement, incomplete bool) {
	fenced := hasCallerFence(doc)
	for _, st := range doc.Statements {
		public := scanner.AllOf(effectAllows(st), grantsEveryone(st), statementRestrictsCaller(st).Not())
		if public == scanner.Yes {
			// A statement that lets anyone in is still private behind a
			// fence, and a maybe behind a fence only known after
			// apply. One that is already a maybe stays one, fence or not.
			public = fenced.Not()
		}
		switch public {
		case scanner.Yes:
			found = append(found, st)
		case scanner.Maybe:
			incomplete = true
		}
	}
	return found, incomplete || doc.Unknown
}

// hasCallerFence decides whether doc denies every action to every caller
// outside a known set (a Deny with Principal "*", Action "*" or a whole
// service, Resource "*" or the same resources, and a negated caller
// condition).
func hasCallerFence(doc *iamPolicy) scanner.Tri {
	fenced := scanner.No
	for _, st := range doc.Statements {
		if !st.IsDeny() {
			continue
		}
		if !st.Principal.IsWildcard() || st.NotAction.Present || st.NotResource.Present {
			continue
		}
		if !st.Action.Any(func(a string) bool { return isAllActions(a) || serviceWildcard(a) != "" }) {
			continue
		}
		for _, c := range st.Condition {
			negated := negatedCallerCondition(c)
			if negated == scanner.Yes && coversResources(st.Resource, doc) {
				return scanner.Yes
			}
			if negated == scanner.Maybe {
				fenced = scanner.Maybe
			}
		}
	}
	return fenced
}

// coversResources reports whether deny resources cover every resource the
// Allow statements of doc name.
func coversResources(deny iamValues, doc *iamPolicy) bool {
	if deny.Any(isAllResources) {
		return true
	}
	for _, st := range doc.Statements {
		if !st.IsAllow() {
			continue
		}
		for _, res := range st.Resource.Values {
			if !deny.Any(func(p string) bool { return iamGlobMatch(p, res, false) }) {
				return false
			}
		}
	}
	return true
}

// publicPolicyResult decides a resource policy argument: it fails on the
// first statement that lets anyone in, is unknown when the policy or a
// deciding part of it is only known after apply, and passes otherwise
// (including when there is no policy).
func publicPolicyResult(v scanner.Value, ix *scanner.Index, what string) scanner.Result {
	if isEmptyPolicy(v) {
		return scanner.Passed()
	}
	doc, err := readPolicy(v, ix)
	if err != nil {
		return invalidPolicyResult(v, err)
	}
	if doc == nil {
		return scanner.Passed()
	}
	found, unknown := publicStatements(doc)
	if len(found) > 0 {
		st := found[0]
		return scanner.Failed(st.Range, "%s: %s allows %s to any principal (%s) without a condition that limits the caller (aws:SourceVpce, aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, …)",
			what, statementName(st), describeActions(st), publicPrincipalText(st))
	}
	if unknown {
		return scanner.Unknowable(doc.Range, "%s is only fully known after apply; whether it is public cannot be decided", what)
	}
	return scanner.Passed()
}

// publicPrincipalText says, for a message, what makes a public statement's
// principal everyone: Principal "*", NotPrincipal, or an ARN with a
// wildcard account (see wildcardAccountARN).
func publicPrincipalText(st iamStatement) string {
	if st.NotPrincipal.Present {
		return "NotPrincipal, which allows every principal it does not name"
	}
	if id, ok := st.Principal.wildcard(); ok && id != "*" {
		return fmt.Sprintf("Principal %q, whose wildcard account IAM rejects inside an ARN but which is written to mean every account", id)
	}
	return `Principal "*"`
}

// describeActions renders a statement's actions for a message.
func describeActions(st iamStatement) string {
	switch {
	case st.NotAction.Present:
		return "every action except " + quoteAll(st.NotAction.Values)
	case len(st.Action.Values) == 0:
		return "its actions"
	}
	return quoteAll(st.Action.Values)
}
