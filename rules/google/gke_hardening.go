package google

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const nodePoolDocs = googleDocs + "container_node_pool"

// gkeHCL renders a cluster (typ google_container_cluster) or a node pool
// for examples, with extra arguments and blocks.
func gkeHCL(typ, name, extra string) string {
	head := `location = "europe-west1"`
	if typ == "google_container_node_pool" {
		head = `cluster  = "main"
  location = "europe-west1"`
	}
	if extra != "" {
		extra = "\n  " + strings.ReplaceAll(strings.TrimSpace(extra), "\n", "\n  ")
	}
	return fmt.Sprintf("\nresource %q %q {\n  name     = %q\n  %s%s\n}\n", typ, name, name, head, extra)
}

// removedPoolHCL renders, for the examples, clusters whose default pool
// remove_default_node_pool deletes, each holding a setting the rule would
// fail: google_container_cluster.removed in its own node_config (when
// nodeConfig is set) and google_container_cluster.removed_inline in an
// inline node_pool named default-pool, the shape of the
// terraform-google-kubernetes-engine modules; pool is that pool's body.
func removedPoolHCL(nodeConfig, pool string) string {
	out := ""
	if nodeConfig != "" {
		out = gkeHCL("google_container_cluster", "removed", "remove_default_node_pool = true\ninitial_node_count       = 1\n"+nodeConfig)
	}
	return out + gkeHCL("google_container_cluster", "removed_inline", `remove_default_node_pool = true
node_pool {
  name = "default-pool"
  `+strings.ReplaceAll(pool, "\n", "\n  ")+`
}`)
}

// keptPoolHCL renders a cluster, google_container_cluster.kept, that
// removes its default pool but keeps a second inline pool with body pool:
// the removal spares only the pool named default-pool.
func keptPoolHCL(pool string) string {
	return gkeHCL("google_container_cluster", "kept", `remove_default_node_pool = true
node_pool {
  name = "default-pool"
}
node_pool {
  name = "workers"
  `+strings.ReplaceAll(pool, "\n", "\n  ")+`
}`)
}

// autopilot answers whether a cluster is an Autopilot cluster, where Google
// manages nodes, their hardening and upgrades.
func autopilot(r *scanner.Resource) scanner.Tri {
	if r.Type != "google_container_cluster" {
		return scanner.No
	}
	return r.Attr("enable_autopilot").BoolOr(false)
}

// defaultPoolName is the name of the node pool GKE creates with a cluster,
// the one remove_default_node_pool deletes right after creation.
const defaultPoolName = "default-pool"

// removedDefaultPoolMsg says why a cluster's default node pool is not judged.
const removedDefaultPoolMsg = "remove_default_node_pool is true: the default node pool is deleted right after the cluster is created, " +
	"so its settings never reach a running node; the cluster's nodes are judged on its other node pools"

// clusterPools returns the node pools of a cluster as its configuration
// decides them: its inline node_pool blocks, or else (with def) the default
// pool, whose settings are the cluster's own (node_config at the cluster).
// remove_default_node_pool = true deletes the pool named default-pool right
// after creation, whether it is the implicit default pool or an inline
// node_pool of that name (the shape of the terraform-google-kubernetes-engine
// modules), so such a pool is left out and removed is set. unknown is set
// when a dynamic node_pool block or remove_default_node_pool is only known
// after apply and could change the answer.
func clusterPools(r *scanner.Resource) (pools []*scanner.Block, def, removed, unknown bool) {
	remove := r.Attr("remove_default_node_pool")
	inline := r.Blocks("node_pool")
	unknown = r.BlocksUnknown("node_pool")
	if len(inline) == 0 && !unknown {
		switch {
		case remove.IsUnknown():
			return nil, false, false, true
		case remove.IsTrue():
			return nil, false, true, false
		}
		return nil, true, false, false
	}
	for _, p := range inline {
		if p.Attr("name").Equals(defaultPoolName) {
			switch {
			case remove.IsUnknown():
				unknown = true
				continue
			case remove.IsTrue():
				removed = true
				continue
			}
		}
		pools = append(pools, p)
	}
	return pools, false, removed, unknown
}

// nodeConfigs returns the node_config blocks that decide a cluster's or a
// node pool's nodes: a node pool's own; a cluster's inline node_pool blocks,
// or else its default pool's, leaving out a default pool that
// remove_default_node_pool deletes (removed is then set; see clusterPools).
// A missing node_config stands as an empty block at its owner, so that
// defaults are judged. unknown is set when a dynamic block hides some.
func nodeConfigs(r *scanner.Resource) (configs []*scanner.Block, removed, unknown bool) {
	own := func(b *scanner.Block) {
		if b.BlocksUnknown("node_config") {
			unknown = true
			return
		}
		if c := b.FirstBlock("node_config"); c != nil {
			configs = append(configs, c)
			return
		}
		configs = append(configs, scanner.NewBlock("node_config", b.Range))
	}
	if r.Type == "google_container_node_pool" {
		own(r.Block)
		return configs, false, unknown
	}
	pools, def, removed, poolsUnknown := clusterPools(r)
	unknown = poolsUnknown
	if def {
		// The cluster's own node_config is the default pool's; inline
		// node pools replace it.
		own(r.Block)
	}
	for _, p := range pools {
		own(p)
	}
	return configs, removed, unknown
}

// nodeCheck builds the check of a rule on every node_config of a cluster or
// node pool: judge decides one; Autopilot clusters pass when managed is set
// (Google enforces the setting on their nodes). A cluster whose only pool
// is a removed default pool has nothing to judge: its nodes come from
// google_container_node_pool resources, judged on their own.
func nodeCheck(managed bool, judge func(cfg *scanner.Block) scanner.Result) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		switch autopilot(r) {
		case scanner.Yes:
			if managed {
				return scanner.Passed()
			}
		case scanner.Maybe:
			return scanner.Unknowable(r.Attr("enable_autopilot").Range, "enable_autopilot is not known until apply")
		}
		configs, removed, unknown := nodeConfigs(r)
		for _, c := range configs {
			if res := judge(c); res.Status != scanner.Pass {
				return res
			}
		}
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "the cluster's node pools are not known until apply")
		case removed && len(configs) == 0:
			return scanner.DoesNotApply(removedDefaultPoolMsg)
		}
		return scanner.Passed()
	}
}

