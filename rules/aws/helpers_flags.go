package aws

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The rules of one setting out of a group (each S3 public access block
// setting, each IAM password character class) share their check and
// examples here, so that the settings are judged alike and a fix to one
// reaches all of them.

// flagOnCheck judges a boolean setting that the provider defaults to false
// and that must be true: true passes, unknown is unknown, false or unset
// fails. Unlike scanner.RequireTrue the message says whether the setting
// was left out (pointing at the resource) or set false (pointing at the
// value); effect says what the setting being off allows.
func flagOnCheck(flag, effect string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr(flag)
		switch {
		case v.IsTrue():
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "%s is only known after apply", flag)
		case v.IsNull():
			return scanner.Failed(r.Range, "%s is not set (false by default): %s", flag, effect)
		}
		return scanner.Failed(v.Range, "%s = false: %s", flag, effect)
	}
}

// flagOnGood is a resource of resType that sets only base(name) and the
// flag: it passes.
func flagOnGood(resType string, base func(name string) string, flag string) []scanner.Example {
	return []scanner.Example{{Code: fmt.Sprintf(`
resource %q "only_this" {
  %s
  %s = true
}`, resType, base("only-this"), flag)}}
}

// flagOnBad is a resource that sets the flag false, one that leaves it out
// while setting the other flags of group true, and one that takes it from
// a variable. base(name) writes each resource's first argument, on one
// line.
func flagOnBad(resType string, base func(name string) string, flag string, group []string) []scanner.Example {
	var others strings.Builder
	for _, f := range group {
		if f != flag {
			fmt.Fprintf(&others, "\n  %s = true", f)
		}
	}
	return []scanner.Example{{Code: fmt.Sprintf(`
variable "flag" {
  type = bool
}

resource %[1]q "off" {
  %[2]s
  %[5]s = false
}

# The other settings on do not make up for this one.
resource %[1]q "unset" {
  %[3]s%[6]s
}

resource %[1]q "maybe" {
  %[4]s
  %[5]s = var.flag
}`, resType, base("off"), base("unset"), base("maybe"), flag, others.String()),
		Fails:    []string{resType + ".off", resType + ".unset"},
		Unknowns: []string{resType + ".maybe"},
		Expect: map[string]scanner.Expected{
			resType + ".off":   {Line: 8, Message: flag + " = false"},
			resType + ".unset": {Message: flag + " is not set (false by default)"},
		}}}
}
