package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// firstPresent returns the first of the named arguments that is written in
// the block, or the first name's (absent) value. It reads arguments that
// azurerm renamed between major versions (enable_https_traffic_only in v3,
// https_traffic_only_enabled in v4), so both spellings are honoured.
func firstPresent(b *scanner.Block, names ...string) scanner.Value {
	for _, n := range names {
		if v := b.Attr(n); v.Present {
			return v
		}
	}
	return b.Attr(names[0])
}

// internetSources are Azure's names for every address, besides the
// all-addresses CIDR blocks: the wildcard, the Internet and Any service
// tags, and the bare 0.0.0.0 that NSG rules accept.
var internetSources = []string{"*", "Internet", "Any", "0.0.0.0"}

// isPublicSource reports whether an NSG source address prefix admits the
// whole internet.
func isPublicSource(prefix string) bool {
	return ruleutil.IsWholeInternet(prefix, internetSources...)
}

// normalizeLocation makes Azure locations comparable: "West Europe",
// "westeurope" and "WestEurope" are the same region.
func normalizeLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

// referrersOf returns the resources of type typ whose attr refers to
// target, by reference or by the target's known ID.
func referrersOf(ctx *scanner.Context, target *scanner.Resource, typ string, attr ...string) []*scanner.Resource {
	if ctx == nil || ctx.Index == nil {
		return nil
	}
	found, _ := ctx.Index.Referrers(target, typ, attr, "id")
	return found
}

// requireSwitch decides a boolean argument that must be want, which the
// provider defaults to def when unset: unknown when it is only known after
// apply, and otherwise a failure that says what the wrong value means
// (consequence) and whether it was written or defaulted.
func requireSwitch(v scanner.Value, def, want bool, consequence string) scanner.Result {
	got := v.BoolOr(def)
	switch {
	case got == scanner.Maybe:
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	case got == scanner.TriOf(want, false):
		return scanner.Passed()
	case !v.Present:
		return scanner.Failed(v.Range, "%s is not set and defaults to %t: %s", v.Name, def, consequence)
	case v.IsNull():
		return scanner.Failed(v.Range, "%s is null and defaults to %t: %s", v.Name, def, consequence)
	}
	return scanner.Failed(v.Range, "%s is %t: %s", v.Name, !want, consequence)
}

// undecidedLink is the result for a resource that no resource of type typ
// refers to through attr while one of them refers to something only known
// after apply, which may be this resource: unknown, pointing at that
// reference. decided is false when there is no such resource, and the
// caller's failure stands.
func undecidedLink(ctx *scanner.Context, target *scanner.Resource, typ string, attr ...string) (res scanner.Result, decided bool) {
	if ctx == nil || ctx.Index == nil {
		return scanner.Result{}, false
	}
	_, maybe := ctx.Index.Referrers(target, typ, attr, "id")
	if maybe == nil {
		return scanner.Result{}, false
	}
	return scanner.Unknowable(maybe.Get(attr...).Range, "%s refers to a resource only known after apply, which may be this one", maybe.Address), true
}