// managementCheck builds the check of a node pool management switch, on by
// default: node pools and a cluster's inline node pools.
func managementCheck(arg, what string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		pools := []*scanner.Block{r.Block}
		var removed, unknown bool
		if r.Type == "google_container_cluster" {
			pools, _, removed, unknown = clusterPools(r)
			if unknown && len(r.Blocks("node_pool")) == 0 && !r.BlocksUnknown("node_pool") {
				// Only remove_default_node_pool is unknown: the
				// default pool, kept or not, has the switch on (the
				// cluster has no management block for it).
				unknown = false
			}
		}
		for _, p := range pools {
			m, dynamic := p.Follow("management")
			if dynamic != "" {
				return scanner.Unknowable(p.Range, "management is not known until apply")
			}
			v := scanner.Value{Name: arg, Range: p.Range}
			if m != nil {
				v = m.Attr(arg)
			}
			if res := scanner.RequireTrueOr(v, true, "management."+arg+" is false: "+what); res.Status != scanner.Pass {
				return res
			}
		}
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "the cluster's node pools are not known until apply")
		case removed && len(pools) == 0:
			return scanner.DoesNotApply(removedDefaultPoolMsg)
		}
		return scanner.Passed()
	}
}

var gkePrivateNodes = &scanner.Rule{
	ID:    "google-gke-private-nodes",
	Title: "GKE nodes have only private IP addresses",
	Description: "Without private nodes, every GKE node gets an external IP address and is reachable from the internet, " +
		"subject only to firewall rules; node ports and the kubelet are then one permissive rule away from exposure. " +
		"CC6.6 expects the boundary protected. Set private_cluster_config.enable_private_nodes and give nodes egress " +
		"through Cloud NAT. A node pool, inline or separate, whose network_config sets enable_private_nodes = false " +
		"gets external IP addresses even in a private cluster, and fails too; one that leaves it unset follows the cluster.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"google_container_cluster", "google_container_node_pool"},
	Remediation:   "Add private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = … } (recreates the cluster).",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}`,
	Links: []string{
		clusterDocs + "#enable_private_nodes",
		"https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_64"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0059"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "private", `private_cluster_config {
  enable_private_nodes   = true
  master_ipv4_cidr_block = "172.16.0.0/28"
}`) + gkeHCL("google_container_node_pool", "follows_cluster", "") + gkeHCL("google_container_node_pool", "private_pool", `network_config {
  enable_private_nodes = true
}`), NotApplicable: []string{"google_container_node_pool.follows_cluster"}}}
		bad = []scanner.Example{{Code: `
