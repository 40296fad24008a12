package loader_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// FuzzLoadModule loads and evaluates a module made of one file of
// arbitrary bytes, as native syntax or JSON: whatever the input, the loader
// must return, in bounded time, without panicking (a panic it recovers
// from is an "Internal error" diagnostic, which counts as one). It is
// seeded with every rule example and every configuration file of
// testdata. Crashers found are kept in testdata/fuzz/FuzzLoadModule.
func FuzzLoadModule(f *testing.F) {
	for _, r := range rules.All() {
		good, bad := r.Examples()
		for _, ex := range append(good, bad...) {
			f.Add([]byte(ex.Code), false)
		}
	}
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f.Add(data, strings.HasSuffix(p, ".json"))
		}
		return nil
	})
	require.NoError(f, err)
	dataSources := rules.DataSources()
	f.Fuzz(func(t *testing.T, src []byte, json bool) {
		name := "m/main.tf"
		if json {
			name += ".json"
		}
		fsys := fstest.MapFS{name: {Data: src}}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		done := make(chan *loader.Result, 1)
		go func() {
			res, _ := loader.LoadFS(ctx, fsys, "m", loader.Options{
				DataSources: dataSources, MaxInstances: 100, MaxTotalInstances: 1000,
			})
			done <- res
		}()
		select {
		case res := <-done:
			if res == nil {
				return
			}
			for _, d := range res.Diagnostics {
				if strings.HasPrefix(d.Summary, "Internal error") {
					t.Fatalf("%s\n%s", d.Error(), d.Detail)
				}
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("LoadFS did not return within 30s")
		}
	})
}
