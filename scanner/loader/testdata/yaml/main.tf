# A YAML-driven factory, as landing zones write them: one bucket per file
# entry, settings read from YAML.
locals {
  buckets = yamldecode(file("${path.module}/projects/buckets.yaml"))
}

resource "google_storage_bucket" "b" {
  for_each = local.buckets

  name                        = each.key
  location                    = each.value.location
  uniform_bucket_level_access = try(each.value.uniform, false)
  labels = {
    roundtrip = yamldecode(yamlencode({ k = each.value.location })).k
  }
}
