package azure

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// builtInRoleIDs are the GUIDs of the built-in roles that a role
// assignment may name by role_definition_id instead of by name.
var builtInRoleIDs = map[string]string{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
}

// broadScope matches the scopes above a resource group: the root, a
// management group, or a whole subscription.
var broadScope = lazyre.New(`(?i)^(/|/providers/microsoft\.management/managementgroups/[^/]+|/subscriptions/[^/]+)/?$`)

// scopeIsBroad answers whether a role assignment's scope is a subscription
// or management group. A scope only known after apply is first read by
// its written shape: Yes when it is a subscription id around one unknown
// piece or nothing but a subscription or management group data source's
// id (broadSkeleton), No when its text names a resource group. Otherwise
// it is decided by its known prefix, or No when every resource it is
// built from is a resource below a subscription (a scope built from a
// resource's id is that resource or something inside it), and Maybe
// otherwise.
func scopeIsBroad(v scanner.Value, ctx *scanner.Context) scanner.Tri {
	if s, ok := v.AsString(); ok {
		return scanner.TriOf(broadScope().MatchString(strings.TrimSpace(s)), false)
	}
	if !v.IsUnknown() {
		return scanner.No
	}
	if broadSkeleton(v) {
		return scanner.Yes
	}
	if belowSubscriptionSkeleton().MatchString(v.Skeleton()) {
		return scanner.No
	}
	if broad, decided := scopeFromPrefix(v.KnownPrefix()); decided {
		return broad
	}
	if len(v.Refs) == 0 {
		return scanner.Maybe
	}
	for _, ref := range v.Refs {
		parts := strings.Split(scanner.BaseAddress(ref), ".")
		if len(parts) < 2 {
			return scanner.Maybe
		}
		typ := parts[len(parts)-2]
		if typ == azapiResource && (len(parts) < 3 || parts[len(parts)-3] != "data") {
			if !azapiBelowSubscription(ref, ctx) {
				return scanner.Maybe
			}
			continue
		}
		if !strings.HasPrefix(typ, "azurerm_") || slices.Contains(broadScopeTypes, typ) {
			return scanner.Maybe
		}
	}
	return scanner.No
}

// subscriptionSkeleton matches a scope written as a subscription's id
// around one unknown piece: "/subscriptions/${var.subscription_id}" or
// "/subscriptions/${data.azurerm_client_config.current.subscription_id}".
// The piece is the subscription's GUID: a scope that goes on below the
// subscription writes its "/resourceGroups/" after it.
var subscriptionSkeleton = lazyre.New(`(?i)^/subscriptions/\x00/?$`)

// belowSubscriptionSkeleton matches a scope whose written text names a
// resource group, whatever its unknown pieces: such a scope is that group
// or something inside it
// ("/subscriptions/${var.subscription_id}/resourceGroups/${var.rg}").
var belowSubscriptionSkeleton = lazyre.New(`(?i)/resourcegroups/[^/]`)

// wholeScopeTypes are the data sources whose id is a subscription or
// management group id, so that a scope that is nothing but a reference to
// one (data.azurerm_subscription.current.id) is broad.
var wholeScopeTypes = []string{"azurerm_subscription", "azurerm_management_group"}

// broadSkeleton reports whether a scope only known after apply is,
// whatever its unknown piece, a whole subscription or management group:
// a subscription id built around one unknown piece, or nothing but a
// reference to a subscription or management group data source. The
// scope's Skeleton tells these from a path that goes on below them
// ("${data.azurerm_subscription.x.id}/resourceGroups/${var.rg}"), which a
// known prefix and suffix alone do not.
func broadSkeleton(v scanner.Value) bool {
	switch {
	case subscriptionSkeleton().MatchString(v.Skeleton()):
		return true
	case v.Skeleton() != scanner.UnknownMark || len(v.Refs) != 1:
		return false
	}
	parts := strings.Split(scanner.BaseAddress(v.Refs[0]), ".")
	n := len(parts)
	return n >= 3 && parts[n-3] == "data" && slices.Contains(wholeScopeTypes, parts[n-2])
}

// broadARMTypes are the ARM types, as azapi writes them, whose id is a
// subscription or management group scope.
var broadARMTypes = []string{"microsoft.management/managementgroups", "microsoft.subscription/aliases", "microsoft.resources/subscriptions"}

// azapiBelowSubscription reports whether every azapi_resource the
// reference names is of an ARM type known before apply that lies below a
// subscription (a resource group, an account), as an azurerm resource of
// the configuration does.
func azapiBelowSubscription(ref string, ctx *scanner.Context) bool {
	if ctx == nil || ctx.Index == nil {
		return false
	}
	found := ctx.Index.Resolve(scanner.Value{Refs: []string{ref}})
	for _, r := range found {
		name, _, ok := strings.Cut(r.Attr("type").KnownPrefix(), "@")
		if !ok || slices.Contains(broadARMTypes, strings.ToLower(name)) {
			return false
		}
	}
	return len(found) > 0
}

