package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger/window"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/scan"
)

func init() {
	register("evidence", "Verify the evidence ledger and report on an observation window", runEvidence)
}

const evidenceUsage = `Usage: terraform-provider-soc2 evidence verify DIR [--format text|json]
       terraform-provider-soc2 evidence report DIR [--from DATE] [--to DATE]
                                    [--state STATE_JSON | --config DIR] [flags]

The evidence ledger is the directory that 'scan --evidence-dir DIR' appends
one record to per run; each record names the SHA-256 of the one before, so
the records form a chain.

verify recomputes the chain and names every record that was changed,
removed (the record after the gap is named), inserted or reordered.
  0  the chain is whole
  1  the chain is broken
  2  bad flags, or DIR cannot be read

report judges the observation window from --from to --to (dates, both
included; default: the soc2_scope observation_window of the inventory,
else from the first record to today). With an inventory (--state, the output
of 'terraform show -json', or --config, the configuration that declares the
soc2_* resources), each control that cites scanner rules gets the days with
a record, the days its rules failed with the failing findings, the longest
gap between records compared with the control's frequency, and a verdict:

  operated effectively   records as often as its frequency asks, no failure
  exceptions             records as often as asked, but its rules failed
  insufficient evidence  no record, or a gap longer than its frequency

(continuous controls are expected to have a record every day; per-event
ones have no calendar limit). Without an inventory, each rule and each
criterion is judged, by --frequency if given.
  0  report written
  1  a subject has a verdict named by --fail-on
  2  bad flags or input
`

func runEvidence(args []string, s Streams, d Deps) int {
	if len(args) == 0 {
		fmt.Fprint(s.Stderr, evidenceUsage)
		return ExitError
	}
	switch args[0] {
	case "verify":
		return runEvidenceVerify(args[1:], s)
	case "report":
		return runEvidenceReport(args[1:], s, d)
	case "-h", "--help", "help":
		fmt.Fprint(s.Stdout, evidenceUsage)
		return ExitOK
	}
	fmt.Fprintf(s.Stderr, "terraform-provider-soc2 evidence: unknown subcommand %q: use verify or report\n\n%s", args[0], evidenceUsage)
	return ExitError
}

// ledgerDir returns the one positional argument, the ledger directory.
func ledgerDir(rest []string) (string, error) {
	switch len(rest) {
	case 0:
		return "", errors.New("name the ledger directory, as in 'evidence verify evidence/'")
	case 1:
		return rest[0], nil
	}
	return "", fmt.Errorf("unexpected argument %q: give one ledger directory", rest[1])
}

func runEvidenceVerify(args []string, s Streams) int {
	fs := newFlagSet("evidence verify", s)
	format := fs.String("format", "text", "output format: text, json")
	fs.Usage = func() { fmt.Fprint(fs.Output(), evidenceUsage) }
	rest, ok := parseFlags(fs, args)
	if !ok {
		return ExitError
	}
	fail := func(err error) int {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 evidence verify: %v\n", err)
		return ExitError
	}
	if err := oneOf(*format, "text", "json"); err != nil {
		return fail(fmt.Errorf("--format: %w", err))
	}
	dir, err := ledgerDir(rest)
	if err != nil {
		return fail(err)
	}
	v, err := ledger.Verify(dir)
	if err != nil {
		return fail(err)
	}
	if err := writeVerification(s.Stdout, *format, dir, v); err != nil {
		return fail(err)
	}
	if !v.OK() {
		return ExitFindings
	}
	return ExitOK
}

