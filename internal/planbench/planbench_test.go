package planbench

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestInventoriesMirror keeps the benchmarks honest: both inventories
// declare the same number of resources (the soc2 one has a terraform block
// besides) and the same references.
func TestInventoriesMirror(t *testing.T) {
	soc2, data := Soc2Inventory(3), TerraformDataInventory(3)
	assert.Equal(t, 7, strings.Count(soc2, "\nresource "))
	assert.Equal(t, 7, strings.Count(data, "\nresource ")+1) // the first resource opens the file
	assert.Equal(t, strings.Count(soc2, "soc2_control_owner.lead."), strings.Count(data, "terraform_data.lead."))
	assert.Equal(t, strings.Count(soc2, "soc2_control.c"), strings.Count(data, "terraform_data.c"))
}
