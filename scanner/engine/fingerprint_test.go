package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// fingerprintByHasher is Fingerprint as it was written before it hashed
// from a stack buffer; fingerprints are baselines, so they must not move.
func fingerprintByHasher(ruleID, root, address, file string) string {
	h := sha256.New()
	base := ""
	if file != "" {
		base = path.Base(filepath.ToSlash(file))
	}
	parts := []string{ruleID, address, base}
	if root != "" && root != "." {
		parts = append(parts, "root:"+root)
	}
	for _, part := range parts {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestFingerprintUnchanged(t *testing.T) {
	long := strings.Repeat("module.m[\"k\"].", 40) + "aws_s3_bucket.b"
	for _, c := range [][4]string{
		{"aws-s3-encryption", ".", "aws_s3_bucket.b", "main.tf"},
		{"aws-s3-encryption", "", "aws_s3_bucket.b", ""},
		{"r", "stacks/prod", `module.a.aws_s3_bucket.this["x"]`, "/abs/dir/s3.tf"},
		{"r", "stacks/prod", long, "modules/m/main.tf"},
	} {
		assert.Equal(t, fingerprintByHasher(c[0], c[1], c[2], c[3]), Fingerprint(c[0], c[1], c[2], c[3]), c)
	}
	// A fixed value (sha256 of the parts, each ended by a zero byte), in case both were changed
	// together.
	assert.Equal(t, "f9eb50e906a9bf05103d07c3abaec247917c6467266170f0f4fa2f9452f4d0e6", Fingerprint("aws-s3-encryption", ".", "aws_s3_bucket.b", "main.tf"))
}

// BenchmarkFingerprint fingerprints one finding.
//
//	go test -run '^$' -bench Fingerprint -benchmem ./scanner/engine
func BenchmarkFingerprint(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Fingerprint("aws-vpc-sg-no-public-ssh", ".", "aws_security_group.sg12345", "main.tf")
	}
}
