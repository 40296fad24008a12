package aws

// Union of sources across a security group's rules: each
// aws_security_group_rule or aws_vpc_security_group_ingress_rule names its
// own CIDRs, so a group open to the internet may be written as two rules
// for 0.0.0.0/1 and 128.0.0.0/1 on the same port. A port's sources are
// every permission of the group that opens it, whichever resource writes
// the permission.

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// groupPerm is an ingress permission of a security group with the
// resource that writes it.
type groupPerm struct {
	ingressPerm
	owner *scanner.Resource
}

// sgRuleTypes are the resources that add permissions to a security group
// named by their security_group_id.
var sgRuleTypes = []string{"aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}

// sgGroupKey is the resource that stands for r's security group in the
// memo of groupPermissions: the group when the configuration defines it,
// else r itself (whose siblings are found by the same security_group_id).
func sgGroupKey(r *scanner.Resource, ix *scanner.Index) *scanner.Resource {
	if r.Type == "aws_security_group" || r.Type == "aws_default_security_group" {
		return r
	}
	for _, g := range ix.Resolve(r.Attr("security_group_id")) {
		if g.Type == "aws_security_group" || g.Type == "aws_default_security_group" {
			return g
		}
	}
	return r
}

// groupPermissions returns every ingress permission of the security group
// key stands for (see sgGroupKey): the group's ingress blocks and the
// ingress rules that name it, or, for a rule whose group the configuration
// does not define, the rules with the same security_group_id. incomplete
// reports permissions only known after apply.
func groupPermissions(key *scanner.Resource, ix *scanner.Index) (perms []groupPerm, incomplete bool) {
	var members []*scanner.Resource
	if key.Type == "aws_security_group" || key.Type == "aws_default_security_group" {
		members = append(members, key)
		for _, typ := range sgRuleTypes {
			rules, _ := ix.Referrers(key, typ, []string{"security_group_id"}, "id")
			members = append(members, rules...)
		}
	} else {
		members = sameSGRules(key.Attr("security_group_id"), ix)
		if !slices.Contains(members, key) {
			members = append(members, key)
		}
	}
	for _, m := range members {
		own, inc := sharedSGPermissions(m, ix)
		incomplete = incomplete || inc
		for _, p := range own {
			perms = append(perms, groupPerm{ingressPerm: p, owner: m})
		}
	}
	return perms, incomplete
}

// sharedGroupPermissions is groupPermissions computed once per group and
// index (perResource).
func sharedGroupPermissions(r *scanner.Resource, ix *scanner.Index) ([]groupPerm, bool) {
	return perResource(sgGroupKey(r, ix), ix, groupPermissions)
}

// sgRulesKey is the scanner.Memo key of indexSGRules.
type sgRulesKey struct{}

func indexSGRules(ix *scanner.Index) *childTable {
	return indexChildren(ix, "security_group_id", sgRuleTypes...)
}

// sameSGRules returns the security group rule resources whose
// security_group_id is the same reference or the same known ID as id, or
// reads the same value only known after apply (scanner.Value.Ident: two
// rules written security_group_id = var.group_id add to one group).
func sameSGRules(id scanner.Value, ix *scanner.Index) []*scanner.Resource {
	if ix == nil {
		return nil
	}
	return scanner.Memo(ix, sgRulesKey{}, indexSGRules).sameParent(id)
}

// protocolClasses are the transport protocols whose ports a union is taken
// over: UDP 22 and TCP 22 are different services.
var protocolClasses = []string{"tcp", "udp"}

// protocolClass names the class of a permission's protocol, "" for every
// protocol (-1).
func protocolClass(proto string) string {
	switch strings.ToLower(strings.TrimSpace(proto)) {
	case "tcp", "6":
		return "tcp"
	case "udp", "17":
		return "udp"
	}
	return ""
}

// spannedPerm is a group permission with the ports it opens.
type spannedPerm struct {
	groupPerm
	span  ruleutil.PortRange
	class string
	// known is false when the protocol or ports are only known after
	// apply: the permission may then open any port.
	known bool
	// foreign is set for a permission that may or may not belong to the
	// group.
	foreign bool
}

// candidatePorts are the ports at which a union of the spans can answer
// q: where a span starts, where a queried range starts, and just past
// each allowed range. Any port every one of some spans opens is at or
// after the latest of their starts, so testing those starts finds it.
func candidatePorts(perms []spannedPerm, q portQuery) []int {
	var out []int
	for _, p := range perms {
		if p.known {
			out = append(out, max(p.span.From, 1))
		}
	}
	for _, qp := range q.ports {
		out = append(out, qp.From)
	}
	for _, a := range q.allowed {
		if a.To < 65535 {
			out = append(out, a.To+1)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(c int) bool { return !q.asks(c) })
}

// asks reports whether q asks about port c.
func (q portQuery) asks(c int) bool {
	port := ruleutil.PortRange{From: c, To: c}
	switch {
	case q.outside:
		return !slices.ContainsFunc(q.allowed, port.Overlaps)
	default:
		return slices.ContainsFunc(q.ports, port.Overlaps)
	}
}

// publicPrefix reports whether a CIDR block reaches outside
// nonInternetRanges, so that it can help cover the internet.
func publicPrefix(p netip.Prefix) bool {
	for _, r := range nonInternetRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return false
		}
	}
	return true
}

