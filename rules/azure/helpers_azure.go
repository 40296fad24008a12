package azure

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// boolOr reads a boolean argument that the provider defaults to def when it
// is absent or null. known is false when the value is only known after
// apply or is not a boolean.
func boolOr(v scanner.Value, def bool) (value, known bool) {
	if v.IsNull() {
		return def, true
	}
	if v.IsUnknown() {
		return false, false
	}
	return v.AsBool()
}

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

// intAtLeast reads an integer argument that the provider defaults to def
// and reports whether it is at least minimum. known is false when the value
// is only known after apply or is not a whole number.
func intAtLeast(v scanner.Value, def, minimum int) (got int, ok, known bool) {
	if v.IsNull() {
		return def, def >= minimum, true
	}
	if v.IsUnknown() {
		return 0, false, false
	}
	n, isInt := v.AsInt()
	if !isInt {
		return 0, false, false
	}
	return int(n), int(n) >= minimum, true
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

// portSpecIncludes reports whether an NSG or firewall port specification
// ("22", "20-30", "*") includes port.
func portSpecIncludes(spec string, port int) (bool, error) {
	spec = strings.TrimSpace(spec)
	if spec == "*" || spec == "" {
		return true, nil
	}
	from, to, isRange := strings.Cut(spec, "-")
	lo, err := strconv.Atoi(strings.TrimSpace(from))
	if err != nil {
		return false, fmt.Errorf("port %q is not a number or range", spec)
	}
	hi := lo
	if isRange {
		hi, err = strconv.Atoi(strings.TrimSpace(to))
		if err != nil {
			return false, fmt.Errorf("port range %q is not a range of numbers", spec)
		}
	}
	return lo <= port && port <= hi, nil
}

// adminPorts parses the admin_ports parameter.
func adminPorts(ctx *scanner.Context) ([]int, error) {
	var out []int
	for _, s := range ctx.Strings("admin_ports") {
		p, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("admin_ports entry %q is not a port number", s)
		}
		out = append(out, p)
	}
	return out, nil
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
	return ctx.Index.Referrers(target, typ, attr, "id")
}
