package aws

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

// aclRule writes an aws_network_acl_rule for inbound SSH from anywhere,
// named name, with the expressions of its network_acl_id, rule_number and
// rule_action, and any meta-argument in meta.
func aclRule(name, meta, acl, number, action string) string {
	return fmt.Sprintf(`
resource "aws_network_acl_rule" %q {
  %s
  network_acl_id = %s
  rule_number    = %s
  egress         = false
  protocol       = "tcp"
  rule_action    = %s
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
`, name, meta, acl, number, action)
}

// aclRulesCode has network ACL rules that name their ACL by reference
// (one resource, one with a count, one with either of two ACLs), by a known
// ID, or by a value only known after apply.
var aclRulesCode = `
variable "pick_a" {
  type = bool
}

variable "acl_id" {
  type = string
}

resource "aws_network_acl" "a" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl" "b" {
  vpc_id = "vpc-0123456789abcdef0"
}
` + aclRule("a1", "", "aws_network_acl.a.id", "100", `"allow"`) +
	aclRule("a_counted", "count = 2", "aws_network_acl.a.id", "110 + count.index", `"deny"`) +
	aclRule("b1", "", "aws_network_acl.b.id", "100", `"allow"`) +
	aclRule("either", "", "var.pick_a ? aws_network_acl.a.id : aws_network_acl.b.id", "120", `"allow"`) +
	aclRule("known1", "", `"acl-0123456789abcdef0"`, "100", `"allow"`) +
	aclRule("known2", "", `"acl-0123456789abcdef0"`, "90", `"deny"`) +
	aclRule("late", "", "var.acl_id", "100", `"allow"`)