variable "private" {
  type = bool
}
` + gkeHCL("google_container_cluster", "public", "") + gkeHCL("google_container_cluster", "unknown", `private_cluster_config {
  enable_private_nodes = var.private
}`) + gkeHCL("google_container_cluster", "public_pool", `private_cluster_config {
  enable_private_nodes   = true
  master_ipv4_cidr_block = "172.16.0.0/28"
}
node_pool {
  name = "edge"
  network_config {
    enable_private_nodes = false
  }
}`) + gkeHCL("google_container_node_pool", "public_pool", `network_config {
  enable_private_nodes = false
}`),
			Fails:    []string{"google_container_cluster.public", "google_container_cluster.public_pool", "google_container_node_pool.public_pool"},
			Unknowns: []string{"google_container_cluster.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "google_container_node_pool" {
			if n, dynamic := r.Follow("network_config"); dynamic == "" && (n == nil || !n.Attr("enable_private_nodes").Present || n.Attr("enable_private_nodes").IsNull()) {
				return scanner.DoesNotApply("the node pool follows its cluster's private_cluster_config, judged on the cluster")
			}
			return poolPrivateNodes(r.Block)
		}
		p, dynamic := r.Follow("private_cluster_config")
		if dynamic != "" {
			return scanner.Unknowable(r.Range, "private_cluster_config is not known until apply")
		}
		v := scanner.Value{Name: "enable_private_nodes", Range: r.Range}
		if p != nil {
			v = p.Attr("enable_private_nodes")
		}
		if res := scanner.RequireTrue(v, "enable_private_nodes is not true: every node gets an external IP address"); res.Status != scanner.Pass {
			return res
		}
		if r.BlocksUnknown("node_pool") {
			return scanner.Unknowable(r.Range, "the cluster's node pools are not known until apply")
		}
		for _, pool := range r.Blocks("node_pool") {
			if res := poolPrivateNodes(pool); res.Status != scanner.Pass {
				return res
			}
		}
		return scanner.Passed()
	},
}

// poolPrivateNodes judges a node pool's own network_config: an explicit
// enable_private_nodes = false gives its nodes external IP addresses
// whatever the cluster says; unset, the pool follows the cluster.
func poolPrivateNodes(pool *scanner.Block) scanner.Result {
	n, dynamic := pool.Follow("network_config")
	switch {
	case dynamic != "":
		return scanner.Unknowable(pool.Range, "network_config is not known until apply")
	case n == nil:
		return scanner.Passed()
	}
	v := n.Attr("enable_private_nodes")
	switch {
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "network_config.enable_private_nodes is not known until apply")
	case v.IsFalse():
		return scanner.Failed(v.Range, "network_config.enable_private_nodes is false: the pool's nodes get external IP addresses")
	}
	return scanner.Passed()
}

var gkeWorkloadIdentity = &scanner.Rule{
	ID:    "google-gke-workload-identity",
	Title: "GKE clusters use Workload Identity",
	Description: "Without Workload Identity, pods reach Google APIs with the node's service account, so every pod on a " +
		"node has the rights of all of them, and node credentials are readable through the metadata server. CC6.3 " +
		"expects access granted by need; Workload Identity maps each Kubernetes service account to its own IAM " +
		"identity. Autopilot clusters always use it. A node pool whose workload_metadata_config sets mode = " +
		"\"GCE_METADATA\" (or the legacy node_metadata = \"EXPOSE\" or \"SECURE\") opts out: its pods get the node's " +
		"credentials again, so the rule fails such node pools, inline or separate, even on a cluster with a workload pool. " +
		"A workload_identity_config kept or dropped by comparing a pool only known after apply with a sentinel is read " +
		"by the pool's known end: \"${var.project_id}.svc.id.goog\" is neither null nor \"null\".",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_container_cluster", "google_container_node_pool"},
	Remediation:   `Add workload_identity_config { workload_pool = "<project>.svc.id.goog" } and workload_metadata_config { mode = "GKE_METADATA" } on node pools.`,
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }
}`,
	Links: []string{
		clusterDocs + "#workload_identity_config",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "wi", `workload_identity_config {
  workload_pool = "acme-prod.svc.id.goog"
}`) + gkeHCL("google_container_cluster", "autopilot", "enable_autopilot = true") + gkeHCL("google_container_node_pool", "gke_metadata", `node_config {
  workload_metadata_config {
    mode = "GKE_METADATA"
  }
}`) + gkeHCL("google_container_node_pool", "inherits", ""), NotApplicable: []string{"google_container_node_pool.inherits"}}, {Code: `
variable "project_id" {
  type = string
}

locals {
  # A pool ending in .svc.id.goog is neither null nor "null": the module
  # pattern below keeps Workload Identity on whatever the project is.
  namespace = "${var.project_id}.svc.id.goog"
  enabled   = !(local.namespace == null || local.namespace == "null")
  pools     = !local.enabled ? [] : local.namespace == "enabled" ? [{ pool = "acme.svc.id.goog" }] : [{ pool = local.namespace }]
}
` + gkeHCL("google_container_cluster", "pool_by_suffix", `dynamic "workload_identity_config" {
  for_each = local.pools
  content {
    workload_pool = workload_identity_config.value.pool
  }
}`)}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "node_sa", "") + gkeHCL("google_container_cluster", "opted_out", `workload_identity_config {
  workload_pool = "acme-prod.svc.id.goog"
}
node_config {
  workload_metadata_config {
    mode = "GCE_METADATA"
  }
}`) + gkeHCL("google_container_node_pool", "legacy", `node_config {
  workload_metadata_config {
    node_metadata = "EXPOSE"
  }
}`) + `
variable "namespace" {
  type = string
}
` + gkeHCL("google_container_cluster", "sentinel_unknown", `dynamic "workload_identity_config" {
  # Nothing is known of the namespace: it may be "null".
  for_each = var.namespace == "null" ? [] : [var.namespace]
  content {
    workload_pool = workload_identity_config.value
  }
}`), Fails: []string{"google_container_cluster.node_sa", "google_container_cluster.opted_out", "google_container_node_pool.legacy"},
			Unknowns: []string{"google_container_cluster.sentinel_unknown"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "google_container_node_pool" {
			if w, dynamic := r.Follow("node_config", "workload_metadata_config"); dynamic == "" && w == nil {
				return scanner.DoesNotApply("the node pool follows its cluster's workload_identity_config, judged on the cluster")
			}
			return nodeCheck(true, nodeMetadataNotExposed)(r, ctx)
		}
		switch autopilot(r) {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(r.Attr("enable_autopilot").Range, "enable_autopilot is not known until apply")
		}
		w, dynamic := r.Follow("workload_identity_config")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "workload_identity_config is not known until apply")
		case w == nil:
			return scanner.Failed(r.Range, "no workload_identity_config: pods act with the node's service account")
		}
		if res := scanner.RequireSet(w.Attr("workload_pool"), "workload_identity_config.workload_pool is not set: pods act with the node's service account"); res.Status != scanner.Pass {
			return res
		}
		// A cluster whose default pool is removed still has Workload
		// Identity on: its separate node pools are judged on their own.
		if res := nodeCheck(true, nodeMetadataNotExposed)(r, ctx); res.Status != scanner.NotApplicable {
			return res
		}
		return scanner.Passed()
	},
}

// nodeMetadataNotExposed judges a node_config's workload_metadata_config:
// mode GCE_METADATA (or the legacy node_metadata EXPOSE or SECURE) gives the
// pods the node's metadata server, and so its service account, instead of
// the GKE metadata server of Workload Identity. Unset, the pool follows the
// cluster.
func nodeMetadataNotExposed(cfg *scanner.Block) scanner.Result {
	w, dynamic := cfg.Follow("workload_metadata_config")
	switch {
	case dynamic != "":
		return scanner.Unknowable(cfg.Range, "workload_metadata_config is not known until apply")
	case w == nil:
		return scanner.Passed()
	}
	for _, v := range []scanner.Value{w.Attr("mode"), w.Attr("node_metadata")} {
		switch {
		case v.OneOf("GCE_METADATA", "EXPOSE", "SECURE"):
			return scanner.Failed(v.Range, "workload_metadata_config.%s is %s: pods on these nodes act with the node's service account", v.Name, v.StringOr("?"))
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "workload_metadata_config.%s is not known until apply", v.Name)
		}
	}
	return scanner.Passed()
}

var gkeBinaryAuthorization = &scanner.Rule{
	ID:    "google-gke-binary-authorization",
	Title: "GKE clusters enforce Binary Authorization",
	Description: "Binary Authorization admits only container images that satisfy a policy (signed by the build pipeline, " +
		"from an allowed registry), so that an image pushed by hand or by an attacker cannot run. CC8.1 expects changes " +
		"authorised before deployment; CC6.8 expects unauthorised software prevented. The rule wants " +
		"binary_authorization.evaluation_mode = PROJECT_SINGLETON_POLICY_ENFORCE (or the deprecated enabled = true).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC8.1", Secondary: []string{"CC6.8"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   `Add binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" } and a google_binary_authorization_policy.`,
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }
}`,
	Links: []string{
		clusterDocs + "#binary_authorization",
		"https://cloud.google.com/binary-authorization/docs/overview",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_66"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "enforced", `binary_authorization {
  evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
}`)}}
		bad = []scanner.Example{{Code: `
