package engine

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// suppressMain is a root module with one resource per suppression form; the
// line numbers below are what the resources in suppressInput point at.
const suppressMain = `resource "aws_db_instance" "inline" {
  # soc2:ignore:test-enc legacy database, migration tracked in SEC-12
  storage_encrypted = false
}

# soc2:ignore:test-enc
resource "aws_db_instance" "noreason" {
  storage_encrypted = false
}

#soc2:ignore:test-enc:exp:2026-01-01 waiting for the vendor
resource "aws_db_instance" "expired" {
  storage_encrypted = false
}

resource "aws_db_instance" "checkov" {
  tags = {}
  #checkov:skip=CKV_AWS_16:encrypted by the storage layer
  storage_encrypted = false
}

resource "aws_db_instance" "tfsec" { # tfsec:ignore:aws-rds-encrypt-instance-storage-data
  storage_encrypted = false
}

// trivy:ignore:AVD-AWS-0080:exp:2099-12-31 until the Q4 migration
// soc2:ignore:test-deletion:exp:2099-12-31 rebuilt nightly
resource "aws_db_instance" "trivy" {
  storage_encrypted = false
}

resource "aws_db_instance" "plain" {
  user_data = <<EOT
#soc2:ignore:test-enc inside a heredoc, not a comment
EOT

  storage_encrypted = false # soc2:ignore:test-emc typo in the rule ID
}

#soc2:ignore:test-enc:exp:2099-01-01 whole module is a sandbox
module "sandbox" {
  source = "./sandbox"
}

module "checkov_module" {
  #checkov:skip=CKV_AWS_16:module-wide
  source = "./sandbox"
}

/* soc2:ignore:test-enc block comment reason */
resource "aws_db_instance" "blockcomment" {
  storage_encrypted = false
}

# soc2:ignore:test-enc reason here

resource "aws_db_instance" "gap" {
  storage_encrypted = false
}
`

const suppressModule = `resource "aws_db_instance" "inner" {
  storage_encrypted = false
}
`

func suppressInput() *loader.Result {
	db := func(name string, line, attrLine int) *scanner.Resource {
		return resource("aws_db_instance", name, "/work/main.tf", line,
			map[string]cty.Value{"storage_encrypted": cty.False, "deletion_protection": cty.False, "backup_retention_period": cty.NumberIntVal(30)},
			map[string]int{"storage_encrypted": attrLine})
	}
	inner := db("inner", 1, 2)
	inner.Range.Filename = "/work/sandbox/main.tf"
	inner.SetAttr("storage_encrypted", scanner.Value{Val: cty.False, Range: rng("/work/sandbox/main.tf", 2)})
	inner.Address = "module.sandbox.aws_db_instance.inner"
	inner.ModuleCalls = []scanner.Range{rng("/work/main.tf", 41)}
	inner2 := db("inner", 1, 2)
	inner2.Range.Filename = "/work/sandbox/main.tf"
	inner2.SetAttr("storage_encrypted", scanner.Value{Val: cty.False, Range: rng("/work/sandbox/main.tf", 2)})
	inner2.Address = "module.checkov_module.aws_db_instance.inner"
	inner2.ModuleCalls = []scanner.Range{rng("/work/main.tf", 45)}
	return &loader.Result{
		Resources: []*scanner.Resource{
			db("inline", 1, 3), db("noreason", 7, 8), db("expired", 12, 13), db("checkov", 16, 19),
			db("tfsec", 22, 23), db("trivy", 28, 29), db("plain", 32, 37), inner, inner2,
			db("blockcomment", 51, 52), db("gap", 57, 58),
		},
		Files: map[string][]byte{"/work/main.tf": []byte(suppressMain), "/work/sandbox/main.tf": []byte(suppressModule)},
	}
}

func TestInlineSuppressions(t *testing.T) {
	rep := run(t, suppressInput(), Options{})

	tests := []struct {
		address string
		want    *report.Suppression
	}{
		{"aws_db_instance.inline", &report.Suppression{Reason: "legacy database, migration tracked in SEC-12", Source: "inline", Location: "main.tf:2"}},
		{"aws_db_instance.noreason", nil},
		{"aws_db_instance.expired", nil},
		{"aws_db_instance.checkov", &report.Suppression{Reason: "encrypted by the storage layer", Source: "checkov", Location: "main.tf:18"}},
		{"aws_db_instance.tfsec", &report.Suppression{Source: "tfsec", Location: "main.tf:22"}},
		{"aws_db_instance.trivy", &report.Suppression{Reason: "until the Q4 migration", Expires: "2099-12-31", Source: "trivy", Location: "main.tf:26"}},
		{"aws_db_instance.plain", nil},
		{"module.sandbox.aws_db_instance.inner", &report.Suppression{Reason: "whole module is a sandbox", Expires: "2099-01-01", Source: "inline", Location: "main.tf:40"}},
		{"module.checkov_module.aws_db_instance.inner", &report.Suppression{Reason: "module-wide", Source: "checkov", Location: "main.tf:46"}},
		{"aws_db_instance.blockcomment", &report.Suppression{Reason: "block comment reason", Source: "inline", Location: "main.tf:50"}},
		{"aws_db_instance.gap", nil},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			f := find(t, rep, "test-enc", tt.address)
			assert.Equal(t, tt.want != nil, f.Suppressed)
			assert.Equal(t, tt.want, f.Suppression)
		})
	}

	// A suppression names one rule: the other rules still fail.
	assert.False(t, find(t, rep, "test-deletion", "aws_db_instance.inline").Suppressed)
	assert.True(t, find(t, rep, "test-deletion", "aws_db_instance.trivy").Suppressed, "stacked comments above a resource all apply")

	assert.Equal(t, []string{"soc2:ignore:test-enc at main.tf:6 does not suppress: a reason is required: #soc2:ignore:test-enc <why this is acceptable>"},
		find(t, rep, "test-enc", "aws_db_instance.noreason").Notes)
	assert.Equal(t, []string{"soc2:ignore:test-enc at main.tf:11 expired on 2026-01-01 and no longer suppresses"},
		find(t, rep, "test-enc", "aws_db_instance.expired").Notes)

	assert.Equal(t, []report.Problem{
		{File: "main.tf", Line: 6, Column: 3, Message: "soc2:ignore:test-enc does not suppress anything: a reason is required: #soc2:ignore:test-enc <why this is acceptable>"},
		{File: "main.tf", Line: 11, Column: 2, Message: "soc2:ignore:test-enc expired on 2026-01-01 and no longer suppresses"},
		{File: "main.tf", Line: 37, Column: 31, Message: `soc2:ignore:test-emc names an unknown rule; did you mean "test-enc"?`},
	}, rep.Warnings)
}

