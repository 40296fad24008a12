package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption in transit at the edges AWS terminates: load balancers,
// CloudFront, API Gateway custom domains.

var lbListenerTypes = []string{"aws_lb_listener", "aws_alb_listener"}

var lbListenerHTTPS = &scanner.Rule{
	ID:    "aws-lb-listener-uses-https",
	Title: "Load balancer listeners serve HTTPS or redirect HTTP to HTTPS",
	Description: "A plain-HTTP listener that forwards to targets sends session cookies, credentials and customer data " +
		"across the internet in clear text. SOC 2 CC6.7 expects transmission to be encrypted; an HTTP listener is fine " +
		"only when all it does is redirect to HTTPS (or answer with a fixed response). The protocol defaults to HTTP " +
		"on Application Load Balancers; TCP and UDP listeners of Network Load Balancers are out of scope.",
	Severity:      scanner.High,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: lbListenerTypes,
	Remediation: "Serve the application on an HTTPS listener with an ACM certificate and make the port-80 listener's " +
		"default action a redirect with protocol = \"HTTPS\".",
	RemediationCode: `resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}`,
	Links: []string{
		registryDoc("aws_lb_listener", "protocol"),
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_103"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_2"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0054"},
		{Tool: scanner.ToolTfsec, ID: "aws-elb-http-not-used"},
		{Tool: scanner.ToolKICS, ID: "ALB Listening on HTTP"},
		{Tool: scanner.ToolKICS, ID: "ALB protocol is HTTP"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_20"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lb" "app" {
  name = "app"
}

resource "aws_lb_listener" "redirect" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
}

resource "aws_lb_listener" "tcp" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 5432
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/db/1"
  }
}

# Without protocol, a Network Load Balancer listener is TCP.
resource "aws_lb_listener" "default_tcp" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 6379
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/cache/1"
  }
}`, NotApplicable: []string{"aws_lb_listener.tcp", "aws_lb_listener.default_tcp"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_lb" "app" {
  name = "app"
}

resource "aws_lb_listener" "forward" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

# The protocol defaults to HTTP on an Application Load Balancer, and a
# redirect keeps the request's protocol unless told otherwise.
resource "aws_alb_listener" "same_protocol_redirect" {
  load_balancer_arn = aws_lb.app.arn
  port              = 8080
  default_action {
    type = "redirect"
    redirect {
      port = "80"
    }
  }
}

resource "aws_lb_listener" "fixed" {
  load_balancer_arn = aws_lb.app.arn
  port              = 81
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

# A rule forwards plain-HTTP traffic behind the fixed response.
resource "aws_lb_listener_rule" "api" {
  listener_arn = aws_lb_listener.fixed.arn
  action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/1"
  }
  condition {
    path_pattern {
      values = ["/api/*"]
    }
  }
}

variable "protocol" {
  type = string
}

resource "aws_lb_listener" "unknown" {
  load_balancer_arn = aws_lb.app.arn
  port              = 82
  protocol          = var.protocol
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}`, Fails: []string{"aws_alb_listener.same_protocol_redirect", "aws_lb_listener.fixed", "aws_lb_listener.forward"}, Unknowns: []string{"aws_lb_listener.unknown"}},
		{Code: `
variable "lb_arn" {
  type = string
}

# An Application Load Balancer named by its ARN: the protocol defaults to HTTP.
resource "aws_lb_listener" "by_arn" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef"
  port              = 8080
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

# Which kind of load balancer this is, and so the default protocol, is unknown.
resource "aws_lb_listener" "unknown_lb" {
  load_balancer_arn = var.lb_arn
  port              = 8081
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}`, Fails: []string{"aws_lb_listener.by_arn"}, Unknowns: []string{"aws_lb_listener.unknown_lb"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		proto := r.Attr("protocol")
		if proto.IsUnknown() {
			return scanner.Unknowable(proto.Range, "protocol is not known until apply")
		}
		if proto.IsNull() {
			switch lbTypeOf(r, ctx) {
			case "application":
			case "":
				return scanner.Unknowable(r.Range, "protocol is not set and the load balancer's type, which decides the default, is not known")
			default:
				return scanner.DoesNotApply("protocol is not set, so TCP on this load balancer: not an HTTP listener")
			}
		} else if proto.OneOf("HTTPS", "TLS") {
			return scanner.Passed()
		} else if !proto.Equals("HTTP") {
			return scanner.DoesNotApply("a %s listener is not an HTTP listener", describeValue(proto))
		}
		return httpListenerActions(r, ctx)
	},
}

