package scanner

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/zclconf/go-cty/cty"
)

// TestSame checks what Same decides from known values and from the
// references unknown values are read from.
func TestSame(t *testing.T) {
	unknown := func(id *Ident) Value {
		return Value{Val: cty.UnknownVal(cty.String), Present: true}.WithIdent(id)
	}
	role := func(addr string) *Ident {
		return &Ident{Kind: IdentResource, Address: addr, Type: "aws_iam_role", Attr: "arn"}
	}
	known := func(s string) Value { return Value{Val: cty.StringVal(s), Present: true} }
	variable := &Ident{Kind: IdentVariable, Address: "var.role_arn"}
	data := &Ident{Kind: IdentData, Address: "data.aws_iam_role.a", Type: "aws_iam_role", Attr: "arn"}
	for name, c := range map[string]struct {
		a, b Value
		want Tri
	}{
		"equal texts":             {known("x"), known("x"), Yes},
		"different texts":         {known("x"), known("y"), No},
		"one variable twice":      {unknown(variable), unknown(&Ident{Kind: IdentVariable, Address: "var.role_arn"}), Yes},
		"two variables":           {unknown(variable), unknown(&Ident{Kind: IdentVariable, Address: "var.other"}), Maybe},
		"one attribute twice":     {unknown(role("aws_iam_role.a")), unknown(role("aws_iam_role.a")), Yes},
		"two resources":           {unknown(role("aws_iam_role.a")), unknown(role("aws_iam_role.b")), No},
		"two instances":           {unknown(role("aws_iam_role.a[0]")), unknown(role("aws_iam_role.a[1]")), No},
		"two data sources":        {unknown(data), unknown(&Ident{Kind: IdentData, Address: "data.aws_iam_role.b", Type: "aws_iam_role", Attr: "arn"}), Maybe},
		"a data source, resource": {unknown(data), unknown(role("aws_iam_role.a")), Maybe},
		"computed":                {unknown(nil), unknown(nil), Maybe},
		"known and unknown":       {known("x"), unknown(variable), Maybe},
		"absent":                  {Value{}, Value{}, Maybe},
		"not unique":              {unknown(&Ident{Kind: IdentResource, Address: "aws_iam_role.a", Type: "aws_iam_role", Attr: "path"}), unknown(&Ident{Kind: IdentResource, Address: "aws_iam_role.b", Type: "aws_iam_role", Attr: "path"}), Maybe},
	} {
		assert.Equal(t, c.want, Same(c.a, c.b, "arn"), name)
		assert.Equal(t, c.want, Same(c.b, c.a, "arn"), name+", swapped")
	}
	assert.Nil(t, Value{Val: cty.True, Present: true}.WithIdent(nil).more, "no ident allocates nothing")
}

// TestReferrersByIdent checks that a resource whose argument reads the
// variable the target's name is read from refers to it, and that one
// reading another variable only may.
func TestReferrersByIdent(t *testing.T) {
	named := func(typ, addr, variable string) *Resource {
		r := &Resource{Address: addr, Mode: "managed", Type: typ, Block: NewBlock("resource", at(1))}
		r.SetAttr("bucket", Value{Val: cty.UnknownVal(cty.String), Present: true}.
			WithIdent(&Ident{Kind: IdentVariable, Address: variable}))
		return r
	}
	bucket := named("aws_s3_bucket", "aws_s3_bucket.b", "var.bucket")
	same := named("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.same", "var.bucket")
	other := named("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.other", "var.other")
	ix := NewIndex([]*Resource{bucket, same, other})

	found, maybe := ix.Referrers(bucket, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket")
	assert.Equal(t, []*Resource{same}, found)
	assert.Same(t, other, maybe, "another variable may name the bucket too")
}
