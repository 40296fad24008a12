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
		{Tool: scanner.ToolTfsec, ID: "aws-rds-enable-deletion-protection"},
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
}`, NotApplicable: []string{"aws_db_instance.replica"}}},
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
}

# An input variable with no default may be given null: not a replica.
variable "replica_source" {
  type = string
}

resource "aws_db_instance" "maybe_replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = var.replica_source
}`, Fails: []string{"aws_db_instance.unprotected", "aws_rds_cluster.off"}, Unknowns: []string{"aws_db_instance.maybe_replica", "aws_rds_cluster.from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return exemptReadReplica(r, scanner.DoesNotApply("deleting a read replica loses no data: its source holds it and is judged instead"), func() scanner.Result {
			return scanner.RequireTrue(r.Attr("deletion_protection"),
				"deletion_protection is not true: one delete call or replacing plan destroys the database")
		})
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
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_58"},
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
		{Tool: scanner.ToolKICS, ID: "ALB Deletion Protection Disabled"},
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

var ecrRepositoryTagsImmutable = &scanner.Rule{
	ID:    "aws-ecr-repository-tags-immutable",
	Title: "ECR repositories keep image tags immutable",
	Description: "With mutable tags, pushing an image under an existing tag (v1.4.2, or the tag a deployment pins) silently " +
		"replaces what that tag names: the image that was reviewed, scanned and approved is no longer the one that " +
		"runs, and the release a tag recorded can no longer be pulled (SOC 2 CC8.1 asks that what is deployed is what " +
		"was approved). image_tag_mutability defaults to MUTABLE. IMMUTABLE passes, and so does IMMUTABLE_WITH_EXCLUSION " +
		"(only the tags matching its exclusion filters, such as latest, may move); MUTABLE_WITH_EXCLUSION fails, since " +
		"every tag but the filtered ones can be overwritten.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC8.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_ecr_repository"},
	Remediation:   "Set image_tag_mutability = \"IMMUTABLE\" (or IMMUTABLE_WITH_EXCLUSION for a moving tag such as latest).",
	RemediationCode: `resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}`,
	Links: []string{
		registryDoc("aws_ecr_repository", "image_tag_mutability"),
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_51"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0031"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecr-enforce-immutable-repository"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "latest_moves" {
  name                 = "latest-moves"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = "latest"
    filter_type = "WILDCARD"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecr_repository" "default" {
  name = "default"
}

resource "aws_ecr_repository" "mutable" {
  name                 = "mutable"
  image_tag_mutability = "MUTABLE"
}

resource "aws_ecr_repository" "releases_only" {
  name                 = "releases-only"
  image_tag_mutability = "MUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = "v*"
    filter_type = "WILDCARD"
  }
}

variable "mutability" {
  type = string
}

resource "aws_ecr_repository" "by_variable" {
  name                 = "by-variable"
  image_tag_mutability = var.mutability
}`, Fails: []string{"aws_ecr_repository.default", "aws_ecr_repository.mutable", "aws_ecr_repository.releases_only"},
		Unknowns: []string{"aws_ecr_repository.by_variable"},
		Expect: map[string]scanner.Expected{
			"aws_ecr_repository.default":       {Message: "image_tag_mutability is not set: the provider defaults it to MUTABLE"},
			"aws_ecr_repository.releases_only": {Message: "MUTABLE_WITH_EXCLUSION"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("image_tag_mutability")
		switch {
		case v.IsNull():
			return scanner.Failed(r.Range, "image_tag_mutability is not set: the provider defaults it to MUTABLE, so pushing under an existing tag replaces the image it names")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "image_tag_mutability is not known until apply")
		case v.OneOf("IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"):
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "image_tag_mutability = %q: pushing under an existing tag replaces the image it names", v.StringOr("?"))
	},
}
