# The root module opens exactly the named rules the call lists.
locals {
  ingress_rules                    = var.ingress_rules
  computed_ingress_rules           = var.computed_ingress_rules
  number_of_computed_ingress_rules = var.number_of_computed_ingress_rules
}
