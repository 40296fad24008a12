package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure of compute: shared AMIs, EKS API endpoints, Lambda
// permissions and function URLs, and public IP addresses of instances and
// subnets.

var amiNotPublic = &scanner.Rule{
	ID:    "aws-ec2-ami-not-public",
	Title: "AMIs are not shared publicly",
	Description: "An AMI launch permission for the group \"all\" lets every AWS account launch the image, and with " +
		"it read whatever the image contains: application code, configuration, sometimes credentials. SOC 2 CC6.6 " +
		"and CC6.1 expect such assets to stay with authorised parties. Sharing with accounts, organizations or " +
		"organizational units is not a finding.",
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_ami_launch_permission"},
	Remediation:     "Share the image with specific accounts (account_id) or with your organization (organization_arn) instead of group = \"all\".",
	RemediationCode: "resource \"aws_ami_launch_permission\" \"org\" {\n  image_id         = aws_ami.app.id\n  organization_arn = data.aws_organizations_organization.current.arn\n}",
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ami_launch_permission",
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_205"},
		{Tool: scanner.ToolProwler, ID: "ec2_ami_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ami_launch_permission" "partner" {
  image_id   = "ami-12345678"
  account_id = "210987654321"
}`}},
	Bad: []scanner.Example{{Code: `
variable "group" {
  type = string
}

resource "aws_ami_launch_permission" "public" {
  image_id = "ami-12345678"
  group    = "all"
}

resource "aws_ami_launch_permission" "maybe" {
  image_id = "ami-12345678"
  group    = var.group
}`, Fails: []string{"aws_ami_launch_permission.public"}, Unknowns: []string{"aws_ami_launch_permission.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		g := r.Attr("group")
		switch {
		case g.Equals("all"):
			return scanner.Failed(g.Range, "group is \"all\": every AWS account can launch this image")
		case g.IsUnknown():
			return scanner.Unknowable(g.Range, "group is only known after apply")
		}
		return scanner.Passed()
	},
}

var eksEndpointNotPublic = &scanner.Rule{
	ID:    "aws-eks-cluster-endpoint-not-public",
	Title: "EKS cluster API endpoints are not open to the whole internet",
	Description: "The Kubernetes API server is the cluster's control plane; open to 0.0.0.0/0 it is exposed to " +
		"credential attacks and to every future API-server vulnerability. SOC 2 CC6.6 expects administrative " +
		"interfaces behind the boundary. endpoint_public_access defaults to true and public_access_cidrs to " +
		"[\"0.0.0.0/0\"], so a vpc_config that sets neither fails, and so does an empty public_access_cidrs, which " +
		"EKS reads as unset; a public endpoint limited to known CIDRs, or a private-only endpoint, passes.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_eks_cluster"},
	Remediation: "Set endpoint_public_access = false (with endpoint_private_access = true), or restrict " +
		"public_access_cidrs to your VPN or CI egress ranges.",
	RemediationCode: `resource "aws_eks_cluster" "main" {
  # ...
  vpc_config {
    subnet_ids              = aws_subnet.private[*].id
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#vpc_config",
		"https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_38"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_39"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0040"},
		{Tool: scanner.ToolTfsec, ID: "aws-eks-no-public-cluster-access"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0041"},
		{Tool: scanner.ToolTfsec, ID: "aws-eks-no-public-cluster-access-to-cidr"},
		{Tool: scanner.ToolProwler, ID: "eks_cluster_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "EKS cluster Has Public Access"},
		{Tool: scanner.ToolKICS, ID: "EKS Cluster Has Public Access CIDRs"},
	},
	Good: []scanner.Example{{Code: `
variable "vpc_cidr" {
  type = string
}

variable "extra_cidr" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block                       = var.vpc_cidr
  assign_generated_ipv6_cidr_block = true
}

resource "aws_eks_cluster" "vpc_only" {
  name     = "vpc-only"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0"]
    endpoint_public_access = true
    public_access_cidrs    = [aws_vpc.main.cidr_block]
  }
}

resource "aws_eks_cluster" "mixed" {
  name     = "mixed"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0"]
    endpoint_public_access = true
    public_access_cidrs    = [aws_vpc.main.cidr_block, var.extra_cidr]
  }
}`, Unknowns: []string{"aws_eks_cluster.mixed"}},
		{Code: `
resource "aws_eks_cluster" "private" {
  name     = "private"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_cluster" "vpn_only" {
  name     = "vpn-only"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-1", "subnet-2"]
    public_access_cidrs = ["203.0.113.0/24"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "cidrs" {
  type = list(string)
}

resource "aws_eks_cluster" "defaults" {
  name     = "defaults"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_cluster" "world" {
  name     = "world"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24", "0.0.0.0/0"]
  }
}

# An empty list leaves EKS's default, 0.0.0.0/0.
resource "aws_eks_cluster" "empty" {
  name     = "empty"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-1", "subnet-2"]
    public_access_cidrs = []
  }
}

resource "aws_eks_cluster" "maybe" {
  name     = "maybe"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-1", "subnet-2"]
    public_access_cidrs = var.cidrs
  }
}`, Fails: []string{"aws_eks_cluster.defaults", "aws_eks_cluster.world", "aws_eks_cluster.empty"}, Unknowns: []string{"aws_eks_cluster.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		vpc := r.FirstBlock("vpc_config")
		if vpc == nil {
			if r.BlocksUnknown("vpc_config") {
				return scanner.Unknowable(r.Range, "vpc_config is only known after apply")
			}
			return scanner.Failed(r.Range, "no vpc_config: the API endpoint is public and open to 0.0.0.0/0 by default")
		}
		public := vpc.Attr("endpoint_public_access")
		if public.IsFalse() {
			return scanner.Passed()
		}
		cidrs := vpc.Attr("public_access_cidrs")
		// An empty list is no list: the argument is optional and computed,
		// so EKS keeps its default of 0.0.0.0/0.
		if list, ok := cidrs.AsStrings(); !cidrs.IsSet() || (ok && len(list) == 0) {
			if public.IsUnknown() {
				return scanner.Unknowable(public.Range, "endpoint_public_access is only known after apply")
			}
			return scanner.Failed(vpc.Range, "the API endpoint is public and public_access_cidrs is not set, so it is open to 0.0.0.0/0")
		}
		cidr, world := worldSource(cidrs)
		switch {
		case world == scanner.Yes && public.IsUnknown():
			return scanner.Unknowable(public.Range, "endpoint_public_access is only known after apply")
		case world == scanner.Yes:
			return scanner.Failed(cidrs.Range, "public_access_cidrs contains %s: the API endpoint is open to the whole internet", cidr)
		case world == scanner.Maybe:
			return scanner.Unknowable(cidrs.Range, "public_access_cidrs is only known after apply")
		}
		return scanner.Passed()
	},
}

var lambdaPermissionNotPublic = &scanner.Rule{
	ID:    "aws-lambda-permission-not-public",
	Title: "Lambda permissions do not let anyone invoke a function",
	Description: "An aws_lambda_permission for principal \"*\" without source_arn, source_account or " +
		"principal_org_id lets any AWS account (or, for function URLs, anyone) invoke the function and run code " +
		"with its role. SOC 2 CC6.6 and CC6.1 expect invocation to be limited to authorised callers. Principal " +
		"\"*\" limited by source_arn or source_account passes: those condition keys are set only by the AWS " +
		"service acting for the named resource or account, never by a direct caller, and AWS's own definition " +
		"of a public policy (S3 Block Public Access, IAM Access Analyzer) counts a fixed aws:SourceArn or " +
		"aws:SourceAccount as not public. A service " +
		"principal (s3.amazonaws.com, sns.amazonaws.com, events.amazonaws.com, …) without source_arn or " +
		"source_account (or event_source_token, for Alexa) is a finding too: the service invokes the function on " +
		"behalf of any account's resources, so anyone can point their own bucket, topic or rule at it (the " +
		"confused deputy AWS's documentation warns of).",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_lambda_permission"},
	Remediation:   "Name the calling principal (an account, role or service), and add source_arn or source_account for service principals.",
	RemediationCode: `resource "aws_lambda_permission" "from_bucket" {
  statement_id   = "AllowS3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.thumbnail.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = data.aws_caller_identity.current.account_id
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission",
		"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_301"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0067"},
		{Tool: scanner.ToolTfsec, ID: "aws-lambda-restrict-source-arn"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_364"},
		{Tool: scanner.ToolProwler, ID: "awslambda_function_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "Lambda Permission Principal Is Wildcard"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_permission" "org" {
  statement_id     = "OrgInvoke"
  action           = "lambda:InvokeFunction"
  function_name    = "thumbnail"
  principal        = "*"
  principal_org_id = "o-abc123"
}

resource "aws_lambda_permission" "account" {
  statement_id  = "PartnerInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "210987654321"
}

resource "aws_lambda_permission" "bucket" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::acme-uploads"
}

resource "aws_lambda_permission" "rule" {
  statement_id   = "AllowEvents"
  action         = "lambda:InvokeFunction"
  function_name  = "thumbnail"
  principal      = "events.amazonaws.com"
  source_account = "123456789012"
}

# Any principal, but only on behalf of one EventBridge rule: aws:SourceArn
# is set by the service acting for that rule, never by a direct caller.
resource "aws_lambda_permission" "any_for_rule" {
  statement_id  = "AnyServiceForRule"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "*"
  source_arn    = "arn:aws:events:eu-west-1:123456789012:rule/nightly"
}`}},
	Bad: []scanner.Example{{Code: `
variable "principal" {
  type = string
}

resource "aws_lambda_permission" "anyone" {
  statement_id  = "AnyoneInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "*"
}

resource "aws_lambda_permission" "maybe" {
  statement_id  = "MaybeInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = var.principal
}

resource "aws_lambda_permission" "any_topic" {
  statement_id  = "AllowSNS"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "sns.amazonaws.com"
}

# An input variable with no default may be given null: no limit.
variable "topic_arn" {
  type = string
}

resource "aws_lambda_permission" "maybe_topic" {
  statement_id  = "sns-maybe"
  action        = "lambda:InvokeFunction"
  function_name = "worker"
  principal     = "sns.amazonaws.com"
  source_arn    = var.topic_arn
}`, Fails: []string{"aws_lambda_permission.anyone", "aws_lambda_permission.any_topic"}, Unknowns: []string{"aws_lambda_permission.maybe_topic", "aws_lambda_permission.maybe"},
		Expect: map[string]scanner.Expected{"aws_lambda_permission.any_topic": {Message: "sns.amazonaws.com resource of any account"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if res, ok := checkServicePrincipalSource(r); ok {
			return res
		}
		return checkPermissionPrincipal(r, []string{"source_arn", "source_account", "principal_org_id"},
			"principal is \"*\" and neither source_arn, source_account nor principal_org_id limits the caller: anyone can invoke the function")
	},
}

// checkServicePrincipalSource judges a Lambda permission granted to an AWS
// service principal; ok is false for any other principal. The service
// calls the function for whichever resource triggers it, in any account,
// so only source_arn or source_account (event_source_token for Alexa
// skills) ties the grant to the caller's own resources. A limit only
// known after apply that names something still limits the grant
// (anyLimit).
func checkServicePrincipalSource(r *scanner.Resource) (scanner.Result, bool) {
	p := r.Attr("principal")
	s, known := p.AsString()
	if !known || !isServicePrincipal(s) {
		return scanner.Result{}, false
	}
	if res, decided := anyLimit(r, []string{"source_arn", "source_account", "event_source_token"}); decided {
		return res, true
	}
	return scanner.Failed(p.Range, "principal is the service %s and neither source_arn nor source_account limits "+
		"the caller: any %s resource of any account can invoke the function", s, s), true
}

// anyLimit passes when one of the limits arguments of a Lambda permission
// names something (scanner.Value.Names: a reference to a resource only
// known after apply still names one source or organization, so it limits
// the grant) and is unknown when none does but one is an input variable
// with no default, which may be null; decided is false when none is set.
func anyLimit(r *scanner.Resource, limits []string) (res scanner.Result, decided bool) {
	var maybe *scanner.Value
	for _, limit := range limits {
		v := r.Attr(limit)
		switch v.Names() {
		case scanner.Yes:
			return scanner.Passed(), true
		case scanner.Maybe:
			if maybe == nil {
				maybe = &v
			}
		}
	}
	if maybe != nil {
		return scanner.UnknownName(*maybe), true
	}
	return scanner.Result{}, false
}

// isServicePrincipal reports whether a Lambda permission principal names
// an AWS service (s3.amazonaws.com, or .amazonaws.com.cn in China) rather
// than an account, a role or "*".
func isServicePrincipal(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasSuffix(s, ".amazonaws.com") || strings.HasSuffix(s, ".amazonaws.com.cn")
}

// checkPermissionPrincipal judges a Lambda permission resource (a function's
// or a layer version's): principal "*" is a finding unless one of the limits
// arguments names something (anyLimit): a reference only known after apply
// still names one source or organization, so it limits the grant; an input
// variable with no default may be null, so it is unknown. failMsg explains
// the finding.
func checkPermissionPrincipal(r *scanner.Resource, limits []string, failMsg string) scanner.Result {
	p := r.Attr("principal")
	if p.IsUnknown() {
		return scanner.Unknowable(p.Range, "principal is only known after apply")
	}
	if s, _ := p.AsString(); s != "*" {
		return scanner.Passed()
	}
	if res, decided := anyLimit(r, limits); decided {
		return res
	}
	return scanner.Failed(p.Range, "%s", failMsg)
}

var lambdaFunctionURLRequiresAuth = &scanner.Rule{
	ID:    "aws-lambda-function-url-requires-auth",
	Title: "Lambda function URLs require IAM authentication",
	Description: "A function URL with authorization_type = \"NONE\" is a public HTTPS endpoint: anyone who finds " +
		"the URL runs the function with its role. SOC 2 CC6.6 and CC6.1 expect access to be authenticated unless " +
		"a service is deliberately public, in which case suppress the finding with the reason.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_lambda_function_url"},
	Remediation:   "Set authorization_type = \"AWS_IAM\" and sign requests, or put the function behind API Gateway or CloudFront with authentication.",
	RemediationCode: `resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url",
		"https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_258"},
		{Tool: scanner.ToolProwler, ID: "awslambda_function_url_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "AWS_IAM"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "NONE"
}`, Fails: []string{"aws_lambda_function_url.api"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("authorization_type")
		switch {
		case v.Equals("NONE"):
			return scanner.Failed(v.Range, "authorization_type is \"NONE\": anyone with the URL can invoke the function")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "authorization_type is only known after apply")
		}
		return scanner.Passed()
	},
}

var ec2InstanceNoPublicIP = &scanner.Rule{
	ID:    "aws-ec2-instance-no-public-ip",
	Title: "EC2 instances, launch templates and ECS services do not assign public IP addresses",
	Description: "An instance with a public IP address is directly reachable from the internet, limited only by " +
		"its security groups; instances behind load balancers, NAT gateways or SSM need none. SOC 2 CC6.6 expects " +
		"exposure to be deliberate. associate_public_ip_address = true on aws_instance, aws_spot_instance_request, " +
		"aws_launch_configuration and the network_interfaces of aws_launch_template is reported; when unset the " +
		"subnet's map_public_ip_on_launch decides (see aws-ec2-subnet-no-public-ip-on-launch). ECS tasks in awsvpc " +
		"mode run on network interfaces of their own: assign_public_ip = true in the network_configuration of " +
		"aws_ecs_service or aws_ecs_task_set gives every task a public IP address the same way (it defaults to false).",
	Severity:      scanner.Low,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_instance", "aws_spot_instance_request", "aws_launch_configuration", "aws_launch_template", "aws_ecs_service", "aws_ecs_task_set"},
	Remediation: "Set associate_public_ip_address = false (assign_public_ip = false for ECS) and reach the instance " +
		"or task through a load balancer, a bastion or SSM Session Manager; give tasks in private subnets a NAT " +
		"gateway or VPC endpoints to pull images.",
	RemediationCode: `resource "aws_launch_template" "app" {
  # ...
  network_interfaces {
    associate_public_ip_address = false
    security_groups             = [aws_security_group.app.id]
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#associate_public_ip_address",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/launch_template#network-interfaces",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_88"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0009"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ip"},
		{Tool: scanner.ToolProwler, ID: "ec2_instance_public_ip"},
		{Tool: scanner.ToolProwler, ID: "ec2_launch_template_no_public_ip"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_333"},
		{Tool: scanner.ToolKICS, ID: "EC2 Instance Has Public IP"},
		{Tool: scanner.ToolKICS, ID: "ECS Services assigned with public IP address"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "app" {
  name = "app"
  network_interfaces {
    associate_public_ip_address = false
  }
}

resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = "main"
  task_definition = "app:1"
  launch_type     = "FARGATE"
  network_configuration {
    subnets         = ["subnet-0a1b2c3d"]
    security_groups = ["sg-0123456789abcdef0"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_instance" "web" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

resource "aws_launch_template" "web" {
  name = "web"
  network_interfaces {
    device_index                = 0
    associate_public_ip_address = "true"
  }
}

resource "aws_launch_configuration" "web" {
  image_id                    = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

resource "aws_ecs_service" "web" {
  name            = "web"
  cluster         = "main"
  task_definition = "web:1"
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    assign_public_ip = true
  }
}

variable "public" {
  type = bool
}

resource "aws_ecs_service" "maybe" {
  name            = "maybe"
  cluster         = "main"
  task_definition = "web:1"
  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    assign_public_ip = var.public
  }
}`, Fails: []string{"aws_instance.web", "aws_launch_template.web", "aws_launch_configuration.web", "aws_ecs_service.web"},
		Unknowns: []string{"aws_ecs_service.maybe"},
		Expect:   map[string]scanner.Expected{"aws_ecs_service.web": {Line: 29, Message: "assign_public_ip is true"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		msg := "associate_public_ip_address is true: the instance is reachable from the internet on a public IP address"
		block, arg := "network_interfaces", "associate_public_ip_address"
		switch r.Type {
		case "aws_launch_template":
		case "aws_ecs_service", "aws_ecs_task_set":
			block, arg = "network_configuration", "assign_public_ip"
			msg = "assign_public_ip is true: every task is reachable from the internet on a public IP address"
		default:
			return scanner.RequireFalseOr(r.Attr("associate_public_ip_address"), false, msg)
		}
		var unknown *scanner.Result
		for _, ni := range r.Blocks(block) {
			res := scanner.RequireFalseOr(ni.Attr(arg), false, msg)
			if res.Status == scanner.Fail {
				return res
			}
			if res.Status == scanner.Unknown && unknown == nil {
				unknown = &res
			}
		}
		if unknown != nil {
			return *unknown
		}
		if r.BlocksUnknown(block) {
			return scanner.Unknowable(r.Range, "%s is only known after apply", block)
		}
		return scanner.Passed()
	},
}

var subnetNoPublicIPOnLaunch = &scanner.Rule{
	ID:    "aws-ec2-subnet-no-public-ip-on-launch",
	Title: "Subnets do not give instances public IP addresses by default",
	Description: "With map_public_ip_on_launch = true every instance launched into the subnet gets a public IP " +
		"address unless it opts out, so exposure happens by accident. SOC 2 CC6.6 expects exposure to be " +
		"deliberate. NAT gateways and load balancers in public subnets do not need the setting. It defaults to false.",
	Severity:        scanner.Low,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_subnet", "aws_default_subnet"},
	Remediation:     "Set map_public_ip_on_launch = false and assign public addresses (Elastic IPs) only where they are needed.",
	RemediationCode: "resource \"aws_subnet\" \"public_a\" {\n  vpc_id                  = aws_vpc.main.id\n  cidr_block              = \"10.0.0.0/24\"\n  map_public_ip_on_launch = false\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/subnet#map_public_ip_on_launch"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_130"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0164"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ip-subnet"},
		{Tool: scanner.ToolKICS, ID: "VPC Subnet Assigns Public IP"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.1.0/24"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.${count.index}.0/24"
  map_public_ip_on_launch = true
}`, Fails: []string{"aws_subnet.public[0]", "aws_subnet.public[1]"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "aws_default_subnet" && !r.Attr("map_public_ip_on_launch").Present {
			return scanner.Failed(r.Range, "map_public_ip_on_launch is not set: default subnets assign public IP addresses")
		}
		return scanner.RequireFalseOr(r.Attr("map_public_ip_on_launch"), false, "map_public_ip_on_launch is true: instances launched here get public IP addresses by default")
	},
}