func writeVerification(w io.Writer, format, dir string, v *ledger.Verification) error {
	if format == "json" {
		return writeJSON(w, v)
	}
	var b strings.Builder
	for _, p := range v.Problems {
		fmt.Fprintf(&b, "%s\n", p)
	}
	for _, name := range v.Ignored {
		fmt.Fprintf(&b, "%s: not a ledger record (ignored)\n", name)
	}
	switch {
	case !v.OK():
		fmt.Fprintf(&b, "%s: chain BROKEN: %d problems in %d records\n", dir, len(v.Problems), v.Records)
	case v.Records == 0:
		fmt.Fprintf(&b, "%s: no records\n", dir)
	default:
		fmt.Fprintf(&b, "%s: chain intact: %d records from %s to %s\n", dir, v.Records,
			v.First.Format(time.RFC3339), v.Last.Format(time.RFC3339))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type evidenceReportFlags struct {
	from, to, state, configDir, format, frequency, failOn string
}

func runEvidenceReport(args []string, s Streams, d Deps) int {
	fs := newFlagSet("evidence report", s)
	var f evidenceReportFlags
	fs.StringVar(&f.from, "from", "", "first `DATE` of the window (default: the inventory's observation_window start, else the first record's day)")
	fs.StringVar(&f.to, "to", "", "last `DATE` of the window (default: the inventory's observation_window end, else today)")
	fs.StringVar(&f.state, "state", "", "the inventory: `STATE_JSON`, the output of 'terraform show -json' (\"-\" for stdin)")
	fs.StringVar(&f.configDir, "config", "", "the inventory: the configuration in `DIR` that declares soc2_* resources")
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(window.Formats(), ", "))
	fs.StringVar(&f.frequency, "frequency", "", "judge gaps by this `FREQUENCY` where no control declares one, such as daily")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when a subject has one of these `VERDICTS`, such as exceptions,insufficient-evidence")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), evidenceUsage+"\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, ok := parseFlags(fs, args)
	if !ok {
		return ExitError
	}
	code, err := evidenceReport(rest, f, s, d)
	if err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 evidence report: %v\n", err)
		return ExitError
	}
	return code
}

func evidenceReport(rest []string, f evidenceReportFlags, s Streams, d Deps) (int, error) {
	if err := oneOf(f.format, window.Formats()...); err != nil {
		return 0, fmt.Errorf("--format: %w", err)
	}
	if f.state != "" && f.configDir != "" {
		return 0, errors.New("name the inventory with one of --state or --config, not both")
	}
	failOn, err := parseWindowVerdicts(f.failOn)
	if err != nil {
		return 0, err
	}
	dir, err := ledgerDir(rest)
	if err != nil {
		return 0, err
	}
	in := window.Input{Ledger: dir, Now: d.now(), RuleTitles: map[string]string{}}
	for _, r := range d.Rules {
		in.RuleTitles[r.ID] = r.Title
	}
	if f.frequency != "" {
		if in.Deadline, err = deadline(f.frequency); err != nil {
			return 0, fmt.Errorf("--frequency: %w", err)
		}
		in.Frequency = f.frequency
	}
	scope, err := f.readControls(s, &in)
	if err != nil {
		return 0, err
	}
	if in.Chain, err = ledger.Verify(dir); err != nil {
		return 0, err
	}
	entries, _, err := ledger.Read(dir)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		if e.Record != nil {
			in.Records = append(in.Records, e.Record)
		}
	}
	if err := f.window(&in, scope); err != nil {
		return 0, err
	}
	rep := window.Build(in)
	if err := rep.Write(s.Stdout, f.format); err != nil {
		return 0, fmt.Errorf("writing the report: %w", err)
	}
	if !rep.Chain.Intact {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 evidence report: warning: the chain of %s is broken; run 'evidence verify %s'\n", dir, dir)
	}
	for _, subj := range rep.Subjects {
		for _, v := range failOn {
			if subj.Verdict == v {
				return ExitFindings, nil
			}
		}
	}
	return ExitOK, nil
}

// readControls reads the inventory, if one is named, into in.Controls and
// returns its scope.
func (f *evidenceReportFlags) readControls(s Streams, in *window.Input) (*inventory.Scope, error) {
	var inv *inventory.Inventory
	switch {
	case f.configDir != "":
		var err error
		if inv, err = inventory.ParseConfig(f.configDir); err != nil {
			return nil, err
		}
	case f.state != "":
		name, data, err := readInventoryInput([]string{f.state}, s)
		if err != nil {
			return nil, err
		}
		if inv, err = inventory.Parse(name, data); err != nil {
			return nil, err
		}
	default:
		return nil, nil
	}
	in.Controls = []window.Control{}
	for _, c := range inventory.NewReport(inv, inventory.Options{Now: inventory.Date{Time: in.Now}}).Controls {
		if len(c.ScannerRules) == 0 {
			continue
		}
		wc := window.Control{ID: c.ControlID, Title: c.Title, Owner: ownerName(c.Owner), Rules: c.ScannerRules}
		if c.Frequency != nil {
			var err error
			if wc.Deadline, err = deadline(*c.Frequency); err != nil {
				return nil, fmt.Errorf("control %s: frequency: %w", c.ControlID, err)
			}
			wc.Frequency = *c.Frequency
		}
		in.Controls = append(in.Controls, wc)
	}
	return inv.Scope(), nil
}

