package loader

import (
	"embed"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Bundled module models stand in for well-known public registry modules
// that are neither installed (.terraform/modules) nor in the scanned tree,
// as in CI that scans code without `terraform init`. Each model is our own
// compact module: it declares the module's input variables with their
// defaults, and only the resources and arguments the rules judge, so that
// a call such as
//
//	module "bastion_sg" {
//	  source              = "terraform-aws-modules/security-group/aws"
//	  ingress_rules       = ["ssh-tcp"]
//	  ingress_cidr_blocks = ["0.0.0.0/0"]
//	}
//
// is judged instead of passing unseen. A model states the major versions
// whose interface it follows; a call whose version constraint may select
// another is not scanned, and says why, unless it sets an input
// that other version does not declare (see admits). What a model's
// resources hold is located at the call: its ranges never leave the
// user's files (see remapBundled).

//go:embed bundled
var bundledFS embed.FS

// bundledPrefix starts the filenames of a model's ranges: it marks what
// remapBundled moves to the call, and never reaches a report.
const bundledPrefix = "soc2-bundled-model:"

// bundledModel is one public module a model stands in for.
type bundledModel struct {
	// source is the registry address, as ModuleSourceKey writes it.
	source string
	// sub is the submodule the model stands for ("modules/iam-policy" of
	// source//modules/iam-policy); empty for the root module and its
	// presets.
	sub string
	// dir holds the model's files in bundledFS: common.tf files, root.tf
	// for the root module, preset.tf.tmpl for a //modules/<preset>.
	dir string
	// minMajor and maxMajor are the major versions whose interface the
	// model follows. Several models may stand for one module, each for its
	// own majors (kms 1.x–2.x and 4.x): a call is judged from the one
	// that admits its version (see bundledFor).
	minMajor, maxMajor int
	// zeroMinor is, for a model of a module still at 0.x (minMajor and
	// maxMajor 0), the one 0.<minor> series it covers: such a module may
	// change its inputs and defaults at any minor release (Cloud Posse's
	// do), so a call is judged only when its constraint bounds the minor
	// release Terraform installs to that series (see admitsZero).
	zeroMinor int
	// since are the inputs the model declares that the module added after
	// minMajor, by the first major that declares them: a call whose
	// version selects an older major and sets one is rejected by
	// Terraform, so it is not judged.
	since map[string]int
	// newest is the newest major version the module has released, as far
	// as we know (each model's entry cites the evidence): Terraform
	// installs the newest release a constraint admits, so a call without
	// a version, or whose constraint has no upper bound, gets this one.
	// Raise it when a new major is released.
	newest int
	// newestInputs are the inputs the newest major declares, when it is
	// outside minMajor–maxMajor and they are known; newestDropped the
	// model's inputs it removed or renamed, when only those are known.
	// Terraform rejects an argument its module does not declare, so a
	// call that sets an input the newest major lacks was written for, and
	// deployed with, a version the model covers even if its constraint
	// admits the newest (see admits).
	newestInputs, newestDropped []string
	// common are the files every variant of the model reads; root the
	// root module's besides.
	common, root []string
	// unmodelled are inputs that add what the model leaves out: a call
	// that sets one (to anything but false, null or empty) is not
	// scanned, rather than judged without it.
	unmodelled []string
	// rootOnly are the inputs only the root module declares, presetOnly
	// those only its //modules/<preset> wrappers declare: the variants of
	// a model share their declarations, and Terraform rejects a call that
	// sets an input its module does not declare.
	rootOnly, presetOnly []string
	// lastInput is the input a finding points at only when the call sets
	// none of the others an argument is computed from (a rule table that
	// a call may replace but seldom does).
	lastInput string
	// presets reads the //modules/<preset> wrappers: name → the named
	// rules it opens by default. Nil when the module has none.
	presets func() map[string][]string
}

// name is the module the model stands for, with its submodule if any.
func (m *bundledModel) name() string {
	if m.sub != "" {
		return m.source + "//" + m.sub
	}
	return m.source
}

// versions describes the major versions a model covers ("4.x–5.x").
func (m *bundledModel) versions() string {
	if m.maxMajor == 0 {
		return fmt.Sprintf("0.%d.x", m.zeroMinor)
	}
	if m.minMajor == m.maxMajor {
		return fmt.Sprintf("%d.x", m.minMajor)
	}
	return fmt.Sprintf("%d.x–%d.x", m.minMajor, m.maxMajor)
}

var bundledModels = []*bundledModel{{
	source:   "terraform-aws-modules/security-group/aws",
	dir:      "bundled/security-group",
	minMajor: 4,
	maxMajor: 5,
	// 6.0.0 rewrote the module on aws_vpc_security_group_ingress_rule
	// with map(object) rule inputs and no named rules on the root module
	// (the module's docs/UPGRADE-6.0.md; pull request #355, merged
	// 2026-05-08; issue #358 "Upgrading to 6.X").
	newest: 6,
	// 6.x's variables.tf and its generated preset wrappers'
	// (modules/<preset>/variables.tf, "Generated from
	// generate/templates/variables.tf.tftpl"), both of that rewrite: the
	// root and the wrappers together declare these, and every other
	// input of the model (ingress_cidr_blocks, ingress_with_cidr_blocks,
	// create_sg, the computed_* and auto_* inputs, rules, ...) is 5.x's.
	newestInputs: []string{
		"create", "description", "egress_rules", "enable_exclusive_rules", "ingress_cidr_ipv4", "ingress_cidr_ipv6",
		"ingress_prefix_list_id", "ingress_referenced_security_group_id", "ingress_rules", "name", "preset_ingress_rules",
		"putin_khuylo", "region", "revoke_rules_on_delete", "tags", "timeouts", "use_name_prefix", "vpc_associations", "vpc_id",
	},
	common:    []string{"variables.tf", "rules.tf", "main.tf", "outputs.tf"},
	root:      []string{"root.tf"},
	lastInput: "rules",
	// From the corpus copy of 5.x: its variables.tf and rules.tf against
	// modules/ssh/variables.tf (every wrapper declares the same).
	rootOnly: []string{"auto_groups", "create_sg", "create_timeout", "delete_timeout", "putin_khuylo", "rules", "security_group_id"},
	presetOnly: []string{
		"auto_computed_egress_rules", "auto_computed_egress_with_self", "auto_computed_ingress_rules", "auto_computed_ingress_with_self",
		"auto_egress_rules", "auto_egress_with_self", "auto_ingress_rules", "auto_ingress_with_self",
		"auto_number_of_computed_egress_rules", "auto_number_of_computed_egress_with_self",
		"auto_number_of_computed_ingress_rules", "auto_number_of_computed_ingress_with_self",
		"computed_egress_cidr_blocks", "computed_egress_ipv6_cidr_blocks", "computed_egress_prefix_list_ids",
		"computed_ingress_cidr_blocks", "computed_ingress_ipv6_cidr_blocks", "computed_ingress_prefix_list_ids",
		"number_of_computed_egress_cidr_blocks", "number_of_computed_egress_ipv6_cidr_blocks", "number_of_computed_egress_prefix_list_ids",
		"number_of_computed_ingress_cidr_blocks", "number_of_computed_ingress_ipv6_cidr_blocks", "number_of_computed_ingress_prefix_list_ids",
	},
	presets: sync.OnceValue(func() map[string][]string { return readPresets("bundled/security-group/presets.txt") }),
}, {
	source:   "terraform-aws-modules/s3-bucket/aws",
	dir:      "bundled/s3-bucket",
	minMajor: 4,
	maxMajor: 5,
	// The module's CHANGELOG.md ends at 5.8.1 (2025-10-16), and no later
	// major is documented.
	newest: 5,
	// 5.0.0 (pull request #335: AWS provider 6) added region to every
	// resource and lists no other change; the other inputs here came with
	// later 5.x releases (5.4.0 the metadata configuration, 5.6.0
	// skip_destroy_public_access_block, and bucket_namespace after 5.8.1),
	// so 4.x (the CHANGELOG's 4.0.0–4.11.0) lacks them all.
	since: map[string]int{
		"region": 5, "bucket_namespace": 5, "skip_destroy_public_access_block": 5,
		"create_metadata_configuration": 5, "metadata_inventory_table_configuration_state": 5, "metadata_encryption_configuration": 5,
		"metadata_journal_table_record_expiration_days": 5, "metadata_journal_table_record_expiration": 5,
	},
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	unmodelled: []string{
		"replication_configuration", "is_directory_bucket",
		"attach_elb_log_delivery_policy", "attach_lb_log_delivery_policy", "attach_access_log_delivery_policy",
		"attach_cloudtrail_log_delivery_policy", "attach_require_latest_tls_policy", "attach_inventory_destination_policy",
		"attach_analytics_destination_policy", "attach_deny_incorrect_encryption_headers", "attach_deny_incorrect_kms_key_sse",
		"attach_deny_unencrypted_object_uploads", "attach_deny_ssec_encrypted_object_uploads",
	},
}, {
	// Every input that reaches a judged argument of the instance is
	// modelled, so no input leaves a call not scanned.
	source:   "terraform-aws-modules/rds/aws",
	dir:      "bundled/rds",
	minMajor: 7,
	maxMajor: 7,
	// docs/UPGRADE-7.0.md is the module's newest upgrade guide.
	newest: 7,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	source:   "terraform-aws-modules/rds-aurora/aws",
	dir:      "bundled/rds-aurora",
	minMajor: 10,
	maxMajor: 10,
	// docs/UPGRADE-10.0.md is the module's newest upgrade guide.
	newest: 10,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	// A restore takes the cluster's encryption from its source, which the
	// model does not follow.
	unmodelled: []string{"restore_to_point_in_time"},
}, {
	// kms 3.x–4.x: UPGRADE-4.0.md (v3.x to v4.x) removes and renames no
	// variable (key_statements' conditions attribute becomes condition,
	// which only the generated policy reads) and adds region; 4.1.0 adds
	// key_spec (docs/CHANGELOG.md). 3.0.0's one change was
	// rotation_period_in_days, which the key passes as 4.x does. So a 3.x
	// call is judged from 4.x's key, unless it sets what 3.x lacks.
	source:   "terraform-aws-modules/kms/aws",
	dir:      "bundled/kms",
	minMajor: 3,
	maxMajor: 4,
	// UPGRADE-4.0.md is the module's newest upgrade guide.
	newest: 4,
	since:  map[string]int{"key_spec": 4, "region": 4},
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// kms 1.x–2.x: the key's arguments and their defaults are 4.x's
	// (enable_key_rotation true, multi_region false, the others null), and
	// so is its count (create, and none of create_external,
	// create_replica, create_replica_external); the policy is the call's,
	// else the one the module generates (coalesce). Read from the module's
	// repository: main.tf at 217ac76 (1.5.0), variables.tf at 0cb932e
	// (1.4.x) and at c60160d (2.x: custom_key_store_id, 2.0.0's breaking
	// change, and key_service_roles_for_autoscaling of 1.5.0), main.tf at
	// 03b3986 (2.x). 3.x is judged with 4.x (above).
	source:   "terraform-aws-modules/kms/aws",
	dir:      "bundled/kms",
	minMajor: 1,
	maxMajor: 2,
	newest:   4,
	since:    map[string]int{"custom_key_store_id": 2, "rotation_period_in_days": 3, "key_spec": 4, "region": 4},
	common:   []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// Every input that reaches a judged argument of the table is modelled
	// (the restore inputs are passed on as the module does, and a restored
	// table is judged as a resource that sets them is), so no input leaves
	// a call not scanned. 6.x renames create_table and protects the table
	// from deletion by default.
	source:   "terraform-aws-modules/dynamodb-table/aws",
	dir:      "bundled/dynamodb-table",
	minMajor: 5,
	maxMajor: 5,
	// The module's docs/UPGRADE-6.0.md: 6.x renames create_table to
	// create and turns deletion protection on by default; it lists no
	// removed variable and no other renamed one.
	newest:        6,
	newestDropped: []string{"create_table"},
	common:        []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// 5.x: the same one policy under create_policy, with description
	// "IAM Policy" and path "/" by default. Read from the module's
	// modules/iam-policy/README.md at 0b04071 (AWS provider >= 5.0): its
	// inputs, their defaults and its one resource, aws_iam_policy.policy,
	// whose arguments are the inputs of the same names, as in 6.x.
	source:   "terraform-aws-modules/iam/aws",
	sub:      "modules/iam-policy",
	dir:      "bundled/iam-policy-5",
	minMajor: 5,
	maxMajor: 5,
	newest:   6,
	// 6.x renames create_policy to create: a call without a version
	// that sets it was written for 5.x (this model comes first for that).
	newestDropped: []string{"create_policy"},
	common:        []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// 6.x renames 5.x's create_policy to create.
	source:   "terraform-aws-modules/iam/aws",
	sub:      "modules/iam-policy",
	dir:      "bundled/iam-policy",
	minMajor: 6,
	maxMajor: 6,
	// docs/UPGRADE-6.0.md is the module's newest upgrade guide.
	newest: 6,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// The interface of the corpus copy of 6.x (its versions.tf: AWS
	// provider >= 6.28); 5.x calls stay not scanned.
	source:   "terraform-aws-modules/iam/aws",
	sub:      "modules/iam-account",
	dir:      "bundled/iam-account",
	minMajor: 6,
	maxMajor: 6,
	// As for iam-policy: docs/UPGRADE-6.0.md is the newest upgrade guide.
	newest: 6,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	source:   "terraform-aws-modules/vpc/aws",
	dir:      "bundled/vpc",
	minMajor: 5,
	maxMajor: 6,
	// The corpus copy (versions.tf: AWS provider >= 6.28) is 6.x, and no
	// later major is documented.
	newest: 6,
	// docs/CHANGELOG.md: 6.0.0's one change bumps the AWS provider
	// requirement; 6.1.0 adds region, 6.2.0 the flow log role's path. The
	// module's variables.tf at 013eae2 (no region yet; 5.19.0's block
	// public access inputs) declares every other input of the model with
	// the same defaults, so a 5.x call is judged from the 6.x model unless
	// it sets one of those two.
	since:  map[string]int{"region": 6, "vpc_flow_log_iam_role_path": 6},
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	// The flow log's IAM role and policy are judged by the IAM rules and
	// not modelled.
	unmodelled: []string{"create_flow_log_cloudwatch_iam_role"},
}, {
	// The cluster, its KMS key (the module's kms sub-call), log group,
	// security groups and IAM roles are modelled; node groups and Fargate
	// profiles are sub-modules with their own launch templates, node
	// groups and roles, which the model leaves out.
	source:   "terraform-aws-modules/eks/aws",
	dir:      "bundled/eks",
	minMajor: 21,
	maxMajor: 21,
	// The corpus copy is 21.x (its 21.x input names, AWS provider >= 6.28,
	// its examples' "~> 21.0"), and no later major is documented.
	newest:     21,
	common:     []string{"variables.tf", "main.tf", "outputs.tf"},
	unmodelled: []string{"eks_managed_node_groups", "self_managed_node_groups", "fargate_profiles"},
}, {
	// The queue and its dead-letter queue, from the module's 4.x main.tf
	// (a copy without region, with 4.1.0's create_dlq_redrive_allow_policy)
	// and UPGRADE-4.0.md, which lists the inputs 4.0.0 added and removed
	// (name_prefix, policy) and its new defaults (sqs_managed_sse_enabled
	// true, the queue settings null); docs/CHANGELOG.md adds 4.1.0's
	// create_dlq_redrive_allow_policy and 4.3.0's dlq_fifo_throughput_limit.
	source:   "terraform-aws-modules/sqs/aws",
	dir:      "bundled/sqs",
	minMajor: 4,
	maxMajor: 4,
	// 5.x is released (the module's pull request #84, 2026-04-12, syncs a
	// fork to v5.2.1) and adds region; its other inputs were not read, so
	// a call that may select it is not scanned.
	newest: 5,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	// The queue policies are built from policy statements and documents
	// the model does not follow.
	unmodelled: []string{"create_queue_policy", "create_dlq_queue_policy"},
}, {
	// The topic, from the module's variables.tf at b5be599 (3.0.0's
	// inputs and defaults) and main.tf at 2ba6af6 (each input passed to
	// the topic argument of the same name), with CHANGELOG.md's later
	// inputs: 3.1.0's fifo_topic, 3.2.0's content_based_deduplication and
	// 4.1.0's Firehose feedback; 4.0.0 only raised the Terraform and AWS
	// provider versions.
	source:   "terraform-aws-modules/sns/aws",
	dir:      "bundled/sns",
	minMajor: 3,
	maxMajor: 4,
	// docs/UPGRADE-5.0.md is the newest upgrade guide read: 5.x renames
	// create_sns_topic, policy and the feedback inputs, replaces
	// name_prefix, and adds a topic policy and subscriptions. A later
	// major, if released, was not read; it changes only what the warning
	// of a call without an upper bound names, since 5.x is outside the
	// model already.
	newest: 5,
	since: map[string]int{
		"firehose_success_feedback_role_arn": 4, "firehose_success_feedback_sample_rate": 4, "firehose_failure_feedback_role_arn": 4,
	},
	// A call that sets one of these was written for 3.x–4.x, whatever
	// its constraint admits.
	newestDropped: []string{
		"create_sns_topic", "policy", "name_prefix",
		"application_success_feedback_role_arn", "application_success_feedback_sample_rate", "application_failure_feedback_role_arn",
		"http_success_feedback_role_arn", "http_success_feedback_sample_rate", "http_failure_feedback_role_arn",
		"lambda_success_feedback_role_arn", "lambda_success_feedback_sample_rate", "lambda_failure_feedback_role_arn",
		"sqs_success_feedback_role_arn", "sqs_success_feedback_sample_rate", "sqs_failure_feedback_role_arn",
		"firehose_success_feedback_role_arn", "firehose_success_feedback_sample_rate", "firehose_failure_feedback_role_arn",
	},
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// The object, from the corpus copy of modules/object (5.x: its
	// versions.tf requires AWS provider >= 6.42): its variables.tf and
	// main.tf, which passes each input to the object argument of the same
	// name. 5.1.0 added region (CHANGELOG.md); 4.x's object inputs were
	// not read, so a call that may select 4.x stays not scanned.
	source:   "terraform-aws-modules/s3-bucket/aws",
	sub:      "modules/object",
	dir:      "bundled/s3-object",
	minMajor: 5,
	maxMajor: 5,
	// As for the bucket: CHANGELOG.md documents no later major.
	newest: 5,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// The endpoints and the security group the submodule may create for
	// them, from the corpus copy of modules/vpc-endpoints (6.x, as the
	// vpc model: versions.tf requires AWS provider >= 6.28): its
	// variables.tf, and main.tf's endpoint, security group and
	// security_group_rules (HTTPS ingress unless a rule says otherwise).
	// 5.x's submodule was not read, so a call that may select it stays
	// not scanned.
	source:   "terraform-aws-modules/vpc/aws",
	sub:      "modules/vpc-endpoints",
	dir:      "bundled/vpc-endpoints",
	minMajor: 6,
	maxMajor: 6,
	newest:   6,
	common:   []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// The role, its trust policy and attachments, from a late 5.x copy of
	// the submodule's main.tf and variables.tf (found in the search index
	// by 5.x's inputs: allow_self_assume_role, role_requires_session_name,
	// create_custom_role_trust_policy, inline_policy_statements): one
	// trust document, with MFA conditions by default, external IDs and
	// session names when given. 4.x calls stay not scanned.
	source:   "terraform-aws-modules/iam/aws",
	sub:      "modules/iam-assumable-role",
	dir:      "bundled/iam-assumable-role",
	minMajor: 5,
	maxMajor: 5,
	// 6.x (docs/UPGRADE-6.0.md) replaces the assumable-role submodules
	// with iam-role; what it declares here was not read, so a call that
	// may install 6.x stays not scanned.
	newest: 6,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	// The inline policy is built from statements the model does not
	// follow.
	unmodelled: []string{"inline_policy_statements"},
}, {
	// The key pair and the private key the module may generate, from the
	// module's main.tf at cd5ebdb (2.0.0) and variables.tf (3.x);
	// docs/UPGRADE-3.0.md: 3.0.0 added region and removed and renamed
	// nothing.
	source:   "terraform-aws-modules/key-pair/aws",
	dir:      "bundled/key-pair",
	minMajor: 2,
	maxMajor: 3,
	// docs/UPGRADE-3.0.md is the module's newest upgrade guide.
	newest: 3,
	// 2.0.0's main.tf passes no curve to the private key: when a 2.x
	// release added private_key_ecdsa_curve was not read, so a 2.x call
	// that sets it is not judged (the safe side).
	since:  map[string]int{"region": 3, "private_key_ecdsa_curve": 3},
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
}, {
	// The role Pod Identity assumes, the policies attached by ARN and the
	// VPC CNI policy, from the module's main.tf and variables.tf at
	// 066da8c (1.0.0) and aws_vpc_cni.tf at 14df539 (1.10.0's statements,
	// with 1.4.0's CloudWatch Logs one). docs/CHANGELOG.md's 1.x releases
	// changed policy contents and added associations (1.1.0) and trust
	// conditions (1.3.0), which are not declared here, so a call that
	// sets one is not scanned.
	source:   "terraform-aws-modules/eks-pod-identity/aws",
	dir:      "bundled/eks-pod-identity",
	minMajor: 1,
	maxMajor: 1,
	// docs/CHANGELOG.md: 2.0.0 (2025-08-05) raised the Terraform and AWS
	// provider versions; 2.x's inputs were not read.
	newest: 2,
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	// The other policies the module writes, its custom policy and the
	// statements a call adds to the trust or to every policy.
	unmodelled: []string{
		"attach_custom_policy", "trust_policy_statements", "policy_statements", "source_policy_documents", "override_policy_documents",
		"attach_amazon_managed_service_prometheus_policy", "attach_aws_appmesh_controller_policy", "attach_aws_cloudwatch_observability_policy",
		"attach_aws_appmesh_envoy_proxy_policy", "attach_aws_ebs_csi_policy", "attach_aws_efs_csi_policy", "attach_aws_fsx_lustre_csi_policy",
		"attach_aws_gateway_controller_policy", "attach_aws_lb_controller_policy", "attach_aws_lb_controller_targetgroup_binding_only_policy",
		"attach_aws_node_termination_handler_policy", "attach_aws_privateca_issuer_policy", "attach_cert_manager_policy",
		"attach_cluster_autoscaler_policy", "attach_external_dns_policy", "attach_external_secrets_policy", "attach_karpenter_policy",
		"attach_velero_policy",
	},
}, {
	// The function, its log group, function URL, trigger permissions and
	// execution role. Inputs and defaults from the module's variables.tf
	// at 002d7ec (7.17.0); main.tf at 0162524 (2.x) shows how they reach
	// the function, the log group and the permissions, which no later
	// release changed for the arguments judged here. CHANGELOG.md's
	// majors: 3.0.0 and 4.0.0 raised the AWS provider to 4.8 and 4.x,
	// 5.0.0 Terraform to 1.0, 6.0.0 turned the SAM metadata off by
	// default, 7.0.0 added the advanced logging inputs and AWS provider
	// 5.32, 8.0.0 AWS provider 6.0: no input the model judges was removed,
	// renamed or given another default, so one model covers 3.x–8.x, and
	// since holds the inputs added after 3.x.
	source:   "terraform-aws-modules/lambda/aws",
	dir:      "bundled/lambda",
	minMajor: 3,
	maxMajor: 8,
	// CHANGELOG.md's newest entry read is 8.1.0 (2025-08-22).
	newest: 8,
	since: map[string]int{
		// 4.x: 4.4.0 policy_name, 4.5.0 the docker options, 4.6.0 SAM
		// metadata, 4.9.0 snap_start, 4.12.0 replacing security groups on
		// destroy, 4.14.0 the role's session duration, 4.15.0 invoke_mode,
		// 4.18.0 Lambda@Edge logs in all regions.
		"policy_name": 4, "docker_additional_options": 4, "docker_entrypoint": 4, "create_sam_metadata": 4, "snap_start": 4,
		"replace_security_groups_on_destroy": 4, "replacement_security_group_ids": 4, "role_maximum_session_duration": 4,
		"invoke_mode": 4, "lambda_at_edge_logs_all_regions": 4,
		// 5.3.0 timeouts.
		"timeouts": 5,
		// 6.1.0 function_tags, 6.3.0 s3_kms_key_id, 6.5.0 the create log
		// group permission, 6.7.0 the package timestamp trigger.
		"function_tags": 6, "s3_kms_key_id": 6, "attach_create_log_group_permission": 6, "trigger_on_package_timestamp": 6,
		// 7.0.0 the logging inputs, 7.2.0 the S3 object's default tags,
		// 7.4.0 the log group's class and skip_destroy, 7.8.0 the
		// function's skip_destroy, 7.14.0 dual-stack IPv6, 7.17.0
		// recursive_loop.
		"logging_log_format": 7, "logging_application_log_level": 7, "logging_system_log_level": 7, "logging_log_group": 7,
		"s3_object_override_default_tags": 7, "cloudwatch_logs_skip_destroy": 7, "cloudwatch_logs_log_group_class": 7,
		"skip_destroy": 7, "ipv6_allowed_for_dual_stack": 7, "recursive_loop": 7,
	},
	common: []string{"variables.tf", "main.tf", "outputs.tf"},
	// The role's policies beyond the default log-writing one, the trust
	// statements a call adds, and the package the module uploads to S3
	// are generated from what the model does not follow.
	unmodelled: []string{
		"attach_policy_json", "attach_policy_jsons", "attach_policy", "attach_policies", "attach_policy_statements",
		"attach_network_policy", "attach_tracing_policy", "attach_dead_letter_policy", "attach_async_event_policy",
		"trusted_entities", "assume_role_policy_statements", "store_on_s3",
	},
}, {
	// The key of cloudposse/kms-key/aws 0.12.x and the Cloud Posse context
	// that switches it off. Its 0.12.x sources are not in the reference
	// store; the key inputs are those callers of 0.12.1 and 0.12.2 pass
	// (key_usage, customer_master_key_spec, multi_region besides the
	// older ones), with the defaults every stored version of its
	// variables.tf gives rotation (true) and the deletion window (10). The
	// policy the module may generate when the call passes none stays
	// unknown. Older 0.x series (0.1.x's git tags) are not scanned.
	source:    "cloudposse/kms-key/aws",
	dir:       "bundled/cp-kms-key",
	zeroMinor: 12,
	common:    []string{cloudPosseContext, "variables.tf", "main.tf", "outputs.tf"},
}, {
	// The group and its rules (`rules`, `rules_map` and allow_all_egress)
	// of cloudposse/security-group/aws 2.x: main.tf and normalize.tf of a
	// 2.x commit (preserve_security_group_id, the keyed and dbc rules) and
	// a 2.x variables.tf (create_before_destroy and allow_all_egress true,
	// preserve_security_group_id false). 1.x defaults create_before_destroy
	// to false and lacks preserve_security_group_id (the module's
	// docs/migration-v1-v2.md); its other defaults were not read, so 1.x
	// calls stay not scanned.
	source:   "cloudposse/security-group/aws",
	dir:      "bundled/cp-security-group",
	minMajor: 2,
	maxMajor: 2,
	// No later major is known: the corpus's newest call is 2.2.0.
	newest: 2,
	common: []string{cloudPosseContext, "variables.tf", "main.tf", "outputs.tf"},
	// rule_matrix's subjects and inline rules are not modelled.
	unmodelled: []string{"rule_matrix", "inline_rules_enabled"},
}, {
	// The log group of cloudposse/cloudwatch-logs/aws 0.6.x: the inputs
	// and defaults of its docs/terraform.md of that series (cloudposse/
	// iam-role 0.19.0, iam_role_enabled; retention "30", kms_key_arn "")
	// and the group the module creates with them. Its main.tf of 0.6.x is
	// not in the reference store: the group's arguments are the inputs of
	// the same meaning, as in every stored version of the module.
	source:    "cloudposse/cloudwatch-logs/aws",
	dir:       "bundled/cp-cloudwatch-logs",
	zeroMinor: 6,
	common:    []string{cloudPosseContext, "variables.tf", "main.tf", "outputs.tf"},
}, {
	// The document of cloudposse/iam-policy/aws 2.x and the managed policy
	// made from it when iam_policy_enabled (false by default): main.tf
	// and variables.tf of a 2.x commit (iam_policy a list of documents,
	// each rendered then merged with the source and override documents)
	// with variables-deprecated.tf (iam_policy_statements, a list or a
	// map, default []). Outputs json and policy_arn, as its
	// docs/terraform.md lists.
	source:   "cloudposse/iam-policy/aws",
	dir:      "bundled/cp-iam-policy",
	minMajor: 2,
	maxMajor: 2,
	// No later major is known: the corpus's newest call is 2.0.1.
	newest: 2,
	common: []string{cloudPosseContext, "variables.tf", "v2.tf", "main.tf", "outputs.tf"},
}, {
	// 1.x: the same inputs, but iam_policy is one document (default null)
	// and iam_policy_statements a map of statements, either one used
	// (main.tf and variables.tf of a 1.x commit, with its preconditions).
	// 0.x (iam_policy_statements only, the policy document built in
	// place) stays not scanned.
	source: "cloudposse/iam-policy/aws",
	// Its own directory, as a model's declarations are kept by directory;
	// it reads 2.x's files but for the statements' inputs.
	dir:      "bundled/cp-iam-policy-1",
	minMajor: 1,
	maxMajor: 1,
	newest:   2,
	common: []string{
		cloudPosseContext, "../cp-iam-policy/variables.tf", "v1.tf", "../cp-iam-policy/main.tf", "../cp-iam-policy/outputs.tf",
	},
}, {
	// cloudposse/label/null 0.25.x, the label every Cloud Posse module
	// calls as module.this: it creates nothing, but its enabled output
	// switches the caller's resources, and its context output (the
	// call's inputs merged into the context's, in 0.25.0's main.tf and
	// outputs.tf) carries that to the modules the caller calls. Without a
	// model both are unknown, and so is every count made from them. Its
	// inputs are context.tf's, which its variables.tf is. The id, the
	// normalized labels and the tags are not computed: unknown while
	// enabled. The corpus's calls are 0.25.0 (and a few 0.24.1, not
	// scanned).
	source:    "cloudposse/label/null",
	dir:       "bundled/cp-label",
	zeroMinor: 25,
	common:    []string{cloudPosseContext, "main.tf", "outputs.tf"},
}}

// cloudPosseContext is the context.tf every Cloud Posse model reads: the
// inputs every cloudposse module declares for its label, kept once.
const cloudPosseContext = "../cp-context/context.tf"

// bundledFor returns the models of a registry module (owner/name/provider,
// lower case) and submodule: the submodule's own, else the root module's
// (whose presets stand for the //modules/<preset> wrappers); in the order
// of bundledModels.
func bundledFor(addr, sub string) []*bundledModel {
	var own, root []*bundledModel
	for _, b := range bundledModels {
		switch {
		case b.source != addr:
		case b.sub != "" && b.sub == sub:
			own = append(own, b)
		case b.sub == "":
			root = append(root, b)
		}
	}
	if len(own) > 0 {
		return own
	}
	return root
}

// coveredVersions describes the major versions models of one module cover,
// oldest first ("1.x–2.x and 4.x").
func coveredVersions(models []*bundledModel) string {
	sorted := slices.Clone(models)
	slices.SortStableFunc(sorted, func(a, b *bundledModel) int { return a.minMajor - b.minMajor })
	var out []string
	for _, m := range sorted {
		out = append(out, m.versions())
	}
	return strings.Join(out, " and ")
}

// readPresets reads a presets file: one wrapper a line, its directory
// name followed by the named rules it opens.
func readPresets(p string) map[string][]string {
	data, err := bundledFS.ReadFile(p)
	if err != nil {
		return nil
	}
	out := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

// bundledCall is a module call judged from a model: where its block and
// its inputs are, for remapBundled.
type bundledCall struct {
	call   scanner.Range
	inputs map[string]scanner.Range
	// elems are the ranges of the elements of the inputs written as a
	// list literal, by input.
	elems map[string][]scanner.Range
	// keys are the ranges of the items of the inputs written as an object
	// literal, and of the constant strings of a list literal, by input and
	// key: the instances of a for_each over them.
	keys  map[string]map[string]scanner.Range
	model *bundledModel
}

// bundledState is what a tree keeps about the calls it judged from
// models.
type bundledState struct {
	// calls are by the range of the module block.
	calls map[scanner.Range]*bundledCall
	// inputs are, by the start of an argument of a model's resource
	// (bundledPos), the input variables its value is computed from, in
	// the order the expression names them; and by the start of a dynamic
	// block, those its for_each is computed from (the blocks it generates
	// come from them).
	inputs map[bundledPos][]string
	// counts are, by the start of a model's resource block, the inputs
	// its count is computed from, and the one input whose elements its
	// instances are, if any.
	counts map[bundledPos]countInputs
	// byDir is the first call of each model variant, where a diagnostic
	// raised inside the model is shown.
	byDir map[string]scanner.Range
	// collected are the model variants whose inputs are recorded.
	collected map[string]bool
}

// countInputs are the inputs a model resource's count is computed from;
// each names the one input whose elements the instances are, if any.
type countInputs struct {
	from []string
	each string
	// keyed is for a for_each: instances are by key, not index.
	keyed bool
}

// bundledPos is a position in a model's file.
type bundledPos struct {
	file      string
	line, col int
}

// loadBundled returns the model of the call's module when there is one
// for its registry address, and handled when a model exists for that
// address (then a nil module means it was not scanned, with a warning
// saying why).
func (t *tree) loadBundled(c *callDecl, key string) (m *moduleConfig, handled bool) {
	p, ok := parseModuleSource(c.source)
	if !ok || !p.registry || p.host != "" {
		return nil, false
	}
	models := bundledFor(strings.ToLower(p.owner+"/"+p.name+"/"+p.provider), p.sub)
	if len(models) == 0 {
		return nil, false
	}
	model := models[0]
	notScanned := func(format string, args ...any) (*moduleConfig, bool) {
		t.res.addDiag(scanner.Diagnostic{
			Severity: scanner.DiagWarning,
			Range:    scanner.RangeOf(c.defRange),
			Summary:  fmt.Sprintf("Module %q not scanned", c.name),
			Detail:   fmt.Sprintf("remote source %q is not fetched; run `terraform init` to scan it from .terraform/modules. ", c.source) + fmt.Sprintf(format, args...),
		})
		return nil, true
	}
	var preset []string
	variant := ""
	if p.sub != "" && model.sub == "" {
		name, ok := strings.CutPrefix(p.sub, "modules/")
		rules, known := []string(nil), false
		if ok && model.presets != nil {
			rules, known = model.presets()[name]
		}
		if !known {
			return notScanned("The scanner's bundled model of %s has no //%s", model.name(), p.sub)
		}
		preset, variant = rules, name
	}
	if c.versionUnread {
		return notScanned("The call's version is not a literal string, so the release it selects is not known")
	}
	attrs := sortedAttrs(c.inputs)
	var set []string
	for _, a := range attrs {
		set = append(set, a.Name)
	}
	// The first model that admits the call's version judges it; else the
	// first's reason says why none does.
	ok, judgedAs := false, ""
	for i, b := range models {
		if bok, why := b.admits(c.version, set); bok {
			model, ok, judgedAs = b, true, why
			break
		} else if i == 0 {
			judgedAs = why
		}
	}
	if !ok {
		return notScanned("The scanner's bundled model of %s covers versions %s only: %s", model.name(), coveredVersions(models), judgedAs)
	}
	for _, name := range model.unmodelled {
		if a, ok := c.inputs[name]; ok && !unset(a.Expr) {
			return notScanned("The scanner's bundled model of %s leaves out what %s adds", model.name(), name)
		}
	}
	m = t.bundledModule(model, variant, preset)
	if m == nil {
		return notScanned("The scanner's bundled model of %s does not load", model.name())
	}
	// A model declares every input of the versions it covers, and
	// Terraform rejects an argument the module does not declare: the call
	// was written for another version (dynamodb-table 6.x's create) or
	// misspells an input, and judging it would judge what it does not say.
	notHere := model.rootOnly
	if variant == "" {
		notHere = model.presetOnly
	}
	// what is the module the call names: the root module's model stands
	// for its //modules/<preset> wrappers too.
	what := model.source
	if p.sub != "" {
		what += "//" + p.sub
	}
	// The major the call installs, for the inputs added after minMajor.
	major := model.maxMajor
	if _, hi, _ := majorRange(c.version); hi >= model.minMajor && hi < major {
		major = hi
	}
	for _, a := range attrs {
		versions := model.versions()
		declared := m.declaresInput(a.Name) && !slices.Contains(notHere, a.Name)
		if first, ok := model.since[a.Name]; declared && ok && first > major {
			declared, versions = false, fmt.Sprintf("%d.x", major)
		}
		if !declared {
			return notScanned("The call sets %q, which %s %s does not declare: it is written for another version of the module, or misspells an input (Terraform rejects an argument the module does not declare)",
				a.Name, what, versions)
		}
	}
	if t.bundled == nil {
		t.bundled = &bundledState{calls: map[scanner.Range]*bundledCall{}, inputs: map[bundledPos][]string{}, counts: map[bundledPos]countInputs{}, byDir: map[string]scanner.Range{}, collected: map[string]bool{}}
	}
	if !t.bundled.collected[m.dir] {
		t.bundled.collected[m.dir] = true
		idx := bundledIndexOf(m)
		maps.Copy(t.bundled.inputs, idx.inputs)
		maps.Copy(t.bundled.counts, idx.counts)
	}
	bc := &bundledCall{call: scanner.RangeOf(c.defRange), inputs: map[string]scanner.Range{}, elems: map[string][]scanner.Range{}, keys: map[string]map[string]scanner.Range{}, model: model}
	for name, a := range c.inputs {
		bc.inputs[name] = scanner.RangeOf(a.Range)
		keys := map[string]scanner.Range{}
		switch e := a.Expr.(type) {
		case *hclsyntax.TupleConsExpr:
			for _, el := range e.Exprs {
				bc.elems[name] = append(bc.elems[name], scanner.RangeOf(el.Range()))
				if v, diags := el.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					keys[v.AsString()] = scanner.RangeOf(el.Range())
				}
			}
		case *hclsyntax.ObjectConsExpr:
			for _, item := range e.Items {
				if v, diags := item.KeyExpr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					keys[v.AsString()] = scanner.RangeOf(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range()))
				}
			}
		}
		if len(keys) > 0 {
			bc.keys[name] = keys
		}
	}
	t.bundled.calls[bc.call] = bc
	if _, ok := t.bundled.byDir[m.dir]; !ok {
		t.bundled.byDir[m.dir] = bc.call
	}
	version := "no version constraint"
	if c.version != "" {
		version = fmt.Sprintf("version %q", c.version)
	}
	switch _, hi, _ := majorRange(c.version); {
	case judgedAs != "":
		version += "; " + judgedAs
	case c.version == "" || hi < 0:
		version += fmt.Sprintf(": the newest release, %d.x", model.newest)
	}
	t.res.addDiag(scanner.Diagnostic{
		Severity: scanner.DiagWarning,
		Range:    bc.call,
		Summary:  fmt.Sprintf("Module %q judged from a bundled model", c.name),
		Detail: fmt.Sprintf("remote source %q is not fetched; its resources are judged from the scanner's own model of %s %s (%s), which holds the resources the rules judge and not all the module creates; run `terraform init` to scan the module itself",
			c.source, what, model.versions(), version),
	})
	t.res.notes = append(t.res.notes, fmt.Sprintf("module.%s: %q judged from the scanner's bundled model of %s %s (%s)",
		strings.ReplaceAll(key, ".", ".module."), c.source, model.name(), model.versions(), version))
	return m, true
}

