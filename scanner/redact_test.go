package scanner

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

func TestQuote(t *testing.T) {
	assert.Equal(t, `"alias/aws/s3"`, Quote(Value{Val: cty.StringVal("alias/aws/s3"), Present: true}))
	assert.Equal(t, Redacted, Quote(Value{Val: cty.StringVal("alias/aws/s3"), Present: true}.WithSensitive([]cty.Path{{}})))
	assert.Equal(t, "(known after apply)", Quote(Value{Val: cty.UnknownVal(cty.String), Present: true}))
	assert.Equal(t, "null", Quote(Value{Val: cty.NilVal}))
}

func TestSensitivePathsNarrow(t *testing.T) {
	obj := cty.ObjectVal(map[string]cty.Value{
		"secret": cty.StringVal("s"),
		"open":   cty.StringVal("o"),
		"list":   cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
	})
	v := Value{Name: "x", Val: obj, Present: true}.WithSensitive([]cty.Path{
		cty.GetAttrPath("secret"),
		cty.GetAttrPath("list").IndexInt(1),
	})
	assert.True(t, v.IsSensitive())
	assert.True(t, v.Index("secret").IsSensitive())
	assert.False(t, v.Index("open").IsSensitive())
	assert.False(t, v.Index("list").Index(0).IsSensitive())
	assert.True(t, v.Index("list").Index(1).IsSensitive())

	whole := Value{Name: "x", Val: obj, Present: true}.WithSensitive([]cty.Path{{}})
	assert.True(t, whole.Index("open").IsSensitive(), "a part of a sensitive whole is sensitive")

	blocks := Value{Name: "b", Val: cty.TupleVal([]cty.Value{obj, obj}), Present: true}.WithSensitive([]cty.Path{cty.IndexIntPath(1).GetAttr("open")}).asBlocks("b")
	require.Len(t, blocks, 2)
	assert.False(t, blocks[0].Attr("open").IsSensitive())
	assert.True(t, blocks[1].Attr("open").IsSensitive())
	assert.False(t, blocks[1].Attr("secret").IsSensitive())
}

func TestRedactor(t *testing.T) {
	passwd := "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	r := NewRedactor(
		[]string{"hunter2-secret", "22", "Tok\"en"},
		[]FileContent{
			{Name: "/etc/passwd", Content: passwd},
			{Name: "short.txt", Content: "tiny"},
		})
	for in, want := range map[string]string{
		`password is "hunter2-secret"`:                                   `password is (sensitive value)`,
		`name is arn:aws:iam::x:HUNTER2-SECRET/role`:                     `name is arn:aws:iam::x:(sensitive value)/role`,
		`value "Tok\"en" is set`:                                         `value (sensitive value) is set`,
		`port 22 is open, 220 is not`:                                    `port 22 is open, 220 is not`,
		`content ` + passwd:                                              `content (content of file "/etc/passwd", 80 bytes)`,
		`policy "` + strings.ReplaceAll(passwd, "\n", `\n`) + `" is bad`: `policy (content of file "/etc/passwd", 80 bytes) is bad`,
		`trimmed "` + strings.TrimSpace(passwd) + `"`:                    `trimmed "(content of file "/etc/passwd", 80 bytes)"`,
		`short content "tiny" is quoted`:                                 `short content "tiny" is quoted`,
		`nothing to hide`:                                                `nothing to hide`,
	} {
		assert.Equal(t, want, r.Redact(in), "%q", in)
	}
	assert.Equal(t, "x", NewRedactor(nil, nil).Redact("x"))
	var none *Redactor
	assert.Equal(t, "x", none.Redact("x"))
}

func TestRedactorShortSecretsAreWholeWords(t *testing.T) {
	r := NewRedactor([]string{"abcd", "true", "False", "null"}, nil)
	assert.Equal(t, "key (sensitive value) and abcdef", r.Redact("key abcd and abcdef"))
	assert.Equal(t, "enabled is true, public is false, kms is null", r.Redact("enabled is true, public is false, kms is null"),
		"a sensitive map's \"true\" does not hide every boolean of the report")
}

