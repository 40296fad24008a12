package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Redundancy of services whose default is one copy in one place: a
// Memcached cluster's nodes in one zone, an OpenSearch domain whose data
// nodes also elect the cluster manager, a CloudFront distribution with one
// origin.

var elasticacheMemcachedCrossAZ = &scanner.Rule{
	ID:    "aws-elasticache-memcached-cross-az",
	Title: "Multi-node ElastiCache Memcached clusters spread their nodes across Availability Zones",
	Description: "A Memcached cluster has no replication: its nodes share the key space, and az_mode defaults to " +
		"single-az, which puts every node in one zone. A zone outage then empties the whole cache at once and the " +
		"database behind it takes the full load (SOC 2 A1.2, A1.1). Clusters of more than one node should use " +
		"az_mode = \"cross-az\"; single-node clusters and Redis or Valkey clusters are not judged.",
	Severity:      scanner.Low,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_elasticache_cluster"},
	Remediation:   "Set az_mode = \"cross-az\" (and optionally preferred_availability_zones) on multi-node Memcached clusters.",
	RemediationCode: `resource "aws_elasticache_cluster" "cache" {
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 3
  az_mode         = "cross-az"
}`,
	Links: []string{
		registryDoc("aws_elasticache_cluster", "az_mode"),
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/FaultTolerance.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "ElastiCache Nodes Not Created Across Multi AZ"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_elasticache_cluster" "cache" {
  cluster_id      = "cache"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 3
  az_mode         = "cross-az"
}`}},
	Bad: []scanner.Example{{Code: `
variable "az_mode" {
  type = string
}

resource "aws_elasticache_cluster" "unset" {
  cluster_id      = "unset"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

resource "aws_elasticache_cluster" "single_az" {
  cluster_id      = "single-az"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 3
  az_mode         = "single-az"
}

resource "aws_elasticache_cluster" "from_var" {
  cluster_id      = "from-var"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 3
  az_mode         = var.az_mode
}

resource "aws_elasticache_cluster" "one_node" {
  cluster_id      = "one-node"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

resource "aws_elasticache_cluster" "redis" {
  cluster_id      = "redis"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}`, Fails: []string{"aws_elasticache_cluster.unset", "aws_elasticache_cluster.single_az"},
		Unknowns:      []string{"aws_elasticache_cluster.from_var"},
		NotApplicable: []string{"aws_elasticache_cluster.one_node", "aws_elasticache_cluster.redis"},
		Expect: map[string]scanner.Expected{
			"aws_elasticache_cluster.single_az": {Line: 18, Message: `az_mode is "single-az"`},
			"aws_elasticache_cluster.unset":     {Message: "az_mode is not set"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		engine := r.Attr("engine")
		if engine.IsUnknown() {
			return scanner.Unknowable(engine.Range, "the engine is not known until apply")
		}
		if !engine.Equals("memcached") {
			return scanner.DoesNotApply("only Memcached clusters spread nodes by az_mode")
		}
		nodes := r.Attr("num_cache_nodes")
		if n, ok := nodes.AsInt(); ok && n <= 1 {
			return scanner.DoesNotApply("a single-node cluster has no nodes to spread")
		}
		mode := r.Attr("az_mode")
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "az_mode is not known until apply")
		case mode.Equals("cross-az"):
			return scanner.Passed()
		case nodes.IsUnknown():
			return scanner.Unknowable(nodes.Range, "num_cache_nodes is not known until apply")
		case mode.IsNull():
			return scanner.Failed(r.Range, "az_mode is not set (single-az by default): every node is in one zone")
		}
		return scanner.Failed(mode.Range, "az_mode is %s: every node is in one zone", describeValue(mode))
	},
}

var opensearchDedicatedMasters = &scanner.Rule{
	ID:    "aws-opensearch-dedicated-masters",
	Title: "OpenSearch domains use three dedicated master (cluster manager) nodes",
	Description: "Without dedicated master nodes the data nodes also manage the cluster: under heavy indexing or search load, " +
		"or when a data node fails, the cluster can lose its elected manager and stop accepting writes. Three dedicated " +
		"masters keep a quorum through the loss of one (SOC 2 A1.2, A1.1). cluster_config.dedicated_master_enabled " +
		"defaults to false; a dedicated_master_count below 3 fails too.",
	Severity:      scanner.Low,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
	Remediation:   "Set cluster_config.dedicated_master_enabled = true, dedicated_master_count = 3 and a dedicated_master_type.",
	RemediationCode: `resource "aws_opensearch_domain" "search" {
  # ...
  cluster_config {
    instance_type            = "r6g.large.search"
    instance_count           = 3
    dedicated_master_enabled = true
    dedicated_master_count   = 3
    dedicated_master_type    = "m6g.large.search"
  }
}`,
	Links: []string{
		registryDoc("aws_opensearch_domain", "dedicated_master_enabled"),
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_318"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_59"},
		{Tool: scanner.ToolProwler, ID: "opensearch_service_domains_fault_tolerant_master_nodes"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  cluster_config {
    instance_type            = "r6g.large.search"
    instance_count           = 3
    dedicated_master_enabled = true
    dedicated_master_count   = 3
    dedicated_master_type    = "m6g.large.search"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "masters" {
  type = bool
}

resource "aws_opensearch_domain" "shared" {
  domain_name = "shared"
  cluster_config {
    instance_type  = "r6g.large.search"
    instance_count = 3
  }
}

resource "aws_elasticsearch_domain" "two" {
  domain_name = "two"
  cluster_config {
    instance_type            = "r5.large.elasticsearch"
    dedicated_master_enabled = true
    dedicated_master_count   = 2
  }
}

resource "aws_opensearch_domain" "bare" {
  domain_name = "bare"
}

resource "aws_opensearch_domain" "from_var" {
  domain_name = "from-var"
  cluster_config {
    dedicated_master_enabled = var.masters
    dedicated_master_count   = 3
  }
}

variable "master_count" {
  type = number
}

resource "aws_opensearch_domain" "count_from_var" {
  domain_name = "count-from-var"
  cluster_config {
    dedicated_master_enabled = true
    dedicated_master_count   = var.master_count
  }
}`, Fails: []string{"aws_opensearch_domain.shared", "aws_elasticsearch_domain.two", "aws_opensearch_domain.bare"},
		Unknowns: []string{"aws_opensearch_domain.from_var", "aws_opensearch_domain.count_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_elasticsearch_domain.two": {Line: 19, Message: "dedicated_master_count = 2"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cc, res := settingsBlock(r, "cluster_config", "dedicated master nodes are off and the data nodes manage the cluster")
		if cc == nil {
			return res
		}
		if res := scanner.RequireTrue(cc.Attr("dedicated_master_enabled"),
			"dedicated_master_enabled is not true: the data nodes also manage the cluster"); res.Status != scanner.Pass {
			return res
		}
		count := cc.Attr("dedicated_master_count")
		if count.IsUnknown() {
			return scanner.Unknowable(count.Range, "dedicated_master_count is not known until apply: fewer than three masters lose their quorum with one node")
		}
		if n, ok := count.AsInt(); ok && n < 3 {
			return scanner.Failed(count.Range, "dedicated_master_count = %d: fewer than three masters lose their quorum with one node", n)
		}
		return scanner.Passed()
	},
}

var cloudfrontOriginFailover = &scanner.Rule{
	ID:    "aws-cloudfront-origin-failover",
	Title: "CloudFront distributions fail over between origins",
	Description: "A distribution with a single origin serves errors whenever that origin (a bucket, a load balancer, a " +
		"region) is down. An origin_group with a failover_criteria and two members makes CloudFront retry the secondary " +
		"origin on the listed status codes (SOC 2 A1.2). Every origin_group must name two members and failover criteria.",
	Severity:      scanner.Low,
	Criteria:      availabilityCriteria,
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"aws_cloudfront_distribution"},
	Remediation: "Add an origin_group with failover_criteria and two member origins (a primary and a replica in another " +
		"region), and point the cache behaviours at the group's origin_id.",
	RemediationCode: `resource "aws_cloudfront_distribution" "site" {
  # ... two origin blocks: "primary" and "replica"
  origin_group {
    origin_id = "site"
    failover_criteria {
      status_codes = [500, 502, 503, 504]
    }
    member {
      origin_id = "primary"
    }
    member {
      origin_id = "replica"
    }
  }
}`,
	Links: []string{
		registryDoc("aws_cloudfront_distribution", "origin-group-arguments"),
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_310"},
		{Tool: scanner.ToolProwler, ID: "cloudfront_distributions_multiple_origin_failover_configured"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "primary.s3.eu-west-1.amazonaws.com"
    origin_id   = "primary"
  }
  origin {
    domain_name = "replica.s3.eu-central-1.amazonaws.com"
    origin_id   = "replica"
  }
  origin_group {
    origin_id = "site"
    failover_criteria {
      status_codes = [500, 502, 503, 504]
    }
    member {
      origin_id = "primary"
    }
    member {
      origin_id = "replica"
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudfront_distribution" "single" {
  enabled = true
  origin {
    domain_name = "primary.s3.eu-west-1.amazonaws.com"
    origin_id   = "primary"
  }
}

resource "aws_cloudfront_distribution" "one_member" {
  enabled = true
  origin {
    domain_name = "primary.s3.eu-west-1.amazonaws.com"
    origin_id   = "primary"
  }
  origin_group {
    origin_id = "site"
    failover_criteria {
      status_codes = [503]
    }
    member {
      origin_id = "primary"
    }
  }
}

variable "groups" {
  type = list(string)
}

resource "aws_cloudfront_distribution" "dynamic" {
  enabled = true
  origin {
    domain_name = "primary.s3.eu-west-1.amazonaws.com"
    origin_id   = "primary"
  }
  dynamic "origin_group" {
    for_each = var.groups
    content {
      origin_id = origin_group.value
      failover_criteria {
        status_codes = [503]
      }
      member {
        origin_id = "primary"
      }
      member {
        origin_id = "replica"
      }
    }
  }
}`, Fails: []string{"aws_cloudfront_distribution.single", "aws_cloudfront_distribution.one_member"},
		Unknowns: []string{"aws_cloudfront_distribution.dynamic"},
		Expect: map[string]scanner.Expected{
			"aws_cloudfront_distribution.one_member": {Line: 16, Message: "fewer than two members"},
			"aws_cloudfront_distribution.single":     {Message: "no origin_group"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		groups := r.Blocks("origin_group")
		if len(groups) == 0 {
			if r.BlocksUnknown("origin_group") {
				return scanner.Unknowable(r.Range, "origin_group is a dynamic block over a collection only known after apply")
			}
			return scanner.Failed(r.Range, "no origin_group: requests fail whenever the single origin does")
		}
		res := scanner.Passed()
		for _, g := range groups {
			criteria, criteriaDynamic := g.Follow("failover_criteria")
			members, membersDynamic := g.BlocksAt("member")
			switch {
			case criteria == nil && criteriaDynamic == "":
				return scanner.Failed(g.Range, "origin_group has no failover_criteria: CloudFront never fails over")
			case len(members) < 2 && !membersDynamic:
				return scanner.Failed(g.Range, "origin_group has fewer than two members: there is no origin to fail over to")
			case criteria == nil:
				res = scanner.Unknowable(g.Range, "failover_criteria is a dynamic block over a collection only known after apply")
			case len(members) < 2:
				res = scanner.Unknowable(g.Range, "member is a dynamic block over a collection only known after apply: the group may have fewer than two")
			}
		}
		return res
	},
}
