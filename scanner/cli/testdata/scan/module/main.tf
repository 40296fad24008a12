# soc2:ignore:test-enc sandbox databases hold no customer data
module "sandbox" {
  source = "./modules/db"
}

module "prod" {
  source = "./modules/db"
}
