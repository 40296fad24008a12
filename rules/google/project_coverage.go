package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// projectCoverage is how a rule anchored on each google_project this
// configuration creates finds what covers the project: a folder- or
// organization-level resource, which applies to every project below it,
// or a project-level one whose project argument names it. The rules that
// ask whether a project's logs are exported, or its Data Access logs
// written, differ only in these fields.
type projectCoverage struct {
	// inherited are the folder- and organization-level types, and
	// inheritedCovers answers whether one of them covers every project.
	inherited       []string
	inheritedCovers func(*scanner.Resource) scanner.Tri
	// direct is the project-level type, and covers answers whether one
	// that names the project covers it.
	direct string
	covers func(*scanner.Resource) scanner.Tri
	// unknown is the message when whether a resource covers the project
	// is only known after apply; mayApply, given the address of a direct
	// resource whose project is only known after apply, the message that
	// it may cover this one; failed the message when nothing covers it.
	unknown, mayApply, failed string
}

// inheritedKey keys the Memo of a projectCoverage's folder- and
// organization-level answer by its direct type, which each rule using
// projectCoverage names differently.
type inheritedKey struct{ direct string }

// check answers whether some resource covers the project r.
func (p projectCoverage) check(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	// What the folder and organization resources say is the same for
	// every project: answer it once per scan, not once per project.
	answer := scanner.Memo(ctx.Index, inheritedKey{p.direct}, func(ix *scanner.Index) scanner.Tri {
		answer := scanner.No
		for _, c := range ix.OfType(p.inherited...) {
			answer = answer.Or(p.inheritedCovers(c))
		}
		return answer
	})
	if answer == scanner.Yes {
		return scanner.Passed()
	}
	found, maybe := ctx.Index.Referrers(r, p.direct, []string{"project"}, "project_id", "number")
	for _, c := range found {
		answer = answer.Or(p.covers(c))
	}
	switch {
	case answer == scanner.Yes:
		return scanner.Passed()
	case answer == scanner.Maybe:
		return scanner.Unknowable(r.Range, "%s", p.unknown)
	case maybe != nil:
		return scanner.Unknowable(maybe.Attr("project").Range, p.mayApply, maybe.Address)
	}
	return scanner.Failed(r.Range, "%s", p.failed)
}
