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

// settingLogs judges whether one diagnostic setting sends the logs a rule
// asks for: Yes, No, or Maybe when that is only known after apply.
type settingLogs func(setting *scanner.Resource) scanner.Tri

// anySetting is the settingLogs of a rule for which any diagnostic setting
// will do: each can send every category of its target.
func anySetting(*scanner.Resource) scanner.Tri { return scanner.Yes }

// diagnosticLogging decides whether the diagnostic settings that target r
// (diagnosticSettingsOf) send the logs that logs looks for, described by
// what ("the HTTP logs"). It passes when a setting that surely exists
// sends them. A setting whose count or for_each, or that of a module call
// it was reached through, is only known after apply may not exist: when it
// is the one that sends them, r is unknown rather than passed, as it is
// when whether a setting sends them is only known after apply, or when a
// setting's target is only known after apply and may be r. Otherwise
// decided is false, and found is how many settings target r (none of which
// sends the logs) for the caller's failure to say.
func diagnosticLogging(ctx *scanner.Context, r *scanner.Resource, logs settingLogs, what string) (res scanner.Result, decided bool, found int) {
	settings := diagnosticSettingsOf(ctx, r)
	var unknown *scanner.Result
	for _, d := range settings {
		switch sends := logs(d); {
		case sends == scanner.Yes && !d.MayNotExist:
			return scanner.Passed(), true, len(settings)
		case unknown != nil:
		case sends == scanner.Yes:
			u := scanner.Unknowable(d.Range, "%s may send %s, but its count or for_each is only known after apply: it may not exist",
				d.Address, what)
			unknown = &u
		case sends == scanner.Maybe:
			u := scanner.Unknowable(d.Range, "whether %s sends %s is not known until apply", d.Address, what)
			unknown = &u
		}
	}
	if unknown != nil {
		return *unknown, true, len(settings)
	}
	if res, decided := undecidedLink(ctx, r, "azurerm_monitor_diagnostic_setting", "target_resource_id"); decided {
		return res, true, len(settings)
	}
	return scanner.Result{}, false, len(settings)
}