func TestFileContentDescribe(t *testing.T) {
	assert.Equal(t, `(content of file "x", 1,234 bytes)`, FileContent{Name: "x", Content: strings.Repeat("a", 1234)}.Describe())
	assert.Equal(t, `(content of file "x", 1,234,567 bytes)`, FileContent{Name: "x", Content: strings.Repeat("a", 1234567)}.Describe())
	r := NewRedactor(nil, []FileContent{{Name: "region.txt", Content: "eu-west-1\n"}, {Name: "k", Content: "key\n\n\n"}})
	assert.Equal(t, "region eu-west-1 and key", r.Redact("region eu-west-1 and key"), "short one-line content is quoted")
}

// TestFileContentQuotedWhenShortOnOneLine checks which file contents a
// message may show: up to MaxQuotedFile bytes on one line, a final line
// break aside.
func TestFileContentQuotedWhenShortOnOneLine(t *testing.T) {
	for _, c := range []struct {
		content string
		quoted  bool
	}{
		{strings.Repeat("a", MaxQuotedFile), true},
		{strings.Repeat("a", MaxQuotedFile+1), false},
		{strings.Repeat("a", MaxQuotedFile) + "\n", true},
		{"eu-west-1\r\n", true},
		{"a\nb", false},
		{"a\rb", false},
	} {
		f := FileContent{Name: "f", Content: c.content}
		msg := "value " + c.content + " read"
		want := msg
		if !c.quoted {
			want = "value " + f.Describe() + " read"
		}
		assert.Equal(t, want, NewRedactor(nil, []FileContent{f}).Redact(msg), "%q", c.content)
	}
}

func TestRedactorScalesToManyAndLargeNeedles(t *testing.T) {
	// A regular expression of every needle outgrew RE2's limits on a real
	// corpus: thousands of secrets and megabytes of file content must work.
	secrets := make([]string, 5000)
	for i := range secrets {
		secrets[i] = fmt.Sprintf("secret-number-%05d", i)
	}
	big := strings.Repeat("{\"policy\": \"x\"}\n", 100000)
	r := NewRedactor(secrets, []FileContent{{Name: "big.json", Content: big}})
	assert.Equal(t, "a (sensitive value) b", r.Redact(`a "secret-number-04999" b`))
	assert.Equal(t, `doc (content of file "big.json", 1,600,000 bytes)`, r.Redact("doc "+big))
}

// NewRedactor quotes a content lower-cased, not lower-cases it quoted:
// the two agree for letters, escapes, other scripts, invalid bytes and
// the runes strconv.Quote writes as \U.
func TestLowerThenQuoteIsQuoteThenLower(t *testing.T) {
	for _, s := range []string{
		"Policy \"Deny\"\n\tEffect",
		"Ünïcödé ÀÉ and ASCII AZ az",
		"bell \a nul \x00 del \x7f",
		"tag \U000E0041 plane \U0010FFFF",
		"invalid \xff\xfe UTF-8",
	} {
		want := asciiLower(strconv.Quote(s))
		assert.Equal(t, want, asciiLower(strconv.Quote(asciiLower(s))), "%q", s)
	}
	content := "{\n  \"Name\": \"Deny-\U000E0041\"\n}\n"
	r := NewRedactor(nil, []FileContent{{Name: "policy.json", Content: content}})
	desc := FileContent{Name: "policy.json", Content: content}.Describe()
	assert.Equal(t, "is "+desc, r.Redact("is "+strings.ToUpper(strconv.Quote(content))))
	assert.Equal(t, "is "+desc, r.Redact("is "+content))
}

// BenchmarkNewRedactor builds the redactor of a landing zone's rendered
// policy templates: 2,000 documents of about 2 KB.
func BenchmarkNewRedactor(b *testing.B) {
	files := make([]FileContent, 2000)
	for i := range files {
		files[i] = FileContent{Name: fmt.Sprintf("lib/policy_%d.json.tftpl", i), Content: fmt.Sprintf(
			"{\n  \"Name\": \"Deny-Resource-%d\",\n  \"Properties\": {\n    \"PolicyRule\": %s\n  }\n}\n",
			i, strings.Repeat(`{"If": {"Field": "Type", "Equals": "Microsoft.Network/VirtualNetworks"}, "Then": {"Effect": "[Parameters('Effect')]"}}`, 18))}
	}
	b.ReportAllocs()
	for b.Loop() {
		NewRedactor([]string{"hunter2-secret"}, files)
	}
}

