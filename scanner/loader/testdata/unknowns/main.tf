variable "unset" {
  type = string
}

variable "flag" {
  type = bool
}

resource "aws_kms_key" "k" {
  description = "key"
}

resource "aws_s3_bucket" "b" {
  bucket = "b-${var.unset}"
}

resource "aws_db_instance" "db" {
  identifier        = "db"
  kms_key_id        = aws_kms_key.k.arn
  storage_encrypted = var.flag
  multi_az          = var.flag ? true : false
  engine            = aws_kms_key.k.key_usage
  username          = aws_kms_key.k.description
  tags = {
    Bucket = aws_s3_bucket.b.bucket
    Known  = "yes"
  }
  backup_retention_period = length(aws_kms_key.k.key_id) > 0 ? 7 : 0
}

resource "aws_s3_bucket_policy" "partly_known" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_kms_key.k.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "known" {
  bucket = "fixed"
  policy = jsonencode({ Statement = [] })
}
