package scanner

import "fmt"

// Tri is the answer to a question about a configuration when the value that
// decides it may be known only after apply: Yes, No, or Maybe. Rules turn
// Maybe into an Unknown result, never into a pass.
//
// The answers are ordered No < Maybe < Yes, so that And is the smaller of
// two answers and Or the larger, as three-valued logic has them.
type Tri int8

// The three answers. The zero value is No.
const (
	No Tri = iota
	// Maybe means the answer is only known after apply.
	Maybe
	Yes
)

// TriOf returns Yes when yes is set, otherwise Maybe when unknown is set,
// otherwise No: the answer of a check that found what it looked for, or
// found a value only known after apply that might be it.
func TriOf(yes, unknown bool) Tri {
	switch {
	case yes:
		return Yes
	case unknown:
		return Maybe
	}
	return No
}

// And is Yes when both t and u are, No when either is.
func (t Tri) And(u Tri) Tri { return min(t, u) }

// Or is Yes when either t or u is, No when both are.
func (t Tri) Or(u Tri) Tri { return max(t, u) }

// Not swaps Yes and No; Maybe stays Maybe.
func (t Tri) Not() Tri { return Yes - t }

// AllOf is Yes when every answer is (and when there is none), No when any
// is.
func AllOf(answers ...Tri) Tri {
	out := Yes
	for _, a := range answers {
		out = out.And(a)
	}
	return out
}

// AnyOf is Yes when any answer is, No when every answer is (and when there
// is none).
func AnyOf(answers ...Tri) Tri {
	out := No
	for _, a := range answers {
		out = out.Or(a)
	}
	return out
}

// String returns "yes", "no" or "maybe".
func (t Tri) String() string {
	switch t {
	case No:
		return "no"
	case Maybe:
		return "maybe"
	case Yes:
		return "yes"
	}
	return fmt.Sprintf("Tri(%d)", int8(t))
}
