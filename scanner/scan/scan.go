// Package scan is the scanner's one entry point. The CLI's `scan` command
// and the provider's soc2_scan data source both hand it a Request and get
// back a report, so that a path, a configuration file or an override means
// the same to both. It wires the steps in one order: check that the paths
// and variable files exist; find, read and override the configuration and
// validate it against the rules (once, here); read the baseline; have the
// loader discover the root modules and load them, reading nothing outside
// the paths and the allowed ones; run the engine.
//
// Like the engine, it never imports the rule catalogue: the caller hands
// it the rules.
package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/engine"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// Request is what to scan and how. Relative paths are resolved against the
// process's working directory, as Terraform resolves them.
type Request struct {
	// Paths are what to scan: root module directories, directories holding
	// root modules further down, .tf/.tf.json files or plan JSON. The
	// directories among them stay readable by file() and templatefile()
	// from every root module found in them, so a stack may read a
	// sibling's file.
	Paths []string
	// Rules is every rule the scanner knows: the configuration is
	// validated against all of them, then selects which run.
	Rules []*scanner.Rule
	// DataSources are the data sources whose attributes the loader
	// computes from their arguments (rules.DataSources), so that rules see
	// what the providers would compute, such as a policy document's json.
	DataSources []scanner.DataSource

	// ConfigFile is the configuration file to read; "" looks for
	// config.FileName from the first path upward, and uses the defaults
	// when there is none.
	ConfigFile string
	// SeverityThreshold overrides the configuration's when not "".
	SeverityThreshold scanner.Severity
	// FailOnUnknown overrides the configuration's when not nil.
	FailOnUnknown *bool
	// OnlyRules and ExcludeRules add to the configuration's enabled and
	// disabled rules, and are checked like the IDs written in it.
	OnlyRules, ExcludeRules RuleIDs
	// FailOnEmpty makes a scan that finds no Terraform input at all (a
	// directory of symlink loops, of other files) an error,
	// ErrNothingToScan, rather than a scan that passes having checked
	// nothing. CIMode says whether callers turn it on by default.
	FailOnEmpty bool
	// AllowNoRules accepts a selection that leaves no rule to run, as
	// allow_no_rules = true does in the file; otherwise that is an error.
	AllowNoRules bool

	// VarFiles are variable definition files, applied in order after
	// terraform.tfvars and *.auto.tfvars, like -var-file.
	VarFiles []string
	// Vars are NAME=VALUE assignments, applied last, like -var.
	Vars []string
	// Env is the environment TF_VAR_* are read from; nil means none.
	Env []string

	// AllowPaths are directories outside Paths that may be read (local
	// modules, file(), symbolic links), like --allow-path; the
	// configuration's allow_paths add to them. Nothing else outside
	// Paths is read.
	AllowPaths []string
	// MaxFileSize is the largest file read, in bytes; 0 means the
	// configuration's max_file_size, else loader.DefaultMaxFileSize.
	// Larger files are reported as not read.
	MaxFileSize int64
	// MaxInstances and MaxTotalInstances override the configuration's
	// instance limits when not 0 (loader.Options has their meaning).
	MaxInstances, MaxTotalInstances int
	// ExcludeRoots are globs of directories, relative to the working
	// directory, that make no root module (like --exclude-root); the
	// configuration's exclude_roots add to them.
	ExcludeRoots []string

	// IncludePassed lists passing results in the report too.
	IncludePassed bool
	// OmitHidden counts the results no format but JUnit shows (passes
	// without IncludePassed, not-applicable results) instead of keeping
	// them as findings (engine.Options.OmitHidden).
	OmitHidden bool
	// OmitSources keeps the contents of the files with findings out of
	// the report, for outputs without code excerpts
	// (engine.Options.OmitSources).
	OmitSources bool
	// OmitDigests leaves the report's Digests nil, for a scan whose
	// report makes no evidence record (engine.Options.OmitDigests).
	OmitDigests bool
	// Baseline is a baseline file whose findings are reported as
	// suppressed; "" means none.
	Baseline string
	// Version is the tool version written into the report; Commit and
	// BuildDate identify the build further, when known.
	Version   string
	Commit    string
	BuildDate string
	// Now is the clock that suppression and exclusion expiry dates are
	// judged by; nil means time.Now.
	Now func() time.Time
	// Loaded, when set, is called once every root module is loaded and
	// checked, before the report is made: where a scan holds what it keeps
	// for the report and nothing of any root (SOC2_MEMPROFILE profiles the
	// heap there).
	Loaded func()
	// Progress, when set, is told after each root module is loaded: the
	// roots done, the roots in all and what was loaded (loader.Options).
	Progress func(done, total int, what string)
}

