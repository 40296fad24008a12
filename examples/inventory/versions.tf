terraform {
  # Provider functions and check blocks need Terraform 1.8 or later.
  required_version = ">= 1.8"

  required_providers {
    soc2 = {
      source = "soc2-as-code/soc2"
    }
  }
}
