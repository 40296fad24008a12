package aws

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// Peer tools' snippets name a key resource without declaring it
// (kms_key_id = aws_kms_key.k.arn). A managed key resource is always a
// customer-managed key, so such a reference passes; anything else that is
// only known after apply and resolves to nothing stays unknown.
func TestCustomerKeyThroughUndeclaredResource(t *testing.T) {
	res, err := loader.LoadFS(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(`
resource "aws_sqs_queue" "key" {
  kms_master_key_id = aws_kms_key.missing.arn
}

resource "aws_sqs_queue" "replica" {
  kms_master_key_id = aws_kms_replica_key.missing.arn
}

resource "aws_sqs_queue" "alias" {
  kms_master_key_id = aws_kms_alias.missing.arn
}

resource "aws_sqs_queue" "data_key" {
  kms_master_key_id = data.aws_kms_key.missing.arn
}

resource "aws_sqs_queue" "module" {
  kms_master_key_id = module.kms.key_arn
}

resource "aws_sqs_queue" "other" {
  kms_master_key_id = aws_s3_bucket.missing.arn
}

variable "encrypt" {
  type = bool
}

resource "aws_sqs_queue" "maybe_null" {
  kms_master_key_id = var.encrypt ? aws_kms_key.missing.arn : null
}
`)}}, ".", loader.Options{DataSources: DataSources()})
	require.NoError(t, err)
	ix := scanner.NewIndex(res.Resources)

	want := map[string]scanner.Status{
		"aws_sqs_queue.key":        scanner.Pass,
		"aws_sqs_queue.replica":    scanner.Pass,
		"aws_sqs_queue.alias":      scanner.Pass,
		"aws_sqs_queue.data_key":   scanner.Unknown,
		"aws_sqs_queue.module":     scanner.Unknown,
		"aws_sqs_queue.other":      scanner.Unknown,
		"aws_sqs_queue.maybe_null": scanner.Unknown,
	}
	for addr, status := range want {
		r := ix.Lookup(addr)
		require.NotNil(t, r, addr)
		v := r.Attr("kms_master_key_id")
		require.True(t, v.IsUnknown(), addr)
		assert.Equal(t, status, requireCustomerKeyIn(v, ix, "the queue").Status, addr)
		assert.Equal(t, status == scanner.Pass, refersToKey(v, ix), addr)
	}
}
