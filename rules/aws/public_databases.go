package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure of databases and brokers: the publicly_accessible
// switches of RDS, Redshift, DMS, Amazon MQ and Neptune, and RDS snapshots
// shared with every account.

// publiclyAccessibleMessage words the finding of a publicly_accessible =
// true argument.
func publiclyAccessibleMessage(what string) string {
	return "publicly_accessible is true: the " + what + " gets a public IP address and a DNS name that resolves to it"
}

var rdsInstanceNotPublic = &scanner.Rule{
	ID:    "aws-rds-instance-not-publicly-accessible",
	Title: "RDS instances are not publicly accessible",
	Description: "A publicly accessible RDS instance gets a public IP address and an endpoint that resolves to it " +
		"from the internet; only its security group stands between the database and every scanner. SOC 2 CC6.6 " +
		"expects data stores to sit inside the system boundary. publicly_accessible defaults to false on " +
		"aws_db_instance and aws_rds_cluster_instance, so an unset argument passes.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster_instance"},
	Remediation:   "Set publicly_accessible = false and place the instance in private subnets; reach it through the application, a bastion or SSM port forwarding.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  publicly_accessible  = false
  db_subnet_group_name = aws_db_subnet_group.private.name
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#publicly_accessible",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_17"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0082"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-no-public-db-access"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0180"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_no_public_access"},
		{Tool: scanner.ToolKICS, ID: "DB Instance Publicly Accessible"},
		{Tool: scanner.ToolKICS, ID: "RDS DB Instance Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = false
}

resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier = "main"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}`}, {Code: `
module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 7.0"

  identifier = "orders"
  engine     = "postgres"
}`}},
	Bad: []scanner.Example{{Code: `
module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 7.0"

  identifier          = "orders"
  engine              = "postgres"
  publicly_accessible = true
}`, Fails: []string{"module.db.aws_db_instance.this[0]"},
		Expect: map[string]scanner.Expected{"module.db.aws_db_instance.this[0]": {Line: 8, Message: "publicly_accessible"}}}, {Code: `
variable "public" {
  type = bool
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
}

resource "aws_rds_cluster_instance" "reader" {
  count               = 2
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = count.index == 1
}

resource "aws_rds_cluster_instance" "maybe" {
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = var.public
}`, Fails: []string{"aws_db_instance.main", "aws_rds_cluster_instance.reader[1]"}, Unknowns: []string{"aws_rds_cluster_instance.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("database instance"))
	},
}

var redshiftClusterNotPublic = &scanner.Rule{
	ID:    "aws-redshift-cluster-not-publicly-accessible",
	Title: "Redshift clusters are not publicly accessible",
	Description: "A publicly accessible Redshift cluster is reachable from the internet on its endpoint, exposing " +
		"the warehouse's data to password guessing. SOC 2 CC6.6 expects data stores inside the system boundary. " +
		"The AWS provider defaulted publicly_accessible to true before version 6.0 and defaults it to false " +
		"since. The version comes from the root module's .terraform.lock.hcl or from required_providers " +
		"constraints that admit one major version; when neither tells, an unset argument fails unless the " +
		"assume_provider_v6_defaults parameter is set.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_redshift_cluster"},
	Params: []scanner.Param{{
		Name:        "assume_provider_v6_defaults",
		Description: "Where the provider version cannot be told from the lock file or constraints, treat an unset publicly_accessible as false, as AWS provider 6.0 and later do. Leave false when any configuration may run with provider 5.x or older, where it defaults to true.",
		Default:     false,
	}},
	Remediation: "Set publicly_accessible = false explicitly.",
	RemediationCode: `resource "aws_redshift_cluster" "warehouse" {
  # ...
  publicly_accessible = false
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#publicly_accessible",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade#resource-aws_redshift_cluster",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_87"},
		{Tool: scanner.ToolKICS, ID: "Redshift Publicly Accessible"},
		{Tool: scanner.ToolProwler, ID: "redshift_cluster_public_access"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  publicly_accessible = false
}`},
		{Code: `
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}`, Params: map[string]any{"assume_provider_v6_defaults": true}},
		{Code: `
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# Provider 6.x makes clusters private by default.
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}`},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "open" {
  cluster_identifier  = "open"
  node_type           = "ra3.xlplus"
  publicly_accessible = true
}

resource "aws_redshift_cluster" "unset" {
  cluster_identifier = "unset"
  node_type          = "ra3.xlplus"
}`, Fails: []string{"aws_redshift_cluster.open", "aws_redshift_cluster.unset"}},
		{Code: `
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

# Provider 5.x makes clusters public by default, whatever the parameter says.
resource "aws_redshift_cluster" "unset" {
  cluster_identifier = "unset"
  node_type          = "ra3.xlplus"
}`, Params: map[string]any{"assume_provider_v6_defaults": true}, Fails: []string{"aws_redshift_cluster.unset"},
			Expect: map[string]scanner.Expected{"aws_redshift_cluster.unset": {Message: "AWS provider 5.x"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("publicly_accessible")
		if !v.Present {
			switch {
			case r.ProviderMajor >= 6:
				return scanner.Passed()
			case r.ProviderMajor > 0:
				return scanner.Failed(v.Range, "publicly_accessible is not set: the configuration runs AWS provider %d.x, which makes the cluster public by default", r.ProviderMajor)
			case !ctx.Bool("assume_provider_v6_defaults"):
				return scanner.Failed(v.Range, "publicly_accessible is not set: AWS provider versions before 6.0 make the cluster public by default")
			}
		}
		return scanner.RequireFalseOr(v, false, publiclyAccessibleMessage("cluster"))
	},
}

var dmsReplicationInstanceNotPublic = &scanner.Rule{
	ID:    "aws-dms-replication-instance-not-publicly-accessible",
	Title: "DMS replication instances are not publicly accessible",
	Description: "A DMS replication instance holds credentials for both source and target databases and streams " +
		"their data; a public IP address puts it on the internet. SOC 2 CC6.6 expects it inside the system " +
		"boundary. The provider sends publicly_accessible = false when the argument is unset, so unset passes.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_dms_replication_instance"},
	Remediation:   "Set publicly_accessible = false and use a replication subnet group of private subnets.",
	RemediationCode: `resource "aws_dms_replication_instance" "migration" {
  # ...
  publicly_accessible         = false
  replication_subnet_group_id = aws_dms_replication_subnet_group.private.id
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dms_replication_instance#publicly_accessible"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_89"},
		{Tool: scanner.ToolKICS, ID: "Amazon DMS Replication Instance Is Publicly Accessible"},
		{Tool: scanner.ToolProwler, ID: "dms_instance_no_public_access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = true
}`, Fails: []string{"aws_dms_replication_instance.migration"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("replication instance"))
	},
}

