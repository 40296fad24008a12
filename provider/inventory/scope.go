package inventory

import (
	"fmt"
	"slices"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// TypeScope is the resource type that records the organization's audit
// scope in state.
const TypeScope = "soc2_scope"

// Scope is the organization's audit scope as the inventory records it: a
// soc2_scope resource or, in a configuration read before apply, the
// provider block.
type Scope struct {
	// Address is the soc2_scope resource's address, or "provider.soc2".
	Address string
	// Categories are the Trust Services Categories in scope, in catalogue
	// order, security always included; nil when unknown.
	Categories []tsc.Category
	// WindowStart and WindowEnd bound the Type II observation window; ""
	// when unset.
	WindowStart, WindowEnd string
}

// Scope returns the scope the inventory records, nil when none. With more
// than one soc2_scope resource, the first by address is used and the report
// warns about the others.
func (inv *Inventory) Scope() *Scope {
	if len(inv.scopes) == 0 {
		return nil
	}
	first := inv.scopes[0]
	for _, s := range inv.scopes[1:] {
		if s.Address < first.Address {
			first = s
		}
	}
	return first
}

// scopeCategories turns category names into categories in catalogue order
// with security added, and an error for a name that is not a category.
func scopeCategories(names []string) ([]tsc.Category, error) {
	seen := map[tsc.Category]bool{tsc.Security: true}
	for _, n := range names {
		c, ok := tsc.ParseCategory(n)
		if !ok {
			return nil, fmt.Errorf("categories_in_scope: %q is not a Trust Services Category; use %v", n, tsc.CategoryNames())
		}
		seen[c] = true
	}
	var out []tsc.Category
	for _, c := range tsc.Categories {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// scope reads a soc2_scope resource's attributes.
func (a *attrReader) scope() *Scope {
	s := &Scope{Address: a.res.address}
	names := a.strs("categories_in_scope")
	if !a.res.isUnknown("categories_in_scope") {
		categories, err := scopeCategories(names)
		if err != nil {
			a.errs = append(a.errs, fmt.Sprintf("%s: %v", a.res.address, err))
		}
		s.Categories = categories
	}
	var window *struct {
		Start *string `json:"start"`
		End   *string `json:"end"`
	}
	if a.value("observation_window", &window, "an object") && window != nil {
		s.WindowStart, s.WindowEnd = deref(window.Start), deref(window.End)
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// warnScopes reports the soc2_scope resources beyond the first.
func (b *builder) warnScopes() {
	scope := b.inv.Scope()
	if scope == nil {
		return
	}
	var others []string
	for _, s := range b.inv.scopes {
		if s != scope {
			others = append(others, s.Address)
		}
	}
	slices.Sort(others)
	for _, addr := range others {
		b.warn(warnDuplicate, addr, "more than one %s in the input; the report uses %s", TypeScope, scope.Address)
	}
}