// lbTypeOf returns the type of the load balancer a listener belongs to
// ("application", "network", "gateway"), or "" when it cannot be resolved.
func lbTypeOf(listener *scanner.Resource, ctx *scanner.Context) string {
	arn := listener.Attr("load_balancer_arn")
	if s, ok := arn.AsString(); ok {
		// arn:aws:elasticloadbalancing:region:account:loadbalancer/app/name/id
		switch {
		case strings.Contains(s, ":loadbalancer/app/"):
			return "application"
		case strings.Contains(s, ":loadbalancer/net/"):
			return "network"
		case strings.Contains(s, ":loadbalancer/gwy/"):
			return "gateway"
		}
	}
	for _, lb := range ctx.Index.Resolve(arn) {
		if lb.Type != "aws_lb" && lb.Type != "aws_alb" {
			continue
		}
		t := lb.Attr("load_balancer_type")
		if t.IsNull() {
			return "application"
		}
		if s, ok := t.AsString(); ok {
			return strings.ToLower(s)
		}
	}
	return ""
}

// httpListenerActions decides a plain-HTTP listener by what it does with
// requests: redirecting to HTTPS or answering with a fixed response is
// fine, unless a listener rule forwards some requests anyway.
func httpListenerActions(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	if r.BlocksUnknown("default_action") {
		return scanner.Unknowable(r.Range, "the default actions are not known until apply")
	}
	fixedOnly := false
	for _, a := range r.Blocks("default_action") {
		switch verdict, res := httpAction(a); verdict {
		case httpActionServes:
			return res
		case httpActionUnknown:
			return res
		case httpActionRedirects:
			return scanner.Passed()
		case httpActionFixed:
			fixedOnly = true
		}
	}
	if !fixedOnly {
		return scanner.Failed(r.Range, "HTTP listener without a default action that redirects to HTTPS")
	}
	// A fixed response serves nothing, but listener rules may forward.
	for _, typ := range []string{"aws_lb_listener_rule", "aws_alb_listener_rule"} {
		referrers, _ := ctx.Index.Referrers(r, typ, []string{"listener_arn"})
		for _, rule := range referrers {
			if rule.BlocksUnknown("action") {
				return scanner.Unknowable(rule.Range, "the actions of listener rule %s are not known until apply: they may forward plain-HTTP requests", rule.Address)
			}
			for _, a := range rule.Blocks("action") {
				if verdict, res := httpAction(a); verdict == httpActionServes || verdict == httpActionUnknown {
					if verdict == httpActionServes {
						return scanner.Failed(r.Range, "HTTP listener whose rule %s forwards plain-HTTP requests (action %s)", rule.Address, describeValue(a.Attr("type")))
					}
					return res
				}
			}
		}
	}
	return scanner.Passed()
}

type httpActionVerdict int

const (
	httpActionServes httpActionVerdict = iota
	httpActionRedirects
	httpActionFixed
	httpActionUnknown
)

func httpAction(a *scanner.Block) (httpActionVerdict, scanner.Result) {
	typ := a.Attr("type")
	switch {
	case typ.IsUnknown():
		return httpActionUnknown, scanner.Unknowable(typ.Range, "the action type is not known until apply")
	case typ.Equals("fixed-response"):
		return httpActionFixed, scanner.Passed()
	case typ.Equals("redirect"):
		p := a.Get("redirect", "protocol")
		switch {
		case p.IsUnknown():
			return httpActionUnknown, scanner.Unknowable(p.Range, "the redirect protocol is not known until apply")
		case p.Equals("HTTPS"):
			return httpActionRedirects, scanner.Passed()
		}
		return httpActionServes, scanner.Failed(p.Range, "HTTP listener redirects with protocol %s (default #{protocol}, keeping HTTP) instead of HTTPS", describeValue(p))
	}
	return httpActionServes, scanner.Failed(typ.Range, "HTTP listener with a %s default action serves traffic unencrypted instead of redirecting to HTTPS", describeValue(typ))
}

// defaultELBPolicy is what AWS applies to an HTTPS or TLS listener created
// through the API without ssl_policy.
const defaultELBPolicy = "ELBSecurityPolicy-2016-08"

