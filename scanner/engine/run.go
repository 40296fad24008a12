package engine

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// chunkSize is how many resources of one rule a worker takes at a time: big
// enough to keep scheduling cheap, small enough that one rule over many
// resources still spreads across workers.
const chunkSize = 64

// rawResult is one rule's result on one resource, before suppressions.
// A stream keeps every result it shows until Finish, several per
// resource, so it holds scanner.Result in 88 bytes instead of 120: the
// status as a byte, the range's positions as int32 (see newRawResult).
type rawResult struct {
	run *ruleRun
	// resource is the resource checked; Stream.Add replaces it with ref,
	// all that turning the result into a finding reads of it.
	resource *scanner.Resource
	ref      *resourceRef
	// message, file, the four positions and status are the
	// scanner.Result; result() gives it back.
	message                          string
	file                             string
	line, column, endLine, endColumn int32
	// crash is the panic a rule raised on this resource, nil if none.
	crash  *string
	status statusCode
}

// statusCode is a scanner.Status as a byte, its index in statuses: check
// lets through only those four.
type statusCode uint8

var statuses = [...]scanner.Status{scanner.Pass, scanner.Fail, scanner.Unknown, scanner.NotApplicable}

func codeOf(s scanner.Status) statusCode {
	for i, known := range statuses {
		if s == known {
			return statusCode(i)
		}
	}
	// check lets no other status through; were one to reach here, it
	// reads as unknown, never as a pass.
	return codeOf(scanner.Unknown)
}

// newRawResult keeps res, and crash when not "", of run on r.
func newRawResult(run *ruleRun, r *scanner.Resource, res scanner.Result, crash string) rawResult {
	out := rawResult{run: run, resource: r, message: res.Message, file: res.Range.Filename,
		line: position(res.Range.StartLine), column: position(res.Range.StartColumn),
		endLine: position(res.Range.EndLine), endColumn: position(res.Range.EndColumn), status: codeOf(res.Status)}
	if crash != "" {
		// A copy of its own, made only here: taking crash's address
		// would move the parameter to the heap on every call.
		kept := crash
		out.crash = &kept
	}
	return out
}

// position is n as an int32, saturated: no file the loader reads has
// two billion lines or columns.
func position(n int) int32 {
	return int32(max(min(n, math.MaxInt32), math.MinInt32))
}

// Status is the result's status.
func (res *rawResult) Status() scanner.Status { return statuses[res.status] }

// Range is the result's range, zero for the resource block.
func (res *rawResult) Range() scanner.Range {
	return scanner.Range{Filename: res.file, StartLine: int(res.line), StartColumn: int(res.column),
		EndLine: int(res.endLine), EndColumn: int(res.endColumn)}
}

// crashed is the panic the rule raised, "" if none.
func (res *rawResult) crashed() string {
	if res.crash == nil {
		return ""
	}
	return *res.crash
}

// resourceRef is what turning a result into a finding reads of its
// resource: a stream keeps it instead of the resource, whose values and
// syntax are released with its root module.
type resourceRef struct {
	Root, Address, Type string
	Range               scanner.Range
	MayNotExist         bool
	// ModuleCalls are the module blocks the resource was reached
	// through, where suppression comments may be written.
	ModuleCalls []scanner.Range
}

func refOf(r *scanner.Resource) *resourceRef {
	return &resourceRef{Root: r.Root, Address: r.Address, Type: r.Type, Range: r.Range, MayNotExist: r.MayNotExist, ModuleCalls: r.ModuleCalls}
}

// job is a rule over a slice of the resources of its types, all of one root
// module, with the context (parameters and that root's index) to run in.
type job struct {
	run       *ruleRun
	ctx       *scanner.Context
	resources []*scanner.Resource
}

