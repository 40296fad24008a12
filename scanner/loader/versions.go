package loader

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Provider versions decide defaults: where a provider changed an argument's
// default between major versions (AWS 6.0 made Redshift clusters private
// and encrypted by default), a rule needs the major version the
// configuration runs with. It comes from the dependency lock file that
// `terraform init` writes beside the root module, and otherwise from the
// required_providers constraints of every module in the tree when they
// admit a single major version (`~> 5.0`, `>= 5.2, < 6.0`). Anything else
// leaves it unknown (0) and rules keep their stated assumption.

var requiredProvidersSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "required_providers"}}}

// decodeRequiredProviders reads the version constraints of a terraform
// block's required_providers. Both the object form
// (`aws = { source = "hashicorp/aws", version = "~> 5.0" }`) and the legacy
// string form (`aws = "~> 5.0"`) count; anything else is ignored, as the
// constraint only refines rule defaults.
func decodeRequiredProviders(b *hcl.Block, fc *fileConfig) {
	content, _, _ := b.Body.PartialContent(requiredProvidersSchema)
	for _, rp := range content.Blocks {
		attrs, _ := rp.Body.JustAttributes()
		for name, a := range attrs {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
				continue
			}
			var constraint string
			switch {
			case v.Type() == cty.String:
				constraint = v.AsString()
			case v.Type().IsObjectType() && v.Type().HasAttribute("version"):
				if c := v.GetAttr("version"); c.Type() == cty.String && !c.IsNull() {
					constraint = c.AsString()
				}
			}
			if constraint == "" {
				continue
			}
			if fc.requiredProviders == nil {
				fc.requiredProviders = map[string][]string{}
			}
			fc.requiredProviders[name] = append(fc.requiredProviders[name], constraint)
		}
	}
}

// readLockFile returns the versions `terraform init` selected, by provider
// type name (the last part of the source address), from the root module's
// .terraform.lock.hcl. A missing lock file gives nothing: the constraints
// decide then. A lock file that is there but cannot be read (refused as a
// link out of the tree, too large, unreadable) is an error, and one that does
// not parse a warning, because either way the provider versions it pins are
// not applied and the reader must know why.
func readLockFile(src *source, rootDir string, diags *[]scanner.Diagnostic) map[string]string {
	p := path.Join(rootDir, ".terraform.lock.hcl")
	data, err := fs.ReadFile(src.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		*diags = append(*diags, notRead(scanner.Range{Filename: src.display(p)}, src.display, "Cannot read dependency lock file", err))
		return nil
	}
	f, parseDiags := hclsyntax.ParseConfig(data, src.display(p), hcl.InitialPos)
	if parseDiags.HasErrors() {
		first := convertDiags(parseDiags)[0]
		first.Severity = scanner.DiagWarning
		first.Detail = first.Summary + ": " + first.Detail + "; the provider versions it pins are not applied, the version constraints decide"
		first.Summary = "Cannot parse dependency lock file"
		*diags = append(*diags, first)
		return nil
	}
	content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "provider", LabelNames: []string{"source"}}}})
	out := map[string]string{}
	for _, b := range content.Blocks {
		attrs, _ := b.Body.JustAttributes()
		a, ok := attrs["version"]
		if !ok {
			continue
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
			continue
		}
		out[path.Base(b.Labels[0])] = v.AsString()
	}
	return out
}

// providerMajor is the major version of the provider with local name name
// that the root module runs with, or 0 when it cannot be told.
func (t *tree) providerMajor(name string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if m, ok := t.majors[name]; ok {
		return m
	}
	if t.majors == nil {
		t.majors = map[string]int{}
	}
	m := 0
	if v, ok := t.locked[name]; ok {
		if maj, ok := majorOf(v); ok {
			m = maj
		}
	} else {
		var constraints []string
		for _, mod := range t.modules {
			constraints = append(constraints, mod.requiredProviders[name]...)
		}
		m = singleMajor(constraints)
	}
	t.majors[name] = m
	return m
}

// providerName is the local name of a provider configuration address
// within its module ("aws.replica" → "aws").
func providerName(addr string) string {
	name, _, _ := strings.Cut(addr, ".")
	return name
}

// singleMajor returns the one major version every constraint admits
// together, or 0 when they admit several (or none, or cannot be read).
func singleMajor(constraints []string) int {
	lo, hi, ok := majorRange(constraints...)
	if ok && hi >= 0 && lo == hi && lo > 0 {
		return lo
	}
	return 0
}