// TestQuoteLowerIsQuote checks that quoteLower writes what
// asciiLower(strconv.Quote(s)) writes, for every ASCII byte alone and
// among text, and for text that is not ASCII or not valid UTF-8.
func TestQuoteLowerIsQuote(t *testing.T) {
	inputs := []string{"", "plain", `{"if": {"field": "type"}}`, "tab\there\nnew line\r\n", "\x00\x1f\x7f", `back\slash`, "é unicode ☃", "bad \xff utf-8", "\u2028 separator", "end\\"}
	for b := range utf8.RuneSelf {
		inputs = append(inputs, string(rune(b)), "a"+string(rune(b))+"z")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		buf := make([]byte, rng.IntN(40))
		for i := range buf {
			buf[i] = byte(rng.IntN(128))
		}
		inputs = append(inputs, string(buf))
	}
	for _, s := range inputs {
		l := asciiLower(s)
		assert.Equal(t, asciiLower(strconv.Quote(l)), quoteLower(l), "%q", s)
	}
}

// lazyFixture is a redactor's input where the order of adds matters: two
// files with the same content (the first one's description wins), a
// file whose trimmed content is another file's content, a secret that
// is also a file's content (Redacted wins over any description), and
// contents of many lengths.
func lazyFixture() ([]string, []FileContent) {
	policy := func(n int) string {
		return `{"name": "Deny-` + strings.Repeat("x", n) + `", "scope": "/providers/Microsoft.Management/managementGroups/root"}` + "\n"
	}
	files := []FileContent{
		{Name: "lib/a.json", Content: policy(10)},
		{Name: "lib/copy_of_a.json", Content: policy(10)},
		{Name: "lib/padded.json", Content: "\n\n" + policy(200) + "\n\n"},
		{Name: "lib/trimmed.json", Content: strings.TrimSpace(policy(200))},
		{Name: "lib/secret.txt", Content: "a very long secret value that is also a file, line one\nline two"},
		{Name: "lib/Upper.JSON", Content: strings.ToUpper(policy(3000))},
	}
	for i := range 40 {
		files = append(files, FileContent{Name: fmt.Sprintf("lib/p%02d.json", i), Content: policy(i * 37)})
	}
	secrets := []string{"a very long secret value that is also a file, line one\nline two", "hunter22"}
	return secrets, files
}

// lazyMessages quote the contents of lazyFixture in every form a needle
// takes, among other text.
func lazyMessages(files []FileContent) []string {
	var msgs []string
	for i, f := range files {
		msgs = append(msgs,
			"value "+strconv.Quote(f.Content)+" is not allowed",
			"raw: "+f.Content+" (end)",
			"trimmed: "+strings.TrimSpace(f.Content),
			strings.ToLower(f.Content),
			fmt.Sprintf("short message %d with hunter22 in it", i),
		)
	}
	return append(msgs, "", "x", "hunter22")
}

// The redactor makes needles of file contents only when a message long
// enough to hold them comes, and answers as if it had made them all at
// once, whatever the order of the messages.
func TestRedactorMakesNeedlesWhenNeeded(t *testing.T) {
	secrets, files := lazyFixture()
	msgs := lazyMessages(files)

	eager := NewRedactor(secrets, files)
	eager.makeReady(math.MaxInt)
	require.Empty(t, eager.pending)
	want, wantBytes := make([]string, len(msgs)), make([]string, len(msgs))
	for i, m := range msgs {
		// A file's content keeps the line breaks of what it redacts;
		// a message does not.
		want[i], wantBytes[i] = eager.Redact(m), string(eager.RedactBytes([]byte(m)))
	}
	assert.Contains(t, want, `value `+Redacted+` is not allowed`, "a secret that is also a file is redacted")
	assert.Contains(t, want, `value (content of file "lib/a.json", 94 bytes) is not allowed`, "the first of two equal files names it")
	assert.NotContains(t, strings.Join(want, "\n"), "copy_of_a", "the first of two equal files names it")
	assert.NotContains(t, strings.Join(want, "\n"), "lib/trimmed.json", "a file read first with spaces around names the trimmed content")

	for name, order := range map[string]func([]string){
		"as written":     func([]string) {},
		"shortest first": func(m []string) { slices.SortStableFunc(m, func(a, b string) int { return len(a) - len(b) }) },
		"longest first":  func(m []string) { slices.SortStableFunc(m, func(a, b string) int { return len(b) - len(a) }) },
		"reversed":       slices.Reverse[[]string],
	} {
		idx := make([]string, len(msgs))
		copy(idx, msgs)
		order(idx)
		expected, expectedBytes := map[string]string{}, map[string]string{}
		for i, m := range msgs {
			expected[m], expectedBytes[m] = want[i], wantBytes[i]
		}
		lazy := NewRedactor(secrets, files)
		for _, m := range idx {
			assert.Equal(t, expected[m], lazy.Redact(m), "%s: %.60q", name, m)
		}
		for _, m := range idx {
			assert.Equal(t, expectedBytes[m], string(lazy.RedactBytes([]byte(m))), "%s: bytes: %.60q", name, m)
		}
	}

	lazy := NewRedactor(secrets, files)
	assert.False(t, lazy.Empty())
	assert.Equal(t, "short "+Redacted, lazy.Redact("short hunter22"))
	require.NotEmpty(t, lazy.pending, "a short message made needles of long contents")
	for _, p := range lazy.pending {
		assert.Greater(t, len(p.s), len("short hunter22"))
	}
}

