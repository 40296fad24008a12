package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestSSMParameterSecretIsNamed checks that a String parameter named like
// a secret names its literal value (Result.Secrets): the finding's excerpt
// shows the line beside the type, where the value is usually written.
func TestSSMParameterSecretIsNamed(t *testing.T) {
	code := `
resource "aws_ssm_parameter" "db" {
  name  = "/app/db_password"
  type  = "String"
  value = "Pq7-literal-parameter"
}`
	out := ruletest.Evaluate(t, ssmParameterSecureString, scanner.Example{Code: code}, nil)
	res, ok := out.Results["aws_ssm_parameter.db"]
	require.True(t, ok)
	require.Equal(t, scanner.Fail, res.Status)
	var got []string
	for _, s := range res.Secrets {
		got = append(got, s.Text)
	}
	assert.Equal(t, []string{"Pq7-literal-parameter"}, got)
}
