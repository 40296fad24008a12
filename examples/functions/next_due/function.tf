# "2026-04-06": one quarter after the last access review.
output "access_review_due" {
  value = provider::soc2::next_due("2026-01-06", "quarterly")
}

# "2026-02-28": months are clamped to the end of the month.
output "monthly_report_due" {
  value = provider::soc2::next_due("2026-01-31", "monthly")
}

# null: continuous evidence has no due date.
output "log_review_due" {
  value = provider::soc2::next_due("2026-01-31", "continuous")
}
