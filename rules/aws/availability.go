package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// High availability (A1.2 "Implements Alternate Processing Infrastructure"):
// a single Availability Zone is a single point of failure for databases,
// caches, brokers, search domains, file systems and instance fleets.

var availabilityCriteria = scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1", "CC9.1"}}

var rdsMultiAZ = &scanner.Rule{
	ID:    "aws-rds-multi-az",
	Title: "RDS DB instances are deployed across Availability Zones",
	Description: "A Single-AZ DB instance is down for as long as its Availability Zone or host is, and a restore from backup " +
		"loses the transactions since the last log upload. Multi-AZ keeps a synchronous standby in another zone and fails " +
		"over automatically, which is the alternate processing SOC 2 A1.2 expects for production data. multi_az defaults to " +
		"false. Read replicas are skipped: their availability comes from the source.",
	Severity:      scanner.Medium,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_db_instance"},
	Remediation:   "Set multi_az = true.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  multi_az = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#multi_az",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_157"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_multi_az"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
  multi_az       = true
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.medium"
}`, NotApplicable: []string{"aws_db_instance.replica"}}},
	Bad: []scanner.Example{{Code: `
variable "multi_az" {
  type = bool
}

resource "aws_db_instance" "single" {
  engine         = "mysql"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "from_var" {
  engine         = "mysql"
  instance_class = "db.t3.medium"
  multi_az       = var.multi_az
}

# An input variable with no default may be given null: not a replica.
variable "replica_source" {
  type = string
}

resource "aws_db_instance" "maybe_replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = var.replica_source
}`, Fails: []string{"aws_db_instance.single"}, Unknowns: []string{"aws_db_instance.maybe_replica", "aws_db_instance.from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return exemptReadReplica(r, scanner.DoesNotApply("a read replica is not the database's writer: its source's standby is judged instead"), func() scanner.Result {
			return scanner.RequireTrue(r.Attr("multi_az"),
				"multi_az is not true: the instance runs in a single Availability Zone with no standby to fail over to")
		})
	},
}

var rdsClusterMultiAZ = &scanner.Rule{
	ID:    "aws-rds-cluster-multi-az",
	Title: "Aurora clusters have instances in more than one Availability Zone",
	Description: "An Aurora cluster's storage spans three zones, but with a single instance there is nothing to fail over " +
		"to: losing that instance's zone makes the database unavailable until a new instance is created. SOC 2 A1.2 expects " +
		"alternate processing capacity. The rule counts the aws_rds_cluster_instance resources that belong to the cluster " +
		"and requires at least two. Multi-AZ DB clusters (db_cluster_instance_class set, one writer and two readers in " +
		"three zones) pass, as does Aurora Serverless v1 (engine_mode serverless), which has no instances to declare and " +
		"moves its capacity to another zone by itself; a cluster whose instances are not declared in this configuration " +
		"is unknown.",
	Severity:      scanner.Medium,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_rds_cluster"},
	Remediation:   "Declare at least two aws_rds_cluster_instance resources (for example count = 2) for the cluster.",
	RemediationCode: `resource "aws_rds_cluster_instance" "main" {
  count              = 2
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.main.engine
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster_instance",
		"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "rds_cluster_multi_az"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_rds_cluster" "main" {
  cluster_identifier = "main"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "main" {
  count              = 2
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "multi_az_db_cluster" {
  cluster_identifier        = "pg"
  engine                    = "postgres"
  db_cluster_instance_class = "db.m6gd.large"
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier = "orders"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster_instance" "orders" {
  cluster_identifier = aws_rds_cluster.orders.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
}

# An instance of the cluster named "orders" in another region.
resource "aws_rds_cluster_instance" "orders_eu" {
  provider           = aws.eu
  cluster_identifier = "orders"
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
}`, Fails: []string{"aws_rds_cluster.orders"}},
		{Code: `
resource "aws_rds_cluster" "single" {
  cluster_identifier = "single"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster_instance" "single" {
  cluster_identifier = aws_rds_cluster.single.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster" "elsewhere" {
  cluster_identifier = "elsewhere"
  engine             = "aurora-mysql"
}

# An input variable with no default may be given null: an Aurora cluster,
# here with a single instance.
variable "cluster_instance_class" {
  type = string
}

resource "aws_rds_cluster" "maybe_multi_az" {
  cluster_identifier        = "maybe-multi-az"
  engine                    = "aurora-mysql"
  db_cluster_instance_class = var.cluster_instance_class
}

resource "aws_rds_cluster_instance" "maybe_multi_az" {
  cluster_identifier = aws_rds_cluster.maybe_multi_az.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
}`, Fails: []string{"aws_rds_cluster.single"}, Unknowns: []string{"aws_rds_cluster.maybe_multi_az", "aws_rds_cluster.elsewhere"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Attr("engine_mode").Equals("serverless") {
			return scanner.Passed()
		}
		// A Multi-AZ DB cluster (db_cluster_instance_class) spreads its
		// instances over three zones.
		return ruleutil.PassIfNamed(r.Attr("db_cluster_instance_class"), func() scanner.Result {
			// A cluster identifier is unique in its account and region only.
			instances, maybe := ctx.Index.ReferrersIn(inRegion, r, "aws_rds_cluster_instance", []string{"cluster_identifier"}, "cluster_identifier")
			n := len(instances)
			switch {
			case n >= 2:
				return scanner.Passed()
			case maybe != nil:
				return scanner.Unknowable(r.Range, "%s may be one of the cluster's instances: the cluster it names, or where it is (region, account), is only known after apply", maybe.Address)
			case n == 1:
				return scanner.Failed(r.Range, "the cluster has a single instance: losing its Availability Zone leaves no reader to fail over to")
			}
			return scanner.Unknowable(r.Range, "no aws_rds_cluster_instance in this configuration belongs to the cluster, so its instance count is not known")
		})
	},
}

var elasticacheMultiAZ = &scanner.Rule{
	ID:    "aws-elasticache-multi-az",
	Title: "ElastiCache replication groups fail over automatically to another Availability Zone",
	Description: "Without automatic failover a primary node failure leaves the replication group without a writer until " +
		"someone promotes a replica by hand; without Multi-AZ the replicas may share the primary's zone. Both default to " +
		"false. With multi_az_enabled left unset, preferred_cache_cluster_azs naming at least two distinct zones places the " +
		"nodes apart explicitly, so automatic failover already lands in another zone. SOC 2 A1.2 expects alternate " +
		"processing for data services that applications depend on.",
	Severity:      scanner.Medium,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_elasticache_replication_group"},
	Remediation:   "Set automatic_failover_enabled = true and multi_az_enabled = true, with at least two cache clusters.",
	RemediationCode: `resource "aws_elasticache_replication_group" "sessions" {
  # ...
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#automatic_failover_enabled",
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_50"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
}

resource "aws_elasticache_replication_group" "placed" {
  replication_group_id        = "placed"
  description                 = "nodes placed in two zones"
  node_type                   = "cache.t4g.small"
  num_cache_clusters          = 2
  automatic_failover_enabled  = true
  preferred_cache_cluster_azs = ["eu-west-1a", "eu-west-1b"]
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "single" {
  replication_group_id = "single"
  description          = "single"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "same_zone" {
  replication_group_id       = "same-zone"
  description                = "same zone"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
}

resource "aws_elasticache_replication_group" "one_zone_listed" {
  replication_group_id        = "one-zone"
  description                 = "both nodes in one zone"
  node_type                   = "cache.t4g.small"
  num_cache_clusters          = 2
  automatic_failover_enabled  = true
  preferred_cache_cluster_azs = ["eu-west-1a", "eu-west-1a"]
}

variable "zones" {
  type = list(string)
}

resource "aws_elasticache_replication_group" "zones_from_var" {
  replication_group_id        = "zones"
  description                 = "zones from a variable"
  node_type                   = "cache.t4g.small"
  num_cache_clusters          = 2
  automatic_failover_enabled  = true
  preferred_cache_cluster_azs = var.zones
}`, Fails: []string{"aws_elasticache_replication_group.single", "aws_elasticache_replication_group.same_zone",
		"aws_elasticache_replication_group.one_zone_listed"}, Unknowns: []string{"aws_elasticache_replication_group.zones_from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res := scanner.RequireTrue(r.Attr("automatic_failover_enabled"),
			"automatic_failover_enabled is not true: a primary failure leaves the group without a writer until a replica is promoted by hand"); res.Status != scanner.Pass {
			return res
		}
		maz := r.Attr("multi_az_enabled")
		if maz.IsNull() {
			if res, decided := placedInZones(r.Attr("preferred_cache_cluster_azs")); decided {
				return res
			}
		}
		return scanner.RequireTrue(maz,
			"multi_az_enabled is not true: replicas may share the primary's Availability Zone")
	},
}

var autoscalingGroupMultiAZ = &scanner.Rule{
	ID:    "aws-autoscaling-group-multi-az",
	Title: "Auto Scaling groups span at least two Availability Zones",
	Description: "An Auto Scaling group confined to one Availability Zone cannot replace its instances while that zone is " +
		"impaired, so the service it runs goes down with the zone (SOC 2 A1.2, A1.1). The rule counts the subnets in " +
		"vpc_zone_identifier or the zones in availability_zones; when the subnets are declared in this configuration with " +
		"known zones, subnets that all sit in one zone fail too. Unknown lists give unknown.",
	Severity:      scanner.Medium,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_autoscaling_group"},
	Remediation:   "List subnets in at least two Availability Zones in vpc_zone_identifier.",
	RemediationCode: `resource "aws_autoscaling_group" "web" {
  # ...
  vpc_zone_identifier = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_group#vpc_zone_identifier",
		"https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "autoscaling_group_multiple_az"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_subnet" "a" {
  vpc_id            = "vpc-123"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = "vpc-123"
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_autoscaling_group" "web" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_autoscaling_group" "classic" {
  min_size           = 2
  max_size           = 4
  availability_zones = ["eu-west-1a", "eu-west-1b"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "subnets" {
  type = list(string)
}

resource "aws_subnet" "a1" {
  vpc_id            = "vpc-123"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "a2" {
  vpc_id            = "vpc-123"
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_autoscaling_group" "one_subnet" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = ["subnet-0123456789abcdef0"]
}

resource "aws_autoscaling_group" "one_zone" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.a1.id, aws_subnet.a2.id]
}

resource "aws_autoscaling_group" "from_var" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = var.subnets
}`, Fails: []string{"aws_autoscaling_group.one_subnet", "aws_autoscaling_group.one_zone"}, Unknowns: []string{"aws_autoscaling_group.from_var"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		subnets := r.Attr("vpc_zone_identifier")
		if subnets.IsSet() {
			n, ok := knownLength(subnets)
			if !ok {
				return scanner.Unknowable(subnets.Range, "vpc_zone_identifier is not known until apply")
			}
			if n < 2 {
				return scanner.Failed(subnets.Range, "vpc_zone_identifier lists %d subnet: the group lives in a single Availability Zone", n)
			}
			if zones, ok := subnetZones(subnets, ctx.Index); ok && len(zones) < 2 {
				return scanner.Failed(subnets.Range, "every subnet in vpc_zone_identifier is in %s: the group lives in a single Availability Zone", strings.Join(zones, ", "))
			}
			return scanner.Passed()
		}
		zones := r.Attr("availability_zones")
		if zones.IsSet() {
			n, ok := knownLength(zones)
			if !ok {
				return scanner.Unknowable(zones.Range, "availability_zones is not known until apply")
			}
			if n < 2 {
				return scanner.Failed(zones.Range, "availability_zones lists %d zone: the group lives in a single Availability Zone", n)
			}
			return scanner.Passed()
		}
		return scanner.Unknowable(r.Range, "neither vpc_zone_identifier nor availability_zones is set, so the zones come from the launch template's network interfaces or defaults")
	},
}

// placedInZones decides an ElastiCache group without multi_az_enabled by
// preferred_cache_cluster_azs: two distinct known zones pass, an unknown list
// is unknown; decided is false when the list is unset or names one zone, so
// the caller falls back to multi_az_enabled.
func placedInZones(zones scanner.Value) (res scanner.Result, decided bool) {
	if zones.IsNull() {
		return scanner.Result{}, false
	}
	list, ok := zones.AsStrings()
	if !ok {
		return scanner.Unknowable(zones.Range, "preferred_cache_cluster_azs is not known until apply"), true
	}
	seen := map[string]bool{}
	for _, z := range list {
		seen[z] = true
	}
	if len(seen) >= 2 {
		return scanner.Passed(), true
	}
	return scanner.Result{}, false
}

// subnetZones returns the distinct Availability Zones of the subnets an
// argument refers to, ok only when every reference is a declared subnet with
// a known zone and the references account for every listed subnet.
func subnetZones(v scanner.Value, ix *scanner.Index) ([]string, bool) {
	n, ok := knownLength(v)
	targets := ix.Resolve(v)
	if !ok || len(targets) == 0 || len(targets) < n {
		return nil, false
	}
	seen := map[string]bool{}
	for _, t := range targets {
		if t.Type != "aws_subnet" {
			return nil, false
		}
		az, ok := t.Attr("availability_zone").AsString()
		if !ok {
			return nil, false
		}
		seen[az] = true
	}
	zones := make([]string, 0, len(seen))
	for z := range seen {
		zones = append(zones, z)
	}
	sort.Strings(zones)
	return zones, true
}

var opensearchZoneAwareness = &scanner.Rule{
	ID:    "aws-opensearch-zone-awareness",
	Title: "OpenSearch domains spread their nodes across Availability Zones",
	Description: "Without zone awareness every data node and every replica shard of an OpenSearch (or Elasticsearch) domain " +
		"can sit in one Availability Zone, so losing the zone makes the domain unavailable and can lose data. " +
		"zone_awareness_enabled defaults to false. SOC 2 A1.2 expects alternate processing for services in scope.",
	Severity:      scanner.Medium,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
	Remediation:   "Set cluster_config.zone_awareness_enabled = true with an instance_count that is a multiple of the zone count.",
	RemediationCode: `resource "aws_opensearch_domain" "search" {
  # ...
  cluster_config {
    instance_type          = "r6g.large.search"
    instance_count         = 3
    zone_awareness_enabled = true
    zone_awareness_config {
      availability_zone_count = 3
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#zone_awareness_enabled",
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  cluster_config {
    instance_type          = "r6g.large.search"
    instance_count         = 2
    zone_awareness_enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "single_zone" {
  domain_name = "search"
  cluster_config {
    instance_type  = "r6g.large.search"
    instance_count = 3
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
}`, Fails: []string{"aws_opensearch_domain.single_zone", "aws_elasticsearch_domain.legacy"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Get("cluster_config", "zone_awareness_enabled"),
			"zone awareness is off: the domain's nodes and replicas may all be in one Availability Zone")
	},
}

var mqBrokerMultiAZ = &scanner.Rule{
	ID:    "aws-mq-broker-multi-az",
	Title: "Amazon MQ brokers run in a multi-AZ deployment",
	Description: "A single-instance broker is unavailable, and may lose messages not yet persisted, whenever its " +
		"Availability Zone or host fails. deployment_mode defaults to SINGLE_INSTANCE; ACTIVE_STANDBY_MULTI_AZ (ActiveMQ) " +
		"and CLUSTER_MULTI_AZ (RabbitMQ) provide the alternate processing SOC 2 A1.2 expects.",
	Severity:      scanner.Low,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_mq_broker"},
	Remediation:   "Set deployment_mode to ACTIVE_STANDBY_MULTI_AZ (ActiveMQ) or CLUSTER_MULTI_AZ (RabbitMQ).",
	RemediationCode: `resource "aws_mq_broker" "events" {
  # ...
  deployment_mode = "ACTIVE_STANDBY_MULTI_AZ"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#deployment_mode",
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/active-standby-broker-deployment.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"
  deployment_mode    = "ACTIVE_STANDBY_MULTI_AZ"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mq_broker" "single" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
}`, Fails: []string{"aws_mq_broker.single"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		mode := r.Attr("deployment_mode")
		switch {
		case mode.OneOf("ACTIVE_STANDBY_MULTI_AZ", "CLUSTER_MULTI_AZ"):
			return scanner.Passed()
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "deployment_mode is not known until apply")
		}
		return scanner.Failed(mode.Range, "deployment_mode is %s: the broker runs in a single Availability Zone", mode.StringOr("SINGLE_INSTANCE (the default)"))
	},
}

var efsRegionalStorage = &scanner.Rule{
	ID:    "aws-efs-regional-storage",
	Title: "EFS file systems use Regional (multi-AZ) storage",
	Description: "A One Zone file system (availability_zone_name set) stores its data in a single Availability Zone: the data " +
		"is unavailable while the zone is impaired and can be lost with it, which SOC 2 A1.2 asks to plan against for " +
		"anything that is not disposable. Regional storage, the default, keeps copies in several zones.",
	Severity:      scanner.Low,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_efs_file_system"},
	Remediation:   "Remove availability_zone_name (recreating the file system) to use Regional storage.",
	RemediationCode: `resource "aws_efs_file_system" "shared" {
  encrypted = true
  # no availability_zone_name: Regional storage across zones
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system#availability_zone_name",
		"https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_file_system" "shared" {
  encrypted = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_file_system" "one_zone" {
  encrypted              = true
  availability_zone_name = "eu-west-1a"
}`, Fails: []string{"aws_efs_file_system.one_zone"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		az := r.Attr("availability_zone_name")
		if !az.IsSet() {
			return scanner.Passed()
		}
		return scanner.Failed(az.Range, "availability_zone_name = %s makes this a One Zone file system: its data lives in a single Availability Zone",
			fmt.Sprintf("%q", az.StringOr("(computed)")))
	},
}