func TestRedactorEmpty(t *testing.T) {
	assert.True(t, NewRedactor(nil, nil).Empty())
	assert.True(t, NewRedactor([]string{"on"}, []FileContent{{Name: "a", Content: "short"}}).Empty())
	r := NewRedactor(nil, []FileContent{{Name: "a", Content: strings.Repeat("long content ", 10)}})
	assert.False(t, r.Empty(), "a pending content is a needle to be")
	assert.Equal(t, "x", r.Redact("x"))
	assert.False(t, r.Empty())
}

// TestRedactSpans checks that RedactSpans returns what RedactBytes does,
// and replacements that rebuild it from the input: each span's bytes of
// the input, in order, are what became its Repl.
func TestRedactSpans(t *testing.T) {
	r := NewRedactor([]string{"hunter2-secret", "Other-Secret-9"}, []FileContent{{Name: "f.txt", Content: strings.Repeat("long content\n", 10)}})
	src := []byte(`a "hunter2-secret" b OTHER-SECRET-9 c hunter2-secret` + "\n" + strings.Repeat("long content\n", 10) + "end")
	out, spans := r.RedactSpans(src)
	assert.Equal(t, r.RedactBytes(src), out)
	require.Len(t, spans, 3+10, "the three secrets, and each line of the content (its line breaks kept)")
	var rebuilt strings.Builder
	last := 0
	for _, s := range spans {
		require.LessOrEqual(t, last, s.Start)
		rebuilt.Write(src[last:s.Start])
		rebuilt.WriteString(s.Repl)
		last = s.End
	}
	rebuilt.Write(src[last:])
	assert.Equal(t, string(out), rebuilt.String())
	assert.Equal(t, `"hunter2-secret"`, string(src[spans[0].Start:spans[0].End]), "the quoted form is one span")

	same, none := r.RedactSpans([]byte("nothing here"))
	assert.Equal(t, "nothing here", string(same))
	assert.Empty(t, none)
	var empty *Redactor
	_, none = empty.RedactSpans(src)
	assert.Empty(t, none)
}

// TestRedactBytesKeepsLines checks that a secret over several lines of a
// file's content keeps its line breaks, and nothing else of it, so that
// the content keeps its line numbers; a message still gets one marker.
// RedactSpans lists one span per line, each within its line, that
// rebuild the output.
func TestRedactBytesKeepsLines(t *testing.T) {
	const secret = "-----BEGIN KEY-----\nQUJDREVGR0hJSktM\r\nTU5PUFFSU1RV\n\n-----END KEY-----\n"
	r := NewRedactor([]string{secret, "\nStartsOnNextLine"}, nil)
	src := []byte("a = <<EOT\n" + secret + "EOT\nb = \"x\nstartsonnextline\" c\n")
	out, spans := r.RedactSpans(src)
	assert.Equal(t, "a = <<EOT\n"+Redacted+"\n\n\n\n\nEOT\nb = \"x"+Redacted+"\n\" c\n", string(out))
	assert.Equal(t, strings.Count(string(src), "\n"), strings.Count(string(out), "\n"), "the lines keep their numbers")
	assert.Equal(t, r.RedactBytes(src), out)
	for _, piece := range []string{"BEGIN", "QUJD", "TU5P", "END", "next"} {
		assert.NotContains(t, strings.ToLower(string(out)), strings.ToLower(piece))
	}

	require.Len(t, spans, 6, "the key's four lines with text, and the first and last of the other secret")
	var rebuilt strings.Builder
	last := 0
	for _, s := range spans {
		require.LessOrEqual(t, last, s.Start)
		assert.NotContains(t, string(src[s.Start:s.End]), "\n", "a span lies within a line")
		rebuilt.Write(src[last:s.Start])
		rebuilt.WriteString(s.Repl)
		last = s.End
	}
	rebuilt.Write(src[last:])
	assert.Equal(t, string(out), rebuilt.String())
	assert.Equal(t, Replaced{Start: 10, End: 29, Repl: Redacted}, spans[0], "the first line carries the marker")
	assert.Empty(t, spans[1].Repl, "the others are emptied")
	at := strings.Index(string(src), "x\n") + 1
	assert.Equal(t, Replaced{Start: at, End: at, Repl: Redacted}, spans[4], "a secret that starts with a line break still lists its marker")

	assert.Equal(t, "key: "+Redacted, r.Redact("key: "+secret), "a message gets one marker")
}

