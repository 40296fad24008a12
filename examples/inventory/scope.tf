# The provider block's scope is not in state; this resource records it there
# so that `terraform-provider-soc2 inventory` and `coverage` read it from
# `terraform show -json` without repeating --categories.
resource "soc2_scope" "acme" {
  categories_in_scope = ["security", "availability"]

  observation_window = {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}
