package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

func init() {
	register("inventory", "Report the SOC 2 control inventory held in Terraform state", runInventory)
}

const inventoryUsage = `Usage: terraform-provider-soc2 inventory [flags] [STATE_JSON | --config DIR]
       terraform-provider-soc2 inventory import [--out FILE] CONTROLS_CSV

Reports the SOC 2 control inventory that the soc2 provider keeps in
Terraform state: controls grouped by Trust Services Criterion with their
owners, the in-scope criteria nothing meets yet (gaps), controls planned or
not applicable, evidence that is overdue or due soon, each owner's
controls, and scanner rules that no longer exist.

STATE_JSON is the output of 'terraform show -json' (the current state) or
'terraform show -json plan.out' (the inventory once the plan is applied).
It is read from stdin when STATE_JSON is "-" or absent:

  terraform show -json | terraform-provider-soc2 inventory

--config DIR reads the inventory from the .tf files of a configuration
instead, before the first apply: literal values and references between
soc2_* resources; anything else is reported as unknown.

--format oscal writes an OSCAL 1.1.2 component definition for a GRC tool:
one component per control, its criteria as implemented requirements
(cc6.1), owners as parties, UUIDs derived from the resource addresses and
last-modified set to --now.

'inventory import' turns a spreadsheet of controls into Terraform; see
'terraform-provider-soc2 inventory import -h'.

The categories in scope are --categories, else those of the soc2_scope
resource in the input, else security.

Due dates are recomputed at --now from last_collected and frequency, since
next_due and overdue in state are only as fresh as the last refresh.

Exit codes:
  0  report written
  1  with --fail-on-gaps: an in-scope criterion has no implemented, partial
     or alternative control (and is not carved out by a justified
     not-applicable control), or evidence is overdue
  2  bad flags or input that is not 'terraform show -json' output

Flags:
`

type inventoryFlags struct {
	format     string
	configDir  string
	categories string
	dueWithin  int
	now        string
	failOnGaps bool
}

func runInventory(args []string, s Streams, d Deps) int {
	if len(args) > 0 && args[0] == "import" {
		return runInventoryImport(args[1:], s, d)
	}
	fs := newFlagSet("inventory", s)
	var f inventoryFlags
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(inventory.Formats(), ", "))
	fs.StringVar(&f.configDir, "config", "", "read the inventory from the configuration in `DIR` that declares soc2_* resources, instead of STATE_JSON")
	fs.StringVar(&f.categories, "categories", "", "Trust Services `CATEGORIES` in scope, comma-separated: "+strings.Join(tsc.CategoryNames(), ", ")+" (default: the soc2_scope resource's, else security)")
	fs.IntVar(&f.dueWithin, "due-within", 30, "report evidence due within `DAYS` as due soon")
	fs.StringVar(&f.now, "now", "", "judge due dates at this RFC 3339 `DATE` or timestamp instead of the current time")
	fs.BoolVar(&f.failOnGaps, "fail-on-gaps", false, "exit 1 when an in-scope criterion has a gap or evidence is overdue")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), inventoryUsage)
		fs.PrintDefaults()
	}
	paths, ok := parseFlags(fs, args)
	if !ok {
		return ExitError
	}
	opt, err := f.options(paths, d)
	if err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory: %v\n", err)
		return ExitError
	}
	name, inv, err := f.read(paths, s)
	if err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory: %v\n", err)
		return ExitError
	}
	opt.Source = name
	if opt.Categories == nil {
		opt.Categories = scopeOf(inv)
	}
	rep := inventory.NewReport(inv, opt)
	if err := rep.Write(s.Stdout, f.format); err != nil {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory: writing the report: %v\n", err)
		return ExitError
	}
	if f.format != "text" {
		// Machine formats go to files and pull requests, where nobody
		// reads the warnings inside them; say that there are some.
		for _, w := range rep.Warnings {
			fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory: warning: %s\n", w)
		}
	}
	if inv.Empty() {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2 inventory: warning: %s has no %s resources of %s\n", name,
			strings.Join([]string{inventory.TypeControl, inventory.TypeOwner, inventory.TypeEvidence}, ", "), inventory.ProviderAddress)
	}
	if f.failOnGaps && rep.Failing() {
		return ExitFindings
	}
	return ExitOK
}

