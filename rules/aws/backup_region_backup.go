package aws

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region of AWS Backup: plans that copy recovery points, and copies
// that land in another region.

// backupCopy is one copy_action of an AWS Backup plan rule.
type backupCopy struct {
	rule  string
	dests []placement
	rng   scanner.Range
}

// backupPlanCopies returns the plan's copy actions grouped by rule name, in
// source order, and whether some rule or copy_action blocks are dynamic over
// unknown values.
func backupPlanCopies(r *scanner.Resource, ix *scanner.Index) (rules []string, copies map[string][]backupCopy, dynamic bool) {
	copies = map[string][]backupCopy{}
	dynamic = r.BlocksUnknown("rule")
	for i, rule := range r.Blocks("rule") {
		name := rule.Attr("rule_name").StringOr(fmt.Sprintf("#%d", i+1))
		dynamic = dynamic || rule.BlocksUnknown("copy_action")
		for _, c := range rule.Blocks("copy_action") {
			dest := c.Attr("destination_vault_arn")
			if _, seen := copies[name]; !seen {
				rules = append(rules, name)
			}
			copies[name] = append(copies[name], backupCopy{rule: name, dests: placementsOfTarget(dest, ix, nil), rng: dest.Range})
		}
	}
	return rules, copies, dynamic
}

var backupPlanHasCrossRegionCopy = &scanner.Rule{
	ID:    "aws-backup-plan-has-cross-region-copy",
	Title: "AWS Backup plans copy recovery points to another region",
	Description: "A backup plan stores recovery points in a vault in its own region; unless a copy_action sends them to a " +
		"vault in another region, a regional outage or a region-wide incident takes the data and every backup of it " +
		"together. SOC 2 A1.2 asks for offsite storage of backups. The plan passes when at least one copy_action lands in a " +
		"region other than the plan's, resolved from the destination vault's ARN or from the aws_backup_vault it refers to " +
		"(its provider alias or region argument); it is unknown when no destination region can be determined. A plan " +
		"that copies offsite in some rules but only in-region in others passes here and is reported by " +
		"aws-backup-copy-cross-region.",
	Severity:      scanner.High,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_backup_plan"},
	Remediation: "Declare a vault in a second region (a provider alias) and add a copy_action to each rule with " +
		"destination_vault_arn pointing at it.",
	RemediationCode: `provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan#copy_action",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

# A vault managed elsewhere, read through a data source of the DR provider.
data "aws_backup_vault" "shared_dr" {
  provider = aws.dr
  name     = "shared-dr"
}

resource "aws_backup_plan" "data_source" {
  name = "data-source"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = data.aws_backup_vault.shared_dr.arn
    }
  }
}

# A literal ARN names its region.
resource "aws_backup_plan" "arn" {
  name = "arn"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-2:111122223333:backup-vault:dr"
    }
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

# The "DR" alias points at the same region as production.
provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "no_copy" {
  name = "no-copy"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
  }
}

resource "aws_backup_plan" "same_region" {
  name = "same-region"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}`, Fails: []string{"aws_backup_plan.no_copy", "aws_backup_plan.same_region"}},
		{Code: `
variable "dr_region" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "unknown_region" {
  name = "unknown-region"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

resource "aws_backup_plan" "same_region_arn" {
  name = "same-region-arn"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:444455556666:backup-vault:other-account"
    }
  }
}`, Fails: []string{"aws_backup_plan.same_region_arn"}, Unknowns: []string{"aws_backup_plan.unknown_region"}},
		{Code: `
# Both provider configurations read their region from one variable:
# whatever region it names, the copy lands beside the recovery points.
variable "region" {
  type = string
}

variable "dr_region" {
  type = string
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "copy"
  region = var.region
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_backup_vault" "copy" {
  provider = aws.copy
  name     = "copy"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "one_variable" {
  name = "one-variable"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.copy.arn
    }
  }
}

# Two variables may name one region or two: only apply tells.
resource "aws_backup_plan" "two_variables" {
  name = "two-variables"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}`, Fails: []string{"aws_backup_plan.one_variable"}, Unknowns: []string{"aws_backup_plan.two_variables"},
			Expect: map[string]scanner.Expected{"aws_backup_plan.one_variable": {Message: "the region var.region names"}}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rules, copies, dynamic := backupPlanCopies(r, ctx.Index)
		src := regionOfResource(r)
		if len(rules) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "rule or copy_action blocks are generated from values not known until apply")
			}
			where := "the plan's own region"
			if src.Known() {
				where = src.Region + ", the plan's own region"
			}
			return scanner.Failed(r.Range, "no rule has a copy_action: every recovery point stays in %s", where)
		}
		if !src.Comparable() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		var undetermined *placement
		var first scanner.Range
		for _, name := range rules {
			for _, c := range copies[name] {
				verdict, p := judgeOffsite(src, c.dests)
				switch verdict {
				case verdictOffsite:
					return scanner.Passed()
				case verdictUndetermined:
					if undetermined == nil {
						undetermined = &p
						undetermined.Range = c.rng
					}
				}
				if first.IsZero() {
					first = c.rng
				}
			}
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "no copy_action is known to leave %s: %s", src.Label(), undetermined.Why)
		}
		if dynamic {
			return scanner.Unknowable(r.Range, "copy_action blocks are generated from values not known until apply")
		}
		return scanner.Failed(first, "every copy_action lands in %s, the plan's own region: a regional outage takes the recovery points and their copies together", src.Label())
	},
}

