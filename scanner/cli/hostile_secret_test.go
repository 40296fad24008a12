package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secretMarkers are the values of testdata/hostile/secret that must never
// reach an output: sensitive variables (a default, a terraform.tfvars
// value, one passed through a module) and a long file read by file().
var secretMarkers = []string{"ZZSECRETMARKER1ZZ", "ZZSECRETMARKER2ZZ", "ZZSECRETMARKER3ZZ", "ZZFILEMARKERZZ", "second line of the file"}

// secretFindings are the findings whose messages would quote the markers.
var secretFindings = map[string]string{
	"aws_lb_listener.secret":          "aws-lb-listener-modern-tls-policy",
	"aws_ssm_parameter.secret":        "aws-ssm-parameter-secret-is-secure-string",
	"aws_cloudwatch_log_group.secret": "aws-cloudwatch-log-group-customer-key",
	"aws_lb_listener.from_file":       "aws-lb-listener-modern-tls-policy",
}

func hostileSecretFixture(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "hostile", "secret"))))
	return dst
}

func TestScanNeverPrintsSensitiveValues(t *testing.T) {
	dir := hostileSecretFixture(t)
	for _, format := range []string{"text", "json", "sarif", "junit", "markdown"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := run("scan", "--format", format, "--no-color", dir)
			assert.Equal(t, 1, code, "the findings still fail the scan\nstderr: %s", stderr)
			require.NotEmpty(t, stdout)
			for _, m := range secretMarkers {
				assert.NotContains(t, stdout, m)
				assert.NotContains(t, stderr, m)
			}
			assert.Contains(t, stdout, "(sensitive value)")
			assert.Contains(t, stdout, "content of file")
			for res, rule := range secretFindings {
				assert.Contains(t, stdout, res)
				assert.Contains(t, stdout, rule)
			}
		})
	}
}

func TestScanJSONRedactsTheMessagesOfTheFindings(t *testing.T) {
	dir := hostileSecretFixture(t)
	_, stdout, stderr := run("scan", "--format", "json", dir)
	var rep struct {
		Findings []struct {
			RuleID   string `json:"rule_id"`
			Resource string `json:"resource"`
			Status   string `json:"status"`
			Message  string `json:"message"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), "stderr: %s", stderr)
	got := map[string]string{}
	for _, f := range rep.Findings {
		if rule, ok := secretFindings[f.Resource]; ok && rule == f.RuleID {
			assert.Equal(t, "fail", f.Status, f.Resource)
			got[f.Resource] = f.Message
		}
	}
	require.Len(t, got, len(secretFindings), "every finding is still reported")
	assert.Equal(t, "ssl_policy (sensitive value) is not in the allowed list of modern TLS policies",
		got["aws_lb_listener.secret"], "a rule quoting with %%q is redacted by the engine")
	assert.Equal(t, `parameter (sensitive value) looks like a secret but its type is "String": the value is stored unencrypted`,
		got["aws_ssm_parameter.secret"])
	assert.Equal(t, "kms_key_id is (sensitive value), an AWS managed key: the log data is not under a customer-managed KMS key",
		got["aws_cloudwatch_log_group.secret"], "through a module input and a sensitive output")
	assert.Contains(t, got["aws_lb_listener.from_file"], `(content of file "`)
	assert.Contains(t, got["aws_lb_listener.from_file"], `policy.txt", 118 bytes)`)
}

func TestScanNeverPrintsSensitiveValuesInErrors(t *testing.T) {
	// The path given to file() is sensitive and outside the scanned
	// directory: the error names the call, not the path.
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`
variable "key_path" {
  type      = string
  sensitive = true
  default   = "/ZZSECRETMARKER4ZZ/id_rsa"
}

resource "aws_key_pair" "deploy" {
  key_name   = "deploy"
  public_key = file(var.key_path)
}
`), 0o600))
	for _, format := range []string{"text", "json", "sarif", "junit", "markdown"} {
		code, stdout, stderr := run("scan", "--format", format, "--no-color", dir)
		assert.Equal(t, 2, code, "%s: the refused read is an error\nstderr: %s", format, stderr)
		assert.NotContains(t, stdout, "ZZSECRETMARKER4ZZ", format)
		assert.NotContains(t, stderr, "ZZSECRETMARKER4ZZ", format)
		assert.Contains(t, stdout+stderr, "(sensitive value)", format)
	}
}