// unset reports whether an input is written as a constant that adds
// nothing: false, null, or an empty collection or string.
func unset(e hcl.Expression) bool {
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return false
	}
	switch {
	case v.IsNull():
		return true
	case v.Type() == cty.Bool:
		return v.False()
	case v.Type() == cty.String:
		return v.AsString() == ""
	case v.CanIterateElements():
		return v.LengthInt() == 0
	}
	return false
}

// admits reports whether the version a constraint selects is one the model
// covers, and why not. Terraform installs the newest version a constraint
// admits, so the highest major it admits decides; a call without a
// version, or whose constraint has no upper bound, installs the module's
// newest release (m.newest), which the model may not cover; unless the
// call sets (set, in the order written) an input the newest release does
// not declare (newestLacks) and the constraint admits a modelled version
// too: Terraform would reject the call with the newest release, so it was
// written for and deployed with a modelled one. Then why says so.
func (m *bundledModel) admits(constraint string, set []string) (ok bool, why string) {
	if m.maxMajor == 0 {
		return m.admitsZero(constraint)
	}
	lo, hi := 0, -1
	if strings.TrimSpace(constraint) != "" {
		var ok bool
		if lo, hi, ok = majorRange(constraint); !ok {
			return false, fmt.Sprintf("version constraint %q cannot be read", constraint)
		}
	}
	if hi < 0 {
		what := "the call sets no version"
		if strings.TrimSpace(constraint) != "" {
			what = fmt.Sprintf("version constraint %q has no upper bound", constraint)
		}
		switch {
		case lo > m.newest:
			return false, fmt.Sprintf("%s and admits only versions above %d.x, the newest release the scanner knows of", what, m.newest)
		case m.newest > m.maxMajor || m.newest < m.minMajor:
			if m.newest > m.maxMajor && lo <= m.maxMajor {
				for _, name := range set {
					if m.newestLacks(name) {
						return true, fmt.Sprintf("judged as %s: the call sets %q, which %d.x does not declare", m.versions(), name, m.newest)
					}
				}
			}
			return false, fmt.Sprintf("%s, so Terraform installs the module's newest release (%d.x)", what, m.newest)
		}
		return true, ""
	}
	switch {
	case lo > hi:
		return false, fmt.Sprintf("version constraint %q admits no version", constraint)
	case hi > m.maxMajor || hi < m.minMajor:
		return false, fmt.Sprintf("version constraint %q selects a %d.x version", constraint, hi)
	}
	return true, ""
}

