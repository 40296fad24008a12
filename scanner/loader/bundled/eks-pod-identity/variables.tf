# The input variables of terraform-aws-modules/eks-pod-identity/aws 1.x as
# read: the module's variables.tf at 066da8c (1.0.0's inputs and defaults)
# and 1.4.0's aws_vpc_cni_enable_cloudwatch_logs (CHANGELOG.md). Inputs
# later 1.x releases added (associations, trust policy conditions, other
# policies) were not read and are not declared: a call that sets one is
# not scanned.

variable "create" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "trust_policy_statements" {
  type    = list(any)
  default = []
}

variable "name" {
  type    = string
  default = ""
}

variable "use_name_prefix" {
  type    = string
  default = true
}

variable "path" {
  type    = string
  default = "/"
}

variable "description" {
  type    = string
  default = null
}

variable "max_session_duration" {
  type    = number
  default = null
}

variable "permissions_boundary_arn" {
  type    = string
  default = null
}

variable "additional_policy_arns" {
  type    = map(string)
  default = {}
}

variable "source_policy_documents" {
  type    = list(string)
  default = []
}

variable "override_policy_documents" {
  type    = list(string)
  default = []
}

variable "policy_statements" {
  type    = any
  default = {}
}

variable "policy_name_prefix" {
  type    = string
  default = "AmazonEKS_"
}

variable "attach_custom_policy" {
  type    = bool
  default = false
}

variable "custom_policy_description" {
  type    = string
  default = "Custom IAM Policy"
}

variable "attach_amazon_managed_service_prometheus_policy" {
  type    = bool
  default = false
}

variable "amazon_managed_service_prometheus_policy_name" {
  type    = string
  default = null
}

variable "attach_aws_appmesh_controller_policy" {
  type    = bool
  default = false
}

variable "appmesh_controller_policy_name" {
  type    = string
  default = null
}

variable "attach_aws_cloudwatch_observability_policy" {
  type    = bool
  default = false
}

variable "attach_aws_appmesh_envoy_proxy_policy" {
  type    = bool
  default = false
}

variable "appmesh_envoy_proxy_policy_name" {
  type    = string
  default = null
}

variable "attach_aws_ebs_csi_policy" {
  type    = bool
  default = false
}

variable "aws_ebs_csi_policy_name" {
  type    = string
  default = null
}

variable "aws_ebs_csi_kms_arns" {
  type    = list(string)
  default = []
}

variable "attach_aws_efs_csi_policy" {
  type    = bool
  default = false
}

variable "aws_efs_csi_policy_name" {
  type    = string
  default = null
}

variable "attach_aws_fsx_lustre_csi_policy" {
  type    = bool
  default = false
}

variable "aws_fsx_lustre_csi_policy_name" {
  type    = string
  default = null
}

variable "aws_fsx_lustre_csi_service_role_arns" {
  type    = list(string)
  default = ["arn:aws:iam::*:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*"]
}

variable "attach_aws_gateway_controller_policy" {
  type    = bool
  default = false
}

variable "aws_gateway_controller_policy_name" {
  type    = string
  default = null
}

variable "attach_aws_lb_controller_policy" {
  type    = bool
  default = false
}

variable "aws_lb_controller_policy_name" {
  type    = string
  default = null
}

variable "attach_aws_lb_controller_targetgroup_binding_only_policy" {
  type    = bool
  default = false
}

variable "aws_lb_controller_targetgroup_only_policy_name" {
  type    = string
  default = null
}

variable "aws_lb_controller_targetgroup_arns" {
  type    = list(string)
  default = ["arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"]
}

variable "amazon_managed_service_prometheus_workspace_arns" {
  type    = list(string)
  default = ["*"]
}

variable "attach_aws_node_termination_handler_policy" {
  type    = bool
  default = false
}

variable "aws_node_termination_handler_policy_name" {
  type    = string
  default = null
}

variable "aws_node_termination_handler_sqs_queue_arns" {
  type    = list(string)
  default = ["*"]
}

variable "attach_aws_privateca_issuer_policy" {
  type    = bool
  default = false
}

variable "aws_privateca_issuer_policy_name" {
  type    = string
  default = null
}

variable "aws_privateca_issuer_acmca_arns" {
  type    = list(string)
  default = ["arn:aws:acm-pca:*:*:certificate-authority/*"]
}

variable "attach_aws_vpc_cni_policy" {
  type    = bool
  default = false
}

variable "aws_vpc_cni_policy_name" {
  type    = string
  default = null
}

variable "aws_vpc_cni_enable_ipv4" {
  type    = bool
  default = false
}

variable "aws_vpc_cni_enable_ipv6" {
  type    = bool
  default = false
}

variable "aws_vpc_cni_enable_cloudwatch_logs" {
  type    = bool
  default = false
}

variable "attach_cert_manager_policy" {
  type    = bool
  default = false
}

variable "cert_manager_policy_name" {
  type    = string
  default = null
}

variable "cert_manager_hosted_zone_arns" {
  type    = list(string)
  default = ["arn:aws:route53:::hostedzone/*"]
}

variable "attach_cluster_autoscaler_policy" {
  type    = bool
  default = false
}

variable "cluster_autoscaler_policy_name" {
  type    = string
  default = null
}

variable "attach_external_dns_policy" {
  type    = bool
  default = false
}

variable "external_dns_policy_name" {
  type    = string
  default = null
}

variable "external_dns_hosted_zone_arns" {
  type    = list(string)
  default = ["arn:aws:route53:::hostedzone/*"]
}

variable "attach_external_secrets_policy" {
  type    = bool
  default = false
}

variable "external_secrets_policy_name" {
  type    = string
  default = null
}

variable "external_secrets_ssm_parameter_arns" {
  type    = list(string)
  default = ["arn:aws:ssm:*:*:parameter/*"]
}

variable "external_secrets_secrets_manager_arns" {
  type    = list(string)
  default = ["arn:aws:secretsmanager:*:*:secret:*"]
}

variable "external_secrets_kms_key_arns" {
  type    = list(string)
  default = ["arn:aws:kms:*:*:key/*"]
}

variable "external_secrets_secrets_manager_create_permission" {
  type    = bool
  default = false
}

variable "attach_karpenter_policy" {
  type    = bool
  default = false
}

variable "karpenter_policy_name" {
  type    = string
  default = null
}

variable "karpenter_ami_ssm_parameter_arns" {
  type    = list(string)
  default = []
}

variable "karpenter_sqs_arns" {
  type    = list(string)
  default = []
}

variable "karpenter_node_iam_role_arns" {
  type    = list(string)
  default = []
}

variable "attach_velero_policy" {
  type    = bool
  default = false
}

variable "velero_policy_name" {
  type    = string
  default = null
}

variable "velero_s3_bucket_arns" {
  type    = list(string)
  default = ["*"]
}
