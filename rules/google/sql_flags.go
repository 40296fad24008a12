package google

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// sqlFlag describes one database flag rule: the engine it applies to
// (a database_version prefix), the flag, the values that satisfy it, and
// whether the engine's default (the flag absent) does, by major version.
type sqlFlag struct {
	Engine string // "POSTGRES", "MYSQL" or "SQLSERVER"
	Name   string
	// Good reports whether a written value satisfies the rule.
	Good func(value string) bool
	// DefaultGood reports whether the engine's default satisfies it for
	// the major version (0 when the version has no number).
	DefaultGood func(major int) bool
	// Want says what the value must be, for messages.
	Want string
	// Param, when set, names the rule's list parameter of the values that
	// satisfy it, for flags whose right level is a policy choice: the
	// parameter replaces Good, and Default (the engine's value when the
	// flag is absent) is judged against it in place of DefaultGood.
	Param   string
	Default string
}

// leveledFlag is a flag whose accepted values are the rule's parameter
// param, accepted by default; def is the engine's value when it is absent.
func leveledFlag(engine, name, def, param string, accepted ...string) sqlFlag {
	good := is(accepted...)
	return sqlFlag{
		Engine: engine, Name: name, Good: good, Param: param, Default: def,
		DefaultGood: func(int) bool { return good(def) },
		Want:        oneOf(accepted),
	}
}

// oneOf says which values a flag accepts, for messages.
func oneOf(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return "one of " + strings.Join(quoted, ", ")
}

// param is the rule parameter of a leveled flag, with its default.
func (f sqlFlag) param(what string, accepted ...string) scanner.Param {
	return scanner.Param{
		Name: f.Param,
		Description: fmt.Sprintf("Values of %s that pass (%s). The engine's value when the flag is absent is %q. "+
			"The default is this scanner's policy choice, explained in the description.", f.Name, what, f.Default),
		Default: accepted,
	}
}

// engineMajor splits a database_version such as POSTGRES_16 or
// SQLSERVER_2019_STANDARD into its engine and major version.
func engineMajor(version string) (string, int) {
	parts := strings.Split(strings.ToUpper(version), "_")
	major := 0
	if len(parts) > 1 {
		major, _ = strconv.Atoi(parts[1])
	}
	return parts[0], major
}

// is matches a flag value ignoring case and surrounding space.
func is(values ...string) func(string) bool {
	return func(v string) bool {
		for _, want := range values {
			if strings.EqualFold(strings.TrimSpace(v), want) {
				return true
			}
		}
		return false
	}
}

// never is the DefaultGood of a flag whose default never satisfies the rule.
func never(int) bool { return false }

// ok is the DefaultGood of a flag whose default always satisfies the rule.
func ok(int) bool { return true }

// check decides one instance.
func (f sqlFlag) check(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	good, want, defaultGood := f.Good, f.Want, f.DefaultGood
	if f.Param != "" && ctx != nil {
		accepted := ctx.Strings(f.Param)
		good, want = is(accepted...), oneOf(accepted)
		defaultGood = func(int) bool { return good(f.Default) }
	}
	version := r.Attr("database_version")
	if !version.IsKnown() {
		return scanner.Unknowable(attrRange(version, r.Range), "database_version is not known until apply")
	}
	engine, major := engineMajor(version.StringOr(""))
	if engine != f.Engine {
		return scanner.DoesNotApply("%s is a %s flag; the instance runs %s", f.Name, f.Engine, version.StringOr(""))
	}
	settings, dynamic := r.Follow("settings")
	if dynamic != "" {
		return scanner.Unknowable(r.Range, "settings is not known until apply")
	}
	if settings == nil {
		settings = scanner.NewBlock("settings", r.Range)
	}
	unnamed := false
	for _, flag := range settings.Blocks("database_flags") {
		name, value := flag.Attr("name"), flag.Attr("value")
		if name.IsUnknown() {
			unnamed = true
			continue
		}
		if !strings.EqualFold(name.StringOr(""), f.Name) {
			continue
		}
		switch {
		case value.IsUnknown():
			return scanner.Unknowable(value.Range, "the value of database flag %s is not known until apply", f.Name)
		case good(value.StringOr("")):
			return scanner.Passed()
		}
		return scanner.Failed(value.Range, "database flag %s is %q; it should be %s", f.Name, value.StringOr(""), want)
	}
	if unnamed || settings.BlocksUnknown("database_flags") {
		return scanner.Unknowable(settings.Range, "database_flags are not known until apply")
	}
	if defaultGood(major) {
		return scanner.Passed()
	}
	return scanner.Failed(settings.Range, "database flag %s is not set, and the %s default does not meet the rule: set it to %s", f.Name, version.StringOr(""), want)
}

