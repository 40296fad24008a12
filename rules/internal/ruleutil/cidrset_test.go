package ruleutil

import (
	"math/big"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

func TestCIDRSetCovers(t *testing.T) {
	cases := []struct {
		name     string
		blocks   []string
		v4, v6   bool
		missing4 int64
	}{
		{name: "empty", missing4: 1 << 32},
		{name: "ipv4 /0", blocks: []string{"0.0.0.0/0"}, v4: true},
		{name: "two halves", blocks: []string{"128.0.0.0/1", "0.0.0.0/1"}, v4: true},
		{name: "four quarters out of order", blocks: []string{"192.0.0.0/2", "0.0.0.0/2", "128.0.0.0/2", "64.0.0.0/2"}, v4: true},
		{name: "overlapping", blocks: []string{"0.0.0.0/1", "0.0.0.0/2", "64.0.0.0/1", "128.0.0.0/1"}, v4: true},
		{name: "one half", blocks: []string{"0.0.0.0/1"}, missing4: 1 << 31},
		{name: "gap of one address", blocks: []string{"0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5",
			"248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8", "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11", "255.224.0.0/12",
			"255.240.0.0/13", "255.248.0.0/14", "255.252.0.0/15", "255.254.0.0/16", "255.255.0.0/17", "255.255.128.0/18",
			"255.255.192.0/19", "255.255.224.0/20", "255.255.240.0/21", "255.255.248.0/22", "255.255.252.0/23",
			"255.255.254.0/24", "255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27", "255.255.255.224/28",
			"255.255.255.240/29", "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32"}, missing4: 1},
		{name: "host bits are masked", blocks: []string{"10.1.2.3/1", "200.0.0.0/1"}, v4: true},
		{name: "ipv6 halves", blocks: []string{"::/1", "8000::/1"}, v6: true, missing4: 1 << 32},
		{name: "families do not mix", blocks: []string{"0.0.0.0/1", "8000::/1", "::/1"}, v6: true, missing4: 1 << 31},
		{name: "ipv6 half does not cover", blocks: []string{"::/1", "0.0.0.0/0"}, v4: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewCIDRSet(prefixes(c.blocks...)...)
			assert.Equal(t, c.v4, s.CoversIPv4(), "IPv4")
			assert.Equal(t, c.v6, s.CoversIPv6(), "IPv6")
			assert.Equal(t, big.NewInt(c.missing4).String(), s.MissingIPv4().String())
		})
	}
}

func TestCIDRSetUnionDoesNotModify(t *testing.T) {
	a := NewCIDRSet(prefixes("0.0.0.0/1")...)
	b := NewCIDRSet(prefixes("128.0.0.0/1")...)
	u := a.Union(b)
	assert.True(t, u.CoversIPv4())
	assert.False(t, a.CoversIPv4())
	assert.False(t, b.CoversIPv4())
	assert.False(t, a.Add(netip.Prefix{}).CoversIPv4(), "an invalid prefix adds nothing")
}

func TestCIDRSetMissingIPv6(t *testing.T) {
	s := NewCIDRSet(prefixes("::/1", "8000::/2")...)
	assert.Equal(t, PrefixSize(128, 2).String(), s.MissingIPv6().String())
	assert.Equal(t, "0", PrefixSize(32, 33).String())
	assert.Equal(t, "65536", PrefixSize(32, 16).String())
}

func TestUnionCoversInternet(t *testing.T) {
	desc, ok := UnionCoversInternet([]string{"0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8"})
	assert.True(t, ok)
	assert.Equal(t, "0.0.0.0/1, 128.0.0.0/1, 10.0.0.0/8 (together every public IPv4 address)", desc)
	desc, ok = UnionCoversInternet([]string{"2000::/4", "3000::/4"})
	assert.True(t, ok)
	assert.Equal(t, "2000::/4, 3000::/4 (together every public IPv6 address)", desc)
	for _, set := range [][]string{nil, {"0.0.0.0/1"}, {"0.0.0.0/1", "8000::/1"}, {"0.0.0.0/1", "*", "Internet"}, {"2000::/4"}} {
		_, ok := UnionCoversInternet(set)
		assert.False(t, ok, "%v", set)
	}
}