// admitsZero is admits for a model of a 0.x module: the constraint must
// bound the minor release Terraform installs (its newest admitted) to the
// model's series. Without such a bound the release installed is the
// module's newest 0.x (or later), which the scanner does not record, so
// the call is not judged; nor is an input a later minor dropped evidence,
// as for a major.
func (m *bundledModel) admitsZero(constraint string) (ok bool, why string) {
	if strings.TrimSpace(constraint) == "" {
		return false, "the call sets no version, so Terraform installs the module's newest release, which the scanner does not record"
	}
	lo, hi, ok := majorRange(constraint)
	minLo, minHi, minOK := zeroMinorRange(constraint)
	switch {
	case !ok || !minOK:
		return false, fmt.Sprintf("version constraint %q cannot be read", constraint)
	case lo > hi && hi >= 0:
		return false, fmt.Sprintf("version constraint %q admits no version", constraint)
	case hi > 0:
		return false, fmt.Sprintf("version constraint %q selects a %d.x version", constraint, hi)
	case hi < 0 || minHi < 0:
		return false, fmt.Sprintf("version constraint %q bounds no 0.x minor release, so Terraform installs the module's newest release, which the scanner does not record", constraint)
	case minLo > minHi:
		return false, fmt.Sprintf("version constraint %q admits no version", constraint)
	case minHi != m.zeroMinor:
		return false, fmt.Sprintf("version constraint %q selects a 0.%d.x version", constraint, minHi)
	}
	return true, ""
}

