package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption at rest of EBS volumes: standalone volumes, the account
// default, and the volumes that instances, launch templates and launch
// configurations declare.

const ebsDefaultNote = "A volume that does not ask for encryption is still encrypted when EBS encryption by default is on " +
	"in its region (aws_ebs_encryption_by_default); the rule takes a declaration of it in the same configuration into account."

var ebsVolumeEncrypted = &scanner.Rule{
	ID:    "aws-ebs-volume-encrypted",
	Title: "EBS volumes are encrypted",
	Description: "An unencrypted EBS volume leaves its data, and every snapshot taken from it, readable by whoever obtains " +
		"the snapshot or the underlying storage. SOC 2 CC6.1 expects encryption of data at rest; EBS encryption is free " +
		"of performance cost and can only be chosen when the volume is created. " + ebsDefaultNote + " " + inheritedEncryptionNote + " " + keyOnlyEncryptionNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_ebs_volume"},
	Remediation: "Set encrypted = true (and kms_key_id to a customer-managed key), or turn on EBS encryption by default " +
		"for the region. An existing volume must be replaced by one created from an encrypted snapshot copy.",
	RemediationCode: `resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}`,
	Links: []string{
		registryDoc("aws_ebs_volume", "encrypted"),
		"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_2"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_3"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0026"},
		{Tool: scanner.ToolTfsec, ID: "aws-ebs-enable-volume-encryption"},
		{Tool: scanner.ToolProwler, ID: "ec2_ebs_volume_encryption"},
		{Tool: scanner.ToolKICS, ID: "EBS Volume Encryption Disabled"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_ebs_volume" "good" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}

# encrypted = true encrypts a volume even from an unencrypted snapshot.
resource "aws_ebs_volume" "restored" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0"
  encrypted         = true
}

resource "aws_ebs_snapshot" "backup" {
  volume_id = aws_ebs_volume.good.id
}

# Created from a snapshot of an encrypted volume of the configuration.
resource "aws_ebs_volume" "clone" {
  availability_zone = "eu-west-1a"
  snapshot_id       = aws_ebs_snapshot.backup.id
}`},
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

# Encrypted through the region's default.
resource "aws_ebs_volume" "good" {
  availability_zone = "eu-west-1a"
  size              = 10
}`},
		{Code: `
# Two provider configurations whose region is one variable: the default
# turned on through one covers the volumes of the other.
variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "account_settings"
  region = var.region
}

resource "aws_ebs_encryption_by_default" "this" {
  provider = aws.account_settings
  enabled  = true
}

resource "aws_ebs_volume" "good" {
  availability_zone = "eu-west-1a"
  size              = 10
}`},
		{Code: `
# The default is turned on through a provider whose region is another
# variable: it covers these volumes only if both name one region.
variable "region" {
  type = string
}

variable "settings_region" {
  type = string
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "account_settings"
  region = var.settings_region
}

resource "aws_ebs_encryption_by_default" "this" {
  provider = aws.account_settings
  enabled  = true
}

# encrypted = false is overridden where the default is on.
resource "aws_ebs_volume" "maybe_off" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false
}

resource "aws_ebs_volume" "maybe_default" {
  availability_zone = "eu-west-1a"
  size              = 10
}`, Unknowns: []string{"aws_ebs_volume.maybe_off", "aws_ebs_volume.maybe_default"}},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_ebs_volume" "bad" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "off" {
  count             = 2
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false
}`, Fails: []string{"aws_ebs_volume.bad", "aws_ebs_volume.off[0]", "aws_ebs_volume.off[1]"}},
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

# Default encryption is on in us-east-1 only.
resource "aws_ebs_encryption_by_default" "us" {
  provider = aws.us
}

resource "aws_ebs_volume" "bad" {
  availability_zone = "eu-west-1a"
  size              = 10
}

variable "encrypted" {
  type = bool
}

resource "aws_ebs_volume" "unknown" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypted
}

# The snapshot is not in the configuration and the volume does not ask
# for encryption: nothing shows it encrypted.
resource "aws_ebs_volume" "from_snapshot" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0"
}`, Fails: []string{"aws_ebs_volume.bad", "aws_ebs_volume.from_snapshot"}, Unknowns: []string{"aws_ebs_volume.unknown"},
			Expect: map[string]scanner.Expected{"aws_ebs_volume.from_snapshot": {Message: "does not show"}}},
		{Code: `
resource "aws_ebs_volume" "source" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}

resource "aws_ebs_snapshot" "s" {
  volume_id = aws_ebs_volume.source.id
}

# Restored from the encrypted snapshot: encrypted like it.
resource "aws_ebs_volume" "restored" {
  availability_zone = "eu-west-1a"
  snapshot_id       = aws_ebs_snapshot.s.id
}

variable "restore" {
  type = bool
}

# Restored only when var.restore is true; otherwise a new volume that
# does not ask for encryption.
resource "aws_ebs_volume" "maybe_restored" {
  availability_zone = "eu-west-1a"
  size              = 10
  snapshot_id       = var.restore ? aws_ebs_snapshot.s.id : null
}

resource "aws_ebs_volume" "bad" {
  availability_zone = "eu-west-1a"
  size              = 10
}`, Fails: []string{"aws_ebs_volume.bad"}, Unknowns: []string{"aws_ebs_volume.maybe_restored"}},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "volumes" {
  description         = "EBS volumes"
  enable_key_rotation = true
}

