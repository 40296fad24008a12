package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The instance metadata service's response hop limit: with more than one
// hop, the instance role's credentials reach containers and forwarded
// traffic on the instance, not only the instance itself.

var ec2IMDSHopLimit = &scanner.Rule{
	ID:    "aws-ec2-imds-hop-limit",
	Title: "EC2 instances, launch templates and launch configurations keep the metadata response hop limit at 1",
	Description: "Each network hop decrements the TTL of an instance metadata response. With http_put_response_hop_limit above " +
		"1 the IMDSv2 session token, and with it the instance role's credentials, reaches containers in bridge networking " +
		"and anything the instance forwards traffic for, not only processes of the instance itself (SOC 2 CC6.1). When it " +
		"is unset the provider leaves it to the AMI and the account's IMDS defaults (1 for most AMIs, 2 for AMIs " +
		"registered with IMDS support v2.0 such as Amazon Linux 2023), which a plan cannot see, so only an explicit value " +
		"above 1 fails, or an aws_ec2_instance_metadata_defaults whose account-wide limit is above 1; an endpoint that is turned off (http_endpoint = \"disabled\") is not judged. Workloads that need " +
		"IMDS from containers should get their own credentials (ECS task roles, EKS Pod Identity) instead.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.8"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: imdsTypes,
	Remediation:   "Set metadata_options.http_put_response_hop_limit = 1 (or leave it unset).",
	RemediationCode: `resource "aws_launch_template" "nodes" {
  # ...
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}`,
	Links: []string{
		registryDoc("aws_launch_template", "http_put_response_hop_limit"),
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_341"},
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

# Instance metadata defaults are per region: these are eu-west-1's,
# not the instance's.
resource "aws_ec2_instance_metadata_defaults" "eu" {
  provider                    = aws.eu
  http_put_response_hop_limit = 2
}

resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}`},
		{Code: `
resource "aws_launch_template" "one" {
  name = "one"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "unset" {
  name = "unset"
}

resource "aws_instance" "one" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

# No metadata endpoint: no credentials to reach anything.
resource "aws_launch_template" "no_imds" {
  name = "no-imds"
  metadata_options {
    http_endpoint               = "disabled"
    http_put_response_hop_limit = 2
  }
}`, NotApplicable: []string{"aws_launch_template.no_imds"}}},
	Bad: []scanner.Example{{Code: `
variable "hops" {
  type = number
}

resource "aws_launch_template" "two" {
  name = "two"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}

resource "aws_launch_configuration" "three" {
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_put_response_hop_limit = 3
  }
}

resource "aws_launch_template" "from_var" {
  name = "from-var"
  metadata_options {
    http_put_response_hop_limit = var.hops
  }
}

resource "aws_instance" "two" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}

variable "endpoint" {
  type = string
}

# Two hops on an endpoint that may be on.
resource "aws_launch_template" "endpoint_from_var" {
  name = "endpoint-from-var"
  metadata_options {
    http_endpoint               = var.endpoint
    http_put_response_hop_limit = 2
  }
}`, Fails: []string{"aws_launch_template.two", "aws_launch_configuration.three", "aws_instance.two"},
		Unknowns: []string{"aws_launch_template.from_var", "aws_launch_template.endpoint_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_launch_template.two": {Line: 10, Message: "http_put_response_hop_limit = 2"},
		}}, {Code: `
# The account's default applies where the hop limit is unset.
resource "aws_ec2_instance_metadata_defaults" "account" {
  http_tokens                 = "required"
  http_put_response_hop_limit = 2
}

resource "aws_launch_template" "unset" {
  name = "unset"
}

resource "aws_spot_instance_request" "worker" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}`, Fails: []string{"aws_launch_template.unset", "aws_spot_instance_request.worker"},
		Expect: map[string]scanner.Expected{
			"aws_launch_template.unset": {Line: 5, Message: "aws_ec2_instance_metadata_defaults.account makes the account's default 2"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		opts := r.FirstBlock("metadata_options")
		if opts == nil {
			if r.BlocksUnknown("metadata_options") {
				return scanner.Unknowable(r.Range, "metadata_options is a dynamic block over a collection only known after apply")
			}
			return accountHopLimit(ctx.Index, r)
		}
		endpoint := opts.Attr("http_endpoint")
		if endpoint.Equals("disabled") {
			return scanner.DoesNotApply("the instance metadata endpoint is turned off")
		}
		v := opts.Attr("http_put_response_hop_limit")
		if v.IsNull() {
			return accountHopLimit(ctx.Index, r)
		}
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "http_put_response_hop_limit is not known until apply")
		}
		n, ok := v.AsInt()
		switch {
		case !ok || n <= 1:
			return scanner.Passed()
		case endpoint.IsUnknown():
			return scanner.Unknowable(endpoint.Range, "http_put_response_hop_limit = %d, and whether the metadata endpoint is on is not known until apply", n)
		}
		return scanner.Failed(v.Range, "http_put_response_hop_limit = %d: metadata responses, with the role's credentials, reach beyond the instance", n)
	},
}

// accountHopLimit judges r, which leaves the hop limit unset, by the
// instance metadata defaults of its account and region, which take
// precedence over the AMI's: one above 1 fails, -1 (no preference) or
// none passes. Defaults of another region or account do not apply to r;
// failing ones that may be elsewhere (inRegion) leave r unknown.
func accountHopLimit(ix *scanner.Index, r *scanner.Resource) scanner.Result {
	for _, d := range ix.OfType("aws_ec2_instance_metadata_defaults") {
		place := inRegion(r, d)
		if place == scanner.No {
			continue
		}
		v := d.Attr("http_put_response_hop_limit")
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "%s's http_put_response_hop_limit, the account's default, is not known until apply", d.Address)
		}
		if n, ok := v.AsInt(); ok && n > 1 {
			if place == scanner.Maybe {
				return scanner.Unknowable(v.Range, "the hop limit is unset and %s makes the default %d in a region or account that may be this resource's: where it is is only known after apply", d.Address, n)
			}
			return scanner.Failed(v.Range, "the hop limit is unset and %s makes the account's default %d: metadata responses, with the role's credentials, reach beyond the instance", d.Address, n)
		}
	}
	return scanner.Passed()
}
