package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Deletion protection (C1.1 "Protects Confidential Information from
// Destruction"): a stray `terraform destroy`, a replacement forced by a
// changed argument or a console click must not be able to delete a
// datastore in one step.

var deletionCriteria = scanner.Criteria{Primary: "C1.1", Secondary: []string{"A1.2", "CC7.4"}}

var rdsDeletionProtection = &scanner.Rule{
	ID:    "aws-rds-deletion-protection",
	Title: "RDS instances and clusters have deletion protection enabled",
	Description: "Without deletion protection one API call, console click or Terraform plan that replaces the database " +
		"deletes it, with its automated backups by default. SOC 2 C1.1 expects confidential data to be protected from " +
		"destruction, and A1.2 from loss. deletion_protection defaults to false; read replicas are skipped, since deleting " +
		"one loses no data.",
	Severity:      scanner.Medium,
	Criteria:      deletionCriteria,
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster"},
	Remediation:   "Set deletion_protection = true.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  deletion_protection = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#deletion_protection",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_293"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_139"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0177"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0343"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_deletion_protection"},
		{Tool: scanner.ToolProwler, ID: "rds_cluster_deletion_protection"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  deletion_protection = true
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.micro"
}

resource "aws_rds_cluster" "main" {
  engine              = "aurora-postgresql"
  deletion_protection = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "protect" {
  type = bool
}

resource "aws_db_instance" "unprotected" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_rds_cluster" "off" {
  engine              = "aurora-mysql"
  deletion_protection = false
}

resource "aws_rds_cluster" "from_var" {
  engine              = "aurora-mysql"
  deletion_protection = var.protect
}`, Fails: []string{"aws_db_instance.unprotected", "aws_rds_cluster.off"}, Unknowns: []string{"aws_rds_cluster.from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if isReadReplica(r) {
			return scanner.Passed()
		}
		return scanner.RequireTrue(r.Attr("deletion_protection"),
			"deletion_protection is not true: one delete call or replacing plan destroys the database")
	},
}

var docdbDeletionProtection = &scanner.Rule{
	ID:    "aws-docdb-deletion-protection",
	Title: "DocumentDB clusters have deletion protection enabled",
	Description: "Without deletion protection a DocumentDB cluster and its automated backups can be deleted in one step. " +
		"SOC 2 C1.1 expects confidential data to be protected from destruction. deletion_protection defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      deletionCriteria,
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_docdb_cluster"},
	Remediation:   "Set deletion_protection = true.",
	RemediationCode: `resource "aws_docdb_cluster" "docs" {
  # ...
  deletion_protection = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster#deletion_protection",
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-delete.html#db-cluster-deletion-protection",
	},
	Good: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "docs" {
  cluster_identifier  = "docs"
  deletion_protection = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}`, Fails: []string{"aws_docdb_cluster.docs"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("deletion_protection"),
			"deletion_protection is not true: one delete call or replacing plan destroys the cluster")
	},
}

var neptuneDeletionProtection = &scanner.Rule{
	ID:    "aws-neptune-deletion-protection",
	Title: "Neptune clusters have deletion protection enabled",
	Description: "Without deletion protection a Neptune cluster can be deleted in one step. SOC 2 C1.1 expects confidential " +
		"data to be protected from destruction. deletion_protection defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      deletionCriteria,
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_neptune_cluster"},
	Remediation:   "Set deletion_protection = true.",
	RemediationCode: `resource "aws_neptune_cluster" "graph" {
  # ...
  deletion_protection = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#deletion_protection",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "neptune_cluster_deletion_protection"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}`, Fails: []string{"aws_neptune_cluster.graph"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("deletion_protection"),
			"deletion_protection is not true: one delete call or replacing plan destroys the cluster")
	},
}

var dynamodbDeletionProtection = &scanner.Rule{
	ID:    "aws-dynamodb-deletion-protection",
	Title: "DynamoDB tables have deletion protection enabled",
	Description: "A DynamoDB table can be deleted in one call, and everything that uses it is down until it is restored: " +
		"from the 35-day system backup DynamoDB keeps when point-in-time recovery was on, or from on-demand and AWS Backup " +
		"backups, if there are any. SOC 2 C1.1 expects confidential data to be protected from destruction. " +
		"deletion_protection_enabled defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      deletionCriteria,
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_dynamodb_table"},
	Remediation:   "Set deletion_protection_enabled = true.",
	RemediationCode: `resource "aws_dynamodb_table" "orders" {
  # ...
  deletion_protection_enabled = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#deletion_protection_enabled",
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
	},
	Good: []scanner.Example{{Code: `
resource "aws_dynamodb_table" "orders" {
  name                        = "orders"
  hash_key                    = "id"
  deletion_protection_enabled = true
  attribute {
    name = "id"
    type = "S"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}`, Fails: []string{"aws_dynamodb_table.orders"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("deletion_protection_enabled"),
			"deletion_protection_enabled is not true: one delete call removes the table")
	},
}

var lbDeletionProtection = &scanner.Rule{
	ID:    "aws-lb-deletion-protection",
	Title: "Load balancers have deletion protection enabled",
	Description: "Deleting a load balancer takes the service behind it offline and releases its DNS name; recreating it " +
		"takes a new name that clients and DNS records must catch up with. enable_deletion_protection defaults to false. " +
		"The data behind it is not lost, so this is a low-severity availability safeguard (SOC 2 C1.1, A1.2).",
	Severity:      scanner.Low,
	Criteria:      deletionCriteria,
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_lb", "aws_alb"},
	Remediation:   "Set enable_deletion_protection = true.",
	RemediationCode: `resource "aws_lb" "web" {
  # ...
  enable_deletion_protection = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#enable_deletion_protection",
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_150"},
		{Tool: scanner.ToolProwler, ID: "elbv2_deletion_protection"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  subnets                    = ["subnet-1", "subnet-2"]
  enable_deletion_protection = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
}

resource "aws_alb" "legacy_name" {
  name    = "legacy"
  subnets = ["subnet-1", "subnet-2"]
}`, Fails: []string{"aws_lb.web", "aws_alb.legacy_name"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("enable_deletion_protection"),
			"enable_deletion_protection is not true: the load balancer can be deleted in one step")
	},
}
