package aws

// Helpers for the network-ingress rules (network.go): security group
// permissions and network ACL entries in every form Terraform writes them,
// reduced to "which sources, which protocol, which ports", with three-valued
// answers because any of those may be known only after apply.

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// coversAllPorts reports whether p is every TCP/UDP port; port 0 is
// reserved, so 1-65535 counts as all ports too.
func coversAllPorts(p ruleutil.PortRange) bool { return p.From <= 1 && p.To >= 65535 }

// firstOverlap returns the first of ports that r opens.
func firstOverlap(r ruleutil.PortRange, ports []ruleutil.PortRange) (ruleutil.PortRange, bool) {
	for _, p := range ports {
		if r.Overlaps(p) {
			return p, true
		}
	}
	return ruleutil.PortRange{}, false
}

// networkCIDR parses s as the AWS provider accepts a CIDR argument of a
// security group rule, network ACL entry, managed prefix list entry or EKS
// endpoint: a network address, with no host bits set and no surrounding
// space. The provider rejects anything else ("0.1.0.0/0", "10.0.0.5/8") at
// plan time, so such text opens nothing.
func networkCIDR(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || p != p.Masked() {
		return netip.Prefix{}, false
	}
	return p, true
}

// isWorldCIDR reports whether s is a CIDR block the provider accepts that
// covers every address: 0.0.0.0/0 or ::/0.
func isWorldCIDR(s string) bool {
	p, ok := networkCIDR(s)
	return ok && p.Bits() == 0
}

// knownTextCouldBeWorld reports whether a CIDR only known after apply that
// starts with prefix and ends with suffix (either "" when nothing is known)
// can be one isWorldCIDR accepts. Those are written with zeros, dots and
// colons only, followed by "/0" ("0.0.0.0/0", "::/0", "0::0/0"), so
// "${var.ip}/32" or "10.${var.octet}.0.0/16" never is.
func knownTextCouldBeWorld(prefix, suffix string) bool {
	zeros := func(s string) bool { return strings.Trim(s, "0.:") == "" }
	if p, rest, slash := strings.Cut(prefix, "/"); !zeros(p) || slash && rest != "" && rest != "0" {
		return false
	}
	if suffix == "" || suffix == "0" {
		return true
	}
	head, ok := strings.CutSuffix(suffix, "/0")
	return ok && zeros(head)
}

// originAttr names an attribute of a resource type (a data source's when
// data), as scanner.OriginSource does.
type originAttr struct {
	data      bool
	typ, attr string
}

// originAttrOf is the attribute src names; ok is false when src is not an
// attribute.
func originAttrOf(src scanner.OriginSource) (originAttr, bool) {
	if src.Kind != scanner.OriginAttr {
		return originAttr{}, false
	}
	return originAttr{data: src.Data, typ: src.Type, attr: src.Attr}, true
}

// vpcRanges are the attributes (as scanner.OriginSource names them) that
// the AWS provider only ever sets to the address range of a VPC or
// subnet: EC2 accepts an IPv4 block of /16 to /28 and gives an IPv6 block
// of /56 to a VPC and /64 to a subnet. None is 0.0.0.0/0 or ::/0, so a
// rule written cidr_blocks = [aws_vpc.main.cidr_block] is not open to the
// internet even when the VPC's block is a variable or comes from IPAM
// (whoever writes it: OriginSource.Written does not matter here).
// Such a block may still be public address space, so this says nothing
// about private ranges (publicSource).
var vpcRanges = map[originAttr]bool{
	{typ: "aws_vpc", attr: "cidr_block"}:                                  true,
	{typ: "aws_vpc", attr: "ipv6_cidr_block"}:                             true,
	{typ: "aws_default_vpc", attr: "cidr_block"}:                          true,
	{typ: "aws_default_vpc", attr: "ipv6_cidr_block"}:                     true,
	{typ: "aws_subnet", attr: "cidr_block"}:                               true,
	{typ: "aws_subnet", attr: "ipv6_cidr_block"}:                          true,
	{typ: "aws_default_subnet", attr: "cidr_block"}:                       true,
	{typ: "aws_default_subnet", attr: "ipv6_cidr_block"}:                  true,
	{typ: "aws_vpc_ipv4_cidr_block_association", attr: "cidr_block"}:      true,
	{typ: "aws_vpc_ipv6_cidr_block_association", attr: "ipv6_cidr_block"}: true,
	{data: true, typ: "aws_vpc", attr: "cidr_block"}:                      true,
	{data: true, typ: "aws_vpc", attr: "ipv6_cidr_block"}:                 true,
	{data: true, typ: "aws_subnet", attr: "cidr_block"}:                   true,
	{data: true, typ: "aws_subnet", attr: "ipv6_cidr_block"}:              true,
}

