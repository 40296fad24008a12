// Package inventory is the SOC 2 control inventory that the provider keeps
// in Terraform state: its resources (controls, their owners and evidence
// requirements), control statuses, evidence frequencies and due dates, and
// the report of it that `terraform-provider-soc2 inventory` writes from
// `terraform show -json`.
//
// The provider writes state with these rules and the report reads state
// back with the same ones, so the two can only disagree when state is
// stale. The package does not import the provider; the provider imports it.
package inventory

// ProviderAddress is the provider's source address in the registry, whose
// resources make up the inventory.
const ProviderAddress = "registry.terraform.io/soc2-as-code/soc2"

// The resource types that hold the inventory.
const (
	TypeControl  = "soc2_control"
	TypeOwner    = "soc2_control_owner"
	TypeEvidence = "soc2_evidence_requirement"
)

// Control implementation statuses (the OSCAL implementation-status states).
const (
	StatusImplemented   = "implemented"
	StatusPartial       = "partial"
	StatusPlanned       = "planned"
	StatusAlternative   = "alternative"
	StatusNotApplicable = "not-applicable"
)

// ControlStatuses returns every control status in the order the provider
// documents them and lists them in messages.
func ControlStatuses() []string {
	return []string{StatusImplemented, StatusPartial, StatusPlanned, StatusAlternative, StatusNotApplicable}
}

// Covers reports whether a control in status meets its criteria: an
// alternative implementation meets them as well as the usual one, a partial
// one counts too.
func Covers(status string) bool {
	switch status {
	case StatusImplemented, StatusPartial, StatusAlternative:
		return true
	}
	return false
}
