// Package provider implements the soc2 Terraform provider.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Provider is a placeholder until the provider issue lands.
type Provider struct{ version string }

// New returns a constructor for the provider server.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &Provider{version: version} }
}

func (p *Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "soc2"
	resp.Version = p.version
}

func (p *Provider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *Provider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (p *Provider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *Provider) DataSources(context.Context) []func() datasource.DataSource { return nil }

var _ schema.Schema