// notWorldSource reports whether src (a source of a
// scanner.Value.Origins entry) is a VPC's or subnet's block, known text
// that is not 0.0.0.0/0 or ::/0 (which opens nothing or less than the
// internet, as for a known value), text known to end with a prefix length
// other than 0, or a cidrsubnet of any of them, which is narrower still.
func notWorldSource(src scanner.OriginSource) bool {
	switch src.Kind {
	case scanner.OriginText:
		return !isWorldCIDR(src.Text)
	case scanner.OriginPrefixLen:
		return src.PrefixLen > 0
	}
	a, ok := originAttrOf(src)
	return ok && vpcRanges[a]
}

// notWorldEntry reports whether the element (or, for a wholly unknown
// value or a set, any part) read from entry o of scanner.Value.Origins is
// not the internet: o names a source, each of them notWorldSource, and o
// is not text built around them (which could be anything).
func notWorldEntry(o scanner.Origin) bool {
	return !o.IsZero() && !o.InText && !slices.ContainsFunc(o.Sources, func(s scanner.OriginSource) bool { return !notWorldSource(s) })
}

// worldEntry is !notWorldEntry.
func worldEntry(o scanner.Origin) bool { return !notWorldEntry(o) }

// ingressPerm is one ingress permission of a security group or one entry of
// a network ACL, whichever resource writes it.
type ingressPerm struct {
	// label names the permission in messages ("ingress block 2",
	// "this rule").
	label    string
	protocol scanner.Value
	// from and to are ignored for protocol -1, which opens every port
	// (aws_vpc_security_group_ingress_rule writes no ports then).
	from, to scanner.Value
	// cidrs are the source ranges, including those of the managed prefix
	// lists the permission names when the configuration defines them.
	cidrs []scanner.Value
	rng   scanner.Range
}

// portQuery is what a rule asks of a permission's ports: whether it opens
// one of ports, every port (all), or a port outside allowed (outside).
type portQuery struct {
	ports   []ruleutil.PortRange
	all     bool
	outside bool
	allowed []ruleutil.PortRange
	// tcpOnly limits the question to TCP: SSH, RDP's listener and database
	// protocols run over TCP, so UDP 22 is not SSH.
	tcpOnly bool
	// unnamedPorts makes a permission open to the internet that does not
	// say which ports it opens (see missingPortArgs) answer the query:
	// nothing shows that those ports are inside the allow-list.
	unnamedPorts bool
}

// missingPortArgs names the arguments the AWS provider requires to say
// which ports a permission opens when the configuration leaves them out:
// the protocol, and for TCP and UDP both ports. The provider rejects such
// a permission, so what it is meant to open is unknown; the fixtures of
// other scanners often write an ingress open to 0.0.0.0/0 with no protocol
// or ports at all, whose intent is "open to the internet".
func (p ingressPerm) missingPortArgs() []string {
	var out []string
	if p.protocol.IsNull() {
		out = append(out, "protocol")
	} else {
		proto, ok := p.protocol.AsString()
		if !ok {
			return nil
		}
		switch strings.ToLower(strings.TrimSpace(proto)) {
		case "tcp", "6", "udp", "17":
		default:
			return nil
		}
	}
	if p.from.IsNull() {
		out = append(out, "from_port")
	}
	if p.to.IsNull() {
		out = append(out, "to_port")
	}
	return out
}

