package report

import (
	"cmp"
	"math"
	"slices"
)

// SortFindings orders findings by file, start line, rule ID, address and
// status, the order every format uses, so output is byte-identical from run
// to run. A module called from two root modules gives two results with the
// same rule, address and line, so the message and the fingerprint break
// the tie. Findings equal in all of these keep their order (the sort is
// stable).
func SortFindings(fs []Finding) {
	permute(fs, Order(len(fs),
		func(i int) (string, int, string, string) {
			f := &fs[i]
			return f.File, int(f.StartLine), f.RuleID, f.Resource
		},
		func(i, j int) int { return compareRest(&fs[i], &fs[j]) }))
}

// radixSortMin is the number of findings from which Order sorts by
// radix. A comparison sort of a large scan's findings grew as n log n,
// and each of its comparisons read two findings from far apart in a
// slice of tens of megabytes, out of the processor's caches: of what a
// scan of 16,000 counted buckets (208,000 findings) cost beyond 4× the
// cost at 4,000, it was a third in a cachegrind model
// (docs/BENCHMARKS.md). Below this size a comparison sort is cheaper
// than the radix passes' tables.
const radixSortMin = 512

// Order returns the positions of n findings in SortFindings' order, for a
// caller that can tell their keys before it makes them, and then makes
// them in that order rather than sorting them: key gives a position's
// file, start line, rule ID and address; rest compares two positions of
// the same four by status, message and fingerprint.
//
// File, rule and address compare as the ranks of their strings among the
// distinct ones, which are few next to the findings (a scan has several
// findings per resource, file and rule). Those ranks and the line are
// sorted by a stable radix sort of the positions, least significant key
// first, which is linear in the number of findings; the findings that
// share all four, mostly one, are then sorted by status, message and
// fingerprint.
func Order(n int, key func(i int) (file string, line int, ruleID, address string), rest func(i, j int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if n < 2 {
		return order
	}
	files, rules, addrs, lines, ok := sortKeys(n, key)
	if n < radixSortMin || !ok {
		line := make([]int, n) // lines may not fit the radix keys here
		for i := range n {
			_, line[i], _, _ = key(i)
		}
		slices.SortStableFunc(order, func(i, j int) int {
			return cmp.Or(
				cmp.Compare(files[i], files[j]),
				cmp.Compare(line[i], line[j]),
				cmp.Compare(rules[i], rules[j]),
				cmp.Compare(addrs[i], addrs[j]),
				rest(i, j),
			)
		})
		return order
	}
	tmp := make([]int, n)
	for _, keys := range [][]uint32{addrs, rules, lines, files} {
		order, tmp = radixPass(order, tmp, keys)
	}
	same := func(i, j int) bool {
		return files[i] == files[j] && lines[i] == lines[j] && rules[i] == rules[j] && addrs[i] == addrs[j]
	}
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && same(order[start], order[end]) {
			end++
		}
		if end-start > 1 {
			slices.SortStableFunc(order[start:end], rest)
		}
		start = end
	}
	return order
}

// compareRest compares what decides between findings of one file, line,
// rule and address.
func compareRest(a, b *Finding) int {
	return cmp.Or(
		cmp.Compare(a.Status, b.Status),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Fingerprint, b.Fingerprint),
	)
}

// radixPass stably sorts the positions in order by keys[position], a byte
// at a time from the lowest, into tmp and back; a byte that is the same
// for every key (the high bytes of small ranks) costs one read of the keys
// and no pass. It returns the sorted positions and the spare slice.
func radixPass(order, tmp []int, keys []uint32) ([]int, []int) {
	for shift := 0; shift < 32; shift += 8 {
		var count [256]int
		for _, k := range keys {
			count[byte(k>>shift)]++
		}
		if count[byte(keys[0]>>shift)] == len(keys) {
			continue
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, i := range order {
			d := byte(keys[i] >> shift)
			tmp[count[d]] = i
			count[d]++
		}
		order, tmp = tmp, order
	}
	return order, tmp
}

// permute moves the findings into the order given: finding i is to be the
// one at order[i]. A finding is hundreds of bytes, so each is moved once,
// following each cycle of the permutation and marking the places filled
// with -1.
func permute(fs []Finding, order []int) {
	for i := range fs {
		if order[i] < 0 {
			continue
		}
		first := fs[i]
		for j := i; ; {
			k := order[j]
			order[j] = -1
			if k == i {
				fs[j] = first
				break
			}
			fs[j] = fs[k]
			j = k
		}
	}
}

// sortKeys reads, in one pass over the positions, the keys Order sorts
// by: the ranks of each file, rule and address among the distinct
// ones (which compare as the strings do), and the start line. ok is false
// when a line does not fit in the radix keys (a negative line, which no
// input gives), for the comparison sort to handle. A large scan's
// findings are tens of megabytes, more than the processor's caches hold,
// so each pass over them reads them all from memory again: one pass,
// rather than one per key, is most of this step's cost.
func sortKeys(n int, key func(i int) (string, int, string, string)) (files, rules, addrs, lines []uint32, ok bool) {
	files, rules, addrs, lines = make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n)
	var fileIDs, ruleIDs, addrIDs interner
	ok = true
	for i := range n {
		file, line, rule, addr := key(i)
		files[i], rules[i], addrs[i] = fileIDs.id(file), ruleIDs.id(rule), addrIDs.id(addr)
		if line < 0 || line > math.MaxUint32 {
			ok = false
		}
		lines[i] = uint32(max(line, 0))
	}
	fileIDs.rank(files)
	ruleIDs.rank(rules)
	addrIDs.rank(addrs)
	return files, rules, addrs, lines, ok
}

// interner numbers distinct strings in the order first met; rank then
// turns those numbers into ranks in the order of the strings.
type interner struct {
	ids  map[string]uint32
	keys []string
	// last is the string of the last call, and lastID its number:
	// findings come mostly in runs of one file and of one rule.
	last   string
	lastID uint32
}

// id returns the number of s, giving it the next one when it is new.
func (in *interner) id(s string) uint32 {
	if len(in.keys) > 0 && s == in.last {
		return in.lastID
	}
	if in.ids == nil {
		in.ids = map[string]uint32{}
	}
	id, ok := in.ids[s]
	if !ok {
		id = uint32(len(in.keys))
		in.ids[s] = id
		in.keys = append(in.keys, s)
	}
	in.last, in.lastID = s, id
	return id
}

// rank replaces each number in ids by the rank of its string.
func (in *interner) rank(ids []uint32) {
	byKey := make([]uint32, len(in.keys))
	for i := range byKey {
		byKey[i] = uint32(i)
	}
	slices.SortFunc(byKey, func(a, b uint32) int { return cmp.Compare(in.keys[a], in.keys[b]) })
	rankOf := make([]uint32, len(in.keys))
	for r, id := range byKey {
		rankOf[id] = uint32(r)
	}
	for i, id := range ids {
		ids[i] = rankOf[id]
	}
}
