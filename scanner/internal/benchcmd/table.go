package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// table is rows of cells under a header, printed aligned as text or as a
// Markdown table (ready to paste into docs/BENCHMARKS.md).
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer, format string) error {
	if format == "markdown" {
		line := func(cells []string) string { return "| " + strings.Join(cells, " | ") + " |\n" }
		sep := make([]string, len(t.header))
		for i := range sep {
			sep[i] = "---"
			if i > 0 {
				sep[i] = "--:" // figures align right
			}
		}
		var b strings.Builder
		b.WriteString(line(t.header))
		b.WriteString(line(sep))
		for _, r := range t.rows {
			b.WriteString(line(r))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range append([][]string{t.header}, t.rows...) {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	return tw.Flush()
}

// writeScanTable prints one row of medians per input.
func writeScanTable(w io.Writer, format string, runs int, inputs []*input) error {
	t := table{header: []string{"input", "files", "resources", "wall", "CPU (user+sys)", "files/s", "resources/s", "peak RSS"}}
	for _, in := range inputs {
		m := medians(in.samples)
		t.add(in.name, fmt.Sprint(in.files), fmt.Sprint(in.resources), seconds(m.wall), seconds(m.cpu),
			perSecond(in.files, m.wall), perSecond(in.resources, m.wall), mib(m.rss))
	}
	fmt.Fprintf(w, "Medians of %d run(s) per input.\n\n", runs)
	return t.write(w, format)
}

// ratio is ours/theirs as a factor, such as 0.12×.
func ratio[T ~int64](ours, theirs T) string {
	if theirs == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", float64(ours)/float64(theirs))
}