// majorRange returns the lowest and highest major version the constraints
// (each a comma-separated list) admit together; hi is -1 when there is no
// upper bound, and lo > hi when they admit none. ok is false when one
// cannot be read.
func majorRange(constraints ...string) (lo, hi int, ok bool) {
	lo, hi = 0, -1
	for _, c := range constraints {
		for _, part := range strings.Split(c, ",") {
			l, h, ok := majorBounds(strings.TrimSpace(part))
			if !ok {
				return 0, 0, false
			}
			lo = max(lo, l)
			if h >= 0 && (hi < 0 || h < hi) {
				hi = h
			}
		}
	}
	return lo, hi, true
}

// majorBounds returns the lowest and highest major version one constraint
// (`~> 5.0`, `>= 4.2`, `< 6.0.0`, `= 5.1.0`, `5.1.0`) admits; hi is -1 when
// there is no upper bound.
func majorBounds(c string) (lo, hi int, ok bool) {
	op, nums, ok := splitConstraint(c)
	if !ok {
		return 0, 0, false
	}
	major := nums[0]
	rest := 0
	for _, n := range nums[1:] {
		rest += n
	}
	switch op {
	case "", "=":
		return major, major, true
	case "!=":
		return 0, -1, true
	case ">", ">=":
		return major, -1, true
	case "<=":
		return 0, major, true
	case "<":
		if rest == 0 {
			return 0, major - 1, true
		}
		return 0, major, true
	case "~>":
		if len(nums) == 1 {
			return major, -1, true // ~> 5 is >= 5
		}
		return major, major, true
	}
	return 0, 0, false
}

// splitConstraint reads one constraint into its operator ("" for an exact
// version) and the numbers of its version, without a pre-release suffix.
func splitConstraint(c string) (op string, nums []int, ok bool) {
	for _, o := range []string{"~>", ">=", "<=", "!=", ">", "<", "="} {
		if strings.HasPrefix(c, o) {
			op, c = o, strings.TrimSpace(c[len(o):])
			break
		}
	}
	parts := strings.Split(strings.TrimPrefix(c, "v"), ".")
	nums = make([]int, 0, len(parts))
	for _, p := range parts {
		p, _, _ = strings.Cut(p, "-") // pre-release suffix
		n, err := strconv.Atoi(p)
		if err != nil {
			return "", nil, false
		}
		nums = append(nums, n)
	}
	return op, nums, len(nums) > 0
}

// zeroMinorRange returns the lowest and highest minor release of 0.x that
// constraints admit together, for a module still at 0.x, whose minor
// releases may break its interface as a major does elsewhere; hi is -1
// when they bound no 0.x minor (`>= 0.12`, `~> 0.12`). A bound above 0.x
// (`< 1.0`) bounds no minor either. The caller checks the majors first
// (majorRange): a constraint read here admits 0.x.
func zeroMinorRange(constraints ...string) (lo, hi int, ok bool) {
	lo, hi = 0, -1
	for _, c := range constraints {
		for _, part := range strings.Split(c, ",") {
			op, nums, ok := splitConstraint(strings.TrimSpace(part))
			if !ok {
				return 0, 0, false
			}
			l, h := zeroMinorBounds(op, nums)
			lo = max(lo, l)
			if h >= 0 && (hi < 0 || h < hi) {
				hi = h
			}
		}
	}
	return lo, hi, true
}

// zeroMinorBounds is zeroMinorRange for one constraint.
func zeroMinorBounds(op string, nums []int) (lo, hi int) {
	minor, rest := 0, 0
	if len(nums) > 1 {
		minor = nums[1]
	}
	for _, n := range nums[min(2, len(nums)):] {
		rest += n
	}
	above := nums[0] > 0 // a bound past every 0.x release
	switch op {
	case "", "=":
		return minor, minor
	case ">", ">=":
		return minor, -1
	case "~>":
		if len(nums) > 2 {
			return minor, minor // ~> 0.12.1 is 0.12.x
		}
		return minor, -1
	case "<":
		switch {
		case above:
			return 0, -1
		case rest == 0:
			return 0, minor - 1
		}
		return 0, minor
	case "<=":
		if above {
			return 0, -1
		}
		return 0, minor
	}
	return 0, -1 // !=
}

// majorOf reads the major version of an exact version such as "5.31.0".
func majorOf(v string) (int, bool) {
	lo, hi, ok := majorBounds(v)
	return lo, ok && lo == hi
}
