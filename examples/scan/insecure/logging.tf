# Monitoring with holes: a single-region trail nobody can verify, logs that
# expire in a week, a VPC without flow logs, entry points without access
# logs, a switched-off GuardDuty detector and an AWS Config recorder that
# never starts. Names start with "logging_".

resource "aws_cloudtrail" "logging_main" {
  name           = "${var.name}-trail"
  s3_bucket_name = aws_s3_bucket.logging_trail.id
  enable_logging = false
}

resource "aws_s3_bucket" "logging_trail" {
  bucket = "${var.name}-trail"
}

resource "aws_cloudwatch_log_group" "logging_app" {
  name              = "/${var.name}/app"
  retention_in_days = 7
}

resource "aws_vpc" "logging_main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_lb" "logging_web" {
  name               = "${var.name}-web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]

  # A bucket alone does not turn access logs on.
  access_logs {
    bucket = aws_s3_bucket.logging_trail.id
  }
}

resource "aws_cloudfront_distribution" "logging_cdn" {
  enabled = true

  origin {
    domain_name = "origin.example.com"
    origin_id   = "origin"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "origin"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_api_gateway_stage" "logging_api" {
  stage_name    = "prod"
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
}

resource "aws_wafv2_web_acl" "logging_web" {
  name  = "${var.name}-web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = false
    metric_name                = "${var.name}-web"
    sampled_requests_enabled   = false
  }
}

resource "aws_eks_cluster" "logging_platform" {
  name     = "${var.name}-platform"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
}

resource "aws_msk_cluster" "logging_events" {
  cluster_name           = "${var.name}-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type   = "kafka.t3.small"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_groups = ["sg-0123456789abcdef0"]
  }
}

resource "aws_guardduty_detector" "logging_main" {
  enable = false
}

# Records EC2 instances only, never includes IAM, and is never started.
resource "aws_config_configuration_recorder" "logging_main" {
  name     = "${var.name}-recorder"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance"]
  }
}
