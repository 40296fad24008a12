# A compact model of terraform-aws-modules/eks/aws 21.x, written for the
# scanner (not the module's own code): the cluster with its endpoint,
# control-plane logs and secrets encryption; the KMS key the module's kms
# sub-call creates for that encryption; the control-plane CloudWatch log
# group; the cluster and node security groups with their rules; the IAM
# roles, policies and attachments of the cluster and of EKS Auto Mode
# nodes; and the IRSA OIDC provider, with the arguments the rules judge.
# Access entries, add-ons, identity providers, the primary security
# group's tags and the wait before compute are left out: no rule judges
# them. Node groups and Fargate profiles are sub-modules with their own
# launch templates and roles: a call that asks for them is not scanned
# (see bundled.go).

# The module reads the caller's identity for the KMS key's generated
# policy; here it only stands for that policy, unknown before apply, as in
# the kms model.
data "aws_caller_identity" "current" {
  count = local.create ? 1 : 0
}

data "aws_partition" "current" {
  count = local.create ? 1 : 0
}

locals {
  create    = var.create && var.putin_khuylo
  partition = try(data.aws_partition.current[0].partition, "")

  role_arn = try(aws_iam_role.this[0].arn, var.iam_role_arn)

  create_outposts_local_cluster = var.outpost_config != null
  enable_encryption_config      = var.encryption_config != null && !local.create_outposts_local_cluster

  create_auto_mode_iam_resources = try(var.compute_config.enabled, false) == true || var.create_auto_mode_iam_resources

  # The key of the module's kms sub-call (terraform-aws-modules/kms/aws).
  create_kms_key = local.create && var.create_kms_key && local.enable_encryption_config
  kms_key_arn    = try(aws_kms_key.this[0].arn, null)
}

resource "aws_eks_cluster" "this" {
  count = local.create ? 1 : 0

  region = var.region

  name                          = var.name
  role_arn                      = local.role_arn
  version                       = var.kubernetes_version
  enabled_cluster_log_types     = var.enabled_log_types
  deletion_protection           = var.deletion_protection
  bootstrap_self_managed_addons = false

  vpc_config {
    security_group_ids      = compact(distinct(concat(var.additional_security_group_ids, [local.security_group_id])))
    subnet_ids              = coalescelist(var.control_plane_subnet_ids, var.subnet_ids)
    endpoint_private_access = var.endpoint_private_access
    endpoint_public_access  = var.endpoint_public_access
    public_access_cidrs     = var.endpoint_public_access_cidrs
  }

  # Outposts clusters take no encryption_config.
  dynamic "encryption_config" {
    for_each = local.enable_encryption_config ? [var.encryption_config] : []

    content {
      provider {
        key_arn = var.create_kms_key ? local.kms_key_arn : encryption_config.value.provider_key_arn
      }
      resources = encryption_config.value.resources
    }
  }

  tags = merge(var.tags, var.cluster_tags)
}

resource "aws_cloudwatch_log_group" "this" {
  count = local.create && var.create_cloudwatch_log_group ? 1 : 0

  region = var.region

  name              = "/aws/eks/${var.name}/cluster"
  retention_in_days = var.cloudwatch_log_group_retention_in_days
  kms_key_id        = var.cloudwatch_log_group_kms_key_id
  log_group_class   = var.cloudwatch_log_group_class

  tags = merge(var.tags, var.cloudwatch_log_group_tags)
}

################################################################################
# The key of module "kms" (terraform-aws-modules/kms/aws 4.0.0), as the kms
# model holds it: the module passes no policy of its own, so the policy the
# kms module generates is unknown here.
################################################################################

resource "aws_kms_key" "this" {
  count = local.create_kms_key ? 1 : 0

  region = var.region

  description             = coalesce(var.kms_key_description, "${var.name} cluster encryption key")
  key_usage               = "ENCRYPT_DECRYPT"
  deletion_window_in_days = var.kms_key_deletion_window_in_days
  enable_key_rotation     = var.enable_kms_key_rotation
  rotation_period_in_days = var.kms_key_rotation_period_in_days
  policy                  = data.aws_caller_identity.current[0].account_id

  tags = var.tags
}

