package aws

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region (A1.2 "Addresses Offsite Storage"): a backup copy or replica
// protects against the loss of a region only if it lands in another one.
// Regions come from provider aliases, explicit region arguments and ARNs;
// when one cannot be determined statically the result is unknown. The
// rules are in backup_region_*.go; this file reads regions for them.

// backupRegionCriteria is the mapping of every backup-region rule.
var backupRegionCriteria = scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}}

// placement is where one thing lives — a resource, or the destination of a
// backup copy or replica: a known region, or the reason the region cannot be
// determined statically. The backup-region rules never guess a region.
type placement struct {
	// Region is the lower-case region name, "" when it is not known.
	Region string
	// Why says why the region cannot be determined; "" when it is known.
	Why string
	// What names the thing placed, for messages: an address or an ARN.
	What string
	// Range is where the placement was read: the argument naming the
	// destination, or the resource block.
	Range scanner.Range
	// Ident is, for a region not known until apply, the reference it is
	// read from (scanner.Value.Ident), nil otherwise: two placements
	// whose regions are read from one variable are in one region.
	Ident *scanner.Ident
}

// Known reports whether the region was determined.
func (p placement) Known() bool { return p.Why == "" && p.Region != "" }

// Comparable reports whether p can be compared with another placement:
// its region is known, or read from a reference (Ident).
func (p placement) Comparable() bool { return p.Known() || p.Ident != nil }

// Label names p's region for messages: the region, or the reference it
// is read from.
func (p placement) Label() string {
	if p.Known() || p.Ident == nil {
		return p.Region
	}
	return "the region " + p.Ident.String() + " names"
}

// samePlacement decides whether p and q are in one region: by the
// regions when both are known, Yes when both are read from one reference
// (one variable for the regions of two providers), Maybe otherwise.
func samePlacement(p, q placement) scanner.Tri {
	if p.Known() && q.Known() {
		return scanner.TriOf(p.Region == q.Region, false)
	}
	if p.Ident != nil && q.Ident != nil && *p.Ident == *q.Ident {
		return scanner.Yes
	}
	return scanner.Maybe
}

// regionOfResource reads the region the loader determined for r: its own
// `region` argument, else its provider configuration's region.
func regionOfResource(r *scanner.Resource) placement {
	p := placement{What: r.Address, Range: r.Range}
	v := r.Region()
	providerName := r.Provider
	if providerName == "" {
		providerName = "aws"
	}
	switch {
	case v.IsUnknown():
		p.Why = fmt.Sprintf("the region of %s is not known until apply: it comes from a value (such as a variable without a default) that is not set statically", r.Address)
		p.Ident = v.Ident()
	case v.IsKnown():
		s, ok := v.AsString()
		if !ok || strings.TrimSpace(s) == "" {
			p.Why = fmt.Sprintf("the region of %s cannot be determined: its region is empty", r.Address)
			break
		}
		p.Region = strings.ToLower(strings.TrimSpace(s))
	default:
		p.Why = fmt.Sprintf("the region of %s cannot be determined: neither a region argument nor its provider configuration (%s) sets one", r.Address, providerName)
	}
	return p
}

