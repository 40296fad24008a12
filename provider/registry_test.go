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
