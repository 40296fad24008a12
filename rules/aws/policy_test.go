package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func strVal(name, s string) scanner.Value {
	return scanner.Value{Name: name, Val: cty.StringVal(s), Present: true, Range: scanner.Range{Filename: "main.tf", StartLine: 3}}
}

func TestParsePolicyJSONForms(t *testing.T) {
	p, err := readPolicy(strVal("policy", `{
	  "Version": "2012-10-17",
	  "Statement": {
	    "Sid": "One",
	    "NotPrincipal": {"AWS": 123456789012},
	    "Effect": "Allow",
	    "Principal": "*",
	    "Action": "s3:GetObject",
	    "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b"],
	    "Condition": {"Bool": {"aws:SecureTransport": false}, "StringEquals": {"aws:PrincipalOrgID": ["o-1", "o-2"]}}
	  }
	}`), nil)
	require.NoError(t, err)
	require.Len(t, p.Statements, 1)
	st := p.Statements[0]
	assert.Equal(t, "One", st.Sid)
	assert.True(t, st.IsAllow())
	assert.False(t, st.IsDeny())
	assert.True(t, st.Principal.IsWildcard())
	assert.Equal(t, []string{"*"}, st.Principal.Types())
	assert.Equal(t, iamValues{Values: []string{"s3:GetObject"}, Present: true}, st.Action)
	assert.True(t, st.Action.HasFold("S3:getobject"))
	assert.False(t, st.Action.Has("S3:getobject"))
	assert.Equal(t, []string{"arn:aws:s3:::b/*", "arn:aws:s3:::b"}, st.Resource.Values)
	assert.False(t, st.NotAction.Present)
	assert.Equal(t, []iamCondition{
		{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}},
		{Operator: "StringEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-1", "o-2"}},
	}, st.Condition)
	assert.Len(t, st.ConditionsOn("AWS:securetransport"), 1)
	assert.Equal(t, []string{"123456789012"}, st.NotPrincipal.Identifiers("AWS"), "numbers read as Terraform renders them")
}

func TestParsePolicyJSONPrincipalMap(t *testing.T) {
	p, err := readPolicy(strVal("policy", `{"Statement": [
	  {"Effect": "Deny", "Principal": {"AWS": "*"}, "NotAction": ["kms:Decrypt"], "NotResource": "*"},
	  {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root"], "Service": "logs.amazonaws.com"}, "Action": "kms:*", "Resource": "*"}
	]}`), nil)
	require.NoError(t, err)
	require.Len(t, p.Statements, 2)
	assert.True(t, p.Statements[0].IsDeny())
	assert.True(t, p.Statements[0].Principal.IsWildcard())
	assert.Equal(t, []string{"kms:Decrypt"}, p.Statements[0].NotAction.Values)
	assert.Equal(t, []string{"*"}, p.Statements[0].NotResource.Values)
	assert.False(t, p.Statements[1].Principal.IsWildcard())
	assert.Equal(t, []string{"AWS", "Service"}, p.Statements[1].Principal.Types())
	assert.Equal(t, []string{"logs.amazonaws.com"}, p.Statements[1].Principal.Identifiers("service"))
}

