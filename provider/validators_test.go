package provider

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

// validate runs a string validator on one value and returns the error
// detail, or "" when the value is accepted.
func validate(t *testing.T, v validator.String, value types.String) string {
	t.Helper()
	resp := &validator.StringResponse{}
	v.ValidateString(t.Context(), validator.StringRequest{Path: path.Root("attr"), ConfigValue: value}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, path.Root("attr"), resp.Diagnostics[0].(interface{ Path() path.Path }).Path(), "diagnostics carry the attribute path")
	return resp.Diagnostics[0].Detail()
}

func TestValidatorsSkipNullAndUnknown(t *testing.T) {
	for name, v := range map[string]validator.String{
		"criterion":    criterionValidator,
		"email":        emailValidator,
		"owner":        ownerIDValidator,
		"date":         dateValidator,
		"control id":   controlIDValidator,
		"enum":         oneOf("frequency", inventory.Frequencies()),
		"scanner rule": scannerRuleValidator,
		"title":        titleValidator,
		"name":         nameValidator,
	} {
		assert.Empty(t, validate(t, v, types.StringNull()), name)
		assert.Empty(t, validate(t, v, types.StringUnknown()), name)
	}
}

func TestCriterionValidator(t *testing.T) {
	assert.Empty(t, validate(t, criterionValidator, types.StringValue("CC6.1")))
	assert.Empty(t, validate(t, criterionValidator, types.StringValue("P8.1")))
	assert.Contains(t, validate(t, criterionValidator, types.StringValue("CC6.10")), `did you mean "CC6.1"?`)
	assert.Contains(t, validate(t, criterionValidator, types.StringValue("CC 6.1")), `write it exactly as "CC6.1"`)
	assert.Contains(t, validate(t, criterionValidator, types.StringValue("")), `"" is not a SOC 2 Trust Services Criterion`)
}

func TestCheckControlID(t *testing.T) {
	for _, ok := range []string{"CRY-01", "IAM.2", "OPS_BACKUP_01", "A", "CC6-1-ENC"} {
		assert.NoError(t, checkControlID(ok), ok)
	}
	for bad, suggestion := range map[string]string{
		"cry-01":                       `did you mean "CRY-01"?`,
		"01-CRY":                       "",
		"CRY--01":                      "",
		"CRY-01-":                      "",
		"CRY 01":                       "",
		"":                             "",
		"A" + string(make([]byte, 64)): "",
	} {
		err := checkControlID(bad)
		require.Error(t, err, bad)
		if suggestion != "" {
			assert.Contains(t, err.Error(), suggestion)
		} else {
			assert.NotContains(t, err.Error(), "did you mean")
		}
	}
}

func TestEnumValidator(t *testing.T) {
	v := oneOf("frequency", inventory.Frequencies())
	assert.Empty(t, validate(t, v, types.StringValue("semiannual")))
	assert.Equal(t, `"Semi_Annual" is not a valid frequency; did you mean "semiannual"? Allowed values: "continuous", "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual" or "annual".`,
		validate(t, v, types.StringValue("Semi_Annual")))
	assert.Equal(t, `"yearly" is not a valid frequency. Allowed values: "continuous", "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual" or "annual".`,
		validate(t, v, types.StringValue("yearly")))
	assert.Equal(t, "must be one of `continuous`, `per-event`, `daily`, `weekly`, `monthly`, `quarterly`, `semiannual`, `annual`",
		v.MarkdownDescription(t.Context()))
}

func TestDateValidator(t *testing.T) {
	for _, ok := range []string{"2025-01-31", "2024-02-29", "2025-01-31T09:00:00Z", "2025-01-31T09:00:00.5+02:00"} {
		assert.Empty(t, validate(t, dateValidator, types.StringValue(ok)), ok)
	}
	for _, bad := range []string{"2025-02-29", "2025-1-31", "31/01/2025", "2025-01-31 09:00", "2025-01-31T09:00:00", "today"} {
		assert.Contains(t, validate(t, dateValidator, types.StringValue(bad)), "is not an RFC 3339 date", bad)
	}
}

func TestScannerRuleValidator(t *testing.T) {
	v := scannerRuleValidator
	assert.Empty(t, validate(t, v, types.StringValue("aws-rds-storage-encrypted")))
	for typo, want := range map[string]string{
		"aws-rds-storage-encryption": "aws-rds-storage-encrypted",
		"AWS-RDS-Storage-Encrypted":  "aws-rds-storage-encrypted",
		"rds-deletion-protection":    "aws-rds-deletion-protection",
	} {
		assert.Equal(t, fmt.Sprintf("%q is not a rule in the scanner's catalogue; did you mean %q?", typo, want),
			validate(t, v, types.StringValue(typo)), typo)
	}
	assert.Equal(t, `"no-such-rule-anywhere" is not a rule in the scanner's catalogue.`,
		validate(t, v, types.StringValue("no-such-rule-anywhere")))
}

