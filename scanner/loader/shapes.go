package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// computedShape is what the provider guarantees of an attribute it
// computes: its start, from the resource's own arguments (prefix; ok is
// false when the arguments it needs are not known), and its end.
type computedShape struct {
	prefix func(attrs map[string]cty.Value) (prefix string, ok bool)
	suffix string
}

// computedShapes lists, by resource type and attribute, computed
// attributes whose start the provider guarantees. Only what the provider
// always produces belongs here: an attribute listed is unknown but not
// null, and known to start with the prefix, so that a comparison such as
// `email == ""` decides and a template built from it keeps a known start;
// knownSuffix gives a reference to it its suffix, which cty cannot carry.
var computedShapes = map[string]map[string]computedShape{
	// A service account the configuration creates is
	// <account_id>@<project>.iam.gserviceaccount.com; member is
	// "serviceAccount:" and that email.
	"google_service_account": {
		"email":  {prefix: accountIDPrefix(""), suffix: ".iam.gserviceaccount.com"},
		"member": {prefix: accountIDPrefix("serviceAccount:"), suffix: ".iam.gserviceaccount.com"},
	},
}

// selfLinkTypes are the Compute Engine resources whose self_link is the
// URL the API returns for the resource once created: never empty, and an
// https URL whatever the universe or endpoint. Modules test it for
// emptiness (`length(format("%s%s", var.network, var.subnetwork)) == 0`)
// to choose between their own settings and a template's.
var selfLinkTypes = []string{
	"google_compute_address",
	"google_compute_disk",
	"google_compute_firewall",
	"google_compute_global_address",
	"google_compute_image",
	"google_compute_instance",
	"google_compute_instance_template",
	"google_compute_network",
	"google_compute_region_instance_template",
	"google_compute_router",
	"google_compute_snapshot",
	"google_compute_subnetwork",
}

func init() {
	for _, typ := range selfLinkTypes {
		if computedShapes[typ] == nil {
			computedShapes[typ] = map[string]computedShape{}
		}
		computedShapes[typ]["self_link"] = computedShape{prefix: fixedPrefix("https://")}
	}
}

// fixedPrefix is the shape of an attribute that always starts with lead.
func fixedPrefix(lead string) func(map[string]cty.Value) (string, bool) {
	return func(map[string]cty.Value) (string, bool) { return lead, true }
}

// accountIDPrefix is the shape of an attribute that starts with lead, the
// resource's account_id and "@".
func accountIDPrefix(lead string) func(map[string]cty.Value) (string, bool) {
	return func(attrs map[string]cty.Value) (string, bool) {
		id, ok := attrs["account_id"]
		if !ok || id == cty.NilVal || !id.IsKnown() || id.IsNull() || id.IsMarked() || !id.Type().Equals(cty.String) || id.AsString() == "" {
			return "", false
		}
		return lead + id.AsString() + "@", true
	}
}

// shapeComputed refines, in attrs, the unknown computed attributes of a
// resource of type typ whose shape computedShapes knows. An attribute the
// configuration writes is left as written.
func shapeComputed(typ string, attrs map[string]cty.Value) {
	for name, shape := range computedShapes[typ] {
		v, ok := attrs[name]
		if !ok || v != cty.DynamicVal {
			continue
		}
		prefix, ok := shape.prefix(attrs)
		if !ok {
			attrs[name] = cty.UnknownVal(cty.String).RefineNotNull()
			continue
		}
		attrs[name] = cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull(prefix).NewValue()
	}
}

// computedSuffix returns the text the attribute a traversal reads
// (google_service_account.ci.email, also through an instance key) is known
// to end with, "" when computedShapes knows none.
func computedSuffix(tr hcl.Traversal) string {
	if len(tr) < 3 {
		return ""
	}
	typ, name := tr.RootName(), attrAt(tr, 1)
	attr := ""
	switch step := tr[2].(type) {
	case hcl.TraverseAttr:
		if len(tr) == 3 {
			attr = step.Name
		}
	case hcl.TraverseIndex:
		if len(tr) == 4 {
			attr = attrAt(tr, 3)
		}
	}
	if name == "" || attr == "" {
		return ""
	}
	return computedShapes[typ][attr].suffix
}
