package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// runTimeout bounds one run, so that a pathological input shows as a
// failure instead of hanging the whole benchmark.
const runTimeout = 15 * time.Minute

// sample is what one run of a child process cost.
type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system, over every thread
	rss  int64         // peak resident set, in bytes; 0 when unknown
}

// measure runs name with args, its stdout written to the file out, and
// returns what the run cost. okCodes are the exit codes that count as a
// finished run (the scanner exits 2 on the corpus's broken files and still
// writes its report).
func measure(name string, args []string, out string, okCodes ...int) (sample, error) {
	f, err := os.Create(out)
	if err != nil {
		return sample{}, err
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout = f
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "CHECKPOINT_DISABLE=1")
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil && !allowedExit(err, okCodes) {
		return sample{}, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	st := cmd.ProcessState
	return sample{wall: wall, cpu: st.UserTime() + st.SystemTime(), rss: peakRSS(st)}, nil
}

// allowedExit reports whether err is an exit with one of the codes okCodes.
func allowedExit(err error, okCodes []int) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && slices.Contains(okCodes, exit.ExitCode())
}

// summaryTail is how much of the end of a JSON report scanCounts reads:
// the summary comes last and is a few KiB whatever the findings.
const summaryTail = 1 << 20

// scanCounts reads the files and resources a scan reports from the summary
// at the end of its JSON report. It reads only the end of the report on
// purpose: on Linux a child's ru_maxrss includes the peak RSS of this
// process (the child starts in this process's memory until exec), so this
// process must stay small, whatever the size of the reports.
func scanCounts(path string) (files, resources int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	off := max(st.Size()-summaryTail, 0)
	buf := make([]byte, st.Size()-off)
	if _, err := f.ReadAt(buf, off); err != nil {
		return 0, 0, err
	}
	const key = `"summary":`
	i := bytes.LastIndex(buf, []byte(key))
	if i < 0 {
		return 0, 0, fmt.Errorf("the scan's JSON report %s ends without a summary", path)
	}
	var sum report.Summary
	if err := json.NewDecoder(bytes.NewReader(buf[i+len(key):])).Decode(&sum); err != nil {
		return 0, 0, fmt.Errorf("reading the summary of the scan's JSON report %s: %w", path, err)
	}
	return sum.FilesScanned, sum.ResourcesScanned, nil
}

// tail returns the last n bytes of s, to quote a failing child's stderr.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// median returns the median of xs (the mean of the middle two for an even
// count); xs is not modified.
func median[T ~int64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// medians are the medians of several samples, field by field.
func medians(ss []sample) sample {
	var wall, cpu []time.Duration
	var rss []int64
	for _, s := range ss {
		wall = append(wall, s.wall)
		cpu = append(cpu, s.cpu)
		rss = append(rss, s.rss)
	}
	return sample{wall: median(wall), cpu: median(cpu), rss: median(rss)}
}