var backupCopyCrossRegion = &scanner.Rule{
	ID:    "aws-backup-copy-cross-region",
	Title: "AWS Backup copy actions send recovery points to another region",
	Description: "A copy_action whose destination vault is in the plan's own region looks like disaster recovery in review " +
		"but protects nothing against the loss of that region (SOC 2 A1.2, offsite storage). In a plan that copies offsite, " +
		"each backup rule that copies must send at least one copy to another region; an extra same-region copy next to a " +
		"cross-region one (for example to a vault in another account) is accepted. Regions are resolved from the " +
		"destination's ARN or the aws_backup_vault it refers to; when they cannot be determined the result is unknown. " +
		"Plans with no copy known to leave their region — no copy_action at all, or only same-region ones — are reported " +
		"once, by aws-backup-plan-has-cross-region-copy, and pass here.",
	Severity:      scanner.High,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_backup_plan"},
	Remediation:   "Point destination_vault_arn at a vault declared with a provider alias for another region.",
	RemediationCode: `resource "aws_backup_vault" "dr" {
  provider = aws.dr # a provider configuration for another region
  name     = "dr"
}

# in the plan's rule:
copy_action {
  destination_vault_arn = aws_backup_vault.dr.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan#copy_action",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
	},
	Good: []scanner.Example{
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
    # An extra copy to another account in the same region, next to the
    # cross-region copy.
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:444455556666:backup-vault:isolated"
    }
  }
}

# No copy at all, or only copies within the plan's region: reported once,
# by aws-backup-plan-has-cross-region-copy.
resource "aws_backup_plan" "local_only" {
  name = "local-only"
  rule {
    rule_name         = "hourly"
    target_vault_name = "main"
    schedule          = "cron(0 * * * ? *)"
  }
}

resource "aws_backup_plan" "same_region_only" {
  name = "same-region-only"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:copy"
    }
  }
}`, NotApplicable: []string{"aws_backup_plan.local_only", "aws_backup_plan.same_region_only"}},
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

# A vault with its own region argument (AWS provider v6).
resource "aws_backup_vault" "explicit" {
  region = "eu-north-1"
  name   = "explicit"
}

resource "aws_backup_plan" "dynamic" {
  name = "dynamic"
  dynamic "rule" {
    for_each = { daily = aws_backup_vault.dr.arn, weekly = aws_backup_vault.explicit.arn }
    content {
      rule_name         = rule.key
      target_vault_name = "main"
      schedule          = "cron(0 3 * * ? *)"
      copy_action {
        destination_vault_arn = rule.value
      }
    }
  }
}`},
		{Code: `
