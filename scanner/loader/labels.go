package loader

import (
	"context"
	"runtime/pprof"
)

// ProfileLabels, when true, tags the samples of a CPU profile with the
// declaration being evaluated ("local NAME", "for_each TYPE", "body
// TYPE", "call module.NAME", "outputs"), so that a profile of one
// repository says how much of its evaluation is its resource bodies by
// type, its count and for_each expressions and its local values, which
// the call graph alone does not (the same functions evaluate all of
// them): `go tool pprof -tags`. Off, as it is outside such a profile,
// it costs a test per declaration. BenchmarkScanPath turns it on when
// SOC2_BENCH_LABELS is set. It is read while evaluating and must not
// change while a Load runs.
var ProfileLabels bool

// labelled runs f with the label "decl" set to kind followed by name
// ("local " and a local value's name) when ProfileLabels is on; a nested
// label replaces the outer one until f returns. The two are joined only
// then, so that a scan without a profile makes no string per
// declaration.
func (ev *evaluator) labelled(kind, name string, f func()) {
	if !ProfileLabels {
		f()
		return
	}
	outer := ev.profCtx
	if outer == nil {
		outer = context.Background()
	}
	pprof.Do(outer, pprof.Labels("decl", kind+name), func(ctx context.Context) {
		ev.profCtx = ctx
		defer func() { ev.profCtx = outer }()
		f()
	})
}
