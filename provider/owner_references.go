package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An owner id written as a literal ("alice@example.com") rather than as a
// reference keeps a control planning after its soc2_control_owner is
// removed: Terraform only stops a plan for a reference to a resource that
// no longer exists. The inventory command would report the dangling owner
// later; these warn at plan time, on whichever of the two is planned
// second (see declarations.useOwner).

// warnRemovedOwner records that referrer names owner id at attribute at,
// and warns there when the plan removes that owner.
func warnRemovedOwner(d *declarations, at path.Path, id types.String, referrer string, diags *diag.Diagnostics) {
	if d == nil || !isKnown(id) {
		return
	}
	if d.useOwner(id.ValueString(), referrer) {
		diags.AddAttributeWarning(at, "Owner removed",
			fmt.Sprintf("%s names owner %q, whose soc2_control_owner this plan removes, so the inventory would list an owner "+
				"who is no longer declared. Keep the owner, or point %s at another soc2_control_owner (by reference, "+
				"such as soc2_control_owner.security_lead.id, so that Terraform catches the next removal).",
				wordingCapital(referrer), id.ValueString(), at))
	}
}

// removedOwnerID returns the id of the owner that a plan removes: the owner
// itself when it is destroyed, or its old id when its e-mail changes; "" when
// the plan keeps it.
func removedOwnerID(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) string {
	if req.State.Raw.IsNull() {
		return ""
	}
	var old types.String
	diags.Append(req.State.GetAttribute(ctx, path.Root("email"), &old)...)
	if !isKnown(old) {
		return ""
	}
	if !req.Plan.Raw.IsNull() {
		var planned types.String
		diags.Append(req.Plan.GetAttribute(ctx, path.Root("email"), &planned)...)
		if planned.IsUnknown() || strings.EqualFold(planned.ValueString(), old.ValueString()) {
			return ""
		}
	}
	return old.ValueString()
}

// warnOwnerStillReferenced warns when the plan removes an owner that
// resources planned before it still name.
func warnOwnerStillReferenced(d *declarations, id string, diags *diag.Diagnostics) {
	if d == nil || id == "" {
		return
	}
	if referrers := d.removeOwner(id); referrers != nil {
		diags.AddWarning("Owner removed while still referenced",
			fmt.Sprintf("This plan removes soc2_control_owner %q, but %s still name it, so the inventory would list an owner "+
				"who is no longer declared. Keep the owner, or point them at another soc2_control_owner.",
				id, strings.Join(referrers, ", ")))
	}
}

// wordingCapital capitalises the first letter of a referrer for the start
// of a sentence.
func wordingCapital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