// placementsOfTarget resolves an argument that names a destination — an ARN
// or a reference such as `aws_backup_vault.dr.arn` — to the regions it lives
// in. A known ARN carrying a region wins; otherwise the referenced resources'
// regions are used. byName, when not nil, finds declared resources by a name
// read from a region-less ARN (S3 bucket ARNs carry no region). An argument
// that resolves to nothing gives one unknown placement; an absent argument
// gives none.
func placementsOfTarget(v scanner.Value, ix *scanner.Index, byName func(name string) []*scanner.Resource) []placement {
	if v.IsNull() {
		return nil
	}
	if s, ok := v.AsString(); ok {
		if region, ok := regionFromARN(s); ok {
			return []placement{{Region: strings.ToLower(region), What: s, Range: v.Range}}
		}
	}
	var out []placement
	for _, t := range ix.Resolve(v) {
		p := regionOfResource(t)
		p.Range = v.Range
		out = append(out, p)
	}
	if len(out) > 0 {
		return out
	}
	if s, ok := v.AsString(); ok && byName != nil {
		for _, t := range byName(s) {
			p := regionOfResource(t)
			p.Range = v.Range
			out = append(out, p)
		}
		if len(out) > 0 {
			return out
		}
		return []placement{{What: s, Range: v.Range, Why: fmt.Sprintf(
			"%s = %q names nothing declared in this configuration, so the region it lives in cannot be determined", v.Name, s)}}
	}
	if v.IsUnknown() {
		return []placement{{What: v.Name, Range: v.Range, Why: fmt.Sprintf(
			"%s is not known until apply and refers to no resource of this configuration, so its region cannot be determined", v.Name)}}
	}
	s, _ := v.AsString()
	return []placement{{What: s, Range: v.Range, Why: fmt.Sprintf(
		"%s = %q is neither a regional ARN nor a reference to a declared resource, so its region cannot be determined", v.Name, s)}}
}

// placementOfRegionName reads an argument that holds a region name, such as
// a DynamoDB replica's region_name or a DLM copy rule's target.
func placementOfRegionName(v scanner.Value, what string) placement {
	p := placement{What: what, Range: v.Range}
	if v.IsUnknown() {
		p.Why = fmt.Sprintf("%s of %s is not known until apply", v.Name, what)
		p.Ident = v.Ident()
		return p
	}
	s, ok := v.AsString()
	if !ok || strings.TrimSpace(s) == "" {
		p.Why = fmt.Sprintf("%s of %s is not set", v.Name, what)
		return p
	}
	if region, ok := regionFromARN(s); ok {
		s = region
	}
	p.Region = strings.ToLower(strings.TrimSpace(s))
	return p
}

// regionFromARN returns the region field of an AWS ARN
// (arn:partition:service:region:account:resource), ok false when s is not an
// ARN or the ARN is global (IAM, S3 bucket ARNs carry no region).
func regionFromARN(s string) (string, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[3] == "" {
		return "", false
	}
	return parts[3], true
}

// bucketsNamed returns the declared S3 buckets with the given name, read from
// a bucket ARN (`arn:aws:s3:::name`) or a plain name, ignoring case as
// Value.Equals does. The buckets are indexed by name once per scan: rules
// ask for every bucket, and comparing with every bucket each time made a
// scan quadratic.
func bucketsNamed(ix *scanner.Index) func(string) []*scanner.Resource {
	byName := scanner.Memo(ix, bucketsByNameKey{}, indexBucketsByName)
	return func(s string) []*scanner.Resource {
		name := strings.TrimPrefix(s, "arn:aws:s3:::")
		name = strings.TrimPrefix(name, "arn:aws-us-gov:s3:::")
		name = strings.TrimPrefix(name, "arn:aws-cn:s3:::")
		var out []*scanner.Resource
		for _, b := range byName[foldKey(name)] {
			if b.Attr("bucket").Equals(name) {
				out = append(out, b)
			}
		}
		return out
	}
}

// bucketsByNameKey is the scanner.Memo key of indexBucketsByName.
type bucketsByNameKey struct{}

// indexBucketsByName maps the case-folded known name of each bucket to the
// buckets, in OfType order.
func indexBucketsByName(ix *scanner.Index) map[string][]*scanner.Resource {
	out := map[string][]*scanner.Resource{}
	for _, b := range ix.OfType("aws_s3_bucket") {
		if s, ok := b.Attr("bucket").AsString(); ok {
			k := foldKey(s)
			out[k] = append(out[k], b)
		}
	}
	return out
}

// foldKey maps s to one string per strings.EqualFold class: each rune
// becomes the smallest rune of its simple case-folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// offsiteVerdict sums up where one copy lands relative to the source region.
type offsiteVerdict int

