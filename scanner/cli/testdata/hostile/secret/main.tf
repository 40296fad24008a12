# Sensitive values that rules would quote in their messages: each holds a
# marker that must appear in no output format, while the findings are
# still reported.

variable "listener_policy" {
  type      = string
  sensitive = true
  default   = "ELBSecurityPolicy-ZZSECRETMARKER1ZZ"
}

variable "parameter_name" {
  type      = string
  sensitive = true
}

variable "log_key" {
  type      = string
  sensitive = true
  default   = "alias/aws/ZZSECRETMARKER3ZZ"
}

locals {
  # A string template and a function result derived from a sensitive
  # variable are sensitive too.
  policy = lower("${var.listener_policy}-2016")
}

module "keys" {
  source = "./keys"
  key    = var.log_key
}

resource "aws_lb_listener" "secret" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = local.policy
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"
  }
}

resource "aws_ssm_parameter" "secret" {
  name  = var.parameter_name
  type  = "String"
  value = "not-the-marker"
}

resource "aws_cloudwatch_log_group" "secret" {
  name       = "/app/prod"
  kms_key_id = module.keys.key
}

# A file's content is described, never copied, when it is long.
resource "aws_lb_listener" "from_file" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/2"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = file("${path.module}/policy.txt")
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/2"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/2"
  }
}
