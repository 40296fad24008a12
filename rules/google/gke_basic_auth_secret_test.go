package google

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestGKEBasicAuthPasswordIsNamed checks that the basic authentication
// rule names the literal password it fails (Result.Secrets), for the
// engine to redact from code excerpts, and not the username.
func TestGKEBasicAuthPasswordIsNamed(t *testing.T) {
	code := gkeHCL("google_container_cluster", "basic", `master_auth {
  username = "admin"
  password = "Gk9-literal-basic-auth"
}`)
	out := ruletest.Evaluate(t, gkeNoBasicAuth, scanner.Example{Code: code}, nil)
	res, ok := out.Results["google_container_cluster.basic"]
	require.True(t, ok)
	require.Equal(t, scanner.Fail, res.Status)
	var got []string
	for _, s := range res.Secrets {
		got = append(got, s.Text)
	}
	assert.Equal(t, []string{"Gk9-literal-basic-auth"}, got)
}