func TestScanPlanNeverPrintsSensitiveValues(t *testing.T) {
	// Plan JSON holds sensitive values in clear, marked by sensitive_values
	// and after_sensitive.
	const marker = "ZZPLANMARKERZZ"
	listener := `{"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1",
	  "port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-` + marker + `",
	  "certificate_arn": "arn:aws:acm:eu-west-1:111122223333:certificate/1",
	  "default_action": [{"type": "forward", "target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"}]}`
	plan := `{"format_version": "1.2",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_lb_listener.a", "mode": "managed", "type": "aws_lb_listener", "name": "a",
     "values": ` + listener + `, "sensitive_values": {"ssl_policy": true}}]}},
  "resource_changes": [{"address": "aws_lb_listener.a", "change": {"after": ` + listener + `,
    "after_unknown": {}, "after_sensitive": {"ssl_policy": true}}}]}`
	// Terraform writes a plan on one line, which a text excerpt shows.
	plan = strings.Join(strings.Fields(plan), " ")
	p := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(plan), 0o600))
	for _, format := range []string{"text", "json", "sarif", "junit", "markdown"} {
		code, stdout, stderr := run("scan", "--format", format, "--no-color", p)
		assert.Equal(t, 1, code, "%s\nstderr: %s", format, stderr)
		assert.NotContains(t, stdout+stderr, marker, format)
		assert.Contains(t, stdout, "aws-lb-listener-modern-tls-policy", format)
		assert.Contains(t, stdout, "ssl_policy (sensitive value) is not in the allowed list", format)
	}
}

// TestScanTextExcerptKeepsSecretAtTheCut checks the text report of a
// one-line plan whose excerpt is clipped: where the window's end falls
// inside a sensitive value, the window is cut from the redacted line, so
// no piece of the value shows. The plan is padded so that the window
// (200 characters, 50 of them before the resource's "address") would end
// cut characters into the value if it were cut from the line as read.
func TestScanTextExcerptKeepsSecretAtTheCut(t *testing.T) {
	const secret = "ELBSecurityPolicy-ZZPLANMARKERZZ"
	const key = `"address": "aws_lb_listener.a"`
	build := func(pad int) string {
		listener := `{"tags": {"pad": "` + strings.Repeat("y", pad) + `"}, "ssl_policy": "` + secret + `", ` +
			`"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "port": 443, "protocol": "HTTPS", ` +
			`"certificate_arn": "arn:aws:acm:eu-west-1:111122223333:certificate/1", ` +
			`"default_action": [{"type": "forward", "target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"}]}`
		return `{"format_version": "1.2", "variables": {"pad": {"value": "` + strings.Repeat("x", 5000) + `"}}, ` +
			`"planned_values": {"root_module": {"resources": [{` + key + `, "values": ` + listener + `, ` +
			`"mode": "managed", "type": "aws_lb_listener", "name": "a", "sensitive_values": {"ssl_policy": true}}]}}, ` +
			`"resource_changes": [{"address": "aws_lb_listener.a", "change": {"after": ` + listener + `, ` +
			`"after_unknown": {}, "after_sensitive": {"ssl_policy": true}}}]}`
	}
	// The window shows 200 characters from 50 before the address.
	const windowEnd = 150
	distance := strings.Index(build(0), secret) - strings.Index(build(0), key)
	for _, cut := range []int{4, len(secret) / 2, len(secret) - 4} {
		pad := windowEnd - cut - distance
		require.Positive(t, pad)
		plan := build(pad)
		at := strings.Index(plan, key)
		require.Equal(t, secret[:cut], plan[at+windowEnd-cut:at+windowEnd], "cut %d: the window as read would end inside the value", cut)

		p := filepath.Join(t.TempDir(), "plan.json")
		require.NoError(t, os.WriteFile(p, []byte(plan), 0o600))
		code, stdout, stderr := run("scan", "--no-color", p)
		assert.Equal(t, 1, code, "stderr: %s", stderr)
		assert.NotContains(t, stdout+stderr, "ZZPLAN", "cut %d", cut)
		_, excerpt, found := strings.Cut(stdout, "    > 1 | ")
		require.True(t, found, "cut %d: an excerpt: %s", cut, stdout)
		excerpt, _, _ = strings.Cut(excerpt, "\n")
		assert.True(t, strings.HasPrefix(excerpt, "…") && strings.HasSuffix(excerpt, "…"), "cut %d: the excerpt is clipped: %q", cut, excerpt)
		assert.NotContains(t, excerpt, "ELBSec", "cut %d: no piece of the value", cut)
		assert.Contains(t, excerpt, `"ssl_policy": (sens`, "cut %d: the window shows where the value is, redacted (the mark itself may be cut)", cut)
	}
}

