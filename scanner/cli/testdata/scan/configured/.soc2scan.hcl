severity_threshold = "low"

exclude {
  resources = ["aws_db_instance.main"]
  reason    = "reviewed in SEC-7"
}
