# As terraform-aws-modules generates them: one module instance per item,
# every input read from the item, the defaults or the module's default.
module "wrapper" {
  source = "../"

  for_each = var.items

  encrypted = try(each.value.encrypted, var.defaults.encrypted, false)
}
