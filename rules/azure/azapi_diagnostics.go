package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// A diagnostic setting written with azapi is a child of the resource it
// logs: an azapi_resource of type Microsoft.Insights/diagnosticSettings
// whose parent_id refers to that resource. properties.logs lists
// { category, categoryGroup, enabled } entries, as azurerm's log blocks
// do (categoryGroup came with 2021-05-01-preview, the newest version).
const armDiagnosticSettings = "Microsoft.Insights/diagnosticSettings"

// diagnosticSettingsOldest is the first API version read: 2017-05-01-preview
// already had properties.logs with category and enabled.
const diagnosticSettingsOldest, diagnosticSettingsNewest = "2017-05-01", "2021-05-01"

// diagnosticSettingsOf returns the diagnostic settings that target r: the
// azurerm_monitor_diagnostic_setting resources whose target_resource_id
// refers to it, and the azapi diagnostic settings whose parent_id does,
// each presented as an azurerm_monitor_diagnostic_setting with a log
// block per properties.logs entry. An azapi setting of an API version
// not read, or whose logs are only known after apply, has its log blocks
// unknown.
func diagnosticSettingsOf(ctx *scanner.Context, r *scanner.Resource) []*scanner.Resource {
	found := referrersOf(ctx, r, "azurerm_monitor_diagnostic_setting", "target_resource_id")
	for _, res := range referrersOf(ctx, r, azapiResource, "parent_id") {
		name, version, ok := strings.Cut(res.Attr("type").KnownPrefix(), "@")
		if !ok || !strings.EqualFold(name, armDiagnosticSettings) {
			continue
		}
		found = append(found, presentDiagnosticSetting(res, version))
	}
	return found
}

// presentDiagnosticSetting presents an azapi diagnostic setting as
// azurerm's.
func presentDiagnosticSetting(res *scanner.Resource, version string) *scanner.Resource {
	blk := scanner.NewBlock(res.Block.Type, res.Range)
	body, err := azapiBody(res.Attr("body"))
	date := strings.TrimSuffix(version, "-preview")
	logs := body.Index("properties").Index("logs")
	rng := body.PartRange("properties", "logs")
	switch {
	case err != nil, res.Attr("type").IsUnknown(), date < diagnosticSettingsOldest, date > diagnosticSettingsNewest, logs.IsUnknown():
		blk.MarkBlocksUnknown("log")
	case logs.Present && !logs.IsNull() && logs.Val.CanIterateElements():
		for i := range logs.Val.LengthInt() {
			entry := logs.Index(i)
			if entry.IsUnknown() {
				blk.MarkBlocksUnknown("log")
				continue
			}
			log := scanner.NewBlock("log", rng)
			for attr, key := range map[string]string{"category": "category", "category_group": "categoryGroup", "enabled": "enabled"} {
				if v := entry.Index(key); v.Present {
					v.Range = rng
					log.SetAttr(attr, v)
				}
			}
			blk.AddBlock(log)
		}
	}
	copied := *res
	copied.Type = "azurerm_monitor_diagnostic_setting"
	copied.Block = blk
	return &copied
}
