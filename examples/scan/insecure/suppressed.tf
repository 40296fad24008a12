# A finding accepted on purpose: the suppression needs a reason, stays in
# JSON and SARIF output marked as suppressed, and can carry an expiry date
# (:exp:YYYY-MM-DD) after which it no longer applies.

resource "aws_kms_key" "suppressed_ci_logs" {
  description         = "CI build logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "suppressed_ci_builds" {
  name       = "/ci/${var.name}/builds"
  kms_key_id = aws_kms_key.suppressed_ci_logs.arn
  #soc2:ignore:aws-cloudwatch-log-group-retention CI build output holds no customer data; 14 days is enough (SEC-231)
  retention_in_days = 14
}
