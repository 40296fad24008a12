package aws

import (
	"path"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Helpers shared by the encryption, keys and secrets rules.

// encryptionCriteria are the criteria of at-rest encryption rules.
var encryptionCriteria = scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}}

// transitCriteria are the criteria of in-transit encryption rules.
var transitCriteria = scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}}

// keyCriteria are the criteria of key-management rules.
var keyCriteria = scanner.Criteria{Primary: "CC6.1", Secondary: []string{"PI1.5"}}

// secretCriteria are the criteria of secret-management rules.
var secretCriteria = scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}}

// registryDoc links the hashicorp/aws documentation of a resource type,
// optionally at an argument's anchor.
func registryDoc(resourceType, anchor string) string {
	// One concatenation: this runs for some two hundred links at every
	// start of the program.
	const base = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
	if anchor == "" {
		return base + strings.TrimPrefix(resourceType, "aws_")
	}
	return base + strings.TrimPrefix(resourceType, "aws_") + "#" + anchor
}

// isAWSManagedKey reports whether a key reference names an AWS managed key
// (alias/aws/<service>), which the account cannot rotate on its own
// schedule, restrict by key policy or revoke.
func isAWSManagedKey(key string) bool {
	return strings.HasPrefix(key, "alias/aws/") || strings.Contains(key, ":alias/aws/")
}

// isEmptyString reports an argument set to a known empty (or blank)
// string, which the AWS provider reads as unset: kms_master_key_id = ""
// turns no encryption on.
func isEmptyString(v scanner.Value) bool {
	s, ok := v.AsString()
	return ok && v.Val.Type().IsPrimitiveType() && strings.TrimSpace(s) == ""
}

// requireNamed passes when v names something: set to a value that is not
// a known empty (or blank) string. The AWS provider reads kms_key_id = ""
// or cloud_watch_logs_group_arn = "" as unset, so an empty string turns
// nothing on; msg is the failure message for an unset value.
func requireNamed(v scanner.Value, msg string) scanner.Result {
	if isEmptyString(v) {
		return scanner.Failed(v.Range, "%s is empty, which the provider reads as unset", v.Name)
	}
	return scanner.RequireSet(v, msg)
}

// requireCustomerKey passes when v names a customer-managed KMS key: set to
// a known value that is neither empty (which the providers read as unset)
// nor an AWS managed alias, or to a reference that is only known after
// apply (an aws_kms_key's ARN). what describes the data
// the key protects, for messages.
func requireCustomerKey(v scanner.Value, what string) scanner.Result {
	if v.IsNull() {
		return scanner.Failed(v.Range, "%s is not set: %s is encrypted with a key AWS owns or manages, not a customer-managed KMS key", v.Name, what)
	}
	if isEmptyString(v) {
		return scanner.Failed(v.Range, "%s is empty, which names no key: %s is encrypted with a key AWS owns or manages, not a customer-managed KMS key", v.Name, what)
	}
	if s, ok := v.AsString(); ok && isAWSManagedKey(s) {
		return scanner.Failed(v.Range, "%s is %s, an AWS managed key: %s is not under a customer-managed KMS key", v.Name, scanner.Quote(v), what)
	}
	return scanner.Passed()
}

// sameRegion decides whether two resources live in the same region of the
// same account — where a regional setting (EBS encryption by default) or
// a regional name (a log group's) is one: Maybe when either region or
// account cannot be determined statically. Resources of the same provider
// configuration without their own region argument share a region even
// when no configuration names it; otherwise their placements decide
// (samePlacement), so regions read from one variable are one; and their
// accounts (sameAccount).
func sameRegion(a, b *scanner.Resource) scanner.Tri {
	if a.Provider == b.Provider && !a.Attr("region").IsSet() && !b.Attr("region").IsSet() {
		return scanner.Yes
	}
	return samePlacement(regionOfResource(a), regionOfResource(b)).And(sameAccount(a, b))
}