// newestLacks reports whether the module's newest release is recorded not
// to declare an input (newestInputs, newestDropped); an input not recorded
// either way is not evidence.
func (m *bundledModel) newestLacks(name string) bool {
	if m.newestInputs != nil {
		return !slices.Contains(m.newestInputs, name)
	}
	return slices.Contains(m.newestDropped, name)
}

// bundledModule parses a model variant ("" for the root module, else a
// preset's name whose named rules are preset) once per tree.
func (t *tree) bundledModule(model *bundledModel, variant string, preset []string) *moduleConfig {
	dir := bundledPrefix + model.dir
	if variant != "" {
		dir += "/modules/" + variant
	}
	if m, ok := t.modules[dir]; ok {
		return m
	}
	type file struct {
		name string
		data []byte
	}
	var files []file
	for _, n := range model.common {
		data, err := bundledFS.ReadFile(path.Join(model.dir, n))
		if err != nil {
			return nil
		}
		// A file shared by several models (cloudPosseContext) is named as
		// one of the model's own, so that diagnostics point into the model.
		files = append(files, file{path.Base(n), data})
	}
	if variant == "" {
		for _, n := range model.root {
			data, err := bundledFS.ReadFile(path.Join(model.dir, n))
			if err != nil {
				return nil
			}
			files = append(files, file{n, data})
		}
	} else {
		data, err := bundledFS.ReadFile(path.Join(model.dir, "preset.tf.tmpl"))
		if err != nil {
			return nil
		}
		quoted := make([]string, len(preset))
		for i, r := range preset {
			quoted[i] = fmt.Sprintf("%q", r)
		}
		data = []byte(strings.ReplaceAll(string(data), "__AUTO_INGRESS_RULES__", "["+strings.Join(quoted, ", ")+"]"))
		files = append(files, file{"preset.tf", data})
	}
	var cfgs []*fileConfig
	for _, f := range files {
		pf := parseBundled(path.Join(dir, f.name), f.data)
		if pf.cfg == nil || len(pf.diags) > 0 {
			return nil // a model that does not load is a bug of ours, which the tests catch
		}
		cfgs = append(cfgs, pf.cfg)
		t.usage.merge(pf.usage)
	}
	var diags []scanner.Diagnostic
	m := mergeFiles(dir, cfgs, &diags)
	if len(diags) > 0 || len(m.calls) > 0 {
		return nil
	}
	m.nodes = buildGraph(m)
	if len(m.problems) > 0 || len(checkReferences(m)) > 0 {
		return nil // a model that refers to what it does not declare would leave values unknown unsaid
	}
	m.bundledFiles = make(map[string][]byte, len(files))
	for _, f := range files {
		m.bundledFiles[path.Join(dir, f.name)] = f.data
	}
	t.modules[dir] = m
	return m
}

