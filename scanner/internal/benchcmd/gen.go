package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// generated is one generated input: a root module of one main.tf.
type generated struct {
	name string // also its directory under the generation root
	tf   func() string
}

// generatedInputs are the large inputs of issue 12: separate resource blocks
// in one file (1k, 4k, 16k), where evaluation context and reference
// resolution must stay linear, and one block with count 10,000 whose
// instances other resources refer to (30,000 instances), where indexing
// must.
func generatedInputs() []generated {
	return []generated{
		{"gen-blocks-1k", func() string { return blocksTF(1_000) }},
		{"gen-blocks-4k", func() string { return blocksTF(4_000) }},
		{"gen-blocks-16k", func() string { return blocksTF(16_000) }},
		{"gen-count-10k", func() string { return countTF(10_000) }},
	}
}

// writeGenerated writes every generated input under root, one directory
// each, and returns those directories in generatedInputs order.
func writeGenerated(root string) ([]string, error) {
	var dirs []string
	for _, g := range generatedInputs() {
		dir := filepath.Join(root, g.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(g.tf()), 0o644); err != nil {
			return nil, err
		}
		dirs = append(dirs, dir)
	}
	return dirs, nil
}

// blocksTF is n encrypted EBS volumes, each its own block, all referring to
// one KMS key.
func blocksTF(n int) string {
	var b strings.Builder
	b.WriteString("resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n")
	for i := range n {
		fmt.Fprintf(&b, `
resource "aws_ebs_volume" "v%d" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.k.arn
}
`, i)
	}
	return b.String()
}

// countTF is n buckets from one block with count, each with a versioning
// and an encryption resource that refer back to their bucket by index, so
// that every instance is the target of references (3n instances).
func countTF(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"aws_s3_bucket\" \"b\" {\n  count  = %d\n  bucket = \"bucket-${count.index}\"\n}\n", n)
	for _, child := range []struct{ typ, body string }{
		{"aws_s3_bucket_versioning", "versioning_configuration {\n    status = \"Enabled\"\n  }"},
		{"aws_s3_bucket_server_side_encryption_configuration", "rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }"},
	} {
		fmt.Fprintf(&b, "\nresource %q \"b\" {\n  count  = %d\n  bucket = aws_s3_bucket.b[count.index].id\n  %s\n}\n", child.typ, n, child.body)
	}
	return b.String()
}