// sameACLRulesByScan is what sameACLRules answers, found by scanning
// every rule of the index: the table must give the same rules in the same
// order, which decides the order of entries with equal rule numbers.
func sameACLRulesByScan(id scanner.Value, ix *scanner.Index) []*scanner.Resource {
	want := map[string]bool{}
	for _, ref := range id.Refs {
		want[scanner.BaseAddress(ref)] = true
	}
	known, isKnown := id.AsString()
	var out []*scanner.Resource
	for _, r := range ix.OfType("aws_network_acl_rule") {
		v := r.Attr("network_acl_id")
		if s, ok := v.AsString(); ok && isKnown && s == known {
			out = append(out, r)
			continue
		}
		if a, b := v.Ident(), id.Ident(); a != nil && b != nil && a.String() == b.String() {
			out = append(out, r)
			continue
		}
		for _, ref := range v.Refs {
			if want[scanner.BaseAddress(ref)] {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

func TestSameACLRules(t *testing.T) {
	ix := loadIndex(t, aclRulesCode)
	addresses := func(rs []*scanner.Resource) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Address)
		}
		return out
	}
	siblings := func(address string) []string {
		r := ix.Lookup(address)
		require.NotNil(t, r, address)
		return addresses(sameACLRules(r.Attr("network_acl_id"), ix))
	}
	viaA := []string{"aws_network_acl_rule.a1", "aws_network_acl_rule.a_counted[0]", "aws_network_acl_rule.a_counted[1]", "aws_network_acl_rule.either"}
	assert.ElementsMatch(t, viaA, siblings("aws_network_acl_rule.a1"))
	assert.ElementsMatch(t, viaA, siblings("aws_network_acl_rule.a_counted[1]"))
	assert.ElementsMatch(t, []string{"aws_network_acl_rule.b1", "aws_network_acl_rule.either"}, siblings("aws_network_acl_rule.b1"))
	assert.ElementsMatch(t, append(viaA, "aws_network_acl_rule.b1"), siblings("aws_network_acl_rule.either"), "either ACL's rules")
	assert.ElementsMatch(t, []string{"aws_network_acl_rule.known1", "aws_network_acl_rule.known2"}, siblings("aws_network_acl_rule.known2"))
	assert.Equal(t, []string{"aws_network_acl_rule.late"}, siblings("aws_network_acl_rule.late"),
		"an ID only known after apply names the rules that read the same reference (var.acl_id): here none but itself")

	rules := ix.OfType("aws_network_acl_rule")
	require.Len(t, rules, 8)
	for _, r := range rules {
		id := r.Attr("network_acl_id")
		assert.Equal(t, addresses(sameACLRulesByScan(id, ix)), addresses(sameACLRules(id, ix)), r.Address)
	}
	unknownRef := scanner.Value{Val: cty.UnknownVal(cty.String), Present: true, Refs: []string{"aws_network_acl.c.id"}}
	assert.Empty(t, sameACLRules(unknownRef, ix), "an ACL no rule names")
}

func TestACLRuleTableOncePerIndex(t *testing.T) {
	ix := loadIndex(t, aclRulesCode)
	table := scanner.Memo(ix, aclRulesKey{}, indexACLRules)
	require.NotEmpty(t, table.byRef)
	rule := ix.Lookup("aws_network_acl_rule.a1")
	require.NotNil(t, rule)
	require.Len(t, sameACLRules(rule.Attr("network_acl_id"), ix), 4)
	assert.Same(t, table, scanner.Memo(ix, aclRulesKey{}, func(*scanner.Index) *childTable {
		t.Error("the table is built again for the same index")
		return nil
	}))

	// Another index (another scan or root) builds its own, from its rules.
	other := loadIndex(t, aclRulesCode)
	fresh := scanner.Memo(other, aclRulesKey{}, indexACLRules)
	assert.NotSame(t, table, fresh)
	otherRule := other.Lookup("aws_network_acl_rule.a1")
	require.NotNil(t, otherRule)
	assert.True(t, slices.Contains(fresh.byRef["aws_network_acl.a"], otherRule), "the other index's rule")
	assert.False(t, slices.Contains(fresh.byRef["aws_network_acl.a"], rule), "not the first index's rule")
}

// aclRulesAtScale writes n network ACL rules, four to each ACL, as
// separate resources: each ACL's rules are found among all n.
func aclRulesAtScale(n int) string {
	var b strings.Builder
	for i := range n / 4 {
		fmt.Fprintf(&b, "resource \"aws_network_acl\" \"acl%d\" {\n  vpc_id = \"vpc-0123456789abcdef0\"\n}\n", i)
	}
	for i := range n {
		b.WriteString(aclRule(fmt.Sprint("r", i), "", fmt.Sprintf("aws_network_acl.acl%d.id", i/4), fmt.Sprint(100+i%4), `"allow"`))
	}
	return b.String()
}

// BenchmarkNACLExposureRules runs the network ACL check on every rule of
// 1,000 and 4,000 rules, as a scan does with a new index: finding each
// rule's siblings through the per-index table keeps the time per rule
// flat, where scanning every rule for each made it grow with n.
func BenchmarkNACLExposureRules(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			res, err := loader.LoadFS(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(aclRulesAtScale(n))}}, ".", loader.Options{DataSources: DataSources()})
			require.NoError(b, err)
			ports := []ruleutil.PortRange{{From: 22, To: 22}}
			b.ReportAllocs()
			for b.Loop() {
				ix := scanner.NewIndex(res.Resources)
				for _, r := range ix.OfType("aws_network_acl_rule") {
					if got := checkNACLExposure(r, ix, ports, false, "SSH"); got.Status != scanner.Fail && got.Status != scanner.Pass {
						b.Fatalf("%s: %v", r.Address, got.Status)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/rule")
		})
	}
}

func TestKnownTextCouldBeWorld(t *testing.T) {
	for _, c := range []struct {
		prefix, suffix string
		want           bool
	}{
		{"", "", true},
		{"0.0.", "", true},
		{"::", "/0", true},
		{"", "0", true},
		{"", "::/0", true},
		{"0.0.0.0/", "", true},
		{"", "/32", false},
		{"", "/16", false},
		{"", "1/0", false},
		{"10.", "", false},
		{"0.0.0.0/1", "", false},
		{"fd00:", "", false},
	} {
		assert.Equal(t, c.want, knownTextCouldBeWorld(c.prefix, c.suffix), "%q…%q", c.prefix, c.suffix)
	}
}

