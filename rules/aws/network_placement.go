package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Where workloads sit in the network: routes through VPC peering
// connections, and instances and clusters left in the Region's default
// VPC.

var vpcPeeringRouteRestricted = &scanner.Rule{
	ID:    "aws-vpc-peering-route-restricted",
	Title: "Routes through VPC peering connections name the peer's address range, not the whole internet",
	Description: "A route to 0.0.0.0/0 (or ::/0) through a VPC peering connection sends every destination the " +
		"subnet has no narrower route for to the peer VPC: traffic meant for the internet, and for networks added " +
		"later, leaves the boundary through another VPC, often another account's. A peering connection carries " +
		"traffic between two known address ranges; SOC 2 CC6.6 expects the routes across a boundary to be as " +
		"narrow as the connection they serve. aws_route and the route blocks of aws_route_table and " +
		"aws_default_route_table (a VPC's main route table) are read; a route " +
		"through anything other than a peering connection is not judged (not applicable).",
	Severity:      scanner.Medium,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_route", "aws_route_table", "aws_default_route_table"},
	Remediation: "Route only the peer VPC's CIDR block (or the subnets that need it) through the peering " +
		"connection, and send internet traffic through a NAT or internet gateway of your own VPC.",
	RemediationCode: `resource "aws_route" "to_shared_services" {
  route_table_id            = aws_route_table.private.id
  destination_cidr_block    = aws_vpc.shared.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection.shared.id
}`,
	Links: []string{
		registryDoc("aws_route", ""),
		"https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "VPC Peering Route Table with Unrestricted CIDR"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_vpc" "shared" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_route" "to_shared" {
  route_table_id            = "rtb-0a1b2c3d"
  destination_cidr_block    = aws_vpc.shared.cidr_block
  vpc_peering_connection_id = "pcx-0a1b2c3d"
}

resource "aws_route_table" "private" {
  vpc_id = "vpc-0a1b2c3d"

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0a1b2c3d"
  }

  route {
    cidr_block                = "10.40.0.0/16"
    vpc_peering_connection_id = "pcx-0a1b2c3d"
  }
}

resource "aws_route" "egress" {
  route_table_id         = "rtb-0a1b2c3d"
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = "igw-0a1b2c3d"
}`, NotApplicable: []string{"aws_route.egress"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_route" "everything_to_peer" {
  route_table_id            = "rtb-0a1b2c3d"
  destination_cidr_block    = "0.0.0.0/0"
  vpc_peering_connection_id = "pcx-0a1b2c3d"
}

resource "aws_route_table" "partner" {
  vpc_id = "vpc-0a1b2c3d"

  route {
    cidr_block     = "10.0.0.0/16"
    nat_gateway_id = "nat-0a1b2c3d"
  }

  route {
    ipv6_cidr_block           = "::/0"
    vpc_peering_connection_id = "pcx-0a1b2c3d"
  }
}

variable "destination" {
  type = string
}

resource "aws_route" "maybe" {
  route_table_id            = "rtb-0a1b2c3d"
  destination_cidr_block    = var.destination
  vpc_peering_connection_id = "pcx-0a1b2c3d"
}

variable "extra_routes" {
  type = list(object({ cidr = string, peering = string }))
}

# One narrow peering route is written; the rest come from a list known
# only after apply and may send 0.0.0.0/0 to a peer.
resource "aws_route_table" "mixed" {
  vpc_id = "vpc-0a1b2c3d"

  route {
    cidr_block                = "10.40.0.0/16"
    vpc_peering_connection_id = "pcx-0a1b2c3d"
  }

  dynamic "route" {
    for_each = var.extra_routes
    content {
      cidr_block                = route.value.cidr
      vpc_peering_connection_id = route.value.peering
    }
  }
}

# The VPC's main route table, used by every subnet without its own.
resource "aws_default_route_table" "main" {
  default_route_table_id = "rtb-0f1e2d3c"

  route {
    cidr_block                = "0.0.0.0/0"
    vpc_peering_connection_id = "pcx-0a1b2c3d"
  }
}`, Fails: []string{"aws_route.everything_to_peer", "aws_route_table.partner", "aws_default_route_table.main"}, Unknowns: []string{"aws_route.maybe", "aws_route_table.mixed"},
		Expect: map[string]scanner.Expected{"aws_route_table.partner": {Message: "::/0"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "aws_route" {
			if res, ok := peeringRouteResult(r.Block, "destination_cidr_block", "destination_ipv6_cidr_block"); ok {
				return res
			}
			return scanner.DoesNotApply("not a route through a VPC peering connection")
		}
		var results []scanner.Result
		for _, route := range r.Blocks("route") {
			if res, ok := peeringRouteResult(route, "cidr_block", "ipv6_cidr_block"); ok {
				results = append(results, res)
			}
		}
		// Routes a dynamic block over a collection known only after
		// apply may add are judged as unknown alongside the written
		// ones, so a narrow written route does not pass them.
		if r.BlocksUnknown("route") {
			results = append(results, scanner.Unknowable(r.Range, "the route table's routes are only known after apply"))
		}
		if len(results) > 0 {
			return worst(results...)
		}
		return scanner.DoesNotApply("the route table has no route through a VPC peering connection")
	},
}

