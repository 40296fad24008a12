package aws

import (
	"context"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
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

// sgSharingCode is a security group whose permission reads a prefix list
// of the configuration, the costliest part of sgPermissions.
const sgSharingCode = `
resource "aws_ec2_managed_prefix_list" "office" {
  name           = "office"
  address_family = "IPv4"
  max_entries    = 1
  entry {
    cidr = "0.0.0.0/0"
  }
}

resource "aws_security_group" "web" {
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.office.id]
  }
}
`

func TestSharedSGPermissionsComputedOncePerIndex(t *testing.T) {
	ix := loadIndex(t, sgSharingCode)
	sg := ix.Lookup("aws_security_group.web")
	require.NotNil(t, sg)

	want, wantIncomplete := sgPermissions(sg, ix)
	require.Len(t, want, 1)
	first, incomplete := sharedSGPermissions(sg, ix)
	assert.Equal(t, want, first, "the shared permissions are sgPermissions'")
	assert.Equal(t, wantIncomplete, incomplete)
	again, _ := sharedSGPermissions(sg, ix)
	require.Len(t, again, 1)
	assert.Same(t, &first[0], &again[0], "the second rule reuses the first's permissions")

	// Another index (another scan or root) computes its own.
	other := loadIndex(t, sgSharingCode)
	otherSG := other.Lookup("aws_security_group.web")
	require.NotNil(t, otherSG)
	fresh, _ := sharedSGPermissions(otherSG, other)
	require.Len(t, fresh, 1)
	assert.NotSame(t, &first[0], &fresh[0])
	// Without an index there is nothing to share, and no panic.
	alone, _ := sharedSGPermissions(sg, nil)
	assert.Len(t, alone, 1)
}

// TestSharedSGPermissionsConcurrent asks from many goroutines at once, as
// the engine's workers do; run with -race.
func TestSharedSGPermissionsConcurrent(t *testing.T) {
	ix := loadIndex(t, sgSharingCode)
	sg := ix.Lookup("aws_security_group.web")
	require.NotNil(t, sg)
	got := make([]*ingressPerm, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			perms, _ := sharedSGPermissions(sg, ix)
			if len(perms) > 0 {
				got[i] = &perms[0]
			}
		}()
	}
	wg.Wait()
	for _, p := range got {
		assert.Same(t, got[0], p)
	}
	require.NotNil(t, got[0])
	res := checkSGExposure(sg, ix, portQuery{ports: []ruleutil.PortRange{{From: 22, To: 22}}, tcpOnly: true}, "an administrative port")
	assert.Equal(t, scanner.Fail, res.Status, "the prefix list's 0.0.0.0/0 entry is read through the shared permissions")
}

// BenchmarkSGExposureFiveRules runs the five security group checks on one
// group, as a scan does: the permissions are computed once per index.
func BenchmarkSGExposureFiveRules(b *testing.B) {
	res, err := loader.LoadFS(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(sgSharingCode)}}, ".", loader.Options{DataSources: DataSources()})
	require.NoError(b, err)
	queries := []portQuery{
		{ports: []ruleutil.PortRange{{From: 22, To: 22}}, tcpOnly: true},
		{ports: []ruleutil.PortRange{{From: 5432, To: 5432}}, tcpOnly: true},
		{all: true},
		{ports: []ruleutil.PortRange{{From: 80, To: 80}}, tcpOnly: true},
		{outside: true, allowed: []ruleutil.PortRange{{From: 443, To: 443}}, unnamedPorts: true},
	}
	b.ReportAllocs()
	for b.Loop() {
		ix := scanner.NewIndex(res.Resources)
		sg := ix.Lookup("aws_security_group.web")
		for _, q := range queries {
			checkSGExposure(sg, ix, q, "a port")
		}
	}
}

// naclSharingCode is a network ACL with one inline entry and a separate
// rule, so a rule's entries come from two resources.
const naclSharingCode = `
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}

resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
`

func TestSharedNACLEntriesComputedOncePerIndex(t *testing.T) {
	ix := loadIndex(t, naclSharingCode)
	rule := ix.Lookup("aws_network_acl_rule.ssh")
	require.NotNil(t, rule)

	want, wantIncomplete := naclEntries(rule, ix)
	require.Len(t, want, 2, "the ACL's inline entry and the rule")
	first, incomplete := sharedNACLEntries(rule, ix)
	assert.Equal(t, want, first, "the shared entries are naclEntries'")
	assert.Equal(t, wantIncomplete, incomplete)
	again, _ := sharedNACLEntries(rule, ix)
	require.Len(t, again, 2)
	assert.Same(t, &first[0], &again[0], "the second rule reuses the first's entries")

	// Another index (another scan or root) gathers its own.
	other := loadIndex(t, naclSharingCode)
	otherRule := other.Lookup("aws_network_acl_rule.ssh")
	require.NotNil(t, otherRule)
	fresh, _ := sharedNACLEntries(otherRule, other)
	require.Len(t, fresh, 2)
	assert.NotSame(t, &first[0], &fresh[0])
}
