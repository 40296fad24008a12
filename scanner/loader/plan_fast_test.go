package loader

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// planAttrCases are a resource's values and after_unknown that planAttrs
// must read as planAttrsSlow does.
var planAttrCases = [][2]string{
	{`{"bucket":"b","force_destroy":false,"tags":{"team":"data"},"timeouts":null}`, `{"arn":true,"id":true,"tags":{},"tags_all":{}}`},
	{`{"rule":[{"id":"a","filter":[]},{"id":"b"}],"n":1.50,"big":123456789012345678901234567890}`, `{"rule":[{"filter":[{"prefix":true}]},{},{"id":true}]}`},
	{`{"a":null,"b":[],"c":{},"d":[null]}`, `{"a":{"x":true},"b":[true],"c":{"y":{}},"d":[{"z":true}],"e":{},"f":{"g":{}},"h":[]}`},
	{`{"a":"x","b":[1,2]}`, `{"a":{"x":true},"b":{"c":true}}`},
	{`{"a":[1,2,3]}`, `{"a":[false,true]}`},
	{`{"a":{"b":{"c":[{"d":null}]}}}`, `{"a":{"b":{"c":[{"d":true,"e":[true]}]}}}`},
	{`{"é":"caf\u00e9","q":"\"x\"","t":true}`, `true`},
	{`null`, `{"id":true}`},
	{`[1]`, `[true]`},
	{`"s"`, ``},
	{``, `{"id":true}`},
	{`{"a":1}`, `{"a":false}`},
}

// planAttrsLeft are values planAttrs leaves to planAttrsSlow: a repeated
// key, text that is not UTF-8.
var planAttrsLeft = [][2]string{
	{`{"a":1,"a":2}`, `{}`},
	{"{\"a\":\"\xff\"}", `{"a":true}`},
}

func TestPlanAttrs(t *testing.T) {
	for i, c := range planAttrCases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkPlanAttrs(t, []byte(c[0]), []byte(c[1]))
		})
	}
	for _, c := range planAttrsLeft {
		_, ok := planAttrs([]byte(c[0]), []byte(c[1]))
		assert.False(t, ok, "%q is left to encoding/json", c[0])
		_, err := planAttrsSlow([]byte(c[0]), []byte(c[1]))
		assert.NoError(t, err, "%q", c[0])
	}
}

// TestPlanAttrsRandom compares planAttrs with planAttrsSlow on random
// values and random markers.
func TestPlanAttrsRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		v := randomJSON(r, 0, false)
		u := randomJSON(r, 0, true)
		checkPlanAttrs(t, []byte(v), []byte(u))
		if t.Failed() {
			t.Fatalf("case %d: values %s, after_unknown %s", i, v, u)
		}
	}
}

// checkPlanAttrs checks that planAttrs reads values and unknown itself
// (not leaving them to planAttrsSlow), to what planAttrsSlow reads.
func checkPlanAttrs(t *testing.T, values, unknown []byte) {
	t.Helper()
	want, err := planAttrsSlow(values, unknown)
	require.NoError(t, err)
	got, ok := planAttrs(values, unknown)
	require.True(t, ok, "planAttrs reads %s / %s", values, unknown)
	require.Len(t, got, len(want), "%s / %s", values, unknown)
	for k, w := range want {
		assert.True(t, got[k].RawEquals(w), "%s: got %#v, want %#v (%s / %s)", k, got[k], w, values, unknown)
	}
}

