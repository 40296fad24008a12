module "db" {
  source = "../../"

  encrypted = true
}