var lbListenerTLSPolicy = &scanner.Rule{
	ID:    "aws-lb-listener-modern-tls-policy",
	Title: "HTTPS and TLS listeners use a security policy without TLS 1.0 and 1.1",
	Description: "A listener's security policy decides which protocol versions and ciphers clients may negotiate. Policies " +
		"that still accept TLS 1.0/1.1 (including ELBSecurityPolicy-2016-08, the default when ssl_policy is unset) allow " +
		"downgrade to protocols with known weaknesses and fail PCI and most SOC 2 CC6.7 reviews. The allow-list is a " +
		"parameter of glob patterns; the default admits the TLS 1.3 policies, TLS-1-2-2017-01, TLS-1-2-Ext-2018-06 and " +
		"the FS-1-2 policies.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: lbListenerTypes,
	Params: []scanner.Param{{
		Name:        "allowed_policies",
		Description: "Glob patterns of the security policies accepted on HTTPS and TLS listeners.",
		Default: []string{
			"ELBSecurityPolicy-TLS13-1-2-*",
			"ELBSecurityPolicy-TLS13-1-3-*",
			"ELBSecurityPolicy-TLS-1-2-2017-01",
			"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
			"ELBSecurityPolicy-FS-1-2-*",
		},
	}},
	Remediation:     "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (or a stricter TLS 1.3 policy).",
	RemediationCode: "resource \"aws_lb_listener\" \"https\" {\n  # ...\n  protocol   = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n}",
	Links: []string{
		registryDoc("aws_lb_listener", "ssl_policy"),
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_103"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0047"},
		{Tool: scanner.ToolTfsec, ID: "aws-elb-use-secure-tls-policy"},
		{Tool: scanner.ToolProwler, ID: "elbv2_insecure_ssl_ciphers"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_74"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0108"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_lb_listener" "good" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/app/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

resource "aws_lb_listener" "nlb_tls" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/nlb/1"
  port              = 443
  protocol          = "TLS"
  ssl_policy        = "ELBSecurityPolicy-FS-1-2-Res-2020-10"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}`},
		{Code: `
resource "aws_lb_listener" "legacy_clients" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/app/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-1-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}`, Params: map[string]any{"allowed_policies": []string{"ELBSecurityPolicy-TLS13-*"}}},
		{Code: `
# A plain HTTP listener negotiates no TLS: no policy to judge
# (aws-lb-listener-uses-https judges the listener itself).
resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/app/1"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}`, NotApplicable: []string{"aws_lb_listener.http"}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_lb_listener" "default_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/app/1"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

resource "aws_alb_listener" "old" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/app/1"
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-1-2017-01"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

variable "ssl_policy" {
  type = string
}

resource "aws_lb_listener" "unknown" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/app/1"
  port              = 9443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}`, Fails: []string{"aws_alb_listener.old", "aws_lb_listener.default_policy"}, Unknowns: []string{"aws_lb_listener.unknown"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		proto := r.Attr("protocol")
		switch {
		case proto.IsUnknown():
			return scanner.Unknowable(proto.Range, "protocol is not known until apply")
		case !proto.OneOf("HTTPS", "TLS"):
			return scanner.DoesNotApply("protocol is %s: the listener negotiates no TLS, so it has no TLS policy", describeValue(proto))
		}
		policy := r.Attr("ssl_policy")
		if policy.IsUnknown() {
			return scanner.Unknowable(policy.Range, "ssl_policy is not known until apply")
		}
		name := policy.StringOr(defaultELBPolicy)
		if matchAny(name, ctx.Strings("allowed_policies")) {
			return scanner.Passed()
		}
		if policy.IsNull() {
			return scanner.Failed(policy.Range, "ssl_policy is not set: the listener uses %s, which accepts TLS 1.0 and 1.1", defaultELBPolicy)
		}
		return scanner.Failed(policy.Range, "ssl_policy %q is not in the allowed list of modern TLS policies", name)
	},
}

var elbClassicListenerHTTPS = &scanner.Rule{
	ID:    "aws-elb-classic-listener-uses-https",
	Title: "Classic Load Balancers do not accept plain HTTP",
	Description: "A Classic Load Balancer listener with lb_protocol = \"http\" carries requests, cookies and credentials in clear " +
		"text and cannot redirect to HTTPS by itself (SOC 2 CC6.7). Classic Load Balancers are legacy; migrating to an " +
		"Application Load Balancer gives redirects and modern TLS policies.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_elb"},
	Remediation:     "Use lb_protocol = \"https\" (or \"ssl\") with an ACM certificate; better, migrate to an Application Load Balancer.",
	RemediationCode: "resource \"aws_elb\" \"web\" {\n  # ...\n  listener {\n    lb_port            = 443\n    lb_protocol        = \"https\"\n    instance_port      = 8080\n    instance_protocol  = \"http\"\n    ssl_certificate_id = aws_acm_certificate.web.arn\n  }\n}",
	Links:           []string{registryDoc("aws_elb", "listener")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_127"}},
	Good: []scanner.Example{{Code: `