// TestRedactorMatchesJSONQuotedSecrets checks secrets quoted as
// encoding/json writes them, as in a plan from terraform show -json: it
// escapes &, < and > and control characters otherwise than
// strconv.Quote, and keeps DEL and non-printing characters.
func TestRedactorMatchesJSONQuotedSecrets(t *testing.T) {
	for _, secret := range []string{"Pass&Word-1", "<Tag>Secret", "Ctl\x01Secret", "Del\x7fSecret", "Nbsp\u00a0Secret\u2028", "Multi&Line\nSecret"} {
		b, err := json.Marshal(secret)
		require.NoError(t, err)
		require.NotEqual(t, strconv.Quote(secret), string(b), "%q: the two quotings differ", secret)
		r := NewRedactor([]string{secret}, nil)
		assert.Equal(t, `{"password":`+Redacted+`}`, r.Redact(`{"password":`+string(b)+`}`), "%q", secret)
		inside := string(b[1 : len(b)-1])
		assert.Equal(t, "x "+Redacted+" y", r.Redact("x "+strings.ToUpper(inside)+" y"), "%q: inside its quotes, any case", secret)
		assert.Equal(t, `{"password":`+Redacted+`}`, string(r.RedactBytes([]byte(`{"password":`+string(b)+`}`))), "%q", secret)
	}
	// A content read by a file function too.
	content := strings.Repeat("<statement effect=\"allow\"/> & more\n", 4)
	b, err := json.Marshal(content)
	require.NoError(t, err)
	r := NewRedactor(nil, []FileContent{{Name: "policy.xml", Content: content}})
	assert.Equal(t, `policy (content of file "policy.xml", 140 bytes)`, r.Redact("policy "+string(b)))
}

// TestRedactBytesIndentedHeredoc checks a secret over several lines
// written as an indented heredoc (<<-EOT), whose value Terraform strips
// of the lines' common indentation: the file's lines, each indented,
// are redacted all the same, line breaks kept, with 2 and 4 spaces and
// a tab, while a line equal to one line of the secret elsewhere is not.
func TestRedactBytesIndentedHeredoc(t *testing.T) {
	const secret = "First Line of the secret\n  second, indented more\n\nlast line\n"
	r := NewRedactor([]string{secret}, nil)
	for _, indent := range []string{"  ", "    ", "\t"} {
		var heredoc strings.Builder
		for l := range strings.SplitSeq(strings.TrimSuffix(secret, "\n"), "\n") {
			if l != "" {
				heredoc.WriteString(indent + l)
			}
			heredoc.WriteString("\n")
		}
		src := "x = 1\n  default = <<-EOT\n" + heredoc.String() + "  EOT\n" +
			"  # first line of the secret\n  description = \"last line\"\n  last line\n"
		out, spans := r.RedactSpans([]byte(src))
		want := "x = 1\n  default = <<-EOT\n" + indent + Redacted + "\n\n\n\n  EOT\n" +
			"  # first line of the secret\n  description = \"last line\"\n  last line\n"
		assert.Equal(t, want, string(out), "indent %q", indent)
		assert.Equal(t, strings.Count(src, "\n"), strings.Count(string(out), "\n"), "the lines keep their numbers")
		assert.Equal(t, r.RedactBytes([]byte(src)), out)
		require.Len(t, spans, 3, "indent %q: the lines with text", indent)
		assert.Equal(t, Redacted, spans[0].Repl)
		for _, s := range spans {
			assert.NotContains(t, src[s.Start:s.End], "\n")
		}
	}
}

