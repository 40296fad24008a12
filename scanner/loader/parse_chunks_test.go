package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chunkedSample is a formatted file with the constructs a cut could fall
// inside of: heredocs, comments of both kinds, a top-level argument, nested
// and dynamic blocks, templates spanning lines.
const chunkedSample = `# leading comment
/* block
comment */
terraform {
  required_version = ">= 1.0"
}

locals {
  names = [
    "a",
    "b",
  ]
}

resource "aws_s3_bucket" "b%[1]d" {
  bucket = "bucket-%[1]d"
  policy = <<EOT
{"Version": "2012-10-17"}
EOT
  tags = {
    Name = "${local.names[0]}-%[1]d"
  }
}

// between blocks
resource "aws_security_group" "sg%[1]d" {
  dynamic "ingress" {
    for_each = [1, 2]
    content {
      from_port = ingress.value
      to_port   = ingress.value
    }
  }
}

`

// assertSameAsWhole parses src in pieces of size bytes and, when that
// succeeds, requires the tree that parsing it whole gives.
func assertSameAsWhole(t *testing.T, src []byte, size int) bool {
	t.Helper()
	whole, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	chunked := parseChunks(src, "main.tf", size)
	if chunked == nil {
		return false
	}
	require.NotNil(t, whole)
	assert.Empty(t, diags, "pieces parsed cleanly but the whole file has diagnostics")
	assert.Equal(t, whole.Body, chunked.Body)
	assert.Equal(t, whole.Bytes, chunked.Bytes)
	return true
}

func TestParseChunksMatchesWholeFile(t *testing.T) {
	var sb strings.Builder
	for i := range 20 {
		fmt.Fprintf(&sb, chunkedSample, i)
	}
	sb.WriteString("top = 1\n")
	src := []byte(sb.String())
	for _, size := range []int{1, 100, 1000, 4000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			require.Greater(t, len(splitChunks(src, size)), 1)
			assert.True(t, assertSameAsWhole(t, src, size), "a formatted file must be parsed in pieces")
		})
	}
}

func TestParseChunksFallsBack(t *testing.T) {
	for name, src := range map[string]string{
		"unformatted nested block": "resource \"a\" \"b\" {\ningress {\n}\n\nport = 1\n}\n",
		"heredoc line":             "locals {\n  x = <<EOT\n}\n\nresource \"a\" \"b\" {}\nEOT\n}\n",
		"block comment line":       "/*\n}\n\nresource \"a\" \"b\" {}\n*/\nlocals {}\n",
		"template over lines":      "locals {\n  x = \"${\n}\n\nfoo\n}\"\n}\n",
		"argument set twice":       "a = {\n}\n\nb = 2\na = {\n}\n\na = 3\n",
		"syntax error":             "locals {\n}\n\nresource \"a\" {\n",
	} {
		t.Run(name, func(t *testing.T) {
			require.Greater(t, len(splitChunks([]byte(src), 1)), 1, "the test must cut the file")
			assert.Nil(t, parseChunks([]byte(src), "main.tf", 1))
		})
	}
}

// TestParseChunksPanicFallsBack checks that a parser panic on a worker
// goroutine is not a crash: the file is then parsed whole, where
// parseFile's recover turns it into a diagnostic.
func TestParseChunksPanicFallsBack(t *testing.T) {
	src := []byte("a {\n}\n\nb {\n}\n")
	require.Len(t, splitChunks(src, 1), 2)
	orig := parseConfig
	t.Cleanup(func() { parseConfig = orig })
	parseConfig = func(piece []byte, name string, start hcl.Pos) (*hcl.File, hcl.Diagnostics) {
		if start.Line > 1 {
			panic("parser bug")
		}
		return orig(piece, name, start)
	}
	assert.Nil(t, parseChunks(src, "main.tf", 1))
}

func TestSplitChunksCoversFile(t *testing.T) {
	src := []byte("a {\n}\n\nb {}\n\nc {\n}\r\n\r\nd {\n}\n\n  e {\n}\n\n# f\ng {}")
	chunks := splitChunks(src, 1)
	assert.Equal(t, []chunk{{0, 7, 1}, {7, 22, 4}, {22, 46, 9}}, chunks)
	assert.Equal(t, []chunk{{0, len(src), 1}}, splitChunks(src, 1000))
}

// TestParseChunksCorpus parses every native syntax file of the test data
// and of the shared corpora, when present, in pieces as small as they can
// be cut, and requires the same tree as parsing them whole.
func TestParseChunksCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the corpora")
	}
	cut := 0
	for _, dir := range []string{"testdata", corpusDir, filepath.Join(filepath.Dir(corpusDir), "corpus-multicloud")} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if len(splitChunks(src, 1)) > 1 && assertSameAsWhole(t, src, 1) {
				cut++
			}
			return nil
		})
		require.NoError(t, err)
	}
	assert.Positive(t, cut)
}

// BenchmarkParseLargeFile parses a 5 MB file of formatted blocks whole and
// in pieces of several sizes.
//
//	go test -run '^$' -bench ParseLargeFile -benchmem ./scanner/loader
func BenchmarkParseLargeFile(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 5<<20; i++ {
		fmt.Fprintf(&sb, chunkedSample, i)
	}
	src := []byte(sb.String())
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	})
	for _, size := range []int{1 << 10, 4 << 10, 16 << 10, chunkSize} {
		b.Run(fmt.Sprintf("pieces-%d", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if parseChunks(src, "main.tf", size) == nil {
					b.Fatal("not parsed in pieces")
				}
			}
		})
	}
}
