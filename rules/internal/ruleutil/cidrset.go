package ruleutil

import (
	"math/big"
	"net/netip"
	"slices"
	"strings"
)

// CIDRSet is a union of CIDR blocks of both address families, kept as
// merged, sorted address ranges. It answers whether blocks that no single
// one of them is the whole internet cover it together (0.0.0.0/1 and
// 128.0.0.0/1 are 0.0.0.0/0), and how many addresses they leave out.
type CIDRSet struct {
	v4, v6 []addrRange
}

// addrRange is the addresses from lo to hi, both included, of one family.
type addrRange struct{ lo, hi netip.Addr }

// NewCIDRSet is the union of prefixes; invalid prefixes are ignored and
// host bits are masked.
func NewCIDRSet(prefixes ...netip.Prefix) CIDRSet {
	var s CIDRSet
	for _, p := range prefixes {
		if !p.IsValid() {
			continue
		}
		p = p.Masked()
		r := addrRange{lo: p.Addr(), hi: lastAddr(p)}
		if p.Addr().Is4() {
			s.v4 = append(s.v4, r)
		} else {
			s.v6 = append(s.v6, r)
		}
	}
	s.v4, s.v6 = mergeRanges(s.v4), mergeRanges(s.v6)
	return s
}

// Add returns s with p added. The receiver is not modified.
func (s CIDRSet) Add(p netip.Prefix) CIDRSet {
	return s.Union(NewCIDRSet(p))
}

// Union returns the addresses of s and o.
func (s CIDRSet) Union(o CIDRSet) CIDRSet {
	return CIDRSet{
		v4: mergeRanges(append(slices.Clone(s.v4), o.v4...)),
		v6: mergeRanges(append(slices.Clone(s.v6), o.v6...)),
	}
}

// CoversIPv4 reports whether s holds every IPv4 address.
func (s CIDRSet) CoversIPv4() bool { return covers(s.v4, netip.IPv4Unspecified(), allOnes(4)) }

// CoversIPv6 reports whether s holds every IPv6 address.
func (s CIDRSet) CoversIPv6() bool { return covers(s.v6, netip.IPv6Unspecified(), allOnes(16)) }

// MissingIPv4 is the number of IPv4 addresses s leaves out.
func (s CIDRSet) MissingIPv4() *big.Int { return missing(s.v4, 32) }

// MissingIPv6 is the number of IPv6 addresses s leaves out.
func (s CIDRSet) MissingIPv6() *big.Int { return missing(s.v6, 128) }

// PrefixSize is the number of addresses of a prefix of the given length in
// a family of bits (32 or 128) addresses: 2^(bits-length).
func PrefixSize(bits, length int) *big.Int {
	if length < 0 {
		length = 0
	}
	if length > bits {
		return big.NewInt(0)
	}
	return new(big.Int).Lsh(big.NewInt(1), uint(bits-length))
}

// lastAddr is the highest address of a masked prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// allOnes is the highest address of a family of n bytes.
func allOnes(n int) netip.Addr {
	b := make([]byte, n)
	for i := range b {
		b[i] = 0xff
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// mergeRanges sorts ranges and joins those that overlap or touch.
func mergeRanges(rs []addrRange) []addrRange {
	slices.SortFunc(rs, func(a, b addrRange) int { return a.lo.Compare(b.lo) })
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			// Touching ranges join: last.hi+1 == r.lo. The highest address
			// has no successor, and nothing can start after it.
			if next := last.hi.Next(); !next.IsValid() || r.lo.Compare(next) <= 0 {
				if r.hi.Compare(last.hi) > 0 {
					last.hi = r.hi
				}
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// covers reports whether merged ranges hold every address from lo to hi.
func covers(rs []addrRange, lo, hi netip.Addr) bool {
	return len(rs) == 1 && rs[0].lo == lo && rs[0].hi == hi
}

// missing is the number of addresses of a family of bits bits that merged
// ranges leave out.
func missing(rs []addrRange, bits int) *big.Int {
	n := PrefixSize(bits, 0)
	for _, r := range rs {
		size := new(big.Int).Sub(new(big.Int).SetBytes(r.hi.AsSlice()), new(big.Int).SetBytes(r.lo.AsSlice()))
		n.Sub(n, size.Add(size, big.NewInt(1)))
	}
	return n
}

// NonInternetRanges are the addresses that never reach a cloud network
// from the internet: private (RFC 1918), shared (RFC 6598), loopback,
// link-local, IPv4's "this network" 0.0.0.0/8 and the multicast and
// reserved 224.0.0.0/3; for IPv6 everything outside global unicast
// 2000::/3, the only block IANA allocates for the internet. Sources that
// cover every address outside them are as open as 0.0.0.0/0.
var NonInternetRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("224.0.0.0/3"),
	netip.MustParsePrefix("::/3"),
	netip.MustParsePrefix("4000::/2"),
	netip.MustParsePrefix("8000::/1"),
}

// UnionCoversInternet reports whether CIDR blocks, none of which need be
// the whole internet, cover it together: every IPv4 or every IPv6
// address outside NonInternetRanges (0.0.0.0/1 with 128.0.0.0/1, say). It
// returns the blocks of the family they cover, for a message. Text that
// is not a CIDR block is left out; host bits are masked.
func UnionCoversInternet(sources []string) (string, bool) {
	var v4, v6 []netip.Prefix
	var t4, t6 []string
	for _, s := range sources {
		p, err := netip.ParsePrefix(strings.TrimSpace(s))
		if err != nil {
			continue
		}
		if p.Addr().Is4() {
			v4, t4 = append(v4, p), append(t4, s)
		} else {
			v6, t6 = append(v6, p), append(t6, s)
		}
	}
	if NewCIDRSet(append(v4, NonInternetRanges...)...).CoversIPv4() {
		return strings.Join(t4, ", ") + " (together every public IPv4 address)", true
	}
	if NewCIDRSet(append(v6, NonInternetRanges...)...).CoversIPv6() {
		return strings.Join(t6, ", ") + " (together every public IPv6 address)", true
	}
	return "", false
}
