package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Container image scanning: ECR finds known vulnerabilities in an image only
// when something asks it to, on push or continuously.

// ecrScanFrequencies are the registry scanning frequencies that scan an
// image when it is pushed (continuous scanning scans on push and again when
// new vulnerabilities are published).
var ecrScanFrequencies = []string{"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

var ecrRepositoryScanOnPush = &scanner.Rule{
	ID:    "aws-ecr-repository-scan-on-push",
	Title: "ECR repositories scan images for vulnerabilities when they are pushed",
	Description: "An image pushed with a known vulnerability is deployed with it unless something looks; scanning on push " +
		"is how ECR reports the operating-system and package CVEs of each image as it arrives, the detection of " +
		"newly introduced weaknesses SOC 2 CC7.1 asks for. A repository passes with image_scanning_configuration " +
		"{ scan_on_push = true }, or when an aws_ecr_registry_scanning_configuration of the configuration has a rule " +
		"that scans on push or continuously and whose repository filter matches the repository's name. Without " +
		"either, images are scanned only when someone starts a scan by hand (the provider defaults scan_on_push to " +
		"false).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_ecr_repository"},
	Remediation:   "Set image_scanning_configuration { scan_on_push = true }, or scan the registry with an aws_ecr_registry_scanning_configuration rule.",
	RemediationCode: `resource "aws_ecr_repository" "app" {
  name = "app"
  image_scanning_configuration {
    scan_on_push = true
  }
}`,
	Links: []string{
		registryDoc("aws_ecr_repository", "image_scanning_configuration"),
		registryDoc("aws_ecr_registry_scanning_configuration", "rule"),
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_163"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0030"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecr-enable-image-scans"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ecr_repository" "app" {
  name = "app"
  image_scanning_configuration {
    scan_on_push = true
  }
}`}, {Code: `
# Enhanced scanning of every repository whose name starts with "prod-".
resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "api" {
  name = "prod-api"
}`}, {Code: `
# A filter without a wildcard matches every repository whose name contains it.
resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "BASIC"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "api" {
  name = "api-prod-eu"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecr_repository" "default" {
  name = "default"
}

resource "aws_ecr_repository" "off" {
  name = "off"
  image_scanning_configuration {
    scan_on_push = false
  }
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "BASIC"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

# The registry rule scans only the prod- repositories.
resource "aws_ecr_repository" "dev" {
  name = "dev-api"
}`, Fails: []string{"aws_ecr_repository.default", "aws_ecr_repository.off", "aws_ecr_repository.dev"},
		Expect: map[string]scanner.Expected{
			"aws_ecr_repository.default": {Message: "images are not scanned when pushed"},
		}}, {Code: `
variable "scan" {
  type = bool
}

variable "repository" {
  type = string
}

resource "aws_ecr_repository" "by_variable" {
  name = "by-variable"
  image_scanning_configuration {
    scan_on_push = var.scan
  }
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "team-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "named_later" {
  name = var.repository
}

resource "aws_ecr_repository" "other_team" {
  name = "ops-tools"
}`, Fails: []string{"aws_ecr_repository.other_team"}, Unknowns: []string{"aws_ecr_repository.by_variable", "aws_ecr_repository.named_later"}}, {Code: `
variable "registry_region" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "registry"
  region = var.registry_region
}

# The registry rule's region is only known at apply: it may not be the
# repository's.
resource "aws_ecr_registry_scanning_configuration" "registry" {
  provider  = aws.registry
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "api-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "api" {
  name = "api-gateway"
}

# No registry rule matches this name, whatever its region.
resource "aws_ecr_repository" "tools" {
  name = "tools"
}`, Fails: []string{"aws_ecr_repository.tools"}, Unknowns: []string{"aws_ecr_repository.api"},
		Expect: map[string]scanner.Expected{
			"aws_ecr_repository.api": {Message: "its filter or its region"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		onPush := r.Get("image_scanning_configuration", "scan_on_push")
		if onPush.IsTrue() {
			return scanner.Passed()
		}
		registry := registryScansOnPush(r, ctx.Index)
		switch {
		case registry == scanner.Yes:
			return scanner.Passed()
		case onPush.IsUnknown():
			return scanner.Unknowable(onPush.Range, "image_scanning_configuration.scan_on_push is not known until apply")
		case registry == scanner.Maybe:
			return scanner.Unknowable(r.Range, "whether a registry scanning rule applies to this repository (its filter or its region) is only known after apply")
		}
		return scanner.Failed(onPush.Range, "scan_on_push is not true and no registry scanning rule matches the repository: images are not scanned when pushed")
	},
}

// registryScansOnPush decides whether an aws_ecr_registry_scanning_configuration
// of the configuration, in the repository's region, scans the repository on
// push: a rule with an on-push or continuous frequency whose wildcard filter
// matches the repository's name.
func registryScansOnPush(r *scanner.Resource, ix *scanner.Index) scanner.Tri {
	state := scanner.No
	name := r.Attr("name")
	for _, cfg := range ix.OfType("aws_ecr_registry_scanning_configuration") {
		inRegion := sameRegion(r, cfg)
		if inRegion == scanner.No {
			continue
		}
		for _, rule := range cfg.Blocks("rule") {
			freq := rule.Attr("scan_frequency")
			scans := scanner.TriOf(freq.OneOf(ecrScanFrequencies...), freq.IsUnknown())
			if scans == scanner.No {
				continue
			}
			for _, f := range rule.Blocks("repository_filter") {
				state = state.Or(ecrFilterMatches(f, name).And(scans).And(inRegion))
			}
			if rule.BlocksUnknown("repository_filter") {
				state = state.Or(scanner.Maybe)
			}
		}
		if cfg.BlocksUnknown("rule") {
			state = state.Or(scanner.Maybe)
		}
	}
	return state
}

// ecrFilterMatches decides whether a repository_filter's wildcard pattern
// matches the repository name (ECR filters are case-sensitive, * matches any
// run of characters, and a filter without * matches every name that contains
// it rather than only the name equal to it).
func ecrFilterMatches(f *scanner.Block, name scanner.Value) scanner.Tri {
	pattern, okPattern := f.Attr("filter").AsString()
	repo, okName := name.AsString()
	if !okPattern || !okName {
		return scanner.Maybe
	}
	if !strings.Contains(pattern, "*") {
		return scanner.TriOf(strings.Contains(repo, pattern), false)
	}
	return scanner.TriOf(iamGlobMatch(pattern, repo, false), false)
}