# A key without encrypted: EC2 accepts a KMS key only for an encrypted
# volume, so this volume is encrypted with it or not created.
resource "aws_ebs_volume" "key_only" {
  availability_zone = "eu-west-1a"
  size              = 20
  kms_key_id        = aws_kms_key.volumes.arn
}`}}
		bad = []scanner.Example{{Code: `
resource "aws_kms_key" "volumes" {
  description         = "EBS volumes"
  enable_key_rotation = true
}

# encrypted = false is judged by the flag, key or no key.
resource "aws_ebs_volume" "off" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = false
  kms_key_id        = aws_kms_key.volumes.arn
}

# A key from an input variable with no default may be null.
variable "volume_key" {
  type = string
}

resource "aws_ebs_volume" "maybe_key" {
  availability_zone = "eu-west-1a"
  size              = 20
  kms_key_id        = var.volume_key
}`, Fails: []string{"aws_ebs_volume.off"}, Unknowns: []string{"aws_ebs_volume.maybe_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return volumeEncryption(r, ctx, r.Attr("encrypted"), r.Attr("snapshot_id"), r.Attr("kms_key_id"), "the volume")
	},
}

var ebsEncryptionByDefaultEnabled = &scanner.Rule{
	ID:    "aws-ebs-encryption-by-default-enabled",
	Title: "EBS encryption by default stays enabled",
	Description: "EBS encryption by default makes every new volume and snapshot copy in the region encrypted, whatever " +
		"individual templates ask for; it is the control auditors prefer to per-volume settings. Declaring " +
		"aws_ebs_encryption_by_default with enabled = false turns that safety net off for the whole region.",
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_ebs_encryption_by_default"},
	Remediation:   "Set enabled = true (the default) and pair it with aws_ebs_default_kms_key to choose the key.",
	RemediationCode: `resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = aws_kms_key.ebs.arn
}`,
	Links: []string{
		registryDoc("aws_ebs_encryption_by_default", ""),
		"https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_106"},
		{Tool: scanner.ToolProwler, ID: "ec2_ebs_default_encryption"},
		{Tool: scanner.ToolKICS, ID: "EBS Default Encryption Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ebs_encryption_by_default" "good" {}
`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ebs_encryption_by_default" "bad" {
  enabled = false
}

variable "on" {
  type = bool
}

