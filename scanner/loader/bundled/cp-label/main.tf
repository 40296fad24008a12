# A compact model of cloudposse/label/null 0.25.x, written for the scanner
# (not the module's own code). The label creates nothing; Cloud Posse
# modules call it as module.this and switch their resources on its
# `enabled`, and pass its `context` to the modules they call. The model
# decides both as the module does; what it does not compute (the
# normalized labels, the id, the generated tags, the descriptors) is
# unknown, never guessed.

locals {
  # The call's input wins over the context's; no default of the label's
  # own: the context variable's default holds enabled = true, and a
  # context whose enabled is null leaves enabled null, as in the module.
  # The context is read with lookup: the label's default context holds
  # every key (null or empty), the shared context.tf's only some, and a
  # context without a key is one Terraform rejects, judged here as null.
  enabled = var.enabled != null ? var.enabled : lookup(var.context, "enabled", null)

  # labels_as_tags is set once: a context that carries a setting other
  # than "unset" (or none at all) keeps it against the call's.
  labels_as_tags_unset = try(contains(var.context.labels_as_tags, "unset"), true)

  # The context output: the call's inputs merged into the context's,
  # otherwise unnormalized (null stays null), as the next label reads it.
  merged = {
    enabled             = local.enabled
    namespace           = var.namespace != null ? var.namespace : lookup(var.context, "namespace", null)
    tenant              = var.tenant != null ? var.tenant : lookup(var.context, "tenant", null)
    environment         = var.environment != null ? var.environment : lookup(var.context, "environment", null)
    stage               = var.stage != null ? var.stage : lookup(var.context, "stage", null)
    name                = var.name != null ? var.name : lookup(var.context, "name", null)
    delimiter           = var.delimiter != null ? var.delimiter : lookup(var.context, "delimiter", null)
    attributes          = compact(distinct(concat(coalesce(lookup(var.context, "attributes", null), []), coalesce(var.attributes, []))))
    tags                = merge(lookup(var.context, "tags", {}), var.tags)
    additional_tag_map  = merge(lookup(var.context, "additional_tag_map", {}), var.additional_tag_map)
    label_order         = var.label_order != null ? var.label_order : lookup(var.context, "label_order", null)
    regex_replace_chars = var.regex_replace_chars != null ? var.regex_replace_chars : lookup(var.context, "regex_replace_chars", null)
    id_length_limit     = var.id_length_limit != null ? var.id_length_limit : lookup(var.context, "id_length_limit", null)
    label_key_case      = var.label_key_case != null ? var.label_key_case : lookup(var.context, "label_key_case", null)
    label_value_case    = var.label_value_case != null ? var.label_value_case : lookup(var.context, "label_value_case", null)
    descriptor_formats  = merge(lookup(var.context, "descriptor_formats", {}), var.descriptor_formats)
    labels_as_tags      = local.labels_as_tags_unset ? var.labels_as_tags : var.context.labels_as_tags
  }

  # What the label uses when neither the call nor the context sets it.
  delimiter       = local.merged.delimiter != null ? local.merged.delimiter : "-"
  label_order     = local.merged.label_order != null ? coalescelist(local.merged.label_order, ["namespace", "environment", "stage", "name", "attributes"]) : ["namespace", "environment", "stage", "name", "attributes"]
  regex_chars     = coalesce(local.merged.regex_replace_chars, "/[^-a-zA-Z0-9]/")
  id_length_limit = local.merged.id_length_limit != null ? local.merged.id_length_limit : 0

  # A stand-in for what the model does not compute: unknown, of any type.
  not_computed = jsondecode(uuid())
}