// protocolPorts decides which ports a permission opens: every port for
// protocol -1/all, from_port-to_port for TCP and UDP, none for ICMP and
// other protocols (whose port arguments mean something else or nothing).
// For TCP and UDP a port of -1 is read as every port: the EC2 API rejects
// it, and reading it as every port never hides an exposure. from_port =
// to_port = 0 with TCP or UDP opens port 0 only, as the EC2 API creates it
// (hashicorp/terraform-provider-aws#27525); only protocol -1 ignores ports
// (see portZeroOnly for how the allow-list rule reports it).
func (p ingressPerm) protocolPorts(tcpOnly bool) (ruleutil.PortRange, string, scanner.Tri) {
	proto, ok := p.protocol.AsString()
	if !ok {
		if p.protocol.IsUnknown() {
			return ruleutil.PortRange{}, "", scanner.Maybe
		}
		return ruleutil.PortRange{}, "", scanner.No
	}
	switch strings.ToLower(strings.TrimSpace(proto)) {
	case "-1", "all":
		return ruleutil.AllPorts, "all protocols", scanner.Yes
	case "tcp", "6":
	case "udp", "17":
		if tcpOnly {
			return ruleutil.PortRange{}, proto, scanner.No
		}
	default:
		return ruleutil.PortRange{}, proto, scanner.No
	}
	from, okFrom := p.from.AsInt()
	to, okTo := p.to.AsInt()
	if !okFrom || !okTo {
		if p.from.IsUnknown() || p.to.IsUnknown() {
			return ruleutil.PortRange{}, proto, scanner.Maybe
		}
		return ruleutil.PortRange{}, proto, scanner.No
	}
	if from == -1 || to == -1 {
		return ruleutil.AllPorts, proto, scanner.Yes
	}
	return ruleutil.PortRange{From: int(from), To: int(to)}, proto, scanner.Yes
}

// match decides whether a known port span answers the query, with the
// ports to name in a message.
func (q portQuery) match(span ruleutil.PortRange, proto string) (string, bool) {
	switch {
	case q.all:
		if coversAllPorts(span) {
			return fmt.Sprintf("every port (%s %s)", proto, span), true
		}
	case q.outside:
		if span.Is(0) {
			return portZeroOnly(proto, q.allowed)
		}
		if out, ok := ruleutil.FirstOutside(span, q.allowed); ok {
			return fmt.Sprintf("port %s (%s %s)", out, proto, span), true
		}
	default:
		if port, ok := firstOverlap(span, q.ports); ok {
			return fmt.Sprintf("port %s (%s %s)", port, proto, span), true
		}
	}
	return "", false
}

// portZeroOnly answers the allow-list query for a TCP or UDP permission
// written from_port = to_port = 0. EC2 creates it as port 0 alone, not as
// every port (hashicorp/terraform-provider-aws#4178 and #27525): only
// protocol -1 ignores the ports. Port 0 is reserved and nothing useful
// listens on it, so the permission exposes nothing today; but it is a
// public permission that does not open what it is written like, the
// "every port" idiom of protocol -1, which Checkov and KICS take it for.
// Someone who "fixes" it by changing only the protocol opens every port.
// So it is a finding of the allow-list rule, whose message says what EC2
// really opens, and not of the all-ports, admin-port or database-port
// rules, which would claim an exposure that does not exist.
func portZeroOnly(proto string, allowed []ruleutil.PortRange) (string, bool) {
	for _, a := range allowed {
		if a.Overlaps(ruleutil.PortRange{From: 0, To: 0}) {
			return "", false
		}
	}
	return fmt.Sprintf("port 0 only (%s 0-0: EC2 opens port 0 alone, not every port; "+
		"only protocol -1 ignores the ports, so write the ports meant or remove the permission)", proto), true
}

// ingressExposure is what a permission opens to the internet.
type ingressExposure struct {
	state scanner.Tri
	// source and ports describe a known exposure for messages.
	source, ports string
}

// exposes decides whether p opens the ports q asks about to every address.
// Known ports out of scope decide No even when the source is unknown, and
// a known private source decides No even when the ports are unknown.
func (p ingressPerm) exposes(q portQuery) ingressExposure {
	cidr, world := worldSource(p.cidrs...)
	if world == scanner.No {
		return ingressExposure{}
	}
	// Only the allow-list query asks about unnamed ports: the others skip
	// reading the arguments, since exposes runs for every permission and
	// network ACL entry once per query.
	if q.unnamedPorts {
		if missing := p.missingPortArgs(); len(missing) > 0 {
			if world == scanner.Maybe {
				return ingressExposure{state: scanner.Maybe}
			}
			return ingressExposure{state: scanner.Yes, source: cidr,
				ports: fmt.Sprintf("ports it does not name (%s not set, which the provider requires)", strings.Join(missing, ", "))}
		}
	}
	span, proto, known := p.protocolPorts(q.tcpOnly)
	if known == scanner.No {
		return ingressExposure{}
	}
	hit := scanner.Maybe
	detail := ""
	if known == scanner.Yes {
		d, ok := q.match(span, proto)
		if !ok {
			return ingressExposure{}
		}
		hit, detail = scanner.Yes, d
	}
	if world == scanner.Yes && hit == scanner.Yes {
		return ingressExposure{state: scanner.Yes, source: cidr, ports: detail}
	}
	return ingressExposure{state: scanner.Maybe}
}