// sameAccount decides whether two resources are in one AWS account, from
// what their provider configurations state (scanner.Resource.Account):
// Yes for one configuration, two equal known accounts, two accounts read
// from one reference, or two configurations that both select no account
// (the ambient credentials, one account); No for two known accounts that
// differ; Maybe otherwise — a profile, keys or a role not known may be
// any account, the ambient one included.
func sameAccount(a, b *scanner.Resource) scanner.Tri {
	if a.Provider == b.Provider {
		return scanner.Yes
	}
	x, y := a.Account(), b.Account()
	if !x.Present && !y.Present {
		return scanner.Yes
	}
	if !x.Present || !y.Present {
		return scanner.Maybe
	}
	return scanner.Same(x, y)
}

// ebsDefaultEncryption decides whether the configuration turns on EBS
// encryption by default in r's region, which makes every new volume there
// encrypted whatever its own arguments say: Maybe when a declaration may
// apply but its region or setting is not known.
func ebsDefaultEncryption(r *scanner.Resource, ctx *scanner.Context) scanner.Tri {
	on := scanner.No
	if ctx == nil || ctx.Index == nil {
		return on
	}
	for _, d := range ctx.Index.OfType("aws_ebs_encryption_by_default") {
		switch sameRegion(r, d) {
		case scanner.Maybe:
			// A declaration whose region is not known leaves the
			// answer open, whatever its setting.
			on = on.Or(scanner.Maybe)
		case scanner.Yes:
			on = on.Or(d.Attr("enabled").BoolOr(true))
		}
	}
	return on
}

// inheritedEncryptionNote is the policy of the at-rest rules for data
// created from a source outside the configuration (a snapshot, an AMI, a
// snapshot to restore or copy): when the new resource neither declares
// encryption nor can be followed to a source the configuration declares,
// it fails. The configuration is the SOC 2 evidence, and it does not show
// the data encrypted; a copy or a new volume can always ask for encryption
// itself (encrypted = true, kms_key_id), which AWS honours whatever the
// source, so the fix is one argument. Sources whose encryption the new
// resource cannot choose (a read replica, a snapshot of a live volume or
// database) stay unknown.
const inheritedEncryptionNote = "Data created from a source outside the configuration (a snapshot, an AMI, a snapshot " +
	"to restore or copy) that does not declare encryption itself fails: its encryption is the source's, which the " +
	"configuration, the SOC 2 evidence, does not show, and declaring it (encrypted = true, kms_key_id) encrypts the " +
	"new data whatever the source."

// volumeEncryption decides one EBS volume declaration: a volume block of an
// instance, launch template or launch configuration, or an aws_ebs_volume.
// encrypted is its encrypted argument, snapshot its snapshot_id argument
// (a volume created from a snapshot takes the snapshot's encryption unless
// it sets encrypted = true; see inheritedEncryptionNote), key its
// kms_key_id argument (the zero Value where the block has none), and where
// names the volume in messages.
func volumeEncryption(r *scanner.Resource, ctx *scanner.Context, encrypted, snapshot, key scanner.Value, where string) scanner.Result {
	return keyImpliesEncryption(encrypted, key, func() scanner.Result {
		return volumeFlagEncryption(r, ctx, encrypted, snapshot, where)
	})
}

// keyOnlyEncryptionNote tells the rules that judge by keyImpliesEncryption
// why a KMS key without the encryption flag passes.
const keyOnlyEncryptionNote = "A KMS key argument without the encryption flag passes: the API accepts a key only " +
	"together with encryption turned on, so such a configuration yields encrypted data or none at all."

// keyImpliesEncryption decides a resource whose encryption flag (encrypted,
// storage_encrypted) is not set by its KMS key argument before rest, the
// rule's judgement of the flag. EC2 ("The parameter KmsKeyId requires the
// parameter Encrypted to be set"), RDS, DocumentDB, Neptune and EFS accept a
// key only together with the flag on (the provider documents each such key
// as "needs encrypted/storage_encrypted set to true"), so a key without the
// flag yields encrypted data or no resource at all, never unencrypted data:
// it passes. A flag that is set, false included, is rest's to judge.
func keyImpliesEncryption(flag, key scanner.Value, rest func() scanner.Result) scanner.Result {
	if !flag.IsNull() {
		return rest()
	}
	return ruleutil.PassIfNamed(key, rest)
}

