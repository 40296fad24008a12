package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestIsPrivateCIDR(t *testing.T) {
	for _, s := range []string{"10.0.0.0/8", "10.1.2.0/24", "172.16.0.0/12", "192.168.1.5/32", "100.64.0.0/16", "fd00::/8", " 10.0.0.5/8 "} {
		assert.True(t, isPrivateCIDR(s), s)
	}
	for _, s := range []string{"0.0.0.0/0", "::/0", "10.0.0.0/7", "172.0.0.0/8", "203.0.113.0/24", "10.0.0.5/0", "not-a-cidr", ""} {
		assert.False(t, isPrivateCIDR(s), s)
	}
}

func TestIsWorldCIDR(t *testing.T) {
	for _, s := range []string{"0.0.0.0/0", "::/0"} {
		assert.True(t, isWorldCIDR(s), s)
	}
	// The provider validates CIDR arguments as network addresses: host bits
	// set, surrounding space or a wider prefix are not the whole internet.
	for _, s := range []string{"0.1.0.0/0", "10.0.0.5/0", "::1/0", " 0.0.0.0/0", "0.0.0.0/1", "0.0.0.0", "*", ""} {
		assert.False(t, isWorldCIDR(s), s)
	}
}

func TestPublicSourceSkipsRejectedCIDRs(t *testing.T) {
	list := func(ss ...string) scanner.Value {
		vals := make([]cty.Value, len(ss))
		for i, s := range ss {
			vals[i] = cty.StringVal(s)
		}
		return scanner.Value{Val: cty.ListVal(vals), Present: true}
	}
	_, public := publicSource(list("10.0.0.0/8", "0.1.0.0/0", "203.0.113.5/24"))
	assert.Equal(t, scanner.No, public)
	cidr, public := publicSource(list("10.0.0.0/8", "203.0.113.0/24"))
	assert.Equal(t, scanner.Yes, public)
	assert.Equal(t, "203.0.113.0/24", cidr)
}

func TestMissingPortArgs(t *testing.T) {
	str := func(s string) scanner.Value { return scanner.Value{Val: cty.StringVal(s), Present: true} }
	num := func(n int64) scanner.Value { return scanner.Value{Val: cty.NumberIntVal(n), Present: true} }
	unknown := scanner.Value{Val: cty.UnknownVal(cty.Number), Present: true}
	for name, tc := range map[string]struct {
		perm ingressPerm
		want []string
	}{
		"nothing written":          {ingressPerm{}, []string{"protocol", "from_port", "to_port"}},
		"tcp without ports":        {ingressPerm{protocol: str("tcp")}, []string{"from_port", "to_port"}},
		"udp without to_port":      {ingressPerm{protocol: str("17"), from: num(53)}, []string{"to_port"}},
		"tcp with ports":           {ingressPerm{protocol: str("tcp"), from: num(22), to: num(22)}, nil},
		"all protocols need none":  {ingressPerm{protocol: str("-1")}, nil},
		"icmp needs none":          {ingressPerm{protocol: str("icmp")}, nil},
		"unknown port is not left": {ingressPerm{protocol: str("tcp"), from: unknown, to: unknown}, nil},
		"unknown protocol":         {ingressPerm{protocol: scanner.Value{Val: cty.UnknownVal(cty.String), Present: true}}, nil},
	} {
		assert.Equal(t, tc.want, tc.perm.missingPortArgs(), name)
	}
}

func TestNACLDecisionUnknownNumberMattersOnlyWithDeny(t *testing.T) {
	world := scanner.Value{Val: cty.StringVal("0.0.0.0/0"), Present: true}
	entry := func(action string, number scanner.Value) naclEntry {
		return naclEntry{
			ingressPerm: ingressPerm{label: action, protocol: scanner.Value{Val: cty.StringVal("-1"), Present: true}, cidrs: []scanner.Value{world}},
			number:      number,
			action:      scanner.Value{Val: cty.StringVal(action), Present: true},
		}
	}
	unknownNumber := scanner.Value{Val: cty.UnknownVal(cty.Number), Present: true}
	q := portQuery{all: true}

	decider, ex := naclDecision([]naclEntry{entry("allow", unknownNumber)}, q)
	assert.Equal(t, scanner.Yes, ex.state, "only allows match: the number decides nothing")
	if assert.NotNil(t, decider) {
		assert.Equal(t, "allow", decider.label)
	}

	_, ex = naclDecision([]naclEntry{entry("allow", unknownNumber), entry("deny", scanner.Value{Val: cty.NumberIntVal(100), Present: true})}, q)
	assert.Equal(t, scanner.Maybe, ex.state, "a deny may come first")
}
