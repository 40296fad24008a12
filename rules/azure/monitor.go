package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var logRetentionParam = scanner.Param{
	Name:        "min_retention_days",
	Description: "Minimum number of days logs must be kept.",
	Default:     365,
	Min:         1,
}

var activityLogRetention = &scanner.Rule{
	ID:    "azure-monitor-activity-log-retention",
	Title: "Activity log profiles keep the activity log for at least a year",
	Description: "The activity log records every control-plane change in the subscription; breaches are often found months " +
		"later, and investigations need the record from before. CC7.2 expects logs retained long enough to detect and " +
		"analyse events (365 days is the common bar: CIS, Prowler, Azure Policy). A log profile's retention_policy with " +
		"enabled = true and days between 1 and the minimum deletes events too early; days = 0 or a disabled policy keep " +
		"them indefinitely. azurerm_monitor_log_profile is deprecated in favour of diagnostic settings but still common.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "C1.2"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_monitor_log_profile"},
	Params:        []scanner.Param{logRetentionParam},
	Remediation:   "Set retention_policy { enabled = true, days = 365 } (or days = 0 to keep events indefinitely), or export the activity log with a diagnostic setting to a Log Analytics workspace that keeps data for 365 days.",
	RemediationCode: `resource "azurerm_monitor_log_profile" "main" {
  # ...
  retention_policy {
    enabled = true
    days    = 365
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_log_profile",
		"https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_37"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0031"},
		{Tool: scanner.ToolTfsec, ID: "azure-monitor-activity-log-retention-set"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_monitor_log_profile" "year" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "global"]
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmelogs"

  retention_policy {
    enabled = true
    days    = 365
  }
}

resource "azurerm_monitor_log_profile" "forever" {
  name               = "forever"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "global"]
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmelogs"

  retention_policy {
    enabled = true
    days    = 0
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "days" {
  type = number
}

resource "azurerm_monitor_log_profile" "short" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "global"]
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmelogs"

  retention_policy {
    enabled = true
    days    = 90
  }
}

resource "azurerm_monitor_log_profile" "unknown" {
  name               = "other"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "global"]
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmelogs"

  retention_policy {
    enabled = true
    days    = var.days
  }
}`,
		Fails:    []string{"azurerm_monitor_log_profile.short"},
		Unknowns: []string{"azurerm_monitor_log_profile.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("retention_policy") {
			return scanner.Unknowable(r.Range, "retention_policy is not known until apply")
		}
		policy := r.FirstBlock("retention_policy")
		if policy == nil {
			// The block is required by the provider; without it Azure
			// applies no retention, so events are kept.
			return scanner.Passed()
		}
		enabled := policy.Attr("enabled")
		switch {
		case enabled.IsUnknown():
			return scanner.Unknowable(enabled.Range, "retention_policy.enabled is not known until apply")
		case !enabled.IsTrue():
			return scanner.Passed()
		}
		minimum := ctx.Int("min_retention_days")
		days := policy.Attr("days")
		got, enough := days.IntAtLeast(0, minimum)
		switch {
		case enough == scanner.Maybe:
			return scanner.Unknowable(days.Range, "retention_policy.days is not known until apply")
		case enough == scanner.Yes, got == 0:
			return scanner.Passed()
		}
		return scanner.Failed(days.Range, "the activity log is deleted after %d days, fewer than the required %d", got, minimum)
	},
}

var logAnalyticsRetention = &scanner.Rule{
	ID:    "azure-monitor-log-analytics-retention",
	Title: "Log Analytics workspaces keep logs for at least a year",
	Description: "Log Analytics is where Azure activity logs, resource logs and security alerts usually land; a workspace " +
		"keeps data for retention_in_days, 30 by default. Investigations of breaches found months later need older " +
		"records. CC7.2 expects logs retained long enough to detect and analyse events; 365 days is the common bar.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "C1.2"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_log_analytics_workspace"},
	Params:        []scanner.Param{logRetentionParam},
	Remediation:   "Set retention_in_days = 365 (up to 730), or archive older data with table-level total retention.",
	RemediationCode: `resource "azurerm_log_analytics_workspace" "main" {
  # ...
  sku               = "PerGB2018"
  retention_in_days = 365
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/log_analytics_workspace#retention_in_days",
		"https://learn.microsoft.com/en-us/azure/azure-monitor/logs/data-retention-configure",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_log_analytics_workspace" "year" {
  name                = "acme-logs"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "PerGB2018"
  retention_in_days   = 365
}`}, {Code: `
resource "azurerm_log_analytics_workspace" "quarter" {
  name                = "acme-logs"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "PerGB2018"
  retention_in_days   = 90
}`, Params: map[string]any{"min_retention_days": 90}}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_log_analytics_workspace" "default" {
  name                = "acme-logs"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "PerGB2018"
}

resource "azurerm_log_analytics_workspace" "quarter" {
  name                = "acme-logs-2"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "PerGB2018"
  retention_in_days   = 90
}`, Fails: []string{"azurerm_log_analytics_workspace.default", "azurerm_log_analytics_workspace.quarter"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		minimum := ctx.Int("min_retention_days")
		v := r.Attr("retention_in_days")
		got, enough := v.IntAtLeast(30, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "retention_in_days is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		if v.IsNull() {
			return scanner.Failed(v.Range, "retention_in_days is not set and defaults to 30: logs are deleted before the required %d days", minimum)
		}
		return scanner.Failed(v.Range, "logs are kept for %d days, fewer than the required %d", got, minimum)
	},
}
