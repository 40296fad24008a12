package provider

import (
	"sort"
	"sync"
)

// declarations remembers which natural keys (a control's control_id, an
// owner's email) the resources of one configuration declare, so that a
// duplicate is reported at plan time rather than silently producing two
// controls with the same ID in the inventory.
//
// The plugin protocol never tells a provider which resource address it is
// validating, nor that it has seen the whole configuration. What it does
// guarantee is the order of one graph walk: Terraform validates the provider
// configuration (ValidateProviderConfig) before any resource that uses it,
// configures the provider at the start of a plan or apply walk, and then
// validates each resource instance exactly once. So the provider starts a
// fresh set of declarations whenever its configuration is validated, and
// flags the second declaration of a key within that walk.
//
// Only walks that configure the provider (plan and apply) are checked. The
// walk of `terraform validate` sees resource blocks before count and
// for_each are expanded, so two alternatives toggled by `count = 0` would
// look like a duplicate there.
//
// What it cannot see: resources under a different provider configuration
// (an aliased provider block runs in its own plugin process), and values
// that are unknown until apply.
type declarations struct {
	mu      sync.Mutex
	enabled bool
	seen    map[declarationKey][]string
}

type declarationKey struct {
	kind, key string
}

func newDeclarations() *declarations {
	return &declarations{seen: map[declarationKey][]string{}}
}

// reset forgets everything and stops checking; it is called at the start
// of every graph walk.
func (d *declarations) reset() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.enabled = false
	d.seen = map[declarationKey][]string{}
}

// enable starts checking; it is called when the provider is configured,
// which only plan and apply walks do.
func (d *declarations) enable() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.enabled = true
}

// declare records that a resource of the given kind declares key, described
// by label (its title, so the message can say which two collide). It
// returns the sorted labels of every declaration of key so far when there is
// more than one, and nil otherwise or when checking is not enabled.
func (d *declarations) declare(kind, key, label string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.enabled {
		return nil
	}
	k := declarationKey{kind: kind, key: key}
	d.seen[k] = append(d.seen[k], label)
	if len(d.seen[k]) < 2 {
		return nil
	}
	labels := append([]string(nil), d.seen[k]...)
	sort.Strings(labels)
	return labels
}