// TestScanTextExcerptBelowHeredocSecret checks the text report of a
// configuration with a sensitive heredoc above the resources: the engine
// redacts the heredoc's lines, and each finding's excerpt must still show
// the finding's own line (the report's line numbers are the file's), with
// no line of the secret.
func TestScanTextExcerptBelowHeredocSecret(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`variable "db_password" {
  type      = string
  sensitive = true
  default   = <<EOT
ZZHEREDOCMARKER-line-one
ZZHEREDOCMARKER-line-two
ZZHEREDOCMARKER-line-three
EOT
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  password          = var.db_password
  storage_encrypted = true
}

resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = false
}
`), 0o600))
	code, stdout, stderr := run("scan", "--no-color", dir)
	assert.Equal(t, 1, code, "stderr: %s", stderr)
	assert.NotContains(t, stdout+stderr, "ZZHEREDOC")
	var marked []string
	for l := range strings.SplitSeq(stdout, "\n") {
		if strings.HasPrefix(l, "    > ") {
			marked = append(marked, l)
		}
	}
	assert.Subset(t, marked, []string{
		"    > 14 |   password          = var.db_password",
		"    > 21 |   encrypted         = false",
		"    > 11 | resource \"aws_db_instance\" \"db\" {",
	})
}

// TestScanPlanTextExcerptRedactsHTMLEscapedSecret checks a plan whose
// sensitive value is quoted as terraform show -json quotes it, by
// encoding/json, which escapes its & as \u0026 (and its line break as
// \n): the text excerpt that shows the value must show it redacted.
func TestScanPlanTextExcerptRedactsHTMLEscapedSecret(t *testing.T) {
	quoted, err := json.Marshal("ELBSecurityPolicy-ZZPLAN&MARKER\nZZSECONDLINE")
	require.NoError(t, err)
	require.Contains(t, string(quoted), `ZZPLAN\u0026MARKER\nZZSECONDLINE`, "encoding/json escapes the &")
	listener := `{"ssl_policy": ` + string(quoted) + `, "port": 443, "protocol": "HTTPS", ` +
		`"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", ` +
		`"certificate_arn": "arn:aws:acm:eu-west-1:111122223333:certificate/1", ` +
		`"default_action": [{"type": "forward", "target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"}]}`
	plan := `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_lb_listener.a", "values": ` + listener + `, ` +
		`"mode": "managed", "type": "aws_lb_listener", "name": "a", "sensitive_values": {"ssl_policy": true}}]}}, ` +
		`"resource_changes": [{"address": "aws_lb_listener.a", "change": {"after": ` + listener + `, ` +
		`"after_unknown": {}, "after_sensitive": {"ssl_policy": true}}}]}`
	p := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(plan), 0o600))
	code, stdout, stderr := run("scan", "--no-color", p)
	assert.Equal(t, 1, code, "stderr: %s", stderr)
	assert.Contains(t, stdout, `"ssl_policy": (sensitive value)`, "the excerpt shows where the value is")
	assert.NotContains(t, stdout+stderr, "ZZPLAN")
	assert.NotContains(t, stdout+stderr, "ZZSECONDLINE")
}

// TestScanTextExcerptRedactsIndentedHeredocSecret checks the text report
// of sensitive values written as indented heredocs (<<-EOT), indented by
// 2 or 4 spaces or a tab: Terraform strips the indentation from their
// values, and the excerpts must still show no line of them, the
// findings below them at their own lines, and a line equal to one line
// of a secret elsewhere in the file as it is.
func TestScanTextExcerptRedactsIndentedHeredocSecret(t *testing.T) {
	for name, indent := range map[string]string{"2 spaces": "  ", "4 spaces": "    ", "tab": "\t"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			src := `variable "db_password" {
  type      = string
  sensitive = true
  default   = <<-EOT
` + indent + `ZZINDENTMARKER-line-one
` + indent + `ZZINDENTMARKER-line-two
  EOT
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  password          = var.db_password
  storage_encrypted = true
}

resource "aws_db_instance" "literal" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  password          = sensitive(<<-EOT
` + indent + indent + `ZZINLINEMARKER-first
` + indent + indent + `ZZINLINEMARKER-second
  EOT
  )
}

resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 10
  # ZZINLINEMARKER-second
  encrypted         = false
}
`
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600))
			code, stdout, stderr := run("scan", "--no-color", dir)
			assert.Equal(t, 1, code, "stderr: %s", stderr)
			assert.NotContains(t, stdout+stderr, "ZZIND", "no piece of the variable's secret")
			assert.NotContains(t, strings.ReplaceAll(stdout+stderr, "  # ZZINLINEMARKER-second", ""), "ZZIN",
				"no piece of the inline secret, but the comment that repeats one of its lines")
			var marked []string
			for l := range strings.SplitSeq(stdout, "\n") {
				if strings.HasPrefix(l, "    > ") {
					marked = append(marked, l)
				}
			}
			assert.Subset(t, marked, []string{
				"    > 13 |   password          = var.db_password",
				"    > 32 |   encrypted         = false",
				"    > 22 | " + indent + indent + "(sensitive value)",
				"    > 23 | ",
				"    > 24 |   EOT",
			})
			assert.Contains(t, stdout, "      31 |   # ZZINLINEMARKER-second\n", "a line of a secret alone is other text")
		})
	}
}
