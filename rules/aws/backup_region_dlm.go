package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region of EBS snapshots: Data Lifecycle Manager policies that copy
// snapshots to another region.

// dlmCopyTargets returns the cross-region copy targets of a Data Lifecycle
// Manager policy: schedule copy rules, event-based copy actions and default
// policy targets. Outpost ARNs are not regions and are left out.
func dlmCopyTargets(r *scanner.Resource) (targets []placement, dynamic bool) {
	details := r.FirstBlock("policy_details")
	if details == nil {
		return nil, r.BlocksUnknown("policy_details")
	}
	add := func(v scanner.Value) {
		if s, ok := v.AsString(); ok && strings.Contains(s, ":outposts:") {
			return
		}
		targets = append(targets, placementOfRegionName(v, r.Address))
	}
	dynamic = details.BlocksUnknown("schedule")
	for _, s := range details.Blocks("schedule") {
		dynamic = dynamic || s.BlocksUnknown("cross_region_copy_rule")
		for _, c := range s.Blocks("cross_region_copy_rule") {
			target := c.Attr("target")
			if !target.IsSet() {
				target = c.Attr("target_region")
			}
			add(target)
		}
	}
	for _, a := range details.Blocks("action") {
		for _, c := range a.Blocks("cross_region_copy") {
			add(c.Attr("target"))
		}
	}
	for _, c := range details.Blocks("cross_region_copy_target") {
		add(c.Attr("target_region"))
	}
	return targets, dynamic
}

var dlmCrossRegionCopy = &scanner.Rule{
	ID:    "aws-dlm-cross-region-copy",
	Title: "Data Lifecycle Manager cross-region copies target another region",
	Description: "A Data Lifecycle Manager policy copies EBS snapshots and AMIs to other regions so that volumes can be " +
		"restored after the loss of a region (SOC 2 A1.2, offsite storage). A copy rule whose target is the policy's own " +
		"region creates a second copy next to the first and no offsite protection. Policies without cross-region copy " +
		"rules pass; their region cannot be judged when it is not known.",
	Severity:      scanner.Medium,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_dlm_lifecycle_policy"},
	Remediation:   "Set the copy rule's target to a region other than the policy's.",
	RemediationCode: `cross_region_copy_rule {
  target    = "eu-central-1" # not the policy's region
  encrypted = true
  cmk_arn   = aws_kms_key.dr.arn
  retain_rule {
    interval      = 30
    interval_unit = "DAYS"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dlm_lifecycle_policy#cross-region-copy-rule-arguments",
		"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

resource "aws_dlm_lifecycle_policy" "daily" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"
  state              = "ENABLED"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "daily"
    }

    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        retain_rule {
          interval      = 30
          interval_unit = "DAYS"
        }
      }
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

variable "copy_region" {
  type = string
}

resource "aws_dlm_lifecycle_policy" "same" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "daily"
    }

    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
      cross_region_copy_rule {
        target    = "eu-west-1"
        encrypted = true
      }
    }
  }
}

resource "aws_dlm_lifecycle_policy" "from_var" {
  description        = "weekly EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "weekly"
    }

    schedule {
      name = "weekly"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 4
      }
      cross_region_copy_rule {
        target    = var.copy_region
        encrypted = true
      }
    }
  }
}`, Fails: []string{"aws_dlm_lifecycle_policy.same"}, Unknowns: []string{"aws_dlm_lifecycle_policy.from_var"}}, {Code: `
# The provider's region and the copy's target are one variable: the copy
# stays in the policy's region, whichever region that is.
variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

resource "aws_dlm_lifecycle_policy" "one_variable" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "daily"
    }

    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
      cross_region_copy_rule {
        target    = var.region
        encrypted = true
      }
    }
  }
}

variable "dr_region" {
  type = string
}

# Another variable may name the policy's region or another: only apply tells.
resource "aws_dlm_lifecycle_policy" "two_variables" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "daily"
    }

    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
      cross_region_copy_rule {
        target    = var.dr_region
        encrypted = true
      }
    }
  }
}`, Fails: []string{"aws_dlm_lifecycle_policy.one_variable"}, Unknowns: []string{"aws_dlm_lifecycle_policy.two_variables"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		targets, dynamic := dlmCopyTargets(r)
		if len(targets) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "copy rules are generated from values not known until apply")
			}
			return scanner.DoesNotApply("the policy has no cross-region copy rule to judge")
		}
		src := regionOfResource(r)
		if !src.Comparable() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		var undetermined *placement
		for i, t := range targets {
			switch samePlacement(src, t) {
			case scanner.Maybe:
				if undetermined == nil {
					undetermined = &targets[i]
					if t.Known() {
						undetermined.Why = src.Why
					}
				}
			case scanner.Yes:
				return scanner.Failed(t.Range, "the cross-region copy targets %s, the policy's own region: the copy is not offsite", t.Label())
			}
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "%s", undetermined.Why)
		}
		return scanner.Passed()
	},
}
