package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
)

// terraformPath is the Terraform CLI the acceptance tests drive, found on
// PATH by TestMain; empty when Terraform is not installed.
var terraformPath string

const installTerraform = "the acceptance tests run the real Terraform CLI (>= 1.8), which was not found on PATH: " +
	"install it from https://developer.hashicorp.com/terraform/install (or `apt-get install terraform` from the HashiCorp apt repository) " +
	"and re-run, or point TF_ACC_TERRAFORM_PATH at the binary"

// TestMain points terraform-plugin-testing at the local Terraform CLI so
// that it never tries to download one, and keeps Terraform offline.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	terraformPath = os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraformPath == "" {
		if p, err := exec.LookPath("terraform"); err == nil {
			terraformPath = p
		}
	}
	if terraformPath != "" {
		mustSetenv("TF_ACC_TERRAFORM_PATH", terraformPath)
	}
	mustSetenv("CHECKPOINT_DISABLE", "1")

	// A CLI configuration file that does not exist makes Terraform print a
	// warning on every command; give it an empty one instead.
	if cfg := os.Getenv("TF_CLI_CONFIG_FILE"); cfg != "" {
		if _, err := os.Stat(cfg); err != nil {
			dir, err := os.MkdirTemp("", "soc2-tfcli")
			if err != nil {
				fmt.Fprintln(os.Stderr, "creating a Terraform CLI config:", err)
				return 1
			}
			defer os.RemoveAll(dir)
			empty := filepath.Join(dir, "terraformrc")
			if err := os.WriteFile(empty, nil, 0o600); err != nil {
				fmt.Fprintln(os.Stderr, "creating a Terraform CLI config:", err)
				return 1
			}
			mustSetenv("TF_CLI_CONFIG_FILE", empty)
		}
	}
	return m.Run()
}

func mustSetenv(key, value string) {
	if err := os.Setenv(key, value); err != nil {
		panic(fmt.Sprintf("setting %s: %v", key, err))
	}
}

// requireTerraform skips a test that needs the Terraform CLI when it is not
// installed, and fails it on CI, where a skipped acceptance test would hide
// that nothing was tested.
func requireTerraform(t *testing.T) {
	t.Helper()
	if terraformPath != "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(installTerraform)
	}
	t.Skip(installTerraform)
}

// fakeClock is a Clock the tests set and advance between steps.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(now time.Time) *fakeClock { return &fakeClock{now: now} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testNow is the fake clock's default start: 1 July 2025, noon UTC.
var testNow = time.Date(2025, time.July, 1, 12, 0, 0, 0, time.UTC)

// protoV6ProviderFactories serves a fresh provider reading the given clock
// for every Terraform command of a test.
func protoV6ProviderFactories(clock Clock) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"soc2": func() (tfprotov6.ProviderServer, error) {
			return providerserver.NewProtocol6WithError(NewWithClock("test", clock)())()
		},
	}
}

// errorContaining matches text in Terraform's output, which wraps long
// diagnostic lines: every space in text matches any run of white space.
func errorContaining(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// ownerConfig is a control owner used by the tests of other resources.
const ownerConfig = `
resource "soc2_control_owner" "alice" {
  name  = "Alice Example"
  email = "alice@example.com"
}

resource "soc2_control_owner" "bob" {
  name  = "Bob Example"
  email = "bob@example.com"
}
`

// compareEqual checks that two values in state are the same.
var compareEqual = compare.ValuesSame()
