# Encryption at rest, encryption in transit, keys and secrets: everything
# here is deliberately wrong. Do not deploy it.

# ---------------------------------------------------------------- at rest

resource "aws_ebs_encryption_by_default" "enc" {
  enabled = false
}

resource "aws_ebs_volume" "enc_data" {
  availability_zone = "us-east-1a"
  size              = 100
}

resource "aws_instance" "enc_app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 50
    encrypted   = false
  }
}

resource "aws_launch_template" "enc_workers" {
  name_prefix = "${var.name}-workers-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
    }
  }
}

resource "aws_db_instance" "enc_orders" {
  identifier          = "${var.name}-orders"
  engine              = "postgres"
  engine_version      = "14.12"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "orders"
  password            = "not-a-real-password"
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "enc_reporting" {
  cluster_identifier  = "${var.name}-reporting"
  engine              = "aurora-mysql"
  master_username     = "reporting"
  master_password     = "not-a-real-password"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "enc_documents" {
  cluster_identifier  = "${var.name}-documents"
  master_username     = "docs"
  master_password     = "not-a-real-password"
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "enc_graph" {
  cluster_identifier  = "${var.name}-graph"
  skip_final_snapshot = true
}

resource "aws_dynamodb_table" "enc_sessions" {
  name         = "${var.name}-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_elasticache_replication_group" "enc_cache" {
  replication_group_id = "${var.name}-cache"
  description          = "sessions cache"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 1
}

resource "aws_redshift_cluster" "enc_warehouse" {
  cluster_identifier  = "${var.name}-warehouse"
  node_type           = "ra3.xlplus"
  master_username     = "warehouse"
  master_password     = "Not-a-real-passw0rd"
  encrypted           = false
  skip_final_snapshot = true
}

resource "aws_opensearch_domain" "enc_search" {
  domain_name    = "${var.name}-search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_efs_file_system" "enc_shared" {
  creation_token = "${var.name}-shared"
}

resource "aws_sns_topic" "enc_alerts" {
  name = "${var.name}-alerts"
}

resource "aws_sqs_queue" "enc_jobs" {
  name                    = "${var.name}-jobs"
  sqs_managed_sse_enabled = false
}

resource "aws_kinesis_stream" "enc_events" {
  name        = "${var.name}-events"
  shard_count = 1
}

resource "aws_cloudwatch_log_group" "enc_app" {
  name = "/${var.name}/app"
}

resource "aws_ecr_repository" "enc_app" {
  name = "${var.name}-app"
}

resource "aws_backup_vault" "enc_main" {
  name = "${var.name}-main"
}

resource "aws_s3_bucket" "enc_uploads" {
  bucket = "${var.name}-uploads"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "enc_uploads" {
  bucket = aws_s3_bucket.enc_uploads.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# ------------------------------------------------------------- in transit

resource "aws_lb" "enc_web" {
  name               = "${var.name}-web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_lb_listener" "enc_http" {
  load_balancer_arn = aws_lb.enc_web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
  }
}

resource "aws_lb_listener" "enc_https" {
  load_balancer_arn = aws_lb.enc_web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
  }
}

resource "aws_cloudfront_distribution" "enc_cdn" {
  enabled = true

  origin {
    domain_name = aws_lb.enc_web.dns_name
    origin_id   = "web"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "web"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "allow-all"
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

resource "aws_msk_cluster" "enc_stream" {
  cluster_name           = "${var.name}-stream"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
    }
  }
}

resource "aws_db_parameter_group" "enc_mysql" {
  name   = "${var.name}-mysql"
  family = "mysql8.0"
}

resource "aws_api_gateway_domain_name" "enc_api" {
  domain_name              = "api.acme-dev.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
  security_policy          = "TLS_1_0"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# The uploads bucket has no policy denying plain HTTP (see above).

# ------------------------------------------------------- keys and secrets

resource "aws_kms_key" "enc_shared" {
  description             = "shared key with an open policy"
  deletion_window_in_days = 7

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_secretsmanager_secret" "enc_api_key" {
  name = "${var.name}/api-key"
}

resource "aws_ssm_parameter" "enc_db_password" {
  name  = "/${var.name}/db/password"
  type  = "String"
  value = "not-a-real-password"
}