// volumeFlagEncryption is volumeEncryption by the encrypted argument, the
// region's EBS encryption by default and the snapshot, once no key settles
// it.
func volumeFlagEncryption(r *scanner.Resource, ctx *scanner.Context, encrypted, snapshot scanner.Value, where string) scanner.Result {
	if encrypted.IsTrue() {
		return scanner.Passed()
	}
	if encrypted.IsUnknown() {
		return scanner.Unknowable(encrypted.Range, "%s: encrypted is not known until apply", where)
	}
	byDefault := ebsDefaultEncryption(r, ctx)
	if byDefault == scanner.Yes {
		return scanner.Passed()
	}
	if encrypted.IsNull() && snapshot.IsSet() {
		if res, ok := declaredSnapshotEncryption(ctx, snapshot, where); ok {
			return res
		}
		if byDefault == scanner.Maybe {
			return scanner.Unknowable(snapshot.Range, "%s is created from a snapshot outside the configuration and is not encrypted unless EBS encryption by default is on in its region, which is not known until apply", where)
		}
		return scanner.Failed(snapshot.Range, "%s is created from a snapshot and does not set encrypted = true: its encryption is the snapshot's, which this configuration does not show, and EBS encryption by default is not enabled in its region in this configuration", where)
	}
	if byDefault == scanner.Maybe {
		return scanner.Unknowable(encrypted.Range, "%s is not encrypted unless EBS encryption by default is on in its region, which is not known until apply", where)
	}
	if encrypted.IsNull() {
		return scanner.Failed(encrypted.Range, "%s does not set encrypted = true and EBS encryption by default is not enabled in its region in this configuration", where)
	}
	return scanner.Failed(encrypted.Range, "%s sets encrypted = false", where)
}

// declaredSnapshotEncryption follows a volume's snapshot_id to an EBS
// snapshot or snapshot copy the configuration declares and decides the
// volume by it; ok is false when the snapshot is not in the configuration
// or its encryption is not shown there either (a snapshot of a volume
// outside it), which leaves the volume not shown encrypted.
func declaredSnapshotEncryption(ctx *scanner.Context, snapshot scanner.Value, where string) (scanner.Result, bool) {
	if ctx == nil || ctx.Index == nil {
		return scanner.Result{}, false
	}
	for _, src := range ctx.Index.Resolve(snapshot) {
		if src.Type != "aws_ebs_snapshot" && src.Type != "aws_ebs_snapshot_copy" {
			continue
		}
		switch res := imageEncryption(src, ctx, 1); res.Status {
		case scanner.Fail:
			return scanner.Failed(snapshot.Range, "%s is created from %s, which is not encrypted, and does not set encrypted = true", where, src.Address), true
		case scanner.Unknown:
			return scanner.Result{}, false
		default:
			return ruleutil.ThroughRef(snapshot, res), true
		}
	}
	return scanner.Result{}, false
}

// worst combines per-part results: any failure wins, then unknown, then
// pass, so that one unencrypted volume fails its resource.
func worst(results ...scanner.Result) scanner.Result {
	out := scanner.Passed()
	for _, r := range results {
		switch {
		case r.Status == scanner.Fail:
			return r
		case r.Status == scanner.Unknown && out.Status == scanner.Pass:
			out = r
		}
	}
	return out
}

// best combines results of which any one suffices: a pass wins, then
// unknown, then failure; the first of each in order. The counterpart of
// worst, for several configurations that may each cover a resource.
func best(results ...scanner.Result) scanner.Result {
	out := scanner.Result{Status: scanner.Fail}
	if len(results) > 0 {
		out = results[0]
	}
	for _, r := range results {
		switch {
		case r.Status == scanner.Pass:
			return r
		case r.Status == scanner.Unknown && out.Status != scanner.Unknown:
			out = r
		}
	}
	return out
}

// matchAny matches a name against allow-list patterns, exact names or
// shell globs ("ELBSecurityPolicy-TLS13-*", "eu-*"), ignoring case and
// surrounding spaces as users write them in .soc2scan.hcl.
func matchAny(s string, patterns []string) bool {
	s = strings.ToLower(s)
	for _, p := range patterns {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == s {
			return true
		}
		if ok, err := path.Match(p, s); err == nil && ok {
			return true
		}
	}
	return false
}

// describeValue renders a known value for messages (redacted when it is
// sensitive).
func describeValue(v scanner.Value) string {
	if _, ok := v.AsString(); ok {
		return scanner.Quote(v)
	}
	return "unset"
}

