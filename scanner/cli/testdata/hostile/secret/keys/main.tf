variable "key" {
  type = string
}

# The output carries the caller's sensitive value; Terraform requires it to
# be declared sensitive.
output "key" {
  value     = var.key
  sensitive = true
}