resource "aws_ebs_encryption_by_default" "maybe" {
  enabled = var.on
}`, Fails: []string{"aws_ebs_encryption_by_default.bad"}, Unknowns: []string{"aws_ebs_encryption_by_default.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("enabled"), true, "enabled = false turns EBS encryption by default off for the region")
	},
}

var ec2InstanceVolumesEncrypted = &scanner.Rule{
	ID:    "aws-ec2-instance-volumes-encrypted",
	Title: "EC2 instances encrypt their root and EBS block devices",
	Description: "An instance's root volume holds the operating system, application code and often cached credentials and " +
		"data; attached EBS volumes hold the rest. Unencrypted, they and their snapshots expose that data at rest " +
		"(SOC 2 CC6.1). A root volume without root_block_device is encrypted only if the AMI's snapshot is. " + ebsDefaultNote + " " + keyOnlyEncryptionNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_instance"},
	Remediation: "Declare root_block_device { encrypted = true } and encrypted = true on every ebs_block_device, or " +
		"turn on EBS encryption by default for the region.",
	RemediationCode: `resource "aws_instance" "app" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"

  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.ebs.arn
  }
}`,
	Links: []string{
		registryDoc("aws_instance", "ebs-ephemeral-and-root-block-devices"),
		"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_8"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0131"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-enable-at-rest-encryption"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_instance" "good" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}`},
		{Code: `
resource "aws_launch_template" "app" {
  image_id = "ami-0123456789abcdef0"
}

# The launch template decides the volumes; its own rule checks them.
resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.app.id
  }
}`},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_instance" "no_root" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "data_plain" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = false
  }
}`, Fails: []string{"aws_instance.data_plain", "aws_instance.no_root"}},
		{Code: `
variable "volumes" {
  type    = list(string)
  default = ["/dev/sdf", "/dev/sdg"]
}

resource "aws_instance" "dynamic" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  dynamic "ebs_block_device" {
    for_each = var.volumes
    content {
      device_name = ebs_block_device.value
      encrypted   = ebs_block_device.value == "/dev/sdf"
    }
  }
}`, Fails: []string{"aws_instance.dynamic"}},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "disks" {
  description         = "instance disks"
  enable_key_rotation = true
}

# Keys without encrypted: RunInstances accepts a KMS key only for an
# encrypted volume.
resource "aws_instance" "keyed" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device {
    kms_key_id = aws_kms_key.disks.arn
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 50
    kms_key_id  = aws_kms_key.disks.arn
  }
}`}}
		bad = []scanner.Example{{Code: `
variable "disk_key" {
  type = string
}

resource "aws_instance" "maybe_key" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device {
    kms_key_id = var.disk_key
  }
}

# An empty key is read as unset: the data volume is not encrypted.
resource "aws_instance" "empty_key" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    kms_key_id  = ""
  }
}`, Fails: []string{"aws_instance.empty_key"}, Unknowns: []string{"aws_instance.maybe_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		root := r.FirstBlock("root_block_device")
		var results []scanner.Result
		switch {
		case root != nil:
			results = append(results, volumeEncryption(r, ctx, root.Attr("encrypted"), scanner.Value{}, root.Attr("kms_key_id"), "root_block_device"))
		case r.FirstBlock("launch_template") != nil:
			// The template's block device mappings apply.
		case r.BlocksUnknown("root_block_device"):
			results = append(results, scanner.Unknowable(r.Range, "root_block_device is not known until apply"))
		default:
			res := volumeEncryption(r, ctx, scanner.Value{Name: "root_block_device", Range: r.Range}, scanner.Value{}, scanner.Value{}, "the root volume")
			if res.Status == scanner.Fail {
				res.Message = "no root_block_device with encrypted = true: the root volume is encrypted only if the AMI's snapshot is, and EBS encryption by default is not enabled in its region in this configuration"
			}
			results = append(results, res)
		}
		results = append(results, blockVolumes(r, ctx, "ebs_block_device")...)
		return worst(results...)
	},
}

// blockVolumes checks every block of type typ (ebs_block_device, …) of r.
func blockVolumes(r *scanner.Resource, ctx *scanner.Context, typ string) []scanner.Result {
	var out []scanner.Result
	for i, b := range r.Blocks(typ) {
		out = append(out, volumeEncryption(r, ctx, b.Attr("encrypted"), b.Attr("snapshot_id"), b.Attr("kms_key_id"), volumeName(typ, i, b)))
	}
	if r.BlocksUnknown(typ) {
		out = append(out, scanner.Unknowable(r.Range, "the %s blocks are not known until apply", typ))
	}
	return out
}

func volumeName(typ string, i int, b *scanner.Block) string {
	if dev, ok := b.Attr("device_name").AsString(); ok {
		return fmt.Sprintf("%s %q", typ, dev)
	}
	return fmt.Sprintf("%s #%d", typ, i+1)
}

var ec2LaunchTemplateVolumesEncrypted = &scanner.Rule{
	ID:    "aws-ec2-launch-template-volumes-encrypted",
	Title: "Launch templates encrypt the EBS volumes they map",
	Description: "Every instance an Auto Scaling group, EKS node group or Spot fleet starts from a launch template gets the " +
		"template's block device mappings; an unencrypted mapping multiplies unencrypted volumes across the fleet " +
		"(SOC 2 CC6.1). Mappings without an ebs block (instance store, no_device) are skipped, and a template without " +
		"mappings uses the AMI's. " + ebsDefaultNote + " " + inheritedEncryptionNote + " " + keyOnlyEncryptionNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_launch_template"},
	Remediation:   "Set encrypted = true in the ebs block of every block_device_mappings, or turn on EBS encryption by default.",
	RemediationCode: `resource "aws_launch_template" "app" {
  image_id = data.aws_ami.al2023.id

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = true
      kms_key_id  = aws_kms_key.ebs.arn
    }
  }
}`,
	Links: []string{registryDoc("aws_launch_template", "ebs")},
	Good: []scanner.Example{{Code: `
resource "aws_launch_template" "good" {
  image_id = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = "true"
    }
  }

  block_device_mappings {
    device_name  = "/dev/sdb"
    virtual_name = "ephemeral0"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_launch_template" "bad" {
  image_id = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
    }
  }
}

resource "aws_launch_template" "snapshot" {
  image_id = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/sdf"
    ebs {
      snapshot_id = "snap-0123456789abcdef0"
    }
  }
}`, Fails: []string{"aws_launch_template.bad", "aws_launch_template.snapshot"}}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "disks" {
  description         = "fleet disks"
  enable_key_rotation = true
}

# A key without encrypted is accepted only for an encrypted volume.
resource "aws_launch_template" "keyed" {
  name_prefix = "fleet-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 30
      kms_key_id  = aws_kms_key.disks.arn
    }
  }
}`}}
		bad = []scanner.Example{{Code: `
variable "disk_key" {
  type = string
}

resource "aws_launch_template" "maybe_key" {
  name_prefix = "fleet-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 30
      kms_key_id  = var.disk_key
    }
  }
}