################################################################################
# Cluster security group
################################################################################

locals {
  security_group_name   = coalesce(var.security_group_name, "${var.name}-cluster")
  create_security_group = local.create && var.create_security_group

  security_group_id = local.create_security_group ? aws_security_group.cluster[0].id : var.security_group_id

  # The rule from the node group, added only when the module creates that
  # group. The instances' for_each below filters it rather than this map,
  # so that a rule of the call is the one input the instances come from.
  cluster_security_group_rules = {
    ingress_nodes_443 = {
      description                = "Node groups to cluster API"
      protocol                   = "tcp"
      from_port                  = 443
      to_port                    = 443
      type                       = "ingress"
      source_node_security_group = true
    }
  }
}

resource "aws_security_group" "cluster" {
  count = local.create_security_group ? 1 : 0

  region = var.region

  name        = var.security_group_use_name_prefix ? null : local.security_group_name
  name_prefix = var.security_group_use_name_prefix ? "${local.security_group_name}${var.prefix_separator}" : null
  description = var.security_group_description
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { "Name" = local.security_group_name }, var.security_group_tags)
}

resource "aws_security_group_rule" "cluster" {
  # As the module's merge of its rule (when it creates the node group) and
  # the call's, which override it.
  for_each = { for k, v in merge(local.cluster_security_group_rules, var.security_group_additional_rules) : k => v if local.create_security_group && (local.create_node_sg || contains(keys(var.security_group_additional_rules), k)) }

  region = var.region

  security_group_id        = aws_security_group.cluster[0].id
  protocol                 = each.value.protocol
  from_port                = each.value.from_port
  to_port                  = each.value.to_port
  type                     = each.value.type
  description              = try(each.value.description, null)
  cidr_blocks              = try(each.value.cidr_blocks, null)
  ipv6_cidr_blocks         = try(each.value.ipv6_cidr_blocks, null)
  prefix_list_ids          = try(each.value.prefix_list_ids, null)
  self                     = try(each.value.self, null)
  source_security_group_id = try(each.value.source_node_security_group, false) ? local.node_security_group_id : try(each.value.source_security_group_id, null)
}

################################################################################
# Node security group: the rules EKS requires, and the recommended ones
# (webhooks from the control plane, node to node, and all egress)
################################################################################

locals {
  node_sg_name   = coalesce(var.node_security_group_name, "${var.name}-node")
  create_node_sg = var.create && var.create_node_security_group

  node_security_group_id = local.create_node_sg ? aws_security_group.node[0].id : var.node_security_group_id

  node_security_group_rules = {
    ingress_cluster_443      = { description = "Cluster API to node groups", protocol = "tcp", from_port = 443, to_port = 443, type = "ingress", source_cluster_security_group = true }
    ingress_cluster_kubelet  = { description = "Cluster API to node kubelets", protocol = "tcp", from_port = 10250, to_port = 10250, type = "ingress", source_cluster_security_group = true }
    ingress_self_coredns_tcp = { description = "Node to node CoreDNS", protocol = "tcp", from_port = 53, to_port = 53, type = "ingress", self = true }
    ingress_self_coredns_udp = { description = "Node to node CoreDNS UDP", protocol = "udp", from_port = 53, to_port = 53, type = "ingress", self = true }
  }

  # Added unless the call turns them off; the filter is on the instances'
  # for_each below, as for the cluster's rules.
  node_security_group_recommended_rules = {
    ingress_nodes_ephemeral       = { description = "Node to node ingress on ephemeral ports", protocol = "tcp", from_port = 1025, to_port = 65535, type = "ingress", self = true }
    ingress_cluster_4443_webhook  = { description = "Cluster API to node 4443/tcp webhook", protocol = "tcp", from_port = 4443, to_port = 4443, type = "ingress", source_cluster_security_group = true }
    ingress_cluster_10251_webhook = { description = "Cluster API to node 10251/tcp webhook", protocol = "tcp", from_port = 10251, to_port = 10251, type = "ingress", source_cluster_security_group = true }
    ingress_cluster_6443_webhook  = { description = "Cluster API to node 6443/tcp webhook", protocol = "tcp", from_port = 6443, to_port = 6443, type = "ingress", source_cluster_security_group = true }
    ingress_cluster_8443_webhook  = { description = "Cluster API to node 8443/tcp webhook", protocol = "tcp", from_port = 8443, to_port = 8443, type = "ingress", source_cluster_security_group = true }
    ingress_cluster_9443_webhook  = { description = "Cluster API to node 9443/tcp webhook", protocol = "tcp", from_port = 9443, to_port = 9443, type = "ingress", source_cluster_security_group = true }
    # Its IPv6 block (::/0 for an IPv6 cluster) is set on the instance.
    egress_all = { description = "Allow all egress", protocol = "-1", from_port = 0, to_port = 0, type = "egress", cidr_blocks = ["0.0.0.0/0"] }
  }
}

