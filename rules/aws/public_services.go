package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure of other managed services: SageMaker notebooks, shared
// SSM documents, MWAA web servers and MSK brokers.

var sagemakerNotebookNoDirectInternet = &scanner.Rule{
	ID:    "aws-sagemaker-notebook-no-direct-internet",
	Title: "SageMaker notebook instances have no direct internet access",
	Description: "With direct internet access a notebook instance, which usually holds training data and broad " +
		"IAM permissions, has a network path to and from the internet outside your VPC's controls. SOC 2 CC6.6 " +
		"expects traffic to cross the boundary through controlled points. direct_internet_access defaults to " +
		"\"Enabled\", so unset fails; disabling it requires a subnet_id.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sagemaker_notebook_instance"},
	Remediation:   "Set direct_internet_access = \"Disabled\" with a subnet_id in your VPC; route needed traffic through a NAT gateway or VPC endpoints.",
	RemediationCode: `resource "aws_sagemaker_notebook_instance" "research" {
  # ...
  subnet_id              = aws_subnet.private_a.id
  security_groups        = [aws_security_group.notebook.id]
  direct_internet_access = "Disabled"
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance#direct_internet_access"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_122"},
		{Tool: scanner.ToolProwler, ID: "sagemaker_notebook_instance_without_direct_internet_access_configured"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-1"
  direct_internet_access = "Disabled"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
}`, Fails: []string{"aws_sagemaker_notebook_instance.research"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("direct_internet_access")
		switch {
		case v.Equals("Disabled"):
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "direct_internet_access is only known after apply")
		case !v.Present:
			return scanner.Failed(v.Range, "direct_internet_access is not set and defaults to \"Enabled\"")
		}
		return scanner.Failed(v.Range, "direct_internet_access is %q: the notebook has a path to the internet outside the VPC", v.StringOr(""))
	},
}

var ssmDocumentNotPublic = &scanner.Rule{
	ID:    "aws-ssm-document-not-public",
	Title: "SSM documents are not shared publicly",
	Description: "An SSM document shared with account_ids = \"All\" is visible to every AWS account, and with it " +
		"the commands, scripts, internal host names and sometimes secrets it contains. SOC 2 CC6.6 and CC6.1 " +
		"expect such assets to stay with authorised parties.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_ssm_document"},
	Remediation:     "Share the document with specific account IDs, or not at all.",
	RemediationCode: "resource \"aws_ssm_document\" \"patch\" {\n  # ...\n  permissions = {\n    type        = \"Share\"\n    account_ids = \"210987654321\"\n  }\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_document#permissions"},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "ssm_documents_set_as_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "210987654321,123456789012"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}`, Fails: []string{"aws_ssm_document.patch"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		perms := r.Attr("permissions")
		ids := perms.Index("account_ids")
		if ids.IsUnknown() {
			return scanner.Unknowable(perms.Range, "permissions.account_ids is only known after apply")
		}
		list, _ := ids.AsString()
		for _, id := range strings.Split(list, ",") {
			if strings.EqualFold(strings.TrimSpace(id), "all") {
				return scanner.Failed(perms.Range, "permissions share the document with account_ids \"All\": every AWS account can read it")
			}
		}
		return scanner.Passed()
	},
}

var mwaaEnvironmentNotPublic = &scanner.Rule{
	ID:    "aws-mwaa-environment-not-public",
	Title: "Managed Airflow web servers are not public",
	Description: "With webserver_access_mode = \"PUBLIC_ONLY\" the Airflow UI, which can trigger every DAG and " +
		"read connection secrets, is reachable from the internet behind only its login. SOC 2 CC6.6 expects " +
		"administrative interfaces behind the boundary. The default is PRIVATE_ONLY.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_mwaa_environment"},
	Remediation:     "Set webserver_access_mode = \"PRIVATE_ONLY\" and reach the UI through the VPC.",
	RemediationCode: "resource \"aws_mwaa_environment\" \"etl\" {\n  # ...\n  webserver_access_mode = \"PRIVATE_ONLY\"\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment#webserver_access_mode"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_66"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mwaa_environment" "etl" {
  name = "etl"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mwaa_environment" "etl" {
  name                  = "etl"
  webserver_access_mode = "PUBLIC_ONLY"
}`, Fails: []string{"aws_mwaa_environment.etl"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("webserver_access_mode")
		switch {
		case v.Equals("PUBLIC_ONLY"):
			return scanner.Failed(v.Range, "webserver_access_mode is \"PUBLIC_ONLY\": the Airflow UI is reachable from the internet")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "webserver_access_mode is only known after apply")
		}
		return scanner.Passed()
	},
}

var mskClusterBrokersNotPublic = &scanner.Rule{
	ID:    "aws-msk-cluster-brokers-not-public",
	Title: "MSK cluster brokers are not reachable from the internet",
	Description: "Public access (SERVICE_PROVIDED_EIPS) gives every Kafka broker a public IP address, exposing " +
		"topics to anyone who obtains client credentials. SOC 2 CC6.6 expects data streams inside the boundary. " +
		"Public access is DISABLED by default.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_msk_cluster"},
	Remediation:   "Set broker_node_group_info.connectivity_info.public_access.type = \"DISABLED\" (or remove the block) and connect through the VPC or PrivateLink.",
	RemediationCode: `resource "aws_msk_cluster" "events" {
  # ...
  broker_node_group_info {
    # ...
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#public_access"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_291"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}`, Fails: []string{"aws_msk_cluster.events"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Get("broker_node_group_info", "connectivity_info", "public_access", "type")
		switch {
		case v.Equals("SERVICE_PROVIDED_EIPS"):
			return scanner.Failed(v.Range, "public_access type is \"SERVICE_PROVIDED_EIPS\": the brokers have public IP addresses")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "public_access type is only known after apply")
		}
		return scanner.Passed()
	},
}
