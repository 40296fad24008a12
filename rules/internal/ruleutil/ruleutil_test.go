package ruleutil

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestIntAtLeast(t *testing.T) {
	for name, tc := range map[string]struct {
		v         scanner.Value
		def       int
		got       int
		ok, known bool
	}{
		"absent default below minimum": {scanner.Value{}, 3, 3, false, true},
		"absent default meets minimum": {scanner.Value{}, 7, 7, true, true},
		"written below":                {scanner.Value{Present: true, Val: cty.NumberIntVal(6)}, 30, 6, false, true},
		"written at minimum":           {scanner.Value{Present: true, Val: cty.NumberIntVal(7)}, 0, 7, true, true},
		"fraction is not known":        {scanner.Value{Present: true, Val: cty.NumberFloatVal(7.5)}, 0, 0, false, false},
		"unknown is not known":         {scanner.Value{Present: true, Val: cty.UnknownVal(cty.Number)}, 30, 0, false, false},
	} {
		t.Run(name, func(t *testing.T) {
			got, ok, known := IntAtLeast(tc.v, tc.def, 7)
			assert.Equal(t, tc.got, got)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.known, known)
		})
	}
}

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

func TestKnownStrings(t *testing.T) {
	partly := cty.ListVal([]cty.Value{cty.StringVal("0.0.0.0/0"), cty.UnknownVal(cty.String)})
	for name, tc := range map[string]struct {
		v        scanner.Value
		want     []string
		complete bool
	}{
		"absent":         {scanner.Value{}, nil, true},
		"known list":     {scanner.Value{Present: true, Val: cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})}, []string{"a", "b"}, true},
		"single string":  {scanner.Value{Present: true, Val: cty.StringVal("a")}, []string{"a"}, true},
		"partly unknown": {scanner.Value{Present: true, Val: partly}, []string{"0.0.0.0/0"}, false},
		"wholly unknown": {scanner.Value{Present: true, Val: cty.UnknownVal(cty.List(cty.String))}, nil, false},
		"not a list":     {scanner.Value{Present: true, Val: cty.MapValEmpty(cty.String)}, nil, false},
	} {
		t.Run(name, func(t *testing.T) {
			got, complete := KnownStrings(tc.v)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.complete, complete)
		})
	}
}
