# A sensitive variable that rules would quote: soc2_scan's diagnostics and
# findings must show (sensitive value) instead.

variable "log_key" {
  type      = string
  sensitive = true
  default   = "alias/aws/ZZPROVIDERMARKERZZ"
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app/prod"
  kms_key_id = var.log_key
}