func TestForeignSuppressionsCanBeTurnedOff(t *testing.T) {
	cfg := config.Default()
	cfg.ForeignSuppressions = false
	rep := run(t, suppressInput(), Options{Config: cfg})
	for _, addr := range []string{"aws_db_instance.checkov", "aws_db_instance.tfsec", "aws_db_instance.trivy"} {
		assert.False(t, find(t, rep, "test-enc", addr).Suppressed, addr)
	}
	assert.True(t, find(t, rep, "test-enc", "aws_db_instance.inline").Suppressed)
}

func TestUnignorableRule(t *testing.T) {
	cfg, err := config.Parse([]byte(`rule "test-enc" { ignorable = false }`), "/work/.soc2scan.hcl")
	require.NoError(t, err)
	rep := run(t, suppressInput(), Options{Config: cfg})
	f := find(t, rep, "test-enc", "aws_db_instance.inline")
	assert.False(t, f.Suppressed)
	assert.Equal(t, []string{"soc2:ignore:test-enc at main.tf:2 was not applied: rule test-enc is not ignorable (ignorable = false in .soc2scan.hcl)"}, f.Notes)
	assert.Contains(t, rep.Warnings, report.Problem{File: "main.tf", Line: 2, Column: 5, Message: "soc2:ignore:test-enc cannot suppress test-enc on aws_db_instance.inline: the rule is not ignorable in the configuration"})
	assert.True(t, find(t, rep, "test-deletion", "aws_db_instance.trivy").Suppressed, "other rules stay ignorable")
}

func TestSuppressedFindingsDoNotFail(t *testing.T) {
	cfg, err := config.Parse([]byte(`rules { enabled = ["test-enc"] }`), "/work/.soc2scan.hcl")
	require.NoError(t, err)
	rep := run(t, suppressInput(), Options{Config: cfg})
	assert.Equal(t, 4, rep.Failing(), "noreason, expired, plain and gap")
	assert.Equal(t, 7, rep.Summary.Suppressed)
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		text string
		want directive
	}{
		{"soc2:ignore:aws-x why not", directive{source: "inline", id: "aws-x", reason: "why not"}},
		{"soc2:ignore:aws-x:exp:2030-02-03  why", directive{source: "inline", id: "aws-x", reason: "why", expires: mustDate("2030-02-03")}},
		{"soc2:ignore:aws-x:exp:03/02/2030 why", directive{source: "inline", id: "aws-x", problem: `expiry "03/02/2030" is not a date such as 2026-12-31`}},
		{"soc2:ignore: why", directive{source: "inline", problem: "it names no rule ID"}},
		{"checkov:skip=CKV_AWS_16", directive{source: "checkov", id: "CKV_AWS_16", blockScope: true}},
		{"checkov:skip=CKV2_AWS_6: reason  */", directive{source: "checkov", id: "CKV2_AWS_6", reason: "reason", blockScope: true}},
		{"tfsec:ignore:aws-vpc-no-public-ingress-sgr[from_port=22]", directive{source: "tfsec", id: "aws-vpc-no-public-ingress-sgr", problem: "conditional ignores ([...]) are not supported; ignore the rule unconditionally or fix the resource"}},
		{"trivy:ignore:AVD-AWS-0107:exp:2030-01-01", directive{source: "trivy", id: "AVD-AWS-0107", expires: mustDate("2030-01-01")}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := parseDirective(tt.text)
			assert.Equal(t, tt.want, *got)
		})
	}

	ds := parseDirectives("# tfsec:ignore:a-b tfsec:ignore:c-d", "f.tf", 4, 10)
	require.Len(t, ds, 2)
	assert.Equal(t, "a-b", ds[0].id)
	assert.Equal(t, 12, ds[0].column)
	assert.Equal(t, "c-d", ds[1].id)
}

func TestLexerSkipsStringsAndHeredocs(t *testing.T) {
	fc := lexComments("main.tf", "main.tf", []byte(suppressMain))
	assert.Empty(t, fc.byLine[34], "a heredoc line is not a comment")
	assert.False(t, fc.commentOnly[34])
	assert.True(t, fc.commentOnly[26])
	assert.False(t, fc.commentOnly[22], "trailing comment after code")
	assert.Len(t, fc.byLine[22], 1)
	assert.False(t, mayHoldDirective([]byte(`resource "a" "b" {}`)))
}

func mustDate(s string) time.Time {
	v, err := time.Parse(config.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return v
}
