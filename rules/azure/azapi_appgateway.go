package azure

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// armApplicationGateway maps an application gateway onto
// azurerm_application_gateway. The SKU and firewallPolicy.id are fields;
// the listeners, routing rules, redirects and URL path maps are arrays of
// { name, properties } whose references to one another are ARM IDs
// ending in "/<collection>/<name>", which adjust turns into azurerm's
// blocks and *_name arguments. These properties have had this shape from
// 2020-05-01 (firewallPolicy came in 2019) to 2024-05-01, the newest
// version read.
var armApplicationGateway = &armType{
	name: "Microsoft.Network/applicationGateways", azurerm: appGatewayType,
	oldest: "2020-05-01", newest: "2024-05-01",
	fields: []armField{
		{attr: []string{"sku", "name"}, body: []string{"properties", "sku", "name"}},
		{attr: []string{"sku", "tier"}, body: []string{"properties", "sku", "tier"}},
		{attr: []string{"firewall_policy_id"}, body: []string{"properties", "firewallPolicy", "id"}},
	},
	adjust: appGatewayAdjust,
	renames: map[string]string{
		"http_listener":          "body.properties.httpListeners entry",
		"request_routing_rule":   "body.properties.requestRoutingRules entry",
		"redirect_configuration": "body.properties.redirectConfigurations entry",
		"url_path_map":           "body.properties.urlPathMaps entry",
		"waf_configuration":      "body.properties.webApplicationFirewallConfiguration",
	},
}

// appGatewayCollections are the body arrays read, the azurerm block each
// stands for, and how one entry's properties become the block's
// arguments: an argument ending in _name reads the last segment of the
// ARM ID at the path.
var appGatewayCollections = []struct {
	key, block string
	args       map[string][]string
}{
	{"httpListeners", "http_listener", map[string][]string{"protocol": {"protocol"}}},
	{"requestRoutingRules", "request_routing_rule", map[string][]string{
		"rule_type":                   {"ruleType"},
		"http_listener_name":          {"httpListener", "id"},
		"redirect_configuration_name": {"redirectConfiguration", "id"},
		"url_path_map_name":           {"urlPathMap", "id"},
	}},
	{"redirectConfigurations", "redirect_configuration", map[string][]string{
		"redirect_type":        {"redirectType"},
		"target_listener_name": {"targetListener", "id"},
		"target_url":           {"targetUrl"},
	}},
	{"urlPathMaps", "url_path_map", map[string][]string{
		"default_redirect_configuration_name": {"defaultRedirectConfiguration", "id"},
	}},
}

// appGatewayAdjust builds the gateway's blocks from its body; a patch is
// not read (it replaces whole arrays, which the rules judge together).
func appGatewayAdjust(blk *scanner.Block, body scanner.Value, patch bool, _ map[string]string) {
	if patch {
		return
	}
	props := body.Index("properties")
	if props.IsUnknown() {
		for _, c := range appGatewayCollections {
			blk.MarkBlocksUnknown(c.block)
		}
		blk.MarkBlocksUnknown("waf_configuration")
		return
	}
	if waf := props.Index("webApplicationFirewallConfiguration"); waf.Present && (waf.IsUnknown() || !waf.IsNull()) {
		blk.AddBlock(scanner.NewBlock("waf_configuration", body.PartRange("properties", "webApplicationFirewallConfiguration")))
	}
	for _, c := range appGatewayCollections {
		list := props.Index(c.key)
		rng := body.PartRange("properties", c.key)
		switch {
		case list.IsUnknown():
			blk.MarkBlocksUnknown(c.block)
		case list.Present && !list.IsNull() && list.Val.CanIterateElements():
			for i := range list.Val.LengthInt() {
				entry := list.Index(i)
				if entry.IsUnknown() {
					blk.MarkBlocksUnknown(c.block)
					continue
				}
				b := appGatewayBlock(c.block, entry, c.args, rng)
				if c.key == "urlPathMaps" {
					rules := entry.Index("properties").Index("pathRules")
					switch {
					case rules.IsUnknown():
						b.MarkBlocksUnknown("path_rule")
					case rules.Present && !rules.IsNull() && rules.Val.CanIterateElements():
						for j := range rules.Val.LengthInt() {
							b.AddBlock(appGatewayBlock("path_rule", rules.Index(j), map[string][]string{
								"redirect_configuration_name": {"redirectConfiguration", "id"},
							}, rng))
						}
					}
				}
				blk.AddBlock(b)
			}
		}
	}
}

// appGatewayBlock builds one block from an array entry { name,
// properties }.
func appGatewayBlock(typ string, entry scanner.Value, args map[string][]string, rng scanner.Range) *scanner.Block {
	b := scanner.NewBlock(typ, rng)
	if n := entry.Index("name"); n.Present {
		n.Range, n.Name = rng, "name"
		b.SetAttr("name", n)
	}
	p := entry.Index("properties")
	for attr, path := range args {
		v := p
		for _, step := range path {
			v = v.Index(step)
		}
		if !v.Present || v.IsNull() {
			continue
		}
		if strings.HasSuffix(attr, "_name") {
			v.Val = idLastSegment(v.Val)
		}
		v.Range, v.Name = rng, attr
		b.SetAttr(attr, v)
	}
	return b
}