// mgScopePrefix and belowSubscription read a scope only partly known
// before apply by the part written before its first unknown piece.
var (
	mgScopePrefix     = "/providers/microsoft.management/managementgroups/"
	belowSubscription = lazyre.New(`(?i)^/subscriptions/[^/]+/[^/]`)
)

// scopeFromPrefix decides a scope from its known prefix: a management
// group's id ("/providers/Microsoft.Management/managementGroups/${var.mg}")
// is broad, since nothing a role can be assigned on is nested below it,
// and a path that goes on past a subscription's segment
// ("/subscriptions/0000/resourceGroups/${var.rg}") is not. Anything else
// ("/subscriptions/${var.sub}", whose unknown part may or may not hold a
// resource group) is left undecided.
func scopeFromPrefix(prefix string) (broad scanner.Tri, decided bool) {
	lower := strings.ToLower(prefix)
	switch {
	case strings.HasPrefix(lower, mgScopePrefix):
		return scanner.Yes, true
	case belowSubscription().MatchString(prefix):
		return scanner.No, true
	}
	return scanner.Maybe, false
}

// roleIDSuffix reads the role definition GUID a role definition id ends
// with, after its last "/".
var roleIDSuffix = lazyre.New(`/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`)

// broadScopeTypes are the resources and data sources whose id is a
// subscription or management group scope, or may be.
var broadScopeTypes = []string{"azurerm_subscription", "azurerm_subscriptions", "azurerm_management_group", "azurerm_subscription_alias"}

// assignedRole names the privileged role an assignment grants, "" when it
// is another role; unknown is set when the role is only known after apply.
func assignedRole(r *scanner.Resource, privileged []string) (role string, unknown bool) {
	if name := r.Attr("role_definition_name"); name.IsSet() {
		s, ok := name.AsString()
		if !ok {
			return "", true
		}
		for _, p := range privileged {
			if strings.EqualFold(s, p) {
				return p, false
			}
		}
		return "", false
	}
	id := r.Attr("role_definition_id")
	s, ok := id.AsString()
	if !ok {
		// An id only known after apply is still read by its known end:
		// "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/<guid>".
		m := roleIDSuffix().FindStringSubmatch(id.KnownSuffix())
		if !id.IsUnknown() || m == nil {
			return "", id.IsUnknown()
		}
		s = m[1]
	}
	guid := strings.ToLower(s[strings.LastIndexByte(s, '/')+1:])
	if n, found := builtInRoleIDs[guid]; found && slices.ContainsFunc(privileged, func(p string) bool { return strings.EqualFold(p, n) }) {
		return n, false
	}
	return "", false
}

