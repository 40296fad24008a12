// Package config reads `.soc2scan.hcl`, the scanner's configuration file:
// severity threshold, which rules run, rule parameters, which rules may not
// be ignored inline, exclusions with a reason and an expiry, and the Trust
// Services Categories in scope.
//
//	severity_threshold   = "medium"
//	fail_on_unknown      = true
//	categories_in_scope  = ["security", "availability"]
//	foreign_suppressions = true # honour checkov/tfsec/trivy comments
//	allow_paths          = ["../modules"] # read outside the scanned directory
//	max_file_size        = "20MiB"
//	max_instances        = 10000 # per resource or module call
//	max_total_instances  = 50000 # in the whole scan
//	exclude_roots        = ["examples/legacy/**"] # no root module there
//	module_sources       = { "terraform-google-modules/sql-db/google" = "." }
//
//	rules {
//	  disabled = ["aws-s3-bucket-cmk-encryption"]
//	  # enabled = [...] runs only the listed rules
//	}
//
//	rule "aws-rds-backup-retention" {
//	  params    = { min_days = 14 }
//	  ignorable = false
//	}
//
//	exclude {
//	  paths     = ["legacy/**"]
//	  resources = ["module.sandbox"]
//	  rules     = ["aws-rds-multi-az"] # optional: all rules when absent
//	  reason    = "sandbox account, out of the audit's scope"
//	  expires   = "2026-12-31"
//	}
package config

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// FileName is the name of the configuration file looked up from the scan
// root upward.
const FileName = ".soc2scan.hcl"

// DateLayout is how expiry dates are written.
const DateLayout = "2006-01-02"

// Config is a parsed configuration. The zero value is not useful; use
// Default, Parse or Load.
type Config struct {
	// Filename is the file the configuration was read from, or "" for the
	// defaults.
	Filename string
	// Dir is the directory exclusion paths are relative to: the config
	// file's directory, or the working directory for the defaults.
	Dir string
	// SeverityThreshold hides and never fails on findings of lower
	// severity; "" means not set (the scanner then uses low).
	SeverityThreshold scanner.Severity
	// FailOnUnknown makes unknown results fail the scan.
	FailOnUnknown bool
	// CategoriesInScope limits the rules that run to those mapped to one
	// of these categories; nil means every category. Security is always
	// in scope.
	CategoriesInScope []tsc.Category
	// ForeignSuppressions honours checkov, tfsec and trivy comments for
	// the equivalent rule. On by default.
	ForeignSuppressions bool
	// Enabled, when not empty, is the allow-list of rules that run.
	Enabled []RuleRef
	// Disabled rules never run.
	Disabled []RuleRef
	// Rules holds per-rule settings by rule ID.
	Rules map[string]*RuleSettings
	// Exclusions drop findings by path or resource address.
	Exclusions []*Exclusion
	// AllowNoRules accepts a configuration that leaves no rule to run;
	// otherwise Validate rejects it, since such a scan passes whatever it
	// reads.
	AllowNoRules bool
	// RulesRange is where the rules block is written, for problems with
	// the selection as a whole; zero when there is none.
	RulesRange hcl.Range
	// AllowPaths are directories outside the scanned ones that may be
	// read, as written (allow_paths); see AllowedPaths.
	AllowPaths []string
	// MaxFileSize is the largest file read, in bytes (max_file_size); 0
	// means the scanner's default.
	MaxFileSize int64
	// MaxInstances and MaxTotalInstances bound the instances a scan
	// expands, per resource or module call and in all (max_instances,
	// max_total_instances); 0 means not set.
	MaxInstances, MaxTotalInstances int
	// ExcludeRoots are directories that make no root module of their own
	// (exclude_roots); see ExcludedRoot.
	ExcludeRoots []RootExclusion
	// ModuleSources map module sources to local directories, as written
	// (module_sources); see ModuleSourceDirs.
	ModuleSources map[string]string
}

// AllowedPaths returns AllowPaths with relative entries resolved against
// Dir, the configuration file's directory.
func (c *Config) AllowedPaths() []string {
	out := make([]string, 0, len(c.AllowPaths))
	for _, p := range c.AllowPaths {
		if !filepath.IsAbs(p) && c.Dir != "" {
			p = filepath.Join(c.Dir, p)
		}
		out = append(out, p)
	}
	return out
}

// ParseSize reads a file size: a whole number of bytes, optionally followed
// by a unit, KiB, MiB or GiB (K, KB, M, MB, G and GB mean the same), such as
// "20MiB".
func ParseSize(s string) (int64, error) {
	m := sizePattern().FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("invalid size %q: want a positive whole number of bytes, optionally with KiB, MiB or GiB, such as 20MiB", s)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	shift := map[string]uint{"": 0, "K": 10, "M": 20, "G": 30}[strings.ToUpper(m[2])]
	if err != nil || n <= 0 || n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("invalid size %q: want a positive whole number of bytes below 8 EiB", s)
	}
	return n << shift, nil
}

