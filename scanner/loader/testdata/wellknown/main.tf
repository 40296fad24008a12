provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "china"
  region = "cn-north-1"
}

variable "region" {
  type = string
}

provider "aws" {
  alias  = "unknown"
  region = var.region
}

data "aws_partition" "current" {}

data "aws_partition" "china" {
  provider = aws.china
}

data "aws_partition" "unknown" {
  provider = aws.unknown
}

data "aws_region" "current" {}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = "ops"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "china" {
  role       = "ops"
  policy_arn = "arn:${data.aws_partition.china.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "unknown" {
  role       = "ops"
  policy_arn = "arn:${data.aws_partition.unknown.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_s3_bucket" "regional" {
  bucket = "logs-${data.aws_region.current.name}"
}
