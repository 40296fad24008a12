package aws

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Passwords written as environment variables: a Lambda function's,
// a container's or a build's environment is configuration like any other,
// and a variable named DB_PASSWORD with a literal value is a password in
// the repository, readable by anyone who can describe the function or the
// task definition.

// envVar is one environment variable a resource sets, with the argument it
// was read from (for the finding's range and message).
type envVar struct {
	name, value string
	from        scanner.Value
	// setting marks a config-file line (key = value) of a boot script
	// rather than an environment variable.
	setting bool
}

// kind names what ev is, for messages.
func (ev envVar) kind() string {
	if ev.setting {
		return "the setting"
	}
	return "the environment variable"
}

// envSecretTypes are the resources whose environment variables, boot
// script variable assignments or SecureString value literalPasswords
// reads.
var envSecretTypes = []string{
	"aws_ssm_parameter",
	"aws_instance",
	"aws_spot_instance_request",
	"aws_launch_template",
	"aws_launch_configuration",
	"aws_lambda_function",
	"aws_ecs_task_definition",
	"aws_batch_job_definition",
	"aws_codebuild_project",
	"aws_elastic_beanstalk_environment",
}

// withEnvSecretTypes adds envSecretTypes to a rule's resource types, sorted
// and without duplicates.
func withEnvSecretTypes(types []string) []string {
	out := append(slices.Clone(types), envSecretTypes...)
	slices.Sort(out)
	return slices.Compact(out)
}

// secretWords are the name parts that mark a variable as holding a secret;
// secretNameSuffixes are the last parts that mark it as naming or
// describing one instead (DB_PASSWORD_ARN, TOKEN_TTL, SECRET_NAME).
var (
	secretWords        = map[string]bool{"password": true, "passwd": true, "pwd": true, "secret": true, "token": true, "apikey": true, "passphrase": true}
	secretNameSuffixes = map[string]bool{
		"arn": true, "id": true, "name": true, "path": true, "file": true, "url": true, "uri": true, "endpoint": true,
		"region": true, "ttl": true, "length": true, "expiry": true, "expiration": true, "enabled": true, "type": true,
		"header": true, "location": true, "param": true, "parameter": true, "ssm": true, "version": true, "key_id": true,
		"arns": true, "ids": true, "names": true, "prefix": true, "policy": true, "duration": true, "seconds": true,
		"minutes": true, "hours": true, "days": true, "lifetime": true, "timeout": true, "rotation": true,
		"audience": true, "issuer": true, "scope": true, "scopes": true, "algorithm": true, "format": true,
		"host": true, "hostname": true, "port": true, "user": true, "username": true, "email": true, "table": true,
		"bucket": true, "queue": true, "topic": true, "store": true, "provider": true, "mode": true, "method": true,
		"size": true, "count": true, "limit": true, "max": true, "min": true, "ref": true, "reference": true,
	}
	nameSplitter = lazyre.New(`[^A-Za-z0-9]+|([a-z0-9])([A-Z])`)
)

// secretEnvName reports whether an environment variable's name says it
// holds a password, secret, token or API key, as opposed to the name or
// ARN of one.
func secretEnvName(name string) bool {
	parts := strings.Fields(strings.ToLower(nameSplitter().ReplaceAllString(name, "$1 $2")))
	if len(parts) == 0 || secretNameSuffixes[parts[len(parts)-1]] {
		return false
	}
	for i, p := range parts {
		if secretWords[p] {
			return true
		}
		if i > 0 && p == "key" && (parts[i-1] == "api" || parts[i-1] == "private" || parts[i-1] == "secret") {
			return true
		}
	}
	return false
}

// passwordWords are the name parts that say a variable holds a password
// proper, whose value may well contain spaces (a passphrase), unlike a
// token or an API key.
var passwordWords = map[string]bool{"password": true, "passwd": true, "pwd": true, "passphrase": true}

// passwordEnvName reports whether an environment variable's name has a
// password word in it (DB_PASSWORD, dbPasswd).
func passwordEnvName(name string) bool {
	for _, p := range strings.Fields(strings.ToLower(nameSplitter().ReplaceAllString(name, "$1 $2"))) {
		if passwordWords[p] {
			return true
		}
	}
	return false
}

// proseWord matches a word of a sentence: letters, with an apostrophe or
// closing punctuation.
var proseWord = lazyre.New(`^[A-Za-z]+(?:'[A-Za-z]+)?[.,!?]?$`)

// isProse reports whether a value with spaces reads as a sentence (three
// or more words of letters: "set in the console", "Enter the password")
// rather than a passphrase, which mixes in digits or symbols.
func isProse(v string) bool {
	words := strings.Fields(v)
	if len(words) < 3 {
		return false
	}
	for _, w := range words {
		if !proseWord().MatchString(w) {
			return false
		}
	}
	return true
}

// secretPointer reports whether a word of a phrase names where a secret
// is kept: an SSM parameter path (/prod/db/password), an ARN or a URL.
func secretPointer(w string) bool {
	return strings.HasPrefix(w, "arn:") || strings.Contains(w, "://") ||
		(strings.HasPrefix(w, "/") && strings.Count(w, "/") >= 2 && len(w) > 2)
}

// literalEnvSecret reports whether the value of the variable name is a
// secret written in place, rather than a flag, a number, a URL, a phrase,
// a pointer to where the secret is kept (an ARN, a dynamic reference, an
// SSM parameter path) or a shell expansion that reads it at boot. A value
// with spaces is a description, except under a password's name, where
// only a sentence is: passwords and passphrases may contain spaces.
func literalEnvSecret(name, value string) bool {
	v := strings.TrimSpace(value)
	switch {
	case len(v) < 4, strings.EqualFold(v, "true"), strings.EqualFold(v, "false"),
		strings.HasPrefix(v, "arn:"), strings.HasPrefix(v, "{{resolve:"), strings.HasPrefix(v, "/"),
		strings.Contains(v, "${"), strings.Contains(v, "%{"),
		// A URL is a setting, not a secret.
		strings.Contains(v, "://"),
		// Shell expansions read the secret at boot: $DB_PASSWORD, $(aws …), `…`.
		strings.HasPrefix(v, "$"), strings.Contains(v, "$("), strings.Contains(v, "`"):
		return false
	case strings.ContainsAny(v, " \t"):
		if !passwordEnvName(name) || isProse(v) || slices.ContainsFunc(strings.Fields(v), secretPointer) {
			return false
		}
	}
	return strings.Trim(v, "0123456789") != ""
}

// unknownText stands for a part of a template only known after apply in
// the text knownText returns: no credential pattern matches it, and
// literalEnvSecret never reads a value containing it as a literal.
const unknownText = "${}"

// knownText returns the text of a string argument as far as the
// configuration writes it: the string when it is known, and for a template
// only partly known (a boot script that interpolates ${var.region}) its
// text with each unknown part replaced by unknownText, so that a secret
// written around an interpolation is still seen. ok is false when no text
// is known.
func knownText(v scanner.Value) (string, bool) {
	if s, ok := v.AsString(); ok {
		return s, true
	}
	if v.IsUnknown() && strings.Trim(v.Skeleton(), scanner.UnknownMark) != "" {
		return strings.ReplaceAll(v.Skeleton(), scanner.UnknownMark, unknownText), true
	}
	return "", false
}

// goValue converts a cty value to the shape encoding/json decodes into
// (map[string]any, []any, string, float64, bool, nil), with unknownText
// for each part only known after apply: a container definition written as
// jsonencode of a partly known list keeps that structure (see the loader),
// and its known environment entries are read like the JSON text's.
func goValue(v cty.Value) any {
	if v == cty.NilVal {
		return nil
	}
	v, _ = v.UnmarkDeep()
	switch {
	case !v.IsKnown():
		return unknownText
	case v.IsNull():
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f
	case t.IsObjectType() || t.IsMapType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = goValue(e)
		}
		return out
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		var out []any
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, goValue(e))
		}
		return out
	}
	return nil
}

