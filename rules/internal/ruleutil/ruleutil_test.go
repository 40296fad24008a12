package ruleutil

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestParsePortRange(t *testing.T) {
	for spec, want := range map[string]PortRange{
		"22":          {22, 22},
		" 5985-5986 ": {5985, 5986},
		"20 - 30":     {20, 30},
		"*":           AllPorts,
		"":            AllPorts,
	} {
		got, err := ParsePortRange(spec)
		require.NoError(t, err, spec)
		assert.Equal(t, want, got, spec)
	}
	for _, bad := range []string{"ssh", "22-", "-22", "30-20", "70000", "1-65536"} {
		_, err := ParsePortRange(bad)
		assert.ErrorContains(t, err, "is not a port or a port range", bad)
	}
}

func TestPortRange(t *testing.T) {
	r := PortRange{20, 30}
	assert.True(t, r.Overlaps(PortRange{22, 22}))
	assert.True(t, r.Overlaps(PortRange{30, 40}))
	assert.False(t, r.Overlaps(PortRange{31, 40}))
	assert.False(t, r.Overlaps(PortRange{1, 19}))
	assert.True(t, PortRange{22, 22}.Is(22))
	assert.False(t, r.Is(22))
	assert.Equal(t, "20-30", r.String())
	assert.Equal(t, "22", PortRange{22, 22}.String())
}

func TestPortsParam(t *testing.T) {
	ctx := &scanner.Context{Params: map[string]any{"admin_ports": []string{"22", "5985-5986"}}}
	got, err := PortsParam(ctx, "admin_ports")
	require.NoError(t, err)
	assert.Equal(t, []PortRange{{22, 22}, {5985, 5986}}, got)

	ctx.Params["admin_ports"] = []string{}
	_, err = PortsParam(ctx, "admin_ports")
	assert.EqualError(t, err, "parameter admin_ports is empty")

	ctx.Params["admin_ports"] = []string{"ssh"}
	_, err = PortsParam(ctx, "admin_ports")
	assert.ErrorContains(t, err, `parameter admin_ports: "ssh" is not a port`)
}

func TestIsWholeInternet(t *testing.T) {
	for _, s := range []string{"0.0.0.0/0", " ::/0 ", "0::/0", "0:0:0:0:0:0:0:0/0", "10.0.0.0/0"} {
		assert.True(t, IsWholeInternet(s), "%q covers every address of its family", s)
	}
	for _, s := range []string{"0.0.0.0/1", "::/1", "10.0.0.0/8", "0.0.0.0", "*", "Internet", "", "x/0"} {
		assert.False(t, IsWholeInternet(s), "%q without aliases", s)
	}
	azure := []string{"*", "Internet", "Any", "0.0.0.0"}
	for _, s := range []string{"*", "internet", "INTERNET", " Any ", "0.0.0.0", "::/0"} {
		assert.True(t, IsWholeInternet(s, azure...), "%q with Azure's names", s)
	}
	for _, s := range []string{"VirtualNetwork", "AzureLoadBalancer", "10.0.0.0/16"} {
		assert.False(t, IsWholeInternet(s, azure...), "%q with Azure's names", s)
	}
}

func TestFirstOutside(t *testing.T) {
	web := []PortRange{{From: 443, To: 443}, {From: 80, To: 80}}
	for span, want := range map[PortRange]string{
		{From: 0, To: 65535}: "1-79",
		{From: 80, To: 80}:   "",
		{From: 80, To: 443}:  "81-442",
		{From: 443, To: 444}: "444",
		{From: 22, To: 22}:   "22",
		{From: 0, To: 0}:     "",
	} {
		got, ok := FirstOutside(span, web)
		if want == "" {
			assert.False(t, ok, "%v is inside the allow-list, got %v", span, got)
			continue
		}
		if assert.True(t, ok, "%v", span) {
			assert.Equal(t, want, got.String(), "%v", span)
		}
	}
}

func TestDefaultAdminPorts(t *testing.T) {
	ctx := &scanner.Context{Params: map[string]any{"admin_ports": DefaultAdminPorts()}}
	got, err := PortsParam(ctx, "admin_ports")
	require.NoError(t, err)
	assert.Equal(t, []PortRange{{22, 22}, {3389, 3389}, {5985, 5986}}, got)
	for _, p := range got {
		assert.Contains(t, AdminPortsText, "("+p.String()+")", "the description text names every default port")
	}

	// Each call is a fresh slice: one rule's default cannot leak into another's.
	a := DefaultAdminPorts()
	a[0] = "2222"
	assert.Equal(t, "22", DefaultAdminPorts()[0])
}

// TestThroughRef checks that a pass or not-applicable verdict reached
// through an argument a fallback may leave blank is unknown, and that
// other verdicts, and those through an argument that stays set, stand.
func TestThroughRef(t *testing.T) {
	set := scanner.Value{Name: "snapshot_id", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{"aws_ebs_snapshot.s"}}
	blank := set.WithMayBeBlank(true)
	failed := scanner.Failed(scanner.Range{}, "not encrypted")
	for _, res := range []scanner.Result{scanner.Passed(), scanner.DoesNotApply("judged on its own"), failed} {
		assert.Equal(t, res, ThroughRef(set, res))
	}
	assert.Equal(t, scanner.Unknown, ThroughRef(blank, scanner.Passed()).Status)
	assert.Equal(t, scanner.Unknown, ThroughRef(blank, scanner.DoesNotApply("judged on its own")).Status)
	assert.Equal(t, failed, ThroughRef(blank, failed))
}
