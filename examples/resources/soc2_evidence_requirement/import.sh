# The import ID is a JSON object of the requirement's arguments, as written in
# its configuration; control_id and owner_id are the IDs they reference. Give
# the same values as the configuration and the plan after the import is empty.
terraform import soc2_evidence_requirement.access_review "$(cat <<'JSON'
{
  "control_id": "IAM-03",
  "name": "Access review sign-off",
  "description": "User lists per system with each reviewer's decisions and the tickets that removed access.",
  "frequency": "quarterly",
  "source": "identity_provider",
  "collection": "manual",
  "format": "Spreadsheet with reviewer sign-off",
  "location": "https://drive.example.com/compliance/access-reviews",
  "owner_id": "priya.raman@acme.example",
  "last_collected": "2026-10-06"
}
JSON
)"