resource "aws_elb" "good" {
  name               = "web"
  availability_zones = ["eu-west-1a"]
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elb" "bad" {
  name               = "web"
  availability_zones = ["eu-west-1a"]
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
  listener {
    lb_port           = 80
    lb_protocol       = "HTTP"
    instance_port     = 8080
    instance_protocol = "http"
  }
}`, Fails: []string{"aws_elb.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return elbListeners(r, func(l *scanner.Block) scanner.Result {
			p := l.Attr("lb_protocol")
			switch {
			case p.IsUnknown():
				return scanner.Unknowable(p.Range, "lb_protocol is not known until apply")
			case p.Equals("http"):
				return scanner.Failed(p.Range, "listener on port %s accepts plain HTTP", describeValue(l.Attr("lb_port")))
			}
			return scanner.Passed()
		})
	},
}

var cloudfrontViewerHTTPS = &scanner.Rule{
	ID:    "aws-cloudfront-viewer-https-only",
	Title: "CloudFront cache behaviours require HTTPS from viewers",
	Description: "viewer_protocol_policy = \"allow-all\" lets browsers and API clients talk to the distribution over plain " +
		"HTTP, exposing cookies, tokens and content (SOC 2 CC6.7). Every cache behaviour, the default one and each " +
		"ordered one, should redirect to HTTPS or require it.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_cloudfront_distribution"},
	Remediation:     "Set viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\") on every cache behaviour.",
	RemediationCode: "default_cache_behavior {\n  # ...\n  viewer_protocol_policy = \"redirect-to-https\"\n}",
	Links: []string{
		registryDoc("aws_cloudfront_distribution", "viewer_protocol_policy"),
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_34"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0012"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudfront-enforce-https"},
		{Tool: scanner.ToolKICS, ID: "Cloudfront Viewer Protocol Policy Allows HTTP"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: cloudfrontExample("good", "redirect-to-https", "https-only", `
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }`)}}
		bad = []scanner.Example{
			{Code: cloudfrontExample("bad", "allow-all", "https-only", `
  viewer_certificate {
    cloudfront_default_certificate = true
  }`), Fails: []string{"aws_cloudfront_distribution.bad"}},
			{Code: cloudfrontExample("ordered", "https-only", "allow-all", `
  viewer_certificate {
    cloudfront_default_certificate = true
  }`) + `
variable "default_behavior" {
  type = list(object({ origin = string, policy = string }))
}

# The default behaviour, and its viewer protocol policy, come from a
# variable only known at apply.
resource "aws_cloudfront_distribution" "generated" {
  enabled = true
  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
  }
  dynamic "default_cache_behavior" {
    for_each = var.default_behavior
    content {
      target_origin_id       = default_cache_behavior.value.origin
      allowed_methods        = ["GET", "HEAD"]
      cached_methods         = ["GET", "HEAD"]
      viewer_protocol_policy = default_cache_behavior.value.policy
    }
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}`, Fails: []string{"aws_cloudfront_distribution.ordered"}, Unknowns: []string{"aws_cloudfront_distribution.generated"}},
		}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		var results []scanner.Result
		check := func(b *scanner.Block, where string) {
			p := b.Attr("viewer_protocol_policy")
			switch {
			case p.IsUnknown():
				results = append(results, scanner.Unknowable(p.Range, "%s viewer_protocol_policy is not known until apply", where))
			case p.Equals("allow-all"):
				results = append(results, scanner.Failed(p.Range, "%s has viewer_protocol_policy = \"allow-all\": viewers may use plain HTTP", where))
			}
		}
		for _, b := range r.Blocks("default_cache_behavior") {
			check(b, "default_cache_behavior")
		}
		for _, b := range r.Blocks("ordered_cache_behavior") {
			check(b, "ordered_cache_behavior "+describeValue(b.Attr("path_pattern")))
		}
		if r.BlocksUnknown("default_cache_behavior") {
			results = append(results, scanner.Unknowable(r.Range, "the default cache behaviour is not known until apply"))
		}
		if r.BlocksUnknown("ordered_cache_behavior") {
			results = append(results, scanner.Unknowable(r.Range, "the ordered cache behaviours are not known until apply"))
		}
		return worst(results...)
	},
}

// cloudfrontExample renders a small distribution for examples.
func cloudfrontExample(name, defaultPolicy, orderedPolicy, viewerCert string) string {
	return `
