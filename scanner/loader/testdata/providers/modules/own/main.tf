provider "aws" {
  region = "sa-east-1"
}

resource "aws_sqs_queue" "q" {
  name = "q"
}
