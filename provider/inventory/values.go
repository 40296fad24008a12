package inventory

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
)

// The values a control declaration may hold, in one place for the
// provider, which validates them at plan time, and for `inventory import`,
// which names a spreadsheet's mistakes by line before Terraform runs.

// ControlTypes returns what a control may do about a risk, in the order
// the provider documents them.
func ControlTypes() []string { return []string{"preventive", "detective", "corrective"} }

// AutomationLevels returns how a control may operate, in the order the
// provider documents them.
func AutomationLevels() []string { return []string{"automated", "semi-automated", "manual"} }

// MaxControlIDLength is the longest control ID accepted.
const MaxControlIDLength = 64

// controlIDPattern is the shape of a control's own ID: upper-case letters and
// digits in groups joined by '-', '.' or '_', starting with a letter, such as
// CRY-01, IAM.2 or OPS_BACKUP_01.
var controlIDPattern = lazyre.New(`^[A-Z][A-Z0-9]*(?:[-._][A-Z0-9]+)*$`)

// ValidControlID reports whether id has the shape and length of a control
// ID such as CRY-01.
func ValidControlID(id string) bool {
	return len(id) <= MaxControlIDLength && controlIDPattern().MatchString(id)
}

// CheckEmail accepts exactly one bare address whose domain has a dot.
// net/mail alone would also accept display names ("Alice <a@b.c>") and
// single-label domains, neither of which belongs in an owner record.
func CheckEmail(s string) error {
	if strings.ContainsAny(s, "/") || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return fmt.Errorf("%q is not an e-mail address this provider accepts: an owner's e-mail address is its id, which must not hold \"/\", newlines or NUL", s)
	}
	addr, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || addr.Address != s || at < 0 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return fmt.Errorf("%q is not an e-mail address; write a bare address such as alice@example.com (no display name, no angle brackets)", s)
	}
	return nil
}