resource "aws_cloudfront_distribution" "` + name + `" {
  enabled = true
  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "app"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "` + defaultPolicy + `"
  }
  ordered_cache_behavior {
    path_pattern           = "/static/*"
    target_origin_id       = "app"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "` + orderedPolicy + `"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }` + viewerCert + `
}`
}

var cloudfrontMinimumTLS = &scanner.Rule{
	ID:    "aws-cloudfront-minimum-tls-1-2",
	Title: "CloudFront distributions require TLS 1.2 or later from viewers",
	Description: "The viewer certificate's minimum_protocol_version decides which TLS versions viewers may negotiate; it " +
		"defaults to TLSv1. With the default *.cloudfront.net certificate (cloudfront_default_certificate = true) CloudFront " +
		"always accepts TLS 1.0, whatever the setting. SOC 2 CC6.7 reviews expect TLS 1.0/1.1 to be refused, which needs " +
		"a custom certificate with a TLSv1.2_* or TLSv1.3_* policy. TLSv1.2_2018 also refuses TLS 1.0 and 1.1 (it still " +
		"offers some ciphers without forward secrecy, like the ELB TLS-1-2-2017-01 policy the load balancer rule accepts); " +
		"narrow allowed_minimum_protocol_versions to require the newer cipher sets. Set allow_default_certificate = true " +
		"to accept distributions served only on their cloudfront.net name.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"aws_cloudfront_distribution"},
	Params: []scanner.Param{
		{
			Name:        "allowed_minimum_protocol_versions",
			Description: "Security policies accepted as minimum_protocol_version.",
			Default:     []string{"TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"},
		},
		{
			Name:        "allow_default_certificate",
			Description: "Accept distributions that use the default *.cloudfront.net certificate, which always allows TLS 1.0.",
			Default:     false,
		},
	},
	Remediation:     "Use an ACM certificate (in us-east-1) with ssl_support_method = \"sni-only\" and minimum_protocol_version = \"TLSv1.2_2021\".",
	RemediationCode: "viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.cdn.arn\n  ssl_support_method       = \"sni-only\"\n  minimum_protocol_version = \"TLSv1.2_2021\"\n}",
	Links: []string{
		registryDoc("aws_cloudfront_distribution", "minimum_protocol_version"),
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_174"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0013"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudfront-use-secure-tls-policy"},
		{Tool: scanner.ToolKICS, ID: "CloudFront Without Minimum Protocol TLS 1.2"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{
			{Code: cloudfrontExample("good", "redirect-to-https", "https-only", `
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }`)},
			{Code: cloudfrontExample("internal", "redirect-to-https", "https-only", `
  viewer_certificate {
    cloudfront_default_certificate = true
  }`), Params: map[string]any{"allow_default_certificate": true}},
			{Code: cloudfrontExample("tls12_2018", "redirect-to-https", "https-only", `
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2018"
  }`)},
		}
		bad = []scanner.Example{
			{Code: cloudfrontExample("default_cert", "redirect-to-https", "https-only", `
  viewer_certificate {
    cloudfront_default_certificate = true
  }`), Fails: []string{"aws_cloudfront_distribution.default_cert"}},
			{Code: cloudfrontExample("old", "redirect-to-https", "https-only", `
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.1_2016"
  }`), Fails: []string{"aws_cloudfront_distribution.old"}},
			{Code: cloudfrontExample("unset", "redirect-to-https", "https-only", `
  viewer_certificate {
    acm_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method  = "sni-only"
  }`), Fails: []string{"aws_cloudfront_distribution.unset"}},
			{Code: cloudfrontExample("tls12_2018_narrowed", "redirect-to-https", "https-only", `
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2018"
  }`), Params: map[string]any{"allowed_minimum_protocol_versions": []string{"TLSv1.2_2021", "TLSv1.3_2025"}},
				Fails: []string{"aws_cloudfront_distribution.tls12_2018_narrowed"}},
		}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		vc := r.FirstBlock("viewer_certificate")
		if vc == nil {
			if r.BlocksUnknown("viewer_certificate") {
				return scanner.Unknowable(r.Range, "viewer_certificate is not known until apply")
			}
			return scanner.Failed(r.Range, "no viewer_certificate: the distribution uses the default certificate, which accepts TLS 1.0")
		}
		def := vc.Attr("cloudfront_default_certificate")
		if def.IsUnknown() {
			return scanner.Unknowable(def.Range, "cloudfront_default_certificate is not known until apply")
		}
		if def.IsTrue() {
			if ctx.Bool("allow_default_certificate") {
				return scanner.Passed()
			}
			return scanner.Failed(def.Range, "cloudfront_default_certificate = true: the *.cloudfront.net certificate always accepts TLS 1.0, whatever minimum_protocol_version says")
		}
		v := vc.Attr("minimum_protocol_version")
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "minimum_protocol_version is not known until apply")
		}
		name := v.StringOr("TLSv1")
		if matchAny(name, ctx.Strings("allowed_minimum_protocol_versions")) {
			return scanner.Passed()
		}
		if v.IsNull() {
			return scanner.Failed(vc.Range, "minimum_protocol_version is not set (default TLSv1): viewers may use TLS 1.0")
		}
		return scanner.Failed(v.Range, "minimum_protocol_version %q accepts protocols older than TLS 1.2 or weak ciphers", name)
	},
}

var apiGatewayDomainTLS = &scanner.Rule{
	ID:    "aws-api-gateway-domain-tls-1-2",
	Title: "API Gateway custom domains require TLS 1.2 or later",
	Description: "A REST API custom domain with the TLS_1_0 security policy accepts TLS 1.0 and 1.1 from clients; without " +
		"security_policy the domain is left on that legacy policy. SOC 2 CC6.7 reviews expect old protocol versions " +
		"to be refused. HTTP and WebSocket API domains (aws_apigatewayv2_domain_name) only support TLS_1_2.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"},
	Remediation:     "Set security_policy = \"TLS_1_2\" (or an enhanced SecurityPolicy_TLS13_* policy); on aws_apigatewayv2_domain_name it is domain_name_configuration.security_policy.",
	RemediationCode: "resource \"aws_api_gateway_domain_name\" \"api\" {\n  domain_name              = \"api.example.com\"\n  regional_certificate_arn = aws_acm_certificate.api.arn\n  security_policy          = \"TLS_1_2\"\n  endpoint_configuration {\n    types = [\"REGIONAL\"]\n  }\n}",
	Links: []string{
		registryDoc("aws_api_gateway_domain_name", "security_policy"),
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_206"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0005"},
		{Tool: scanner.ToolTfsec, ID: "aws-api-gateway-use-secure-tls-policy"},
		{Tool: scanner.ToolKICS, ID: "API Gateway Without Security Policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_domain_name" "good" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_apigatewayv2_domain_name" "good" {
  domain_name = "ws.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_api_gateway_domain_name" "unset" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_domain_name" "old" {
  domain_name              = "legacy.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_apigatewayv2_domain_name" "old" {
  domain_name = "ws.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_0"
  }
}`, Fails: []string{"aws_api_gateway_domain_name.old", "aws_api_gateway_domain_name.unset", "aws_apigatewayv2_domain_name.old"},
		Expect: map[string]scanner.Expected{"aws_apigatewayv2_domain_name.old": {Line: 24, Message: "TLS_1_0"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		p := r.Attr("security_policy")
		if r.Type == "aws_apigatewayv2_domain_name" {
			if r.BlocksUnknown("domain_name_configuration") {
				return scanner.Unknowable(r.Range, "domain_name_configuration is not known until apply")
			}
			p = r.Get("domain_name_configuration", "security_policy")
		}
		switch {
		case p.IsUnknown():
			return scanner.Unknowable(p.Range, "security_policy is not known until apply")
		case p.IsNull():
			return scanner.Failed(p.Range, "security_policy is not set: the domain stays on the legacy TLS_1_0 policy")
		case p.Equals("TLS_1_2"):
			return scanner.Passed()
		}
		if s, _ := p.AsString(); strings.HasPrefix(s, "SecurityPolicy_TLS13_") || strings.HasPrefix(s, "SecurityPolicy_TLS12_") {
			return scanner.Passed()
		}
		return scanner.Failed(p.Range, "security_policy %s accepts TLS 1.0", describeValue(p))
	},
}

