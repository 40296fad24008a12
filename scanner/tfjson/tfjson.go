// Package tfjson holds the shapes of `terraform show -json` output that this
// project reads: the scanner's loader reads plans, the provider's control
// inventory reads state and plans. It imports only the standard library and
// scanner/textpos (itself a leaf), so that every layer can
// use it.
//
// Each document type holds only the fields its readers use. encoding/json
// rejects a whole document for one field of the wrong type, so a field read
// by nobody would only be one more way for an input to fail.
package tfjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
)

// Document is `terraform show -json` output in either form, as the control
// inventory reads it: the state form (`terraform show -json`) has values,
// the plan form (`terraform show -json plan.out`) planned_values and
// resource_changes.
type Document struct {
	FormatVersion    *string          `json:"format_version"`
	TerraformVersion string           `json:"terraform_version"`
	Values           *Values          `json:"values"`
	PlannedValues    *Values          `json:"planned_values"`
	ResourceChanges  []ResourceChange `json:"resource_changes"`
}

// Plan is the plan form as the scanner's loader reads it: the planned
// values and changes, the prior state (for the data sources read while
// planning), the root module's variables and the configuration (for
// providers and references).
//
// Read also reads a state into it: a state's resources are in Values, and
// a plan leaves Values nil.
type Plan struct {
	Values        *Values             `json:"values"`
	Variables     map[string]Variable `json:"variables"`
	PlannedValues *Values             `json:"planned_values"`
	PriorState    struct {
		Values *Values `json:"values"`
	} `json:"prior_state"`
	ResourceChanges []ResourceChange `json:"resource_changes"`
	Configuration   Configuration    `json:"configuration"`
}

// Variable is the value of a root module variable in a plan.
type Variable struct {
	Value json.RawMessage `json:"value"`
}

// Values are the resources of a state (values) or of a plan once applied
// (planned_values).
type Values struct {
	RootModule *Module `json:"root_module"`
}

// Module holds a module's resources and its child modules.
type Module struct {
	Address      string     `json:"address"`
	Resources    []Resource `json:"resources"`
	ChildModules []Module   `json:"child_modules"`
}

// Resource is one resource instance with its attribute values.
type Resource struct {
	Address      string          `json:"address"`
	Mode         string          `json:"mode"`
	Type         string          `json:"type"`
	Name         string          `json:"name"`
	ProviderName string          `json:"provider_name"`
	Values       json.RawMessage `json:"values"`
	// SensitiveValues mirrors Values with true where a value is
	// sensitive.
	SensitiveValues json.RawMessage `json:"sensitive_values"`
}

// Resources yields every resource with the address of its module ("" for
// the root module): a module's own resources first, then its child
// modules' in order. v may be nil.
func (v *Values) Resources() iter.Seq2[string, Resource] {
	return func(yield func(string, Resource) bool) {
		if v == nil || v.RootModule == nil {
			return
		}
		v.RootModule.each(yield)
	}
}

// each yields m's resources and its descendants'; it returns false once
// yield has asked to stop.
func (m *Module) each(yield func(string, Resource) bool) bool {
	for _, r := range m.Resources {
		if !yield(m.Address, r) {
			return false
		}
	}
	for i := range m.ChildModules {
		if !m.ChildModules[i].each(yield) {
			return false
		}
	}
	return true
}

// ResourceChange is a plan's change to one resource instance.
type ResourceChange struct {
	Address string `json:"address"`
	Change  Change `json:"change"`
}

// Change holds the values after apply. after_unknown marks the values known
// only after apply, which after and planned_values leave out (and in lists,
// shorten the list).
type Change struct {
	After        json.RawMessage `json:"after"`
	AfterUnknown json.RawMessage `json:"after_unknown"`
	// AfterSensitive and BeforeSensitive mirror after and before with true
	// where a value is sensitive.
	AfterSensitive  json.RawMessage `json:"after_sensitive"`
	BeforeSensitive json.RawMessage `json:"before_sensitive"`
}

// Configuration is the configuration a plan was made from.
type Configuration struct {
	ProviderConfig map[string]ProviderConfig `json:"provider_config"`
	RootModule     ConfigModule              `json:"root_module"`
}

// ProviderConfig is one provider block, by its key ("aws",
// "module.a:aws.west"); parent_key names the caller's configuration that a
// module's provider was passed.
type ProviderConfig struct {
	Name          string                `json:"name"`
	Alias         string                `json:"alias"`
	ModuleAddress string                `json:"module_address"`
	ParentKey     string                `json:"parent_key"`
	Expressions   map[string]Expression `json:"expressions"`
}

// Expression is an argument's expression: its value when it is a constant,
// else what it refers to; or, for a nested block of a provider
// configuration (default_tags, assume_role), each block's expressions.
type Expression struct {
	ConstantValue json.RawMessage `json:"constant_value"`
	References    []string        `json:"references"`
	// Blocks holds a nested block's expressions, one map per block:
	// the plan writes a list or set block as a JSON array of objects
	// where it writes an argument as an object, and reading only the
	// latter made every plan whose provider has default_tags or
	// assume_role unreadable; a single block is one object of
	// expressions.
	Blocks []map[string]Expression `json:"-"`
}

// UnmarshalJSON reads an argument's expression object, or a nested
// block's array of expression objects (one object for a single nested
// block) into Blocks.
func (e *Expression) UnmarshalJSON(data []byte) error {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &e.Blocks); err != nil {
			return fmt.Errorf("nested block expressions: %w", err)
		}
		return nil
	}
	type plain Expression // without this method
	if err := json.Unmarshal(data, (*plain)(e)); err != nil {
		return fmt.Errorf("expression: %w", err)
	}
	if e.ConstantValue == nil && e.References == nil {
		// A block nested once (NestingSingle or NestingGroup, as a
		// provider built on the plugin framework declares one) is
		// written as one object of expressions, not in an array. An
		// argument's expression always has one of its two fields, except
		// one Terraform writes as {}.
		var block map[string]Expression
		if err := json.Unmarshal(data, &block); err == nil && len(block) > 0 {
			e.Blocks = []map[string]Expression{block}
		}
	}
	return nil
}

// ConfigModule is a module's configuration: its resource blocks and the
// modules it calls.
type ConfigModule struct {
	Resources   []ConfigResource      `json:"resources"`
	ModuleCalls map[string]ModuleCall `json:"module_calls"`
	// Variables are the module's variable declarations.
	Variables map[string]ConfigVariable `json:"variables"`
}

// ConfigVariable is a variable block, as far as the scanner needs it.
type ConfigVariable struct {
	Sensitive bool `json:"sensitive"`
}

// ModuleCall is a module block.
type ModuleCall struct {
	Module ConfigModule `json:"module"`
}

// ConfigResource is a resource block. Expressions are kept raw: a nested
// block's are a list of objects of expressions.
type ConfigResource struct {
	Address           string                     `json:"address"`
	ProviderConfigKey string                     `json:"provider_config_key"`
	Expressions       map[string]json.RawMessage `json:"expressions"`
}
