package ruleutil

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// PortRange is an inclusive range of TCP/UDP ports.
type PortRange struct{ From, To int }

// AllPorts is what "*" and an empty specification mean.
var AllPorts = PortRange{0, 65535}

// ParsePortRange reads a port specification as written in NSG rules,
// firewall rules and rule parameters: "22", "5985-5986", or "*" (or empty)
// for every port.
func ParsePortRange(spec string) (PortRange, error) {
	spec = strings.TrimSpace(spec)
	if spec == "*" || spec == "" {
		return AllPorts, nil
	}
	lo, hi, isRange := strings.Cut(spec, "-")
	from, err := strconv.Atoi(strings.TrimSpace(lo))
	to := from
	if err == nil && isRange {
		to, err = strconv.Atoi(strings.TrimSpace(hi))
	}
	if err != nil || from < 0 || to > 65535 || from > to {
		return PortRange{}, fmt.Errorf("%q is not a port or a port range such as 5985-5986", spec)
	}
	return PortRange{from, to}, nil
}

// Overlaps reports whether p and q share a port.
func (p PortRange) Overlaps(q PortRange) bool { return p.From <= q.To && q.From <= p.To }

// Is reports whether p is exactly the single port.
func (p PortRange) Is(port int) bool { return p.From == port && p.To == port }

// String renders p the way it is written: "22" or "5985-5986".
func (p PortRange) String() string {
	if p.From == p.To {
		return strconv.Itoa(p.From)
	}
	return fmt.Sprintf("%d-%d", p.From, p.To)
}

// PortsParam reads a list-of-ports rule parameter such as admin_ports; its
// entries are ports or ranges. An empty list is an error, not a rule that
// silently checks nothing.
func PortsParam(ctx *scanner.Context, name string) ([]PortRange, error) {
	entries := ctx.Strings(name)
	if len(entries) == 0 {
		return nil, fmt.Errorf("parameter %s is empty", name)
	}
	out := make([]PortRange, 0, len(entries))
	for _, e := range entries {
		p, err := ParsePortRange(e)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", name, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// FirstOutside returns the first run of ports of span that no range of
// allowed contains; port 0 is reserved and never counts.
func FirstOutside(span PortRange, allowed []PortRange) (PortRange, bool) {
	sorted := append([]PortRange(nil), allowed...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].From < sorted[j].From })
	port := max(span.From, 1)
	for _, a := range sorted {
		if port > span.To {
			return PortRange{}, false
		}
		if a.To < port {
			continue
		}
		if a.From > port {
			return PortRange{From: port, To: min(a.From-1, span.To)}, true
		}
		port = a.To + 1
	}
	if port > span.To {
		return PortRange{}, false
	}
	return PortRange{From: port, To: span.To}, true
}

// DefaultAdminPorts returns the default admin_ports list shared by the
// admin-port rules of every cloud, so that SSH, RDP and WinRM are judged
// alike wherever they are opened: 22 (SSH), 3389 (RDP) and 5985-5986
// (WinRM over HTTP and HTTPS, which runs commands as readily as RDP). It
// returns a new slice each time so that no rule can change another's default.
func DefaultAdminPorts() []string { return []string{"22", "3389", "5985-5986"} }

// AdminPortsText names the default admin ports in rule descriptions, so the
// prose cannot drift from DefaultAdminPorts.
const AdminPortsText = "SSH (22), RDP (3389) and WinRM (5985-5986)"