variable "mode" {
  type = string
}
` + gkeHCL("google_container_cluster", "none", "") + gkeHCL("google_container_cluster", "disabled", `binary_authorization {
  evaluation_mode = "DISABLED"
}`) + gkeHCL("google_container_cluster", "unknown", `binary_authorization {
  evaluation_mode = var.mode
}`),
			Fails:    []string{"google_container_cluster.none", "google_container_cluster.disabled"},
			Unknowns: []string{"google_container_cluster.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		b, dynamic := r.Follow("binary_authorization")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "binary_authorization is not known until apply")
		case b == nil:
			return scanner.Failed(r.Range, "no binary_authorization: any image can be deployed")
		}
		mode, enabled := b.Attr("evaluation_mode"), b.Attr("enabled")
		switch {
		case mode.Equals("PROJECT_SINGLETON_POLICY_ENFORCE"), mode.IsNull() && enabled.IsTrue():
			return scanner.Passed()
		case mode.IsUnknown() || (mode.IsNull() && enabled.IsUnknown()):
			return scanner.Unknowable(b.Range, "binary_authorization's mode is not known until apply")
		}
		return scanner.Failed(attrRange(mode, b.Range), "binary_authorization does not enforce a policy (evaluation_mode %s): any image can be deployed", mode.StringOr("unset"))
	},
}

var gkeNodeAutoUpgrade = &scanner.Rule{
	ID:    "google-gke-node-auto-upgrade",
	Title: "GKE node pools upgrade automatically",
	Description: "Nodes that do not upgrade keep running kernels and kubelets with known vulnerabilities after Google " +
		"has released fixes. CC7.1 expects vulnerabilities identified and remediated. management.auto_upgrade is on by " +
		"default; only an explicit false fails. The rule checks node pools and a cluster's inline node_pool blocks.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_container_node_pool", "google_container_cluster"},
	Remediation:   "Remove auto_upgrade = false from the management block; schedule upgrades with maintenance windows.",
	RemediationCode: `resource "google_container_node_pool" "default" {
  # ...
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}`,
	Links: []string{
		nodePoolDocs + "#auto_upgrade",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_10"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0058"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "default", "") + gkeHCL("google_container_node_pool", "on", `management {
  auto_upgrade = true
}`)}, {Code: removedPoolHCL("", `management {
  auto_upgrade = false
}`), NotApplicable: []string{"google_container_cluster.removed_inline"}}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "frozen", `management {
  auto_upgrade = false
}`) + gkeHCL("google_container_cluster", "inline", `node_pool {
  name = "inline"
  management {
    auto_upgrade = false
  }
}`) + keptPoolHCL(`management {
  auto_upgrade = false
}`),
			Fails: []string{"google_container_node_pool.frozen", "google_container_cluster.inline", "google_container_cluster.kept"}}}
		return good, bad
	},
	Check: managementCheck("auto_upgrade", "nodes keep running versions with known vulnerabilities"),
}

var gkeNodeAutoRepair = &scanner.Rule{
	ID:    "google-gke-node-auto-repair",
	Title: "GKE node pools repair unhealthy nodes automatically",
	Description: "Auto-repair recreates nodes that fail health checks; without it, a broken node keeps its workloads " +
		"down until someone notices. A1.1 expects capacity maintained to meet availability commitments. " +
		"management.auto_repair is on by default; only an explicit false fails.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.1", Secondary: []string{"CC7.5"}},
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"google_container_node_pool", "google_container_cluster"},
	Remediation:   "Remove auto_repair = false from the management block.",
	RemediationCode: `resource "google_container_node_pool" "default" {
  # ...
  management {
    auto_repair = true
  }
}`,
	Links: []string{
		nodePoolDocs + "#auto_repair",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_9"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0063"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "default", "")}, {Code: removedPoolHCL("", `management {
  auto_repair = false
}`), NotApplicable: []string{"google_container_cluster.removed_inline"}}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "manual", `management {
  auto_repair = false
}`) + keptPoolHCL(`management {
  auto_repair = false
}`),
			Fails: []string{"google_container_node_pool.manual", "google_container_cluster.kept"}}}
		return good, bad
	},
	Check: managementCheck("auto_repair", "failed nodes are not replaced"),
}

// clusterSwitch builds the check of a cluster argument that must not be
// false (or must be true, with def false), passing Autopilot clusters when
// Google manages the setting.
func clusterSwitch(arg string, def, managed bool, msg string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if managed && autopilot(r) == scanner.Yes {
			return scanner.Passed()
		}
		return scanner.RequireTrueOr(r.Attr(arg), def, msg)
	}
}

var gkeShieldedNodes = &scanner.Rule{
	ID:    "google-gke-shielded-nodes",
	Title: "GKE clusters keep Shielded GKE Nodes on",
	Description: "Shielded GKE Nodes give nodes a verifiable identity and integrity, so that an attacker who steals a " +
		"node's bootstrap credentials cannot impersonate a node and receive the cluster's secrets. CC6.8 expects " +
		"controls against unauthorised software; CC6.1 against impersonation. enable_shielded_nodes is on by default; " +
		"only an explicit false fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.8", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Remove enable_shielded_nodes = false.",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  enable_shielded_nodes = true
}`,
	Links: []string{
		clusterDocs + "#enable_shielded_nodes",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_71"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0055"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "default", "")}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "off", "enable_shielded_nodes = false"),
			Fails: []string{"google_container_cluster.off"}}}
		return good, bad
	},
	Check: clusterSwitch("enable_shielded_nodes", true, true, "enable_shielded_nodes is false: stolen node credentials can impersonate a node"),
}

