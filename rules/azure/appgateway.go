package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const appGatewayType = "azurerm_application_gateway"

var appGatewayHTTPSOnly = &scanner.Rule{
	ID:    "azure-application-gateway-https-only",
	Title: "Application gateways serve HTTPS only, redirecting plain HTTP",
	Description: "An application gateway listener with protocol Http takes requests, cookies and credentials in " +
		"clear text from the internet. CC6.7 expects data in transmission protected. The rule passes a gateway " +
		"whose every http_listener uses Https; an Http listener is accepted only when every request_routing_rule " +
		"that uses it redirects, through a redirect_configuration (directly or, for path-based rules, as the " +
		"url_path_map's default and every path rule), to an Https listener or an https:// URL.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{appGatewayType},
	Remediation:   "Give every listener protocol = \"Https\" with an ssl_certificate, or route the Http listener only to a redirect_configuration that targets the Https listener.",
	RemediationCode: `resource "azurerm_application_gateway" "main" {
  # ...
  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "443"
    protocol                       = "Https"
    ssl_certificate_name           = "acme"
  }
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  redirect_configuration {
    name                 = "to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }
  request_routing_rule {
    name                        = "http-redirect"
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "to-https"
    priority                    = 10
  }
}`,
	Links: []string{
		azurermDocs + "application_gateway#protocol",
		azurermDocs + "application_gateway#redirect_configuration",
		"https://learn.microsoft.com/en-us/azure/application-gateway/redirect-http-to-https-portal",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_application_gateway" "redirect" {
  name = "acme"
  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "443"
    protocol                       = "Https"
    ssl_certificate_name           = "acme"
  }
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  redirect_configuration {
    name                 = "to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
  }
  request_routing_rule {
    name                       = "app"
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "app"
    backend_http_settings_name = "app"
    priority                   = 10
  }
  request_routing_rule {
    name                        = "http-redirect"
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "to-https"
    priority                    = 20
  }
}

