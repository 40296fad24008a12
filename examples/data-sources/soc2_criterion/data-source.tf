data "soc2_criterion" "restore_tests" {
  id = "A1.3"
}

output "restore_tests" {
  value = "${data.soc2_criterion.restore_tests.canonical_id} (${data.soc2_criterion.restore_tests.category}): ${data.soc2_criterion.restore_tests.title}"
}
