package scanner

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mainLines is the range of lines first to last of main.tf.
func mainLines(first, last int) Range {
	return Range{Filename: "main.tf", StartLine: first, StartColumn: 3, EndLine: last, EndColumn: 10}
}

func TestLocateRedactsTheSecretWhereItIsWritten(t *testing.T) {
	src := `resource "aws_db_instance" "db" {
  username = "administrator"
  password = "admin"
  tags     = { Name = "admin", Role = "admins" }
}
`
	r := NewRedactor(nil, nil)
	r.Locate([]Secret{{Text: "admin", Range: mainLines(3, 3)}}, map[string][]byte{"main.tf": []byte(src)})
	out, spans := r.RedactFileSpans("main.tf", []byte(src))
	assert.Equal(t, `resource "aws_db_instance" "db" {
  username = "administrator"
  password = (sensitive value)
  tags     = { Name = "admin", Role = "admins" }
}
`, string(out), "only the argument that holds the secret is redacted")
	require.Len(t, spans, 1)
	assert.Equal(t, strings.Index(src, `"admin"`), spans[0].Start)
	assert.Equal(t, "the message says admin", r.Redact("the message says admin"), "messages are left to Quote")
	assert.Equal(t, src, string(r.RedactFile("other.tf", []byte(src))), "another file is not searched")
}

func TestLocateMatchesWholeWordsInItsArgument(t *testing.T) {
	src := `  user_data = <<-EOT
    export DB_USER=pw
    export DB_PASSWORD=pw
    export PWD_FILE=/etc/pwfile
  EOT
`
	r := NewRedactor(nil, nil)
	r.Locate([]Secret{{Text: "pw", Range: mainLines(1, 5)}}, map[string][]byte{"main.tf": []byte(src)})
	assert.Equal(t, `  user_data = <<-EOT
    export DB_USER=(sensitive value)
    export DB_PASSWORD=(sensitive value)
    export PWD_FILE=/etc/pwfile
  EOT
`, string(r.RedactFile("main.tf", []byte(src))), "a short secret is redacted as a word, not inside others")
}

func TestLocateFallsBackToWholeWordsElsewhere(t *testing.T) {
	// The argument reads a variable whose default is the literal: it is
	// not in the argument's lines, so it is redacted where its text is,
	// as a whole word.
	src := `variable "pw" {
  default = "Adm1n-pass"
}

resource "aws_db_instance" "db" {
  password   = var.pw
  identifier = "adm1n"
}
`
	r := NewRedactor(nil, nil)
	r.Locate([]Secret{{Text: "Adm1n-pass", Range: mainLines(6, 6)}, {Text: "adm1n", Range: mainLines(6, 6)}}, map[string][]byte{"main.tf": []byte(src)})
	out := string(r.RedactFile("main.tf", []byte(src)))
	assert.Contains(t, out, `default = (sensitive value)`)
	assert.Contains(t, out, `identifier = (sensitive value)`, "a secret found nowhere in its argument is redacted wherever it is")
	assert.NotContains(t, out, "Adm1n-pass")
}

func TestLocateRedactsAKeyInAnIndentedHeredoc(t *testing.T) {
	key := "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzz\nQ0FGRA==\n-----END RSA PRIVATE KEY-----"
	src := "resource \"aws_instance\" \"a\" {\n  user_data = <<-EOT\n    #!/bin/bash\n    " +
		strings.ReplaceAll(key, "\n", "\n    ") + "\n  EOT\n}\n"
	r := NewRedactor(nil, nil)
	r.Locate([]Secret{{Text: key, Range: mainLines(2, 8)}}, map[string][]byte{"main.tf": []byte(src)})
	out := string(r.RedactFile("main.tf", []byte(src)))
	assert.NotContains(t, out, "MIIEow")
	assert.NotContains(t, out, "PRIVATE KEY")
	assert.Contains(t, out, "    (sensitive value)\n")
	assert.Equal(t, strings.Count(src, "\n"), strings.Count(out, "\n"), "the lines keep their numbers")
}

func TestLocateIsDeterministic(t *testing.T) {
	src := "  a = \"s3cr3t-one\"\n  b = \"s3cr3t-one-and-more\"\n"
	secrets := []Secret{{Text: "s3cr3t-one", Range: mainLines(1, 2)}, {Text: "s3cr3t-one-and-more", Range: mainLines(2, 2)}}
	var outs []string
	for _, order := range [][]Secret{secrets, {secrets[1], secrets[0]}} {
		r := NewRedactor(nil, nil)
		r.Locate(order, map[string][]byte{"main.tf": []byte(src)})
		outs = append(outs, string(r.RedactFile("main.tf", []byte(src))))
	}
	assert.Equal(t, "  a = (sensitive value)\n  b = (sensitive value)\n", outs[0], "the longest match wins")
	assert.Equal(t, outs[0], outs[1])
}

