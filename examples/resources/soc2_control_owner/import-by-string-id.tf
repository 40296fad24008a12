# The import ID is a JSON object of the owner's arguments, as written in its
# configuration.
import {
  to = soc2_control_owner.security
  id = jsonencode({
    email = "priya.raman@acme.example"
    name  = "Priya Raman"
    title = "Head of Security"
    team  = "Security"
    slack = "#security"
  })
}