var gkeNetworkPolicy = &scanner.Rule{
	ID:    "google-gke-network-policy",
	Title: "GKE clusters enforce Kubernetes network policies",
	Description: "Without network policy enforcement every pod can reach every other pod, and NetworkPolicy objects are " +
		"silently ignored: one compromised pod reaches every database in the cluster. CC6.6 expects segmentation. " +
		"Enforcement comes from network_policy { enabled = true } (Calico) or Dataplane V2 (datapath_provider = " +
		"ADVANCED_DATAPATH); Autopilot clusters always enforce.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   `Set datapath_provider = "ADVANCED_DATAPATH" (new clusters) or network_policy { enabled = true } with addons_config.network_policy_config.`,
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  datapath_provider = "ADVANCED_DATAPATH"
}`,
	Links: []string{
		clusterDocs + "#network_policy",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_12"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0056"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "dpv2", `datapath_provider = "ADVANCED_DATAPATH"`) +
			gkeHCL("google_container_cluster", "calico", `network_policy {
  enabled = true
}`) + gkeHCL("google_container_cluster", "autopilot", "enable_autopilot = true")}}
		bad = []scanner.Example{{Code: `
variable "dp" {
  type = string
}
` + gkeHCL("google_container_cluster", "flat", "") + gkeHCL("google_container_cluster", "unknown", "datapath_provider = var.dp"),
			Fails:    []string{"google_container_cluster.flat"},
			Unknowns: []string{"google_container_cluster.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		dp := r.Attr("datapath_provider")
		if autopilot(r) == scanner.Yes || dp.Equals("ADVANCED_DATAPATH") {
			return scanner.Passed()
		}
		np, dynamic := r.Follow("network_policy")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "network_policy is not known until apply")
		case np != nil && np.Attr("enabled").IsTrue():
			return scanner.Passed()
		case dp.IsUnknown():
			return scanner.Unknowable(dp.Range, "datapath_provider is not known until apply")
		case np != nil && np.Attr("enabled").IsUnknown():
			return scanner.Unknowable(np.Attr("enabled").Range, "network_policy.enabled is not known until apply")
		}
		return scanner.Failed(r.Range, "neither network_policy nor Dataplane V2 is enabled: NetworkPolicy objects are not enforced")
	},
}

var gkeLegacyMetadataEndpoints = &scanner.Rule{
	ID:    "google-gke-legacy-metadata-endpoints-disabled",
	Title: "GKE nodes keep the legacy metadata endpoints disabled",
	Description: "The legacy v0.1 and v1beta1 metadata endpoints answer without the Metadata-Flavor header, so a " +
		"server-side request forgery in any pod can read the node's credentials and kube-env. CC6.1 expects credentials " +
		"protected. GKE disables them by default; the rule fails node_config.metadata disable-legacy-endpoints = \"false\".",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"google_container_cluster", "google_container_node_pool"},
	Remediation:   `Remove disable-legacy-endpoints = "false" from node_config.metadata.`,
	RemediationCode: `resource "google_container_node_pool" "default" {
  # ...
  node_config {
    metadata = {
      disable-legacy-endpoints = "true"
    }
  }
}`,
	Links: []string{
		nodePoolDocs + "#metadata",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata",
	},
	References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0048"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "default", `node_config {
  metadata = {
    disable-legacy-endpoints = "true"
  }
}`)}, {Code: removedPoolHCL(`node_config {
  metadata = {
    disable-legacy-endpoints = "false"
  }
}`, `node_config {
  metadata = {
    disable-legacy-endpoints = "false"
  }
}`), NotApplicable: []string{"google_container_cluster.removed", "google_container_cluster.removed_inline"}}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "legacy", `node_config {
  metadata = {
    disable-legacy-endpoints = "false"
  }
}`) + gkeHCL("google_container_cluster", "default_pool", `node_config {
  metadata = {
    disable-legacy-endpoints = "false"
  }
}`) + keptPoolHCL(`node_config {
  metadata = {
    disable-legacy-endpoints = "false"
  }
}`),
			Fails: []string{"google_container_node_pool.legacy", "google_container_cluster.default_pool", "google_container_cluster.kept"}}}
		return good, bad
	},
	Check: nodeCheck(true, func(cfg *scanner.Block) scanner.Result {
		md := cfg.Attr("metadata")
		v := md.Index("disable-legacy-endpoints")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(md.Range, "the metadata's disable-legacy-endpoints is not known until apply")
		case (metadataEntry{Value: v.StringOr("")}).isFalse():
			return scanner.Failed(md.Range, "disable-legacy-endpoints is %q: pods can read node credentials without the Metadata-Flavor header", v.StringOr(""))
		}
		return scanner.Passed()
	}),
}

// masterAuth returns a cluster's master_auth block, or nil.
func masterAuth(r *scanner.Resource) (*scanner.Block, scanner.Result, bool) {
	m, dynamic := r.Follow("master_auth")
	if dynamic != "" {
		return nil, scanner.Unknowable(r.Range, "master_auth is not known until apply"), true
	}
	if m == nil {
		return nil, scanner.Passed(), true
	}
	return m, scanner.Result{}, false
}

var gkeNoClientCertificate = &scanner.Rule{
	ID:    "google-gke-no-client-certificate",
	Title: "GKE clusters do not issue a client certificate",
	Description: "A client certificate issued at creation authenticates as a cluster administrator, cannot be revoked " +
		"short of rotating the cluster's CA, and is stored in Terraform state. CC6.2 expects credentials issued to " +
		"registered users and removed when no longer needed; use IAM and kubectl with gcloud credentials instead.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.2", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Set master_auth.client_certificate_config.issue_client_certificate = false (recreates the cluster).",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }
}`,
	Links: []string{
		clusterDocs + "#issue_client_certificate",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_13"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0064"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "default", "")}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "cert", `master_auth {
  client_certificate_config {
    issue_client_certificate = true
  }
}`), Fails: []string{"google_container_cluster.cert"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		m, res, decided := masterAuth(r)
		if decided {
			return res
		}
		c, dynamic := m.Follow("client_certificate_config")
		switch {
		case dynamic != "":
			return scanner.Unknowable(m.Range, "client_certificate_config is not known until apply")
		case c == nil:
			return scanner.Passed()
		}
		return scanner.RequireFalseOr(c.Attr("issue_client_certificate"), false, "issue_client_certificate is true: a non-revocable admin certificate is issued and kept in state")
	},
}

