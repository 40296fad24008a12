terraform {
  required_providers {
    soc2 = {
      source = "soc2-as-code/soc2"
    }
  }
}

provider "soc2" {
  organization = "Acme Cloud, Inc."

  # Security is always in scope; add the optional categories your report covers.
  categories_in_scope = ["security", "availability"]

  # For a Type II report: evidence retention is checked against this window.
  observation_window {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}