// idLastSegment is the name an ARM ID ends with; an ID only known after
// apply stays unknown.
func idLastSegment(v cty.Value) cty.Value {
	if !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return v
	}
	s := v.AsString()
	return cty.StringVal(s[strings.LastIndex(s, "/")+1:])
}

// azapiGatewayWAFGood is a WAF_v2 gateway with a firewall policy, and
// one with an inline WAF configuration.
var azapiGatewayWAFGood = []scanner.Example{{Code: `
resource "azapi_resource" "policy" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw"
  body = {
    properties = {
      sku            = { name = "WAF_v2", tier = "WAF_v2", capacity = 2 }
      firewallPolicy = { id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/acme" }
    }
  }
}

resource "azapi_resource" "inline" {
  type      = "Microsoft.Network/applicationGateways@2024-05-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw2"
  body = {
    properties = {
      sku                                 = { name = "WAF_v2", tier = "WAF_v2" }
      webApplicationFirewallConfiguration = { enabled = true, firewallMode = "Prevention", ruleSetType = "OWASP", ruleSetVersion = "3.2" }
    }
  }
}`}}

// azapiGatewayWAFBad are a Standard_v2 gateway, a WAF tier without
// rules, a tier only known after apply and an API version not read.
var azapiGatewayWAFBad = []scanner.Example{{Code: `
variable "tier" {
  type = string
}

resource "azapi_resource" "standard" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw"
  body      = { properties = { sku = { name = "Standard_v2", tier = "Standard_v2" } } }
}

resource "azapi_resource" "no_rules" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw2"
  body      = { properties = { sku = { name = "WAF_v2", tier = "WAF_v2" } } }
}

resource "azapi_resource" "unknown" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw3"
  body      = { properties = { sku = { name = "WAF_v2", tier = var.tier } } }
}

resource "azapi_resource" "old" {
  type      = "Microsoft.Network/applicationGateways@2019-02-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw4"
  body      = { properties = { sku = { name = "Standard_v2", tier = "Standard_v2" } } }
}`,
	Fails:    []string{"azapi_resource.standard", "azapi_resource.no_rules"},
	Unknowns: []string{"azapi_resource.unknown", "azapi_resource.old"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.standard": {Line: 10, Message: "body.properties.sku.tier Standard_v2 has no web application firewall"},
		"azapi_resource.old":      {Message: "reads API versions 2020-05-01 to 2024-05-01"},
	},
}}

// azapiGatewayHTTPSGood is a gateway whose HTTP listener only redirects
// to its HTTPS listener, the IDs naming them by their last segment.
var azapiGatewayHTTPSGood = []scanner.Example{{Code: `
locals {
  agw = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/acme-agw"
}

resource "azapi_resource" "redirect" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw"
  body = {
    properties = {
      sku = { name = "WAF_v2", tier = "WAF_v2" }
      httpListeners = [
        { name = "https", properties = { protocol = "Https" } },
        { name = "http", properties = { protocol = "Http" } },
      ]
      redirectConfigurations = [
        { name = "to-https", properties = { redirectType = "Permanent", targetListener = { id = "${local.agw}/httpListeners/https" } } },
      ]
      requestRoutingRules = [
        {
          name = "http-redirect"
          properties = {
            ruleType              = "Basic"
            priority              = 10
            httpListener          = { id = "${local.agw}/httpListeners/http" }
            redirectConfiguration = { id = "${local.agw}/redirectConfigurations/to-https" }
          }
        },
      ]
    }
  }
}`}}

// azapiGatewayHTTPSBad are a gateway that forwards plain HTTP to a
// backend and one whose listener protocol is only known after apply.
var azapiGatewayHTTPSBad = []scanner.Example{{Code: `
variable "protocol" {
  type = string
}

resource "azapi_resource" "http" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw"
  body = {
    properties = {
      httpListeners = [{ name = "http", properties = { protocol = "Http" } }]
      requestRoutingRules = [
        {
          name = "http-forward"
          properties = {
            ruleType            = "Basic"
            httpListener        = { id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/acme-agw/httpListeners/http" }
            backendAddressPool  = { id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/acme-agw/backendAddressPools/app" }
          }
        },
      ]
    }
  }
}

resource "azapi_resource" "unknown" {
  type      = "Microsoft.Network/applicationGateways@2023-09-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-agw2"
  body      = { properties = { httpListeners = [{ name = "l", properties = { protocol = var.protocol } }] } }
}`,
	Fails:    []string{"azapi_resource.http"},
	Unknowns: []string{"azapi_resource.unknown"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.http": {Line: 12, Message: `listener "http" serves plain HTTP`},
	},
}}
