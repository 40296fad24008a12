package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region of RDS: automated backups replicated to another region.

var rdsBackupReplicationCrossRegion = &scanner.Rule{
	ID:    "aws-rds-backup-replication-cross-region",
	Title: "RDS automated backup replication lands in another region",
	Description: "aws_db_instance_automated_backups_replication exists to keep a DB instance's snapshots and transaction logs " +
		"in a second region, so the database can be restored when its own region is lost (SOC 2 A1.2, offsite storage). The " +
		"replication is created in the region of its provider configuration (or region argument); when that is the source " +
		"instance's own region — typically a DR provider alias pointing at the primary region — there is no offsite copy. " +
		"The source region comes from source_db_instance_arn, as an ARN or a reference to a declared instance.",
	Severity:      scanner.High,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_db_instance_automated_backups_replication"},
	Remediation:   "Create the replication with a provider configuration for another region than the source instance's.",
	RemediationCode: `resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.dr # another region
  source_db_instance_arn = aws_db_instance.main.arn
  kms_key_id             = aws_kms_key.dr.arn
  retention_period       = 14
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance_automated_backups_replication",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.main.arn
}

resource "aws_db_instance_automated_backups_replication" "by_arn" {
  provider               = aws.dr
  source_db_instance_arn = "arn:aws:rds:us-east-1:111122223333:db:legacy"
}`}},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.main.arn
}`, Fails: []string{"aws_db_instance_automated_backups_replication.main"}},
		{Code: `
variable "source_arn" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance_automated_backups_replication" "same" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:main"
}

resource "aws_db_instance_automated_backups_replication" "from_var" {
  source_db_instance_arn = var.source_arn
}`, Fails: []string{"aws_db_instance_automated_backups_replication.same"}, Unknowns: []string{"aws_db_instance_automated_backups_replication.from_var"}},
		{Code: `
# Both provider configurations read their region from one variable: the
# backups are replicated into the instance's own region, whichever it is.
# Two variables may name two regions: only apply tells.
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

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "one_variable" {
  provider               = aws.copy
  source_db_instance_arn = aws_db_instance.main.arn
}

resource "aws_db_instance_automated_backups_replication" "two_variables" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.main.arn
}`, Fails: []string{"aws_db_instance_automated_backups_replication.one_variable"},
			Unknowns: []string{"aws_db_instance_automated_backups_replication.two_variables"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		dest := regionOfResource(r)
		if !dest.Comparable() {
			return scanner.Unknowable(r.Range, "%s", dest.Why)
		}
		source := r.Attr("source_db_instance_arn")
		sources := placementsOfTarget(source, ctx.Index, nil)
		if len(sources) == 0 {
			return scanner.Unknowable(source.Range, "source_db_instance_arn is not set, so the source region cannot be determined")
		}
		verdict, p := judgeOffsite(dest, sources)
		switch verdict {
		case verdictSameRegion:
			return scanner.Failed(source.Range, "backups of %s are replicated into %s, the region the instance already lives in: the replica is not offsite",
				p.What, dest.Label())
		case verdictUndetermined:
			return scanner.Unknowable(source.Range, "%s", p.Why)
		}
		return scanner.Passed()
	},
}
