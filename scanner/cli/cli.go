// Package cli is the command-line face of terraform-provider-soc2: the same
// binary that Terraform runs as a provider answers subcommands such as
// `scan`, `rules` and `criteria` when a person runs it.
package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Exit codes shared by every subcommand.
const (
	ExitOK       = 0
	ExitFindings = 1
	// ExitError is for bad flags, input that cannot be read or parsed and
	// output that cannot be written.
	ExitError = 2
)

// Streams are where a command reads and writes.
type Streams struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal reports whether Stdout is a terminal; text output is the
	// default there.
	IsTerminal bool
	// StdinIsTerminal reports whether Stdin is a terminal, where nobody is
	// piping input in and a command that reads stdin should say so.
	StdinIsTerminal bool
	// StderrIsTerminal reports whether Stderr is a terminal, where a long
	// scan shows its progress.
	StderrIsTerminal bool
	// Env is the process environment (for TF_VAR_*).
	Env []string
}

// Deps are what the commands take from outside the CLI: main hands Main
// the real ones, tests hand it fixtures.
type Deps struct {
	// Rules is the rule catalogue, sorted by ID.
	Rules []*scanner.Rule
	// DataSources are the catalogue's computed data sources
	// (rules.DataSources), handed to every scan.
	DataSources []scanner.DataSource
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Version is the build's version, printed by `version` and written
	// into scan reports; Commit and BuildDate identify the build further
	// when known (see ResolveBuild).
	Version   string
	Commit    string
	BuildDate string
}

// now reads the clock.
func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

type command struct {
	summary string
	run     func(args []string, s Streams, d Deps) int
}

// commands is filled by each subcommand's file so that the dispatcher does
// not change when a subcommand is added.
var commands = map[string]command{}

func register(name, summary string, run func(args []string, s Streams, d Deps) int) {
	commands[name] = command{summary: summary, run: run}
}

// Main runs the subcommand in args[0] and returns the process exit code.
func Main(args []string, s Streams, d Deps) int {
	if len(args) == 0 {
		usage(s.Stderr)
		return ExitError
	}
	switch args[0] {
	case "help", "-h", "--help":
		usage(s.Stdout)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(s.Stderr, "terraform-provider-soc2: unknown command %q\n\n", args[0])
		usage(s.Stderr)
		return ExitError
	}
	return cmd.run(args[1:], s, d)
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "Usage: terraform-provider-soc2 <command> [flags] [args]")
	fmt.Fprintln(w, "       terraform-provider-soc2 [-debug]   (serve the Terraform provider)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'terraform-provider-soc2 <command> -h' for a command's flags.")
}

// newFlagSet returns a flag set that reports errors on s.Stderr and never
// exits the process.
func newFlagSet(name string, s Streams) *flag.FlagSet {
	fs := flag.NewFlagSet("terraform-provider-soc2 "+name, flag.ContinueOnError)
	fs.SetOutput(s.Stderr)
	return fs
}

// parseFlags parses args, allowing flags after positional arguments as most
// scanners do (`scan ./infra --format json`). It returns the positional
// arguments and whether parsing succeeded.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, true
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func oneOf(value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return fmt.Errorf("invalid value %q: use one of %s", value, strings.Join(allowed, ", "))
}
