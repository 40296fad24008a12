# The Cloud Posse context inputs, which every cloudposse module declares
# (its context.tf, passed to the label module cloudposse/label/null 0.25.x):
# the model reads only context's enabled and tags, and enabled and tags.
# Untyped, as the module's context is (type any).

variable "context" {
  default = {
    enabled    = true
    tags       = {}
    attributes = []
  }
}

variable "enabled" {
  type    = bool
  default = null
}

variable "namespace" {
  default = null
}

variable "tenant" {
  default = null
}

variable "environment" {
  default = null
}

variable "stage" {
  default = null
}

variable "name" {
  default = null
}

variable "delimiter" {
  default = null
}

variable "attributes" {
  default = []
}

variable "labels_as_tags" {
  default = ["default"]
}

variable "tags" {
  default = {}
}

variable "additional_tag_map" {
  default = {}
}

variable "label_order" {
  default = null
}

variable "regex_replace_chars" {
  default = null
}

variable "id_length_limit" {
  default = null
}

variable "label_key_case" {
  default = null
}

variable "label_value_case" {
  default = null
}

variable "descriptor_formats" {
  default = {}
}
