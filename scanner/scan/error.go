package scan

import "fmt"

// Step is the part of a scan that failed.
type Step int

// The steps of a scan, in the order Run takes them.
const (
	// StepOpen checks that the paths and variable files exist.
	StepOpen Step = iota + 1
	// StepConfigure finds, reads, overrides and validates the
	// configuration, and reads the baseline.
	StepConfigure
	// StepLoad finds the root modules below the paths (an unreadable
	// directory is a diagnostic in the report, not a stop) and loads the
	// Terraform input.
	StepLoad
	// StepRun runs the rules.
	StepRun
)

// Input is the part of a Request that an Error blames, so that the CLI can
// name a flag and the provider an argument.
type Input string

// The inputs an Error may blame.
const (
	InputPaths             Input = "paths"
	InputVarFiles          Input = "var files"
	InputAllowPaths        Input = "allow paths"
	InputConfigFile        Input = "config file"
	InputSeverityThreshold Input = "severity threshold"
	InputOnlyRules         Input = "only rules"
	InputExcludeRules      Input = "exclude rules"
	InputBaseline          Input = "baseline"
)

// Error is why a scan could not run. Its message reads as the CLI prints
// it: problems in a file (the configuration's) carry their
// file:line:column, and a rule ID given in the request names its
// RuleIDs.Source in place of the file.
type Error struct {
	Step  Step
	Input Input
	// Name is the path or file concerned, as given, when there is one: the
	// path or variable file that cannot be read, the configuration file,
	// the baseline, or the paths that could not be loaded.
	Name string
	Err  error
}

func (e *Error) Error() string {
	if e.Name != "" {
		switch e.Step {
		case StepOpen:
			return fmt.Sprintf("cannot read %s: %v", e.Name, e.Err)
		case StepLoad:
			return fmt.Sprintf("loading %s: %v", e.Name, e.Err)
		}
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }
