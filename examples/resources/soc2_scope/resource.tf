# The audit's scope, recorded in state so that `terraform-provider-soc2
# inventory` and `coverage` read it from `terraform show -json`. Use the same
# values as the provider block.
resource "soc2_scope" "acme" {
  categories_in_scope = ["security", "availability"]

  observation_window = {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}