// randomJSON writes a random JSON value: an object at the top; with
// marker set, one whose leaves are mostly true or false.
func randomJSON(r *rand.Rand, depth int, marker bool) string {
	keys := []string{"a", "b", "c", "id"}
	kind := r.IntN(7)
	if depth == 0 {
		kind = 0
	}
	if depth > 3 {
		kind = 2 + r.IntN(5)
	}
	switch kind {
	case 0:
		var parts []string
		for _, k := range keys {
			if r.IntN(2) == 0 {
				parts = append(parts, fmt.Sprintf("%q:%s", k, randomJSON(r, depth+1, marker)))
			}
		}
		return "{" + strings.Join(parts, ",") + "}"
	case 1:
		parts := make([]string, r.IntN(4))
		for i := range parts {
			parts[i] = randomJSON(r, depth+1, marker)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case 2, 3:
		if marker {
			return fmt.Sprint(r.IntN(2) == 0)
		}
		return fmt.Sprintf("%q", keys[r.IntN(len(keys))])
	case 4:
		return "null"
	case 5:
		return fmt.Sprint(r.IntN(100))
	}
	return "true"
}

// TestAddressPositionsRegexp checks addressPositions against the regular
// expression it reads as.
func TestAddressPositionsRegexp(t *testing.T) {
	docs := []string{
		"{\"planned_values\":{\"root_module\":{\"resources\":[\n{\"address\":\"a.b\"},\n  {\"address\" :\t\"a.c[\\\"k\\\\\\\"\\\"]\"}]}},\n\"resource_changes\":[{\"address\":\"a.b\"},{\"address\":\"a.d\"}]}",
		`{"x":"\"address\":\"early\"","planned_values":{},"address":"a\nb","address": "c\` + "\n" + `d","address":"e\u0041","address":"ok"}`,
		`{"planned_values":{"address":1,"address":"a","address":"a","address":"\"address\":\"b\""}}`,
		`{"values":{"root_module":{"resources":[{"address":"é\u00e9"}]}}}`,
		`{"planned_values":"address":"x"`,
		`{"planned_values":{"address": "\`,
		"{\"planned_values\":{\"address\"\f:\r\"a\"}}",
	}
	for _, doc := range docs {
		for _, section := range []string{`"planned_values"`, `"values"`} {
			assert.Equal(t, addressPositionsRegexp([]byte(doc), section), addressPositions([]byte(doc), section), "%s in %s", section, doc)
		}
	}
}

// addressPositionsRegexp is addressPositions as it was written, with a
// regular expression.
func addressPositionsRegexp(data []byte, section string) map[string]hcl.Pos {
	start := strings.Index(string(data), section)
	if start < 0 {
		return nil
	}
	out := map[string]hcl.Pos{}
	line, lineStart, scanned := 1, 0, 0
	for _, m := range regexp.MustCompile(`"address"\s*:\s*"((?:[^"\\]|\\.)*)"`).FindAllSubmatchIndex(data[start:], -1) {
		off := start + m[0]
		var addr string
		if json.Unmarshal(data[start+m[2]-1:start+m[3]+1], &addr) != nil {
			continue
		}
		if _, ok := out[addr]; ok {
			continue
		}
		for ; scanned < off; scanned++ {
			if data[scanned] == '\n' {
				line++
				lineStart = scanned + 1
			}
		}
		out[addr] = hcl.Pos{Line: line, Column: off - lineStart + 1, Byte: off}
	}
	return out
}

// TestPlanErrorsLocated checks that a plan cut short, or with a value of
// the wrong type deep in its resources, is one error that says where.
func TestPlanErrorsLocated(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[`)
	for i := range 50 {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, "\n"+`{"address":"aws_s3_bucket.b[%d]","mode":"managed","type":"aws_s3_bucket","name":"b","values":{"bucket":"b%d"}}`, i, i)
	}
	sb.WriteString(`]}},"resource_changes":[]}`)
	plan := sb.String()
	// at is the line and column where marker is written in data, plus
	// skip bytes.
	at := func(data, marker string, skip int) [2]int {
		off := strings.Index(data, marker)
		require.GreaterOrEqual(t, off, 0, marker)
		off += skip
		return [2]int{strings.Count(data[:off], "\n") + 1, off - strings.LastIndex(data[:off], "\n")}
	}
	truncated := plan[:len(plan)/2]
	nameType := strings.Replace(plan, `"name":"b","values":{"bucket":"b30"}`, `"name":7,"values":{"bucket":"b30"}`, 1)
	changesType := strings.Replace(plan, `"resource_changes":[]`, `"resource_changes":{}`, 1)
	changeType := strings.Replace(plan, `"resource_changes":[]`, `"resource_changes":[{"address":"a.b","change":"create"}]`, 1)
	for name, c := range map[string]struct {
		data string
		pos  [2]int
		msg  string
	}{
		"truncated":    {truncated, at(truncated, truncated, len(truncated)), "unexpected end of JSON input"},
		"name type":    {nameType, at(nameType, `"name":7`, len(`"name":`)), "planned_values.root_module.resources.name must be a string, got a JSON number"},
		"changes type": {changesType, at(changesType, `"resource_changes":{}`, len(`"resource_changes":`)), "resource_changes must be an array, got a JSON object"},
		"change type":  {changeType, at(changeType, `"change":"create"`, len(`"change":`)), "resource_changes.change must be an object, got a JSON string"},
	} {
		t.Run(name, func(t *testing.T) {
			res := &Result{Files: map[string][]byte{}}
			loadPlan("plan.json", []byte(c.data), res)
			require.Len(t, res.Diagnostics, 1)
			d := res.Diagnostics[0]
			assert.Equal(t, scanner.DiagError, d.Severity)
			assert.Contains(t, d.Detail, c.msg)
			assert.Equal(t, "plan.json", d.Range.Filename)
			assert.Equal(t, c.pos, [2]int{d.Range.StartLine, d.Range.StartColumn}, d.Detail)
			assert.Empty(t, res.Resources)
		})
	}
}
