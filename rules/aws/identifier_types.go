package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// idFacts is what one resource or data source type says about the
// identifiers it gives (its arn and id, and the attributes named for one):
// whether such a value names the one object it identifies, as AWS assigns
// it, or may be a pattern the configuration wrote. The IAM rules decide a
// policy's Resource or a principal read from them by these facts
// (isAssignedIDSource).
type idFacts struct {
	// echoesARN says the data source of the type returns, as its arn and
	// id, the argument the configuration gives it, without asking AWS
	// whether the object exists: aws_arn parses any ARN, "arn:aws:s3:::*"
	// too, and aws_iam_session_context returns an ARN that is not an
	// assumed role's as its issuer_arn. Such an identifier is the
	// configuration's text, which may be a wildcard.
	echoesARN bool
	// keyID says the managed resource's id is the object key the
	// configuration writes, which may be "*" (S3 allows it in a key).
	keyID bool
}

// identifierTypes are the types whose identifiers are not what AWS
// assigns to an object (see idFacts); every other AWS type's are.
var identifierTypes = map[string]idFacts{
	"aws_arn":                 {echoesARN: true},
	"aws_iam_session_context": {echoesARN: true},
	"aws_s3_object":           {keyID: true},
	"aws_s3_bucket_object":    {keyID: true},
	"aws_s3_object_copy":      {keyID: true},
}

// isAssignedIDSource reports whether src (a source of a
// scanner.Value.Origins entry) is an identifier AWS assigns to a resource
// or data source: its arn or id, or an attribute named for one (role_arn,
// key_id, unique_id). Such a value names the one object it identifies and
// never is a wildcard pattern: AWS assigns it once the object exists, and
// a data source reads it from an object that exists, so a data source's
// ARN decides as a resource's does. Other attributes (a bucket's name)
// may be written from a variable, and the values of SSM parameters and
// secret versions are data, not identifiers (their ARNs are identifiers).
// An identifier-named argument the configuration writes
// (aws_lambda_permission.p.source_arn = var.arn, OriginSource.Written) is
// the configuration's value, and the types in identifierTypes give the
// configuration's text back.
func isAssignedIDSource(src scanner.OriginSource) bool {
	if src.Kind != scanner.OriginAttr || src.Subnets != 0 || src.Written || !strings.HasPrefix(src.Type, "aws_") {
		return false
	}
	facts := identifierTypes[src.Type]
	if src.Data && facts.echoesARN || !src.Data && src.Attr == "id" && facts.keyID {
		return false
	}
	attr := src.Attr
	return attr == "arn" || attr == "id" || strings.HasSuffix(attr, "_arn") || strings.HasSuffix(attr, "_id")
}

// assignedEntry reports whether origin entry o (of scanner.Value.Origins
// or LeafOrigins) names only identifiers AWS assigns, also as the text it
// is built around ("${aws_s3_bucket.b.arn}/*", Origin.InText).
func assignedEntry(o scanner.Origin) bool {
	return !o.IsZero() && !slices.ContainsFunc(o.Sources, func(s scanner.OriginSource) bool { return !isAssignedIDSource(s) })
}
