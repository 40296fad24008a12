# The outputs of cloudposse/label/null 0.25.x. enabled, context and the
# settings the label resolves are computed; the normalized labels, the id
# and the tags read the stand-in (unknown) while the label is enabled, and
# are empty when it is not, as the module's are.

output "enabled" {
  value = local.enabled
}

output "context" {
  value = local.merged
}

output "normalized_context" {
  value = local.not_computed
}

output "id" {
  value = local.enabled ? local.not_computed : ""
}

output "id_full" {
  value = local.enabled ? local.not_computed : ""
}

output "namespace" {
  value = local.enabled ? local.not_computed : ""
}

output "tenant" {
  value = local.enabled ? local.not_computed : ""
}

output "environment" {
  value = local.enabled ? local.not_computed : ""
}

output "stage" {
  value = local.enabled ? local.not_computed : ""
}

output "name" {
  value = local.enabled ? local.not_computed : ""
}

output "delimiter" {
  value = local.enabled ? local.delimiter : ""
}

output "attributes" {
  value = local.enabled ? local.not_computed : []
}

output "tags" {
  value = local.enabled ? local.not_computed : {}
}

output "additional_tag_map" {
  value = local.merged.additional_tag_map
}

output "label_order" {
  value = local.label_order
}

output "regex_replace_chars" {
  value = local.regex_chars
}

output "id_length_limit" {
  value = local.id_length_limit
}

output "tags_as_list_of_maps" {
  value = local.not_computed
}

output "descriptors" {
  value = local.not_computed
}
