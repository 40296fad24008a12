package aws

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// s3LoggingPlan is a plan whose bucket logs to a target_bucket only known
// after apply; configuration, when set, says the target is another
// bucket's ID.
func s3LoggingPlan(configuration string) string {
	return `{"format_version":"1.2","terraform_version":"1.11.4",
"planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.data","mode":"managed","type":"aws_s3_bucket","name":"data",
  "provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,
  "values":{"bucket":"acme-data","logging":[{"target_prefix":"data/"}]},"sensitive_values":{"logging":[{}]}}]}},
"resource_changes":[{"address":"aws_s3_bucket.data","mode":"managed","type":"aws_s3_bucket","name":"data",
  "provider_name":"registry.terraform.io/hashicorp/aws",
  "change":{"actions":["create"],"before":null,"after":{"bucket":"acme-data","logging":[{"target_prefix":"data/"}]},
    "after_unknown":{"id":true,"arn":true,"logging":[{"target_bucket":true}]},"before_sensitive":false,"after_sensitive":{"logging":[{}]}}}]` +
		configuration + `}`
}

// TestPlanUnknownLogTarget: in a plan, a target_bucket only known after
// apply names a bucket when the configuration shows it refers to one, and
// is unknown when nothing shows what it will be.
func TestPlanUnknownLogTarget(t *testing.T) {
	withRef := `,"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},
"root_module":{"resources":[{"address":"aws_s3_bucket.data","mode":"managed","type":"aws_s3_bucket","name":"data","provider_config_key":"aws",
  "expressions":{"bucket":{"constant_value":"acme-data"},
    "logging":[{"target_bucket":{"references":["aws_s3_bucket.logs.id","aws_s3_bucket.logs"]},"target_prefix":{"constant_value":"data/"}}]},
  "schema_version":0}]}}`
	for name, c := range map[string]struct {
		configuration string
		want          scanner.Status
	}{
		"no configuration":        {"", scanner.Unknown},
		"a reference to a bucket": {withRef, scanner.Pass},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "plan.json")
			require.NoError(t, os.WriteFile(file, []byte(s3LoggingPlan(c.configuration)), 0o600))
			res, err := loader.Load(context.Background(), loader.Options{Paths: []string{file}, DataSources: DataSources()})
			require.NoError(t, err)
			ix := scanner.NewIndex(res.Resources)
			var got []scanner.Status
			for _, r := range res.Resources {
				if s3BucketAccessLogging.Inspects(r) {
					got = append(got, s3BucketAccessLogging.Decide(r, &scanner.Context{Index: ix}).Status)
				}
			}
			assert.Equal(t, []scanner.Status{c.want}, got)
		})
	}
}
