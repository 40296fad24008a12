package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestRulesByTheirExamples(t *testing.T) {
	ruletest.Run(t, Rules())
}

func TestEveryDeclaredRuleIsListed(t *testing.T) {
	ruletest.CheckListed(t, ".", Rules())
}

func TestADEFromPrefix(t *testing.T) {
	for prefix, want := range map[string]scanner.Tri{
		`{"EncryptionOperation": "EnableEncryption", "KeyVaultURL": "`:      scanner.Yes,
		`{"encryptionoperation":"EnableEncryption","KeyEncryptionKeyURL":"`: scanner.Yes,
		`{"EncryptionOperation": "DisableEncryption", "KeyVaultURL": "`:     scanner.No,
		`{"KeyVaultURL": "`: scanner.Maybe,
		`{"EncryptionOperation": "EnableEncryption", "VolumeType": "`: scanner.Maybe,
		"": scanner.Maybe,
	} {
		assert.Equal(t, want, adeFromPrefix(prefix), prefix)
	}
}
