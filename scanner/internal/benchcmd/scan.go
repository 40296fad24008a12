package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// input is one thing to scan and what its runs cost.
type input struct {
	name, dir        string
	files, resources int
	samples          []sample
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("scan", stderr)
	if err != nil {
		return err
	}
	only := fs.String("only", os.Getenv("BENCH_ONLY"), "scan only the inputs whose name matches this regular expression (default $BENCH_ONLY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	filter, err := regexp.Compile(*only)
	if err != nil {
		return fmt.Errorf("-only: %w", err)
	}
	tmp, err := os.MkdirTemp("", "soc2-bench-*")
	if err != nil {
		return err
	}
	defer removeAll(tmp)
	inputs, err := scanInputs(fs.Args(), tmp, filter)
	if err != nil {
		return err
	}
	// Round robin over the inputs rather than N runs of each in a row, so
	// that a burst of load elsewhere on the machine spreads over all.
	for r := range c.runs {
		for _, in := range inputs {
			if err := scanOnce(c.bin, in, filepath.Join(tmp, "report.json")); err != nil {
				return err
			}
			s := in.samples[len(in.samples)-1]
			fmt.Fprintf(stderr, "run %d/%d %s: %s wall, %s CPU, %s peak\n", r+1, c.runs, in.name, seconds(s.wall), seconds(s.cpu), mib(s.rss))
		}
	}
	return writeScanTable(stdout, c.format, c.runs, inputs)
}

// scanInputs lists the corpora given, then the generated inputs written
// under tmp, keeping those whose name matches filter.
func scanInputs(corpora []string, tmp string, filter *regexp.Regexp) ([]*input, error) {
	var inputs []*input
	for _, dir := range corpora {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		if name := filepath.Base(filepath.Clean(dir)); filter.MatchString(name) {
			inputs = append(inputs, &input{name: name, dir: dir})
		}
	}
	dirs, err := writeGenerated(filepath.Join(tmp, "generated"))
	if err != nil {
		return nil, fmt.Errorf("writing the generated inputs: %w", err)
	}
	for _, dir := range dirs {
		if name := filepath.Base(dir); filter.MatchString(name) {
			inputs = append(inputs, &input{name: name, dir: dir})
		}
	}
	if len(inputs) == 0 {
		return nil, fmt.Errorf("no input matches %q", filter)
	}
	return inputs, nil
}

// scanCommand is the scan every run makes: the whole catalogue, a JSON
// report on stdout, exit 0 whatever the findings.
func scanCommand(dir string) []string {
	return []string{"scan", "--format", "json", "--soft-fail", "--progress", "never", dir}
}

// scanOnce scans in once, recording the sample and the counts the report
// gives. Exit 2 is a finished scan too: the corpus keeps files broken as
// published, which the report lists.
func scanOnce(bin string, in *input, out string) error {
	s, err := measure(bin, scanCommand(in.dir), out, 2)
	if err != nil {
		return err
	}
	files, resources, err := scanCounts(out)
	if err != nil {
		return err
	}
	if files == 0 {
		return fmt.Errorf("%s: the scan read no file", in.name)
	}
	in.files, in.resources = files, resources
	in.samples = append(in.samples, s)
	return nil
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(b int64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

// perSecond is n per second of d, rounded to a whole number.
func perSecond(n int, d time.Duration) string {
	if d <= 0 {
		return "n/a"
	}
	r := float64(n) / d.Seconds()
	if r < 10 {
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.0f", r)
}
