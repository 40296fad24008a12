package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/coverage"
	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/scan"
)

func init() {
	register("coverage", "Join the control inventory and a scan: coverage of every criterion in scope", runCoverage)
}

const coverageUsage = `Usage: terraform-provider-soc2 coverage (--state STATE_JSON | --config DIR)
                                        (--scan PATH | --scan-result FILE) [flags]

Joins the SOC 2 control inventory with a scan. For each Trust Services
Criterion in scope it shows the controls that claim it (ID, owner, status),
their evidence requirements (last collected, next due, overdue), the scanner
rules those controls cite with their failed, unknown and passed counts and
failing resources (file:line), and a verdict:

  covered         a control meets it and the rules it cites pass
  at-risk         a control meets it, but its rules fail or its evidence is overdue
  gap             no implemented, partial or alternative control claims it
  not-evaluated   controls meet it but cite no automated evidence that decided
  not-applicable  only justified not-applicable controls claim it

Then the reverse view: failing rules that no control cites, and rules cited
by a control that do not exist (with "did you mean"), are disabled, out of
the scan's scope or below its severity threshold.

The inventory comes from 'terraform show -json' output (--state, "-" for
stdin) or from the .tf files of a configuration that declares soc2_*
resources (--config), which works before the first apply: literal values
and references between soc2 resources are read, anything else is unknown.
The scan is run now on PATH (--scan, with passes recorded) or read from a
saved 'scan --format json' result (--scan-result; run it with
--include-passed so that pass counts are known).

The categories in scope are --categories, else those of a soc2_scope
resource (or, with --config, the provider block), else security.

Exit codes:
  0  report written
  1  a criterion in scope has a verdict named by --fail-on
  2  bad flags or input, or a scan that could not read all of its input

Flags:
`

type coverageFlags struct {
	state, configDir, scanPath, scanResult string
	format, categories, failOn, now        string
	dueWithin                              int
}

func runCoverage(args []string, s Streams, d Deps) int {
	fs := newFlagSet("coverage", s)
	var f coverageFlags
	fs.StringVar(&f.state, "state", "", "the inventory: `STATE_JSON`, the output of 'terraform show -json' (\"-\" for stdin)")
	fs.StringVar(&f.configDir, "config", "", "the inventory: the configuration in `DIR` that declares soc2_* resources")
	fs.StringVar(&f.scanPath, "scan", "", "scan `PATH` now (a directory, .tf file or plan JSON)")
	fs.StringVar(&f.scanResult, "scan-result", "", "read a saved scan result `FILE` ('scan --format json')")
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(coverage.Formats(), ", "))
	fs.StringVar(&f.categories, "categories", "", "Trust Services `CATEGORIES` in scope, comma-separated (default: the inventory's scope, else security)")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when a criterion in scope has one of these `VERDICTS`, such as gap,at-risk")
	fs.StringVar(&f.now, "now", "", "judge evidence due dates at this RFC 3339 `DATE` or timestamp instead of the current time")
	fs.IntVar(&f.dueWithin, "due-within", 30, "count evidence due within `DAYS` as due soon")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), coverageUsage)
		fs.PrintDefaults()
	}
	rest, ok := parseFlags(fs, args)
	if !ok {
		return ExitError
	}
	fail := func(err error) int {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 coverage: %v\n", err)
		return ExitError
	}
	if len(rest) > 0 {
		return fail(fmt.Errorf("unexpected argument %q: name the inputs with --state or --config and --scan or --scan-result", rest[0]))
	}
	failOn, err := f.validate()
	if err != nil {
		return fail(err)
	}
	inv, invName, err := f.readInventory(s)
	if err != nil {
		return fail(err)
	}
	opt, err := f.inventoryOptions(inv, d)
	if err != nil {
		return fail(err)
	}
	opt.Source = invName
	scanRep, scanName, err := f.readScan(s, d)
	if err != nil {
		return fail(err)
	}
	rep := coverage.Build(coverage.Input{
		Inventory: inventory.NewReport(inv, opt), Scan: scanRep, ScanName: scanName, Catalogue: d.Rules,
	})
	if err := rep.Write(s.Stdout, f.format); err != nil {
		return fail(fmt.Errorf("writing the report: %w", err))
	}
	if f.format != "text" {
		for _, w := range rep.Warnings {
			fmt.Fprintf(s.Stderr, "terraform-provider-soc2 coverage: warning: %s\n", w)
		}
	}
	switch {
	case len(scanRep.Errors) > 0:
		return ExitError
	case rep.Has(failOn...):
		return ExitFindings
	}
	return ExitOK
}

// validate checks the flags that need no input and returns --fail-on.
func (f *coverageFlags) validate() ([]coverage.Verdict, error) {
	if err := oneOf(f.format, coverage.Formats()...); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	if (f.state == "") == (f.configDir == "") {
		return nil, errors.New("name the inventory with one of --state STATE_JSON or --config DIR")
	}
	if (f.scanPath == "") == (f.scanResult == "") {
		return nil, errors.New("name the scan with one of --scan PATH or --scan-result FILE")
	}
	if f.dueWithin < 0 {
		return nil, fmt.Errorf("--due-within: %d is negative; give a number of days, such as 30", f.dueWithin)
	}
	failOn, err := coverage.ParseVerdicts(f.failOn)
	if err != nil {
		return nil, fmt.Errorf("--fail-on: %w", err)
	}
	return failOn, nil
}

func (f *coverageFlags) readInventory(s Streams) (*inventory.Inventory, string, error) {
	if f.configDir != "" {
		inv, err := inventory.ParseConfig(f.configDir)
		return inv, f.configDir, err
	}
	paths := []string{f.state}
	name, data, err := readInventoryInput(paths, s)
	if err != nil {
		return nil, "", err
	}
	inv, err := inventory.Parse(name, data)
	return inv, name, err
}

// inventoryOptions are the inventory report's options: the scope from
// --categories, else the inventory's own, else security.
func (f *coverageFlags) inventoryOptions(inv *inventory.Inventory, d Deps) (inventory.Options, error) {
	opt := inventory.Options{DueWithin: f.dueWithin, Now: inventory.Date{Time: d.now()}}
	if f.now != "" {
		var err error
		if opt.Now, err = inventory.ParseDate(f.now); err != nil {
			return opt, fmt.Errorf("--now: %w", err)
		}
	}
	opt.Categories = scopeOf(inv)
	if f.categories != "" {
		categories, err := parseCategories(f.categories)
		if err != nil {
			return opt, err
		}
		opt.Categories = categories
	}
	for _, r := range d.Rules {
		opt.RuleIDs = append(opt.RuleIDs, r.ID)
	}
	return opt, nil
}

// readScan runs the scan, recording passes so that pass counts are known,
// or reads a saved one.
func (f *coverageFlags) readScan(s Streams, d Deps) (*report.Report, string, error) {
	if f.scanResult != "" {
		data, err := os.ReadFile(f.scanResult)
		if err != nil {
			return nil, "", fmt.Errorf("--scan-result: cannot read %s: %w", f.scanResult, errors.Unwrap(err))
		}
		rep, err := report.ReadJSON(f.scanResult, data, d.Rules)
		return rep, f.scanResult, err
	}
	res, err := scan.Run(context.Background(), scan.Request{
		Paths: []string{f.scanPath}, Rules: d.Rules, DataSources: d.DataSources, Env: s.Env,
		IncludePassed: true, Version: d.Version, Now: d.Now,
	})
	if err != nil {
		return nil, "", err
	}
	return res.Report, f.scanPath, nil
}