resource "aws_launch_template" "empty_key" {
  name_prefix = "batch-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 30
      kms_key_id  = ""
    }
  }
}`, Fails: []string{"aws_launch_template.empty_key"}, Unknowns: []string{"aws_launch_template.maybe_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		var results []scanner.Result
		for i, m := range r.Blocks("block_device_mappings") {
			ebs := m.FirstBlock("ebs")
			if ebs == nil {
				if m.BlocksUnknown("ebs") {
					results = append(results, scanner.Unknowable(m.Range, "the ebs block of %s is not known until apply", volumeName("block_device_mappings", i, m)))
				}
				continue
			}
			results = append(results, volumeEncryption(r, ctx, ebs.Attr("encrypted"), ebs.Attr("snapshot_id"), ebs.Attr("kms_key_id"), volumeName("block_device_mappings", i, m)))
		}
		if r.BlocksUnknown("block_device_mappings") {
			results = append(results, scanner.Unknowable(r.Range, "the block_device_mappings are not known until apply"))
		}
		return worst(results...)
	},
}

var autoscalingLaunchConfigurationVolumesEncrypted = &scanner.Rule{
	ID:    "aws-autoscaling-launch-configuration-volumes-encrypted",
	Title: "Launch configurations encrypt their root and EBS block devices",
	Description: "Launch configurations (deprecated in favour of launch templates, still common in older stacks) give every " +
		"instance of their Auto Scaling group the same volumes; an unencrypted one multiplies unencrypted data at rest " +
		"across the group (SOC 2 CC6.1). " + ebsDefaultNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_launch_configuration"},
	Remediation:   "Declare root_block_device { encrypted = true } and encrypted = true on every ebs_block_device; better, move to a launch template.",
	RemediationCode: `resource "aws_launch_configuration" "app" {
  image_id      = data.aws_ami.al2023.id
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }
}`,
	Links: []string{registryDoc("aws_launch_configuration", "block-devices")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_8"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0068"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0008"},
		{Tool: scanner.ToolTfsec, ID: "aws-autoscaling-enable-at-rest-encryption"},
		{Tool: scanner.ToolKICS, ID: "Launch Configuration Is Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_launch_configuration" "good" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_launch_configuration" "bad" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = false
  }
}

resource "aws_launch_configuration" "no_root" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}`, Fails: []string{"aws_launch_configuration.bad", "aws_launch_configuration.no_root"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		var results []scanner.Result
		if root := r.FirstBlock("root_block_device"); root != nil {
			results = append(results, volumeEncryption(r, ctx, root.Attr("encrypted"), scanner.Value{}, root.Attr("kms_key_id"), "root_block_device"))
		} else if r.BlocksUnknown("root_block_device") {
			results = append(results, scanner.Unknowable(r.Range, "root_block_device is not known until apply"))
		} else {
			res := volumeEncryption(r, ctx, scanner.Value{Name: "root_block_device", Range: r.Range}, scanner.Value{}, scanner.Value{}, "the root volume")
			if res.Status == scanner.Fail {
				res.Message = "no root_block_device with encrypted = true: the root volume is encrypted only if the AMI's snapshot is, and EBS encryption by default is not enabled in its region in this configuration"
			}
			results = append(results, res)
		}
		results = append(results, blockVolumes(r, ctx, "ebs_block_device")...)
		return worst(results...)
	},
}