func ownerName(o *inventory.OwnerRef) string {
	switch {
	case o == nil:
		return ""
	case o.Email != nil && o.Name != nil:
		return *o.Name + " <" + *o.Email + ">"
	case o.Email != nil:
		return *o.Email
	}
	return o.ID
}

// window sets the window from the flags, else the scope's observation
// window, else the records and today.
func (f *evidenceReportFlags) window(in *window.Input, scope *inventory.Scope) error {
	from, to := f.from, f.to
	if scope != nil {
		from, to = cmpOr(from, scope.WindowStart), cmpOr(to, scope.WindowEnd)
	}
	var err error
	in.From = in.Now
	for _, r := range in.Records {
		if r.Time.Before(in.From) {
			in.From = r.Time
		}
	}
	in.To = in.Now
	if from != "" {
		if in.From, err = parseDay(from); err != nil {
			return fmt.Errorf("--from: %w", err)
		}
	}
	if to != "" {
		if in.To, err = parseDay(to); err != nil {
			return fmt.Errorf("--to: %w", err)
		}
	}
	in.From, in.To = window.Midnight(in.From), window.Midnight(in.To)
	if in.To.Before(in.From) {
		return fmt.Errorf("the window ends (%s) before it starts (%s)", in.To.Format(time.DateOnly), in.From.Format(time.DateOnly))
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func parseDay(s string) (time.Time, error) {
	d, err := inventory.ParseDate(s)
	return d.Time, err
}

// deadline turns a frequency into the window's deadline: a record is due
// by the end of the day the frequency next makes it due. Continuous
// controls are expected to have a record every day; per-event ones set no
// calendar limit.
func deadline(frequency string) (func(time.Time) (time.Time, bool), error) {
	freq, err := inventory.ParseFrequency(frequency)
	if err != nil {
		return nil, err
	}
	if freq == inventory.Continuous {
		freq = inventory.Daily
	}
	if !freq.Periodic() {
		return nil, nil
	}
	return func(day time.Time) (time.Time, bool) {
		due, ok := inventory.NextDue(inventory.Date{Time: day, DateOnly: true}, freq)
		return due.End(), ok
	}, nil
}

// parseWindowVerdicts reads --fail-on: verdicts separated by commas, with
// hyphens or underscores for spaces.
func parseWindowVerdicts(list string) ([]window.Verdict, error) {
	var out []window.Verdict
	for _, name := range splitList([]string{list}) {
		norm := strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(name))
		found := false
		for _, v := range window.Verdicts {
			if string(v) == norm {
				out, found = append(out, v), true
			}
		}
		if !found {
			return nil, fmt.Errorf("--fail-on: unknown verdict %q: use operated-effectively, exceptions or insufficient-evidence", name)
		}
	}
	return out, nil
}

// appendEvidence appends the scan's record to the ledger in dir.
func appendEvidence(dir string, paths []string, res *scan.Result, d Deps) (string, error) {
	tool := ledger.Tool{Name: report.ToolName, Version: d.Version}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				tool.Commit = s.Value
			case "vcs.time":
				tool.BuildDate = s.Value
			}
		}
	}
	rec, err := ledger.NewRecord(res.Report, ledger.Input{
		Tool: tool, Catalogue: ledger.CatalogueVersion(d.Rules), Paths: paths, ConfigFile: res.ConfigFile,
	})
	if err != nil {
		return "", err
	}
	return ledger.Append(dir, rec, d.now())
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