resource "aws_security_group" "node" {
  count = local.create_node_sg ? 1 : 0

  region = var.region

  name        = var.node_security_group_use_name_prefix ? null : local.node_sg_name
  name_prefix = var.node_security_group_use_name_prefix ? "${local.node_sg_name}${var.prefix_separator}" : null
  description = var.node_security_group_description
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { "Name" = local.node_sg_name }, var.node_security_group_tags)
}

resource "aws_security_group_rule" "node" {
  # As the module's merge of its rules, the recommended ones unless turned
  # off, and the call's, which override them.
  for_each = { for k, v in merge(local.node_security_group_rules, local.node_security_group_recommended_rules, var.node_security_group_additional_rules) : k => v if local.create_node_sg && (contains(keys(var.node_security_group_additional_rules), k) || contains(keys(local.node_security_group_rules), k) || var.node_security_group_enable_recommended_rules) }

  region = var.region

  security_group_id        = aws_security_group.node[0].id
  protocol                 = each.value.protocol
  from_port                = each.value.from_port
  to_port                  = each.value.to_port
  type                     = each.value.type
  description              = try(each.value.description, null)
  cidr_blocks              = try(each.value.cidr_blocks, null)
  ipv6_cidr_blocks         = each.key == "egress_all" && !contains(keys(var.node_security_group_additional_rules), each.key) ? (var.ip_family == "ipv6" ? ["::/0"] : null) : try(each.value.ipv6_cidr_blocks, null)
  prefix_list_ids          = try(each.value.prefix_list_ids, null)
  self                     = try(each.value.self, null)
  source_security_group_id = try(each.value.source_cluster_security_group, false) ? local.security_group_id : try(each.value.source_security_group_id, null)
}

################################################################################
# IRSA
################################################################################

resource "aws_iam_openid_connect_provider" "oidc_provider" {
  count = local.create && var.enable_irsa && !local.create_outposts_local_cluster ? 1 : 0

  client_id_list = distinct(compact(concat(["sts.amazonaws.com"], var.openid_connect_audiences)))
  url            = aws_eks_cluster.this[0].identity[0].oidc[0].issuer

  tags = var.tags
}

################################################################################
# Cluster IAM role
################################################################################