// sqlInstanceHCL renders an instance for examples, with database flags.
func sqlInstanceHCL(name, version, flags string) string {
	return fmt.Sprintf(`
resource "google_sql_database_instance" %q {
  name             = %q
  region           = "europe-west1"
  database_version = %q
  settings {
    tier = "db-custom-2-7680"%s
  }
}
`, name, name, version, flags)
}

// flagHCL renders a database_flags block whose value is the expression value.
func (f sqlFlag) flagHCL(value string) string {
	return fmt.Sprintf(`
    database_flags {
      name  = %q
      value = %s
    }`, f.Name, value)
}

// absentFails reports whether the engine default of version breaks the rule.
func (f sqlFlag) absentFails(version string) bool {
	_, major := engineMajor(version)
	return !f.DefaultGood(major)
}

// good renders a good example: the flag set to value, another engine, and
// the flag absent where the default satisfies the rule.
func (f sqlFlag) good(version, value string) []scanner.Example {
	other := "POSTGRES_16"
	if f.Engine == "POSTGRES" {
		other = "MYSQL_8_0"
	}
	code := sqlInstanceHCL("good", version, f.flagHCL(strconv.Quote(value))) + sqlInstanceHCL("other_engine", other, "")
	if !f.absentFails(version) {
		code += sqlInstanceHCL("absent", version, "")
	}
	return []scanner.Example{{Code: code, NotApplicable: []string{"google_sql_database_instance.other_engine"}}}
}

// bad renders a bad example: the flag set to value, only known after
// apply, and absent where the default breaks the rule.
func (f sqlFlag) bad(version, value string) []scanner.Example {
	code := "\nvariable \"value\" {\n  type = string\n}\n" +
		sqlInstanceHCL("wrong", version, f.flagHCL(strconv.Quote(value))) +
		sqlInstanceHCL("unknown", version, f.flagHCL("var.value"))
	fails := []string{"google_sql_database_instance.wrong"}
	if f.absentFails(version) {
		code += sqlInstanceHCL("absent", version, "")
		fails = append(fails, "google_sql_database_instance.absent")
	}
	return []scanner.Example{{
		Code:     code,
		Fails:    fails,
		Unknowns: []string{"google_sql_database_instance.unknown"},
		Expect:   map[string]scanner.Expected{"google_sql_database_instance.wrong": {Line: 14, Message: f.Name}},
	}}
}

// rule completes r, a flag rule's own words, with what every flag rule
// shares: it judges google_sql_database_instance with the flag's check,
// and links the database_flags argument and the engine's flag reference
// unless r names links of its own.
func (f sqlFlag) rule(r *scanner.Rule) *scanner.Rule {
	r.ResourceTypes = []string{"google_sql_database_instance"}
	r.Check = f.check
	if r.Links == nil {
		r.Links = []string{sqlFlagsDocs, map[string]string{
			"POSTGRES": pgFlagsDocs, "MYSQL": mysqlFlagsDocs, "SQLSERVER": sqlserverFlagDoc,
		}[f.Engine]}
	}
	return r
}
