# Every criterion of the catalogue.
data "soc2_criteria" "all" {}

# The availability criteria A1.1–A1.3.
data "soc2_criteria" "availability" {
  category = "availability"
}

# Logical and physical access, CC6.1–CC6.8.
data "soc2_criteria" "access" {
  group = "CC6"
}

output "access_criteria" {
  value = { for c in data.soc2_criteria.access.criteria : c.id => c.title }
}
