package aws

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// naclUnion decides whether the allow entries of one address family's
// network ACL entries let the whole internet reach the ports q asks about
// together (0.0.0.0/1 in rule 100 and 128.0.0.0/1 in rule 110), with an
// entry of r among them. Entries are read in rule-number order: a deny
// that matches the port shadows the allows after it for its addresses, so
// the union holds only when every deny's public addresses are allowed by
// lower-numbered entries already. An entry that may match whose source,
// ports, action or rule number is only known after apply makes the answer
// unknown when it is r's or could complete the union; an entry of another
// resource whose source may alone be the internet is reported on that
// resource (naclDecision), and entries whose sources cover the internet
// alone are naclDecision's, not a union's.
//
// foreign are entries that may or may not be of the same ACL (r's
// network_acl_id is only known after apply): they may complete the union.
//
// class is the transport protocol ("tcp" or "udp") the union is taken
// over: entries of the other one neither open nor shadow its ports, so a
// TCP entry for 0.0.0.0/1 and a UDP entry for 128.0.0.0/1 leave every
// port of each protocol open to half the internet only. Entries for every
// protocol (-1) count for both.
func naclUnion(r *scanner.Resource, entries, foreign []naclEntry, q portQuery, class string) (*naclEntry, ingressExposure) {
	type matched struct {
		en     *naclEntry
		prefix netip.Prefix
		deny   bool
	}
	var known []matched
	var mine, mineMaybe *naclEntry
	// pending bounds what entries that may match, and whose source is
	// only known after apply and narrower than the internet, can add.
	var pending sourceSet
	ownUncertain := false
	// uncertainDenies are the rule numbers of denies that may shadow the
	// union's allows but whose source, ports or number are only known
	// after apply (-1 for an unknown number): a union they may precede is
	// only a maybe, whatever its allows cover.
	var uncertainDenies []int64
	all := append(slices.Clone(entries), foreign...)
	for i := range all {
		en := &all[i]
		if i >= len(entries) {
			// An entry of another ACL, which r may belong to.
			var s sourceSet
			for _, v := range en.cidrs {
				s.add(v)
			}
			if !s.maybeWorld && !en.action.Equals("deny") {
				pending.merge(s)
			}
			continue
		}
		span, proto, portsKnown := en.protocolPorts(q.tcpOnly)
		if portsKnown == scanner.No {
			continue
		}
		if c := protocolClass(proto); portsKnown == scanner.Yes && c != "" && c != class {
			continue
		}
		if portsKnown == scanner.Yes {
			if _, ok := q.match(span, proto); !ok {
				continue
			}
		}
		var s sourceSet
		for _, v := range en.cidrs {
			s.add(v)
		}
		if len(s.known) == 0 && !s.maybeWorld && s.budget4 == nil {
			continue
		}
		action, actionKnown := en.action.AsString()
		number, numberKnown := en.number.AsInt()
		if portsKnown == scanner.Maybe || !actionKnown || !numberKnown || len(s.known) == 0 {
			if actionKnown && strings.EqualFold(action, "deny") {
				if !numberKnown {
					number = -1
				}
				uncertainDenies = append(uncertainDenies, number)
				continue
			}
			switch {
			case en.owner == r && (portsKnown == scanner.Maybe || !actionKnown || !numberKnown):
				ownUncertain = true
				if mineMaybe == nil {
					mineMaybe = en
				}
			case !s.maybeWorld:
				// A source narrower than the internet (a VPC's block);
				// one that may alone be the internet is reported on
				// its own resource (naclDecision).
				pending.merge(s)
			}
			continue
		}
		deny := !strings.EqualFold(action, "allow")
		known = append(known, matched{en: en, prefix: s.known[0], deny: deny})
		if !deny && en.owner == r && mine == nil && publicPrefix(s.known[0]) {
			mine = en
		}
	}
	if mine == nil && mineMaybe == nil {
		return nil, ingressExposure{}
	}
	sort.SliceStable(known, func(i, j int) bool {
		a, _ := known[i].en.number.AsInt()
		b, _ := known[j].en.number.AsInt()
		return a < b
	})
	walk := func(skipOwn bool) (ruleutil.CIDRSet, []string, bool) {
		allowed := nonInternet
		var texts []string
		for _, m := range known {
			if skipOwn && m.en.owner == r {
				continue
			}
			if !m.deny {
				allowed = allowed.Add(m.prefix)
				texts = append(texts, m.prefix.String())
				continue
			}
			if with := allowed.Add(m.prefix); with.MissingIPv4().Cmp(allowed.MissingIPv4()) != 0 || with.MissingIPv6().Cmp(allowed.MissingIPv6()) != 0 {
				return allowed, texts, false
			}
		}
		return allowed, texts, true
	}
	if others, _, ok := walk(true); ok && (others.CoversIPv4() || others.CoversIPv6()) {
		return nil, ingressExposure{}
	}
	// mayShadow reports whether a deny only known after apply may come
	// before one of the allows.
	mayShadow := func() bool {
		for _, d := range uncertainDenies {
			for _, m := range known {
				if n, _ := m.en.number.AsInt(); !m.deny && (d < 0 || d < n) {
					return true
				}
			}
		}
		return false
	}
	allowed, texts, ok := walk(false)
	if mine != nil && ok && (allowed.CoversIPv4() || allowed.CoversIPv6()) && mayShadow() {
		return mine, ingressExposure{state: scanner.Maybe}
	}
	if mine != nil && ok && (allowed.CoversIPv4() || allowed.CoversIPv6()) {
		family := "IPv6"
		if allowed.CoversIPv4() {
			family = "IPv4"
		}
		what := "every port"
		if !q.all && len(q.ports) == 1 {
			what = fmt.Sprintf("port %s", q.ports[0])
		}
		return mine, ingressExposure{state: scanner.Yes, source: fmt.Sprintf("%s (together every public %s address)", strings.Join(texts, ", "), family), ports: what}
	}
	if mineMaybe == nil {
		mineMaybe = mine
	}
	if ownUncertain {
		return mineMaybe, ingressExposure{state: scanner.Maybe}
	}
	if mine != nil && (len(pending.known) > 0 || pending.budget4 != nil) {
		// What the pending entries may allow, were they all allows
		// numbered before every deny.
		may := allowed.Union(ruleutil.NewCIDRSet(pending.known...))
		for _, m := range known {
			if !m.deny {
				may = may.Add(m.prefix)
			}
		}
		if may.CoversIPv4() || may.CoversIPv6() ||
			pending.budget4 != nil && (pending.budget4.Cmp(may.MissingIPv4()) >= 0 || pending.budget6.Cmp(may.MissingIPv6()) >= 0) {
			return mineMaybe, ingressExposure{state: scanner.Maybe}
		}
	}
	return nil, ingressExposure{}
}

// foreignNACLEntries are the ingress entries of every network ACL of the
// index other than r's own, when r is an aws_network_acl_rule whose
// network_acl_id is only known after apply and names no ACL of the
// configuration: r may belong to any of them.
func foreignNACLEntries(r *scanner.Resource, ix *scanner.Index, own []naclEntry) []naclEntry {
	if ix == nil || r.Type != "aws_network_acl_rule" {
		return nil
	}
	id := r.Attr("network_acl_id")
	if id.IsKnown() || len(ix.Resolve(id)) > 0 {
		return nil
	}
	var out []naclEntry
	for _, res := range ix.OfType(naclTypes...) {
		if slices.ContainsFunc(own, func(en naclEntry) bool { return en.owner == res }) {
			continue
		}
		entries, _ := naclOwnEntries(res)
		out = append(out, entries...)
	}
	return out
}
