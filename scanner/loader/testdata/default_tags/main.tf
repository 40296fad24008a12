variable "team" {
  default = "data"
}

variable "later" {
  type = map(string)
}

locals {
  common = { backup = "daily" }
}

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = merge(local.common, { team = var.team })
  }
}

provider "aws" {
  alias  = "bare"
  region = "eu-west-1"
}

provider "aws" {
  alias  = "later"
  region = "eu-west-1"
  default_tags {
    tags = var.later
  }
}

provider "aws" {
  alias  = "dyn"
  region = "eu-west-1"
  dynamic "default_tags" {
    for_each = [1]
    content {
      tags = { backup = "weekly" }
    }
  }
}

resource "aws_ebs_volume" "default" {
  availability_zone = "us-east-1a"
  size              = 1
}

resource "aws_ebs_volume" "bare" {
  provider          = aws.bare
  availability_zone = "eu-west-1a"
  size              = 1
}

resource "aws_ebs_volume" "later" {
  provider          = aws.later
  availability_zone = "eu-west-1a"
  size              = 1
}

resource "aws_ebs_volume" "dyn" {
  provider          = aws.dyn
  availability_zone = "eu-west-1a"
  size              = 1
}

module "passed" {
  source    = "./modules/store"
  providers = { aws = aws.bare }
}

module "inherited" {
  source = "./modules/store"
}
