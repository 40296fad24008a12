package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/stretchr/testify/require"
)

// BenchmarkPlanRPCs measures the provider's own share of BenchmarkPlan
// without Terraform: one op is what a plan asks of the provider for one
// control and its evidence requirement (ValidateResourceConfig and
// PlanResourceChange of each), served in process through the plugin
// protocol types, msgpack included. Run it with -benchmem to see the
// allocations, which the garbage collector pays for again:
//
//	go test -run '^$' -bench BenchmarkPlanRPCs -benchmem ./provider
func BenchmarkPlanRPCs(b *testing.B) {
	// As main does when nobody asks for logs: the SDK's TRACE logs would
	// otherwise dominate.
	b.Setenv("TF_LOG_SDK", "off")
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(NewWithClock("bench", newFakeClock(testNow))())()
	require.NoError(b, err)
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	require.NoError(b, err)
	providerType := schemas.Provider.ValueType()
	config := dynamicValue(b, providerType, nullAttributes(providerType))

	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	strings := func(s ...string) tftypes.Value {
		var vs []tftypes.Value
		for _, e := range s {
			vs = append(vs, str(e))
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vs)
	}
	type rpc struct {
		typeName string
		config   *tfprotov6.DynamicValue
		prior    *tfprotov6.DynamicValue
	}
	resourceRPC := func(typeName string, set map[string]tftypes.Value) rpc {
		typ := schemas.ResourceSchemas[typeName].ValueType()
		values := nullAttributes(typ)
		for k, v := range set {
			values[k] = v
		}
		return rpc{typeName, dynamicValue(b, typ, values), dynamicValue(b, typ, nil)}
	}
	// A thousand controls, as in BenchmarkPlan: the provider checks that
	// control IDs are unique within a walk, so the benchmark starts a new
	// walk, as Terraform does, after each thousand.
	const walk = 1000
	var rpcs []rpc
	for i := range walk {
		id := fmt.Sprintf("CTL-%04d", i)
		rpcs = append(rpcs,
			resourceRPC("soc2_control", map[string]tftypes.Value{
				"control_id": str(id), "title": str(fmt.Sprintf("Control %d", i)), "description": str("What the control does."),
				"criteria": strings("CC6.1", "CC7.2"), "owner_id": str("lead@example.com"), "status": str("implemented"),
				"frequency": str("quarterly"), "scanner_rules": strings("aws-rds-backup-retention", "aws-dynamodb-point-in-time-recovery"),
			}),
			resourceRPC("soc2_evidence_requirement", map[string]tftypes.Value{
				"control_id": str(id), "name": str("Evidence"), "description": str("What proves that the control operates."),
				"frequency": str("quarterly"), "source": str("identity_provider"), "collection": str("manual"),
				"owner_id": str("lead@example.com"), "last_collected": str("2025-06-01"),
			}))
	}
	newWalk := func() {
		_, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: config})
		require.NoError(b, err)
		configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: config})
		require.NoError(b, err)
		require.Empty(b, configured.Diagnostics)
	}
	newWalk()
	n := 0
	for b.Loop() {
		if n == walk {
			newWalk()
			n = 0
		}
		for _, r := range rpcs[2*n : 2*n+2] {
			v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: r.typeName, Config: r.config})
			if err != nil || len(v.Diagnostics) > 0 {
				b.Fatalf("validating %s: %v %v", r.typeName, err, v.Diagnostics)
			}
			p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
				TypeName: r.typeName, PriorState: r.prior, ProposedNewState: r.config, Config: r.config,
			})
			if err != nil || len(p.Diagnostics) > 0 {
				b.Fatalf("planning %s: %v %+v", r.typeName, err, *p.Diagnostics[0])
			}
		}
		n++
	}
}

// nullAttributes returns a null value for each attribute of an object type.
func nullAttributes(t tftypes.Type) map[string]tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, at := range t.(tftypes.Object).AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
	}
	return values
}

// dynamicValue encodes an object, or a null one when values is nil.
func dynamicValue(tb testing.TB, t tftypes.Type, values map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	var v tftypes.Value
	if values == nil {
		v = tftypes.NewValue(t, nil)
	} else {
		v = tftypes.NewValue(t, values)
	}
	dv, err := tfprotov6.NewDynamicValue(t, v)
	require.NoError(tb, err, fmt.Sprintf("encoding %s", t))
	return &dv
}
