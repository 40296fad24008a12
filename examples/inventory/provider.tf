provider "soc2" {
  organization = "Acme Cloud, Inc."

  # Security (the common criteria) is always audited. Acme also promises
  # uptime to its customers, so availability is in scope; confidentiality,
  # processing integrity and privacy are not part of this report.
  categories_in_scope = ["security", "availability"]

  # The Type II observation window. Every evidence requirement must be kept
  # for the window plus 90 days of fieldwork (the 548-day default does).
  observation_window {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}