var amiAndSnapshotEncrypted = &scanner.Rule{
	ID:    "aws-ami-snapshot-encrypted",
	Title: "AMIs, EBS snapshots and their copies are encrypted",
	Description: "An AMI's block device snapshots and an EBS snapshot carry a full copy of a disk; unencrypted, anyone the " +
		"image or snapshot is shared with, or who restores it, reads the data (SOC 2 CC6.1). An aws_ami volume is " +
		"judged like any EBS volume (encrypted, or its snapshot's encryption, or EBS encryption by default in its " +
		"region). An aws_ebs_snapshot takes its volume's encryption (its computed encrypted when a plan shows it, " +
		"unknown when neither it nor the volume is in the configuration). aws_ami_copy and aws_ebs_snapshot_copy keep the source's encryption unless encrypted = true " +
		"or EBS encryption by default is on in their region. " + inheritedEncryptionNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_ami", "aws_ami_copy", "aws_ebs_snapshot", "aws_ebs_snapshot_copy"},
	Remediation:   "Set encrypted = true (with kms_key_id) on copies and on aws_ami block devices; snapshot only encrypted volumes.",
	RemediationCode: `resource "aws_ami_copy" "golden" {
  # ...
  encrypted  = true
  kms_key_id = aws_kms_key.images.arn
}`,
	Links: []string{
		registryDoc("aws_ami_copy", "encrypted"),
		registryDoc("aws_ebs_snapshot_copy", "encrypted"),
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_235"},
		{Tool: scanner.ToolKICS, ID: "AMI Not Encrypted"},
		{Tool: scanner.ToolKICS, ID: "EBS Volume Snapshot Not Encrypted"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_204"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ami" "good" {
  name             = "golden"
  root_device_name = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    volume_size = 8
    encrypted   = true
  }
}

resource "aws_ami_copy" "good" {
  name              = "golden-copy"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
  encrypted         = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}

resource "aws_ebs_snapshot" "good" {
  volume_id = aws_ebs_volume.data.id
}

resource "aws_ebs_snapshot_copy" "good" {
  source_snapshot_id = aws_ebs_snapshot.good.id
  source_region      = "eu-west-1"
}`}, {Code: `
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

# EBS encryption by default encrypts copies of unencrypted sources too.
resource "aws_ebs_snapshot_copy" "outside" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ami" "plain" {
  name             = "golden"
  root_device_name = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0123456789abcdef0"
    encrypted   = false
  }
}

resource "aws_ebs_volume" "plain" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_snapshot" "plain" {
  volume_id = aws_ebs_volume.plain.id
}

resource "aws_ebs_snapshot_copy" "plain" {
  source_snapshot_id = aws_ebs_snapshot.plain.id
  source_region      = "eu-west-1"
}

# The source AMI is not in the configuration, and the copy does not ask
# for encryption: nothing shows the copy encrypted.
resource "aws_ami_copy" "outside" {
  name              = "copy"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
}

resource "aws_ami" "from_snapshot" {
  name             = "registered"
  root_device_name = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0123456789abcdef0"
  }
}

