# "availability"
output "category" {
  value = provider::soc2::criterion_category("A1.2")
}
