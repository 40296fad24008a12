package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// emrEbsPattern matches EnableEbsEncryption turned on in JSON text.
var emrEbsPattern = lazyre.New(`"EnableEbsEncryption"\s*:\s*"?true"?`)

var emrSecurityConfigurationEBS = &scanner.Rule{
	ID:    "aws-emr-security-configuration-ebs-encryption",
	Title: "EMR security configurations with at-rest encryption also encrypt the clusters' EBS volumes",
	Description: "EMR local-disk encryption covers the instance store and the EBS data volumes through Linux " +
		"encryption, but the EBS root device and the volumes as EBS sees them are encrypted with KMS only when " +
		"LocalDiskEncryptionConfiguration.EnableEbsEncryption is true (with the AwsKms key provider): otherwise " +
		"the volumes and their snapshots hold data EBS does not encrypt (SOC 2 CC6.1, C1.1). A configuration with " +
		"at-rest encryption off is reported by aws-emr-security-configuration-at-rest-encryption and is not " +
		"applicable here.",
	Severity:        scanner.Medium,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_emr_security_configuration"},
	Remediation:     "Set EnableEbsEncryption = true in AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration, with EncryptionKeyProviderType = \"AwsKms\".",
	RemediationCode: emrConfigCode,
	Links: []string{
		registryDoc("aws_emr_security_configuration", "configuration"),
		"https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html#emr-encryption-localdisk",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_350"}},
	Good: []scanner.Example{{Code: `
resource "aws_emr_security_configuration" "good" {
  name = "secure"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          EnableEbsEncryption       = true
        }
      }
    }
  })
}

resource "aws_emr_security_configuration" "transit_only" {
  name = "transit-only"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = true
    }
  })
}`, NotApplicable: []string{"aws_emr_security_configuration.transit_only"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_emr_security_configuration" "no_ebs" {
  name          = "no-ebs"
  configuration = <<JSON
{
  "EncryptionConfiguration": {
    "EnableAtRestEncryption": true,
    "EnableInTransitEncryption": false,
    "AtRestEncryptionConfiguration": {
      "LocalDiskEncryptionConfiguration": {
        "EncryptionKeyProviderType": "AwsKms",
        "AwsKmsKey": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}
JSON
}
` + emrS3OnlyExample, Fails: []string{"aws_emr_security_configuration.no_ebs", "aws_emr_security_configuration.s3_only"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		enc, res, ok := emrAtRestConfiguration(r, "EBS encryption", emrEbsPattern().MatchString)
		if !ok {
			return res
		}
		ebs := enc.Index("AtRestEncryptionConfiguration").Index("LocalDiskEncryptionConfiguration").Index("EnableEbsEncryption")
		switch {
		case ebs.IsUnknown():
			return scanner.Unknowable(ebs.Range, "EnableEbsEncryption is not known until apply")
		case !ebs.IsTrue():
			return scanner.Failed(ebs.Range, "LocalDiskEncryptionConfiguration.EnableEbsEncryption is not true: the clusters' EBS volumes are not encrypted by EBS")
		}
		return scanner.Passed()
	},
}

// emrS3KMSPattern matches an EMRFS encryption mode that uses KMS.
var emrS3KMSPattern = lazyre.New(`"EncryptionMode"\s*:\s*"(SSE-KMS|CSE-KMS)"`)

var emrSecurityConfigurationS3KMS = &scanner.Rule{
	ID:    "aws-emr-security-configuration-s3-kms",
	Title: "EMR security configurations encrypt EMRFS data in S3 with KMS",
	Description: "With at-rest encryption on, S3EncryptionConfiguration.EncryptionMode decides how EMRFS encrypts the " +
		"objects clusters write to S3: SSE-S3 uses keys S3 owns, which no key policy guards and no CloudTrail " +
		"kms:Decrypt event records; SSE-KMS or CSE-KMS put the data under a KMS key the account controls (SOC 2 " +
		"CC6.1, C1.1). A configuration with at-rest encryption off is reported by " +
		"aws-emr-security-configuration-at-rest-encryption and is not applicable here.",
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_emr_security_configuration"},
	Remediation:     "Set AtRestEncryptionConfiguration.S3EncryptionConfiguration { EncryptionMode = \"SSE-KMS\", AwsKmsKey = <key ARN> }.",
	RemediationCode: emrConfigCode,
	Links: []string{
		registryDoc("aws_emr_security_configuration", "configuration"),
		"https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_171"}},
	Good: []scanner.Example{{Code: `
resource "aws_emr_security_configuration" "good" {
  name = "kms"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-KMS"
          AwsKmsKey      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
    }
  })
}`}},
	Bad: []scanner.Example{{Code: emrS3OnlyExample, Fails: []string{"aws_emr_security_configuration.s3_only"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		enc, res, ok := emrAtRestConfiguration(r, "the S3 encryption mode", emrS3KMSPattern().MatchString)
		if !ok {
			return res
		}
		mode := enc.Index("AtRestEncryptionConfiguration").Index("S3EncryptionConfiguration").Index("EncryptionMode")
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "S3EncryptionConfiguration.EncryptionMode is not known until apply")
		case mode.OneOf("SSE-KMS", "CSE-KMS"):
			return scanner.Passed()
		case mode.IsNull():
			return scanner.Failed(mode.Range, "at-rest encryption sets no S3EncryptionConfiguration.EncryptionMode: EMRFS data in S3 is not encrypted with KMS")
		}
		return scanner.Failed(mode.Range, "S3EncryptionConfiguration.EncryptionMode is %s: EMRFS data in S3 is not encrypted with a KMS key", scanner.Quote(mode))
	},
}