resource "azurerm_application_gateway" "https" {
  name = "acme2"
  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "443"
    protocol                       = "Https"
    ssl_certificate_name           = "acme"
  }
}
resource "azurerm_application_gateway" "path_redirect" {
  name = "acme3"
  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "443"
    protocol                       = "Https"
    ssl_certificate_name           = "acme"
  }
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  redirect_configuration {
    name          = "to-https-url"
    redirect_type = "Permanent"
    target_url    = "https://acme.example.com"
  }
  url_path_map {
    name                                = "paths"
    default_redirect_configuration_name = "to-https-url"
    path_rule {
      name                        = "api"
      paths                       = ["/api/*"]
      redirect_configuration_name = "to-https-url"
    }
  }
  request_routing_rule {
    name               = "http-paths"
    rule_type          = "PathBasedRouting"
    http_listener_name = "http"
    url_path_map_name  = "paths"
    priority           = 10
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "protocol" {
  type = string
}

resource "azurerm_application_gateway" "http" {
  name = "acme"
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  request_routing_rule {
    name                       = "app"
    rule_type                  = "Basic"
    http_listener_name         = "http"
    backend_address_pool_name  = "app"
    backend_http_settings_name = "app"
    priority                   = 10
  }
}

resource "azurerm_application_gateway" "redirect_to_http" {
  name = "acme2"
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  redirect_configuration {
    name          = "elsewhere"
    redirect_type = "Found"
    target_url    = "http://acme.example.com"
  }
  request_routing_rule {
    name                        = "redirect"
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "elsewhere"
    priority                    = 10
  }
}

resource "azurerm_application_gateway" "path_forward" {
  name = "acme4"
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  redirect_configuration {
    name          = "to-https-url"
    redirect_type = "Permanent"
    target_url    = "https://acme.example.com"
  }
  url_path_map {
    name                                = "paths"
    default_redirect_configuration_name = "to-https-url"
    path_rule {
      name                       = "api"
      paths                      = ["/api/*"]
      backend_address_pool_name  = "api"
      backend_http_settings_name = "api"
    }
  }
  request_routing_rule {
    name               = "http-paths"
    rule_type          = "PathBasedRouting"
    http_listener_name = "http"
    url_path_map_name  = "paths"
    priority           = 10
  }
}

resource "azurerm_application_gateway" "named_after_apply" {
  name = "acme5"
  http_listener {
    name                           = "${var.protocol}-listener"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  request_routing_rule {
    name                       = "app"
    rule_type                  = "Basic"
    http_listener_name         = "${var.protocol}-listener"
    backend_address_pool_name  = "app"
    backend_http_settings_name = "app"
    priority                   = 10
  }
}

resource "azurerm_application_gateway" "unknown" {
  name = "acme3"
  http_listener {
    name                           = "listener"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "443"
    protocol                       = var.protocol
  }
}`,
		Fails:    []string{"azurerm_application_gateway.http", "azurerm_application_gateway.redirect_to_http", "azurerm_application_gateway.path_forward", "azurerm_application_gateway.named_after_apply"},
		Unknowns: []string{"azurerm_application_gateway.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_application_gateway.http":             {Line: 12, Message: `listener "http" serves plain HTTP`},
			"azurerm_application_gateway.redirect_to_http": {Message: `no redirect_configuration of the gateway redirects to HTTPS`},
			"azurerm_application_gateway.path_forward":     {Message: `url_path_map "paths" of request_routing_rule "http-paths" forwards some requests to a backend`},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		for _, typ := range []string{"http_listener", "request_routing_rule", "redirect_configuration", "url_path_map"} {
			if r.BlocksUnknown(typ) {
				return scanner.Unknowable(r.Range, "the %s blocks are not known until apply", typ)
			}
		}
		g := appGateway{r: r}
		var unknown *scanner.Result
		for _, l := range r.Blocks("http_listener") {
			p := l.Attr("protocol")
			switch {
			case p.IsUnknown():
				res := scanner.Unknowable(p.Range, "the protocol of http_listener %q is not known until apply", l.Attr("name").StringOr("?"))
				unknown = &res
				continue
			case p.Equals("Https"):
				continue
			}
			res := g.httpListener(l)
			switch res.Status {
			case scanner.Fail:
				return res
			case scanner.Unknown:
				unknown = &res
			}
		}
		if unknown != nil {
			return *unknown
		}
		return scanner.Passed()
	},
}

// appGateway reads an application gateway's listeners, routing rules,
// redirects and URL path maps by name.
type appGateway struct{ r *scanner.Resource }

// named returns the block of typ whose name is name, or nil.
func (g appGateway) named(typ, name string) *scanner.Block {
	for _, b := range g.r.Blocks(typ) {
		if n, ok := b.Attr("name").AsString(); ok && n == name {
			return b
		}
	}
	return nil
}

// httpListener judges the Http listener l: it passes when it is used by
// routing rules only and every one of them redirects to HTTPS.
func (g appGateway) httpListener(l *scanner.Block) scanner.Result {
	p := l.Attr("protocol")
	name, ok := l.Attr("name").AsString()
	if !g.canRedirectToHTTPS() {
		return scanner.Failed(p.Range, "listener %q serves plain HTTP: no redirect_configuration of the gateway redirects to HTTPS",
			l.Attr("name").StringOr("(name known after apply)"))
	}
	if !ok {
		return scanner.Unknowable(l.Range, "the name of an Http listener is not known until apply")
	}
	fail := func(why string, args ...any) scanner.Result {
		return scanner.Failed(p.Range, "listener %q serves plain HTTP: "+why, append([]any{name}, args...)...)
	}
	used := false
	for _, rule := range g.r.Blocks("request_routing_rule") {
		ln := rule.Attr("http_listener_name")
		if ln.IsUnknown() {
			return scanner.Unknowable(ln.Range, "the listener of request_routing_rule %q is not known until apply", rule.Attr("name").StringOr("?"))
		}
		if s, _ := ln.AsString(); s != name {
			continue
		}
		used = true
		ruleName := rule.Attr("name").StringOr("?")
		if rd := rule.Attr("redirect_configuration_name"); rd.IsSet() || rd.IsUnknown() {
			if res, ok := g.redirectsToHTTPS(rd); !ok {
				return res
			}
			continue
		}
		pm := rule.Attr("url_path_map_name")
		if pm.IsUnknown() {
			return scanner.Unknowable(pm.Range, "the url_path_map_name of request_routing_rule %q is not known until apply", ruleName)
		}
		pmName, isSet := pm.AsString()
		m := g.named("url_path_map", pmName)
		if !isSet || m == nil {
			return fail("request_routing_rule %q forwards it to a backend", ruleName)
		}
		if m.BlocksUnknown("path_rule") {
			return scanner.Unknowable(m.Range, "the path rules of url_path_map %q are not known until apply", pmName)
		}
		redirects := []scanner.Value{m.Attr("default_redirect_configuration_name")}
		for _, pr := range m.Blocks("path_rule") {
			redirects = append(redirects, pr.Attr("redirect_configuration_name"))
		}
		for _, rd := range redirects {
			if rd.IsNull() && !rd.IsUnknown() {
				return fail("url_path_map %q of request_routing_rule %q forwards some requests to a backend", pmName, ruleName)
			}
			if res, ok := g.redirectsToHTTPS(rd); !ok {
				return res
			}
		}
	}
	if !used {
		return fail("no request_routing_rule redirects it to HTTPS")
	}
	return scanner.Passed()
}

// canRedirectToHTTPS reports whether some redirect_configuration of the
// gateway redirects, or may redirect, to HTTPS: without one, no Http
// listener can be redirected, whatever the names the rules use.
func (g appGateway) canRedirectToHTTPS() bool {
	for _, c := range g.r.Blocks("redirect_configuration") {
		n := c.Attr("name")
		if _, known := n.AsString(); !known {
			return true
		}
		if res, ok := g.redirectsToHTTPS(n); ok || res.Status == scanner.Unknown {
			return true
		}
	}
	return false
}

// redirectsToHTTPS reports whether the redirect_configuration named by rd
// targets an Https listener or an https:// URL; when not, res says why.
func (g appGateway) redirectsToHTTPS(rd scanner.Value) (res scanner.Result, ok bool) {
	name, known := rd.AsString()
	if !known {
		return scanner.Unknowable(rd.Range, "%s is not known until apply", rd.Name), false
	}
	c := g.named("redirect_configuration", name)
	if c == nil {
		return scanner.Failed(rd.Range, "redirect_configuration %q is not defined on the gateway", name), false
	}
	if tl := c.Attr("target_listener_name"); tl.IsSet() || tl.IsUnknown() {
		target, known := tl.AsString()
		if !known {
			return scanner.Unknowable(tl.Range, "target_listener_name of redirect_configuration %q is not known until apply", name), false
		}
		l := g.named("http_listener", target)
		switch {
		case l == nil:
			return scanner.Failed(tl.Range, "redirect_configuration %q targets listener %q, which is not defined", name, target), false
		case l.Attr("protocol").IsUnknown():
			return scanner.Unknowable(tl.Range, "the protocol of listener %q is not known until apply", target), false
		case l.Attr("protocol").Equals("Https"):
			return scanner.Passed(), true
		}
		return scanner.Failed(tl.Range, "redirect_configuration %q does not redirect to HTTPS: listener %q is Http", name, target), false
	}
	u := c.Attr("target_url")
	if u.IsUnknown() && !strings.HasPrefix(strings.ToLower(u.KnownPrefix()), "https://") {
		return scanner.Unknowable(u.Range, "target_url of redirect_configuration %q is not known until apply", name), false
	}
	if strings.HasPrefix(strings.ToLower(u.KnownPrefix()), "https://") {
		return scanner.Passed(), true
	}
	return scanner.Failed(u.Range, "redirect_configuration %q does not redirect to HTTPS (target_url %s)", name, u.StringOr("unset")), false
}
