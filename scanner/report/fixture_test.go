package report

import (
	"crypto/sha256"
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// The golden files are rendered from these fixed reports, not from a scan,
// so they do not change when the rule catalogue does.

const fixtureMain = `resource "aws_db_instance" "main" {
  engine            = "postgres"
  storage_encrypted = false
  # soc2:ignore:aws-rds-deletion-protection:exp:2099-01-01 scratch database, rebuilt nightly
  deletion_protection = false
}

resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

const fixtureModule = `resource "aws_s3_bucket" "logs" {
  bucket = var.name
}
`

func fixtureRules() []*scanner.Rule {
	return []*scanner.Rule{
		{
			ID:              "aws-ec2-no-admin-ingress",
			Title:           "Security groups do not allow administrative ports from the internet",
			Description:     "SSH and RDP open to 0.0.0.0/0 let anyone on the internet try to log in to a system in scope.",
			Severity:        scanner.Critical,
			Criteria:        scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
			Family:          scanner.FamilyNetwork,
			Provider:        "aws",
			ResourceTypes:   []string{"aws_security_group"},
			Remediation:     "Restrict cidr_blocks to your VPN or bastion range.",
			RemediationCode: "ingress {\n  from_port   = 22\n  to_port     = 22\n  cidr_blocks = [\"10.0.0.0/8\"]\n}\n",
			Links:           []string{"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"},
			References:      []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0107"}},
		},
		{
			ID:              "aws-rds-deletion-protection",
			Title:           "RDS instances have deletion protection",
			Description:     "Deletion protection keeps a mistaken apply from destroying a database that holds confidential data.",
			Severity:        scanner.Medium,
			Criteria:        scanner.Criteria{Primary: "C1.1", Secondary: []string{"A1.2"}},
			Family:          scanner.FamilyDeletionProtection,
			Provider:        "aws",
			ResourceTypes:   []string{"aws_db_instance"},
			Remediation:     "Set deletion_protection = true.",
			RemediationCode: "deletion_protection = true\n",
		},
		{
			ID:              "aws-rds-storage-encrypted",
			Title:           "RDS instance storage is encrypted",
			Description:     "Encrypting database storage protects confidential data at rest (SOC 2 CC6.1).",
			Severity:        scanner.High,
			Criteria:        scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
			Family:          scanner.FamilyEncryptionAtRest,
			Provider:        "aws",
			ResourceTypes:   []string{"aws_db_instance"},
			Remediation:     "Set storage_encrypted = true and, ideally, kms_key_id to a customer-managed key.",
			RemediationCode: "storage_encrypted = true\nkms_key_id        = aws_kms_key.rds.arn\n",
			Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted"},
			References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_16"}, {Tool: scanner.ToolTrivy, ID: "AVD-AWS-0080"}},
		},
		{
			ID:            "aws-s3-versioning-enabled",
			Title:         "S3 buckets keep object versions",
			Description:   "Versioning lets you recover objects that were overwritten or deleted <by mistake> | on purpose.",
			Severity:      scanner.Low,
			Criteria:      scanner.Criteria{Primary: "A1.2"},
			Family:        scanner.FamilyBackup,
			Provider:      "aws",
			ResourceTypes: []string{"aws_s3_bucket"},
			Remediation:   "Add an aws_s3_bucket_versioning resource with status Enabled.",
		},
	}
}

func finding(rule *scanner.Rule, status scanner.Status, address, file string, start, end int32, msg string) Finding {
	return Finding{
		RuleInfo: &RuleInfo{RuleID: rule.ID, Title: rule.Title, Description: rule.Description, Severity: rule.Severity,
			Criteria: rule.Criteria.IDs(), Family: rule.Family, Remediation: rule.Remediation, DocURL: DocURL(rule.ID)},
		Resource:     address,
		ResourceType: rule.ResourceTypes[0],
		Root:         ".",
		File:         file,
		StartLine:    start,
		EndLine:      end,
		Status:       status,
		Message:      msg,
		Fingerprint:  fmt.Sprintf("%x", sha256.Sum256([]byte(rule.ID+"\x00"+address))),
	}
}

// fixtureReport is a scan with one finding of every kind: failing, unknown,
// passed, suppressed inline, suppressed by the baseline, with a note, and
// one from a plan without a file, plus an error and a warning.
func fixtureReport(includePassed, failOnUnknown bool) *Report {
	rules := fixtureRules()
	sg, del, enc, s3 := rules[0], rules[1], rules[2], rules[3]

	suppressedInline := finding(del, scanner.Fail, "aws_db_instance.main", "main.tf", 5, 5, "deletion_protection is false")
	suppressedInline.Suppressed = true
	suppressedInline.Suppression = &Suppression{Reason: "scratch database, rebuilt nightly", Expires: "2099-01-01", Source: SourceInline, Location: "main.tf:4"}

	baselined := finding(s3, scanner.Fail, `module.logs["eu"].aws_s3_bucket.logs`, "modules/logs/main.tf", 1, 1, "versioning is not enabled")
	baselined.Suppressed = true
	baselined.Suppression = &Suppression{Reason: "present in baseline .soc2-baseline.json", Source: SourceBaseline}

	unknown := finding(s3, scanner.Unknown, `module.logs["us"].aws_s3_bucket.logs`, "modules/logs/main.tf", 1, 1, "versioning status is not known until apply")

	failing := finding(enc, scanner.Fail, "aws_db_instance.main", "main.tf", 3, 3, "storage_encrypted is false")
	failing.StartColumn, failing.EndColumn = 3, 28
	failing.Notes = []string{"main.tf:2: #checkov:skip=CKV_AWS_16 expired on 2024-01-31 and no longer suppresses"}

	sgFail := finding(sg, scanner.Fail, "aws_security_group.web", "main.tf", 12, 12, "ingress from 0.0.0.0/0 to port 22 (SSH)")
	fromPlan := finding(sg, scanner.Fail, "aws_security_group.legacy", "", 0, 0, "ingress from 0.0.0.0/0 to port 3389 (RDP)")
	passed := finding(s3, scanner.Pass, "aws_s3_bucket.archive", "main.tf", 20, 20, "")

	r := &Report{
		SchemaVersion: SchemaVersion,
		Tool:          ToolName,
		Version:       "1.2.3",
		Settings: Settings{
			SeverityThreshold: scanner.Low,
			FailOnUnknown:     failOnUnknown,
			IncludePassed:     includePassed,
			CategoriesInScope: []tsc.Category{tsc.Security, tsc.Availability, tsc.Confidentiality},
		},
		Findings: []Finding{fromPlan, failing, suppressedInline, sgFail, passed, baselined, unknown},
		Errors: []Problem{
			{File: "broken/main.tf", Line: 7, Column: 3, Message: "Argument or block definition required: An argument or block definition is required here."},
		},
		Warnings: []Problem{
			{File: "main.tf", Line: 30, Column: 1, Message: `module "vpc": remote module source "terraform-aws-modules/vpc/aws" not scanned`},
		},
		Summary: Summary{ResourcesScanned: 6, FilesScanned: 3, RulesRun: 4, BelowThreshold: 0},
		Rules:   rules,
		Sources: map[string][]byte{
			"main.tf":              []byte(fixtureMain),
			"modules/logs/main.tf": []byte(fixtureModule),
		},
	}
	SortFindings(r.Findings)
	r.Summarize()
	return r
}

// emptyReport is a clean scan: nothing failed and nothing went wrong.
func emptyReport() *Report {
	r := &Report{
		SchemaVersion: SchemaVersion,
		Tool:          ToolName,
		Version:       "dev",
		Settings:      Settings{SeverityThreshold: scanner.High, CategoriesInScope: []tsc.Category{tsc.Security}},
		Summary:       Summary{ResourcesScanned: 0, FilesScanned: 1, RulesRun: 0},
	}
	r.Summarize()
	return r
}