// execute runs every rule on the managed resources of its types, in
// parallel. Resources are indexed once per root module, because addresses
// are only unique within a root and rules follow links by address; workers
// take jobs through an atomic counter and write each job's results into its
// own part of one slice, so the hot path takes no lock and the results come
// in job order. A rule that panics yields an
// unknown result naming the panic, never a crash and never a silent pass.
// The literal secrets the results name (scanner.Result.Secrets) are
// returned apart, in job order: few results have any, and a field on
// every result would grow them all.
func execute(ctx context.Context, resources []*scanner.Resource, runs []*ruleRun, workers int) ([]rawResult, []scanner.Secret, error) {
	var jobs []job
	for _, root := range groupByRoot(resources) {
		ix := scanner.NewIndex(root)
		byType := map[string][]*scanner.Resource{}
		dataByType := map[string][]*scanner.Resource{}
		for _, r := range root {
			// Provider configurations that set credentials are judged as
			// resources of type provider.NAME.
			switch r.Mode {
			case "managed", "provider":
				byType[r.Type] = append(byType[r.Type], r)
			case "data":
				dataByType[r.Type] = append(dataByType[r.Type], r)
			}
		}
		for _, run := range runs {
			matched := matchResources(run, byType, dataByType)
			if len(matched) == 0 {
				continue
			}
			rc := &scanner.Context{Params: run.params, Index: ix}
			for start := 0; start < len(matched); start += chunkSize {
				end := min(start+chunkSize, len(matched))
				jobs = append(jobs, job{run: run, ctx: rc, resources: matched[start:end]})
			}
		}
	}

	// Each job writes its results at its own offset of one slice, sized
	// up front: growing a slice per worker copied every result several
	// times over on a large input, and left the order to the scheduler.
	offsets := make([]int, len(jobs))
	total := 0
	for i, j := range jobs {
		offsets[i] = total
		total += len(j.resources)
	}
	all := make([]rawResult, total)
	secrets := make([][]scanner.Secret, len(jobs))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(jobs)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					break
				}
				j := jobs[i]
				out := all[offsets[i] : offsets[i]+len(j.resources)]
				for k, r := range j.resources {
					res, crash := check(j.run.rule, j.ctx, r)
					out[k] = newRawResult(j.run, r, res, crash)
					secrets[i] = append(secrets[i], res.Secrets...)
					// A rule mostly says the same of every resource it
					// judges, each time in a string of its own: a result
					// that repeats the one before it takes that string, so
					// that the copy dies young instead of living, and being
					// marked by every collection, until Finish (Stream.Add
					// does the same across jobs).
					if k > 0 && out[k].message == out[k-1].message {
						out[k].message = out[k-1].message
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("scan cancelled: %w", err)
	}
	return all, slices.Concat(secrets...), nil
}

// matchResources is the resources of a root module run's rule judges, of
// its types and, when it has one, of its Select. A rule of one type and no
// Select takes byType's slice itself; the others get a slice of their own,
// sized once: appending type after type grew and copied one slice of up to
// every resource of the root for each of the catalogue's rules, all kept
// until the last job ran.
func matchResources(run *ruleRun, byType, dataByType map[string][]*scanner.Resource) []*scanner.Resource {
	if len(run.resourceTypes)+len(run.dataSourceTypes) == 1 && run.rule.Select == nil {
		if len(run.resourceTypes) == 1 {
			return byType[run.resourceTypes[0]]
		}
		return dataByType[run.dataSourceTypes[0]]
	}
	n := 0
	for _, typ := range run.resourceTypes {
		n += len(byType[typ])
	}
	for _, typ := range run.dataSourceTypes {
		n += len(dataByType[typ])
	}
	if n == 0 {
		return nil
	}
	matched := make([]*scanner.Resource, 0, n)
	keep := func(rs []*scanner.Resource) {
		for _, r := range rs {
			if run.rule.Select == nil || run.rule.Select(r) {
				matched = append(matched, r)
			}
		}
	}
	for _, typ := range run.resourceTypes {
		keep(byType[typ])
	}
	for _, typ := range run.dataSourceTypes {
		keep(dataByType[typ])
	}
	return matched
}

// check runs one rule on one resource. A panic becomes an unknown result
// and is returned as crash, so the report can list it as an error.
func check(rule *scanner.Rule, rc *scanner.Context, r *scanner.Resource) (res scanner.Result, crash string) {
	defer func() {
		if p := recover(); p != nil {
			crash = fmt.Sprint(p)
			res = scanner.Unknowable(r.Range, "internal error: the rule crashed on this resource (%s)", crash)
		}
	}()
	res = rule.Decide(r, rc)
	switch res.Status {
	case scanner.Pass, scanner.Fail, scanner.Unknown, scanner.NotApplicable:
		return res, ""
	}
	crash = fmt.Sprintf("invalid status %q", res.Status)
	return scanner.Unknowable(r.Range, "internal error: the rule returned %s", crash), crash
}

// groupByRoot splits resources by root module, keeping their order. The
// resources of one root, as Stream.Add is mostly handed, are returned as
// they are rather than copied into a slice grown one resource at a time.
func groupByRoot(resources []*scanner.Resource) [][]*scanner.Resource {
	if len(resources) == 0 {
		return nil
	}
	first := resources[0].Root
	if !slices.ContainsFunc(resources, func(r *scanner.Resource) bool { return r.Root != first }) {
		return [][]*scanner.Resource{resources}
	}
	index := map[string]int{}
	var groups [][]*scanner.Resource
	for _, r := range resources {
		i, ok := index[r.Root]
		if !ok {
			i = len(groups)
			index[r.Root] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	return groups
}

// uniq returns ss without repeats, in order: ss itself when it has none,
// as for nearly every rule, whose few types a pairwise look compares
// without allocating.
func uniq(ss []string) []string {
	if len(ss) <= 16 {
		repeats := false
		for i := 1; i < len(ss) && !repeats; i++ {
			repeats = slices.Contains(ss[:i], ss[i])
		}
		if !repeats {
			return ss
		}
	}
	seen := make(map[string]bool, len(ss))
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
