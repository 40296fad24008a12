package loader

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// valueMark is the type of the cty marks the loader puts on values, as
// Terraform's lang/marks does.
type valueMark string

// sensitiveMark marks a value Terraform would show as (sensitive value): a
// variable or output declared `sensitive = true`, sensitive(), or anything
// computed from them. cty's function and expression machinery carries the
// mark to every derived value.
const sensitiveMark = valueMark("sensitive")

// markSensitive marks the whole of v sensitive, as the first mark of the
// root module or not: every new mark is made here, so that
// evaluator.marked is set before any function sees one. (remark and
// remarkConverted only put back marks the root already made.)
func (ev *evaluator) markSensitive(v cty.Value) cty.Value {
	ev.marked = true
	return markSensitive(v)
}

// markSensitive marks the whole of v sensitive.
func markSensitive(v cty.Value) cty.Value {
	if v == cty.NilVal {
		return v
	}
	return v.Mark(sensitiveMark)
}

// unmarkSensitive removes every mark from v, which code outside cty's
// machinery cannot handle (rules, count, for_each, keys), and returns the
// paths of its sensitive parts for scanner.Value.Sensitive.
func unmarkSensitive(v cty.Value) (cty.Value, []cty.Path) {
	if v == cty.NilVal || !v.ContainsMarked() {
		return v, nil
	}
	u, pvm := v.UnmarkDeepWithPaths()
	var paths []cty.Path
	for _, pm := range pvm {
		if _, ok := pm.Marks[sensitiveMark]; ok {
			paths = append(paths, pm.Path)
		}
	}
	return u, paths
}

// unmarkSensitive is unmarkSensitive(v), without walking v while ev has
// made no mark: then no value it sees holds one (unmarked_funcs.go), and
// a resource whose for_each is a library of documents is not walked
// again for marks it cannot have.
func (ev *evaluator) unmarkSensitive(v cty.Value) (cty.Value, []cty.Path) {
	if !ev.marked && !v.IsMarked() {
		return v, nil
	}
	return unmarkSensitive(v)
}

// containsMarked is v.ContainsMarked(), without walking v while ev has
// made no mark (see unmarkSensitive above).
func (ev *evaluator) containsMarked(v cty.Value) bool {
	if !ev.marked && !v.IsMarked() {
		return false
	}
	return v.ContainsMarked()
}

// unmarked is v without its marks, for code that only reads its shape or a
// count.
func unmarked(v cty.Value) cty.Value {
	u, _ := unmarkSensitive(v)
	return u
}

// remark marks the parts paths name sensitive again: the value other
// expressions see for a resource carries the marks its arguments had.
func remark(v cty.Value, paths []cty.Path) cty.Value {
	if len(paths) == 0 || v == cty.NilVal {
		return v
	}
	pvm := make([]cty.PathValueMarks, len(paths))
	for i, p := range paths {
		pvm[i] = cty.PathValueMarks{Path: p, Marks: cty.NewValueMarks(sensitiveMark)}
	}
	return v.MarkWithPaths(pvm)
}

// attrValue is the scanner.Value of an evaluated argument: unmarked, with
// the paths of its sensitive parts.
func attrValue(v cty.Value, rng scanner.Range, refs []string) scanner.Value {
	u, sens := unmarkSensitive(v)
	return scanner.Value{Val: u, Range: rng, Refs: refs}.WithSensitive(sens)
}

// blockSensitive reports whether any argument of b or of its nested blocks
// is sensitive.
func blockSensitive(b *scanner.Block) bool {
	for _, n := range b.AttrNames() {
		if b.Attr(n).IsSensitive() {
			return true
		}
	}
	for _, t := range b.BlockTypes() {
		for _, nb := range b.Blocks(t) {
			if blockSensitive(nb) {
				return true
			}
		}
	}
	return false
}

// readFile records what a file function returned for the file named p
// (by the name ranges use), so that the engine describes it in messages
// instead of quoting it; it returns v.
func (ev *evaluator) readFile(p string, v cty.Value) cty.Value {
	if ev.reads != nil {
		*ev.reads = append(*ev.reads, fileRecord{p, v})
	}
	if v == cty.NilVal || v.IsMarked() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return v
	}
	t := ev.tree
	res := t.res
	fc := scanner.FileContent{Name: t.src.display(t.src.fsPath(t.rootDir, p)), Content: v.AsString()}
	if res.filesSeen[fc] {
		return v
	}
	if res.filesSeen == nil {
		res.filesSeen = map[scanner.FileContent]bool{}
	}
	res.filesSeen[fc] = true
	res.FileContents = append(res.FileContents, fc)
	return v
}
