package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Deletion protection of services other than the datastores of
// deletion.go: a QLDB ledger (an immutable journal that is the record
// itself) and a Network Firewall firewall (whose deletion opens the traffic
// it inspected).

var qldbLedgerDeletionProtection = &scanner.Rule{
	ID:    "aws-qldb-ledger-deletion-protection",
	Title: "QLDB ledgers keep deletion protection on",
	Description: "A QLDB ledger is an append-only journal kept as the verifiable record of changes; with deletion " +
		"protection off one API call or Terraform plan deletes the ledger and its whole history (SOC 2 C1.1, A1.2). " +
		"deletion_protection defaults to true, so only a ledger that turns it off fails.",
	Severity:      scanner.Medium,
	Criteria:      deletionCriteria,
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_qldb_ledger"},
	Remediation:   "Remove deletion_protection = false (or set it to true).",
	RemediationCode: `resource "aws_qldb_ledger" "journal" {
  name                = "journal"
  permissions_mode    = "STANDARD"
  deletion_protection = true
}`,
	Links: []string{
		registryDoc("aws_qldb_ledger", "deletion_protection"),
		"https://docs.aws.amazon.com/qldb/latest/developerguide/ledger-management.basics.html#ledger-mgmt.basics.deletion-protection",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_172"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_qldb_ledger" "default_on" {
  name             = "default-on"
  permissions_mode = "STANDARD"
}

resource "aws_qldb_ledger" "explicit" {
  name                = "explicit"
  permissions_mode    = "STANDARD"
  deletion_protection = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "protect" {
  type = bool
}

resource "aws_qldb_ledger" "off" {
  name                = "off"
  permissions_mode    = "STANDARD"
  deletion_protection = false
}

resource "aws_qldb_ledger" "from_var" {
  name                = "from-var"
  permissions_mode    = "STANDARD"
  deletion_protection = var.protect
}`, Fails: []string{"aws_qldb_ledger.off"}, Unknowns: []string{"aws_qldb_ledger.from_var"},
		Expect: map[string]scanner.Expected{"aws_qldb_ledger.off": {Line: 9}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("deletion_protection"), true,
			"deletion_protection = false: one delete call or replacing plan destroys the ledger and its history")
	},
}

var networkFirewallDeleteProtection = &scanner.Rule{
	ID:    "aws-networkfirewall-delete-protection",
	Title: "Network Firewall firewalls have delete protection enabled",
	Description: "Deleting a Network Firewall firewall removes the inspection of every subnet routed through it; with " +
		"delete protection off one API call or a Terraform plan that replaces it does so (SOC 2 A1.2, CC7.4). " +
		"delete_protection defaults to false.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC6.6", "CC7.4"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"aws_networkfirewall_firewall"},
	Remediation:   "Set delete_protection = true.",
	RemediationCode: `resource "aws_networkfirewall_firewall" "egress" {
  # ...
  delete_protection = true
}`,
	Links: []string{
		registryDoc("aws_networkfirewall_firewall", "delete_protection"),
		"https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-settings.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_344"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_networkfirewall_firewall", firewallBase, "delete_protection")
		bad = flagOnBad("aws_networkfirewall_firewall", firewallBase, "delete_protection", nil)
		return good, bad
	},
	Check: flagOnCheck("delete_protection", "one delete call or replacing plan removes the firewall's inspection"),
}

// firewallBase names a Network Firewall firewall in its flag examples.
func firewallBase(name string) string {
	return `name = "` + name + `"`
}
