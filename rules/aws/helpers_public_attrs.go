package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// publicAccessBlockFlags are the four settings of an S3 public access
// block; all must be true for the block to protect a bucket.
var publicAccessBlockFlags = []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}

// publicGrantBlockFlags are the two settings that make S3 reject a new
// public ACL or public bucket policy. A bucket whose block has them on
// cannot be opened by a later ACL or policy change; the other two
// (ignore_public_acls, restrict_public_buckets) neutralise grants that
// already exist and are judged on the block by their own rules.
var publicGrantBlockFlags = []string{"block_public_acls", "block_public_policy"}

// publicAccessBlockState decides whether a public access block (bucket or
// account level) has all four flags true. For a block that falls short it
// returns the first flag that is not true.
func publicAccessBlockState(b *scanner.Resource) (scanner.Tri, scanner.Value) {
	return blockFlagsState(b, publicAccessBlockFlags)
}

// blockFlagsState decides whether a public access block has every one of
// flags true, returning the first flag that is not true for a block that
// falls short.
func blockFlagsState(b *scanner.Resource, flags []string) (scanner.Tri, scanner.Value) {
	state := scanner.Yes
	var weakest scanner.Value
	for _, flag := range flags {
		v := b.Attr(flag)
		switch {
		case v.IsTrue():
		case v.IsUnknown():
			if state == scanner.Yes {
				state, weakest = scanner.Maybe, v
			}
		default:
			return scanner.No, v
		}
	}
	return state, weakest
}

// accountBlocksPublicAccess decides whether an account-level public access
// block with every one of flags true is declared in r's account: a block
// of another account covers nothing of r's, and one that may be in
// another account (inAccount) at best maybe covers it.
func accountBlocksPublicAccess(ix *scanner.Index, r *scanner.Resource, flags []string) scanner.Tri {
	best := scanner.No
	for _, b := range ix.OfType("aws_s3_account_public_access_block") {
		place := inAccount(r, b)
		if place == scanner.No {
			continue
		}
		state, _ := blockFlagsState(b, flags)
		best = best.Or(state.And(place))
	}
	return best
}

// publicCannedACLs are the canned ACLs that grant access to everyone or to
// every AWS account.
var publicCannedACLs = []string{"public-read", "public-read-write", "authenticated-read"}

// publicGranteeURIs are the ACL groups that mean everyone (AllUsers) or
// anyone with an AWS account (AuthenticatedUsers).
var publicGranteeURIs = []string{
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

// publicGrant decides whether an ACL grant block (grant { uri = … } on a
// legacy bucket, grantee { uri = … } in an access_control_policy) names a
// public group.
func publicGrant(uri scanner.Value) (string, scanner.Tri) {
	if uri.IsUnknown() {
		return "", scanner.Maybe
	}
	s, ok := uri.AsString()
	if !ok {
		return "", scanner.No
	}
	for _, p := range publicGranteeURIs {
		if strings.EqualFold(s, p) {
			return s, scanner.Yes
		}
	}
	return "", scanner.No
}