// bundledParsed keeps the models' files parsed, by filename, for every
// tree of the process: they never change, and a parsed file is shared as
// the parse cache shares files between roots.
var (
	bundledMu      sync.Mutex
	bundledParsed  = map[string]*parsedFile{}
	bundledIndexes = map[string]*bundledIndex{}
)

// parseBundled parses a model's file once.
func parseBundled(name string, data []byte) *parsedFile {
	bundledMu.Lock()
	defer bundledMu.Unlock()
	if pf, ok := bundledParsed[name]; ok {
		return pf
	}
	pf := parseData(&parsedFile{path: name, name: name}, data)
	bundledParsed[name] = pf
	return pf
}

// bundledIndex is what remapBundled reads of a model variant: see
// bundledState.inputs and counts.
type bundledIndex struct {
	inputs map[bundledPos][]string
	counts map[bundledPos]countInputs
}

// bundledIndexOf returns the index of a model variant, built once for
// every tree of the process (bundledIndexes, by directory).
func bundledIndexOf(m *moduleConfig) *bundledIndex {
	bundledMu.Lock()
	defer bundledMu.Unlock()
	if idx, ok := bundledIndexes[m.dir]; ok {
		return idx
	}
	idx := collect(m)
	bundledIndexes[m.dir] = idx
	return idx
}