// contributes reports whether a permission's sources can help cover the
// internet: some is public address space or only known after apply.
func (p ingressPerm) contributes() bool {
	var s sourceSet
	for _, v := range p.cidrs {
		s.add(v)
	}
	return s.world != "" || s.maybeWorld || s.budget4 != nil || slices.ContainsFunc(s.known, publicPrefix)
}

// groupExposure decides whether the permissions of r's security group
// together open a port q asks about to the internet, with sources of r
// among them: it returns the permission of r to report, or nil when r
// has no part in any such union. A rule whose security_group_id is only
// known after apply and names no group of the configuration may belong
// to any group: the
// permissions of every group are then members that may complete its
// union.
func groupExposure(r *scanner.Resource, ix *scanner.Index, q portQuery) (*ingressPerm, ingressExposure) {
	if ix == nil {
		return nil, ingressExposure{}
	}
	perms, _ := sharedGroupPermissions(r, ix)
	var spanned []spannedPerm
	own := false
	add := func(p groupPerm, foreign bool) {
		if q.unnamedPorts && len(p.missingPortArgs()) > 0 {
			return
		}
		span, proto, known := p.protocolPorts(q.tcpOnly)
		if known == scanner.No || !p.contributes() {
			return
		}
		spanned = append(spanned, spannedPerm{groupPerm: p, span: span, class: protocolClass(proto), known: known == scanner.Yes, foreign: foreign})
		own = own || p.owner == r
	}
	for _, p := range perms {
		add(p, false)
	}
	if own && sgGroupKey(r, ix) == r && r.Type != "aws_security_group" && r.Type != "aws_default_security_group" && !r.Attr("security_group_id").IsKnown() {
		for _, p := range scanner.Memo(ix, allSGPermsKey{}, allSGPermissions) {
			if p.owner != r && !slices.ContainsFunc(perms, func(g groupPerm) bool { return g.owner == p.owner }) {
				add(p, true)
			}
		}
	}
	if !own || len(spanned) < 2 {
		return nil, ingressExposure{}
	}
	classes := protocolClasses
	if q.tcpOnly {
		classes = classes[:1]
	}
	var unknown *ingressPerm
	for _, class := range classes {
		if q.all {
			if p, ex := unionAt(r, spanned, class, coversAllPorts, "every port"); ex.state == scanner.Yes {
				return p, ex
			} else if ex.state == scanner.Maybe && unknown == nil {
				unknown = p
			}
			continue
		}
		for _, c := range candidatePorts(spanned, q) {
			opens := func(span ruleutil.PortRange) bool { return span.Overlaps(ruleutil.PortRange{From: c, To: c}) }
			p, ex := unionAt(r, spanned, class, opens, fmt.Sprintf("port %d (%s)", c, class))
			if ex.state == scanner.Yes {
				return p, ex
			}
			if ex.state == scanner.Maybe && unknown == nil {
				unknown = p
			}
		}
	}
	if unknown != nil {
		return unknown, ingressExposure{state: scanner.Maybe}
	}
	return nil, ingressExposure{}
}

// allSGPermsKey is the scanner.Memo key of allSGPermissions.
type allSGPermsKey struct{}

// allSGPermissions is every ingress permission of the index, with the
// resource that writes it.
func allSGPermissions(ix *scanner.Index) []groupPerm {
	var out []groupPerm
	for _, res := range ix.OfType("aws_security_group", "aws_default_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule") {
		own, _ := sharedSGPermissions(res, ix)
		for _, p := range own {
			out = append(out, groupPerm{ingressPerm: p, owner: res})
		}
	}
	return out
}

// unionAt decides whether the permissions of one protocol class whose
// spans opens accepts cover the internet together, when one of r's is
// among them. A permission whose ports are only known after apply, or
// that may not belong to the group (foreign), may complete the union, and
// so may a source only known after apply that is narrower than the
// internet. A source of another resource that may alone be the internet
// (a variable) is not counted here: that resource is reported unknown
// itself, and counting it would make every public source of the group
// unknown with it. Nor are permissions generated from a collection only
// known after apply, which make the group unknown. When the other
// resources cover the internet without r, r has no part in it.
func unionAt(r *scanner.Resource, perms []spannedPerm, class string, opens func(ruleutil.PortRange) bool, ports string) (*ingressPerm, ingressExposure) {
	var sure, maybe, others sourceSet
	var mine, mineMaybe *ingressPerm
	for i := range perms {
		p := &perms[i]
		if p.class != "" && p.class != class || p.known && !opens(p.span) {
			continue
		}
		var s sourceSet
		for _, v := range p.cidrs {
			s.add(v)
		}
		if p.owner != r {
			s.maybeWorld = false
		}
		maybe.merge(s)
		if p.owner == r && mineMaybe == nil {
			mineMaybe = &p.ingressPerm
		}
		if !p.known || p.foreign {
			continue
		}
		sure.merge(s)
		if p.owner != r {
			others.merge(s)
		} else if mine == nil {
			mine = &p.ingressPerm
		}
	}
	if mineMaybe == nil {
		return nil, ingressExposure{}
	}
	if _, alone := others.decide(); alone == scanner.Yes {
		// The other resources open the port by themselves, and are
		// reported for it: r's sources take no part.
		return nil, ingressExposure{}
	}
	if mine != nil {
		if desc, state := sure.decide(); state == scanner.Yes {
			return mine, ingressExposure{state: scanner.Yes, source: desc, ports: ports}
		}
	}
	if _, m := maybe.decide(); m != scanner.No {
		return mineMaybe, ingressExposure{state: scanner.Maybe}
	}
	return nil, ingressExposure{}
}