// TestRedactBytesIndentedHeredocNeedsAllLines checks that the lines of a
// secret are matched only together, in sequence, each starting a line:
// a sensitive policy's lines repeated elsewhere stay, and so do the
// lines when one differs or when the first does not start a line.
func TestRedactBytesIndentedHeredocNeedsAllLines(t *testing.T) {
	const secret = "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\"\n}\n"
	r := NewRedactor([]string{secret}, nil)
	for _, src := range []string{
		"policy = <<-EOT\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:PutObject\"\n    }\n  EOT\n",
		"other = {\n  \"Effect\": \"Allow\",\n  \"Resource\": \"*\"\n}\n",
		"  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\"\n",
		// Indented: as written unindented, the secret itself matches.
		"x = y{\n    \"Effect\": \"Allow\",\n    \"Action\": \"s3:GetObject\"\n  }\n",
	} {
		assert.Equal(t, src, string(r.RedactBytes([]byte(src))), "%q is not the secret", src)
	}
	indented := "p = <<-EOT\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\"\n    }\n  EOT\n"
	assert.Equal(t, "p = <<-EOT\n    "+Redacted+"\n\n\n\n  EOT\n", string(r.RedactBytes([]byte(indented))))
	assert.Equal(t, "msg "+indented, r.Redact("msg "+indented), "a message is matched as it is")
}

// TestRedactBytesIndentedSecretsShareFirstLines checks that secrets over
// several lines that start alike (PEM keys) are each matched in an
// indented heredoc: the file is searched once per common first line, and
// every secret of that group is tried at each hit.
func TestRedactBytesIndentedSecretsShareFirstLines(t *testing.T) {
	keys := pemKeys(5000)
	r := NewRedactor(keys, nil)
	for _, i := range []int{0, 2500, 4999} {
		src := fmt.Sprintf("k = <<-EOT\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIkey%05d\n  -----END RSA PRIVATE KEY-----\nEOT\n", i)
		assert.Equal(t, "k = <<-EOT\n  "+Redacted+"\n\n\nEOT\n", string(r.RedactBytes([]byte(src))), "key %d", i)
	}
}

// BenchmarkRedactBytesManyMultiLineSecrets measures a megabyte of code
// without any secret against 1 and 5,000 PEM keys that share their first
// line: searching the file once per secret made the second take seconds,
// for each file a report excerpts.
func BenchmarkRedactBytesManyMultiLineSecrets(b *testing.B) {
	code := []byte(strings.Repeat("resource \"aws_instance\" \"x\" {\n  ami = \"ami-123\"\n}\n", 1<<20/40))
	for _, n := range []int{1, 5000} {
		r := NewRedactor(pemKeys(n), nil)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				r.RedactBytes(code)
			}
		})
	}
}

func pemKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("-----BEGIN RSA PRIVATE KEY-----\nMIIkey%05d\n-----END RSA PRIVATE KEY-----\n", i)
	}
	return keys
}

// A sensitive value written in the content of a dynamic block over an
// unknown collection (a dynamic template) is redacted like any other: the
// rules about literal secrets read templates, so a message may quote it.
func TestSensitiveStringsIncludeDynamicTemplates(t *testing.T) {
	tmpl := NewBlock("environment", Range{})
	tmpl.SetAttr("variables", Value{Val: cty.MapVal(map[string]cty.Value{
		"AWS_SECRET_ACCESS_KEY": cty.StringVal("template-secret-value"),
	}), Present: true}.WithSensitive([]cty.Path{{}}))
	r := &Resource{Address: "aws_lambda_function.f", Block: NewBlock("resource", Range{})}
	r.AddDynamicTemplate(tmpl, Range{})
	require.Empty(t, r.Blocks("environment"), "a template is not a block")

	got := SensitiveStrings([]*Resource{r})
	assert.Contains(t, got, "template-secret-value")
	assert.Equal(t, "variables is "+Redacted, NewRedactor(got, nil).Redact("variables is template-secret-value"))
}
