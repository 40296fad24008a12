package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/engine"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/scan"
)

func init() {
	register("scan", "Scan Terraform code or plan JSON for SOC 2 findings", runScan)
}

// listFlag collects a repeatable flag's values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// splitList reads comma-separated values given once or repeatedly.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

type scanFlags struct {
	format            string
	outs              listFlag
	varFiles          listFlag
	vars              listFlag
	configPath        string
	severityThreshold string
	softFail          bool
	failOnUnknown     bool
	includePassed     bool
	baseline          string
	baselineWrite     string
	onlyRules         listFlag
	excludeRules      listFlag
	noColor           bool
	stats             bool
	compact           bool
	quiet             bool
	progress          string
	evidenceDir       string
	failOnEmpty       bool
	allowNoRules      bool
	allowPaths        listFlag
	excludeRoots      listFlag
	maxFileSize       string
	maxInstances      int
	maxTotalInstances int
}

const scanUsage = `Usage: terraform-provider-soc2 scan [flags] [PATH...]

Scans Terraform root modules (directories), single .tf/.tf.json files or
plan JSON files (terraform show -json plan.out) for SOC 2 findings. PATH
defaults to the current directory. Flags may come before or after paths.
Every root module in and below a directory is scanned: a directory with
Terraform files that no other one calls, such as each example of a module
repository, which scans the repository's modules with the example's inputs
(also when the example calls them by registry address, mapped to the local
copy). The report lists the roots with the resources each scanned, and
says why a root scanned none when one of its module calls expands to no
instances (a wrapper's for_each over var.items, {} by default: give it a
.tfvars file to scan through it); exclude_roots and --exclude-root leave
some out.

Output goes to stdout in --format (text unless told otherwise, colored only
on a terminal); --out FORMAT=FILE writes more formats at once. The text
report leads with the summary and the verdict, then groups the findings by
rule; --compact prints one line per finding instead, and --quiet only the
findings that fail the scan. A scan that runs longer than 2 seconds shows
its progress on stderr when stderr is a terminal and CI is not set.

Only files inside the PATHs are read, after resolving symbolic links:
--allow-path DIR lets a local module, file() or a link read elsewhere.
Only regular files up to --max-file-size are read; others are reported.

Configuration is read from .soc2scan.hcl, looked up from the first PATH
upward, or from --config. Flags override it.

Exit codes:
  0  no unsuppressed failing finding at or above the severity threshold
  1  failing findings (unknown ones too with --fail-on-unknown)
  2  bad flags or configuration, input that could not be read, parsed or
     evaluated as Terraform would (an unknown function, an undeclared
     reference, a cycle, nesting or instances past the limits), or nothing
     to scan with --fail-on-empty (the default when CI=true); the rest of
     the input is still scanned and reported
--soft-fail exits 0 unless the input is broken.

Flags:
`

