package inventory

import (
	"io"
	"strings"
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/fuzzseed"
)

// FuzzParse feeds arbitrary bytes to the state reader of the inventory
// command: it must never panic, every error must name the input, and a
// report of what it accepts must render in every format.
func FuzzParse(f *testing.F) {
	fuzzseed.Files(f, nil, "testdata/*.json", "../../scanner/loader/testdata/plan/*.json")
	f.Add([]byte(invStateDoc()))
	for _, s := range []string{"", "[]", "{}", `{"format_version":"1.0"}`, `{"version":4,"resources":[]}`,
		`{"format_version":"1.0","values":{"root_module":{"resources":[{"mode":"managed","type":"soc2_control","provider_name":"registry.terraform.io/soc2-as-code/soc2","values":null}]}}}`} {
		f.Add([]byte(s))
	}
	opt := options(f, "2026-11-25")
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := Parse("in.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "in.json:") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		rep := NewReport(inv, opt)
		for _, format := range Formats() {
			if err := rep.Write(io.Discard, format); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