// TestRedactBytesKeepsLongerWords checks the textual search that a
// sensitive value's text needs (it may be written anywhere: a default,
// a tfvars file, a plan): a short secret is redacted as a whole word
// only, so that "admin" leaves "administrator" and "sysadmin" alone,
// which would otherwise also tell the secret by what is left of them; a
// long one is redacted inside a longer word, which would show it.
func TestRedactBytesKeepsLongerWords(t *testing.T) {
	r := NewRedactor([]string{"admin", "Zq9-long-secret"}, nil)
	src := "username = \"administrator\"\ngroup = sysadmin\npassword = \"admin\"\nurl = \"x://admin:pw@h\"\ntoken = \"pre-Zq9-long-secretX\"\n"
	assert.Equal(t, "username = \"administrator\"\ngroup = sysadmin\npassword = (sensitive value)\nurl = \"x://(sensitive value):pw@h\"\ntoken = \"pre-(sensitive value)X\"\n",
		string(r.RedactBytes([]byte(src))))
}

// TestRedactOverlappingSecretsShowNoTail checks that where two secrets
// overlap, in whichever form the redactor holds them (located literals,
// needles of sensitive values), the redaction covers both: the earlier
// match winning alone left the later secret's tail in the excerpt.
func TestRedactOverlappingSecretsShowNoTail(t *testing.T) {
	src := "  a = \"abcdefgh1234wxyzabcd\"\n"
	one, two := "abcdefgh1234", "1234wxyzabcd"
	files := map[string][]byte{"main.tf": []byte(src)}
	for name, r := range map[string]func() *Redactor{
		"located": func() *Redactor {
			r := NewRedactor(nil, nil)
			r.Locate([]Secret{{Text: one, Range: mainLines(1, 1)}, {Text: two, Range: mainLines(1, 1)}}, files)
			return r
		},
		"located then needle": func() *Redactor {
			r := NewRedactor([]string{two}, nil)
			r.Locate([]Secret{{Text: one, Range: mainLines(1, 1)}}, files)
			return r
		},
		"needle then located": func() *Redactor {
			r := NewRedactor([]string{one}, nil)
			r.Locate([]Secret{{Text: two, Range: mainLines(1, 1)}}, files)
			return r
		},
		"needles": func() *Redactor { return NewRedactor([]string{one, two}, nil) },
	} {
		out, spans := r().RedactFileSpans("main.tf", []byte(src))
		assert.Equal(t, "  a = \"(sensitive value)\"\n", string(out), name)
		assert.Equal(t, []Replaced{{Start: 7, End: 27, Repl: Redacted}}, spans, name)
	}
	assert.Equal(t, "x (sensitive value) y", NewRedactor([]string{one, two}, nil).Redact("x abcdefgh1234wxyzabcd y"), "a message")
}

// TestLocateFindsTemplateEscapes checks that a literal secret holding
// "${" or "%{", which Terraform's quoted strings and heredocs write as
// "$${" and "%%{", is found where it is written.
func TestLocateFindsTemplateEscapes(t *testing.T) {
	src := "  a = \"pa$${ss}word-long\"\n  b = <<EOT\n%%{x}-other-secret\nEOT\n"
	r := NewRedactor(nil, nil)
	r.Locate([]Secret{{Text: "pa${ss}word-long", Range: mainLines(1, 1)}, {Text: "%{x}-other-secret\n", Range: mainLines(2, 4)}},
		map[string][]byte{"main.tf": []byte(src)})
	assert.Equal(t, "  a = (sensitive value)\n  b = <<EOT\n(sensitive value)\nEOT\n", string(r.RedactFile("main.tf", []byte(src))))
}

// TestLocateFindsJSONEscapes checks that a literal secret of a .tf.json
// file is found however JSON escapes it, and only in its argument.
func TestLocateFindsJSONEscapes(t *testing.T) {
	src := "{\"resource\": {\"aws_db_instance\": {\"db\": {\n  \"password\": \"p\\u00e4ss\\/w\\u0021rd-long\",\n  \"username\": \"p\\u00e4ss\\/w\\u0021rd-long\"\n}}}}\n"
	r := NewRedactor(nil, nil)
	r.Locate([]Secret{{Text: "päss/w!rd-long", Range: Range{Filename: "main.tf.json", StartLine: 2, EndLine: 2}}},
		map[string][]byte{"main.tf.json": []byte(src)})
	assert.Equal(t, "{\"resource\": {\"aws_db_instance\": {\"db\": {\n  \"password\": (sensitive value),\n  \"username\": \"p\\u00e4ss\\/w\\u0021rd-long\"\n}}}}\n",
		string(r.RedactFile("main.tf.json", []byte(src))))
}
