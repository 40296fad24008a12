package loader

import (
	"bytes"
	"encoding/json"
)

// isPlanJSON reports whether data is a plan rendered by `terraform show
// -json`: a JSON object with format_version and planned values or resource
// changes.
func isPlanJSON(data []byte) bool {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	var probe struct {
		FormatVersion   *json.RawMessage `json:"format_version"`
		PlannedValues   *json.RawMessage `json:"planned_values"`
		ResourceChanges *json.RawMessage `json:"resource_changes"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return false
	}
	return probe.FormatVersion != nil && (probe.PlannedValues != nil || probe.ResourceChanges != nil)
}

// loadPlan reads the resources of a plan.
func loadPlan(name string, data []byte, res *Result) {
}