var mqBrokerNotPublic = &scanner.Rule{
	ID:    "aws-mq-broker-not-publicly-accessible",
	Title: "Amazon MQ brokers are not publicly accessible",
	Description: "A publicly accessible broker accepts connections from the internet to its queues and web " +
		"console, leaving message data and credentials to password guessing. SOC 2 CC6.6 expects messaging " +
		"inside the system boundary. publicly_accessible defaults to false.",
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_mq_broker"},
	Remediation:     "Set publicly_accessible = false and attach the broker to private subnets.",
	RemediationCode: "resource \"aws_mq_broker\" \"events\" {\n  # ...\n  publicly_accessible = false\n  subnet_ids          = [aws_subnet.private_a.id]\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#publicly_accessible"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_69"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0072"},
		{Tool: scanner.ToolTfsec, ID: "aws-mq-no-public-access"},
		{Tool: scanner.ToolKICS, ID: "MQ Broker Is Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = false
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = true
}`, Fails: []string{"aws_mq_broker.events"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("broker"))
	},
}

var neptuneInstanceNotPublic = &scanner.Rule{
	ID:    "aws-neptune-instance-not-publicly-accessible",
	Title: "Neptune instances are not publicly accessible",
	Description: "A publicly accessible Neptune instance exposes the graph database endpoint beyond the VPC. " +
		"SOC 2 CC6.6 expects data stores inside the system boundary. publicly_accessible defaults to false.",
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_neptune_cluster_instance"},
	Remediation:     "Set publicly_accessible = false.",
	RemediationCode: "resource \"aws_neptune_cluster_instance\" \"graph\" {\n  # ...\n  publicly_accessible = false\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster_instance#publicly_accessible"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_102"},
		{Tool: scanner.ToolKICS, ID: "Neptune Cluster Instance is Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_neptune_cluster_instance" "graph" {
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster_instance" "graph" {
  cluster_identifier  = "graph"
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}`, Fails: []string{"aws_neptune_cluster_instance.graph"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("graph database instance"))
	},
}

var rdsSnapshotNotPublic = &scanner.Rule{
	ID:    "aws-rds-snapshot-not-public",
	Title: "RDS snapshots are not shared publicly",
	Description: "A manual DB snapshot shared with \"all\" can be copied and restored by every AWS account, which " +
		"hands over a complete copy of the database. SOC 2 CC6.6, CC6.1 and C1.1 expect confidential data to stay " +
		"with authorised parties. shared_accounts on aws_db_snapshot, aws_db_snapshot_copy, aws_db_cluster_snapshot " +
		"and aws_rds_cluster_snapshot_copy is inspected; sharing with named accounts is not a finding.",
	Severity:      scanner.Critical,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_db_snapshot", "aws_db_snapshot_copy", "aws_db_cluster_snapshot", "aws_rds_cluster_snapshot_copy"},
	Remediation:   "Remove \"all\" from shared_accounts and share with the specific accounts that need the snapshot.",
	RemediationCode: `resource "aws_db_snapshot" "release" {
  db_instance_identifier = aws_db_instance.main.identifier
  db_snapshot_identifier = "release-2024-06"
  shared_accounts        = ["210987654321"]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_snapshot#shared_accounts",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_302"},
		{Tool: scanner.ToolProwler, ID: "rds_snapshots_public_access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_snapshot" "release" {
  db_instance_identifier = "main"
  db_snapshot_identifier = "release"
  shared_accounts        = ["210987654321"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "share_with" {
  type = list(string)
}

resource "aws_db_snapshot" "release" {
  db_instance_identifier = "main"
  db_snapshot_identifier = "release"
  shared_accounts        = ["all"]
}

resource "aws_db_cluster_snapshot" "cluster" {
  db_cluster_identifier          = "main"
  db_cluster_snapshot_identifier = "cluster"
  shared_accounts                = var.share_with
}`, Fails: []string{"aws_db_snapshot.release"}, Unknowns: []string{"aws_db_cluster_snapshot.cluster"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("shared_accounts")
		if accounts, ok := v.AsStrings(); ok {
			for _, a := range accounts {
				if strings.EqualFold(a, "all") {
					return scanner.Failed(v.Range, "shared_accounts contains \"all\": every AWS account can copy and restore this snapshot")
				}
			}
			return scanner.Passed()
		}
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "shared_accounts is only known after apply")
		}
		return scanner.Passed()
	},
}