func TestParsePolicyJSONErrors(t *testing.T) {
	for name, text := range map[string]string{
		"not json":             `{"Statement": [`,
		"not an object":        `["a"]`,
		"statement scalar":     `{"Statement": "x"}`,
		"statement not object": `{"Statement": ["x"]}`,
		"action object":        `{"Statement": [{"Effect": "Allow", "Action": {"a": 1}}]}`,
		"principal list":       `{"Statement": [{"Effect": "Allow", "Principal": ["*"]}]}`,
		"condition scalar":     `{"Statement": [{"Effect": "Allow", "Condition": "x"}]}`,
		"resource null":        `{"Statement": [{"Effect": "Allow", "Resource": ["a", null]}]}`,
		"trailing data":        `{"Statement": []} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := readPolicy(strVal("policy", text), nil)
			assert.Error(t, err)
		})
	}
	p, err := readPolicy(strVal("policy", `{"Version": "2012-10-17"}`), nil)
	require.NoError(t, err)
	assert.Empty(t, p.Statements)
}

func TestReadPolicyFromValues(t *testing.T) {
	t.Run("absent", func(t *testing.T) {
		p, err := readPolicy(scanner.Value{Name: "policy"}, nil)
		require.NoError(t, err)
		assert.Nil(t, p)
	})
	t.Run("string", func(t *testing.T) {
		v := strVal("policy", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`)
		p, err := readPolicy(v, nil)
		require.NoError(t, err)
		require.Len(t, p.Statements, 1)
		assert.False(t, p.Unknown)
		assert.Equal(t, v.Range, p.Range)
		assert.Equal(t, v.Range, p.Statements[0].Range)
	})
	t.Run("object", func(t *testing.T) {
		v := scanner.Value{Name: "policy", Present: true, Val: cty.ObjectVal(map[string]cty.Value{
			"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
				"Effect":    cty.StringVal("Allow"),
				"Action":    cty.StringVal("*"),
				"Resource":  cty.StringVal("*"),
				"Principal": cty.ObjectVal(map[string]cty.Value{"AWS": cty.StringVal("*")}),
			})}),
		})}
		p, err := readPolicy(v, nil)
		require.NoError(t, err)
		require.Len(t, p.Statements, 1)
		assert.True(t, p.Statements[0].Principal.IsWildcard())
	})
	t.Run("unknown without references", func(t *testing.T) {
		v := scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{"aws_s3_bucket.b"}}
		ix := scanner.NewIndex([]*scanner.Resource{{Address: "aws_s3_bucket.b", Mode: "managed", Type: "aws_s3_bucket", Block: scanner.NewBlock("resource", scanner.Range{})}})
		p, err := readPolicy(v, ix)
		require.NoError(t, err)
		require.NotNil(t, p)
		assert.True(t, p.Unknown)
		assert.Empty(t, p.Statements)
	})
	t.Run("malformed", func(t *testing.T) {
		_, err := readPolicy(strVal("policy", `nope`), nil)
		assert.ErrorContains(t, err, "policy")
	})
}

// policyDoc builds a data "aws_iam_policy_document" as the loader would.
func policyDoc(name string, statements ...*scanner.Block) *scanner.Resource {
	b := scanner.NewBlock("data", scanner.Range{Filename: "main.tf", StartLine: 1})
	for _, s := range statements {
		b.AddBlock(s)
	}
	return &scanner.Resource{Address: "data.aws_iam_policy_document." + name, Mode: "data", Type: policyDocumentType, Name: name, Block: b}
}

func stmtBlock(line int, attrs map[string]cty.Value, children ...*scanner.Block) *scanner.Block {
	b := scanner.NewBlock("statement", scanner.Range{Filename: "main.tf", StartLine: line})
	for k, v := range attrs {
		b.SetAttr(k, scanner.Value{Val: v, Range: b.Range})
	}
	for _, c := range children {
		b.AddBlock(c)
	}
	return b
}

func childBlock(typ string, attrs map[string]cty.Value) *scanner.Block {
	b := scanner.NewBlock(typ, scanner.Range{Filename: "main.tf", StartLine: 9})
	for k, v := range attrs {
		b.SetAttr(k, scanner.Value{Val: v, Range: b.Range})
	}
	return b
}

func strList(s ...string) cty.Value {
	vals := make([]cty.Value, len(s))
	for i, e := range s {
		vals[i] = cty.StringVal(e)
	}
	return cty.TupleVal(vals)
}