func TestWorldSourceUnion(t *testing.T) {
	str := func(s string) cty.Value { return cty.StringVal(s) }
	unknownText := func(prefix string) cty.Value {
		if prefix == "" {
			return cty.UnknownVal(cty.String)
		}
		return cty.UnknownVal(cty.String).Refine().StringPrefix(prefix).NewValue()
	}
	list := func(vals ...cty.Value) scanner.Value { return scanner.Value{Val: cty.TupleVal(vals), Present: true} }
	cases := []struct {
		name   string
		values []scanner.Value
		want   scanner.Tri
		source string
	}{
		{"one /0", []scanner.Value{list(str("10.0.0.0/8"), str("0.0.0.0/0"))}, scanner.Yes, "0.0.0.0/0"},
		{"two halves", []scanner.Value{list(str("0.0.0.0/1"), str("128.0.0.0/1"))}, scanner.Yes,
			"0.0.0.0/1, 128.0.0.0/1 (together every IPv4 address)"},
		{"halves in two arguments", []scanner.Value{list(str("::/1")), list(str("8000::/1"))}, scanner.Yes,
			"::/1, 8000::/1 (together every IPv6 address)"},
		{"every public block", []scanner.Value{list(str("1.0.0.0/8"), str("2.0.0.0/7"), str("4.0.0.0/6"), str("8.0.0.0/7"),
			str("11.0.0.0/8"), str("12.0.0.0/6"), str("16.0.0.0/4"), str("32.0.0.0/3"), str("64.0.0.0/3"), str("96.0.0.0/6"),
			str("100.0.0.0/10"), str("100.128.0.0/9"), str("101.0.0.0/8"), str("102.0.0.0/7"), str("104.0.0.0/5"),
			str("112.0.0.0/5"), str("120.0.0.0/6"), str("124.0.0.0/7"), str("126.0.0.0/8"), str("128.0.0.0/3"),
			str("160.0.0.0/5"), str("168.0.0.0/8"), str("169.0.0.0/9"), str("169.128.0.0/10"), str("169.192.0.0/11"),
			str("169.224.0.0/12"), str("169.240.0.0/13"), str("169.248.0.0/14"), str("169.252.0.0/15"), str("169.255.0.0/16"),
			str("170.0.0.0/7"), str("172.0.0.0/12"), str("172.32.0.0/11"), str("172.64.0.0/10"), str("172.128.0.0/9"),
			str("173.0.0.0/8"), str("174.0.0.0/7"), str("176.0.0.0/4"), str("192.0.0.0/9"), str("192.128.0.0/11"),
			str("192.160.0.0/13"), str("192.169.0.0/16"), str("192.170.0.0/15"), str("192.172.0.0/14"), str("192.176.0.0/12"),
			str("192.192.0.0/10"), str("193.0.0.0/8"), str("194.0.0.0/7"), str("196.0.0.0/6"), str("200.0.0.0/5"),
			str("208.0.0.0/4"))}, scanner.Yes, "1.0.0.0/8, 2.0.0.0/7, 4.0.0.0/6, 8.0.0.0/7 and 47 more (together every public IPv4 address)"},
		{"one half", []scanner.Value{list(str("0.0.0.0/1"))}, scanner.No, ""},
		{"halves of different families", []scanner.Value{list(str("0.0.0.0/1"), str("8000::/1"))}, scanner.No, ""},
		{"rejected text completes nothing", []scanner.Value{list(str("0.0.0.0/1"), str("128.0.0.1/1"))}, scanner.No, ""},
		{"unknown may complete", []scanner.Value{list(str("0.0.0.0/1"), unknownText("128."))}, scanner.Maybe, ""},
		{"unknown starting with 1 may be 128.0.0.0/1", []scanner.Value{list(str("0.0.0.0/1"), unknownText("1"))}, scanner.Maybe, ""},
		{"unknown under 10/7 cannot complete", []scanner.Value{list(str("0.0.0.0/1"), unknownText("10."))}, scanner.No, ""},
		{"unknown argument may complete", []scanner.Value{list(str("0.0.0.0/1")),
			{Val: cty.UnknownVal(cty.String).Refine().StringPrefix("1").NewValue(), Present: true}}, scanner.Maybe, ""},
		{"unknown /16 cannot complete", []scanner.Value{list(str("0.0.0.0/1"), unknownText("1.0.0.0/16"))}, scanner.No, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			source, state := worldSource(c.values...)
			assert.Equal(t, c.want, state)
			assert.Equal(t, c.source, source)
		})
	}
}
