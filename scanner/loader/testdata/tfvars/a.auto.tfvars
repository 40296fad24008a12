auto        = "a.auto.tfvars"
auto_a_only = "a.auto.tfvars"
tfvars_json = "a.auto.tfvars"
from_file   = "a.auto.tfvars"