// RuleIDs are rule IDs given outside the configuration file, such as on the
// command line.
type RuleIDs struct {
	IDs []string
	// Source says where they were given, such as "--only-rules"; a
	// problem with one of them names it where a problem in the file names
	// the file.
	Source string
}

// Result is a finished scan.
type Result struct {
	// Report holds the findings, the input problems and the effective
	// settings (Report.Settings: severity threshold, fail on unknown).
	Report *report.Report
	// ConfigFile is the configuration file read, "" when none: as given,
	// or, when found upward, relative to the working directory when the
	// first path is relative (as the report shows input files, so that it
	// does not change from one machine to another) and absolute otherwise.
	ConfigFile string
}

// Run scans what req asks for. Problems with the Terraform input itself
// (a file that does not parse, a remote module) do not stop the scan: they
// are in the report's Errors and Warnings. Anything that stops it is an
// *Error.
func Run(ctx context.Context, req Request) (*Result, error) {
	if len(req.Paths) == 0 {
		return nil, &Error{Step: StepOpen, Input: InputPaths, Err: loader.ErrNoPaths}
	}
	if err := checkReadable(req); err != nil {
		return nil, err
	}
	cfg, err := configure(req)
	if err != nil {
		return nil, err
	}
	if err := checkExcludeRoots(req.ExcludeRoots); err != nil {
		return nil, err
	}
	var base *engine.Baseline
	if req.Baseline != "" {
		if base, err = engine.ReadBaseline(req.Baseline); err != nil {
			return nil, &Error{Step: StepConfigure, Input: InputBaseline, Name: req.Baseline, Err: err}
		}
	}
	maxSize := req.MaxFileSize
	if maxSize == 0 {
		maxSize = cfg.MaxFileSize
	}
	// Rules run on each root module as soon as it is loaded, so that its
	// values are released before the next one is read.
	stream, err := engine.NewStream(req.Rules, engine.Options{
		Config:        cfg,
		IncludePassed: req.IncludePassed,
		OmitHidden:    req.OmitHidden,
		OmitSources:   req.OmitSources,
		OmitDigests:   req.OmitDigests,
		Baseline:      base,
		Now:           req.Now,
		Version:       req.Version,
		Commit:        req.Commit,
		BuildDate:     req.BuildDate,
		ScanPaths:     req.Paths,
	})
	if err != nil {
		return nil, &Error{Step: StepRun, Input: InputConfigFile, Name: cfg.Filename, Err: err}
	}
	var runErr error
	loaded, err := loader.Load(ctx, loader.Options{
		Paths:             req.Paths,
		Discover:          true,
		VarFiles:          req.VarFiles,
		Vars:              req.Vars,
		Env:               req.Env,
		AllowPaths:        append(append([]string(nil), req.AllowPaths...), cfg.AllowedPaths()...),
		MaxFileSize:       maxSize,
		DataSources:       req.DataSources,
		MaxInstances:      firstSet(req.MaxInstances, cfg.MaxInstances),
		MaxTotalInstances: firstSet(req.MaxTotalInstances, cfg.MaxTotalInstances),
		Progress:          req.Progress,
		ExcludeRoot:       excludeRoot(cfg, req.ExcludeRoots),
		ModuleSources:     cfg.ModuleSourceDirs(),
		OwnModules:        true,
		OnResources: func(ctx context.Context, resources []*scanner.Resource) error {
			runErr = stream.Add(ctx, resources)
			return runErr
		},
		// The report keeps the contents of the files with results only.
		KeepSource: stream.KeepSource,
	})
	if runErr != nil {
		return nil, &Error{Step: StepRun, Input: InputConfigFile, Name: cfg.Filename, Err: runErr}
	}
	if err != nil {
		return nil, &Error{Step: StepLoad, Input: InputPaths, Name: strings.Join(req.Paths, ", "), Err: err}
	}
	if req.FailOnEmpty && len(loaded.Digests) == 0 && !hasErrors(loaded.Diagnostics) {
		return nil, &Error{Step: StepLoad, Input: InputPaths, Name: strings.Join(req.Paths, ", "), Err: ErrNothingToScan}
	}
	if req.Loaded != nil {
		req.Loaded()
	}
	rep := stream.Finish(loaded)
	rep.Roots = reportRoots(loaded.Roots)
	return &Result{Report: rep, ConfigFile: cfg.Filename}, nil
}

// ErrNothingToScan is the error of a scan with FailOnEmpty that found
// nothing to read.
var ErrNothingToScan = errors.New("nothing to scan: no Terraform configuration (.tf, .tf.json) or plan or state JSON was found, " +
	"so the scan would pass having checked nothing")