// prefixListCIDRs returns the entries of the managed prefix lists that ids
// (prefix_list_ids or prefix_list_id) name, when the configuration defines
// them: the entry blocks of aws_ec2_managed_prefix_list and the
// aws_ec2_managed_prefix_list_entry resources that point at it. Prefix
// lists defined elsewhere (AWS-managed lists such as CloudFront's origin
// list, lists of other stacks) are not read and do not count as the
// internet.
func prefixListCIDRs(ids scanner.Value, ix *scanner.Index) []scanner.Value {
	if ix == nil || ids.IsNull() {
		return nil
	}
	var out []scanner.Value
	for _, pl := range ix.Resolve(ids) {
		if pl.Type != "aws_ec2_managed_prefix_list" {
			continue
		}
		for _, e := range pl.Blocks("entry") {
			out = append(out, e.Attr("cidr"))
		}
		entries, _ := ix.Referrers(pl, "aws_ec2_managed_prefix_list_entry", []string{"prefix_list_id"}, "id")
		for _, e := range entries {
			out = append(out, e.Attr("cidr"))
		}
	}
	return out
}

// sgPermissions returns the ingress permissions written by a security
// group resource: the ingress blocks of aws_security_group, an
// aws_security_group_rule of type ingress, an
// aws_vpc_security_group_ingress_rule. incomplete reports permissions that
// exist but are only known after apply (a dynamic ingress block over an
// unknown collection, a rule whose type is unknown).
func sgPermissions(r *scanner.Resource, ix *scanner.Index) (perms []ingressPerm, incomplete bool) {
	switch r.Type {
	case "aws_security_group", "aws_default_security_group":
		return sgBlockPermissions(r, ix, "ingress"), r.BlocksUnknown("ingress")
	case "aws_security_group_rule":
		typ := r.Attr("type")
		if !typ.Equals("ingress") {
			return nil, typ.IsUnknown()
		}
		return []ingressPerm{sgRulePermission(r, ix)}, false
	case "aws_vpc_security_group_ingress_rule":
		return []ingressPerm{vpcSGRulePermission(r, ix)}, false
	}
	return nil, false
}

// sharedSGPermissions is sgPermissions computed once per resource and
// index (perResource): five rules check every security group resource,
// and each recomputing the permissions (the labels, the prefix list
// lookups) was most of what they cost on large files. It is computed per
// resource, not as a table of every security group: a choice's stand-in
// index would rebuild such a table for each value it tries.
func sharedSGPermissions(r *scanner.Resource, ix *scanner.Index) ([]ingressPerm, bool) {
	return perResource(r, ix, sgPermissions)
}

// sgBlockPermissions returns the permissions of the dir ("ingress" or
// "egress") blocks of an aws_security_group or
// aws_default_security_group; for egress the cidrs are the destinations.
func sgBlockPermissions(r *scanner.Resource, ix *scanner.Index, dir string) []ingressPerm {
	var perms []ingressPerm
	for i, b := range r.Blocks(dir) {
		perms = append(perms, ingressPerm{
			label:    fmt.Sprintf("%s rule %d", dir, i+1),
			protocol: b.Attr("protocol"),
			from:     b.Attr("from_port"),
			to:       b.Attr("to_port"),
			cidrs:    append([]scanner.Value{b.Attr("cidr_blocks"), b.Attr("ipv6_cidr_blocks")}, prefixListCIDRs(b.Attr("prefix_list_ids"), ix)...),
			rng:      b.Range,
		})
	}
	return perms
}

