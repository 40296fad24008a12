package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// ellipsis marks a cut end of a clipped line.
const ellipsis = "…"

// TestClipLine checks that a long line, such as the single line of a plan
// written by terraform show -json, is shown as a window around the column
// a finding points at, not whole.
func TestClipLine(t *testing.T) {
	long := []byte(strings.Repeat("a", 1000) + `"bucket":"x"` + strings.Repeat("b", 1000))
	got := clipLine(long, 1001, byteColumns)
	assert.Equal(t, excerptWidth+2, utf8.RuneCountInString(got), "a full window and two marks")
	assert.Contains(t, got, `"bucket":"x"`, "the window holds the column")
	assert.Equal(t, ellipsis+strings.Repeat("a", excerptLead)+`"bucket":"x"`, got[:len(ellipsis)+excerptLead+12],
		"the column is excerptLead characters into the window")
	assert.True(t, strings.HasSuffix(got, ellipsis), "both cut ends are marked: %q", got)

	start := clipLine(long, 0, byteColumns)
	assert.Equal(t, strings.Repeat("a", excerptWidth)+ellipsis, start, "no column: the line's start")
	assert.Equal(t, start, clipLine(long, 1, byteColumns), "column 1: the line's start")
	assert.Equal(t, start, clipLine(long, excerptLead, byteColumns), "a column near the start: the line's start")
	end := clipLine(long, len(long), byteColumns)
	assert.Equal(t, ellipsis+string(long[len(long)-excerptWidth:]), end, "a column near the end: a full window ending the line")
	assert.Equal(t, end, clipLine(long, 10*len(long), byteColumns), "a column past the end: the line's end")
}

// TestClipLineShortUnchanged checks that a line of excerptWidth
// characters, however many bytes they take, is shown whole, and one more
// character is not.
func TestClipLineShortUnchanged(t *testing.T) {
	for _, r := range []string{"x", "é", "日", "🔒"} {
		line := strings.Repeat(r, excerptWidth)
		assert.Equal(t, line, clipLine([]byte(line), excerptWidth/2, charColumns), "%q", r)
		assert.Equal(t, line, clipLine([]byte(line), excerptWidth/2, byteColumns), "%q", r)
		longer := clipLine([]byte(line+r), 1, charColumns)
		assert.Equal(t, line+ellipsis, longer, "%q: one character more is clipped", r)
	}
	assert.Empty(t, clipLine(nil, 3, byteColumns))
}

// TestClipLineMultiByte checks that a window never splits a character,
// whatever the column, that it shows excerptWidth characters (not bytes),
// and that a column counted in characters (HCL) and one counted in bytes
// (plans) both land on the same character.
func TestClipLineMultiByte(t *testing.T) {
	// Characters of 1 to 4 bytes, so every cut falls at every offset
	// into some character.
	unit := "aé日🔒"
	line := []byte(strings.Repeat(unit, 300))
	for col := range len(line) + 2 {
		for _, chars := range []columnUnit{byteColumns, charColumns, jsonColumns} {
			c := clipLine(line, col, chars)
			require.True(t, utf8.ValidString(c), "column %d (chars %v): %q", col, chars, c)
			inner := strings.TrimSuffix(strings.TrimPrefix(c, ellipsis), ellipsis)
			assert.Equal(t, excerptWidth, utf8.RuneCountInString(inner), "column %d (chars %v)", col, chars)
			assert.True(t, bytes.Contains(line, []byte(inner)), "column %d: a slice of the line", col)
		}
	}

	// A marker 700 characters in, after multi-byte text: its byte column
	// is far larger than its character column.
	prefix := strings.Repeat("日本", 350)
	marked := []byte(prefix + "MARK" + strings.Repeat("語", 700))
	charCol := utf8.RuneCountInString(prefix) + 1
	byteCol := len(prefix) + 1
	for _, c := range []string{clipLine(marked, charCol, charColumns), clipLine(marked, byteCol, byteColumns)} {
		assert.Equal(t, ellipsis+strings.Repeat("日本", excerptLead/2)+"MARK", c[:len(ellipsis)+3*excerptLead+4], "the marker is excerptLead characters in")
	}
}

// TestClipLineInvalidUTF8 checks that bytes that are not UTF-8 count as
// one character each and do not stop the window.
func TestClipLineInvalidUTF8(t *testing.T) {
	line := bytes.Repeat([]byte{0x80}, 3*excerptWidth)
	c := clipLine(line, excerptWidth, byteColumns)
	assert.Len(t, c, 2*len(ellipsis)+excerptWidth)
	c = clipLine(line, excerptWidth, charColumns)
	assert.Len(t, c, 2*len(ellipsis)+excerptWidth)
}