// read reads the inventory from --config, or from the state or plan JSON
// named in paths (stdin without one), and returns the name to use in
// messages.
func (f *inventoryFlags) read(paths []string, s Streams) (string, *inventory.Inventory, error) {
	if f.configDir != "" {
		inv, err := inventory.ParseConfig(f.configDir)
		return f.configDir, inv, err
	}
	name, data, err := readInventoryInput(paths, s)
	if err != nil {
		return "", nil, err
	}
	inv, err := inventory.Parse(name, data)
	return name, inv, err
}

// options checks the flags and turns them into report options.
func (f *inventoryFlags) options(paths []string, d Deps) (inventory.Options, error) {
	var opt inventory.Options
	if err := oneOf(f.format, inventory.Formats()...); err != nil {
		return opt, fmt.Errorf("--format: %w", err)
	}
	if f.configDir != "" && len(paths) > 0 {
		return opt, fmt.Errorf("give either STATE_JSON or --config DIR, not both (got %s)", strings.Join(paths, " "))
	}
	if len(paths) > 1 {
		return opt, fmt.Errorf("one STATE_JSON at most, got %d: %s", len(paths), strings.Join(paths, " "))
	}
	if f.dueWithin < 0 {
		return opt, fmt.Errorf("--due-within: %d is negative; give a number of days, such as 30", f.dueWithin)
	}
	opt.DueWithin = f.dueWithin
	if f.categories != "" {
		categories, err := parseCategories(f.categories)
		if err != nil {
			return opt, err
		}
		opt.Categories = categories
	}
	var err error
	opt.Now = inventory.Date{Time: d.now()}
	if f.now != "" {
		if opt.Now, err = inventory.ParseDate(f.now); err != nil {
			return opt, fmt.Errorf("--now: %w", err)
		}
	}
	for _, r := range d.Rules {
		opt.RuleIDs = append(opt.RuleIDs, r.ID)
	}
	return opt, nil
}

// scopeOf is the inventory's own scope (a soc2_scope resource), or security
// when it records none: what --categories defaults to.
func scopeOf(inv *inventory.Inventory) []tsc.Category {
	if scope := inv.Scope(); scope != nil && scope.Categories != nil {
		return scope.Categories
	}
	return []tsc.Category{tsc.Security}
}

// parseCategories reads --categories into categories in catalogue order.
func parseCategories(list string) ([]tsc.Category, error) {
	seen := map[tsc.Category]bool{}
	for _, name := range splitList([]string{list}) {
		c, ok := tsc.ParseCategory(name)
		if !ok {
			return nil, fmt.Errorf("--categories: unknown category %q: use %s", name, strings.Join(tsc.CategoryNames(), ", "))
		}
		seen[c] = true
	}
	if len(seen) == 0 {
		return nil, errors.New("--categories: name at least one category, such as security")
	}
	var out []tsc.Category
	for _, c := range tsc.Categories {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// readInventoryInput reads the file named in paths, or stdin for "-" or no
// path, and returns the name to use in messages.
func readInventoryInput(paths []string, s Streams) (string, []byte, error) {
	if len(paths) == 1 && paths[0] != "-" {
		data, err := os.ReadFile(paths[0])
		if err != nil {
			return "", nil, fmt.Errorf("cannot read %s: %w", paths[0], errors.Unwrap(err))
		}
		return paths[0], data, nil
	}
	if s.Stdin == nil || (len(paths) == 0 && s.StdinIsTerminal) {
		return "", nil, errors.New("no input: pass STATE_JSON or pipe it in, as in `terraform show -json | terraform-provider-soc2 inventory`")
	}
	data, err := io.ReadAll(s.Stdin)
	if err != nil {
		return "", nil, fmt.Errorf("reading stdin: %w", err)
	}
	return "<stdin>", data, nil
}
