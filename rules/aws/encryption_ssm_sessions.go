package aws

import (
	"strings"

	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Session Manager preferences: an aws_ssm_document of type Session holds
// the inputs that decide how sessions are encrypted and where their logs
// go.

// sessionInputs reads the inputs object of a Session Manager preferences
// document. ok false carries the result to return: not applicable for
// other documents, unknown when the content is only known after apply,
// failed when it cannot be read as the format it declares.
func sessionInputs(r *scanner.Resource) (inputs scanner.Value, res scanner.Result, ok bool) {
	typ := r.Attr("document_type")
	switch {
	case typ.IsUnknown():
		return typ, scanner.Unknowable(typ.Range, "document_type is not known until apply"), false
	case !typ.Equals("Session"):
		return typ, scanner.DoesNotApply("not a Session Manager preferences document"), false
	}
	content := r.Attr("content")
	text, isString := content.AsString()
	switch {
	case content.IsNull():
		return content, scanner.DoesNotApply("no content"), false
	case !content.Val.IsKnown() && content.Skeleton() != "":
		// A heredoc that interpolates a key ID or a bucket name: its
		// text is known but for those parts, which read as
		// unknownInDocument.
		text, isString = strings.ReplaceAll(content.Skeleton(), scanner.UnknownMark, unknownInDocument), true
	case !content.Val.IsKnown():
		return content, scanner.Unknowable(content.Range, "content is only known after apply"), false
	}
	doc := content
	if isString {
		s := text
		format := r.Attr("document_format")
		if format.IsUnknown() {
			return format, scanner.Unknowable(format.Range, "document_format is not known until apply"), false
		}
		decode := decodeJSONDocument
		if format.Equals("YAML") {
			decode = decodeYAMLDocument
		}
		var err error
		doc.Val, err = decode(s)
		if err != nil && strings.Contains(s, unknownInDocument) {
			// The unknown part stands outside a string (a flag written
			// as ${var.enabled}): read it as a string.
			doc.Val, err = decode(strings.ReplaceAll(s, unknownInDocument, `"`+unknownInDocument+`"`))
		}
		if err != nil {
			return content, scanner.Failed(content.Range, "content is not a valid %s document (%v): SSM rejects it", format.StringOr("JSON"), err), false
		}
	}
	// Only Standard_Stream documents hold session preferences: Port,
	// InteractiveCommands and NonInteractiveCommands documents start
	// sessions that take them from the account's preferences document.
	switch st := doc.Index("sessionType"); {
	case documentValueUnknown(st):
		return st, scanner.Unknowable(content.Range, "sessionType is not known until apply"), false
	case st.IsKnown() && !st.Equals("Standard_Stream"):
		return st, scanner.DoesNotApply("a %s session document, which holds no session preferences", st.StringOr("")), false
	}
	return doc.Index("inputs"), scanner.Result{}, true
}

// unknownInDocument stands in a document's text for a part only known
// after apply; a string value holding it is read as unknown.
const unknownInDocument = "\u2047unknown\u2047"

// documentValueUnknown reports whether v, read from a document's text,
// holds a part only known after apply.
func documentValueUnknown(v scanner.Value) bool {
	s, ok := v.AsString()
	return v.IsUnknown() || (ok && strings.Contains(s, unknownInDocument))
}

// decodeYAMLDocument decodes YAML into the value yamldecode() would give.
func decodeYAMLDocument(s string) (cty.Value, error) {
	t, err := ctyyaml.Standard.ImpliedType([]byte(s))
	if err != nil {
		return cty.NilVal, err
	}
	return ctyyaml.Standard.Unmarshal([]byte(s), t)
}

const sessionPreferencesStart = `
resource "aws_ssm_document" `

var ssmSessionEncrypted = &scanner.Rule{
	ID:    "aws-ssm-session-preferences-kms-encryption",
	Title: "Session Manager encrypts session data with a KMS key",
	Description: "Session Manager sessions already travel over TLS; inputs.kmsKeyId in the Session Manager preferences " +
		"document (SSM-SessionManagerRunShell) adds a second layer, encrypting the keystrokes and output of every " +
		"session with a KMS key, so a session cannot be read without kms:Decrypt on it (SOC 2 CC6.7, CC6.1). A key " +
		"ID interpolated into the document from a key resource counts as set; one from an input variable is unknown, " +
		"as the variable may be given \"\".",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_ssm_document"},
	Remediation:     "Set inputs.kmsKeyId in the Session document's content to a KMS key (a customer-managed one whose policy lets the instance roles decrypt).",
	RemediationCode: "content = jsonencode({\n  schemaVersion = \"1.0\"\n  sessionType   = \"Standard_Stream\"\n  inputs = {\n    kmsKeyId = aws_kms_key.sessions.key_id\n  }\n})",
	Links: []string{
		registryDoc("aws_ssm_document", "content"),
		"https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_112"},
		{Tool: scanner.ToolKICS, ID: "SSM Session Transit Encryption Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "sessions" {
  enable_key_rotation = true
}
` + sessionPreferencesStart + `"good" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "JSON"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs = {
      kmsKeyId = aws_kms_key.sessions.key_id
    }
  })
}
` + sessionPreferencesStart + `"heredoc" {
  name          = "SSM-SessionManagerRunShell-2"
  document_type = "Session"
  content       = <<DOC
{
  "schemaVersion": "1.0",
  "sessionType": "Standard_Stream",
  "inputs": { "kmsKeyId": "${aws_kms_key.sessions.key_id}" }
}
DOC
}
` + sessionPreferencesStart + `"command" {
  name          = "restart"
  document_type = "Command"
  content       = "{}"
}
` + sessionPreferencesStart + `"port" {
  name          = "PortForwardToDatabase"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Port"
    properties = {
      portNumber      = "5432"
      localPortNumber = "5432"
      type            = "LocalPortForwarding"
    }
  })
}`, NotApplicable: []string{"aws_ssm_document.command", "aws_ssm_document.port"}}},
	Bad: []scanner.Example{{Code: sessionPreferencesStart + `"plain" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "YAML"
  content         = <<DOC
