package scanner

import (
	"slices"
	"strconv"
	"strings"
)

// OriginKind says what an OriginSource is.
type OriginKind uint8

const (
	// OriginAttr is an attribute of a resource or data source the module
	// declares (aws_vpc.main.cidr_block).
	OriginAttr OriginKind = iota + 1
	// OriginText is text known at plan time (a literal, a known local).
	OriginText
	// OriginPrefixLen is text known to end with a CIDR prefix length
	// ("${var.admin_ip}/32"): one address whatever the address is.
	OriginPrefixLen
)

// OriginSource is one thing a part of a value only known after apply can
// be read from (see Value.Origins). The loader builds it from the
// expression; rules read its fields, never a rendering of them, so that
// what the loader knows (such as whether the configuration writes the
// attribute) is decided once, where the expression is.
type OriginSource struct {
	// Type and Attr name the resource type and the attribute of an
	// OriginAttr ("aws_vpc", "cidr_block").
	Type, Attr string
	// Text is an OriginText's text.
	Text string
	// PrefixLen is an OriginPrefixLen's prefix length.
	PrefixLen int
	Kind      OriginKind
	// Data says an OriginAttr is a data source's attribute.
	Data bool
	// Subnets counts the cidrsubnet (or cidrsubnets) calls applied to the
	// source: a subnet of a block is at least as narrow as the block.
	Subnets uint8
	// Written says an OriginAttr is an argument a managed resource of the
	// module writes in its configuration (aws_lambda_permission.p's
	// source_arn = var.arn): its value is the configuration's, which may be
	// "*", not one the provider assigns. The provider may still constrain
	// it (a subnet's cidr_block is never 0.0.0.0/0, whoever writes it), so
	// the flag does not drop the source: the reader decides what it means.
	Written bool
}

// AttrOrigin is the source of a managed resource's (data false) or data
// source's attribute; written says the configuration writes it.
func AttrOrigin(data bool, typ, attr string, written bool) OriginSource {
	return OriginSource{Kind: OriginAttr, Data: data, Type: typ, Attr: attr, Written: written}
}

// TextOrigin is the source of text known at plan time.
func TextOrigin(text string) OriginSource {
	return OriginSource{Kind: OriginText, Text: text}
}

// PrefixLenOrigin is the source of text known to end with "/" and a
// prefix length of n bits.
func PrefixLenOrigin(n int) OriginSource {
	return OriginSource{Kind: OriginPrefixLen, PrefixLen: n}
}

// Subnet is the source of a cidrsubnet of s.
func (s OriginSource) Subnet() OriginSource {
	s.Subnets++
	return s
}

// IsAttr reports whether s is the attribute typ.attr itself (a data
// source's when data), not a subnet of it.
func (s OriginSource) IsAttr(data bool, typ, attr string) bool {
	return s.Kind == OriginAttr && s.Subnets == 0 && s.Data == data && s.Type == typ && s.Attr == attr
}

// IsKnownText reports whether s is known text itself, not a subnet of it.
func (s OriginSource) IsKnownText() bool { return s.Kind == OriginText && s.Subnets == 0 }

// String renders s for messages and tests: "aws_vpc.cidr_block",
// "data.aws_vpc.cidr_block", a known text quoted, "prefixlen(32)", each
// wrapped in "cidrsubnet(...)" per subnet taken. Nothing reads it back.
func (s OriginSource) String() string {
	var b strings.Builder
	for range s.Subnets {
		b.WriteString("cidrsubnet(")
	}
	switch s.Kind {
	case OriginAttr:
		if s.Data {
			b.WriteString("data.")
		}
		b.WriteString(s.Type)
		b.WriteByte('.')
		b.WriteString(s.Attr)
	case OriginText:
		b.WriteString(strconv.Quote(s.Text))
	case OriginPrefixLen:
		b.WriteString("prefixlen(")
		b.WriteString(strconv.Itoa(s.PrefixLen))
		b.WriteByte(')')
	}
	for range s.Subnets {
		b.WriteByte(')')
	}
	return b.String()
}

// Origin is one entry of Value.Origins or a LeafOrigin: the part is read
// from one of Sources (usually one), or is text built around them when
// InText ("${aws_s3_bucket.b.arn}/*" is built from the bucket's ARN, it is
// not the ARN). The zero Origin says the part can come from anywhere (a
// variable without a value) or is known.
type Origin struct {
	Sources []OriginSource
	InText  bool
}

// IsZero reports whether o names no source.
func (o Origin) IsZero() bool { return len(o.Sources) == 0 }

// Attr returns the one attribute o is, when o is exactly that attribute:
// one source, not text around it, not a subnet of it.
func (o Origin) Attr() (OriginSource, bool) {
	if o.InText || len(o.Sources) != 1 || o.Sources[0].Kind != OriginAttr || o.Sources[0].Subnets != 0 {
		return OriginSource{}, false
	}
	return o.Sources[0], true
}

// IsBlankText reports whether o is the known empty text alone.
func (o Origin) IsBlankText() bool {
	return !o.InText && len(o.Sources) == 1 && o.Sources[0].IsKnownText() && o.Sources[0].Text == ""
}

// ReadsWritten reports whether a source of o is an argument the
// configuration writes (OriginSource.Written).
func (o Origin) ReadsWritten() bool {
	return slices.ContainsFunc(o.Sources, func(s OriginSource) bool { return s.Written })
}

// String renders o for messages and tests: its sources joined by "|",
// wrapped in "text(...)" when InText; "" for the zero Origin.
func (o Origin) String() string {
	if len(o.Sources) == 0 {
		return ""
	}
	parts := make([]string, len(o.Sources))
	for i, s := range o.Sources {
		parts[i] = s.String()
	}
	joined := strings.Join(parts, "|")
	if o.InText {
		return "text(" + joined + ")"
	}
	return joined
}

// Origins is the list Value.Origins returns.
type Origins []Origin

// Strings renders each entry (Origin.String), nil for nil.
func (os Origins) Strings() []string {
	if os == nil {
		return nil
	}
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.String()
	}
	return out
}

// SortSources sorts set in the order of its renderings and drops
// repeats, keeping a repeat's Written flag: the same attribute read from
// two resources, one of which writes it, may be the written one.
func SortSources(set []OriginSource) []OriginSource {
	if len(set) < 2 {
		return set
	}
	keys := make([]string, len(set))
	idx := make([]int, len(set))
	for i, s := range set {
		keys[i], idx[i] = s.String(), i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	out := make([]OriginSource, 0, len(set))
	last := ""
	for n, i := range idx {
		if n > 0 && keys[i] == last {
			out[len(out)-1].Written = out[len(out)-1].Written || set[i].Written
			continue
		}
		out = append(out, set[i])
		last = keys[i]
	}
	return out
}