// collect records, for every argument of the model's resources, the input
// variables its value is computed from, following local values, and for
// every resource the inputs its count is computed from. It reads the
// module's declarations, whose bodies and expressions are the syntax trees
// of the model's files as parseBundled parsed them: a model that loads
// declares nothing twice and has no override file, so they are every
// block of its files.
func collect(m *moduleConfig) *bundledIndex {
	s := &bundledIndex{inputs: map[bundledPos][]string{}, counts: map[bundledPos]countInputs{}}
	locals := make(map[string]hcl.Expression, len(m.locals))
	for _, l := range m.locals {
		locals[l.name] = l.expr
	}
	data := map[string][]hcl.Expression{}
	for _, r := range m.resources {
		if body, ok := r.body.(*hclsyntax.Body); ok && r.mode == "data" {
			data[r.typ+"."+r.name] = bodyExprs(body)
		}
	}
	var inputs func(e hcl.Expression, seen map[string]bool) []string
	inputs = func(e hcl.Expression, seen map[string]bool) []string {
		var out []string
		for _, tr := range e.Variables() {
			if len(tr) < 2 {
				continue
			}
			attr, ok := tr[1].(hcl.TraverseAttr)
			if !ok {
				continue
			}
			switch tr.RootName() {
			case "var":
				out = append(out, attr.Name)
			case "local":
				if le, ok := locals[attr.Name]; ok && !seen[attr.Name] {
					seen[attr.Name] = true
					out = append(out, inputs(le, seen)...)
				}
			case "data":
				// A data source the model computes (a policy document
				// rendered from the call's statements) carries the inputs
				// its arguments are computed from.
				if len(tr) < 3 {
					continue
				}
				dname, ok := tr[2].(hcl.TraverseAttr)
				key := attr.Name + "." + dname.Name
				if !ok || seen["data."+key] {
					continue
				}
				seen["data."+key] = true
				for _, de := range data[key] {
					out = append(out, inputs(de, seen)...)
				}
			}
		}
		return out
	}
	// iters are the inputs an iterator's values come from (each, or a
	// dynamic block's): each.value.publicly_accessible is computed from
	// the input the resource's for_each is.
	withIters := func(e hcl.Expression, iters map[string][]string) []string {
		out := inputs(e, map[string]bool{})
		for _, tr := range e.Variables() {
			out = append(out, iters[tr.RootName()]...)
		}
		return out
	}
	var walk func(b *hclsyntax.Body, iters map[string][]string)
	walk = func(b *hclsyntax.Body, iters map[string][]string) {
		for _, a := range b.Attributes {
			s.inputs[bundledPos{a.SrcRange.Filename, a.SrcRange.Start.Line, a.SrcRange.Start.Column}] = withIters(a.Expr, iters)
		}
		for _, nb := range b.Blocks {
			inner := iters
			if fe, ok := nb.Body.Attributes["for_each"]; ok && nb.Type == "dynamic" && len(nb.Labels) == 1 {
				name := nb.Labels[0]
				if it, ok := nb.Body.Attributes["iterator"]; ok {
					if tr, diags := hcl.AbsTraversalForExpr(it.Expr); !diags.HasErrors() {
						name = tr.RootName()
					}
				}
				inner = maps.Clone(iters)
				inner[name] = withIters(fe.Expr, iters)
				r := nb.DefRange()
				s.inputs[bundledPos{r.Filename, r.Start.Line, r.Start.Column}] = inner[name]
			}
			walk(nb.Body, inner)
		}
	}
	for _, r := range m.resources {
		body, ok := r.body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		iters := map[string][]string{}
		if fe, ok := body.Attributes["for_each"]; ok {
			iters["each"] = inputs(fe.Expr, map[string]bool{})
			// Instance "k" is the item k of the one input the for_each
			// iterates over ({ for k, v in var.instances : ... }).
			ci := countInputs{from: iters["each"], keyed: true}
			_ = hclsyntax.VisitAll(fe.Expr, func(n hclsyntax.Node) hcl.Diagnostics {
				if f, ok := n.(*hclsyntax.ForExpr); ok && ci.each == "" {
					if from := inputs(f.CollExpr, map[string]bool{}); len(from) == 1 {
						ci.each = from[0]
					}
				}
				return nil
			})
			if ci.each == "" && len(ci.from) == 1 {
				ci.each = ci.from[0]
			}
			d := r.defRange
			s.counts[bundledPos{d.Filename, d.Start.Line, d.Start.Column}] = ci
		}
		walk(body, iters)
		count, ok := body.Attributes["count"]
		if !ok {
			continue
		}
		ci := countInputs{from: inputs(count.Expr, map[string]bool{})}
		// Instance i is element i of the one input's list its arguments
		// index with count.index (var.ingress_with_cidr_blocks[count.index],
		// through locals too); a list built from several inputs (a
		// preset's sorted rules) has no such element.
		names := slices.Sorted(maps.Keys(body.Attributes))
		for _, name := range names {
			_ = hclsyntax.VisitAll(body.Attributes[name].Expr, func(n hclsyntax.Node) hcl.Diagnostics {
				ix, ok := n.(*hclsyntax.IndexExpr)
				if !ok || ci.each != "" {
					return nil
				}
				if key, ok := ix.Key.(*hclsyntax.ScopeTraversalExpr); !ok || key.Traversal.RootName() != "count" {
					return nil
				}
				if from := inputs(ix.Collection, map[string]bool{}); len(from) == 1 {
					ci.each = from[0]
				}
				return nil
			})
		}
		d := r.defRange
		s.counts[bundledPos{d.Filename, d.Start.Line, d.Start.Column}] = ci
	}
	return s
}