var gkeNoBasicAuth = &scanner.Rule{
	ID:    "google-gke-no-basic-auth",
	Title: "GKE clusters do not use basic authentication",
	Description: "A static username and password for the Kubernetes API grants administrator access, is kept in " +
		"Terraform state, and bypasses IAM and its audit trail. CC6.1 expects authentication through managed " +
		"identities. GKE removed basic authentication in 1.19; a master_auth username or password still fails.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Remove username and password from master_auth.",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }
}`,
	Links: []string{
		clusterDocs + "#master_auth",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_19"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0064"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "default", `master_auth {
  username = ""
  password = ""
}`)}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "basic", `master_auth {
  username = "admin"
  password = "correct-horse-battery-staple"
}`), Fails: []string{"google_container_cluster.basic"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		m, res, decided := masterAuth(r)
		if decided {
			return res
		}
		res = checkBasicAuth(m)
		if res.Status.IsProblem() {
			// The password is written in the block the excerpt shows:
			// name it for the engine to redact.
			if v := m.Attr("password"); v.IsKnown() {
				if s, ok := v.AsString(); ok && strings.TrimSpace(s) != "" {
					res = res.WithSecrets(scanner.Secret{Text: s, Range: v.Range})
				}
			}
		}
		return res
	},
}

// checkBasicAuth is google-gke-no-basic-auth's check of a master_auth
// block, but for the password its result names.
func checkBasicAuth(m *scanner.Block) scanner.Result {
	for _, arg := range []string{"username", "password"} {
		v := m.Attr(arg)
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "master_auth.%s is not known until apply", arg)
		}
		if s, ok := v.AsString(); ok && s != "" {
			return scanner.Failed(v.Range, "master_auth.%s is set: the API server accepts a static password", arg)
		}
	}
	return scanner.Passed()
}

var gkeReleaseChannel = &scanner.Rule{
	ID:    "google-gke-release-channel",
	Title: "GKE clusters are enrolled in a release channel",
	Description: "A cluster enrolled in a release channel receives security patches and version upgrades as Google " +
		"qualifies them; with channel UNSPECIFIED, upgrades depend on someone remembering them. CC7.1 expects " +
		"vulnerabilities remediated; CC8.1 expects changes managed. A cluster without a release_channel block is " +
		"enrolled in REGULAR by GKE, so only an explicit UNSPECIFIED fails.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   `Set release_channel { channel = "REGULAR" } (or STABLE / RAPID).`,
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  release_channel {
    channel = "REGULAR"
  }
}`,
	Links: []string{
		clusterDocs + "#release_channel",
		"https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_70"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "regular", `release_channel {
  channel = "REGULAR"
}`)}}
		bad = []scanner.Example{{Code: `
variable "channel" {
  type = string
}
` + gkeHCL("google_container_cluster", "static", `release_channel {
  channel = "UNSPECIFIED"
}`) + gkeHCL("google_container_cluster", "unknown", `release_channel {
  channel = var.channel
}`),
			Fails:    []string{"google_container_cluster.static"},
			Unknowns: []string{"google_container_cluster.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		rc, dynamic := r.Follow("release_channel")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "release_channel is not known until apply")
		case rc == nil:
			return scanner.Passed()
		}
		ch := rc.Attr("channel")
		switch {
		case ch.IsUnknown():
			return scanner.Unknowable(ch.Range, "release_channel.channel is not known until apply")
		case ch.Equals("UNSPECIFIED"):
			return scanner.Failed(ch.Range, "release_channel.channel is UNSPECIFIED: the cluster is upgraded only by hand")
		}
		return scanner.Passed()
	},
}

var gkeLogging = &scanner.Rule{
	ID:    "google-gke-logging-enabled",
	Title: "GKE clusters send logs to Cloud Logging",
	Description: "logging_service = \"none\" stops system and workload logs " +
		"(including the Kubernetes audit trail of workloads) from reaching Cloud Logging. CC7.2 expects system " +
		"components monitored.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   `Remove logging_service = "none" (the default is logging.googleapis.com/kubernetes).`,
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS"]
  }
}`,
	Links: []string{
		clusterDocs + "#logging_service",
		"https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_1"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0060"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "default", "")}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "none", `logging_service = "none"`),
			Fails: []string{"google_container_cluster.none"}}}
		return good, bad
	},
	Check: serviceOffCheck("logging_service", "logs are not collected"),
}

var gkeMonitoring = &scanner.Rule{
	ID:    "google-gke-monitoring-enabled",
	Title: "GKE clusters send metrics to Cloud Monitoring",
	Description: "monitoring_service = \"none\" stops system metrics from " +
		"reaching Cloud Monitoring, so that capacity problems and anomalies go unnoticed. CC7.2 expects system " +
		"components monitored; A1.1 expects capacity monitored.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"A1.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   `Remove monitoring_service = "none" (the default is monitoring.googleapis.com/kubernetes).`,
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  monitoring_config {
    enable_components = ["SYSTEM_COMPONENTS"]
  }
}`,
	Links: []string{
		clusterDocs + "#monitoring_service",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/configure-metrics",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_8"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0052"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "default", "")}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "none", `monitoring_service = "none"`),
			Fails: []string{"google_container_cluster.none"}}}
		return good, bad
	},
	Check: serviceOffCheck("monitoring_service", "metrics are not collected"),
}

// serviceOffCheck fails a cluster whose service argument is "none". An
// empty enable_components list in the matching config block is not judged:
// the provider and GKE read it as the default configuration.
func serviceOffCheck(service, what string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		s := r.Attr(service)
		switch {
		case s.Equals("none"):
			return scanner.Failed(s.Range, "%s is \"none\": %s", service, what)
		case s.IsUnknown():
			return scanner.Unknowable(s.Range, "%s is not known until apply", service)
		}
		return scanner.Passed()
	}
}