var sizePattern = lazyre.New(`^\s*([0-9]+)\s*(?:([KkMmGg])(?:i?[Bb])?|[Bb]|bytes)?\s*$`)

// RuleRef is a rule ID written somewhere in the configuration.
type RuleRef struct {
	ID    string
	Range hcl.Range
}

// RuleSettings is a `rule "<id>" {}` block.
type RuleSettings struct {
	ID    string
	Range hcl.Range
	// Ignorable false makes inline and foreign suppression comments for
	// the rule ineffective; config exclusions and the baseline still apply.
	Ignorable bool
	// Params override the rule's parameter defaults.
	Params      map[string]any
	ParamRanges map[string]hcl.Range
	// Severity overrides the rule's severity when set.
	Severity scanner.Severity
}

// Default returns the configuration used when there is no file.
func Default() *Config {
	return &Config{ForeignSuppressions: true, Rules: map[string]*RuleSettings{}}
}

// Find looks for FileName in dir and its parents and returns its path, or ""
// when there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	for {
		candidate := filepath.Join(abs, FileName)
		if fi, err := os.Stat(candidate); err == nil && !fi.IsDir() {
			// One found in the scanned tree is input like any other:
			// opening a FIFO would block and a device never end.
			if !fi.Mode().IsRegular() {
				return "", fmt.Errorf("%s is not a regular file", candidate)
			}
			return candidate, nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs = parent
	}
}

// Load reads and parses the file at path.
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cfg, err := Parse(src, path)
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(filepath.Dir(path)); err == nil {
		cfg.Dir = abs
	}
	return cfg, nil
}

// Setting returns the settings of rule id, or nil.
func (c *Config) Setting(id string) *RuleSettings {
	if c == nil {
		return nil
	}
	return c.Rules[id]
}

// Ignorable reports whether inline comments may suppress rule id.
func (c *Config) Ignorable(id string) bool {
	if s := c.Setting(id); s != nil {
		return s.Ignorable
	}
	return true
}

// Params returns the parameter overrides of rule id.
func (c *Config) Params(id string) map[string]any {
	if s := c.Setting(id); s != nil {
		return s.Params
	}
	return nil
}

// InScope reports whether a rule mapped to criteria runs given the
// categories in scope: a rule runs when one of its criteria belongs to a
// category in scope, and security is always in scope.
func (c *Config) InScope(criteria scanner.Criteria) bool {
	if c == nil || len(c.CategoriesInScope) == 0 {
		return true
	}
	for _, cat := range criteria.Categories() {
		if cat == tsc.Security {
			return true
		}
		for _, in := range c.CategoriesInScope {
			if cat == in {
				return true
			}
		}
	}
	return false
}

// Selected reports whether rule id runs by the enabled and disabled lists.
func (c *Config) Selected(id string) bool {
	if c == nil {
		return true
	}
	for _, r := range c.Disabled {
		if r.ID == id {
			return false
		}
	}
	if len(c.Enabled) == 0 {
		return true
	}
	for _, r := range c.Enabled {
		if r.ID == id {
			return true
		}
	}
	return false
}

// Scope returns the categories in scope, security first, in catalogue order;
// every category when none is configured.
func (c *Config) Scope() []tsc.Category {
	if c == nil || len(c.CategoriesInScope) == 0 {
		return append([]tsc.Category(nil), tsc.Categories...)
	}
	var out []tsc.Category
	for _, cat := range tsc.Categories {
		if cat == tsc.Security {
			out = append(out, cat)
			continue
		}
		for _, in := range c.CategoriesInScope {
			if in == cat {
				out = append(out, cat)
				break
			}
		}
	}
	return out
}

// Validate checks the configuration against the rules the scanner knows:
// every rule ID must exist (with a did-you-mean suggestion when it does not)
// and every parameter must be one of the rule's, of the right type. All
// problems are returned, joined, each with file:line:column.
func (c *Config) Validate(rules []*scanner.Rule) error {
	byID := make(map[string]*scanner.Rule, len(rules))
	ids := make([]string, 0, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	var errs []error
	checkID := func(ref RuleRef, where string) bool {
		if _, ok := byID[ref.ID]; ok {
			return true
		}
		msg := fmt.Sprintf("%s: unknown rule %q", where, ref.ID)
		if s := Suggest(ref.ID, ids); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; run `terraform-provider-soc2 rules` to list them"
		}
		errs = append(errs, &Error{Range: ref.Range, Message: msg})
		return false
	}
	for _, r := range c.Enabled {
		checkID(r, "rules.enabled")
	}
	for _, r := range c.Disabled {
		checkID(r, "rules.disabled")
	}
	for _, id := range c.sortedRuleIDs() {
		s := c.Rules[id]
		if !checkID(RuleRef{ID: id, Range: s.Range}, "rule block") {
			continue
		}
		rule := byID[id]
		for _, name := range sortedKeys(s.Params) {
			if _, err := rule.ParamsWithDefaults(map[string]any{name: s.Params[name]}); err != nil {
				msg := err.Error()
				if !hasParam(rule, name) {
					msg += "; " + paramsHint(rule)
				}
				errs = append(errs, &Error{Range: s.ParamRanges[name], Message: msg})
			}
		}
	}
	for _, ex := range c.Exclusions {
		for _, r := range ex.Rules {
			checkID(r, "exclude.rules")
		}
	}
	errs = append(errs, c.conflicts()...)
	if len(errs) == 0 && !c.AllowNoRules && c.runCount(rules) == 0 {
		errs = append(errs, c.noRulesError())
	}
	return errors.Join(errs...)
}