var apiGatewayV2PrivateIntegrationTLS = &scanner.Rule{
	ID:    "aws-apigatewayv2-integration-tls",
	Title: "HTTP API private integrations reach their backend over TLS",
	Description: "An HTTP API integration with connection_type = \"VPC_LINK\" forwards requests through a VPC link to a " +
		"private load balancer or Cloud Map service. API Gateway uses HTTPS for that hop only when the integration " +
		"has a tls_config; without one every request, header and response crosses the VPC in clear text (SOC 2 " +
		"CC6.7). server_name_to_verify is the host name API Gateway checks the backend's certificate against, and " +
		"sends as SNI, so a tls_config without it fails too. Integrations over the internet (the default " +
		"connection_type), whose URL chooses the protocol, and integrations of WebSocket APIs, which take no " +
		"tls_config, are not applicable.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_apigatewayv2_integration"},
	Remediation:     "Serve HTTPS on the private backend and add tls_config { server_name_to_verify = \"<host name on its certificate>\" }.",
	RemediationCode: "resource \"aws_apigatewayv2_integration\" \"orders\" {\n  # ...\n  connection_type = \"VPC_LINK\"\n  tls_config {\n    server_name_to_verify = \"orders.internal.example.com\"\n  }\n}",
	Links: []string{
		registryDoc("aws_apigatewayv2_integration", "tls_config"),
		"https://docs.aws.amazon.com/apigateway/latest/api/apis-apiid-integrations.html#apis-apiid-integrations-model-tlsconfiginput",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_396"}},
	Good: []scanner.Example{{Code: `
resource "aws_apigatewayv2_api" "http" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "private" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders/abc/def"
  connection_type    = "VPC_LINK"
  connection_id      = "vpclink1"
  tls_config {
    server_name_to_verify = "orders.internal.example.com"
  }
}

resource "aws_apigatewayv2_integration" "public" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "https://orders.example.com"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_integration" "websocket" {
  api_id             = aws_apigatewayv2_api.ws.id
  integration_type   = "HTTP_PROXY"
  integration_method = "POST"
  integration_uri    = "http://chat.internal.example.com"
  connection_type    = "VPC_LINK"
  connection_id      = "vpclink2"
}`, NotApplicable: []string{"aws_apigatewayv2_integration.public", "aws_apigatewayv2_integration.websocket"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_apigatewayv2_integration" "no_tls" {
  api_id             = "a1b2c3"
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders/abc/def"
  connection_type    = "VPC_LINK"
  connection_id      = "vpclink1"
}

resource "aws_apigatewayv2_integration" "no_name" {
  api_id             = "a1b2c3"
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders/abc/def"
  connection_type    = "VPC_LINK"
  connection_id      = "vpclink1"
  tls_config {
    server_name_to_verify = ""
  }
}

variable "connection_type" {
  type = string
}

resource "aws_apigatewayv2_integration" "maybe" {
  api_id             = "a1b2c3"
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders/abc/def"
  connection_type    = var.connection_type
}

# An input variable with no default may be given "" or null.
variable "backend_host" {
  type = string
}

resource "aws_apigatewayv2_integration" "unnamed" {
  api_id             = "a1b2c3"
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders/abc/def"
  connection_type    = "VPC_LINK"
  connection_id      = "vpclink1"
  tls_config {
    server_name_to_verify = var.backend_host
  }
}`, Fails: []string{"aws_apigatewayv2_integration.no_name", "aws_apigatewayv2_integration.no_tls"},
		Unknowns: []string{"aws_apigatewayv2_integration.unnamed", "aws_apigatewayv2_integration.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_apigatewayv2_integration.no_tls":  {Message: "no tls_config"},
			"aws_apigatewayv2_integration.no_name": {Line: 18, Message: "server_name_to_verify"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		conn := r.Attr("connection_type")
		switch {
		case conn.IsUnknown():
			return scanner.Unknowable(conn.Range, "connection_type is not known until apply")
		case !conn.Equals("VPC_LINK"):
			return scanner.DoesNotApply("the integration reaches its backend over the internet, whose URL chooses the protocol")
		}
		if ctx != nil && ctx.Index != nil {
			for _, api := range ctx.Index.Resolve(r.Attr("api_id")) {
				if api.Type == "aws_apigatewayv2_api" && api.Attr("protocol_type").Equals("WEBSOCKET") {
					return scanner.DoesNotApply("WebSocket API integrations take no tls_config")
				}
			}
		}
		if r.BlocksUnknown("tls_config") {
			return scanner.Unknowable(r.Range, "tls_config is generated by a dynamic block only known after apply")
		}
		tls := r.FirstBlock("tls_config")
		if tls == nil {
			return scanner.Failed(r.Range, "connection_type = \"VPC_LINK\" with no tls_config: API Gateway reaches the private backend over plain HTTP")
		}
		name := tls.Attr("server_name_to_verify")
		switch name.Names() {
		case scanner.No:
			return scanner.Failed(tls.Range, "tls_config sets no server_name_to_verify: API Gateway has no host name to check the backend's certificate against")
		case scanner.Maybe:
			return scanner.UnknownName(name)
		}
		return scanner.Passed()
	},
}

// weakOriginProtocols are origin_ssl_protocols CloudFront would negotiate
// with an origin that offers nothing better.
var weakOriginProtocols = []string{"SSLv3", "TLSv1", "TLSv1.1"}

var cloudfrontOriginHTTPS = &scanner.Rule{
	ID:    "aws-cloudfront-origin-https",
	Title: "CloudFront reaches custom origins over HTTPS with TLS 1.2",
	Description: "HTTPS between viewers and CloudFront protects only the first hop: a custom origin reached with " +
		"origin_protocol_policy = \"http-only\" receives every request, cookie and response in clear text across the " +
		"internet (SOC 2 CC6.7). origin_ssl_protocols lists what CloudFront may negotiate with the origin; without " +
		"TLSv1.2 in it, or with SSLv3, the connection falls back to broken protocols. match-viewer follows the viewer " +
		"policy, which aws-cloudfront-viewer-https-only judges. S3 and VPC origins are not applicable.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_cloudfront_distribution"},
	Remediation:     "In each custom_origin_config set origin_protocol_policy = \"https-only\" and origin_ssl_protocols = [\"TLSv1.2\"].",
	RemediationCode: "  origin {\n    # ...\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }",
	Links: []string{
		registryDoc("aws_cloudfront_distribution", "custom-origin-config-arguments"),
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "cloudfront_distributions_https_sni_enabled"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_54"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_72"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		s3Only := strings.Replace(cloudfrontExample("s3_only", "redirect-to-https", "https-only", ""), `domain_name = "app.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }`, `domain_name              = "assets.s3.eu-west-1.amazonaws.com"
    origin_id                = "app"
    origin_access_control_id = "E2QWRUHAPOMQZL"`, 1)
		good = []scanner.Example{
			{Code: cloudfrontExample("good", "redirect-to-https", "https-only", "")},
			// An S3 origin has no custom_origin_config to judge.
			{Code: s3Only, NotApplicable: []string{"aws_cloudfront_distribution.s3_only"}},
		}
		bad = []scanner.Example{{Code: strings.Replace(cloudfrontExample("plain_origin", "https-only", "https-only", ""),
			`origin_protocol_policy = "https-only"`, `origin_protocol_policy = "http-only"`, 1) +
			strings.Replace(cloudfrontExample("sslv3", "https-only", "https-only", ""),
				`origin_ssl_protocols   = ["TLSv1.2"]`, `origin_ssl_protocols   = ["SSLv3", "TLSv1"]`, 1),
			Fails: []string{"aws_cloudfront_distribution.plain_origin", "aws_cloudfront_distribution.sslv3"},
			Expect: map[string]scanner.Expected{
				"aws_cloudfront_distribution.plain_origin": {Line: 10, Message: "http-only"},
				"aws_cloudfront_distribution.sslv3":        {Line: 42, Message: "SSLv3"},
			}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		var results []scanner.Result
		custom := false
		for _, o := range r.Blocks("origin") {
			if o.BlocksUnknown("custom_origin_config") {
				results = append(results, scanner.Unknowable(o.Range, "the origin's custom_origin_config is not known until apply"))
				continue
			}
			c := o.FirstBlock("custom_origin_config")
			if c == nil {
				continue
			}
			custom = true
			where := "origin " + describeValue(o.Attr("origin_id"))
			policy := c.Attr("origin_protocol_policy")
			switch {
			case policy.IsUnknown():
				results = append(results, scanner.Unknowable(policy.Range, "%s origin_protocol_policy is not known until apply", where))
				continue
			case policy.Equals("http-only"):
				results = append(results, scanner.Failed(policy.Range, "%s has origin_protocol_policy = \"http-only\": CloudFront reaches it in clear text", where))
				continue
			}
			protocols := c.Attr("origin_ssl_protocols")
			have, incomplete := protocols.KnownStrings()
			if incomplete {
				results = append(results, scanner.Unknowable(protocols.Range, "%s origin_ssl_protocols is not known until apply", where))
				continue
			}
			if len(have) == 0 {
				continue
			}
			var weak []string
			for _, p := range have {
				if slices.Contains(weakOriginProtocols, p) && (p == "SSLv3" || !slices.Contains(have, "TLSv1.2")) {
					weak = append(weak, p)
				}
			}
			if len(weak) > 0 {
				results = append(results, scanner.Failed(protocols.Range, "%s allows %s with the origin", where, strings.Join(weak, ", ")))
			}
		}
		if r.BlocksUnknown("origin") {
			results = append(results, scanner.Unknowable(r.Range, "the origins are not known until apply"))
		}
		switch {
		case len(results) > 0:
			return worst(results...)
		case !custom:
			return scanner.DoesNotApply("the distribution has no custom origin: S3 and VPC origins have no origin protocol settings")
		}
		return scanner.Passed()
	},
}