var gkeSecretsEncryption = &scanner.Rule{
	ID:    "google-gke-secrets-encryption",
	Title: "GKE clusters encrypt Kubernetes secrets with a Cloud KMS key",
	Description: "Application-layer secrets encryption wraps the keys that encrypt Secrets in etcd with a Cloud KMS key, " +
		"so that a copy of etcd (a backup, a disk snapshot) does not expose them and access can be revoked with the key. " +
		"CC6.1 expects credentials and keys protected. The rule wants database_encryption { state = \"ENCRYPTED\" } " +
		"with a key_name.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Add database_encryption { state = \"ENCRYPTED\", key_name = <Cloud KMS key> } and grant the GKE service agent access to the key.",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  database_encryption {
    state    = "ENCRYPTED"
    key_name = google_kms_crypto_key.gke_secrets.id
  }
}`,
	Links: []string{
		clusterDocs + "#database_encryption",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "encrypted", `database_encryption {
  state    = "ENCRYPTED"
  key_name = `+exampleKey+`
}`)}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "plain", "") + gkeHCL("google_container_cluster", "decrypted", `database_encryption {
  state = "DECRYPTED"
}`), Fails: []string{"google_container_cluster.plain", "google_container_cluster.decrypted"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		d, dynamic := r.Follow("database_encryption")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "database_encryption is not known until apply")
		case d == nil:
			return scanner.Failed(r.Range, "no database_encryption: Secrets in etcd are protected only by Google-managed keys")
		}
		state := d.Attr("state")
		switch {
		case state.IsUnknown():
			return scanner.Unknowable(state.Range, "database_encryption.state is not known until apply")
		case state.Equals("ENCRYPTED"):
			return scanner.Passed()
		}
		return scanner.Failed(attrRange(state, d.Range), "database_encryption.state is %s: Secrets in etcd are protected only by Google-managed keys", state.StringOr("unset"))
	},
}

var gkeNodeServiceAccount = &scanner.Rule{
	ID:    "google-gke-node-no-default-service-account",
	Title: "GKE nodes do not run as the Compute Engine default service account",
	Description: "Nodes without a service_account run as the Compute Engine default service account, often an Editor " +
		"of the project, and without Workload Identity every pod can use its token. CC6.3 expects access granted by " +
		"need: give nodes a dedicated account with roles/container.defaultNodeServiceAccount. For Autopilot clusters " +
		"the account comes from cluster_autoscaling.auto_provisioning_defaults.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_container_cluster", "google_container_node_pool"},
	Remediation:   "Set node_config.service_account to a dedicated, minimally privileged service account.",
	RemediationCode: `resource "google_container_node_pool" "default" {
  # ...
  node_config {
    service_account = google_service_account.gke_nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}`,
	Links: []string{
		nodePoolDocs + "#service_account",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa",
	},
	References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0050"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "google_service_account" "nodes" {
  account_id = "gke-nodes"
}
` + gkeHCL("google_container_node_pool", "created", `node_config {
  service_account = google_service_account.nodes.email
}`) + gkeHCL("google_container_node_pool", "own", `node_config {
  service_account = "gke-nodes@acme.iam.gserviceaccount.com"
}`)}, {Code: removedPoolHCL("node_config {}", "node_config {}"), NotApplicable: []string{"google_container_cluster.removed", "google_container_cluster.removed_inline"}}}
		bad = []scanner.Example{{Code: `
variable "sa" {
  type = string
}
` + gkeHCL("google_container_node_pool", "default", "") + gkeHCL("google_container_cluster", "autopilot", "enable_autopilot = true") +
			gkeHCL("google_container_node_pool", "unknown", `node_config {
  service_account = var.sa
}`),
			Fails:    []string{"google_container_node_pool.default", "google_container_cluster.autopilot"},
			Unknowns: []string{"google_container_node_pool.unknown"},
		}, {
			Code:  keptPoolHCL(""),
			Fails: []string{"google_container_cluster.kept"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if autopilot(r) == scanner.Yes {
			d, dynamic := r.Follow("cluster_autoscaling", "auto_provisioning_defaults")
			if dynamic != "" {
				return scanner.Unknowable(r.Range, "cluster_autoscaling is not known until apply")
			}
			if d == nil {
				d = scanner.NewBlock("auto_provisioning_defaults", r.Range)
			}
			return nodeSA(d)
		}
		return nodeCheck(false, nodeSA)(r, ctx)
	},
}

// nodeSA fails a node configuration that runs as the default service account.
func nodeSA(cfg *scanner.Block) scanner.Result {
	sa := cfg.Attr("service_account")
	switch usesDefaultSA(sa) {
	case scanner.Maybe:
		return scanner.Unknowable(sa.Range, "service_account is not known until apply")
	case scanner.Yes:
		return scanner.Failed(attrRange(sa, cfg.Range), "the nodes run as the Compute Engine default service account")
	}
	return scanner.Passed()
}

var gkeNodeSecureBoot = &scanner.Rule{
	ID:    "google-gke-node-secure-boot",
	Title: "GKE nodes boot with Secure Boot",
	Description: "Secure Boot on Shielded GKE Nodes refuses unsigned bootloaders and kernel modules, so that a rootkit " +
		"cannot persist on a node. CC6.8 expects controls against unauthorised software. It is off unless " +
		"node_config.shielded_instance_config.enable_secure_boot = true; Autopilot nodes always have it.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.8", Secondary: []string{"CC7.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_container_cluster", "google_container_node_pool"},
	Remediation:   "Add node_config { shielded_instance_config { enable_secure_boot = true } } (recreates the nodes).",
	RemediationCode: `resource "google_container_node_pool" "default" {
  # ...
  node_config {
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }
}`,
	Links: []string{
		nodePoolDocs + "#shielded_instance_config",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#secure_boot",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_68"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "secure", `node_config {
  shielded_instance_config {
    enable_secure_boot = true
  }
}`) + gkeHCL("google_container_cluster", "autopilot", "enable_autopilot = true")}, {Code: removedPoolHCL(`node_config {
  shielded_instance_config {
    enable_secure_boot = false
  }
}`, `node_config {
  shielded_instance_config {
    enable_secure_boot = false
  }
}`), NotApplicable: []string{"google_container_cluster.removed", "google_container_cluster.removed_inline"}}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "plain", "") + keptPoolHCL(""),
			Fails: []string{"google_container_node_pool.plain", "google_container_cluster.kept"}}}
		return good, bad
	},
	Check: nodeCheck(true, func(cfg *scanner.Block) scanner.Result {
		s, dynamic := cfg.Follow("shielded_instance_config")
		if dynamic != "" {
			return scanner.Unknowable(cfg.Range, "shielded_instance_config is not known until apply")
		}
		v := scanner.Value{Name: "enable_secure_boot", Range: cfg.Range}
		if s != nil {
			v = s.Attr("enable_secure_boot")
		}
		return scanner.RequireTrue(v, "Secure Boot is off on the nodes: unsigned kernel modules can load")
	}),
}

var gkeNodeBootDiskCMEK = &scanner.Rule{
	ID:            "google-gke-node-boot-disk-cmek",
	Title:         "GKE node boot disks are encrypted with a customer-managed key",
	Description:   cmekDescription + "Node boot disks hold container images, logs and emptyDir volumes; node_config.boot_disk_kms_key sets their key.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_container_cluster", "google_container_node_pool"},
	Remediation:   "Set node_config.boot_disk_kms_key (recreates the nodes) and grant the Compute Engine service agent access to the key.",
	RemediationCode: `resource "google_container_node_pool" "default" {
  # ...
  node_config {
    boot_disk_kms_key = google_kms_crypto_key.gke_disks.id
  }
}`,
	Links: []string{
		nodePoolDocs + "#boot_disk_kms_key",
		"https://cloud.google.com/kubernetes-engine/docs/how-to/using-cmek",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "keyed", `node_config {
  boot_disk_kms_key = `+exampleKey+`
}`)}, {Code: removedPoolHCL("node_config {}", "node_config {}"), NotApplicable: []string{"google_container_cluster.removed", "google_container_cluster.removed_inline"}}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_node_pool", "plain", "") + keptPoolHCL(""),
			Fails: []string{"google_container_node_pool.plain", "google_container_cluster.kept"}}, {Code: gkeHCL("google_container_node_pool", "plain", "") + `
# An input variable with no default may be given null: no key.
variable "disk_key" {
  type = string
}

resource "google_container_node_pool" "from_var" {
  name     = "from-var"
  cluster  = "main"
  location = "europe-west1"
  node_config {
    boot_disk_kms_key = var.disk_key
  }
}`, Fails: []string{"google_container_node_pool.plain"}, Unknowns: []string{"google_container_node_pool.from_var"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if autopilot(r) == scanner.Yes {
			d, dynamic := r.Follow("cluster_autoscaling", "auto_provisioning_defaults")
			switch {
			case dynamic != "":
				return scanner.Unknowable(r.Range, "cluster_autoscaling is not known until apply")
			case d == nil:
				return scanner.Failed(r.Range, "the Autopilot nodes' boot disks are encrypted only with a Google-managed key")
			}
			return scanner.RequireSet(d.Attr("boot_disk_kms_key"), "the Autopilot nodes' boot disks are encrypted only with a Google-managed key")
		}
		return nodeCheck(false, func(cfg *scanner.Block) scanner.Result {
			return scanner.RequireSet(cfg.Attr("boot_disk_kms_key"), "the nodes' boot disks are encrypted only with a Google-managed key: boot_disk_kms_key is not set")
		})(r, ctx)
	},
}

var gkeRegional = &scanner.Rule{
	ID:    "google-gke-regional-cluster",
	Title: "GKE clusters are regional",
	Description: "A zonal cluster has one control plane replica in one zone: a zone outage or a control plane upgrade " +
		"leaves the cluster unmanageable and, with single-zone node pools, down. A regional cluster replicates the " +
		"control plane across three zones. A1.2 expects recovery infrastructure designed for availability. The rule " +
		"reads location (a region such as europe-west1, or a zone such as europe-west1-b).",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1"}},
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Set location to a region (recreates the cluster).",
	RemediationCode: `resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"
}`,
	Links: []string{
		clusterDocs + "#location",
		"https://cloud.google.com/kubernetes-engine/docs/concepts/regional-clusters",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "regional", "")}}
		bad = []scanner.Example{{Code: `
variable "location" {
  type = string
}

resource "google_container_cluster" "zonal" {
  name     = "zonal"
  location = "europe-west1-b"
}

resource "google_container_cluster" "unknown" {
  name     = "unknown"
  location = var.location
}`,
			Fails:    []string{"google_container_cluster.zonal"},
			Unknowns: []string{"google_container_cluster.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		loc := r.Attr("location")
		if loc.IsNull() {
			loc = r.Attr("zone")
		}
		switch {
		case loc.IsUnknown():
			return scanner.Unknowable(loc.Range, "location is not known until apply")
		case !loc.IsSet():
			return scanner.Unknowable(r.Range, "location is null: the cluster's location comes from the provider configuration")
		}
		s := loc.StringOr("")
		if strings.Count(s, "-") >= 2 {
			return scanner.Failed(loc.Range, "location %q is a zone: the control plane has a single replica", s)
		}
		return scanner.Passed()
	},
}

var gkeDeletionProtection = &scanner.Rule{
	ID:    "google-gke-deletion-protection",
	Title: "GKE clusters keep Terraform deletion protection on",
	Description: "deletion_protection (true by default since google provider 5.0) makes terraform destroy and replacing " +
		"changes fail instead of deleting the cluster with its workloads and persistent volumes. A1.2 expects " +
		"infrastructure protected from accidental loss; only an explicit false fails.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"google_container_cluster"},
	Remediation:   "Remove deletion_protection = false (set it to false only in the change that deletes the cluster).",
	RemediationCode: `resource "google_container_cluster" "main" {
  # ...
  deletion_protection = true
}`,
	Links: []string{clusterDocs + "#deletion_protection"},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: gkeHCL("google_container_cluster", "default", "")}}
		bad = []scanner.Example{{Code: gkeHCL("google_container_cluster", "off", "deletion_protection = false"),
			Fails: []string{"google_container_cluster.off"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("deletion_protection"), true, "deletion_protection is false: a destroy or replacing change deletes the cluster")
	},
}
