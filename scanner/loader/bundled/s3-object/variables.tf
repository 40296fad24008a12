# The input variables of terraform-aws-modules/s3-bucket/aws//modules/object
# 5.x: every name it accepts, with its defaults (bucket and key empty,
# create true, force_destroy and override_default_tags false, metadata and
# tags empty, the others null), so that a call is read as Terraform reads
# it. Only some of them reach the resource of this model.

variable "create" {
  type    = bool
  default = true
}

variable "region" {
  type    = string
  default = null
}

variable "bucket" {
  type    = string
  default = ""
}

variable "key" {
  type    = string
  default = ""
}

variable "file_source" {
  type    = string
  default = null
}

variable "content" {
  type    = string
  default = null
}

variable "content_base64" {
  type    = string
  default = null
}

variable "acl" {
  type    = string
  default = null
}

variable "cache_control" {
  type    = string
  default = null
}

variable "content_disposition" {
  type    = string
  default = null
}

variable "content_encoding" {
  type    = string
  default = null
}

variable "content_language" {
  type    = string
  default = null
}

variable "content_type" {
  type    = string
  default = null
}

variable "website_redirect" {
  type    = string
  default = null
}

variable "storage_class" {
  type    = string
  default = null
}

variable "etag" {
  type    = string
  default = null
}

variable "server_side_encryption" {
  type    = string
  default = null
}

variable "kms_key_id" {
  type    = string
  default = null
}

variable "bucket_key_enabled" {
  type    = bool
  default = null
}

variable "metadata" {
  type    = map(string)
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "object_lock_legal_hold_status" {
  type    = string
  default = null
}

variable "object_lock_mode" {
  type    = string
  default = null
}

variable "object_lock_retain_until_date" {
  type    = string
  default = null
}

variable "source_hash" {
  type    = string
  default = null
}

variable "override_default_tags" {
  type    = bool
  default = false
}