func TestColumnsOf(t *testing.T) {
	for file, want := range map[string]columnUnit{
		"main.tf": charColumns, "x/main.tf.json": jsonColumns, "a.tofu": charColumns, "b.tofu.json": jsonColumns, "c.hcl": charColumns,
		"plan.json": byteColumns, "terraform.tfstate": byteColumns, "tfplan.json": byteColumns,
	} {
		assert.Equal(t, want, columnsOf(file), file)
	}
}

// TestTextExcerptColumnsAsHCLCounts checks that the window of a long line
// of a .tf or .tf.json file is found by the columns HCL gives the
// finding: grapheme clusters, not runes (an accent written as a
// combining mark is no column of its own), and in JSON a tab is two
// columns. Counted as runes, 300 such characters before the finding put
// the window hundreds of characters away from it.
func TestTextExcerptColumnsAsHCLCounts(t *testing.T) {
	// HCL's own column of the value "MARK" in each source.
	tfSrc := []byte(`x = { note = "` + strings.Repeat("e\u0301", 300) + `", bucket = "MARK", acl = "` + strings.Repeat("x", 400) + `" }`)
	f, diags := hclsyntax.ParseConfig(tfSrc, "main.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors(), diags.Error())
	attrs, diags := f.Body.JustAttributes()
	require.False(t, diags.HasErrors(), diags.Error())
	obj, ok := attrs["x"].Expr.(*hclsyntax.ObjectConsExpr)
	require.True(t, ok)
	require.Len(t, obj.Items, 3)
	tfCol := obj.Items[1].ValueExpr.Range().Start.Column

	jsonSrc := []byte(`{` + strings.Repeat("\t", 300) + `"bucket": "MARK", "acl": "` + strings.Repeat("x", 400) + `"}`)
	f, diags = hcljson.Parse(jsonSrc, "main.tf.json")
	require.False(t, diags.HasErrors(), diags.Error())
	attrs, diags = f.Body.JustAttributes()
	require.False(t, diags.HasErrors(), diags.Error())
	jsonCol := attrs["bucket"].Expr.Range().Start.Column

	for _, tc := range []struct {
		file string
		src  []byte
		col  int
	}{{"main.tf", tfSrc, tfCol}, {"main.tf.json", jsonSrc, jsonCol}} {
		require.NotEqual(t, utf8.RuneCount(tc.src[:bytes.Index(tc.src, []byte(`"MARK"`))])+1, tc.col, "%s: HCL's column is not the rune count", tc.file)
		out := string(render(t, "text", longLineReport(tc.file, tc.src, tc.col, tc.col+6), Options{}))
		lines := excerptOf(t, out)
		require.Len(t, lines, 1, tc.file)
		assert.Contains(t, lines[0], `"MARK"`, "%s: the window shows the finding at HCL's column %d", tc.file, tc.col)
	}
}

// longLineReport is a report with one failing finding at column col of a
// source that is the single line src, as terraform show -json writes a
// plan.
func longLineReport(file string, src []byte, col, endCol int) *Report {
	rules := fixtureRules()
	f := finding(rules[3], scanner.Fail, "aws_s3_bucket.target", file, 1, 1, "versioning is not enabled")
	f.StartColumn, f.EndColumn = int32(col), int32(endCol)
	r := &Report{
		SchemaVersion: SchemaVersion,
		Tool:          ToolName,
		Version:       "dev",
		Settings:      Settings{SeverityThreshold: scanner.Low},
		Findings:      []Finding{f},
		Rules:         rules,
		Summary:       Summary{ResourcesScanned: 1, FilesScanned: 1, RulesRun: 1},
		Sources:       map[string][]byte{file: src},
	}
	r.Summarize()
	return r
}

// excerptOf returns the excerpt lines of a text report.
func excerptOf(t *testing.T, out string) []string {
	t.Helper()
	var lines []string
	for l := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(l, "    > ") || strings.HasPrefix(l, "      ") && strings.Contains(l, " | ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestTextExcerptOneMegabyteLine checks the text report of a finding in
// the middle of a one-line 1 MB plan: the excerpt keeps its gutter and
// shows a bounded window around the finding's column, not the line.
func TestTextExcerptOneMegabyteLine(t *testing.T) {
	const size = 1 << 20
	target := `{"address":"aws_s3_bucket.target","mode":"managed"`
	filler := `{"address":"aws_s3_bucket.other","mode":"managed","values":{"bucket":"other"}},`
	half := strings.Repeat(filler, size/2/len(filler))
	src := []byte(`{"planned_values":{"root_module":{"resources":[` + half + target + `}` + "," + half + `]}}}`)
	require.Greater(t, len(src), size-2*len(filler))
	col := strings.Index(string(src), target) + 1

	out := string(render(t, "text", longLineReport("plan.json", src, col, col+len(target)), Options{}))
	assert.Less(t, len(out), 4096, "the report does not grow with the line")
	excerpt := excerptOf(t, out)
	require.Len(t, excerpt, 1, "%s", out)
	assert.True(t, strings.HasPrefix(excerpt[0], "    > 1 | "+ellipsis), "the gutter is kept: %q", excerpt[0])
	assert.Contains(t, excerpt[0], target, "the window shows the finding's column")
	shown := strings.TrimPrefix(excerpt[0], "    > 1 | ")
	assert.Equal(t, excerptWidth+2, utf8.RuneCountInString(shown))
	assert.Equal(t, excerptLead, strings.Index(shown, target)-len(ellipsis), "excerptLead characters lead up to the column")
}

// TestTextExcerptRangeBeyondWindow checks a finding whose range on its
// line is wider than the window: the window shows the range's start, and
// marks the rest as cut.
func TestTextExcerptRangeBeyondWindow(t *testing.T) {
	src := []byte("resource \"aws_s3_bucket\" \"b\" { tags = { " + strings.Repeat(`k = "v", `, 2000) + "} }\n")
	col := strings.Index(string(src), "tags") + 1
	out := string(render(t, "text", longLineReport("main.tf", src, col, len(src)-2), Options{}))
	excerpt := excerptOf(t, out)
	require.Len(t, excerpt, 1, "%s", out)
	shown := strings.TrimPrefix(excerpt[0], "    > 1 | ")
	assert.True(t, strings.HasPrefix(shown, "resource \"aws_s3_bucket\" \"b\" { tags = {"), "the line's start is within excerptLead of the column: %q", shown)
	assert.True(t, strings.HasSuffix(shown, ellipsis), "the range's end is cut and marked: %q", shown)
	assert.Equal(t, excerptWidth+1, utf8.RuneCountInString(shown))
}

// TestTextExcerptShortLinesUnchanged checks that lines no longer than
// the window are shown as they are, context lines included.
func TestTextExcerptShortLinesUnchanged(t *testing.T) {
	lines := []string{
		`resource "aws_s3_bucket" "target" {`,
		`  bucket = "` + strings.Repeat("é", excerptWidth-13) + `"`,
		`}`,
	}
	require.Equal(t, excerptWidth, utf8.RuneCountInString(lines[1]))
	r := longLineReport("main.tf", []byte(strings.Join(lines, "\n")+"\n"), 3, 12)
	r.Findings[0].StartLine, r.Findings[0].EndLine = 2, 2
	out := string(render(t, "text", r, Options{}))
	assert.Equal(t, []string{"      1 | " + lines[0], "    > 2 | " + lines[1], "      3 | " + lines[2]}, excerptOf(t, out))
}

// TestTextExcerptSecretAtCut checks that a sensitive value where the
// window cuts the line stays redacted: the engine redacts a source whole
// before the report clips it, so a cut cannot split a secret into pieces
// the redactor would no longer recognise. The test first checks that
// clipping before redacting would show part of the secret, so that it
// can fail.
func TestTextExcerptSecretAtCut(t *testing.T) {
	secret := "hunter2-Sup3rS3cretValue-0123456789"
	redactor := scanner.NewRedactor([]string{secret}, nil)
	for _, cut := range []int{5, len(secret) / 2, len(secret) - 5} {
		target := `{"address":"aws_db_instance.main","values":{"password":"`
		// The window of the finding's line ends cut characters into the
		// secret.
		pad := excerptWidth - excerptLead - len(target) - cut
		require.Positive(t, pad)
		line := strings.Repeat("x", 5000) + target + strings.Repeat("p", pad) + secret + `"}}` + strings.Repeat("y", 5000)
		col := strings.Index(line, target) + 1

		naive := clipLine([]byte(line), col, byteColumns)
		require.Contains(t, naive, secret[:cut], "cut %d: the window ends inside the secret", cut)
		require.Equal(t, naive, redactor.Redact(naive), "cut %d: a piece of the secret is not redacted on its own", cut)

		src := redactor.RedactBytes([]byte(line))
		require.NotContains(t, string(src), secret)
		out := string(render(t, "text", longLineReport("plan.json", src, col, col), Options{}))
		excerpt := excerptOf(t, out)
		require.Len(t, excerpt, 1)
		for n := 4; n <= len(secret); n++ {
			assert.NotContains(t, excerpt[0], secret[:n], "cut %d: no prefix of the secret is shown", cut)
		}
		assert.Contains(t, excerpt[0], `"password":"`+strings.Repeat("p", pad)+scanner.Redacted[:min(cut, len(scanner.Redacted))], "cut %d: the window shows the redaction, cut", cut)
	}
}

// clipLine is clipRedacted for a line of a source kept as it was.
func clipLine(line []byte, col int, unit columnUnit) string {
	return clipRedacted(line, col, unit, 0, nil)
}