// customerKeyTypes are the resources whose ID, ARN or name is a key the
// account manages itself.
var customerKeyTypes = []string{"aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key", "aws_kms_alias"}

// refersToKey reports whether a value only known after apply is the
// identifier of a KMS key the configuration declares or reads (a key, an
// alias or a data source for one), which is never empty: a kms_key_id set to
// aws_kms_key.x.arn turns SSE-KMS on whatever the ARN turns out to be.
// A value a condition only known after apply may leave null or empty
// (Value.MayBeBlank) does not.
func refersToKey(v scanner.Value, ix *scanner.Index) bool {
	if v.MayBeBlank() {
		return false
	}
	for _, r := range ix.Resolve(v) {
		if slices.Contains(customerKeyTypes, r.Type) {
			return true
		}
	}
	return refersToUndeclaredKey(v, ix)
}

// refersToUndeclaredKey reports whether v refers to a managed KMS key
// resource that the scanned files do not declare (aws_kms_key.x.arn in a
// snippet or a partial checkout without the key). Such a resource can only
// be a customer-managed key: AWS managed keys are never resources, and
// aws_kms_alias cannot create an alias/aws/ name. Terraform rejects a
// reference to an undeclared resource (the scan reports it), so this never
// decides a configuration that plans.
func refersToUndeclaredKey(v scanner.Value, ix *scanner.Index) bool {
	for _, ref := range v.Refs {
		if ix != nil && len(ix.Resolve(scanner.Value{Refs: []string{ref}})) > 0 {
			continue
		}
		steps := strings.Split(scanner.BaseAddress(ref), ".")
		if len(steps) < 2 || (len(steps) > 2 && steps[len(steps)-3] == "data") {
			continue
		}
		if slices.Contains(customerKeyTypes, steps[len(steps)-2]) {
			return true
		}
	}
	return false
}

// requireCustomerKeyIn is requireCustomerKey for a key that may be only
// known after apply: a reference to a key the configuration declares
// passes, any other unknown value (a variable, a module output, an ARN
// built around an unknown ID) is unknown, since it may name an AWS managed
// key.
func requireCustomerKeyIn(v scanner.Value, ix *scanner.Index, what string) scanner.Result {
	if !v.IsUnknown() {
		return requireCustomerKey(v, what)
	}
	if v.MayBeBlank() {
		return scanner.Unknowable(v.Range, "%s is only known after apply and a condition only known then may leave it null or empty, which uses the AWS managed key", v.Name)
	}
	if ix == nil {
		return scanner.Unknowable(v.Range, "%s is only known after apply: it may name an AWS managed key", v.Name)
	}
	for _, r := range ix.Resolve(v) {
		if r.Mode == "data" {
			if res, ok := dataKeyResult(r, v, what); ok {
				return res
			}
			continue
		}
		if slices.Contains(customerKeyTypes, r.Type) {
			if r.Type == "aws_kms_alias" && isAWSManagedKey(r.Attr("name").StringOr("")) {
				continue
			}
			return scanner.Passed()
		}
	}
	if refersToUndeclaredKey(v, ix) {
		return scanner.Passed()
	}
	return scanner.Unknowable(v.Range, "%s is only known after apply: it may name an AWS managed key", v.Name)
}

// dataKeyResult decides a key read through a data source, by the name it
// looks the key up with: data "aws_kms_alias" { name = "alias/aws/sns" }
// or data "aws_kms_key" { key_id = "alias/aws/sns" } is the AWS managed
// key; any other known name is a key the account manages.
func dataKeyResult(d *scanner.Resource, v scanner.Value, what string) (scanner.Result, bool) {
	var name scanner.Value
	switch d.Type {
	case "aws_kms_alias":
		name = d.Attr("name")
	case "aws_kms_key":
		name = d.Attr("key_id")
	default:
		return scanner.Result{}, false
	}
	s, ok := name.AsString()
	switch {
	case !ok:
		return scanner.Result{}, false
	case isAWSManagedKey(s):
		return scanner.Failed(v.Range, "%s is %s, the AWS managed key %q: %s is not under a customer-managed KMS key", v.Name, d.Address, s, what), true
	}
	return scanner.Passed(), true
}
