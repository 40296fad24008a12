package report

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// redactedReport is longLineReport for orig as the engine hands it over:
// redacted by a Redactor of secrets, with its Redactions, the finding
// keeping the original's line and column.
func redactedReport(t *testing.T, file, orig string, secrets []string, line, col int) *Report {
	t.Helper()
	src, spans := scanner.NewRedactor(secrets, nil).RedactSpans([]byte(orig))
	require.NotEmpty(t, spans, "the source holds secrets")
	for _, s := range secrets {
		require.NotContains(t, string(src), s)
	}
	r := longLineReport(file, src, col, col)
	r.Findings[0].StartLine, r.Findings[0].EndLine = int32(line), int32(line)
	r.Redactions = map[string][]Redaction{file: Redactions([]byte(orig), spans)}
	return r
}

// hitLine returns the excerpt line numbered line, gutter removed.
func hitLine(t *testing.T, r *Report, line int) string {
	t.Helper()
	excerpt := excerptOf(t, string(render(t, "text", r, Options{})))
	prefix := fmt.Sprintf("    > %d | ", line)
	for _, l := range excerpt {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimPrefix(l, prefix)
		}
	}
	require.Failf(t, "no excerpt line", "%d in %q", line, excerpt)
	return ""
}

// secretN is a 32-character password, different for each n.
func secretN(n int) string {
	return fmt.Sprintf("Pw%02d-", n) + strings.Repeat("Zq9", 9)
}

// TestTextExcerptAfterSecretsOnPlanLine checks the excerpt of a finding on
// the single line of a plan after many sensitive values: its column counts
// the original's bytes, and the window must find it in the redacted line
// though each secret before it is longer than its marker.
func TestTextExcerptAfterSecretsOnPlanLine(t *testing.T) {
	var b strings.Builder
	var secrets []string
	b.WriteString(`{"planned_values":{"root_module":{"resources":[`)
	for i := range 12 {
		s := secretN(i)
		require.Len(t, s, 32)
		secrets = append(secrets, s)
		fmt.Fprintf(&b, `{"address":"aws_db_instance.db%d","values":{"password":"%s"}},`, i, s)
	}
	target := `{"address":"aws_s3_bucket.target","mode":"managed"`
	col := b.Len() + 1
	b.WriteString(target + `,"values":{"bucket":"target"}}` + strings.Repeat(`,{"address":"aws_s3_bucket.other"}`, 20) + `]}}}`)

	r := redactedReport(t, "plan.json", b.String(), secrets, 1, col)
	shown := hitLine(t, r, 1)
	assert.Contains(t, shown, target, "the window shows the finding")
	assert.Equal(t, excerptLead, strings.Index(shown, target)-len(ellipsis), "excerptLead characters lead up to it")
	for _, s := range secrets {
		assert.NotContains(t, shown, s[:8])
	}

	// Without the redactions the window misses the finding: the test can
	// fail.
	r.Redactions = nil
	assert.NotContains(t, hitLine(t, r, 1), "aws_s3_bucket.target")
}

// TestTextExcerptAfterSecretOnHCLLine checks a .tf line (columns count
// characters) and a .tf.json line (a tab counts two) with a long secret,
// of multi-byte characters and tabs, before the finding's column; and a
// plan of several lines, where a secret on an earlier line must not move
// the window on the finding's.
func TestTextExcerptAfterSecretOnHCLLine(t *testing.T) {
	secret := strings.Repeat("sé\tcrét-", 40)
	target := `versioning = false`
	for _, tc := range []struct{ file, before string }{
		{"main.tf", "resource \"aws_s3_bucket\" \"b\" { password = \"" + secret + "\", "},
		{"main.tf.json", "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"password\": \"" + secret + "\", \t\t"},
	} {
		line := tc.before + target + strings.Repeat(", x = 1", 100) + " }"
		orig := "# " + secret + "\n" + line + "\n"
		// The column as HCL counts it on the original line.
		col := 1
		for _, r := range tc.before {
			col++
			if r == '\t' && columnsOf(tc.file) == jsonColumns {
				col++
			}
		}
		r := redactedReport(t, tc.file, orig, []string{secret}, 2, col)
		shown := hitLine(t, r, 2)
		assert.Contains(t, shown, target, "%s: the window shows the finding: %q", tc.file, shown)
		assert.NotContains(t, shown, "sé\tcr", tc.file)
		assert.Contains(t, shown, scanner.Redacted, tc.file)
	}

	// Byte columns on a plan of several lines.
	plan := `{"a":"` + secretN(1) + `",` + "\n" + `"b":"` + strings.Repeat(secretN(2)+`","c":"`, 1) +
		strings.Repeat("p", 150) + `","` + secretN(3) + `":1,` + target + strings.Repeat(",0", 200) + "}\n"
	col := strings.Index(strings.SplitN(plan, "\n", 2)[1], target) + 1
	shown := hitLine(t, redactedReport(t, "plan.json", plan, []string{secretN(1), secretN(2), secretN(3)}, 2, col), 2)
	assert.Equal(t, excerptLead, strings.Index(shown, target)-len(ellipsis), "plan of lines: %q", shown)
}

