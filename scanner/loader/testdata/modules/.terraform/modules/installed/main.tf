resource "aws_sns_topic" "installed" {
  name = "from-registry"
}
