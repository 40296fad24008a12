package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// instanceTypes are the resources that describe a VM: instances and the
// templates that managed instance groups create them from.
var instanceTypes = []string{
	"google_compute_instance",
	"google_compute_instance_template",
	"google_compute_region_instance_template",
}

// projectMetadataTypes set metadata for every instance of a project.
var projectMetadataTypes = []string{"google_compute_project_metadata", "google_compute_project_metadata_item"}

// metadataEntry is one metadata key as an instance or project sets it.
type metadataEntry struct {
	// Set is false when the key is absent (the metadata is known and lacks
	// it); Value is then empty.
	Set bool
	// Unknown is set when the metadata, or the key's value, is only known
	// after apply.
	Unknown bool
	Value   string
	Range   scanner.Range
}

// metadataKey reads key from the metadata map of an instance, a template or
// google_compute_project_metadata, or from a google_compute_project_metadata_item
// whose key it is (another item's key leaves it unset).
func metadataKey(r *scanner.Resource, key string) metadataEntry {
	if r.Type == "google_compute_project_metadata_item" {
		k, v := r.Attr("key"), r.Attr("value")
		switch {
		case k.IsUnknown():
			return metadataEntry{Unknown: true, Range: k.Range}
		case !strings.EqualFold(k.StringOr(""), key):
			return metadataEntry{Range: r.Range}
		case v.IsUnknown():
			return metadataEntry{Set: true, Unknown: true, Range: v.Range}
		}
		return metadataEntry{Set: true, Value: v.StringOr(""), Range: v.Range}
	}
	md := r.Attr("metadata")
	if md.IsNull() {
		return metadataEntry{Range: r.Range}
	}
	e := md.Index(key)
	switch {
	case !e.Present:
		return metadataEntry{Range: md.Range}
	case e.IsUnknown():
		return metadataEntry{Set: true, Unknown: true, Range: md.Range}
	}
	s, _ := e.AsString()
	return metadataEntry{Set: true, Value: s, Range: md.Range}
}

// isTrue reads a metadata flag as Compute Engine does: TRUE, true, 1 or yes.
func (e metadataEntry) isTrue() bool {
	switch strings.ToLower(strings.TrimSpace(e.Value)) {
	case "true", "1", "yes", "y":
		return true
	}
	return false
}

// isFalse reads a metadata flag that is explicitly switched off.
func (e metadataEntry) isFalse() bool {
	switch strings.ToLower(strings.TrimSpace(e.Value)) {
	case "false", "0", "no", "n":
		return true
	}
	return false
}

// defaultComputeSA reports whether a service account email names the
// Compute Engine default service account.
func defaultComputeSA(email string) bool {
	return strings.HasSuffix(strings.ToLower(strings.TrimSpace(email)), "-compute@developer.gserviceaccount.com")
}

// usesDefaultSA answers whether a service_account block (of an instance,
// a template or a GKE node_config) runs as the Compute Engine default
// service account: Yes when its email is unset, null or the default's,
// Maybe when the email is only known after apply, unless it comes from a
// google_service_account of the configuration (a dedicated account whose
// email Google assigns on creation).
func usesDefaultSA(email scanner.Value) scanner.Tri {
	if email.IsNull() {
		return scanner.Yes
	}
	if email.IsUnknown() {
		for _, ref := range email.Refs {
			if refType(ref) == "google_service_account" {
				return scanner.No
			}
		}
		return scanner.Maybe
	}
	s := email.StringOr("")
	return scanner.TriOf(s == "" || strings.EqualFold(s, "default") || defaultComputeSA(s), false)
}

// cloudPlatformScope reports whether a scope list grants every Cloud API.
func cloudPlatformScope(scopes []string) bool {
	for _, s := range scopes {
		switch strings.TrimSpace(s) {
		case "cloud-platform", "https://www.googleapis.com/auth/cloud-platform":
			return true
		}
	}
	return false
}

// refType returns the resource type of a resource address such as
// module.a.google_service_account.b[0].
func refType(address string) string {
	parts := strings.Split(scanner.BaseAddress(address), ".")
	if len(parts) < 2 {
		return ""
	}
	return parts[len(parts)-2]
}
