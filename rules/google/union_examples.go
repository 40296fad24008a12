package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// unionSourceExamples are firewall rules whose source ranges cover the
// internet only together (0.0.0.0/1 with 128.0.0.0/1), and ranges that
// do not, for the SSH port.
func unionSourceExamples() (good, bad []scanner.Example) {
	good = []scanner.Example{{Code: `
resource "google_compute_firewall" "half" {
  name          = "ssh-half"
  network       = "default"
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/1", "10.0.0.0/8"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}`}}
	bad = []scanner.Example{{Code: `
resource "google_compute_firewall" "halves" {
  name          = "ssh-halves"
  network       = "default"
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/1", "128.0.0.0/1"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}`, Fails: []string{"google_compute_firewall.halves"},
		Expect: map[string]scanner.Expected{"google_compute_firewall.halves": {Message: "together every public IPv4 address"}}}}
	return good, bad
}

// withUnionSourceExamples adds unionSourceExamples to a rule's own
// examples.
func withUnionSourceExamples(more func() (good, bad []scanner.Example)) func() (good, bad []scanner.Example) {
	return func() (good, bad []scanner.Example) {
		if more != nil {
			good, bad = more()
		}
		g, b := unionSourceExamples()
		return append(good, g...), append(bad, b...)
	}
}
