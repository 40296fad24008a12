variable "name" {
  type = string
}

resource "aws_ssm_parameter" "label" {
  name  = "/labels/${var.name}"
  type  = "String"
  value = upper(var.name)
}