// TestTextExcerptFindingInsideSecret checks a finding whose column falls
// inside a redacted secret: the window starts at the marker, and shows
// no piece of the secret.
func TestTextExcerptFindingInsideSecret(t *testing.T) {
	secret := secretN(7)
	orig := strings.Repeat("x", 500) + `"` + secret + `"` + strings.Repeat("y", 500)
	for _, off := range []int{0, 1, 10, len(secret)} {
		col := 500 + 1 + off
		for _, file := range []string{"plan.json", "main.tf"} {
			shown := hitLine(t, redactedReport(t, file, orig, []string{secret}, 1, col), 1)
			assert.Equal(t, excerptLead, strings.Index(shown, scanner.Redacted)-len(ellipsis), "%s at %d: %q", file, off, shown)
			assert.NotContains(t, shown, secret[:4])
		}
	}
}

// TestRedactionsShortLinesUnchanged checks that short lines of a redacted
// source show as the redacted text is, whatever the redactions.
func TestRedactionsShortLinesUnchanged(t *testing.T) {
	orig := "a = \"" + secretN(1) + "\"\nb = 1\n"
	r := redactedReport(t, "main.tf", orig, []string{secretN(1)}, 2, 1)
	assert.Equal(t, "b = 1", hitLine(t, r, 2))
	assert.Equal(t, []string{"      1 | a = " + scanner.Redacted, "    > 2 | b = 1"}, excerptOf(t, string(render(t, "text", r, Options{}))))
}

// TestTextExcerptBelowMultiLineSecret checks the excerpt of a finding
// below a secret written over several lines (a heredoc in a .tf, a
// content written out in a .tf.json or a plan): the finding keeps the
// original's line, and the redacted source must keep its lines for the
// excerpt to show that line rather than one further down.
func TestTextExcerptBelowMultiLineSecret(t *testing.T) {
	secret := "-----BEGIN KEY-----\n" + strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RV\n", 4) + "-----END KEY-----\n"
	const target = `resource "aws_s3_bucket" "target" {`
	for _, file := range []string{"main.tf", "main.tf.json", "plan.json"} {
		// Other code below, that a shifted excerpt would show instead.
		orig := "key = <<EOT\n" + secret + "EOT\n\n" + target + "\n  bucket = \"t\"\n}\n" +
			strings.Repeat("\nresource \"aws_s3_bucket\" \"other\" {\n}\n", 3)
		line := strings.Count(orig[:strings.Index(orig, target)], "\n") + 1
		r := redactedReport(t, file, orig, []string{secret}, line, 1)
		assert.Equal(t, target, hitLine(t, r, line), file)
		excerpt := strings.Join(excerptOf(t, string(render(t, "text", r, Options{}))), "\n")
		assert.NotContains(t, excerpt, "QUJD", file)
		assert.NotContains(t, excerpt, "KEY", file)
	}
}

// TestTextExcerptAfterMultiLineSecretOnLongLine checks a long line that
// a secret over several lines ends on, before the finding's column: the
// window counts the columns its last line took in the original.
func TestTextExcerptAfterMultiLineSecretOnLongLine(t *testing.T) {
	tail := strings.Repeat("sé\tcrét-", 40)
	secret := "first line of the secret\n" + tail
	target := `versioning = false`
	for _, file := range []string{"main.tf", "main.tf.json", "plan.json"} {
		rest := `", ` + target + strings.Repeat(", x = 1", 100)
		orig := `a = "` + secret + rest + "\n"
		// The column of the target on line 2, as the file's columns count.
		col := 1
		for _, r := range tail + `", ` {
			switch {
			case columnsOf(file) == byteColumns:
				col += utf8.RuneLen(r)
			case r == '\t' && columnsOf(file) == jsonColumns:
				col += 2
			default:
				col++
			}
		}
		r := redactedReport(t, file, orig, []string{secret}, 2, col)
		require.Len(t, r.Redactions[file], 2, "%s: one redaction on each line", file)
		shown := hitLine(t, r, 2)
		assert.Equal(t, `", `+target, shown[:len(`", `+target)], "%s: the window starts where the secret was: %q", file, shown)
		assert.NotContains(t, shown, "sé", file)
		assert.Contains(t, hitLineOrContext(t, r, 1), scanner.Redacted, file)
	}
}

// hitLineOrContext returns the excerpt line numbered line, marked or not,
// gutter removed.
func hitLineOrContext(t *testing.T, r *Report, line int) string {
	t.Helper()
	excerpt := excerptOf(t, string(render(t, "text", r, Options{})))
	for _, l := range excerpt {
		_, text, ok := strings.Cut(l, fmt.Sprintf("%d | ", line))
		if ok {
			return text
		}
	}
	require.Failf(t, "no excerpt line", "%d in %q", line, excerpt)
	return ""
}
