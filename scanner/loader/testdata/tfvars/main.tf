variable "default_only" {
  default = "default"
}
variable "env_only" {
  default = "default"
}
variable "from_env" {
  default = "default"
}
variable "tfvars" {
  default = "default"
}
variable "tfvars_json" {
  default = "default"
}
variable "auto" {
  default = "default"
}
variable "auto_a_only" {
  default = "default"
}
variable "from_file" {
  default = "default"
}
variable "from_cli" {
  default = "default"
}
variable "list_cli" {
  type = list(string)
}
variable "number_cli" {
  type = number
}
variable "map_env" {
  type = map(number)
}
variable "unset" {
  type = string
}

resource "aws_sns_topic" "t" {
  name = "t"
  tags = {
    default_only = var.default_only
    env_only     = var.env_only
    from_env     = var.from_env
    tfvars       = var.tfvars
    tfvars_json  = var.tfvars_json
    auto         = var.auto
    auto_a_only  = var.auto_a_only
    from_file    = var.from_file
    from_cli     = var.from_cli
    list_cli     = join(",", var.list_cli)
    number_cli   = var.number_cli
    map_env      = var.map_env["a"]
    unset        = var.unset
  }
}