// sgRulePermission is the permission an aws_security_group_rule writes,
// whichever its type.
func sgRulePermission(r *scanner.Resource, ix *scanner.Index) ingressPerm {
	return ingressPerm{
		label:    "this rule",
		protocol: r.Attr("protocol"),
		from:     r.Attr("from_port"),
		to:       r.Attr("to_port"),
		cidrs:    append([]scanner.Value{r.Attr("cidr_blocks"), r.Attr("ipv6_cidr_blocks")}, prefixListCIDRs(r.Attr("prefix_list_ids"), ix)...),
		rng:      r.Range,
	}
}

// vpcSGRulePermission is the permission an
// aws_vpc_security_group_ingress_rule or aws_vpc_security_group_egress_rule
// writes.
func vpcSGRulePermission(r *scanner.Resource, ix *scanner.Index) ingressPerm {
	return ingressPerm{
		label:    "this rule",
		protocol: r.Attr("ip_protocol"),
		from:     r.Attr("from_port"),
		to:       r.Attr("to_port"),
		cidrs:    append([]scanner.Value{r.Attr("cidr_ipv4"), r.Attr("cidr_ipv6")}, prefixListCIDRs(r.Attr("prefix_list_id"), ix)...),
		rng:      r.Range,
	}
}

// resourceListKey is the scanner.Memo key of what perResource keeps for
// one resource. The memo lives on the index, so a list is never reused
// by another scan, another root, or an index in which a copy of r stands
// in for it (whose memos start empty). The key names the element type,
// so each element type has one list builder.
type resourceListKey[E any] struct{ r *scanner.Resource }

// resourceList is what a list builder returns, kept by the memo.
type resourceList[E any] struct {
	items      []E
	incomplete bool
}

// perResource is build(r, ix), a list of r's parts and whether it is
// incomplete, computed once per resource and index when several rules
// read the same list; build must be the only builder of lists of E.
// Callers must not modify the returned slice, which rules running in
// parallel share.
func perResource[E any](r *scanner.Resource, ix *scanner.Index, build func(*scanner.Resource, *scanner.Index) ([]E, bool)) ([]E, bool) {
	if ix == nil {
		return build(r, nil)
	}
	l := scanner.Memo(ix, resourceListKey[E]{r}, func(ix *scanner.Index) *resourceList[E] {
		items, incomplete := build(r, ix)
		return &resourceList[E]{items: items, incomplete: incomplete}
	})
	return l.items, l.incomplete
}