// envVars returns the environment variables r sets whose names and values
// are known: Lambda variables, the environment of each ECS or Batch
// container definition (JSON), CodeBuild plaintext variables and Elastic
// Beanstalk environment properties, also those written in the content of
// a dynamic block over a collection only known after apply
// (BlocksWithTemplates): a literal there is in every block generated.
func envVars(r *scanner.Resource) []envVar {
	var out []envVar
	switch r.Type {
	case "aws_lambda_function":
		for _, env := range r.BlocksWithTemplates("environment") {
			// A map with some values only known after apply still has its
			// literal ones: those are read, the others skipped.
			v := env.Attr("variables")
			if !v.IsSet() || !v.Val.IsKnown() {
				continue
			}
			if t := v.Val.Type(); !t.IsMapType() && !t.IsObjectType() {
				continue
			}
			for it := v.Val.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if s, ok := (scanner.Value{Val: e, Present: true}).AsString(); ok {
					out = append(out, envVar{name: k.AsString(), value: s, from: v})
				}
			}
		}
	case "aws_ecs_task_definition", "aws_batch_job_definition":
		arg := "container_definitions"
		if r.Type == "aws_batch_job_definition" {
			arg = "container_properties"
		}
		v := r.Attr(arg)
		if s, ok := v.AsString(); ok {
			out = append(out, containerEnv(s, v)...)
		} else if v.IsSet() && v.Val.IsKnown() {
			// jsonencode of a partly known list, or a JSON template whose
			// unknown parts sit inside strings: the loader keeps the
			// structure.
			out = append(out, containerEnvOf(goValue(v.Val), v)...)
		}
	case "aws_codebuild_project":
		for _, env := range r.BlocksWithTemplates("environment") {
			for _, ev := range env.BlocksWithTemplates("environment_variable") {
				if t, ok := ev.Attr("type").AsString(); ok && t != "PLAINTEXT" {
					continue // PARAMETER_STORE and SECRETS_MANAGER values name where the secret is.
				}
				name, okN := ev.Attr("name").AsString()
				value, okV := ev.Attr("value").AsString()
				if okN && okV {
					out = append(out, envVar{name: name, value: value, from: ev.Attr("value")})
				}
			}
		}
	case "aws_elastic_beanstalk_environment":
		for _, s := range r.BlocksWithTemplates("setting") {
			if ns, _ := s.Attr("namespace").AsString(); ns != "aws:elasticbeanstalk:application:environment" {
				continue
			}
			name, okN := s.Attr("name").AsString()
			value, okV := s.Attr("value").AsString()
			if okN && okV {
				out = append(out, envVar{name: name, value: value, from: s.Attr("value")})
			}
		}
	}
	return out
}

// containerEnv reads the environment entries ({"name": …, "value": …}) of
// a container definition list (ECS) or a single container (Batch).
func containerEnv(doc string, from scanner.Value) []envVar {
	var decoded any
	if json.Unmarshal([]byte(doc), &decoded) != nil {
		return nil
	}
	return containerEnvOf(decoded, from)
}

// containerEnvOf reads the environment entries of decoded container
// definitions: a list of containers (ECS) or one container (Batch).
func containerEnvOf(decoded any, from scanner.Value) []envVar {
	var containers []any
	switch d := decoded.(type) {
	case []any:
		containers = d
	case map[string]any:
		containers = []any{d}
	}
	var out []envVar
	for _, item := range containers {
		c, _ := item.(map[string]any)
		entries, _ := c["environment"].([]any)
		for _, e := range entries {
			m, _ := e.(map[string]any)
			name, okN := m["name"].(string)
			value, okV := m["value"].(string)
			if okN && okV {
				out = append(out, envVar{name: name, value: value, from: from})
			}
		}
	}
	return out
}