// bodyExprs returns the expressions of a data source's arguments, and of
// its nested blocks', in the order the body writes them. Its count is left
// out, as is the for_each of a dynamic block whose content does not read
// its iterator: they decide whether the data source, or a statement of the
// module's own, exists, not what it holds, so a finding on such a
// statement stays at the module block rather than at the flag that turned
// it on. A dynamic block whose content reads its iterator is made of the
// for_each's elements (the call's statements), so its for_each counts.
func bodyExprs(b *hclsyntax.Body) []hcl.Expression {
	var out []hcl.Expression
	var walk func(b *hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		attrs := slices.Collect(maps.Values(b.Attributes))
		slices.SortFunc(attrs, func(x, y *hclsyntax.Attribute) int { return x.SrcRange.Start.Byte - y.SrcRange.Start.Byte })
		for _, a := range attrs {
			if a.Name != "count" && a.Name != "for_each" {
				out = append(out, a.Expr)
			}
		}
		for _, nb := range b.Blocks {
			if fe, ok := nb.Body.Attributes["for_each"]; ok && nb.Type == "dynamic" && len(nb.Labels) == 1 && readsIterator(nb) {
				out = append(out, fe.Expr)
			}
			walk(nb.Body)
		}
	}
	walk(b)
	return out
}

// readsIterator reports whether a dynamic block's content reads its
// iterator (statement.value), rather than writing constants.
func readsIterator(d *hclsyntax.Block) bool {
	name := d.Labels[0]
	if it, ok := d.Body.Attributes["iterator"]; ok {
		if tr, diags := hcl.AbsTraversalForExpr(it.Expr); !diags.HasErrors() {
			name = tr.RootName()
		}
	}
	found := false
	for _, c := range d.Body.Blocks {
		if c.Type != "content" {
			continue
		}
		_ = hclsyntax.VisitAll(c.Body, func(n hclsyntax.Node) hcl.Diagnostics {
			if e, ok := n.(hclsyntax.Expression); ok {
				for _, tr := range e.Variables() {
					found = found || tr.RootName() == name
				}
			}
			return nil
		})
	}
	return found
}