const (
	verdictUndetermined offsiteVerdict = iota
	verdictOffsite
	verdictSameRegion
)

// judgeOffsite decides whether a copy leaves the source region: offsite when
// every candidate destination is known and elsewhere, same-region when every
// one is in the source region (also when both regions are read from one
// variable, whatever region it names), undetermined otherwise.
//
// dests are the candidates for one destination: a reference can resolve to
// several resources (every instance of a counted resource, every value a
// dynamic block iterates over). When the candidates disagree — some in the
// source region, some elsewhere — which one applies is not known statically
// and the verdict is undetermined, not a guess either way.
func judgeOffsite(source placement, dests []placement) (offsiteVerdict, placement) {
	if len(dests) == 0 {
		return verdictUndetermined, placement{Why: "the destination cannot be resolved to a region"}
	}
	same, other := -1, -1
	for i, d := range dests {
		switch samePlacement(source, d) {
		case scanner.Maybe:
			if d.Known() {
				d.Why, d.Region = source.Why, ""
			}
			return verdictUndetermined, d
		case scanner.Yes:
			if same < 0 {
				same = i
			}
		default:
			if other < 0 {
				other = i
			}
		}
	}
	switch {
	case other < 0:
		return verdictSameRegion, dests[same]
	case same < 0:
		return verdictOffsite, dests[other]
	}
	p := dests[same]
	p.Why = fmt.Sprintf("the destination may be %s (in %s) or %s (in %s): which one applies is not known statically",
		dests[same].What, dests[same].Label(), dests[other].What, dests[other].Label())
	p.Region = ""
	return verdictUndetermined, p
}

// regionDataSources are data "aws_region" and data "aws_partition", whose
// attributes follow from the provider's region, which the scanner knows as
// well as the provider does: ARNs built as "arn:${data.aws_partition.current.
// partition}:iam::aws:policy/AdministratorAccess" are then known, and rules
// can judge them. An unknown region leaves them unknown. With no region
// configured at all the partition is taken to be "aws", the commercial
// partition, because the policies and ARNs rules read name the same
// services in every partition; the region itself stays unknown.
var regionDataSources = []scanner.DataSource{
	{Type: "aws_region", Compute: regionAttrs},
	{Type: "aws_partition", Compute: partitionAttrs},
}

// regionAttrs gives data "aws_region" its name, region and id, unless they
// are written with known values.
func regionAttrs(args *scanner.Block, region scanner.Value) map[string]cty.Value {
	name, known := region.AsString()
	if !known {
		return nil
	}
	out := map[string]cty.Value{}
	for _, a := range []string{"name", "region", "id"} {
		if !args.Attr(a).IsKnown() {
			out[a] = cty.StringVal(name)
		}
	}
	return out
}

func partitionAttrs(_ *scanner.Block, region scanner.Value) map[string]cty.Value {
	name, known := region.AsString()
	if !known && region.Present {
		return nil
	}
	partition, suffix := awsPartition(name)
	return map[string]cty.Value{
		"partition":          cty.StringVal(partition),
		"id":                 cty.StringVal(partition),
		"dns_suffix":         cty.StringVal(suffix),
		"reverse_dns_prefix": cty.StringVal(reverseDNS(suffix)),
	}
}

// awsPartition returns the partition and DNS suffix of an AWS region.
func awsPartition(region string) (partition, dnsSuffix string) {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn", "amazonaws.com.cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov", "amazonaws.com"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b", "sc2s.sgov.gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso", "c2s.ic.gov"
	case strings.HasPrefix(region, "eu-isoe-"):
		return "aws-iso-e", "cloud.adc-e.uk"
	case strings.HasPrefix(region, "us-isof-"):
		return "aws-iso-f", "csp.hci.ic.gov"
	}
	return "aws", "amazonaws.com"
}

func reverseDNS(suffix string) string {
	parts := strings.Split(suffix, ".")
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".")
}
