# Applied last: encryption on, and the security group's ingress replaced.
resource "aws_db_instance" "db" {
  storage_encrypted = true
}

resource "aws_security_group" "web" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