// sgIngressTypes are the resources that write security group ingress
// permissions.
var sgIngressTypes = []string{"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}

// checkSGExposure is the check of the security group rules: it fails on
// the first ingress permission that opens the given ports (or every port)
// to the internet.
func checkSGExposure(r *scanner.Resource, ix *scanner.Index, q portQuery, what string) scanner.Result {
	if r.Type == "aws_security_group_rule" {
		if typ := r.Attr("type"); typ.IsKnown() && !typ.Equals("ingress") {
			return scanner.DoesNotApply("an egress rule: it lets no traffic in")
		}
	}
	perms, incomplete := sharedSGPermissions(r, ix)
	var unknown *scanner.Result
	for _, p := range perms {
		e := p.exposes(q)
		switch e.state {
		case scanner.Yes:
			return scanner.Failed(p.rng, "%s allows ingress from %s to %s: %s is reachable from the whole internet", p.label, e.source, e.ports, what)
		case scanner.Maybe:
			if unknown == nil {
				res := scanner.Unknowable(p.rng, "%s may open %s to the internet: its source or ports are only known after apply", p.label, what)
				unknown = &res
			}
		}
	}
	if p, e := groupExposure(r, ix, q); e.state == scanner.Yes {
		return scanner.Failed(p.rng, "%s and the security group's other rules together allow ingress from %s to %s: %s is reachable from the whole internet", p.label, e.source, e.ports, what)
	} else if e.state == scanner.Maybe && unknown == nil {
		res := scanner.Unknowable(p.rng, "%s may open %s to the internet together with the security group's other rules: their sources or ports are only known after apply", p.label, what)
		unknown = &res
	}
	if unknown != nil {
		return *unknown
	}
	if incomplete {
		return scanner.Unknowable(r.Range, "ingress rules are generated from a collection only known after apply")
	}
	return scanner.Passed()
}

// naclEntry is one ingress entry of a network ACL. An entry has an IPv4
// or an IPv6 source; a deny for 0.0.0.0/0 does not shadow an allow for ::/0.
type naclEntry struct {
	ingressPerm
	owner      *scanner.Resource
	number     scanner.Value
	action     scanner.Value
	ipv4, ipv6 scanner.Value
}

// forFamily returns the entries as seen by traffic of one address family:
// each with only that family's source.
func forFamily(entries []naclEntry, ipv6 bool) []naclEntry {
	out := make([]naclEntry, len(entries))
	for i, en := range entries {
		src := en.ipv4
		if ipv6 {
			src = en.ipv6
		}
		en.cidrs = []scanner.Value{src}
		out[i] = en
	}
	return out
}

// naclTypes are the resources that write network ACL entries.
var naclTypes = []string{"aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"}

// naclOwnEntries returns the ingress entries r writes itself.
func naclOwnEntries(r *scanner.Resource) (entries []naclEntry, incomplete bool) {
	if r.Type == "aws_network_acl_rule" {
		egress := r.Attr("egress")
		if egress.IsTrue() {
			return nil, false
		}
		if egress.IsUnknown() {
			return nil, true
		}
		return []naclEntry{{
			ingressPerm: ingressPerm{
				label:    "this rule",
				protocol: r.Attr("protocol"),
				from:     r.Attr("from_port"),
				to:       r.Attr("to_port"),
				rng:      r.Range,
			},
			owner:  r,
			number: r.Attr("rule_number"),
			action: r.Attr("rule_action"),
			ipv4:   r.Attr("cidr_block"),
			ipv6:   r.Attr("ipv6_cidr_block"),
		}}, false
	}
	for _, b := range r.Blocks("ingress") {
		entries = append(entries, naclEntry{
			ingressPerm: ingressPerm{
				label:    fmt.Sprintf("ingress rule %s", b.Attr("rule_no").StringOr("?")),
				protocol: b.Attr("protocol"),
				from:     b.Attr("from_port"),
				to:       b.Attr("to_port"),
				rng:      b.Range,
			},
			owner:  r,
			number: b.Attr("rule_no"),
			action: b.Attr("action"),
			ipv4:   b.Attr("cidr_block"),
			ipv6:   b.Attr("ipv6_cidr_block"),
		})
	}
	return entries, r.BlocksUnknown("ingress")
}

// naclEntries returns every ingress entry of the network ACL that r belongs
// to: an ACL's inline entries plus the aws_network_acl_rule resources that
// refer to it, or a rule's siblings and its ACL's inline entries.
func naclEntries(r *scanner.Resource, ix *scanner.Index) (entries []naclEntry, incomplete bool) {
	var acl *scanner.Resource
	var rules []*scanner.Resource
	if r.Type == "aws_network_acl_rule" {
		id := r.Attr("network_acl_id")
		for _, res := range ix.Resolve(id) {
			if res.Type == "aws_network_acl" || res.Type == "aws_default_network_acl" {
				acl = res
			}
		}
		rules = sameACLRules(id, ix)
	} else {
		acl = r
		rules, _ = ix.Referrers(r, "aws_network_acl_rule", []string{"network_acl_id"}, "id")
	}
	if acl != nil {
		own, inc := naclOwnEntries(acl)
		entries, incomplete = append(entries, own...), inc
	}
	seen := map[*scanner.Resource]bool{}
	for _, rule := range rules {
		if seen[rule] {
			continue
		}
		seen[rule] = true
		own, inc := naclOwnEntries(rule)
		entries = append(entries, own...)
		incomplete = incomplete || inc
	}
	if r.Type == "aws_network_acl_rule" && !seen[r] {
		own, inc := naclOwnEntries(r)
		entries = append(entries, own...)
		incomplete = incomplete || inc
	}
	return entries, incomplete
}

// sharedNACLEntries is naclEntries computed once per resource and index
// (perResource): three rules check every network ACL resource, and each
// would otherwise gather the same entries again, an aws_network_acl_rule
// with its siblings' (sameACLRules).
func sharedNACLEntries(r *scanner.Resource, ix *scanner.Index) ([]naclEntry, bool) {
	return perResource(r, ix, naclEntries)
}

// sameACLRules returns the aws_network_acl_rule resources whose
// network_acl_id is the same reference or the same known ID as id, or
// reads the same value only known after apply (scanner.Value.Ident), in
// the order of ix.OfType.
func sameACLRules(id scanner.Value, ix *scanner.Index) []*scanner.Resource {
	return scanner.Memo(ix, aclRulesKey{}, indexACLRules).sameParent(id)
}

// aclRulesKey is the scanner.Memo key of indexACLRules.
type aclRulesKey struct{}

func indexACLRules(ix *scanner.Index) *childTable {
	return indexChildren(ix, "network_acl_id", "aws_network_acl_rule")
}

// childTable is every resource of some types by the argument that names
// its parent (a network ACL rule's network_acl_id, a security group
// rule's security_group_id): the siblings of one parent are found by a
// lookup, where scanning every resource for each one's siblings made a
// scan quadratic.
type childTable struct {
	// byID holds the resources by the argument's known value, byRef by
	// the base address of each resource it refers to, byIdent by the
	// reference a value only known after apply reads (scanner.Value.Ident:
	// a variable is in no Refs, but two rules that read var.acl_id name
	// one ACL).
	byID, byRef, byIdent map[string][]*scanner.Resource
	// order is each resource's place in ix.OfType.
	order map[*scanner.Resource]int
}

// indexChildren builds the childTable of the resources of types by their
// argument arg.
func indexChildren(ix *scanner.Index, arg string, types ...string) *childTable {
	children := ix.OfType(types...)
	t := &childTable{byID: map[string][]*scanner.Resource{}, byRef: map[string][]*scanner.Resource{}, byIdent: map[string][]*scanner.Resource{}, order: make(map[*scanner.Resource]int, len(children))}
	for i, r := range children {
		t.order[r] = i
		v := r.Attr(arg)
		if s, ok := v.AsString(); ok {
			t.byID[s] = append(t.byID[s], r)
		}
		if id := v.Ident(); id != nil {
			t.byIdent[id.String()] = append(t.byIdent[id.String()], r)
		}
		for _, ref := range v.Refs {
			base := scanner.BaseAddress(ref)
			if refs := t.byRef[base]; len(refs) == 0 || refs[len(refs)-1] != r {
				t.byRef[base] = append(refs, r)
			}
		}
	}
	return t
}

// sameParent returns the resources whose argument is the same reference
// or the same known value as id, or reads the same value only known after
// apply (scanner.Value.Ident), in the order of ix.OfType.
func (t *childTable) sameParent(id scanner.Value) []*scanner.Resource {
	var out []*scanner.Resource
	seen := map[*scanner.Resource]bool{}
	add := func(children []*scanner.Resource) {
		for _, r := range children {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	if known, ok := id.AsString(); ok {
		add(t.byID[known])
	}
	if ident := id.Ident(); ident != nil {
		add(t.byIdent[ident.String()])
	}
	for _, ref := range id.Refs {
		add(t.byRef[scanner.BaseAddress(ref)])
	}
	sort.Slice(out, func(i, j int) bool { return t.order[out[i]] < t.order[out[j]] })
	return out
}

// naclDecision finds, for one port (or all ports), the entry that decides
// traffic from the internet: network ACLs evaluate entries in rule-number
// order and stop at the first match, so a lower-numbered deny shadows a
// later allow. A deny that may or may not match leaves the outcome of the
// allow after it unknown. Order only matters when some entry that may match
// is, or may be, a deny: among allows alone, whichever comes first lets the
// traffic in, so a rule number left out or only known after apply then
// decides nothing.
func naclDecision(entries []naclEntry, q portQuery) (*naclEntry, ingressExposure) {
	// What an entry exposes is asked in every pass below: decide it once.
	sorted := make([]exposedEntry, len(entries))
	mayDeny := false
	for i, en := range entries {
		sorted[i] = exposedEntry{naclEntry: en, ex: en.exposes(q)}
		action, known := en.action.AsString()
		if (!known || !strings.EqualFold(action, "allow")) && sorted[i].ex.state != scanner.No {
			mayDeny = true
		}
	}
	for i := range sorted {
		if _, ok := sorted[i].number.AsInt(); !ok && mayDeny && sorted[i].ex.state != scanner.No {
			return &sorted[i].naclEntry, ingressExposure{state: scanner.Maybe}
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, _ := sorted[i].number.AsInt()
		b, _ := sorted[j].number.AsInt()
		return a < b
	})
	uncertain := false
	for i := range sorted {
		en, ex := &sorted[i].naclEntry, sorted[i].ex
		if ex.state == scanner.No {
			continue
		}
		action, known := en.action.AsString()
		deny := known && strings.EqualFold(action, "deny")
		switch {
		case deny && ex.state == scanner.Yes:
			return nil, ingressExposure{}
		case deny:
			uncertain = true
		case !known || ex.state == scanner.Maybe || uncertain:
			return en, ingressExposure{state: scanner.Maybe}
		default:
			return en, ex
		}
	}
	return nil, ingressExposure{}
}

// exposedEntry is a network ACL entry with what it exposes to one
// naclDecision's ports.
type exposedEntry struct {
	naclEntry
	ex ingressExposure
}

// naclUnionOfClasses is naclUnion for each transport protocol q asks
// about: a union that covers the internet for one of them, else the first
// that may.
func naclUnionOfClasses(r *scanner.Resource, entries, foreign []naclEntry, q portQuery) (*naclEntry, ingressExposure) {
	classes := protocolClasses
	if q.tcpOnly {
		classes = classes[:1]
	}
	var maybe *naclEntry
	for _, class := range classes {
		en, ex := naclUnion(r, entries, foreign, q, class)
		if ex.state == scanner.Yes {
			return en, ex
		}
		if ex.state == scanner.Maybe && maybe == nil {
			maybe = en
		}
	}
	if maybe != nil {
		return maybe, ingressExposure{state: scanner.Maybe}
	}
	return nil, ingressExposure{}
}

// checkNACLExposure is the check of the network ACL rules: r fails when an
// entry it writes is the one that lets the internet reach one of the ports
// (or every port).
func checkNACLExposure(r *scanner.Resource, ix *scanner.Index, ports []ruleutil.PortRange, all bool, what string) scanner.Result {
	entries, incomplete := sharedNACLEntries(r, ix)
	targets := [][]ruleutil.PortRange{ports}
	if !all {
		// Decide each port on its own: a deny may shadow one port and
		// not another.
		targets = targets[:0]
		for _, p := range ports {
			targets = append(targets, []ruleutil.PortRange{p})
		}
	}
	foreign := foreignNACLEntries(r, ix, entries)
	var unknown *scanner.Result
	for _, ipv6 := range []bool{false, true} {
		family := forFamily(entries, ipv6)
		others := forFamily(foreign, ipv6)
		for _, target := range targets {
			q := portQuery{ports: target, all: all, tcpOnly: !all}
			decider, ex := naclDecision(family, q)
			if decider == nil {
				decider, ex = naclUnionOfClasses(r, family, others, q)
			}
			if decider == nil || decider.owner != r {
				continue
			}
			switch ex.state {
			case scanner.Yes:
				return scanner.Failed(decider.rng, "%s allows ingress from %s to %s, and no lower-numbered rule denies it: %s is reachable from the whole internet", decider.label, ex.source, ex.ports, what)
			case scanner.Maybe:
				if unknown == nil {
					res := scanner.Unknowable(decider.rng, "%s may let the internet reach %s: its source, ports, action or rule number are only known after apply", decider.label, what)
					unknown = &res
				}
			}
		}
	}
	if unknown != nil {
		return *unknown
	}
	if incomplete {
		return scanner.Unknowable(r.Range, "network ACL entries are generated from a collection only known after apply")
	}
	return scanner.Passed()
}

// privateRanges are the address ranges that never route on the internet:
// RFC 1918, shared address space (RFC 6598), loopback and link-local, and
// IPv6 unique-local and link-local addresses.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
}

// isPrivateCIDR reports whether a CIDR block lies wholly inside a private
// range, with its host bits masked as AWS reads it. Text that is not a CIDR
// block is not private.
func isPrivateCIDR(s string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	p = p.Masked()
	for _, r := range privateRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// publicSource decides whether any CIDR argument (a string or a list of
// strings) reaches outside private address space; it returns the first
// such CIDR. Text the provider rejects as a CIDR block reaches nothing.
func publicSource(cidrs ...scanner.Value) (string, scanner.Tri) {
	state := scanner.No
	for _, v := range cidrs {
		values, incomplete := v.KnownStrings()
		if incomplete {
			state = scanner.Maybe
		}
		for _, s := range values {
			if _, ok := networkCIDR(s); ok && !isPrivateCIDR(s) {
				return s, scanner.Yes
			}
		}
	}
	return "", state
}
