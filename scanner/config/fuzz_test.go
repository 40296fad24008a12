package config

import (
	"bytes"
	"errors"
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/fuzzseed"
)

// FuzzParse feeds arbitrary files to Parse and Validate: they must never
// panic, every problem must be an *Error inside the file, and what is
// accepted must hold only valid path globs.
func FuzzParse(f *testing.F) {
	f.Add([]byte(fullConfig))
	for _, s := range []string{
		"", "allow_no_rules = true\n", "rules {\n  enabled = [\"a\"]\n  disabled = [\"a\"]\n}\n",
		"rule \"aws-rds-backup-retention\" {\n  params = { min_days = -1 }\n}\n",
		"exclude {\n  paths = [\"[\"]\n  reason = \"r\"\n}\n", "rule \"x\" {\n  params = { \"a\" = [1, [2]] }\n}\n",
	} {
		f.Add([]byte(s))
	}
	fuzzseed.Files(f, nil, "../../examples/scan/*/"+FileName, "../../provider/testdata/scan/*/"+FileName,
		"../cli/testdata/scan/*/"+FileName, "../cli/testdata/hostile/config/configs/*.soc2scan.hcl")
	rules := testRules()
	rules[0].Params[0].Min = 1
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		cfg, err := Parse(src, "c.hcl")
		if err == nil {
			for _, ex := range cfg.Exclusions {
				for _, p := range ex.Paths {
					if ValidPathPattern(p) != nil {
						t.Fatalf("accepted the invalid pattern %q", p)
					}
					MatchPath(p, "a/b/main.tf")
				}
				for _, p := range ex.Resources {
					MatchAddress(p, `module.a["x"].aws_s3_bucket.b[0]`)
				}
			}
			err = cfg.Validate(rules)
		}
		checkLocated(t, err, lines)
	})
}

// checkLocated fails unless every error joined in err is an *Error naming
// c.hcl at a line of the file (or at no line).
func checkLocated(t *testing.T, err error, lines int) {
	t.Helper()
	if err == nil {
		return
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var ce *Error
		if !errors.As(e, &ce) {
			t.Fatalf("error %q is not a located *Error", e)
		}
		if ce.Range.Filename != "c.hcl" || ce.Range.Start.Line < 0 || ce.Range.Start.Line > lines {
			t.Fatalf("error outside the %d-line file: %v", lines, ce)
		}
	}
}