schemaVersion: '1.0'
sessionType: Standard_Stream
inputs:
  s3BucketName: session-logs
  s3EncryptionEnabled: true
DOC
}

variable "document" {
  type = string
}
` + sessionPreferencesStart + `"unknown" {
  name          = "SSM-SessionManagerRunShell-2"
  document_type = "Session"
  content       = var.document
}

# An input variable with no default may be given "": no key.
variable "session_key" {
  type = string
}
` + sessionPreferencesStart + `"from_variable" {
  name          = "SSM-SessionManagerRunShell-3"
  document_type = "Session"
  content       = <<DOC
{
  "schemaVersion": "1.0",
  "sessionType": "Standard_Stream",
  "inputs": { "kmsKeyId": "${var.session_key}" }
}
DOC
}
` + sessionPreferencesStart + `"from_variable_json" {
  name          = "SSM-SessionManagerRunShell-4"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs        = { kmsKeyId = var.session_key }
  })
}`, Fails: []string{"aws_ssm_document.plain"}, Unknowns: []string{"aws_ssm_document.unknown", "aws_ssm_document.from_variable", "aws_ssm_document.from_variable_json"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		inputs, res, ok := sessionInputs(r)
		if !ok {
			return res
		}
		key := inputs.Index("kmsKeyId")
		switch {
		case key.Present && documentValueUnknown(key) && len(key.Refs) > 0:
			// Interpolated into the document from a declared resource:
			// a key the configuration supplies.
			return scanner.Passed()
		case key.Present && documentValueUnknown(key):
			// From an input variable with no default, which may be
			// given "" and name no key.
			return scanner.Unknowable(inputs.Range, "inputs.kmsKeyId is not known until apply and refers to no declared resource: it may name no key")
		case key.Names() == scanner.No:
			return scanner.Failed(inputs.Range, "inputs.kmsKeyId is not set: session data is protected by TLS only, not encrypted with a KMS key")
		}
		return scanner.Passed()
	},
}

var ssmSessionLogsEncrypted = &scanner.Rule{
	ID:    "aws-ssm-session-logs-encrypted",
	Title: "Session Manager writes session logs to an encrypted destination",
	Description: "The Session Manager preferences document decides where the transcript of every session goes: an S3 " +
		"bucket (inputs.s3BucketName) or a CloudWatch Logs group (inputs.cloudWatchLogGroupName). Session Manager " +
		"checks that the destination is encrypted only when s3EncryptionEnabled or cloudWatchEncryptionEnabled is " +
		"true; otherwise transcripts, which show commands and their output, may be stored unencrypted, or not at all " +
		"when no destination is set (SOC 2 CC6.1, C1.1, CC7.2). Each destination named must be encrypted: an encrypted " +
		"CloudWatch group does not protect the copy written to an unencrypted bucket.",
	Severity:        scanner.Medium,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_ssm_document"},
	Remediation:     "Set inputs.s3BucketName with s3EncryptionEnabled = true, or inputs.cloudWatchLogGroupName with cloudWatchEncryptionEnabled = true.",
	RemediationCode: "inputs = {\n  cloudWatchLogGroupName      = aws_cloudwatch_log_group.sessions.name\n  cloudWatchEncryptionEnabled = true\n}",
	Links: []string{
		registryDoc("aws_ssm_document", "content"),
		"https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_113"}},
	Good: []scanner.Example{{Code: sessionPreferencesStart + `"good" {
  name          = "SSM-SessionManagerRunShell"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs = {
      cloudWatchLogGroupName      = "/ssm/sessions"
      cloudWatchEncryptionEnabled = true
    }
  })
}
` + sessionPreferencesStart + `"interactive" {
  name          = "RestartNginx"
  document_type = "Session"
  content       = <<DOC
{
  "schemaVersion": "1.0",
  "sessionType": "InteractiveCommands",
  "properties": {
    "linux": { "commands": "sudo systemctl restart nginx", "runAsElevated": true }
  }
}
DOC
}`, NotApplicable: []string{"aws_ssm_document.interactive"}}},
	Bad: []scanner.Example{{Code: sessionPreferencesStart + `"unencrypted" {
  name          = "SSM-SessionManagerRunShell"
  document_type = "Session"
  content       = <<DOC
{
  "schemaVersion": "1.0",
  "sessionType": "Standard_Stream",
  "inputs": {
    "s3BucketName": "session-logs",
    "s3EncryptionEnabled": false
  }
}
DOC
}
` + sessionPreferencesStart + `"nowhere" {
  name          = "SSM-SessionManagerRunShell-2"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs        = { idleSessionTimeout = "20" }
  })
}
` + sessionPreferencesStart + `"one_of_two" {
  name          = "SSM-SessionManagerRunShell-3"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs = {
      s3BucketName                = "session-logs"
      s3EncryptionEnabled         = false
      cloudWatchLogGroupName      = "/ssm/sessions"
      cloudWatchEncryptionEnabled = true
    }
  })
}

