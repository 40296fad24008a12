package aws

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// EC2-Classic left AWS in 2022, but configurations written for it still
// declare the security groups that only existed there. Declaring one is the
// finding: there is no setting that makes a Classic security group a VPC
// boundary.

// classicSecurityGroupTypes are the resources that control access to a
// database or cache running in EC2-Classic, the network shared with other
// AWS customers, outside any VPC.
var classicSecurityGroupTypes = []string{
	"aws_db_security_group",
	"aws_elasticache_security_group",
	"aws_redshift_security_group",
}

var classicSecurityGroupNotUsed = &scanner.Rule{
	ID:    "aws-classic-security-group-not-used",
	Title: "Databases and caches are not placed with EC2-Classic security groups",
	Description: "aws_db_security_group, aws_redshift_security_group and aws_elasticache_security_group control " +
		"access to RDS, Redshift and ElastiCache in EC2-Classic, the flat network AWS customers shared before " +
		"VPCs: the data store has no VPC boundary, subnets, route tables or network ACLs of its own. AWS retired " +
		"EC2-Classic in 2022 and version 5 of the AWS provider removed these resources, so a configuration that " +
		"still declares one either no longer applies or keeps a data store outside the boundary SOC 2 CC6.6 " +
		"expects. A subnet group (the VPC way of placing the same services) is not a finding.",
	Severity:      scanner.High,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: append([]string{"aws_db_subnet_group", "aws_elasticache_subnet_group", "aws_redshift_subnet_group"}, classicSecurityGroupTypes...),
	Remediation: "Place the database or cache in a VPC with a subnet group (aws_db_subnet_group, aws_redshift_subnet_group, " +
		"aws_elasticache_subnet_group) and control access with VPC security groups (vpc_security_group_ids, " +
		"security_group_ids), then remove the Classic security group.",
	RemediationCode: `resource "aws_redshift_subnet_group" "warehouse" {
  name       = "warehouse"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

resource "aws_redshift_cluster" "warehouse" {
  # ...
  cluster_subnet_group_name = aws_redshift_subnet_group.warehouse.name
  vpc_security_group_ids    = [aws_security_group.warehouse.id]
}`,
	Links: []string{
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-classic-platform.html",
		"https://registry.terraform.io/providers/hashicorp/aws/4.67.0/docs/resources/redshift_security_group",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0085"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0081"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-no-classic-resources"},
		{Tool: scanner.ToolTfsec, ID: "aws-redshift-no-classic-resources"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_redshift_subnet_group" "warehouse" {
  name       = "warehouse"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}`, NotApplicable: []string{"aws_redshift_subnet_group.warehouse", "aws_db_subnet_group.orders"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_security_group" "warehouse" {
  name = "warehouse"

  ingress {
    cidr = "10.0.0.0/16"
  }
}

resource "aws_db_security_group" "orders" {
  name = "orders"

  ingress {
    security_group_name = "app"
  }
}

resource "aws_elasticache_security_group" "sessions" {
  name                 = "sessions"
  security_group_names = ["app"]
}`, Fails: []string{
		"aws_redshift_security_group.warehouse",
		"aws_db_security_group.orders",
		"aws_elasticache_security_group.sessions",
	}, Expect: map[string]scanner.Expected{
		"aws_redshift_security_group.warehouse": {Line: 2, Message: "EC2-Classic"},
	}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		for _, t := range classicSecurityGroupTypes {
			if r.Type == t {
				return scanner.Failed(r.Range, "%s controls access to a data store in EC2-Classic, the network shared with other AWS customers: the data store sits in no VPC of its own", r.Type)
			}
		}
		// A subnet group places the service in a VPC: the way this rule
		// asks for, nothing to judge.
		return scanner.DoesNotApply("a subnet group places the service in a VPC, not in EC2-Classic")
	},
}
