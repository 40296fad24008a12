package aws

// Sources that cover the internet together: a rule's or a group's CIDR
// blocks are read as one set, so 0.0.0.0/1 with 128.0.0.0/1, four /2s or
// ::/1 with 8000::/1 are the whole internet as much as 0.0.0.0/0 is.

import (
	"fmt"
	"math/big"
	"math/bits"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// nonInternetRanges are the addresses that never reach a cloud network
// from the internet (ruleutil.NonInternetRanges): sources that cover every
// address outside them cover the whole internet, as a list of every public
// IPv4 block is as open as 0.0.0.0/0 though no single block of it is.
var nonInternetRanges = ruleutil.NonInternetRanges

// nonInternet is nonInternetRanges as a set.
var nonInternet = ruleutil.NewCIDRSet(nonInternetRanges...)

// sourceSet gathers the CIDR sources of one or more permissions to decide
// whether they cover the internet together, with three-valued answers: a
// source only known after apply that may complete the union leaves it
// unknown.
type sourceSet struct {
	known []netip.Prefix
	// texts are the known CIDRs as written, for messages.
	texts []string
	// world is a known source that alone covers every address.
	world string
	// maybeWorld is set by a source only known after apply that may alone
	// be the internet.
	maybeWorld bool
	// budget4 and budget6 bound how many addresses of each family the
	// sources only known after apply that are narrower than the internet
	// can add.
	budget4, budget6 *big.Int
}

// worldSource decides whether the CIDR arguments (strings or lists of
// strings) together cover the internet; it returns a description of the
// sources that do (the CIDR itself when one alone does). A CIDR only known
// after apply whose every origin is a VPC's or subnet's block or a known
// CIDR other than the internet (see notWorldEntry) is not the internet
// alone, but may still complete a union that leaves out fewer addresses
// than it can hold.
func worldSource(cidrs ...scanner.Value) (string, scanner.Tri) {
	var s sourceSet
	for _, v := range cidrs {
		s.add(v)
		if s.world != "" {
			return s.world, scanner.Yes
		}
	}
	return s.decide()
}

// add adds a CIDR argument, a string or a collection of strings.
func (s *sourceSet) add(v scanner.Value) {
	if v.IsNull() {
		return
	}
	origins := v.Origins()
	if !v.Val.IsKnown() {
		if !v.Val.Type().IsPrimitiveType() {
			s.addUnknown(len(origins) == 0 || slices.ContainsFunc(origins, worldEntry), allSources(origins))
			return
		}
		if !knownTextCouldBeWorld(v.KnownPrefix(), v.KnownSuffix()) {
			s.addBound(textBound(v.KnownPrefix(), v.KnownSuffix()))
			return
		}
		s.addUnknown(len(origins) == 0 || slices.ContainsFunc(origins, worldEntry), allSources(origins))
		return
	}
	if v.Val.Type().IsPrimitiveType() {
		if str, ok := v.AsString(); ok {
			s.addText(str)
		}
		return
	}
	if !v.Val.CanIterateElements() {
		return
	}
	// Origins are by position, which only a list or tuple keeps; a set's
	// name what any unknown element can come from.
	byPosition := v.Val.Type().IsListType() || v.Val.Type().IsTupleType()
	i := 0
	for it := v.Val.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		if !e.IsKnown() {
			prefix := scanner.StringPrefix(e)
			switch {
			case !knownTextCouldBeWorld(prefix, ""):
				s.addBound(textBound(prefix, ""))
			case byPosition && i < len(origins):
				s.addUnknown(!notWorldEntry(origins[i]), origins[i].Sources)
			case byPosition:
				s.maybeWorld = true
			default:
				s.addUnknown(len(origins) == 0 || slices.ContainsFunc(origins, worldEntry), allSources(origins))
			}
			continue
		}
		if str, ok := (scanner.Value{Val: e, Present: true}).AsString(); ok {
			s.addText(str)
		}
		if s.world != "" {
			return
		}
	}
}

// addText adds a known CIDR; text the provider rejects opens nothing.
func (s *sourceSet) addText(str string) {
	p, ok := networkCIDR(str)
	if !ok {
		return
	}
	if p.Bits() == 0 {
		s.world = str
		return
	}
	s.known = append(s.known, p)
	s.texts = append(s.texts, str)
}

// addUnknown adds a source only known after apply: one that may alone be
// the internet, or one bounded by its origins.
func (s *sourceSet) addUnknown(mayBeWorld bool, origins []scanner.OriginSource) {
	if mayBeWorld {
		s.maybeWorld = true
		return
	}
	v4, v6 := new(big.Int), new(big.Int)
	for _, o := range origins {
		b4, b6 := originBound(o)
		if b4.Cmp(v4) > 0 {
			v4 = b4
		}
		if b6.Cmp(v6) > 0 {
			v6 = b6
		}
	}
	s.addBound(v4, v6)
}

// addBound adds a source only known after apply that holds at most v4
// IPv4 or v6 IPv6 addresses.
func (s *sourceSet) addBound(v4, v6 *big.Int) {
	if s.budget4 == nil {
		s.budget4, s.budget6 = new(big.Int), new(big.Int)
	}
	s.budget4.Add(s.budget4, v4)
	s.budget6.Add(s.budget6, v6)
}