// isBundled reports whether a range lies in a model's file.
func isBundled(r scanner.Range) bool {
	return strings.HasPrefix(r.Filename, bundledPrefix)
}

// remapBundled moves what the tree's models hold to the calls: a resource
// of a model, its nested blocks and absent arguments point at the module
// block; an argument at the input of the call its value is computed from
// (the first the call sets, in the order the model's expression names
// them), else at the module block. A diagnostic raised inside a model
// that no instance placed at its own call (instance.diag) points at the
// first call of that model. So every range of a finding names the user's
// file.
func (t *tree) remapBundled() {
	s := t.bundled
	if s == nil {
		return
	}
	for _, r := range t.res.Resources {
		if r.Block == nil || !isBundled(r.Range) || len(r.ModuleCalls) == 0 {
			continue
		}
		bc := s.calls[r.ModuleCalls[len(r.ModuleCalls)-1]]
		if bc == nil {
			continue
		}
		at, elem := s.instanceRange(r, bc)
		// Read before the block's range moves: an absent region is at it.
		region, tags := r.Region(), r.DefaultTags()
		s.remapBlock(r.Block, bc, elem)
		r.Range = at
		r.SetRegion(s.remapValue(region, bc, elem))
		tags = s.remapValue(tags, bc, elem)
		r.SetDefaultTags(&tags)
	}
	for i, d := range t.res.Diagnostics {
		if !isBundled(d.Range) {
			continue
		}
		at := s.byDir[path.Dir(d.Range.Filename)]
		d.Detail = strings.TrimSpace(d.Detail + " (in the scanner's bundled model of the module)")
		d.Range = at
		t.res.Diagnostics[i] = d
	}
}

// instanceRange is where a model's resource instance points: the element
// of the call's list input it was made from (`ingress_with_cidr_blocks`'s
// second object for ingress_with_cidr_blocks[1]), else the input its count
// is computed from, else the module block. elem is that element, if any.
func (s *bundledState) instanceRange(r *scanner.Resource, bc *bundledCall) (scanner.Range, *instanceElem) {
	ci, ok := s.counts[bundledPos{r.Range.Filename, r.Range.StartLine, r.Range.StartColumn}]
	if !ok {
		return bc.call, nil
	}
	if ci.keyed {
		if k, ok := instanceKeyOf(r.Address); ok {
			if rng, ok := bc.keys[ci.each][k]; ok {
				return rng, &instanceElem{input: ci.each, rng: rng}
			}
		}
	} else if elems := bc.elems[ci.each]; len(elems) > 0 {
		if i, ok := instanceIndex(r.Address); ok && i < len(elems) {
			return elems[i], &instanceElem{input: ci.each, rng: elems[i]}
		}
	}
	for _, name := range ci.from {
		if rng, ok := bc.inputs[name]; ok {
			return rng, nil
		}
	}
	return bc.call, nil
}

// instanceElem is the element of a call's list input a model's resource
// instance was made from: an argument computed from that input points at
// the element rather than the whole list.
type instanceElem struct {
	input string
	rng   scanner.Range
}

// instanceIndex reads the count index that ends an address ("…rules[2]").
func instanceIndex(addr string) (int, bool) {
	open := strings.LastIndexByte(addr, '[')
	if open < 0 || !strings.HasSuffix(addr, "]") {
		return 0, false
	}
	n, err := strconv.Atoi(addr[open+1 : len(addr)-1])
	return n, err == nil && n >= 0
}

// instanceKeyOf reads the for_each key that ends an address
// (`…this["one"]`).
func instanceKeyOf(addr string) (string, bool) {
	open := strings.LastIndex(addr, "[\"")
	if open < 0 || !strings.HasSuffix(addr, "\"]") {
		return "", false
	}
	k, err := strconv.Unquote(addr[open+1 : len(addr)-1])
	return k, err == nil
}

// remapBlock moves a block of a model's resource to the call: a block a
// dynamic block generated points where its for_each's input is (the
// call's default_security_group_ingress), any other at the module block.
func (s *bundledState) remapBlock(b *scanner.Block, bc *bundledCall, elem *instanceElem) {
	if isBundled(b.Range) {
		b.Range = s.remapValue(scanner.Value{Range: b.Range}, bc, elem).Range
	}
	for _, name := range b.AttrNames() {
		b.SetAttr(name, s.remapValue(b.Attr(name), bc, elem))
	}
	for _, typ := range b.BlockTypes() {
		for _, nb := range b.Blocks(typ) {
			s.remapBlock(nb, bc, elem)
		}
	}
}

// remapValue moves a value of a model's resource to the call: see
// remapBundled. The model's lastInput is where the value points only when
// the call sets none of the other inputs it is computed from.
func (s *bundledState) remapValue(v scanner.Value, bc *bundledCall, elem *instanceElem) scanner.Value {
	if !isBundled(v.Range) {
		return v
	}
	from := s.inputs[bundledPos{v.Range.Filename, v.Range.StartLine, v.Range.StartColumn}]
	to := bc.call
	found := false
	for _, name := range from {
		if name == bc.model.lastInput {
			continue
		}
		if r, ok := bc.inputs[name]; ok {
			to, found = r, true
			if elem != nil && elem.input == name {
				to = elem.rng
			}
			break
		}
	}
	if r, ok := bc.inputs[bc.model.lastInput]; !found && ok && slices.Contains(from, bc.model.lastInput) {
		to = r
	}
	v.Range = to
	return v.WithLiteral(nil) // its key ranges are the model's
}
