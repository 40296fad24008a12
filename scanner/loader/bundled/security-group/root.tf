# The root module opens exactly the named rules the call lists.
locals {
  ingress_rules                    = var.ingress_rules
  computed_ingress_rules           = var.computed_ingress_rules
  number_of_computed_ingress_rules = var.number_of_computed_ingress_rules
}

# The groups of named rules the module's wrappers are generated from (its
# update_groups.sh): declared, so a call may set it, and read by nothing
# (presets.txt holds what the wrappers open).
variable "auto_groups" {
  type    = map(map(list(string)))
  default = {}
}
