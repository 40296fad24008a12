package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// A lookup whose key is only known after apply is decided when every value
// it could return is the same.
func TestLookupWithAnUnknownKey(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "env" {
  type = string
}

locals {
  encrypted = { prod = true, dev = true }
  retention = { prod = 35, dev = 7 }
}

resource "aws_db_instance" "db" {
  storage_encrypted       = lookup(local.encrypted, var.env, true)
  backup_retention_period = lookup(local.retention, var.env, 7)
  deletion_protection     = lookup(local.encrypted, var.env)
  multi_az                = lookup(local.encrypted, var.env, false)
  publicly_accessible     = lookup({}, var.env, false)
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	db := mustResource(t, res, "aws_db_instance.db")
	assert.Equal(t, cty.True, db.Attr("storage_encrypted").Val, "every candidate and the default agree")
	assert.Equal(t, cty.True, db.Attr("deletion_protection").Val, "every candidate agrees, no default")
	assert.Equal(t, cty.False, db.Attr("publicly_accessible").Val, "an empty map leaves only the default")
	assert.False(t, db.Attr("backup_retention_period").Val.IsKnown(), "candidates differ")
	assert.False(t, db.Attr("multi_az").Val.IsKnown(), "the default differs from the values")
}

// try() over an index with an unknown key yields one of the collection's
// values or the fallback: decided when they all agree.
func TestTryWithAnUnknownKey(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "env" {
  type = string
}

variable "i" {
  type = number
}

locals {
  encrypted = { prod = true, dev = true }
  retention = { prod = 35, dev = 7 }
  zones     = ["a", "a"]
}

resource "aws_db_instance" "db" {
  storage_encrypted       = try(local.encrypted[var.env], true)
  backup_retention_period = try(local.retention[var.env], 7)
  deletion_protection     = try(local.encrypted[var.env], false)
  multi_az                = try({}[var.env], true)
  availability_zone       = try(local.zones[var.i], "a")
  iops                    = try(local.retention["prod"], 0)
  kms_key_id              = try(var.env, "x")
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	db := mustResource(t, res, "aws_db_instance.db")
	assert.Equal(t, cty.True, db.Attr("storage_encrypted").Val, "values and fallback agree")
	assert.Equal(t, cty.True, db.Attr("multi_az").Val, "an empty map always falls through")
	assert.Equal(t, cty.StringVal("a"), db.Attr("availability_zone").Val, "lists too")
	iops, ok := db.Attr("iops").AsInt()
	assert.True(t, ok && iops == 35, "a known key is plain try")
	assert.False(t, db.Attr("backup_retention_period").Val.IsKnown(), "values differ")
	assert.False(t, db.Attr("deletion_protection").Val.IsKnown(), "the fallback differs")
	assert.False(t, db.Attr("kms_key_id").Val.IsKnown(), "an unknown value stays unknown")
}
