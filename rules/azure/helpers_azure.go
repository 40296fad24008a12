package azure

import (
	"strings"

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

// publicSources are the NSG source prefixes that match any address on the
// internet: the wildcard, the Internet service tag and the all-addresses
// CIDRs.
var publicSources = map[string]bool{
	"*":         true,
	"internet":  true,
	"any":       true,
	"0.0.0.0":   true,
	"0.0.0.0/0": true,
	"::/0":      true,
}

// isPublicSource reports whether an NSG source address prefix admits the
// whole internet.
func isPublicSource(prefix string) bool {
	return publicSources[strings.ToLower(strings.TrimSpace(prefix))]
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
