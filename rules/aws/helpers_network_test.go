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
