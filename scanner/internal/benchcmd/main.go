// Command benchcmd measures the built scanner as a user runs it: a child
// process per run, timed from outside, with its CPU time and peak resident
// memory read from the kernel's rusage. `make bench` and `make bench-peers`
// drive it; docs/BENCHMARKS.md records what it prints.
//
//	benchcmd scan  -bin BIN [-runs N] [-format text|markdown] [-only RE] CORPUS...
//	benchcmd peers -bin BIN -tfsec TFSEC [-runs N] [-format text|markdown] -exclude REL CORPUS
//	benchcmd plan  -bin BIN [-terraform TF] [-controls N] [-runs N] [-format text|markdown]
//	benchcmd gen DIR
//
// scan runs the scanner N times over each corpus and over generated large
// inputs (written to a temporary directory, removed afterwards) and prints
// the medians. peers scans a copy of one corpus with the scanner and tfsec
// alternately and prints both medians and our/their ratios. gen writes the
// generated inputs to DIR, to profile one by hand. plan times `terraform
// plan` over N controls with evidence requirements against the same graph
// of terraform_data, alternately, with BIN installed through dev_overrides.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchcmd:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: benchcmd scan|peers|plan|gen [flags] [args]")
	}
	switch args[0] {
	case "scan":
		return runScan(args[1:], stdout, stderr)
	case "peers":
		return runPeers(args[1:], stdout, stderr)
	case "plan":
		return runPlan(args[1:], stdout, stderr)
	case "gen":
		if len(args) != 2 {
			return errors.New("usage: benchcmd gen DIR")
		}
		_, err := writeGenerated(args[1])
		return err
	}
	return fmt.Errorf("unknown subcommand %q (want scan, peers, plan or gen)", args[0])
}

// common are the flags of scan and peers. Runs and format default to
// BENCH_RUNS and BENCH_FORMAT so that make passes them through unchanged.
type common struct {
	bin    string
	runs   int
	format string
}

// newFlagSet is a flag set named name, with the common flags registered in
// the returned common.
func newFlagSet(name string, stderr io.Writer) (*flag.FlagSet, *common, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &common{}
	if err := c.register(fs); err != nil {
		return nil, nil, err
	}
	return fs, c, nil
}

func (c *common) register(fs *flag.FlagSet) error {
	runs := 5
	if v := os.Getenv("BENCH_RUNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("BENCH_RUNS=%q: want a positive number", v)
		}
		runs = n
	}
	format := os.Getenv("BENCH_FORMAT")
	if format == "" {
		format = "text"
	}
	fs.StringVar(&c.bin, "bin", "./terraform-provider-soc2", "the scanner binary to run")
	fs.IntVar(&c.runs, "runs", runs, "runs per input; the median is printed (default $BENCH_RUNS, else 5)")
	fs.StringVar(&c.format, "format", format, "text or markdown (default $BENCH_FORMAT, else text)")
	return nil
}

func (c *common) check() error {
	if c.runs < 1 {
		return errors.New("-runs must be at least 1")
	}
	if c.format != "text" && c.format != "markdown" {
		return fmt.Errorf("-format %q: want text or markdown", c.format)
	}
	if _, err := os.Stat(c.bin); err != nil {
		return fmt.Errorf("scanner binary: %w (run make build)", err)
	}
	return nil
}
