package provider

// The allowed values of the provider's enumerations, in the order they are
// documented and listed in error messages. The spellings are the contract:
// evidence sources follow the taxonomy in the project's TSC reference.
// Control statuses, frequencies, control types and automation levels are
// the inventory's (inventory.ControlStatuses, inventory.Frequencies,
// inventory.ControlTypes, inventory.AutomationLevels), which reads them
// back from state and checks them on import.

var collectionMethods = []string{"automated", "manual"}

// evidenceSources is where evidence is pulled from; the 22 systems auditors
// commonly sample, as listed in the project's TSC reference (§4).
var evidenceSources = []string{
	"identity_provider",
	"hr_system_records",
	"security_policy_library",
	"risk_assessment_document",
	"version_control_git",
	"cloud_provider_console",
	"vulnerability_scanner",
	"penetration_test_report",
	"siem_log_management",
	"endpoint_management",
	"incident_records",
	"vendor_documentation",
	"bcp_drp_backup_tests",
	"governance_org_documentation",
	"customer_facing_documentation",
	"deficiency_issue_tracking",
	"asset_data_management",
	"secure_development_lifecycle",
	"service_account_management",
	"privacy_documentation",
	"physical_security",
	"llm_provider_console",
}

// without returns values minus the given one, for messages that list the
// alternatives to a value.
func without(values []string, drop string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != drop {
			out = append(out, v)
		}
	}
	return out
}
