package engine

import (
	"bytes"
	"strings"
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/fuzzseed"
)

// FuzzSuppressionComments feeds arbitrary files to the suppression-comment
// parser: it must never panic, place every directive inside the file, read
// only rule-ID characters as an ID, and explain every directive without an
// ID.
func FuzzSuppressionComments(f *testing.F) {
	f.Add([]byte(suppressMain))
	f.Add([]byte(suppressModule))
	for _, s := range []string{
		"# soc2:ignore:", "#soc2:ignore:a:exp:", "# soc2:ignore:a[b] x", "/* checkov:skip= */", "// tfsec:ignore:x:exp:2026-13-40",
		"x = \"# soc2:ignore:a r\"\n", "x = <<EOT\n# trivy:ignore:AVD-1\nEOT\n", "#soc2:ignore:a.b.:exp:2026-01-01 r #tfsec:ignore:c",
	} {
		f.Add([]byte(s))
	}
	// The rule examples (rendered in docs/rules) and the configurations
	// in testdata and examples.
	fuzzseed.Files(f, hclBlocks, "../../docs/rules/*.md", "../cli/testdata/scan/*/*.tf", "../../examples/scan/*/*.tf", "../loader/testdata/*/*.tf")
	f.Fuzz(func(t *testing.T, src []byte) {
		fc := lexComments("main.tf", "main.tf", src)
		lines := bytes.Count(src, []byte{'\n'}) + 1
		for line, ds := range fc.byLine {
			if line < 1 || line > lines {
				t.Fatalf("directive on line %d of a %d-line file", line, lines)
			}
			for _, d := range ds {
				if d.line != line || d.column < 1 || d.file != "main.tf" {
					t.Fatalf("directive %+v misplaced (line %d)", d, line)
				}
				if strings.Trim(d.id, idChars) != "" {
					t.Fatalf("ID %q holds characters outside a rule ID", d.id)
				}
				if d.id == "" && d.problem == "" {
					t.Fatalf("directive %q without an ID and without a problem", d.text())
				}
			}
			fc.around(line)
			fc.inside(line)
		}
	})
}

// hclBlocks returns the ```hcl blocks of a Markdown file, or the file
// itself when it is not Markdown.
func hclBlocks(data []byte) [][]byte {
	if !bytes.Contains(data, []byte("```hcl\n")) {
		return [][]byte{data}
	}
	var out [][]byte
	for _, part := range bytes.Split(data, []byte("```hcl\n"))[1:] {
		code, _, _ := bytes.Cut(part, []byte("```"))
		out = append(out, code)
	}
	return out
}