func TestQuoteList(t *testing.T) {
	assert.Equal(t, "", quoteList(nil, "or"))
	assert.Equal(t, `"a"`, quoteList([]string{"a"}, "or"))
	assert.Equal(t, `"a" or "b"`, quoteList([]string{"a", "b"}, "or"))
	assert.Equal(t, `"a", "b" and "c"`, quoteList([]string{"a", "b", "c"}, "and"))
}

// Each kind of refusal keeps its own diagnostic summary; a known criterion
// in the wrong case is a different problem from an unknown one.
func TestValidatorSummaries(t *testing.T) {
	for _, tc := range []struct {
		v     validator.String
		value string
		want  string
	}{
		{criterionValidator, "CC6.10", "Unknown SOC 2 criterion"},
		{criterionValidator, "cc6.1", "Criterion ID not in canonical form"},
		{emailValidator, "alice", "Invalid e-mail address"},
		{ownerIDValidator, "Alice", "Invalid owner reference"},
		{dateValidator, "today", "Invalid date"},
		{controlIDValidator, "cry-01", "Invalid control ID"},
		{oneOf("control status", inventory.ControlStatuses()), "done", "Invalid control status"},
		{scannerRuleValidator, "no-such-rule", "Unknown scanner rule"},
	} {
		resp := &validator.StringResponse{}
		tc.v.ValidateString(t.Context(), validator.StringRequest{Path: path.Root("attr"), ConfigValue: types.StringValue(tc.value)}, resp)
		require.Len(t, resp.Diagnostics, 1, tc.value)
		assert.Equal(t, tc.want, resp.Diagnostics[0].Summary(), tc.value)
	}
}

func TestOwnerIDValidator(t *testing.T) {
	assert.Empty(t, validate(t, ownerIDValidator, types.StringValue("alice@example.com")))
	assert.Equal(t, `"Alice" is not the id of a soc2_control_owner: an owner's id is its e-mail address. `+
		`Reference the owner resource, for example soc2_control_owner.security_lead.id.`,
		validate(t, ownerIDValidator, types.StringValue("Alice")))
}

func TestTitleAndNameValidators(t *testing.T) {
	for _, ok := range []string{"Quarterly access review", "Alice Example", "Ünïcödé – titles", "x"} {
		assert.Empty(t, validate(t, titleValidator, types.StringValue(ok)), ok)
		assert.Empty(t, validate(t, nameValidator, types.StringValue(ok)), ok)
	}
	for value, want := range map[string]string{
		"":            `"" is blank: write a few words that say what this is`,
		" \t\n ":      `" \t\n " is blank`,
		"Access\nlog": `"Access\nlog" holds a control character ("\n" at byte 6): write one line of text, without newlines, tabs or NUL`,
		"NUL\x00":     `holds a control character ("\x00" at byte 3)`,
	} {
		assert.Contains(t, validate(t, titleValidator, types.StringValue(value)), want, "%q", value)
		assert.Contains(t, validate(t, nameValidator, types.StringValue(value)), want, "%q", value)
	}
	assert.Empty(t, validate(t, titleValidator, types.StringValue("Backups / restores")), "a title may hold a slash")
	assert.Equal(t, `"Backups / restores" holds "/" at byte 8: ids are written <control_id>/<name>, so a name cannot hold a slash`,
		validate(t, nameValidator, types.StringValue("Backups / restores")))
}

func TestWholeNumberValidator(t *testing.T) {
	check := func(f *big.Float) string {
		resp := &validator.NumberResponse{}
		retentionDaysValidator.ValidateNumber(t.Context(), validator.NumberRequest{Path: path.Root("retention_days"), ConfigValue: types.NumberValue(f)}, resp)
		if !resp.Diagnostics.HasError() {
			return ""
		}
		assert.Equal(t, "Invalid retention_days", resp.Diagnostics[0].Summary())
		return resp.Diagnostics[0].Detail()
	}
	assert.Empty(t, check(big.NewFloat(90)))
	assert.Empty(t, check(big.NewFloat(548)))
	assert.Equal(t, "retention_days must be a whole number of days, got 89.5.", check(big.NewFloat(89.5)))
	assert.Equal(t, "retention_days must be at least 90 days, got 89.", check(big.NewFloat(89)))
	assert.Equal(t, "retention_days must be at least 90 days, got -1.", check(big.NewFloat(-1)))
	assert.Equal(t, "retention_days must be a whole number of days that fits in 64 bits, got 1e+30.", check(big.NewFloat(1e30)))

	resp := &validator.NumberResponse{}
	retentionDaysValidator.ValidateNumber(t.Context(), validator.NumberRequest{Path: path.Root("retention_days"), ConfigValue: types.NumberUnknown()}, resp)
	assert.Empty(t, resp.Diagnostics)
}
