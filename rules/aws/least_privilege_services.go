package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Least privilege inside managed services: root on notebook instances, and
// EFS access points that pin clients to a directory and an identity.

var sagemakerNotebookNoRootAccess = &scanner.Rule{
	ID:    "aws-sagemaker-notebook-root-access-disabled",
	Title: "SageMaker notebook instances do not give their users root",
	Description: "With root access (root_access = \"Enabled\", the default) every notebook user can install " +
		"software, change the instance's configuration and read whatever the instance and its role can, " +
		"including other users' files; the notebook's lifecycle configuration still runs as root when root " +
		"access is disabled. SOC 2 CC6.3 expects privileges limited to what each user needs.",
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_sagemaker_notebook_instance"},
	Remediation:     "Set root_access = \"Disabled\"; install what the notebooks need in a lifecycle configuration.",
	RemediationCode: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  # ...\n  root_access = \"Disabled\"\n}",
	Links:           []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_307"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "admin" {
  name          = "admin"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
  root_access   = "Enabled"
}

variable "root_access" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "maybe" {
  name          = "maybe"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
  root_access   = var.root_access
}`, Fails: []string{"aws_sagemaker_notebook_instance.research", "aws_sagemaker_notebook_instance.admin"},
		Unknowns: []string{"aws_sagemaker_notebook_instance.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSetting(r.Attr("root_access"), "Disabled", "Enabled",
			": notebook users are root on the instance", "notebook users are root on the instance")
	},
}

// requireSetting passes an argument that equals want, fails one set to
// anything else (saying setWhy) or left to a default def other than want
// (adding unsetWhy, which starts with its own separator), and is unknown
// when the value is only known after apply.
func requireSetting(v scanner.Value, want, def, unsetWhy, setWhy string) scanner.Result {
	switch {
	case v.Equals(want):
		return scanner.Passed()
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "%s is only known after apply", v.Name)
	case !v.Present:
		return scanner.Failed(v.Range, "%s is not set and defaults to %q%s", v.Name, def, unsetWhy)
	}
	return scanner.Failed(v.Range, "%s is %q: %s", v.Name, v.StringOr(""), setWhy)
}

var efsAccessPointRootDirectory = &scanner.Rule{
	ID:    "aws-efs-access-point-root-directory",
	Title: "EFS access points confine clients to a directory",
	Description: "An access point whose root_directory is unset or \"/\" lets every client that mounts through " +
		"it see the whole file system, including other applications' data. SOC 2 CC6.3 expects each workload " +
		"limited to the data it needs: give each access point its own directory.",
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_efs_access_point"},
	Remediation:     "Set root_directory.path to the application's own directory (with creation_info so EFS creates it).",
	RemediationCode: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.shared.id\n  root_directory {\n    path = \"/app\"\n    creation_info {\n      owner_uid   = 1000\n      owner_gid   = 1000\n      permissions = \"750\"\n    }\n  }\n}",
	Links:           []string{"https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_329"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_access_point" "app" {
  file_system_id = "fs-1"
  root_directory {
    path = "/app"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_access_point" "unset" {
  file_system_id = "fs-1"
}

resource "aws_efs_access_point" "root" {
  file_system_id = "fs-1"
  root_directory {
    path = "/"
  }
}

variable "path" {
  type = string
}

resource "aws_efs_access_point" "maybe" {
  file_system_id = "fs-1"
  root_directory {
    path = var.path
  }
}`, Fails: []string{"aws_efs_access_point.unset", "aws_efs_access_point.root"}, Unknowns: []string{"aws_efs_access_point.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("root_directory") {
			return scanner.Unknowable(scanner.Range{}, "root_directory is only known after apply")
		}
		b := r.FirstBlock("root_directory")
		if b == nil {
			return scanner.Failed(scanner.Range{}, "root_directory is not set: clients see the whole file system")
		}
		v := b.Attr("path")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "root_directory.path is only known after apply")
		case strings.Trim(v.StringOr("/"), "/") == "":
			return scanner.Failed(b.Range, "root_directory.path is the file system's root: clients see the whole file system")
		}
		return scanner.Passed()
	},
}

var efsAccessPointPosixUser = &scanner.Rule{
	ID:    "aws-efs-access-point-posix-user",
	Title: "EFS access points enforce a POSIX user",
	Description: "Without posix_user an access point passes on whatever user and group IDs the client claims, " +
		"so any client can act as any owner, root included, on the files it reaches. Setting posix_user makes " +
		"EFS use that identity for every request through the access point. SOC 2 CC6.3 expects access by " +
		"identity and limited to what is needed.",
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_efs_access_point"},
	Remediation:     "Set posix_user with the application's uid and gid.",
	RemediationCode: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.shared.id\n  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n}",
	Links:           []string{"https://docs.aws.amazon.com/efs/latest/ug/enforce-identity-access-points.html"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_330"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_access_point" "app" {
  file_system_id = "fs-1"
  posix_user {
    uid = 1000
    gid = 1000
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_access_point" "app" {
  file_system_id = "fs-1"
}

variable "users" {
  type = list(object({ uid = number, gid = number }))
}

resource "aws_efs_access_point" "maybe" {
  file_system_id = "fs-1"
  dynamic "posix_user" {
    for_each = var.users
    content {
      uid = posix_user.value.uid
      gid = posix_user.value.gid
    }
  }
}`, Fails: []string{"aws_efs_access_point.app"}, Unknowns: []string{"aws_efs_access_point.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		switch {
		case r.FirstBlock("posix_user") != nil:
			return scanner.Passed()
		case r.BlocksUnknown("posix_user"):
			return scanner.Unknowable(scanner.Range{}, "posix_user is only known after apply")
		}
		return scanner.Failed(scanner.Range{}, "posix_user is not set: clients act with whatever user and group IDs they claim")
	},
}
