package tfjson

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/fuzzseed"
)

// fastSeeds are documents readFast must read as encoding/json does, or
// leave to it.
var fastSeeds = []string{
	`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","mode":"managed","type":"a","name":"b","provider_name":"p","values":{"x":[1,"two",{"3":null}]},"sensitive_values":{"x":[false,true,{}]}}],` +
		`"child_modules":[{"address":"module.m","resources":[null,{"address":"module.m.a.c","values":null}],"child_modules":[]}]}},` +
		`"resource_changes":[{"address":"a.b","mode":"managed","change":{"actions":["create"],"before":null,"after":{"x":"y\"z\\"},"after_unknown":{"id":true},"before_sensitive":false,"after_sensitive":{}}},null,{"address":"c.d","change":null}],` +
		`"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"data.a.b","mode":"data","values":{}}]}}},` +
		`"variables":{"region":{"value":"eu-west-1"}},"configuration":{"provider_config":{"aws":{"name":"aws","expressions":{"region":{"references":["var.region"]}}}},"root_module":{"resources":[{"address":"a.b","provider_config_key":"aws","expressions":{"x":{"constant_value":1}}}]}}}`,
	"{ \"format_version\" : \"1.0\" ,\n \"values\" : { \"root_module\" : { \"resources\" : [ { \"address\" : \"a.b\" , \"values\" : { } } ] } } }\n",
	`{"format_version":"1.0","values":null,"planned_values":{"root_module":null},"prior_state":null,"resource_changes":[]}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[]}},"resource_changes":null}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"address":"\u0061.b","name":"caf\u00e9 \"x\""}]}}}`,
	// Left to encoding/json: keys that differ from a field's name only in
	// case or by an escape, fields written twice, values of another type.
	`{"format_version":"1.0","planned_values":{"Root_Module":{"resources":[{"address":"a.b"}]}}}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"ADDRESS":"a.b"}]}}}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"addr\u0065ss":"a.b"}]}}}`,
	`{"format_version":"1.0","Planned_Values":{"root_module":{"resources":[{"address":"a.b"}]}}}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"address":"a.b","values":{"x":1},"values":{"x":2}}]}}}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"address":"a.b"}],"resources":[]}}}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"address":12}]}}}`,
	`{"format_version":"1.0","planned_values":{"root_module":{"resources":{}}}}`,
	`{"format_version":"1.0","planned_values":[],"resource_changes":[{"address":"a.b"}]}`,
	`{"format_version":"1.0","resource_changes":[{"address":"a.b","change":[]}]}`,
	`{"format_version":"1.0","resource_changes":[1]}`,
	`{"format_version":"1.0","prior_state":{"values":{"root_module":{"child_modules":[3]}}}}`,
	`{"format_version":"1.0","variables":{"x":1},"planned_values":{}}`,
	`{"format_version":"1.0","configuration":{"root_module":{"resources":[{"address":false}]}}}`,
}

// TestReadFastIsDecode checks that what readFast reads is what
// encoding/json decodes, raw values included, and that it reads the
// repository's plans and states itself.
func TestReadFastIsDecode(t *testing.T) {
	fast := 0
	for i, s := range fastSeeds {
		if checkFast(t, []byte(s)) {
			fast++
		} else {
			assert.GreaterOrEqual(t, i, 5, "seed %d is read by encoding/json", i)
		}
	}
	assert.Equal(t, 5, fast, "the first seeds are read fast, the others left to encoding/json")
	files, err := filepath.Glob("../loader/testdata/plan/*.json")
	require.NoError(t, err)
	more, err := filepath.Glob("../../provider/inventory/testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range append(files, more...) {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		if _, _, err := Read(data); err != nil {
			continue // a broken example
		}
		assert.True(t, checkFast(t, data), "%s is read fast", name)
	}
}

// checkFast reports whether readFast reads data, failing t if what it
// reads differs from what encoding/json decodes.
func checkFast(t *testing.T, data []byte) bool {
	t.Helper()
	top, err := topLevel(data)
	if err != nil {
		return false
	}
	got, ok := readFast(top)
	if !ok {
		return false
	}
	var want Plan
	require.NoError(t, decodeOne(data, &want), "encoding/json rejects what readFast read: %s", data)
	assert.Equal(t, &want, got, "%s", data)
	return true
}

// FuzzReadFast checks checkFast on arbitrary documents.
func FuzzReadFast(f *testing.F) {
	fuzzseed.Files(f, nil, "../loader/testdata/plan/*.json", "../../provider/inventory/testdata/*.json")
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFast(t, data)
	})
}
