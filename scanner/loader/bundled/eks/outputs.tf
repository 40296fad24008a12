# The module's outputs, so that what the caller reads of the module
# (module.eks.cluster_name, module.eks.node_security_group_id) refers to
# the resources of this model. What AWS assigns (endpoint, certificate,
# OIDC issuer, IDs and ARNs) is unknown before apply; outputs of what a
# scanned call does not create (node groups and Fargate profiles) are
# empty, and of what it may create but the model leaves out (access
# entries, add-ons, identity providers) keyed as the module keys them; those of cluster settings the model does
# not follow (service CIDR, IP family, scaling tier, the OIDC certificate's
# fingerprint) read the cluster's ARN, unknown before apply, as a stand-in
# with no value.

output "cluster_arn" {
  value = try(aws_eks_cluster.this[0].arn, null)
}

output "cluster_certificate_authority_data" {
  value = try(aws_eks_cluster.this[0].certificate_authority[0].data, null)
}

output "cluster_endpoint" {
  value = try(aws_eks_cluster.this[0].endpoint, null)
}

output "cluster_id" {
  value = try(aws_eks_cluster.this[0].cluster_id, "")
}

output "cluster_name" {
  value = try(aws_eks_cluster.this[0].name, "")
}

output "cluster_oidc_issuer_url" {
  value = try(aws_eks_cluster.this[0].identity[0].oidc[0].issuer, null)
}

output "cluster_dualstack_oidc_issuer_url" {
  value = try(aws_eks_cluster.this[0].identity[0].oidc[0].issuer, null)
}

output "cluster_version" {
  value = try(aws_eks_cluster.this[0].version, null)
}

output "cluster_platform_version" {
  value = try(aws_eks_cluster.this[0].platform_version, null)
}

output "cluster_status" {
  value = try(aws_eks_cluster.this[0].status, null)
}

output "cluster_primary_security_group_id" {
  value = try(aws_eks_cluster.this[0].vpc_config[0].cluster_security_group_id, null)
}

output "cluster_service_cidr" {
  value = try(aws_eks_cluster.this[0].arn, null)
}

output "cluster_ip_family" {
  value = try(aws_eks_cluster.this[0].arn, null)
}

output "cluster_control_plane_scaling_tier" {
  value = try(aws_eks_cluster.this[0].arn, null)
}

# Access entries, add-ons and identity providers are left out of the model
# but a scanned call still creates them: these outputs have the keys the
# module gives them, each with a value known only after apply (the
# cluster's ARN as the stand-in), so that a caller's for_each over one is
# not judged as creating nothing.
locals {
  access_entries = { for k, v in merge(
    { for k, v in { cluster_creator = { policy_associations = { admin = {} } } } : k => v if var.enable_cluster_creator_admin_permissions },
    var.access_entries,
  ) : k => v if local.create }
  access_policy_association_keys = flatten([
    for entry, v in local.access_entries : [for policy in keys(try(v.policy_associations, {})) : "${entry}_${policy}"]
  ])
  created_after_cluster = local.create && !local.create_outposts_local_cluster
}

output "access_entries" {
  value = { for k in keys(local.access_entries) : k => try(aws_eks_cluster.this[0].arn, null) }
}

output "access_policy_associations" {
  value = { for k in local.access_policy_association_keys : k => try(aws_eks_cluster.this[0].arn, null) }
}

output "kms_key_arn" {
  value = local.kms_key_arn
}

output "kms_key_id" {
  value = try(aws_kms_key.this[0].key_id, null)
}

output "kms_key_policy" {
  value = try(aws_kms_key.this[0].policy, null)
}

output "cluster_security_group_arn" {
  value = try(aws_security_group.cluster[0].arn, null)
}

output "cluster_security_group_id" {
  value = try(aws_security_group.cluster[0].id, null)
}

output "node_security_group_arn" {
  value = try(aws_security_group.node[0].arn, null)
}

output "node_security_group_id" {
  value = try(aws_security_group.node[0].id, null)
}

output "oidc_provider" {
  value = try(replace(aws_eks_cluster.this[0].identity[0].oidc[0].issuer, "https://", ""), null)
}

output "oidc_provider_arn" {
  value = try(aws_iam_openid_connect_provider.oidc_provider[0].arn, null)
}

output "cluster_tls_certificate_sha1_fingerprint" {
  value = try(aws_eks_cluster.this[0].arn, null)
}

output "cluster_iam_role_name" {
  value = try(aws_iam_role.this[0].name, null)
}

output "cluster_iam_role_arn" {
  value = try(aws_iam_role.this[0].arn, null)
}

output "cluster_iam_role_unique_id" {
  value = try(aws_iam_role.this[0].unique_id, null)
}

output "node_iam_role_name" {
  value = try(aws_iam_role.eks_auto[0].name, null)
}

output "node_iam_role_arn" {
  value = try(aws_iam_role.eks_auto[0].arn, null)
}

output "node_iam_role_unique_id" {
  value = try(aws_iam_role.eks_auto[0].unique_id, null)
}

output "cluster_addons" {
  value = { for k in keys(var.addons != null && local.created_after_cluster ? var.addons : {}) : k => try(aws_eks_cluster.this[0].arn, null) }
}

output "cluster_identity_providers" {
  value = { for k in keys(var.identity_providers != null && local.created_after_cluster ? var.identity_providers : {}) : k => try(aws_eks_cluster.this[0].arn, null) }
}

output "cloudwatch_log_group_name" {
  value = try(aws_cloudwatch_log_group.this[0].name, null)
}

output "cloudwatch_log_group_arn" {
  value = try(aws_cloudwatch_log_group.this[0].arn, null)
}

output "fargate_profiles" {
  value = {}
}

output "eks_managed_node_groups" {
  value = {}
}

output "eks_managed_node_groups_autoscaling_group_names" {
  value = []
}

output "self_managed_node_groups" {
  value = {}
}

output "self_managed_node_groups_autoscaling_group_names" {
  value = []
}
