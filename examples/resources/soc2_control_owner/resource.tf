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
  contact = "PagerDuty: platform-primary"
}