locals {
  create_iam_role = local.create && var.create_iam_role
  iam_role_name   = coalesce(var.iam_role_name, "${var.name}-cluster")
  policy_prefix   = "arn:${local.partition}:iam::aws:policy"

  cluster_encryption_policy_name = coalesce(var.encryption_policy_name, "${local.iam_role_name}-ClusterEncryption")

  # The managed policies the module attaches: one for a standard cluster,
  # five with Auto Mode, the Outposts one on Outposts.
  cluster_policies = merge(
    { for k, v in { AmazonEKSClusterPolicy = "${local.policy_prefix}/AmazonEKSClusterPolicy" } : k => v if !local.create_outposts_local_cluster && !local.create_auto_mode_iam_resources },
    { for k, v in {
      AmazonEKSClusterPolicy       = "${local.policy_prefix}/AmazonEKSClusterPolicy"
      AmazonEKSComputePolicy       = "${local.policy_prefix}/AmazonEKSComputePolicy"
      AmazonEKSBlockStoragePolicy  = "${local.policy_prefix}/AmazonEKSBlockStoragePolicy"
      AmazonEKSLoadBalancingPolicy = "${local.policy_prefix}/AmazonEKSLoadBalancingPolicy"
      AmazonEKSNetworkingPolicy    = "${local.policy_prefix}/AmazonEKSNetworkingPolicy"
    } : k => v if !local.create_outposts_local_cluster && local.create_auto_mode_iam_resources },
    { for k, v in { AmazonEKSClusterPolicy = "${local.policy_prefix}/AmazonEKSLocalOutpostClusterPolicy" } : k => v if local.create_outposts_local_cluster && !local.create_auto_mode_iam_resources },
  )

  cluster_trusted_services = local.create_outposts_local_cluster ? ["eks.amazonaws.com", "ec2.amazonaws.com"] : ["eks.amazonaws.com"]
}

resource "aws_iam_role" "this" {
  count = local.create_iam_role ? 1 : 0

  name        = var.iam_role_use_name_prefix ? null : local.iam_role_name
  name_prefix = var.iam_role_use_name_prefix ? "${local.iam_role_name}${var.prefix_separator}" : null
  path        = var.iam_role_path

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EKSClusterAssumeRole"
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { Service = local.cluster_trusted_services }
    }]
  })
  permissions_boundary  = var.iam_role_permissions_boundary
  force_detach_policies = true

  tags = merge(var.tags, var.iam_role_tags)
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = { for k, v in local.cluster_policies : k => v if local.create_iam_role }

  policy_arn = each.value
  role       = aws_iam_role.this[0].name
}

resource "aws_iam_role_policy_attachment" "additional" {
  for_each = { for k, v in var.iam_role_additional_policies : k => v if local.create_iam_role }

  policy_arn = each.value
  role       = aws_iam_role.this[0].name
}

resource "aws_iam_policy" "cluster_encryption" {
  count = local.create_iam_role && var.attach_encryption_policy && local.enable_encryption_config ? 1 : 0

  name        = var.encryption_policy_use_name_prefix ? null : local.cluster_encryption_policy_name
  name_prefix = var.encryption_policy_use_name_prefix ? local.cluster_encryption_policy_name : null
  path        = var.encryption_policy_path

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"]
      Resource = var.create_kms_key ? local.kms_key_arn : var.encryption_config.provider_key_arn
    }]
  })

  tags = merge(var.tags, var.encryption_policy_tags)
}

resource "aws_iam_role_policy_attachment" "cluster_encryption" {
  count = local.create_iam_role && var.attach_encryption_policy && local.enable_encryption_config ? 1 : 0

  policy_arn = aws_iam_policy.cluster_encryption[0].arn
  role       = aws_iam_role.this[0].name
}

# Auto Mode's custom-tag permissions: every create is conditioned on the
# request tagging the cluster's name.
locals {
  auto_mode_tagged = { "aws:RequestTag/eks:eks-cluster-name" = "$${aws:PrincipalTag/eks:eks-cluster-name}" }
}