var roleAssignmentPrivilegedBroadScope = &scanner.Rule{
	ID:    "azure-iam-no-privileged-role-at-broad-scope",
	Title: "Owner, Contributor and User Access Administrator are not assigned on whole subscriptions or management groups",
	Description: "Owner and Contributor on a subscription or management group let one principal change or delete " +
		"every resource below it, and Owner and User Access Administrator let it grant itself or others any access. " +
		"A compromised pipeline identity or user with such an assignment compromises the whole estate. CC6.3 expects " +
		"access granted by least privilege. The rule fails assignments of the roles in privileged_roles (by name or " +
		"built-in role ID) whose scope is the root, a management group or a subscription. A scope only known after " +
		"apply that is nothing but a subscription or management group data source's id (data.azurerm_subscription.current.id) " +
		"or a subscription id around one unknown piece (\"/subscriptions/${var.subscription_id}\", " +
		"\"/subscriptions/${data.azurerm_client_config.current.subscription_id}\") fails; one whose text names a resource " +
		"group (\"${data.azurerm_subscription.current.id}/resourceGroups/${var.rg}\") passes. Another scope " +
		"that is only known after apply passes when it is built only from ids of resources below a subscription (an " +
		"account, a resource group), and is reported unknown otherwise, since a subscription's id and a resource " +
		"group built from it look alike before apply. A scope only partly known is read by its known beginning: " +
		"\"/providers/Microsoft.Management/managementGroups/${var.mg}\" is a management group, and " +
		"\"/subscriptions/<id>/resourceGroups/${var.rg}\" lies below a subscription. A role definition id only known after " +
		"apply is read by its known end (\"${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/" +
		"roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635\" is Owner). Assign narrower roles, " +
		"at resource group or resource scope, or use Privileged Identity Management for just-in-time elevation.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC6.2"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"azurerm_role_assignment"},
	Params: []scanner.Param{{
		Name:        "privileged_roles",
		Description: "Role names that must not be assigned at subscription or management group scope.",
		Default:     []string{"Owner", "Contributor", "User Access Administrator"},
	}},
	Remediation: "Assign a narrower built-in or custom role at resource group or resource scope, or make the assignment eligible through PIM rather than permanent.",
	RemediationCode: `resource "azurerm_role_assignment" "deployer" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Website Contributor"
  principal_id         = azurerm_user_assigned_identity.deployer.principal_id
}`,
	Links: []string{
		azurermDocs + "role_assignment",
		"https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-privileged-administrator-role-assignments",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_role_assignment" "rg_contributor" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app"
  role_definition_name = "Contributor"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

data "azurerm_subscription" "current" {}

resource "azurerm_role_assignment" "reader" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Reader"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_storage_account" "data" {
  name = "acmedata"
}

resource "azurerm_role_assignment" "on_account" {
  scope                = azurerm_storage_account.data.id
  role_definition_name = "Contributor"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

variable "resource_group" {
  type = string
}

resource "azurerm_role_assignment" "reader_by_suffix" {
  scope              = data.azurerm_subscription.current.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
  principal_id       = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "rg_below_data" {
  scope                = "${data.azurerm_subscription.current.id}/resourceGroups/${var.resource_group}"
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

variable "subscription_id" {
  type = string
}

resource "azurerm_role_assignment" "rg_both_from_var" {
  scope                = "/subscriptions/${var.subscription_id}/resourceGroups/${var.resource_group}"
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "rg_from_var" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${var.resource_group}"
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}`}},
	Bad: []scanner.Example{{Code: `
data "azurerm_subscription" "current" {}

variable "scope" {
  type = string
}

resource "azurerm_role_assignment" "owner" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "uaa_mg" {
  scope              = "/providers/Microsoft.Management/managementGroups/platform"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
  principal_id       = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "from_data" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "unknown" {
  scope                = var.scope
  role_definition_name = "Contributor"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

variable "management_group" {
  type = string
}

variable "role_definition_id" {
  type = string
}

resource "azurerm_role_assignment" "mg_from_var" {
  scope                = "/providers/Microsoft.Management/managementGroups/${var.management_group}"
  role_definition_name = "Contributor"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "role_from_var" {
  scope              = "/providers/Microsoft.Management/managementGroups/platform"
  role_definition_id = var.role_definition_id
  principal_id       = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "both_from_var" {
  scope              = var.scope
  role_definition_id = var.role_definition_id
  principal_id       = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "owner_by_suffix" {
  scope              = "/providers/Microsoft.Management/managementGroups/platform"
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = "11111111-1111-1111-1111-111111111111"
}

variable "subscription_id" {
  type = string
}

data "azurerm_client_config" "current" {}

resource "azurerm_role_assignment" "sub_from_var" {
  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_role_assignment" "sub_from_client_config" {
  scope                = "/subscriptions/${data.azurerm_client_config.current.subscription_id}/"
  role_definition_name = "User Access Administrator"
  principal_id         = data.azurerm_client_config.current.object_id
}

locals {
  subscription_scope = data.azurerm_subscription.current.id
}

resource "azurerm_role_assignment" "from_local" {
  scope                = local.subscription_scope
  role_definition_name = "Contributor"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}`,
		Fails: []string{"azurerm_role_assignment.owner", "azurerm_role_assignment.uaa_mg", "azurerm_role_assignment.mg_from_var",
			"azurerm_role_assignment.owner_by_suffix", "azurerm_role_assignment.from_data", "azurerm_role_assignment.sub_from_var",
			"azurerm_role_assignment.sub_from_client_config", "azurerm_role_assignment.from_local"},
		Unknowns: []string{"azurerm_role_assignment.unknown",
			"azurerm_role_assignment.role_from_var", "azurerm_role_assignment.both_from_var"},
		Expect: map[string]scanner.Expected{
			"azurerm_role_assignment.uaa_mg":                 {Line: 15, Message: "User Access Administrator"},
			"azurerm_role_assignment.mg_from_var":            {Message: "Contributor is assigned"},
			"azurerm_role_assignment.role_from_var":          {Message: "role is not known until apply, and the scope is a whole subscription or management group"},
			"azurerm_role_assignment.both_from_var":          {Message: "neither the role nor the scope"},
			"azurerm_role_assignment.owner_by_suffix":        {Message: "Owner is assigned"},
			"azurerm_role_assignment.from_data":              {Message: "Owner is assigned"},
			"azurerm_role_assignment.sub_from_client_config": {Message: "User Access Administrator is assigned"},
		},
	}, {Code: `
variable "extra_roles" {
  type = list(string)
}

locals {
  # Contributor, known in the configuration, and roles only known at apply.
  policy_roles = distinct(flatten([
    ["/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"],
    var.extra_roles,
  ]))
}

resource "azurerm_role_assignment" "for_policy" {
  for_each           = toset(local.policy_roles)
  scope              = "/providers/Microsoft.Management/managementGroups/landing-zones"
  role_definition_id = each.value
  principal_id       = "11111111-1111-1111-1111-111111111111"
}`,
		Fails:    []string{`azurerm_role_assignment.for_policy["/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"]`},
		Unknowns: []string{"azurerm_role_assignment.for_policy[(known after apply #1)]"},
		Expect: map[string]scanner.Expected{
			`azurerm_role_assignment.for_policy["/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"]`: {Message: "Contributor is assigned"},
		},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		role, roleUnknown := assignedRole(r, ctx.Strings("privileged_roles"))
		scope := r.Attr("scope")
		broad := scopeIsBroad(scope, ctx)
		switch {
		case broad == scanner.No, role == "" && !roleUnknown:
			return scanner.Passed()
		case broad == scanner.Maybe && roleUnknown:
			return scanner.Unknowable(scope.Range, "neither the role nor the scope is known until apply: a privileged role may be assigned on a whole subscription")
		case broad == scanner.Maybe:
			return scanner.Unknowable(scope.Range, "scope is not known until apply: %s may be assigned on a whole subscription", role)
		case roleUnknown:
			return scanner.Unknowable(r.Range, "the assigned role is not known until apply, and the scope is a whole subscription or management group")
		}
		return scanner.Failed(scope.Range, "%s is assigned on a whole subscription or management group: the principal controls everything below it", role)
	},
}

var customRoleWildcardActions = &scanner.Rule{
	ID:    "azure-iam-custom-role-no-wildcard-actions",
	Title: "Custom roles do not grant every action",
	Description: "A custom role whose actions (or data_actions) include \"*\" grants every operation of every resource " +
		"provider, the same power as Owner under another name, and grows silently as Azure adds operations. CC6.3 " +
		"expects access granted by least privilege. The rule fails an azurerm_role_definition whose permissions list " +
		"\"*\" in actions or data_actions; provider-level wildcards such as Microsoft.Storage/* are left to review.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"azurerm_role_definition"},
	Remediation:   "List the operations the role needs instead of \"*\", or use a built-in role.",
	RemediationCode: `resource "azurerm_role_definition" "deployer" {
  name  = "app-deployer"
  scope = azurerm_resource_group.app.id
  permissions {
    actions = [
      "Microsoft.Web/sites/read",
      "Microsoft.Web/sites/restart/action",
    ]
  }
}`,
	Links: []string{
		azurermDocs + "role_definition",
		"https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_39"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_role_definition" "reader" {
  name  = "app-reader"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  permissions {
    actions = ["Microsoft.Web/sites/read"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "actions" {
  type = list(string)
}

resource "azurerm_role_definition" "god" {
  name  = "everything"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  permissions {
    actions     = ["*"]
    not_actions = []
  }
}

resource "azurerm_role_definition" "almost_owner" {
  name  = "subscription-owner"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  permissions {
    actions     = ["*"]
    not_actions = ["Microsoft.Authorization/*/write"]
  }
}

resource "azurerm_role_definition" "unknown" {
  name  = "maybe"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  permissions {
    actions = var.actions
  }
}`,
		Fails:    []string{"azurerm_role_definition.god", "azurerm_role_definition.almost_owner"},
		Unknowns: []string{"azurerm_role_definition.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_role_definition.god":          {Line: 10, Message: `actions include "*": the role grants every operation`},
			"azurerm_role_definition.almost_owner": {Message: "every operation but those in not_actions"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("permissions") {
			return scanner.Unknowable(r.Range, "the permissions blocks are not known until apply")
		}
		var unknown *scanner.Value
		for _, p := range r.Blocks("permissions") {
			for _, name := range []string{"actions", "data_actions"} {
				v := p.Attr(name)
				items, incomplete := v.KnownStrings()
				if slices.Contains(items, "*") {
					not := p.Attr("not_" + name)
					if excluded, _ := not.KnownStrings(); len(excluded) > 0 || not.IsUnknown() {
						return scanner.Failed(v.Range, "%s include \"*\": the role grants every operation but those in not_%s, and every one Azure adds later", name, name)
					}
					return scanner.Failed(v.Range, "%s include \"*\": the role grants every operation", name)
				}
				if incomplete && unknown == nil {
					unknown = &v
				}
			}
		}
		if unknown != nil {
			return scanner.Unknowable(unknown.Range, "%s are not known until apply", unknown.Name)
		}
		return scanner.Passed()
	},
}