// conflicts reports each rule both enabled and disabled: whichever list
// was meant, the scan would not do what one of them says.
func (c *Config) conflicts() []error {
	enabled := make(map[string]RuleRef, len(c.Enabled))
	for _, r := range c.Enabled {
		if _, ok := enabled[r.ID]; !ok {
			enabled[r.ID] = r
		}
	}
	var errs []error
	for _, r := range c.Disabled {
		if e, ok := enabled[r.ID]; ok {
			errs = append(errs, &Error{Range: r.Range, Message: fmt.Sprintf("rule %q is both disabled here and enabled (%s); remove it from one of the lists", r.ID, where(e.Range))})
		}
	}
	return errs
}

// runCount counts the rules that the selection and the categories in scope
// leave to run.
func (c *Config) runCount(rules []*scanner.Rule) int {
	n := 0
	for _, r := range rules {
		if c.Selected(r.ID) && c.InScope(r.Criteria) {
			n++
		}
	}
	return n
}

// noRulesError says that no rule would run, at the rules block when there
// is one.
func (c *Config) noRulesError() error {
	rng := c.RulesRange
	if rng.Filename == "" {
		rng = hcl.Range{Filename: c.Filename}
		if len(c.Enabled) > 0 {
			rng = c.Enabled[0].Range
		}
	}
	return &Error{Range: rng, Message: "no rule would run: the enabled and disabled rules and categories_in_scope leave none, so the scan would pass whatever it reads; " +
		"fix the selection, or set allow_no_rules = true (--allow-no-rules) if that is intended"}
}

// where renders a range as file:line:col, or just the file (or flag) when
// it has no position.
func where(r hcl.Range) string {
	if r.Start.Line == 0 {
		return r.Filename
	}
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

func hasParam(rule *scanner.Rule, name string) bool {
	for _, p := range rule.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

func paramsHint(rule *scanner.Rule) string {
	if len(rule.Params) == 0 {
		return "the rule takes no parameters"
	}
	names := make([]string, 0, len(rule.Params))
	for _, p := range rule.Params {
		names = append(names, p.Name)
	}
	return "its parameters are " + strings.Join(names, ", ")
}

func (c *Config) sortedRuleIDs() []string {
	return sortedKeys(c.Rules)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Error is a configuration problem at a place in the file.
type Error struct {
	Range   hcl.Range
	Message string
}

func (e *Error) Error() string {
	switch {
	case e.Range.Filename == "":
		return e.Message
	case e.Range.Start.Line == 0:
		return e.Range.Filename + ": " + e.Message
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Range.Filename, e.Range.Start.Line, e.Range.Start.Column, e.Message)
}

// Exclusion drops the findings it matches from the failing set; they stay in
// the report as suppressed with source "config".
type Exclusion struct {
	// Paths are globs over file paths relative to the config file's
	// directory, with forward slashes; `**` matches any number of
	// directories, and a pattern naming a directory covers what is below.
	Paths []string
	// Resources are resource addresses or address prefixes (a module
	// call, a resource without its instance key); `*` matches anything.
	Resources []string
	// Rules limits the exclusion to these rules; empty means every rule.
	Rules  []RuleRef
	Reason string
	// Expires is the last day the exclusion applies; zero means never.
	Expires time.Time
	Range   hcl.Range
}

// ExpiresText renders Expires as YYYY-MM-DD, or "".
func (e *Exclusion) ExpiresText() string {
	if e.Expires.IsZero() {
		return ""
	}
	return e.Expires.Format(DateLayout)
}

// Expired reports whether the exclusion no longer applies on day now: it
// applies through the whole of its expiry day.
func (e *Exclusion) Expired(now time.Time) bool {
	return !e.Expires.IsZero() && Expired(e.Expires, now)
}

// Expired reports whether a suppression valid through day `through` has
// lapsed at now, comparing calendar days in UTC.
func Expired(through, now time.Time) bool {
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return today.After(through)
}

// Matches reports whether the exclusion covers a finding of rule ruleID on
// the resource at address, written in file (relative to the config
// directory, forward slashes; "" when unknown).
func (e *Exclusion) Matches(ruleID, address, file string) bool {
	if len(e.Rules) > 0 {
		found := false
		for _, r := range e.Rules {
			if r.ID == ruleID {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if file != "" {
		for _, p := range e.Paths {
			if MatchPath(p, file) {
				return true
			}
		}
	}
	for _, p := range e.Resources {
		if MatchAddress(p, address) {
			return true
		}
	}
	return false
}
