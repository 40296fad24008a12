package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuietSDKLogs(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"nobody asked for logs", map[string]string{"PATH": "/bin"},
			map[string]string{"PATH": "/bin", "TF_LOG_SDK": "off"}},
		{"an empty TF_LOG asks for none", map[string]string{"TF_LOG": ""},
			map[string]string{"TF_LOG": "", "TF_LOG_SDK": "off"}},
		{"TF_LOG keeps the SDK's logs", map[string]string{"TF_LOG": "trace"},
			map[string]string{"TF_LOG": "trace"}},
		{"TF_LOG_PROVIDER keeps them", map[string]string{"TF_LOG_PROVIDER": "debug"},
			map[string]string{"TF_LOG_PROVIDER": "debug"}},
		{"an explicit SDK level is left alone", map[string]string{"TF_LOG_SDK_FRAMEWORK": "trace"},
			map[string]string{"TF_LOG_SDK_FRAMEWORK": "trace"}},
		{"so is TF_LOG_SDK itself", map[string]string{"TF_LOG_SDK": "info"},
			map[string]string{"TF_LOG_SDK": "info"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
			set := func(k, v string) error { env[k] = v; return nil }
			require.NoError(t, quietSDKLogs(lookup, set))
			assert.Equal(t, tc.want, env)
		})
	}
}

func TestStartCPUProfile(t *testing.T) {
	dir := t.TempDir()
	stop, err := startCPUProfile(func(string) (string, bool) { return "", false }, 42)
	require.NoError(t, err)
	stop()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "unset, nothing is profiled")

	base := filepath.Join(dir, "soc2.prof")
	lookup := func(k string) (string, bool) { return base, k == cpuProfileEnv }
	stop, err = startCPUProfile(lookup, 42)
	require.NoError(t, err)
	stop()
	info, err := os.Stat(base + ".42")
	require.NoError(t, err, "the profile is named after the process")
	assert.Positive(t, info.Size(), "the profile is written when it stops")

	_, err = startCPUProfile(func(string) (string, bool) { return filepath.Join(dir, "missing", "p"), true }, 1)
	assert.ErrorContains(t, err, cpuProfileEnv)
}

func TestRecordCPUUsage(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, recordCPUUsage(func(string) (string, bool) { return "", false }, time.Second))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "unset, nothing is written")

	path := filepath.Join(dir, "cpu")
	lookup := func(k string) (string, bool) { return path, k == cpuUsageEnv }
	require.NoError(t, recordCPUUsage(lookup, 1500*time.Millisecond))
	require.NoError(t, recordCPUUsage(lookup, 2*time.Millisecond))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "1500000000\n2000000\n", string(data), "one line per provider process, appended")

	err = recordCPUUsage(func(string) (string, bool) { return filepath.Join(dir, "missing", "cpu"), true }, time.Second)
	assert.ErrorContains(t, err, cpuUsageEnv)
}

func TestRelaxGC(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []int
	}{
		{"unset", map[string]string{}, []int{providerGCPercent}},
		{"empty", map[string]string{"GOGC": ""}, []int{providerGCPercent}},
		{"GOGC wins", map[string]string{"GOGC": "50"}, nil},
		{"even off", map[string]string{"GOGC": "off"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var set []int
			relaxGC(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok },
				func(p int) int { set = append(set, p); return 100 })
			assert.Equal(t, tc.want, set)
		})
	}
}

func TestFloorGC(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []uint64
	}{
		{"unset", map[string]string{}, []uint64{cliHeapFloor}},
		{"empty", map[string]string{"GOGC": ""}, []uint64{cliHeapFloor}},
		{"GOGC wins", map[string]string{"GOGC": "200"}, nil},
		{"even off", map[string]string{"GOGC": "off"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var floors []uint64
			floorGC(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok },
				func(floor uint64, base int) func() {
					assert.Equal(t, 100, base, "the Go default is the base")
					floors = append(floors, floor)
					return func() {}
				})
			assert.Equal(t, tc.want, floors)
		})
	}
}
