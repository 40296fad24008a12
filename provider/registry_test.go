package provider

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDeclarations(t *testing.T) {
	d := newDeclarations()
	assert.Nil(t, d.declare("soc2_control", "CRY-01", "before the provider is configured"))
	assert.Nil(t, d.declare("soc2_control", "CRY-01", "nothing is checked"))

	d.reset()
	d.enable()
	assert.Nil(t, d.declare("soc2_control", "CRY-01", "Encryption at rest"))
	assert.Nil(t, d.declare("soc2_control", "CRY-02", "Encryption in transit"))
	assert.Nil(t, d.declare("soc2_evidence_requirement", "CRY-01", "same key, other kind"))
	assert.Equal(t, []string{"Encryption at rest", "Key rotation"}, d.declare("soc2_control", "CRY-01", "Key rotation"))

	d.reset()
	d.enable()
	assert.Nil(t, d.declare("soc2_control", "CRY-01", "Encryption at rest"), "a new walk starts afresh")
}

// Terraform validates resources concurrently; exactly one of two
// concurrent declarations of a key must be reported, whatever the order,
// with the same message.
func TestDeclarationsConcurrent(t *testing.T) {
	d := newDeclarations()
	d.enable()
	var wg sync.WaitGroup
	results := make([][]string, 100)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = d.declare("soc2_control", fmt.Sprintf("C-%d", i/2), fmt.Sprintf("title %d", i%2))
		}()
	}
	wg.Wait()
	for i := 0; i < len(results); i += 2 {
		a, b := results[i], results[i+1]
		assert.True(t, (a == nil) != (b == nil), "exactly one of a pair is reported")
		assert.Equal(t, []string{"title 0", "title 1"}, append(a, b...))
	}
}

// A removed owner that a control still names warns whichever of the two is
// planned first; an owner declared again in the walk (renamed) does not.
func TestDeclarationsRemovedOwner(t *testing.T) {
	d := newDeclarations()
	assert.False(t, d.useOwner("bob@example.com", "control A"), "not checked before the provider is configured")
	assert.Nil(t, d.removeOwner("bob@example.com"))

	d.reset()
	d.enable()
	assert.False(t, d.useOwner("bob@example.com", "control B"))
	assert.False(t, d.useOwner("carol@example.com", "control C"))
	assert.Equal(t, []string{"control B"}, d.removeOwner("Bob@Example.com"), "the control was planned first: the owner warns")
	assert.True(t, d.useOwner("BOB@example.com", "control D"), "the owner was planned first: the control warns")

	d.reset()
	d.enable()
	assert.Nil(t, d.removeOwner("bob@example.com"), "no one names it")
	assert.False(t, d.useOwner("alice@example.com", "control A"))

	d.reset()
	d.enable()
	d.declare("soc2_control_owner", "bob@example.com", "Bob")
	assert.False(t, d.useOwner("bob@example.com", "control B"))
	assert.Nil(t, d.removeOwner("bob@example.com"), "moved to another resource address")
	assert.False(t, d.useOwner("bob@example.com", "control C"))
}