func TestReadPolicyFromDocument(t *testing.T) {
	doc := policyDoc("tls",
		stmtBlock(2, map[string]cty.Value{
			"sid":       cty.StringVal("DenyInsecure"),
			"effect":    cty.StringVal("Deny"),
			"actions":   strList("s3:*"),
			"resources": cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String), cty.StringVal("arn:aws:s3:::b/*")}),
		},
			childBlock("principals", map[string]cty.Value{"type": cty.StringVal("*"), "identifiers": strList("*")}),
			childBlock("condition", map[string]cty.Value{"test": cty.StringVal("Bool"), "variable": cty.StringVal("aws:SecureTransport"), "values": strList("false")}),
		),
		// effect defaults to Allow
		stmtBlock(20, map[string]cty.Value{"actions": strList("s3:GetObject")},
			childBlock("principals", map[string]cty.Value{"type": cty.StringVal("AWS"), "identifiers": strList("arn:aws:iam::111122223333:root")}),
		),
	)
	ix := scanner.NewIndex([]*scanner.Resource{doc})
	v := scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{doc.Address}}
	p, err := readPolicy(v, ix)
	require.NoError(t, err)
	require.Len(t, p.Statements, 2)
	assert.False(t, p.Unknown)

	deny := p.Statements[0]
	assert.Equal(t, "DenyInsecure", deny.Sid)
	assert.True(t, deny.IsDeny())
	assert.True(t, deny.Principal.IsWildcard())
	assert.Equal(t, []string{"s3:*"}, deny.Action.Values)
	assert.True(t, deny.Resource.Unknown)
	assert.Equal(t, []string{"arn:aws:s3:::b/*"}, deny.Resource.Values)
	assert.Equal(t, []iamCondition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}}, deny.Condition)
	assert.Equal(t, 2, deny.Range.StartLine)

	allow := p.Statements[1]
	assert.True(t, allow.IsAllow())
	assert.False(t, allow.Principal.IsWildcard())
	assert.False(t, allow.Resource.Present)
}

func TestReadPolicyFromDocumentUnknownParts(t *testing.T) {
	doc := policyDoc("dyn", stmtBlock(2, map[string]cty.Value{"effect": cty.UnknownVal(cty.String), "actions": strList("s3:*")},
		childBlock("principals", map[string]cty.Value{"type": cty.StringVal("AWS"), "identifiers": cty.UnknownVal(cty.List(cty.String))}),
	))
	doc.MarkBlocksUnknown("statement")
	ix := scanner.NewIndex([]*scanner.Resource{doc})
	p, err := readPolicy(scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{doc.Address}}, ix)
	require.NoError(t, err)
	assert.True(t, p.Unknown, "a dynamic statement over an unknown collection leaves the document partly unknown")
	require.Len(t, p.Statements, 1)
	st := p.Statements[0]
	assert.Empty(t, st.Effect)
	assert.False(t, st.IsAllow())
	assert.False(t, st.IsDeny())
	assert.True(t, st.Principal.Unknown)
	assert.False(t, st.Principal.IsWildcard())
}

func TestReadPolicyDocumentMerging(t *testing.T) {
	base := policyDoc("base",
		stmtBlock(2, map[string]cty.Value{"sid": cty.StringVal("A"), "actions": strList("s3:GetObject")}),
		stmtBlock(3, map[string]cty.Value{"sid": cty.StringVal("B"), "actions": strList("s3:PutObject")}),
	)
	over := policyDoc("over", stmtBlock(4, map[string]cty.Value{"sid": cty.StringVal("C"), "effect": cty.StringVal("Deny"), "actions": strList("s3:*")}))
	top := policyDoc("top", stmtBlock(5, map[string]cty.Value{"sid": cty.StringVal("B"), "actions": strList("s3:ListBucket")}))
	top.SetAttr("source_policy_documents", scanner.Value{Val: cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String)}), Refs: []string{base.Address}})
	top.SetAttr("override_policy_documents", scanner.Value{Val: cty.TupleVal([]cty.Value{
		cty.UnknownVal(cty.String),
		cty.StringVal(`{"Statement":{"Sid":"A","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}}`),
	}), Refs: []string{over.Address}})
	ix := scanner.NewIndex([]*scanner.Resource{base, over, top})

	p, err := readPolicy(scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{top.Address}}, ix)
	require.NoError(t, err)
	assert.False(t, p.Unknown)
	var got []string
	for _, st := range p.Statements {
		got = append(got, st.Sid+"="+st.Effect+":"+st.Action.Values[0])
	}
	assert.Equal(t, []string{"A=Deny:s3:DeleteObject", "B=Allow:s3:ListBucket", "C=Deny:s3:*"}, got)

	// A source list whose references cannot be matched to its unknown
	// elements leaves the document partly unknown.
	top.SetAttr("source_policy_documents", scanner.Value{Val: cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String), cty.UnknownVal(cty.String)}), Refs: []string{base.Address}})
	p, err = readPolicy(scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{top.Address}}, ix)
	require.NoError(t, err)
	assert.True(t, p.Unknown)
}

