# A compact model of terraform-aws-modules/eks-pod-identity/aws 1.x, written
# for the scanner (not the module's own code): the IAM role EKS Pod
# Identity assumes (trusting pods.eks.amazonaws.com with sts:AssumeRole
# and sts:TagSession), the policies the call attaches by ARN, and the VPC
# CNI policy the module writes when attach_aws_vpc_cni_policy is set (as
# of 1.10.0: tagging network interfaces, the IPv4 or IPv6 address
# management actions on any resource, CloudWatch Logs for network policy
# logging when asked for). The module's other policies (EBS, EFS, load
# balancer controller, Karpenter, ...), its custom policy and the extra
# trust or policy statements a call may add keep a call not scanned (see
# unmodelled in bundled.go).

data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name        = var.use_name_prefix ? null : var.name
  name_prefix = var.use_name_prefix ? "${var.name}-" : null
  path        = var.path
  description = var.description

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { Service = "pods.eks.amazonaws.com" }
    }]
  })
  max_session_duration  = var.max_session_duration
  permissions_boundary  = var.permissions_boundary_arn
  force_detach_policies = true

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = { for k, v in var.additional_policy_arns : k => v if var.create }

  role       = aws_iam_role.this[0].name
  policy_arn = each.value
}

data "aws_iam_policy_document" "vpc_cni" {
  count = var.create && var.attach_aws_vpc_cni_policy ? 1 : 0

  dynamic "statement" {
    for_each = var.aws_vpc_cni_enable_cloudwatch_logs ? [true] : []
    content {
      sid       = "CloudWatchLogs"
      actions   = ["logs:DescribeLogGroups", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
      resources = ["*"]
    }
  }

  statement {
    actions   = ["ec2:CreateTags"]
    resources = ["arn:${data.aws_partition.current[0].partition}:ec2:*:*:network-interface/*"]
  }

  dynamic "statement" {
    for_each = var.aws_vpc_cni_enable_ipv4 ? [true] : []
    content {
      actions = [
        "ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeInstanceTypes", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DetachNetworkInterface",
        "ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses",
      ]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = var.aws_vpc_cni_enable_ipv6 ? [true] : []
    content {
      actions = [
        "ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeInstanceTypes", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
      ]
      resources = ["*"]
    }
  }
}

locals {
  vpc_cni_policy_name = coalesce(var.aws_vpc_cni_policy_name, "${var.policy_name_prefix}VPC_CNI")
}

resource "aws_iam_policy" "vpc_cni" {
  count = var.create && var.attach_aws_vpc_cni_policy ? 1 : 0

  name        = var.use_name_prefix ? null : local.vpc_cni_policy_name
  name_prefix = var.use_name_prefix ? "${local.vpc_cni_policy_name}-" : null
  path        = var.path
  description = "Permissions for Amazon VPC CNI"
  policy      = data.aws_iam_policy_document.vpc_cni[0].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "vpc_cni" {
  count = var.create && var.attach_aws_vpc_cni_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = aws_iam_policy.vpc_cni[0].arn
}
