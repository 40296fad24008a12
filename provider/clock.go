package provider

import "time"

// Clock tells the provider what time it is. Evidence requirements fall due
// and become overdue as real time passes, so every time-dependent value is
// computed from a Clock handed to resources through Configure: production
// uses the system clock, acceptance tests inject a clock they can advance
// between steps (the pattern of HashiCorp's terraform-provider-time).
type Clock interface {
	// Now returns the current time.
	Now() time.Time
}

// systemClock is the wall clock.
type systemClock struct{}

// Now returns the current time in UTC, the zone all due dates are computed in.
func (systemClock) Now() time.Time { return time.Now().UTC() }

// SystemClock returns the wall clock.
func SystemClock() Clock { return systemClock{} }
