package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Compute Engine resource's self_link is only known after apply but is
// never empty, and length() of a string only known after apply is bounded
// by its known start, as in Terraform: terraform-google-vm's
// compute_instance module, given a subnetwork created by the
// configuration, keeps its own network_interface rather than the
// template's. A string known by nothing still has an unknown length.
func TestSelfLinkIsNotEmpty(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "network" {
  type    = string
  default = ""
}

variable "anything" {
  type = string
}

resource "google_compute_subnetwork" "main" {
  name = "main"
}

locals {
  interfaces = length(format("%s%s", var.network, google_compute_subnetwork.main.self_link)) == 0 ? [] : [1]
  unknown    = length(var.anything) == 0 ? [] : [1]
}

resource "google_compute_instance_from_template" "vm" {
  dynamic "network_interface" {
    for_each = local.interfaces
    content {
      subnetwork = google_compute_subnetwork.main.self_link
    }
  }
}

resource "google_compute_instance_from_template" "unknown" {
  dynamic "network_interface" {
    for_each = local.unknown
    content {
      subnetwork = google_compute_subnetwork.main.self_link
    }
  }
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	vm := mustResource(t, res, "google_compute_instance_from_template.vm")
	require.False(t, vm.BlocksUnknown("network_interface"))
	nis := vm.Blocks("network_interface")
	require.Len(t, nis, 1)
	assert.Equal(t, "https://", nis[0].Attr("subnetwork").KnownPrefix())

	unknown := mustResource(t, res, "google_compute_instance_from_template.unknown")
	assert.True(t, unknown.BlocksUnknown("network_interface"))
}