// hasErrors reports whether diags hold an error, which the report shows
// better than ErrNothingToScan would.
func hasErrors(diags []scanner.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == scanner.DiagError {
			return true
		}
	}
	return false
}

// CIMode reports whether env says the process runs in CI (CI=true, as
// GitHub Actions, GitLab CI and most others set it), where a scan that
// finds nothing should fail rather than pass.
func CIMode(env []string) bool {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == "CI" {
			on, err := strconv.ParseBool(v)
			return err == nil && on
		}
	}
	return false
}

// checkReadable checks that the paths, variable files and allowed paths
// exist, so that a typo is a clear error rather than an empty scan or a
// read refused for no visible reason.
func checkReadable(req Request) error {
	for _, p := range req.Paths {
		if _, err := os.Stat(p); err != nil {
			return &Error{Step: StepOpen, Input: InputPaths, Name: p, Err: unwrapPathError(err)}
		}
	}
	for _, p := range req.VarFiles {
		if _, err := os.Stat(p); err != nil {
			return &Error{Step: StepOpen, Input: InputVarFiles, Name: p, Err: unwrapPathError(err)}
		}
	}
	for _, p := range req.AllowPaths {
		if _, err := os.Stat(p); err != nil {
			return &Error{Step: StepOpen, Input: InputAllowPaths, Name: p, Err: unwrapPathError(err)}
		}
	}
	return nil
}

// unwrapPathError drops the operation and path that os.Stat adds, since
// Error names the path itself.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// configure reads the configuration (the file named, or the one found
// upward from the first path), applies the request's overrides and
// validates the result against the rules.
func configure(req Request) (*config.Config, error) {
	file, input := req.ConfigFile, InputConfigFile
	if file == "" {
		found, err := config.Find(req.Paths[0])
		if err != nil {
			return nil, &Error{Step: StepConfigure, Input: input, Err: err}
		}
		file = displayFound(req.Paths[0], found)
	}
	cfg := config.Default()
	if wd, err := os.Getwd(); err == nil {
		cfg.Dir = wd
	}
	if file != "" {
		loaded, err := config.Load(file)
		if err != nil {
			return nil, &Error{Step: StepConfigure, Input: input, Name: file, Err: err}
		}
		cfg = loaded
	}

	if req.SeverityThreshold != "" {
		sev, err := scanner.ParseSeverity(string(req.SeverityThreshold))
		if err != nil {
			return nil, &Error{Step: StepConfigure, Input: InputSeverityThreshold, Err: err}
		}
		cfg.SeverityThreshold = sev
	}
	if req.FailOnUnknown != nil {
		cfg.FailOnUnknown = *req.FailOnUnknown
	}
	cfg.AllowNoRules = cfg.AllowNoRules || req.AllowNoRules
	cfg.Enabled = append(cfg.Enabled, req.OnlyRules.refs()...)
	cfg.Disabled = append(cfg.Disabled, req.ExcludeRules.refs()...)

	if err := cfg.Validate(req.Rules); err != nil {
		return nil, &Error{Step: StepConfigure, Input: req.blame(err), Name: cfg.Filename, Err: err}
	}
	return cfg, nil
}

// refs turns the IDs into configuration references whose "range" names
// their source.
func (ids RuleIDs) refs() []config.RuleRef {
	out := make([]config.RuleRef, 0, len(ids.IDs))
	for _, id := range ids.IDs {
		out = append(out, config.RuleRef{ID: id, Range: hcl.Range{Filename: ids.Source}})
	}
	return out
}

// blame says which input a validation error is about: its first problem's.
func (req Request) blame(err error) Input {
	var first *config.Error
	if errors.As(err, &first) && first.Range.Start.Line == 0 {
		switch first.Range.Filename {
		case "":
		case req.OnlyRules.Source:
			return InputOnlyRules
		case req.ExcludeRules.Source:
			return InputExcludeRules
		}
	}
	return InputConfigFile
}

// displayFound shows a configuration file found upward from target as the
// loader shows input files: relative to the working directory when target
// is relative, absolute otherwise.
func displayFound(target, found string) string {
	if found == "" || filepath.IsAbs(target) {
		return found
	}
	wd, err := os.Getwd()
	if err != nil {
		return found
	}
	if rel, err := filepath.Rel(wd, found); err == nil {
		return filepath.ToSlash(rel)
	}
	return found
}

// firstSet returns the first of its arguments that is not 0, or 0.
func firstSet(vals ...int) int {
	for _, v := range vals {
		if v != 0 {
			return v
		}
	}
	return 0
}
