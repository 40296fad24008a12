package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// activityLogCategories are the subscription activity log categories the
// CIS Azure benchmark asks a diagnostic setting to export.
var activityLogCategories = []string{"Administrative", "Security", "Policy", "Alert"}

var subscriptionActivityLogExport = &scanner.Rule{
	ID:    "azure-monitor-subscription-activity-log-exported",
	Title: "Subscriptions created here export their activity log with a diagnostic setting",
	Description: "The activity log records every control-plane change, security alert and policy decision in a " +
		"subscription, and Azure keeps it only 90 days; a diagnostic setting on the subscription exports it to Log " +
		"Analytics, storage or Event Hubs for investigation and audits. CC7.2 expects security events logged and kept " +
		"(CIS Azure benchmark 5.1.1 and 5.1.2). The rule anchors on each azurerm_subscription this configuration " +
		"creates (a configuration that only uses existing subscriptions, through the provider or a data source, is not " +
		"judged), as the Google rules on projects do, and passes when an azurerm_monitor_diagnostic_setting or an azapi " +
		"Microsoft.Insights/diagnosticSettings child targets the subscription and enables every category of " +
		"required_categories (Administrative, Security, Policy and Alert by default). A setting whose target, " +
		"categories, count or for_each is only known after apply leaves the subscription unknown.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "CC4.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_subscription"},
	Params: []scanner.Param{{
		Name:        "required_categories",
		Description: "Activity log categories the subscription's diagnostic setting must enable (CIS Azure 5.1.2).",
		Default:     activityLogCategories,
	}},
	Remediation: "Add an azurerm_monitor_diagnostic_setting whose target_resource_id is the subscription and that enables the Administrative, Security, Policy and Alert categories.",
	RemediationCode: `resource "azurerm_monitor_diagnostic_setting" "activity" {
  name                       = "activity-log"
  target_resource_id         = "/subscriptions/${azurerm_subscription.main.subscription_id}"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category = "Administrative"
  }
  enabled_log {
    category = "Security"
  }
  enabled_log {
    category = "Policy"
  }
  enabled_log {
    category = "Alert"
  }
}`,
	Links: []string{
		azurermDocs + "monitor_diagnostic_setting",
		"https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log#send-to-log-analytics-workspace",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "monitor_diagnostic_settings_exists"},
		{Tool: scanner.ToolProwler, ID: "monitor_diagnostic_setting_with_appropriate_categories"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
` + subscriptionHCL("app", "app") + `

` + activityLogSettingHCL("activity", "app", `"Administrative"`, `"Security"`, `"Policy"`, `"Alert"`) + `

` + subscriptionHCL("azapi", "data") + `

resource "azapi_resource" "activity" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = "/subscriptions/${azurerm_subscription.azapi.subscription_id}"
  name      = "activity-log"
  body = {
    properties = {
      workspaceId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
      logs = [
        { category = "Administrative", enabled = true },
        { category = "Security", enabled = true },
        { category = "Policy", enabled = true },
        { category = "Alert", enabled = true },
      ]
    }
  }
}`}, {Code: `
` + subscriptionHCL("admin_only", "app") + `

` + activityLogSettingHCL("admin_only", "admin_only", `"Administrative"`), Params: map[string]any{"required_categories": []string{"Administrative"}}}}
		bad = []scanner.Example{{Code: `
variable "category" {
  type = string
}

` + subscriptionHCL("bare", "bare") + `

` + subscriptionHCL("partial", "partial") + `

` + activityLogSettingHCL("partial", "partial", `"Administrative"`, `"Security"`) + `

` + subscriptionHCL("unknown", "unknown") + `

` + activityLogSettingHCL("unknown", "unknown", `"Administrative"`, `"Security"`, `"Policy"`, `var.category`),
			Fails:    []string{"azurerm_subscription.bare", "azurerm_subscription.partial"},
			Unknowns: []string{"azurerm_subscription.unknown"},
			Expect: map[string]scanner.Expected{
				"azurerm_subscription.bare":    {Line: 6, Message: "no diagnostic setting targets the subscription"},
				"azurerm_subscription.partial": {Message: "Policy, Alert"},
			},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		want := ctx.Strings("required_categories")
		// fewest is what the most complete setting leaves out, for the
		// failure to name: diagnosticLogging judges every setting before
		// it fails, so it is noted here rather than found by a second walk.
		var fewest []string
		judged := false
		res, decided, found := diagnosticLogging(ctx, r, func(s *scanner.Resource) scanner.Tri {
			missing, answer := missingCategories(s, want)
			if !judged || len(missing) < len(fewest) {
				fewest, judged = missing, true
			}
			if len(missing) == 0 {
				return scanner.Yes
			}
			return answer
		}, "the activity log")
		switch {
		case decided:
			return res
		case found == 0:
			return scanner.Failed(r.Range, "no diagnostic setting targets the subscription: its activity log is kept only 90 days, in the subscription itself")
		}
		return scanner.Failed(r.Range, "the subscription's diagnostic settings do not export the activity log categories %s", strings.Join(fewest, ", "))
	},
}

// missingCategories returns the categories of want that a diagnostic
// setting does not enable, in the enabled_log (v3.x+) or log (v2–v3)
// syntax, and No, or Maybe when a block it has is only known after apply
// and may enable them.
func missingCategories(s *scanner.Resource, want []string) (missing []string, answer scanner.Tri) {
	answer = scanner.TriOf(false, s.BlocksUnknown("enabled_log") || s.BlocksUnknown("log"))
	enabled := map[string]bool{}
	for _, b := range s.Blocks("enabled_log") {
		if b.Attr("category").IsUnknown() {
			answer = scanner.Maybe
		}
		enabled[strings.ToLower(b.Attr("category").StringOr(""))] = true
	}
	for _, b := range s.Blocks("log") {
		switch on := b.Attr("enabled").BoolOr(true); {
		case on == scanner.Maybe || b.Attr("category").IsUnknown():
			answer = scanner.Maybe
		case on == scanner.Yes:
			enabled[strings.ToLower(b.Attr("category").StringOr(""))] = true
		}
	}
	for _, c := range want {
		if !enabled[strings.ToLower(c)] {
			missing = append(missing, c)
		}
	}
	return missing, answer
}

// subscriptionHCL is an example's azurerm_subscription labelled label and
// named name.
func subscriptionHCL(label, name string) string {
	return `resource "azurerm_subscription" "` + label + `" {
  subscription_name = "` + name + `"
  billing_scope_id  = "/providers/Microsoft.Billing/billingAccounts/0000/enrollmentAccounts/1111"
}`
}

// activityLogSettingHCL is an example's diagnostic setting labelled label
// that exports the activity log of the subscription labelled sub, with an
// enabled_log block for each category (an HCL expression).
func activityLogSettingHCL(label, sub string, categories ...string) string {
	code := `resource "azurerm_monitor_diagnostic_setting" "` + label + `" {
  name                       = "activity-log"
  target_resource_id         = "/subscriptions/${azurerm_subscription.` + sub + `.subscription_id}"
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"

`
	for _, c := range categories {
		code += "  enabled_log {\n    category = " + c + "\n  }\n"
	}
	return code + "}"
}