# A snapshot cannot ask for encryption: it is as encrypted as a volume
# the configuration does not show.
resource "aws_ebs_snapshot" "outside" {
  volume_id = "vol-0123456789abcdef0"
}

# The computed encrypted, as a plan shows it.
resource "aws_ebs_snapshot" "computed" {
  volume_id = "vol-0123456789abcdef0"
  encrypted = false
}`, Fails: []string{"aws_ami.from_snapshot", "aws_ami.plain", "aws_ami_copy.outside", "aws_ebs_snapshot.computed", "aws_ebs_snapshot.plain", "aws_ebs_snapshot_copy.plain"},
		Unknowns: []string{"aws_ebs_snapshot.outside"},
		Expect: map[string]scanner.Expected{
			"aws_ami.plain":          {Line: 8, Message: "encrypted = false"},
			"aws_ebs_snapshot.plain": {Line: 18, Message: "aws_ebs_volume.plain"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return imageEncryption(r, ctx, 0)
	},
}

// imageEncryption decides an AMI, snapshot or copy, following a copy or a
// snapshot to its source when the configuration declares it.
func imageEncryption(r *scanner.Resource, ctx *scanner.Context, depth int) scanner.Result {
	switch r.Type {
	case "aws_ami":
		results := blockVolumes(r, ctx, "ebs_block_device")
		if len(results) == 0 {
			return scanner.DoesNotApply("the AMI maps no EBS volume")
		}
		return worst(results...)
	case "aws_ebs_volume":
		return volumeEncryption(r, ctx, r.Attr("encrypted"), r.Attr("snapshot_id"), r.Attr("kms_key_id"), "the volume")
	}
	source := map[string]string{"aws_ebs_snapshot": "volume_id", "aws_ebs_snapshot_copy": "source_snapshot_id", "aws_ami_copy": "source_ami_id"}[r.Type]
	if enc := r.Attr("encrypted"); r.Type == "aws_ebs_snapshot" && enc.IsKnown() && enc.IsSet() {
		// A snapshot's encrypted is computed from its volume: a plan knows
		// it, and a configuration that states it says what it expects.
		return scanner.RequireTrue(enc, "encrypted = false: the snapshot is stored unencrypted")
	}
	if r.Type != "aws_ebs_snapshot" {
		enc := r.Attr("encrypted")
		if enc.IsTrue() {
			return scanner.Passed()
		}
		if enc.IsUnknown() {
			return scanner.Unknowable(enc.Range, "encrypted is not known until apply")
		}
	}
	v := r.Attr(source)
	if depth < 3 && ctx != nil && ctx.Index != nil {
		for _, src := range ctx.Index.Resolve(v) {
			switch src.Type {
			case "aws_ebs_volume", "aws_ebs_snapshot", "aws_ebs_snapshot_copy", "aws_ami", "aws_ami_copy":
				res := imageEncryption(src, ctx, depth+1)
				if res.Status == scanner.Fail {
					res = scanner.Failed(v.Range, "%s is %s, which is not encrypted, and the copy does not set encrypted = true", source, src.Address)
					if r.Type == "aws_ebs_snapshot" {
						res.Message = fmt.Sprintf("volume_id is %s, which is not encrypted: the snapshot is not either", src.Address)
					}
				}
				return res
			}
		}
	}
	if r.Type == "aws_ebs_snapshot" {
		// A snapshot cannot ask for encryption: it is exactly as
		// encrypted as a volume the configuration does not show.
		return scanner.Unknowable(v.Range, "the encryption comes from %s, which is not in the configuration", source)
	}
	// A copy can always ask for encryption itself; one that does not, of
	// a source the configuration does not show, is not shown encrypted
	// (inheritedEncryptionNote). EBS encryption by default encrypts
	// snapshot and AMI copies too.
	switch ebsDefaultEncryption(r, ctx) {
	case scanner.Yes:
		return scanner.Passed()
	case scanner.Maybe:
		return scanner.Unknowable(v.Range, "the copy takes the encryption of %s, which is not in the configuration, unless EBS encryption by default is on in its region, which is not known until apply", source)
	}
	return scanner.Failed(v.Range, "the copy does not set encrypted = true: its encryption is that of %s, which this configuration does not show, and EBS encryption by default is not enabled in its region in this configuration", source)
}
