# The people accountable for controls. An owner's id is its e-mail address,
# so state and `terraform show -json` read naturally.

resource "soc2_control_owner" "cto" {
  name  = "Dana Okafor"
  email = "dana.okafor@acme.example"
  title = "Chief Technology Officer"
  team  = "Executive"
}

resource "soc2_control_owner" "security" {
  name  = "Priya Raman"
  email = "priya.raman@acme.example"
  title = "Head of Security"
  team  = "Security"
  slack = "#security"
}

resource "soc2_control_owner" "platform" {
  name    = "Marco Lindqvist"
  email   = "marco.lindqvist@acme.example"
  title   = "Platform Engineering Lead"
  team    = "Platform"
  slack   = "@marco"
  contact = "PagerDuty: platform-primary"
}

resource "soc2_control_owner" "engineering" {
  name  = "Sam Whitfield"
  email = "sam.whitfield@acme.example"
  title = "Engineering Manager"
  team  = "Product Engineering"
  slack = "@sam"
}

resource "soc2_control_owner" "it" {
  name  = "Lena Fischer"
  email = "lena.fischer@acme.example"
  title = "IT and People Operations Manager"
  team  = "People Operations"
  slack = "#it-help"
}