func TestReadPolicyAmbiguousReferences(t *testing.T) {
	a := policyDoc("a", stmtBlock(2, map[string]cty.Value{"actions": strList("s3:*")}))
	b := policyDoc("b", stmtBlock(2, map[string]cty.Value{"actions": strList("s3:*")}))
	ix := scanner.NewIndex([]*scanner.Resource{a, b})
	p, err := readPolicy(scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{a.Address, b.Address}}, ix)
	require.NoError(t, err)
	assert.True(t, p.Unknown)
	assert.Empty(t, p.Statements)
}

func TestReadPolicyPartlyKnownPrincipals(t *testing.T) {
	accountRoot := cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull("arn:aws:iam::").NewValue()
	doc := policyDoc("partial",
		stmtBlock(2, map[string]cty.Value{"actions": strList("kms:*")},
			childBlock("principals", map[string]cty.Value{"type": cty.StringVal("AWS"), "identifiers": cty.TupleVal([]cty.Value{accountRoot})}),
		),
		stmtBlock(3, map[string]cty.Value{"actions": strList("kms:*")},
			childBlock("principals", map[string]cty.Value{"type": cty.StringVal("AWS"), "identifiers": cty.TupleVal([]cty.Value{accountRoot, cty.UnknownVal(cty.String)})}),
		),
	)
	ix := scanner.NewIndex([]*scanner.Resource{doc})
	p, err := readPolicy(scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{doc.Address}}, ix)
	require.NoError(t, err)
	require.Len(t, p.Statements, 2)

	known := p.Statements[0].Principal
	assert.False(t, known.Unknown, "an account ARN known by its prefix cannot be the wildcard")
	assert.False(t, known.IsWildcard())
	assert.Equal(t, map[string][]string{"AWS": {"arn:aws:iam::"}}, known.Partial)

	open := p.Statements[1].Principal
	assert.True(t, open.Unknown, "an identifier without a known prefix might be the wildcard")
}

func TestIAMValuesUnknownCouldBe(t *testing.T) {
	assert.False(t, iamValues{Values: []string{"a"}}.UnknownCouldBe("*"))
	assert.True(t, iamValues{Unknown: true}.UnknownCouldBe("*"))
	partial := iamValues{Unknown: true, Partial: []string{"arn:aws:s3:::"}}
	assert.False(t, partial.UnknownCouldBe("*"))
	assert.True(t, partial.UnknownCouldBe("arn:aws:s3:::bucket/*"))
	assert.True(t, iamValues{Unknown: true, Partial: []string{"*"}}.UnknownCouldBe("*"))
}

func TestReadPolicyInstancesOfOneDocument(t *testing.T) {
	instance := func(key, action string) *scanner.Resource {
		d := policyDoc("each", stmtBlock(2, map[string]cty.Value{"effect": cty.StringVal("Deny"), "actions": strList(action)}))
		d.Address = `data.aws_iam_policy_document.each["` + key + `"]`
		return d
	}
	ref := scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{"data.aws_iam_policy_document.each"}}

	same := scanner.NewIndex([]*scanner.Resource{instance("a", "s3:*"), instance("b", "s3:*")})
	p, err := readPolicy(ref, same)
	require.NoError(t, err)
	assert.False(t, p.Unknown, "identical instances render one document")
	require.Len(t, p.Statements, 1)
	assert.True(t, p.Statements[0].IsDeny())

	differ := scanner.NewIndex([]*scanner.Resource{instance("a", "s3:*"), instance("b", "s3:GetObject")})
	p, err = readPolicy(ref, differ)
	require.NoError(t, err)
	assert.True(t, p.Unknown, "which instance is meant decides the document")
	assert.Empty(t, p.Statements)
}

