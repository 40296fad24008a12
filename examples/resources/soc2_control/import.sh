# The import ID is a JSON object of the control's arguments, as written in its
# configuration; owner_id is the owner's e-mail address. Give the same values
# as the configuration and the plan after the import is empty.
terraform import soc2_control.physical_security "$(cat <<'JSON'
{
  "control_id": "PHY-01",
  "title": "Physical security of facilities",
  "description": "Physical access to the facilities that host production systems is restricted.",
  "criteria": ["CC6.4", "CC6.5"],
  "owner_id": "priya.raman@acme.example",
  "status": "not-applicable",
  "justification": "No data centres of our own; production runs on AWS, whose physical controls are covered by its SOC 2 report."
}
JSON
)"
