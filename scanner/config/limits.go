package config

import (
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// limits reads max_instances and max_total_instances, the bounds on how
// many resource and module instances a scan expands.
func (p *parser) limits(content *hcl.BodyContent) {
	if a := content.Attributes["max_instances"]; a != nil {
		p.cfg.MaxInstances, _ = p.positiveInt(a)
	}
	if a := content.Attributes["max_total_instances"]; a != nil {
		p.cfg.MaxTotalInstances, _ = p.positiveInt(a)
	}
}

// maxLimit is the largest limit accepted: far beyond what a scan can hold
// in memory, and within an int on every platform.
const maxLimit = 1 << 30

// positiveInt reads a whole number from 1 to maxLimit.
func (p *parser) positiveInt(a *hcl.Attribute) (int, bool) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		p.diags = append(p.diags, diags...)
		return 0, false
	}
	if v.Type() == cty.Number && v.IsKnown() && !v.IsNull() {
		bf := v.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact && i >= 1 && i <= maxLimit {
			return int(i), true
		}
	}
	p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a whole number from 1 to %d", a.Name, maxLimit)
	return 0, false
}