func TestReadPolicyPartlyKnownObject(t *testing.T) {
	arn := cty.UnknownVal(cty.String).Refine().StringPrefix("arn:aws:s3:::").NewValue()
	obj := cty.ObjectVal(map[string]cty.Value{
		"Version": cty.StringVal("2012-10-17"),
		"Statement": cty.TupleVal([]cty.Value{
			cty.ObjectVal(map[string]cty.Value{
				"Effect":    cty.StringVal("Allow"),
				"Principal": cty.ObjectVal(map[string]cty.Value{"Service": cty.UnknownVal(cty.String)}),
				"Action":    cty.TupleVal([]cty.Value{cty.StringVal("s3:GetObject")}),
				"Resource":  arn,
			}),
			cty.ObjectVal(map[string]cty.Value{
				"Effect":    cty.StringVal("Deny"),
				"Principal": cty.StringVal("*"),
				"Action":    cty.StringVal("s3:*"),
				"Condition": cty.ObjectVal(map[string]cty.Value{
					"Bool": cty.ObjectVal(map[string]cty.Value{"aws:SecureTransport": cty.StringVal("false")}),
				}),
			}),
		}),
	})
	p, err := readPolicy(scanner.Value{Name: "policy", Val: obj, Present: true}, nil)
	require.NoError(t, err)
	require.NotNil(t, p)
	assert.False(t, p.Unknown, "every statement's effect and condition are known")
	require.Len(t, p.Statements, 2)

	allow := p.Statements[0]
	assert.True(t, allow.IsAllow())
	assert.False(t, allow.Principal.Unknown, "an unknown service name cannot be the wildcard")
	assert.Equal(t, []string{"s3:GetObject"}, allow.Action.Values)
	assert.True(t, allow.Resource.Unknown)
	assert.Equal(t, []string{"arn:aws:s3:::"}, allow.Resource.Partial)
	assert.False(t, allow.Resource.UnknownCouldBe("*"), "a bucket ARN is not the wildcard")

	deny := p.Statements[1]
	assert.True(t, deny.IsDeny())
	assert.True(t, deny.Principal.IsWildcard())
	require.Len(t, deny.Condition, 1)
	assert.Equal(t, iamCondition{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}, deny.Condition[0])

	malformed := cty.ObjectVal(map[string]cty.Value{"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
		"Effect":    cty.UnknownVal(cty.String),
		"Principal": cty.TupleVal([]cty.Value{cty.StringVal("*")}),
	})})})
	_, err = readPolicy(scanner.Value{Name: "policy", Val: malformed, Present: true}, nil)
	assert.ErrorContains(t, err, "policy: policy statement 0: invalid Principal", "known parts of a partly known policy are checked like JSON text")

	unknownStatements := cty.ObjectVal(map[string]cty.Value{"Statement": cty.DynamicVal})
	p, err = readPolicy(scanner.Value{Name: "policy", Val: unknownStatements, Present: true}, nil)
	require.NoError(t, err)
	assert.True(t, p.Unknown)
	assert.Empty(t, p.Statements)
}