// merge adds o's sources to s.
func (s *sourceSet) merge(o sourceSet) {
	if s.world == "" {
		s.world = o.world
	}
	s.known = append(s.known, o.known...)
	s.texts = append(s.texts, o.texts...)
	s.maybeWorld = s.maybeWorld || o.maybeWorld
	if o.budget4 != nil {
		s.addBound(o.budget4, o.budget6)
	}
}

// decide reports whether the sources cover the internet, with a
// description of those that do.
func (s sourceSet) decide() (string, scanner.Tri) {
	if s.world != "" {
		return s.world, scanner.Yes
	}
	if len(s.known) == 0 && s.budget4 == nil {
		if s.maybeWorld {
			return "", scanner.Maybe
		}
		return "", scanner.No
	}
	set := ruleutil.NewCIDRSet(s.known...)
	if set.CoversIPv4() || set.CoversIPv6() {
		return s.describe(set.CoversIPv4(), "every"), scanner.Yes
	}
	internet := set.Union(nonInternet)
	if internet.CoversIPv4() || internet.CoversIPv6() {
		return s.describe(internet.CoversIPv4(), "every public"), scanner.Yes
	}
	if s.maybeWorld {
		return "", scanner.Maybe
	}
	if s.budget4 != nil && (s.budget4.Cmp(internet.MissingIPv4()) >= 0 || s.budget6.Cmp(internet.MissingIPv6()) >= 0) {
		return "", scanner.Maybe
	}
	return "", scanner.No
}

// describe names the known sources of a union for a message, the first
// few of them.
func (s sourceSet) describe(ipv4 bool, which string) string {
	family := "IPv6"
	if ipv4 {
		family = "IPv4"
	}
	var texts []string
	for i, t := range s.texts {
		if s.known[i].Addr().Is4() == ipv4 {
			texts = append(texts, t)
		}
	}
	const most = 4
	list := strings.Join(texts, ", ")
	if len(texts) > most {
		list = fmt.Sprintf("%s and %d more", strings.Join(texts[:most], ", "), len(texts)-most)
	}
	return fmt.Sprintf("%s (together %s %s address)", list, which, family)
}

// textBound bounds the addresses of a CIDR only known after apply whose
// text starts with prefix and ends with suffix, and which is not the
// internet alone (knownTextCouldBeWorld): by its prefix length when the
// text shows it, else by half of each family (a block narrower than /0).
// Known text also shows the family (a dot before any colon is IPv4) and,
// from a complete first octet or hextet, how wide a network address that
// starts so can be: the provider rejects host bits, so "10." is at most
// 10.0.0.0/7.
func textBound(prefix, suffix string) (v4, v6 *big.Int) {
	length := 1
	if _, n, ok := strings.Cut(suffix, "/"); ok {
		if l, err := strconv.Atoi(n); err == nil {
			length = max(l, 1)
		}
	} else if _, n, ok := strings.Cut(prefix, "/"); ok && n != "" {
		// The length may go on after the known digits: they bound it
		// from below.
		if l, err := strconv.Atoi(n); err == nil {
			length = max(l, 1)
		}
	}
	text := prefix
	if text == "" {
		text = suffix
	}
	dot, colon := strings.IndexByte(text, '.'), strings.IndexByte(text, ':')
	ipv4 := dot >= 0 && (colon < 0 || dot < colon)
	ipv6 := colon >= 0 && (dot < 0 || colon < dot)
	v4, v6 = ruleutil.PrefixSize(32, length), ruleutil.PrefixSize(128, length)
	if ipv4 || ipv6 {
		// Only the prefix's start is the address's start.
		sep := ":"
		if ipv4 {
			sep = "."
		}
		if first, _, found := strings.Cut(prefix, sep); found && first != "" {
			base, size := 10, 8
			if ipv6 {
				base, size = 16, 16
			}
			if n, err := strconv.ParseUint(first, base, size); err == nil && n > 0 {
				length = max(length, size-bits.TrailingZeros64(n))
			}
		}
	}
	switch {
	case ipv4:
		return ruleutil.PrefixSize(32, length), new(big.Int)
	case ipv6:
		return new(big.Int), ruleutil.PrefixSize(128, length)
	}
	return v4, v6
}

// originBound bounds the addresses of a value read from src, which
// notWorldSource says is narrower than the internet. A cidrsubnet of src
// is narrower still, so src's own bound holds for it.
func originBound(src scanner.OriginSource) (v4, v6 *big.Int) {
	switch src.Kind {
	case scanner.OriginText:
		p, ok := networkCIDR(src.Text)
		switch {
		case !ok:
			return new(big.Int), new(big.Int)
		case p.Addr().Is4():
			return ruleutil.PrefixSize(32, p.Bits()), new(big.Int)
		default:
			return new(big.Int), ruleutil.PrefixSize(128, p.Bits())
		}
	case scanner.OriginPrefixLen:
		bits := max(src.PrefixLen, 1)
		return ruleutil.PrefixSize(32, bits), ruleutil.PrefixSize(128, bits)
	}
	// A VPC's or subnet's block: EC2 gives IPv4 /16 to /28 and IPv6 /56
	// or /64.
	return ruleutil.PrefixSize(32, 16), ruleutil.PrefixSize(128, 56)
}

// allSources lists the sources of every entry of origins.
func allSources(origins scanner.Origins) []scanner.OriginSource {
	var all []scanner.OriginSource
	for _, o := range origins {
		all = append(all, o.Sources...)
	}
	return all
}
