# The import ID is a JSON object of the owner's arguments, as written in its
# configuration; give the same values as the configuration and the plan after
# the import is empty.
terraform import soc2_control_owner.security '{"email":"priya.raman@acme.example","name":"Priya Raman","title":"Head of Security","team":"Security","slack":"#security"}'