func TestReadPolicyAssignedIdentifiers(t *testing.T) {
	role := &scanner.Resource{Address: "aws_iam_role.app", Mode: "managed", Type: "aws_iam_role", Block: scanner.NewBlock("resource", scanner.Range{})}
	param := &scanner.Resource{Address: "aws_ssm_parameter.who", Mode: "managed", Type: "aws_ssm_parameter", Block: scanner.NewBlock("resource", scanner.Range{})}
	unknownList := cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String)})
	// Each unknown element is decided by its origin, the attribute it is
	// read from, not by the references the argument makes.
	origins := map[string]scanner.Origins{
		role.Address:  {{Sources: []scanner.OriginSource{scanner.AttrOrigin(false, "aws_iam_role", "arn", false)}}},
		param.Address: {{Sources: []scanner.OriginSource{scanner.AttrOrigin(false, "aws_ssm_parameter", "value", false)}}},
	}
	principals := func(typ string, refs ...string) *scanner.Block {
		b := childBlock("principals", map[string]cty.Value{"type": cty.StringVal(typ)})
		v := scanner.Value{Name: "identifiers", Val: unknownList, Present: true, Refs: refs}
		if len(refs) == 1 {
			v = v.WithOrigins(origins[refs[0]])
		}
		b.SetAttr("identifiers", v)
		return b
	}
	resources := func(st *scanner.Block, refs ...string) *scanner.Block {
		v := scanner.Value{Name: "resources", Val: unknownList, Present: true, Refs: refs}
		if len(refs) == 1 {
			v = v.WithOrigins(origins[refs[0]])
		}
		st.SetAttr("resources", v)
		return st
	}
	doc := policyDoc("ids",
		resources(stmtBlock(2, map[string]cty.Value{"actions": strList("s3:*")}, principals("AWS", role.Address)), role.Address),
		resources(stmtBlock(3, map[string]cty.Value{"actions": strList("s3:*")}, principals("AWS", param.Address)), param.Address),
		stmtBlock(4, map[string]cty.Value{"actions": strList("sts:AssumeRoleWithWebIdentity")}, principals("Federated")),
	)
	ix := scanner.NewIndex([]*scanner.Resource{doc, role, param})
	p, err := readPolicy(scanner.Value{Name: "policy", Present: true, Val: cty.UnknownVal(cty.String), Refs: []string{doc.Address}}, ix)
	require.NoError(t, err)
	require.Len(t, p.Statements, 3)

	byRole := p.Statements[0]
	assert.False(t, byRole.Principal.Unknown, "a role's ARN is not the wildcard")
	assert.True(t, byRole.Principal.HasUnknown("aws"))
	assert.True(t, byRole.Resource.Assigned)
	assert.False(t, byRole.Resource.UnknownCouldBe("*"))

	byParam := p.Statements[1]
	assert.True(t, byParam.Principal.Unknown, "a parameter's value could be the wildcard")
	assert.False(t, byParam.Resource.Assigned)
	assert.True(t, byParam.Resource.UnknownCouldBe("*"))

	federated := p.Statements[2]
	assert.False(t, federated.Principal.Unknown, "an identity provider ARN cannot be the wildcard")
	assert.True(t, federated.Principal.HasUnknown("federated"))
	assert.False(t, federated.Principal.HasUnknown("AWS"))
}

// benchPolicy is a typical bucket policy: a TLS deny and an organisation-scoped read.
const benchPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Sid":"Read","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:role/app"]},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-123"]}}}]}`

func BenchmarkReadPolicyJSON(b *testing.B) {
	v := strVal("policy", benchPolicy)
	for b.Loop() {
		if _, err := readPolicy(v, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWildcardAccountARN(t *testing.T) {
	for id, want := range map[string]bool{
		"arn:aws:iam::*:root":                      true,
		"arn:aws:iam::*:role/deploy":               true,
		"arn:aws:sts::12345678901?:assumed-role/x": true,
		"arn:aws-cn:iam::*:user/ci":                true,
		"arn:aws:iam::123456789012:role/*":         false,
		"arn:aws:iam::123456789012:root":           false,
		"arn:aws:s3:::*":                           false,
		"arn:aws:iam::root":                        false,
		"*":                                        false,
		"123456789012":                             false,
	} {
		assert.Equal(t, want, wildcardAccountARN(id), id)
	}
}