resource "aws_iam_policy" "custom" {
  count = local.create_iam_role && local.create_auto_mode_iam_resources && var.enable_auto_mode_custom_tags ? 1 : 0

  name        = var.iam_role_use_name_prefix ? null : local.iam_role_name
  name_prefix = var.iam_role_use_name_prefix ? "${local.iam_role_name}-" : null
  path        = var.iam_role_path

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Compute"
        Effect   = "Allow"
        Action   = ["ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate"]
        Resource = "*"
        Condition = {
          StringEquals = local.auto_mode_tagged
          StringLike = {
            "aws:RequestTag/eks:kubernetes-node-class-name" = "*"
            "aws:RequestTag/eks:kubernetes-node-pool-name"  = "*"
          }
        }
      },
      {
        Sid       = "Storage"
        Effect    = "Allow"
        Action    = ["ec2:CreateVolume", "ec2:CreateSnapshot"]
        Resource  = ["arn:${local.partition}:ec2:*:*:volume/*", "arn:${local.partition}:ec2:*:*:snapshot/*"]
        Condition = { StringEquals = local.auto_mode_tagged }
      },
      {
        Sid      = "Networking"
        Effect   = "Allow"
        Action   = "ec2:CreateNetworkInterface"
        Resource = "*"
        Condition = {
          StringEquals = merge(local.auto_mode_tagged, { "aws:RequestTag/eks:kubernetes-cni-node-name" = "*" })
        }
      },
      {
        Sid       = "LoadBalancer"
        Effect    = "Allow"
        Action    = ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule", "ec2:CreateSecurityGroup"]
        Resource  = "*"
        Condition = { StringEquals = local.auto_mode_tagged }
      },
      {
        Sid       = "ShieldProtection"
        Effect    = "Allow"
        Action    = "shield:CreateProtection"
        Resource  = "*"
        Condition = { StringEquals = local.auto_mode_tagged }
      },
      {
        Sid       = "ShieldTagResource"
        Effect    = "Allow"
        Action    = "shield:TagResource"
        Resource  = "arn:${local.partition}:shield::*:protection/*"
        Condition = { StringEquals = local.auto_mode_tagged }
      },
    ]
  })

  tags = merge(var.tags, var.iam_role_tags)
}

resource "aws_iam_role_policy_attachment" "custom" {
  count = local.create_iam_role && local.create_auto_mode_iam_resources && var.enable_auto_mode_custom_tags ? 1 : 0

  policy_arn = aws_iam_policy.custom[0].arn
  role       = aws_iam_role.this[0].name
}

# The IPv6 CNI policy the module creates on request.
resource "aws_iam_policy" "cni_ipv6_policy" {
  count = var.create && var.create_cni_ipv6_iam_policy ? 1 : 0

  name = "AmazonEKS_CNI_IPv6_Policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssignDescribe"
        Effect   = "Allow"
        Action   = ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes"]
        Resource = "*"
      },
      {
        Sid      = "CreateTags"
        Effect   = "Allow"
        Action   = "ec2:CreateTags"
        Resource = "arn:${local.partition}:ec2:*:*:network-interface/*"
      },
    ]
  })

  tags = var.tags
}

################################################################################
# EKS Auto Mode node IAM role
################################################################################

locals {
  create_node_iam_role = local.create && var.create_node_iam_role && local.create_auto_mode_iam_resources
  node_iam_role_name   = coalesce(var.node_iam_role_name, "${var.name}-eks-auto")
}

resource "aws_iam_role" "eks_auto" {
  count = local.create_node_iam_role ? 1 : 0

  name        = var.node_iam_role_use_name_prefix ? null : local.node_iam_role_name
  name_prefix = var.node_iam_role_use_name_prefix ? "${local.node_iam_role_name}-" : null
  path        = var.node_iam_role_path

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EKSAutoNodeAssumeRole"
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  permissions_boundary  = var.node_iam_role_permissions_boundary
  force_detach_policies = true

  tags = merge(var.tags, var.node_iam_role_tags)
}

resource "aws_iam_role_policy_attachment" "eks_auto" {
  for_each = { for k, v in {
    AmazonEKSWorkerNodeMinimalPolicy   = "${local.policy_prefix}/AmazonEKSWorkerNodeMinimalPolicy"
    AmazonEC2ContainerRegistryPullOnly = "${local.policy_prefix}/AmazonEC2ContainerRegistryPullOnly"
  } : k => v if local.create_node_iam_role }

  policy_arn = each.value
  role       = aws_iam_role.eks_auto[0].name
}

resource "aws_iam_role_policy_attachment" "eks_auto_additional" {
  for_each = { for k, v in var.node_iam_role_additional_policies : k => v if local.create_node_iam_role }

  policy_arn = each.value
  role       = aws_iam_role.eks_auto[0].name
}
