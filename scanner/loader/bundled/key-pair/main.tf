# A compact model of terraform-aws-modules/key-pair/aws 2.x–3.x, written for
# the scanner (not the module's own code): the EC2 key pair, whose public
# key and tags the hard-coded secret rule reads, and the private key the
# module generates when create_private_key is set. That private key lives
# in the Terraform state; no rule of the scanner judges a tls_private_key,
# so the model declares it (what the caller reads of it, such as
# module.key_pair.private_key_pem, refers to it) and nothing judges it:
# the call is scanned, not cleared of that risk.

resource "aws_key_pair" "this" {
  count = var.create ? 1 : 0

  region          = var.region
  key_name        = var.key_name
  key_name_prefix = var.key_name_prefix
  public_key      = var.create_private_key ? trimspace(tls_private_key.this[0].public_key_openssh) : var.public_key

  tags = var.tags
}

resource "tls_private_key" "this" {
  count = var.create && var.create_private_key ? 1 : 0

  algorithm   = var.private_key_algorithm
  ecdsa_curve = var.private_key_ecdsa_curve
  rsa_bits    = var.private_key_rsa_bits
}