func runScan(args []string, s Streams, d Deps) int {
	start := time.Now()
	fs := newFlagSet("scan", s)
	var f scanFlags
	fs.StringVar(&f.format, "format", "text", "output format on stdout: "+strings.Join(report.Formats, ", "))
	fs.Var(&f.outs, "out", "also write `FORMAT=FILE` (repeatable), such as sarif=results.sarif")
	fs.Var(&f.varFiles, "var-file", "variable definitions `FILE` (repeatable), after terraform.tfvars and *.auto.tfvars")
	fs.Var(&f.vars, "var", "set a variable, `NAME=VALUE` (repeatable); TF_VAR_* are read too")
	fs.StringVar(&f.configPath, "config", "", "configuration `FILE` instead of looking for "+config.FileName)
	fs.StringVar(&f.severityThreshold, "severity-threshold", "", "lowest `SEVERITY` reported and failing: critical, high, medium, low (default low, or the config's)")
	fs.BoolVar(&f.softFail, "soft-fail", false, "exit 0 even with failing findings (2 still means broken input)")
	fs.BoolVar(&f.failOnUnknown, "fail-on-unknown", false, "treat results unknown until apply as failing")
	fs.BoolVar(&f.includePassed, "include-passed", false, "report passing checks too")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not in baseline `FILE`")
	fs.StringVar(&f.baselineWrite, "baseline-write", "", "record the current failing and unknown findings in baseline `FILE`")
	fs.Var(&f.onlyRules, "only-rules", "run only these rule `IDS` (comma-separated, repeatable)")
	fs.Var(&f.excludeRules, "exclude-rules", "do not run these rule `IDS` (comma-separated, repeatable)")
	fs.BoolVar(&f.noColor, "no-color", false, "never color text output (NO_COLOR is honoured too)")
	fs.BoolVar(&f.stats, "stats", false, "print files/s, resources and peak memory to stderr")
	fs.BoolVar(&f.compact, "compact", false, "text: one line per finding (file:line:col: SEVERITY rule resource: message), then the verdict")
	fs.BoolVar(&f.quiet, "quiet", false, "text: like --compact, but only the findings that fail the scan and the input errors")
	fs.StringVar(&f.progress, "progress", progressAuto, "show progress on stderr: auto (on a terminal, not in CI, after 2s), always, never")
	fs.StringVar(&f.evidenceDir, "evidence-dir", "", "append this run's evidence record to the ledger in `DIR` (see 'evidence')")
	fs.BoolVar(&f.failOnEmpty, "fail-on-empty", scan.CIMode(s.Env), "exit 2 when no Terraform file, plan or state is found (default true when CI=true)")
	fs.BoolVar(&f.allowNoRules, "allow-no-rules", false, "accept a rule selection that leaves no rule to run (as allow_no_rules = true in "+config.FileName+")")
	fs.Var(&f.allowPaths, "allow-path", "also read in `DIR`, outside the scanned paths (repeatable): local modules, file(), symbolic links")
	fs.Var(&f.excludeRoots, "exclude-root", "scan no root module in directories matching `GLOB` (relative to the working directory, repeatable), like exclude_roots")
	fs.StringVar(&f.maxFileSize, "max-file-size", "", "largest file read, such as 50MiB (default 20MiB, or the config's max_file_size)")
	fs.IntVar(&f.maxInstances, "max-instances", 0, fmt.Sprintf("scan at most `N` instances of one resource or module call (default %d, or the config's max_instances)", loader.DefaultMaxInstances))
	fs.IntVar(&f.maxTotalInstances, "max-total-instances", 0, fmt.Sprintf("stop past `N` resource and module instances in all (default %d, or the config's max_total_instances)", loader.DefaultMaxTotalInstances))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), scanUsage)
		fs.PrintDefaults()
	}
	paths, ok := parseFlags(fs, args)
	if !ok {
		return ExitError
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if len(paths) == 0 {
		paths = []string{"."}
	}

	outs, err := f.validate()
	if err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: %v\n", err)
		return ExitError
	}
	req := f.request(paths, set, s, d)
	req.OmitHidden = !writes("junit", f.format, outs)
	req.OmitSources = !writes("text", f.format, outs)
	req.OmitDigests = f.evidenceDir == ""
	if path := envValue(s.Env, memProfileEnv); path != "" {
		req.Loaded = heapProfiler(path, s.Stderr)
	}
	prog := newProgress(f.progress, s, d)
	if prog != nil {
		req.Progress = prog.update
	}
	res, err := scan.Run(context.Background(), req)
	if prog != nil {
		prog.finish()
	}
	if err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: %v\n", err)
		if errors.Is(err, scan.ErrNothingToScan) {
			fmt.Fprintln(s.Stderr, "terraform-provider-soc2 scan: --fail-on-empty is on (the default when CI=true); pass --fail-on-empty=false to accept an empty scan")
		}
		return ExitError
	}
	rep := res.Report

	if rep.Summary.FilesScanned == 0 {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: warning: no Terraform files or plans found in %s\n", strings.Join(paths, ", "))
	}
	color := s.IsTerminal && !f.noColor && !hasEnv(s.Env, "NO_COLOR")
	if err := report.Write(s.Stdout, f.format, rep, report.Options{Color: color, Compact: f.compact, FailingOnly: f.quiet}); err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: %v\n", err)
		return ExitError
	}
	for _, o := range outs {
		if err := writeOutput(o, rep, s.Stdout); err != nil {
			fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: %v\n", err)
			return ExitError
		}
	}
	if f.baselineWrite != "" {
		if err := writeFile(f.baselineWrite, func(w io.Writer) error { return engine.WriteBaseline(w, rep) }); err != nil {
			fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: %v\n", err)
			return ExitError
		}
	}
	if f.evidenceDir != "" {
		if _, err := appendEvidence(f.evidenceDir, paths, res, d); err != nil {
			fmt.Fprintf(s.Stderr, "terraform-provider-soc2 scan: %v\n", err)
			return ExitError
		}
	}
	if f.stats {
		printStats(s.Stderr, rep, time.Since(start))
	}
	return exitCode(rep, f.softFail)
}

// exitCode is 2 for broken input, else 1 for failing findings unless
// soft-fail, else 0.
func exitCode(rep *report.Report, softFail bool) int {
	switch {
	case len(rep.Errors) > 0:
		return ExitError
	case softFail:
		return ExitOK
	case rep.Failing() > 0:
		return ExitFindings
	}
	return ExitOK
}

// writes reports whether want is among the formats written, on stdout or
// to a file. What a scan keeps depends on it: JUnit lists every result,
// passes and not-applicable ones included (one test case per rule and
// resource), where the others count them (or show passes with
// --include-passed); text alone shows code excerpts.
func writes(want, format string, outs []output) bool {
	if format == want {
		return true
	}
	for _, o := range outs {
		if o.format == want {
			return true
		}
	}
	return false
}

