package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// CloudFront response headers policies that tell browsers to use HTTPS
// only (HTTP Strict Transport Security).

var cloudfrontResponseHeadersHSTS = &scanner.Rule{
	ID:    "aws-cloudfront-response-headers-hsts",
	Title: "CloudFront response headers policies send Strict-Transport-Security",
	Description: "Redirecting HTTP to HTTPS still lets the first request of a visit, and every request after a user types " +
		"or follows an http:// link, travel in clear text where it can be read or rewritten (SSL stripping). The " +
		"Strict-Transport-Security header makes browsers go straight to HTTPS for max-age seconds; SOC 2 CC6.7 expects " +
		"transmission to be protected from the first byte. A response headers policy sends it only with " +
		"security_headers_config { strict_transport_security { ... } }, whose access_control_max_age_sec should be at " +
		"least min_max_age_seconds (a year by default, what browsers' preload lists ask), with include_subdomains = " +
		"true so that subdomains are covered, and override = true so that the header browsers see does not depend on " +
		"whatever the origin sends. preload is left to the owner: submitting a domain to the browsers' preload list is " +
		"a separate, slow-to-reverse decision.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"aws_cloudfront_response_headers_policy"},
	Params: []scanner.Param{{
		Name:        "min_max_age_seconds",
		Description: "Shortest accepted Strict-Transport-Security max-age, in seconds.",
		Default:     31536000,
		Min:         1,
		Max:         63072000,
	}},
	Remediation: "Add security_headers_config { strict_transport_security { access_control_max_age_sec = 31536000, " +
		"include_subdomains = true, override = true } } and attach the policy to the distribution's cache behaviours.",
	RemediationCode: `resource "aws_cloudfront_response_headers_policy" "security" {
  name = "security-headers"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
  }
}`,
	Links: []string{
		registryDoc("aws_cloudfront_response_headers_policy", "strict_transport_security"),
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html#understanding-response-headers-policies-security",
		"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_259"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_cloudfront_response_headers_policy" "security" {
  name = "security-headers"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      override                   = true
      preload                    = true
    }
  }
}`},
		{Code: `
resource "aws_cloudfront_response_headers_policy" "trial" {
  name = "hsts-trial"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 86400
      include_subdomains         = true
      override                   = true
    }
  }
}`, Params: map[string]any{"min_max_age_seconds": 86400}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudfront_response_headers_policy" "cors_only" {
  name = "cors"
  cors_config {
    access_control_allow_credentials = false
    access_control_allow_headers {
      items = ["*"]
    }
    access_control_allow_methods {
      items = ["GET"]
    }
    access_control_allow_origins {
      items = ["https://example.com"]
    }
    origin_override = true
  }
}

resource "aws_cloudfront_response_headers_policy" "no_hsts" {
  name = "frame-only"
  security_headers_config {
    frame_options {
      frame_option = "DENY"
      override     = true
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "short" {
  name = "short"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 300
      include_subdomains         = true
      override                   = true
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "origin_wins" {
  name = "origin-wins"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = false
      override                   = false
    }
  }
}

variable "max_age" {
  type = number
}

resource "aws_cloudfront_response_headers_policy" "from_var" {
  name = "from-var"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = var.max_age
      include_subdomains         = true
      override                   = true
    }
  }
}`, Fails: []string{
		"aws_cloudfront_response_headers_policy.cors_only",
		"aws_cloudfront_response_headers_policy.no_hsts",
		"aws_cloudfront_response_headers_policy.short",
		"aws_cloudfront_response_headers_policy.origin_wins",
	},
		Unknowns: []string{"aws_cloudfront_response_headers_policy.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_cloudfront_response_headers_policy.short": {Message: "access_control_max_age_sec = 300 is below the configured minimum of 31536000 seconds"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		headers := r.FirstBlock("security_headers_config")
		if headers == nil {
			if r.BlocksUnknown("security_headers_config") {
				return scanner.Unknowable(r.Range, "security_headers_config is not known until apply")
			}
			return scanner.Failed(r.Range, "no security_headers_config: the policy does not send Strict-Transport-Security, "+
				"so browsers keep trying plain HTTP first")
		}
		sts := headers.FirstBlock("strict_transport_security")
		if sts == nil {
			if headers.BlocksUnknown("strict_transport_security") {
				return scanner.Unknowable(headers.Range, "strict_transport_security is not known until apply")
			}
			return scanner.Failed(headers.Range, "security_headers_config has no strict_transport_security: the policy "+
				"does not send Strict-Transport-Security, so browsers keep trying plain HTTP first")
		}
		return worst(
			hstsMaxAge(sts.Attr("access_control_max_age_sec"), int64(ctx.Int("min_max_age_seconds"))),
			scanner.RequireTrue(sts.Attr("include_subdomains"), "include_subdomains is not true: subdomains are not "+
				"covered and can still be reached over plain HTTP"),
			scanner.RequireTrue(sts.Attr("override"), "override is not true: when the origin sends its own "+
				"Strict-Transport-Security header, weaker or shorter, browsers get that one"),
		)
	},
}

// hstsMaxAge judges a Strict-Transport-Security max-age against the
// configured minimum.
func hstsMaxAge(v scanner.Value, minSeconds int64) scanner.Result {
	if v.IsUnknown() {
		return scanner.Unknowable(v.Range, "access_control_max_age_sec is not known until apply")
	}
	n, ok := v.AsInt()
	if !ok {
		return scanner.Failed(v.Range, "access_control_max_age_sec is not set to a number of seconds: browsers are not told how long to keep to HTTPS")
	}
	if n < minSeconds {
		return scanner.Failed(v.Range, "access_control_max_age_sec = %d is below the configured minimum of %d seconds: "+
			"browsers forget to insist on HTTPS soon after a visit", n, minSeconds)
	}
	return scanner.Passed()
}
