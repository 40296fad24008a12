package ruleutil

import (
	"net/netip"
	"strings"
)

// IsWholeInternet reports whether a source address range, as a firewall
// rule or an access condition writes it, admits every address on the
// internet: a CIDR block of either family with prefix length 0 (0.0.0.0/0,
// ::/0, or any other spelling of them), or one of the cloud's own names for
// everywhere given as aliases (Azure's "*" and "Internet", say), compared
// ignoring case. Surrounding space is ignored.
func IsWholeInternet(s string, aliases ...string) bool {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil && p.Bits() == 0 {
		return true
	}
	for _, a := range aliases {
		if strings.EqualFold(s, a) {
			return true
		}
	}
	return false
}