variable "s3_encrypted" {
  type = bool
}
` + sessionPreferencesStart + `"maybe" {
  name          = "SSM-SessionManagerRunShell-4"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs = {
      s3BucketName                = "session-logs"
      s3EncryptionEnabled         = var.s3_encrypted
      cloudWatchLogGroupName      = "/ssm/sessions"
      cloudWatchEncryptionEnabled = true
    }
  })
}`, Fails: []string{"aws_ssm_document.unencrypted", "aws_ssm_document.nowhere", "aws_ssm_document.one_of_two"},
		Unknowns: []string{"aws_ssm_document.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		inputs, res, ok := sessionInputs(r)
		if !ok {
			return res
		}
		// Session Manager writes the transcript to every destination
		// named: each must be encrypted, and one must be named.
		var results []scanner.Result
		for _, dest := range [][2]string{{"s3BucketName", "s3EncryptionEnabled"}, {"cloudWatchLogGroupName", "cloudWatchEncryptionEnabled"}} {
			name, flag := inputs.Index(dest[0]), inputs.Index(dest[1])
			switch {
			case documentValueUnknown(name) || documentValueUnknown(flag):
				results = append(results, scanner.Unknowable(inputs.Range, "inputs.%s or inputs.%s is not known until apply", dest[0], dest[1]))
			case name.Names() == scanner.No:
			case flag.IsTrue() || flag.Equals("true"):
				results = append(results, scanner.Passed())
			default:
				results = append(results, scanner.Failed(inputs.Range, "inputs.%s is set but %s is not true: session logs may be written unencrypted", dest[0], dest[1]))
			}
		}
		if len(results) == 0 {
			return scanner.Failed(inputs.Range, "the preferences name no s3BucketName or cloudWatchLogGroupName: session transcripts are not kept")
		}
		return worst(results...)
	},
}