# The plan's provider and the vault's read their region from one variable:
# the copy stays beside the recovery points, which
# aws-backup-plan-has-cross-region-copy reports. Another variable may name
# the same region or another: only apply tells.
variable "region" {
  type = string
}

variable "dr_region" {
  type = string
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "copy"
  region = var.region
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_backup_vault" "copy" {
  provider = aws.copy
  name     = "copy"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "one_variable" {
  name = "one-variable"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.copy.arn
    }
  }
}

resource "aws_backup_plan" "two_variables" {
  name = "two-variables"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}`, NotApplicable: []string{"aws_backup_plan.one_variable"}, Unknowns: []string{"aws_backup_plan.two_variables"}},
	},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_vault" "west" {
  provider = aws.west
  name     = "west"
}

# The weekly rule is copied offsite; the daily one goes to a vault whose
# provider alias is in the plan's own region.
resource "aws_backup_plan" "same_region" {
  name = "same-region"
  rule {
    rule_name         = "weekly"
    target_vault_name = "main"
    schedule          = "cron(0 3 ? * SUN *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.west.arn
    }
  }
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

# The daily rule is copied offsite; the monthly one only next door.
resource "aws_backup_plan" "mixed" {
  name = "mixed"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.west.arn
    }
  }
  rule {
    rule_name         = "monthly"
    target_vault_name = "main"
    schedule          = "cron(0 4 1 * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-1:111122223333:backup-vault:archive"
    }
  }
}`, Fails: []string{"aws_backup_plan.same_region", "aws_backup_plan.mixed"}},
		{Code: `
variable "dr_vault_arn" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_backup_plan" "same" {
  name = "same"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:copy"
    }
  }
  rule {
    rule_name         = "monthly"
    target_vault_name = "main"
    schedule          = "cron(0 4 1 * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
    }
  }
}

resource "aws_backup_plan" "from_var" {
  name = "from-var"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = var.dr_vault_arn
    }
  }
}`, Fails: []string{"aws_backup_plan.same"}, Unknowns: []string{"aws_backup_plan.from_var"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rules, copies, dynamic := backupPlanCopies(r, ctx.Index)
		if len(rules) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "rule or copy_action blocks are generated from values not known until apply")
			}
			return scanner.DoesNotApply("the plan has no rules, so no copy to judge")
		}
		src := regionOfResource(r)
		if !src.Comparable() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		var failing []string
		var failAt scanner.Range
		var undetermined *placement
		anyOffsite := false
		for _, name := range rules {
			offsite, same := false, false
			var unknownHere *placement
			var sameAt scanner.Range
			for _, c := range copies[name] {
				verdict, p := judgeOffsite(src, c.dests)
				switch verdict {
				case verdictOffsite:
					offsite = true
				case verdictSameRegion:
					if !same {
						same, sameAt = true, c.rng
					}
				default:
					if unknownHere == nil {
						unknownHere = &p
						unknownHere.Range = c.rng
					}
				}
			}
			switch {
			case offsite:
				anyOffsite = true
			case unknownHere != nil:
				if undetermined == nil {
					undetermined = unknownHere
				}
			case same:
				if len(failing) == 0 {
					failAt = sameAt
				}
				failing = append(failing, fmt.Sprintf("%q", name))
			}
		}
		if !anyOffsite && undetermined == nil && !dynamic {
			// No copy leaves the region: aws-backup-plan-has-cross-region-copy
			// fails the plan, and one problem gets one finding.
			return scanner.DoesNotApply("no copy leaves the plan's region; aws-backup-plan-has-cross-region-copy reports that")
		}
		if len(failing) > 0 {
			return scanner.Failed(failAt, "rule %s copies recovery points only within %s, the plan's own region: the copy is not offsite",
				strings.Join(failing, ", "), src.Label())
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "%s", undetermined.Why)
		}
		if dynamic {
			// Every copy written leaves the region, but a generated rule
			// may copy only within it.
			return scanner.Unknowable(r.Range, "rule or copy_action blocks generated from values not known until apply may copy only within %s", src.Label())
		}
		return scanner.Passed()
	},
}