// literalEnvPassword returns the first environment variable or boot script
// assignment of r whose name says it holds a secret and whose value is
// written in place.
func literalEnvPassword(r *scanner.Resource) (envVar, bool) {
	for _, ev := range append(envVars(r), scriptVars(r)...) {
		if secretEnvName(ev.name) && literalEnvSecret(ev.name, ev.value) {
			return ev, true
		}
	}
	return envVar{}, false
}

// userDataArgs are, per resource type, the arguments holding an instance's
// boot script.
var userDataArgs = map[string][]string{
	"aws_instance":              {"user_data", "user_data_base64"},
	"aws_spot_instance_request": {"user_data", "user_data_base64"},
	"aws_launch_template":       {"user_data"},
	"aws_launch_configuration":  {"user_data", "user_data_base64"},
}

// shellAssignment matches a variable assignment in a boot script
// (export DB_PASSWORD="…", DB_PASSWORD=…), quoted or not.
var shellAssignment = lazyre.New(`(?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;&|]*))`)

// configAssignment matches a config-file line that a boot script writes
// (an AWS credentials file's aws_secret_access_key = …, an INI or .env
// file's password = …): a name, spaces, then = and the value. The spaces
// tell it from a shell assignment, which allows none.
var configAssignment = lazyre.New(`(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]+=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;#]*))`)

// codeValue matches an unquoted value that is a program's expression
// rather than a setting: a name, perhaps dotted, applied to an index or
// arguments (os.environ["DB_PASSWORD"], get_secret("prod/db")). Boot
// scripts are often programs whose assignments look like config lines;
// a value so written reads the secret at run time.
var codeValue = lazyre.New(`^[A-Za-z_][A-Za-z0-9_.]*[(\[]`)

// scriptVars returns the variable assignments in a boot script, and the
// settings of the config files it writes, read from its text and, when it
// is base64-encoded, from its decoding.
func scriptVars(r *scanner.Resource) []envVar {
	var out []envVar
	for _, arg := range userDataArgs[r.Type] {
		v := r.Attr(arg)
		text, ok := knownText(v)
		if !ok {
			continue
		}
		for _, t := range withBase64Decoded(text) {
			for _, m := range shellAssignment().FindAllStringSubmatch(t, -1) {
				out = append(out, envVar{name: m[1], value: m[2] + m[3] + m[4], from: v})
			}
			for _, m := range configAssignment().FindAllStringSubmatch(t, -1) {
				if codeValue().MatchString(m[4]) {
					continue
				}
				out = append(out, envVar{name: m[1], value: m[2] + m[3] + m[4], from: v, setting: true})
			}
		}
	}
	return out
}

// literalSecureString returns the value of a SecureString SSM parameter
// written into the configuration. A parameter whose lifecycle ignores
// changes to value holds a placeholder that is replaced outside Terraform,
// the usual way to keep the real secret out of the repository, and is not
// one. secure is Yes for a literal value of a SecureString parameter, Maybe
// when the value is literal and the type only known after apply, No
// otherwise.
func literalSecureString(r *scanner.Resource) (v scanner.Value, s string, secure scanner.Tri) {
	if r.Type != "aws_ssm_parameter" {
		return scanner.Value{}, "", scanner.No
	}
	// A type only known after apply may be SecureString.
	secure = r.Attr("type").CanBe("SecureString")
	if secure == scanner.No {
		return scanner.Value{}, "", scanner.No
	}
	if lc := r.FirstBlock("lifecycle"); lc != nil {
		ignored := lc.Attr("ignore_changes")
		if ignored.Equals("all") {
			return scanner.Value{}, "", scanner.No
		}
		if paths, ok := ignored.AsStrings(); ok && slices.Contains(paths, "value") {
			return scanner.Value{}, "", scanner.No
		}
	}
	v = r.Attr("value")
	s, ok := literalSecret(v)
	if !ok {
		return v, "", scanner.No
	}
	return v, s, secure
}