type output struct {
	format string
	path   string
}

// validate checks the flag values that the scan itself does not; the scan
// checks that the paths and variable files exist.
func (f *scanFlags) validate() ([]output, error) {
	if err := oneOf(f.format, report.Formats...); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	if (f.compact || f.quiet) && f.format != "text" {
		return nil, fmt.Errorf("--compact and --quiet shape the text format, not --format %s", f.format)
	}
	if err := oneOf(f.progress, progressAuto, progressAlways, progressNever); err != nil {
		return nil, fmt.Errorf("--progress: %w", err)
	}
	if f.severityThreshold != "" {
		if _, err := scanner.ParseSeverity(f.severityThreshold); err != nil {
			return nil, fmt.Errorf("--severity-threshold: %w", err)
		}
	}
	var outs []output
	for _, o := range f.outs {
		format, path, ok := strings.Cut(o, "=")
		if !ok || path == "" {
			return nil, fmt.Errorf("--out %q: want FORMAT=FILE, such as sarif=results.sarif", o)
		}
		if err := oneOf(format, report.Formats...); err != nil {
			return nil, fmt.Errorf("--out %q: %w", o, err)
		}
		outs = append(outs, output{format: format, path: path})
	}
	if f.maxFileSize != "" {
		if _, err := config.ParseSize(f.maxFileSize); err != nil {
			return nil, fmt.Errorf("--max-file-size: %w", err)
		}
	}
	for _, v := range f.vars {
		if name, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("--var %q: want NAME=VALUE", v)
		}
	}
	if f.maxInstances < 0 || f.maxTotalInstances < 0 {
		return nil, errors.New("--max-instances and --max-total-instances take a positive number")
	}
	return outs, nil
}

// request turns the flags that were set into a scan request: those not set
// leave the configuration file's settings alone.
func (f *scanFlags) request(paths []string, set map[string]bool, s Streams, d Deps) scan.Request {
	req := scan.Request{
		Paths:             paths,
		Rules:             d.Rules,
		DataSources:       d.DataSources,
		ConfigFile:        f.configPath,
		OnlyRules:         scan.RuleIDs{IDs: splitList(f.onlyRules), Source: "--only-rules"},
		ExcludeRules:      scan.RuleIDs{IDs: splitList(f.excludeRules), Source: "--exclude-rules"},
		VarFiles:          f.varFiles,
		Vars:              f.vars,
		Env:               s.Env,
		AllowPaths:        f.allowPaths,
		ExcludeRoots:      f.excludeRoots,
		IncludePassed:     f.includePassed,
		Baseline:          f.baseline,
		Version:           d.Version,
		Commit:            d.Commit,
		BuildDate:         d.BuildDate,
		Now:               d.Now,
		FailOnEmpty:       f.failOnEmpty,
		AllowNoRules:      f.allowNoRules,
		MaxInstances:      f.maxInstances,
		MaxTotalInstances: f.maxTotalInstances,
	}
	if set["severity-threshold"] {
		// An empty value sets the default threshold, whatever the
		// configuration file says.
		req.SeverityThreshold = scanner.Severity(f.severityThreshold)
		if req.SeverityThreshold == "" {
			req.SeverityThreshold = scanner.Low
		}
	}
	if f.maxFileSize != "" {
		req.MaxFileSize, _ = config.ParseSize(f.maxFileSize) // checked by validate
	}
	if set["fail-on-unknown"] {
		req.FailOnUnknown = &f.failOnUnknown
	}
	return req
}

func writeOutput(o output, rep *report.Report, stdout io.Writer) error {
	write := func(w io.Writer) error { return report.Write(w, o.format, rep, report.Options{}) }
	if o.path == "-" {
		return write(stdout)
	}
	return writeFile(o.path, write)
}

// writeFile writes through a temporary file in the same directory and
// renames it, so that a failed write never leaves half a report behind.
// Devices and pipes (/dev/null, /dev/stderr, a named pipe) are written to
// directly: renaming over them would replace them.
func writeFile(path string, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return writeDirect(path, write)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func writeDirect(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func hasEnv(env []string, name string) bool {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name && v != "" {
			return true
		}
	}
	return false
}

func printStats(w io.Writer, rep *report.Report, elapsed time.Duration) {
	s := rep.Summary
	secs := elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.FilesScanned) / secs
	}
	fmt.Fprintf(w, "scanned %d files (%d resources, %d rules) in %s: %.0f files/s, peak memory %s\n",
		s.FilesScanned, s.ResourcesScanned, s.RulesRun, elapsed.Round(time.Millisecond), rate, formatBytes(peakMemory()))
}

func formatBytes(n uint64) string {
	const mib = 1 << 20
	return fmt.Sprintf("%.1f MiB", float64(n)/mib)
}