// peeringRouteResult judges one route (an aws_route or a route block of
// aws_route_table) whose destination is given by the CIDR arguments; ok is
// false when the route does not go through a VPC peering connection. A
// provider writes unset route arguments as "" in plan JSON and in the
// `route = [{...}]` syntax, so an empty peering ID is no peering.
func peeringRouteResult(route *scanner.Block, cidrArgs ...string) (res scanner.Result, ok bool) {
	peer := route.Attr("vpc_peering_connection_id")
	if s, known := peer.AsString(); peer.IsNull() || known && s == "" {
		return scanner.Result{}, false
	}
	values := make([]scanner.Value, len(cidrArgs))
	for i, a := range cidrArgs {
		values[i] = route.Attr(a)
	}
	cidr, open := worldSource(values...)
	switch {
	case open == scanner.No:
		return scanner.Passed(), true
	case peer.Names() == scanner.Maybe:
		// An input variable with no default may leave the route without
		// a peering connection.
		return scanner.UnknownName(peer), true
	case open == scanner.Maybe:
		return scanner.Unknowable(route.Range, "the route's destination is only known after apply"), true
	}
	return scanner.Failed(route.Range, "the route sends %s through a VPC peering connection: every destination without a narrower route goes to the peer VPC", cidr), true
}

var workloadNotInDefaultVPC = &scanner.Rule{
	ID:    "aws-workload-not-in-default-vpc",
	Title: "Instances and clusters run in a VPC you define, not the Region's default VPC",
	Description: "The default VPC is built for quick starts: every default subnet is public, routes to an " +
		"internet gateway and gives instances public IP addresses on launch, and its default security group lets " +
		"its members reach one another. Whatever lands in it sits outside the network boundary the organization " +
		"designed (SOC 2 CC6.6). Resources land there when they name a default subnet or a subnet of the default " +
		"VPC (aws_default_subnet, aws_default_vpc, or data sources looked up with default = true or " +
		"default_for_az), and when they name no placement at all: an aws_instance without subnet_id or " +
		"network_interface, an EMR cluster without a subnet in ec2_attributes, an ElastiCache cluster or " +
		"replication group without subnet_group_name (or with the \"default\" group) and a Redshift cluster " +
		"without cluster_subnet_group_name are all placed in the default VPC. An instance launched from a launch " +
		"template takes its placement from the template and is not judged here.",
	Severity:      scanner.Low,
	Criteria:      networkCriteria,
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"aws_instance", "aws_emr_cluster", "aws_elasticache_cluster", "aws_elasticache_replication_group", "aws_redshift_cluster"},
	Remediation: "Place the resource in a subnet of a VPC you define: subnet_id for instances, " +
		"ec2_attributes.subnet_id for EMR, a subnet group (subnet_group_name, cluster_subnet_group_name) of " +
		"private subnets for ElastiCache and Redshift.",
	RemediationCode: `resource "aws_elasticache_subnet_group" "cache" {
  name       = "cache"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "session store"
  node_type            = "cache.t4g.small"
  subnet_group_name    = aws_elasticache_subnet_group.cache.name
}`,
	Links: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
		registryDoc("aws_instance", "subnet_id"),
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "EC2 Instance Using Default VPC"},
		{Tool: scanner.ToolKICS, ID: "ElastiCache Without VPC"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_323"},
		{Tool: scanner.ToolKICS, ID: "Redshift Cluster Without VPC"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_154"},
		{Tool: scanner.ToolKICS, ID: "EMR Without VPC"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0127"},
		{Tool: scanner.ToolTfsec, ID: "aws-redshift-non-default-vpc-deployment"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_vpc" "app" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.app.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_instance" "on_interface" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  network_interface {
    network_interface_id = "eni-0a1b2c3d4e5f60001"
    device_index         = 0
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    name = "app"
  }
}

resource "aws_emr_cluster" "etl" {
  name          = "etl"
  release_label = "emr-7.1.0"
  service_role  = "EMR_DefaultRole"

  ec2_attributes {
    subnet_id        = aws_subnet.private.id
    instance_profile = "EMR_EC2_DefaultRole"
  }
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier        = "warehouse"
  node_type                 = "ra3.xlplus"
  cluster_subnet_group_name = "warehouse-private"
}

resource "aws_elasticache_cluster" "member" {
  cluster_id           = "sessions-002"
  replication_group_id = "sessions"
}`, NotApplicable: []string{"aws_instance.from_template", "aws_elasticache_cluster.member"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_default_vpc" "default" {}

resource "aws_subnet" "in_default" {
  vpc_id     = aws_default_vpc.default.id
  cidr_block = "172.31.96.0/20"
}

resource "aws_instance" "in_default" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.in_default.id
}

data "aws_subnet" "default_az" {
  availability_zone = "eu-west-1a"
  default_for_az    = true
}

resource "aws_instance" "default_subnet" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = data.aws_subnet.default_az.id
}

resource "aws_instance" "nowhere" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_elasticache_cluster" "cache" {
  cluster_id      = "cache"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "session store"
  subnet_group_name    = "default"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_emr_cluster" "etl" {
  name          = "etl"
  release_label = "emr-7.1.0"
  service_role  = "EMR_DefaultRole"
}`, Fails: []string{"aws_instance.in_default", "aws_instance.default_subnet", "aws_instance.nowhere",
		"aws_elasticache_cluster.cache", "aws_elasticache_replication_group.sessions", "aws_redshift_cluster.warehouse",
		"aws_emr_cluster.etl"},
		Expect: map[string]scanner.Expected{"aws_instance.in_default": {Message: "default VPC"}}}, {Code: `
data "aws_vpc" "default" {
  default = true
}

data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default.id]
  }
}

resource "aws_instance" "looked_up" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = element(data.aws_subnets.default.ids, 0)
}

variable "subnet_group" {
  type = string
}

resource "aws_redshift_cluster" "maybe" {
  cluster_identifier        = "maybe"
  node_type                 = "ra3.xlplus"
  cluster_subnet_group_name = var.subnet_group
}

variable "interfaces" {
  type = list(string)
}

# One interface per ID, or none when the list is empty.
resource "aws_instance" "maybe_attached" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  dynamic "network_interface" {
    for_each = var.interfaces
    content {
      network_interface_id = network_interface.value
      device_index         = network_interface.key
    }
  }
}

variable "group_id" {
  type = string
}

# A member of a replication group only if the variable is given one.
resource "aws_elasticache_cluster" "maybe_member" {
  cluster_id           = "maybe-member"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_nodes      = 1
  replication_group_id = var.group_id
}`, Fails: []string{"aws_instance.looked_up"}, Unknowns: []string{"aws_redshift_cluster.maybe", "aws_instance.maybe_attached", "aws_elasticache_cluster.maybe_member"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		switch r.Type {
		case "aws_instance":
			return instancePlacementResult(r, ctx.Index)
		case "aws_emr_cluster":
			return emrPlacementResult(r, ctx.Index)
		case "aws_redshift_cluster":
			return scanner.RequireSet(r.Attr("cluster_subnet_group_name"),
				"no cluster_subnet_group_name: the cluster is created in the default VPC")
		case "aws_elasticache_cluster":
			// An input variable with no default may leave
			// replication_group_id null and the cluster on its own.
			return ruleutil.ExemptIfNamed(r.Attr("replication_group_id"),
				scanner.DoesNotApply("a member of a replication group is placed by the group's subnet group"),
				func() scanner.Result { return subnetGroupPlacementResult(r) })
		}
		return subnetGroupPlacementResult(r)
	},
}

// subnetGroupPlacementResult judges an ElastiCache cluster or replication
// group by its subnet_group_name: absent or "default", the default subnet
// group places the nodes in the default VPC.
func subnetGroupPlacementResult(r *scanner.Resource) scanner.Result {
	group := r.Attr("subnet_group_name")
	if group.Equals("default") {
		return scanner.Failed(group.Range, "subnet_group_name is \"default\": the default subnet group holds the default VPC's subnets")
	}
	return scanner.RequireSet(group, "no subnet_group_name: the default subnet group places the nodes in the default VPC")
}

// instancePlacementResult judges where an aws_instance launches: its
// subnet_id, else a network interface it attaches (placed by the ENI's
// own subnet; network_interface, or primary_network_interface in provider
// v6), else a launch template (placed by the template, not judged);
// with none of them EC2 picks a default subnet of the default VPC.
func instancePlacementResult(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	subnet := r.Attr("subnet_id")
	switch {
	case subnet.IsSet():
		return subnetPlacementResult(subnet, ix)
	case attachesInterface(r, "network_interface") || attachesInterface(r, "primary_network_interface"):
		return scanner.Passed()
	case r.FirstBlock("launch_template") != nil:
		return scanner.DoesNotApply("the launch template decides the instance's subnet")
	case r.BlocksUnknown("network_interface") || r.BlocksUnknown("primary_network_interface"):
		// A dynamic block over an unknown collection may attach an
		// interface, or none.
		return scanner.Unknowable(r.Range, "no subnet_id, and the network interfaces the instance attaches are only known after apply")
	}
	return scanner.Failed(r.Range, "no subnet_id: EC2 launches the instance into a default subnet of the Region's default VPC")
}

// attachesInterface reports whether an instance declares nested blocks of
// the given type (network_interface, or primary_network_interface in
// provider v6).
func attachesInterface(r *scanner.Resource, typ string) bool {
	return len(r.Blocks(typ)) > 0
}

// emrPlacementResult judges an EMR cluster's subnet: ec2_attributes'
// subnet_id or subnet_ids (a subnet_id written on the cluster itself, as
// some examples do, is read too).
func emrPlacementResult(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	attrs := r.FirstBlock("ec2_attributes")
	candidates := []scanner.Value{r.Attr("subnet_id")}
	if attrs != nil {
		candidates = append(candidates, attrs.Attr("subnet_id"), attrs.Attr("subnet_ids"))
	}
	for _, v := range candidates {
		if v.IsSet() {
			return subnetPlacementResult(v, ix)
		}
	}
	if r.BlocksUnknown("ec2_attributes") {
		return scanner.Unknowable(r.Range, "ec2_attributes is only known after apply")
	}
	return scanner.Failed(r.Range, "no subnet in ec2_attributes: EMR launches the cluster into the default VPC")
}

// subnetPlacementResult judges a set subnet argument: it fails when the
// subnet it refers to is known to be in the default VPC (defaultSubnet),
// is unknown when it names nothing known, and passes otherwise.
func subnetPlacementResult(subnet scanner.Value, ix *scanner.Index) scanner.Result {
	if ix != nil && defaultSubnet(ix, subnet) {
		return scanner.Failed(subnet.Range, "%s is a subnet of the Region's default VPC", subnet.Name)
	}
	if subnet.Names() == scanner.Maybe {
		return scanner.UnknownName(subnet)
	}
	return scanner.Passed()
}

// defaultSubnet reports whether v refers to a subnet of the default VPC:
// an aws_default_subnet, a subnet data source looked up with
// default_for_az = true, or a subnet (or subnets data source) whose VPC is
// the default one (defaultVPC).
func defaultSubnet(ix *scanner.Index, v scanner.Value) bool {
	for _, s := range ix.Resolve(v) {
		switch s.Type {
		case "aws_default_subnet":
			return true
		case "aws_subnet":
			if s.Mode == "data" && s.Attr("default_for_az").IsTrue() || defaultVPC(ix, s.Attr("vpc_id")) {
				return true
			}
		case "aws_subnets", "aws_subnet_ids":
			if defaultVPC(ix, s.Attr("vpc_id")) {
				return true
			}
		}
		if s.Mode == "data" && filtersDefault(ix, s) {
			return true
		}
	}
	return false
}

// filtersDefault reports whether a subnet data source selects default
// subnets through its filter blocks: default-for-az = true, or a vpc-id of
// the default VPC.
func filtersDefault(ix *scanner.Index, ds *scanner.Resource) bool {
	for _, f := range ds.Blocks("filter") {
		values := f.Attr("values")
		switch name, _ := f.Attr("name").AsString(); name {
		case "default-for-az":
			if vs, ok := values.AsStrings(); ok && len(vs) > 0 && strings.EqualFold(vs[0], "true") {
				return true
			}
		case "vpc-id":
			if defaultVPC(ix, values) {
				return true
			}
		}
	}
	return false
}

// defaultVPC reports whether v refers to the Region's default VPC: an
// aws_default_vpc, or an aws_vpc data source looked up with default = true.
func defaultVPC(ix *scanner.Index, v scanner.Value) bool {
	for _, vpc := range ix.Resolve(v) {
		if vpc.Type == "aws_default_vpc" || vpc.Type == "aws_vpc" && vpc.Mode == "data" && vpc.Attr("default").IsTrue() {
			return true
		}
	}
	return false
}

var lambdaPermissionInvokeOnly = &scanner.Rule{
	ID:    "aws-lambda-permission-invoke-only",
	Title: "Lambda permissions grant invocation only",
	Description: "aws_lambda_permission exists to let another account or an AWS service invoke a function. " +
		"Granting any other action through it (lambda:DeleteFunction, lambda:UpdateFunctionCode, lambda:*) hands " +
		"the caller control over the function itself: it can replace the code that runs with the function's role, " +
		"or delete it. SOC 2 CC6.3 expects access limited to what the caller needs, which for a trigger or a " +
		"partner is lambda:InvokeFunction (lambda:InvokeFunctionUrl for a function URL).",
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_lambda_permission"},
	Remediation:     "Set action = \"lambda:InvokeFunction\" (or \"lambda:InvokeFunctionUrl\"); manage the function through IAM roles of your own account.",
	RemediationCode: "resource \"aws_lambda_permission\" \"from_logs\" {\n  action        = \"lambda:InvokeFunction\"\n  function_name = aws_lambda_function.shipper.function_name\n  principal     = \"logs.amazonaws.com\"\n  source_arn    = \"${aws_cloudwatch_log_group.app.arn}:*\"\n}",
	Links: []string{
		registryDoc("aws_lambda_permission", "action"),
		"https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "Lambda Permission Misconfigured"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_permission" "from_queue_rule" {
  action        = "lambda:InvokeFunction"
  function_name = "worker"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:eu-west-1:123456789012:rule/nightly"
}

resource "aws_lambda_permission" "url" {
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "worker"
  principal              = "210987654321"
  function_url_auth_type = "AWS_IAM"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_lambda_permission" "can_replace_code" {
  action        = "lambda:UpdateFunctionCode"
  function_name = "worker"
  principal     = "210987654321"
}

resource "aws_lambda_permission" "everything" {
  action        = "lambda:*"
  function_name = "worker"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:eu-west-1:123456789012:rule/nightly"
}

variable "action" {
  type = string
}

resource "aws_lambda_permission" "maybe" {
  action        = var.action
  function_name = "worker"
  principal     = "210987654321"
}`, Fails: []string{"aws_lambda_permission.can_replace_code", "aws_lambda_permission.everything"},
		Unknowns: []string{"aws_lambda_permission.maybe"},
		Expect:   map[string]scanner.Expected{"aws_lambda_permission.everything": {Message: "lambda:*"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		action := r.Attr("action")
		if action.IsUnknown() {
			return scanner.Unknowable(action.Range, "action is only known after apply")
		}
		s, _ := action.AsString()
		// IAM action names are case-insensitive.
		if strings.EqualFold(s, "lambda:InvokeFunction") || strings.EqualFold(s, "lambda:InvokeFunctionUrl") {
			return scanner.Passed()
		}
		return scanner.Failed(action.Range, "action is %s: the principal may do more with the function than invoke it", describeValue(action))
	},
}
