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
	// controlOwners maps the control_id of each control planned so far to
	// its owner_id, so that an overdue evidence requirement without its
	// own owner can name its control's. An evidence requirement that
	// references its control (control_id = soc2_control.x.id) is planned
	// after it, so the owner is known by then.
	controlOwners map[string]string
}

type declarationKey struct {
	kind, key string
}

func newDeclarations() *declarations {
	return &declarations{seen: map[declarationKey][]string{}, controlOwners: map[string]string{}}
}

// reset forgets everything and stops checking; it is called at the start
// of every graph walk.
func (d *declarations) reset() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.enabled = false
	d.seen = map[declarationKey][]string{}
	d.controlOwners = map[string]string{}
}

// recordOwner remembers the owner of a planned control.
func (d *declarations) recordOwner(controlID, ownerID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.controlOwners[controlID] = ownerID
}

// ownerOf returns the owner_id of a control planned in this walk.
func (d *declarations) ownerOf(controlID string) (string, bool) {
	if d == nil {
		return "", false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	owner, ok := d.controlOwners[controlID]
	return owner, ok
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
