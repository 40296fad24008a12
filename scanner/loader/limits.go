package loader

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The default instance limits. A count of a billion, or a module called
// twice at each of twenty levels, would otherwise take the scan's time and
// memory without bound.
const (
	// DefaultMaxInstances bounds the instances of one resource, data
	// source or module call (Options.MaxInstances).
	DefaultMaxInstances = 10_000
	// DefaultMaxTotalInstances bounds the resource and module instances
	// of one Load (Options.MaxTotalInstances).
	DefaultMaxTotalInstances = 50_000
)

// limits are the instance limits of one Load.
type limits struct {
	perBlock int
}

// budget counts the instances one Load expands, across its root modules.
type budget struct {
	limit, used int
	// exceeded stops evaluation everywhere once the limit is passed.
	exceeded bool
}

func newBudget(opts Options) *budget {
	limit := opts.MaxTotalInstances
	if limit <= 0 {
		limit = DefaultMaxTotalInstances
	}
	return &budget{limit: limit}
}

func newLimits(opts Options) limits {
	l := limits{perBlock: opts.MaxInstances}
	if l.perBlock <= 0 {
		l.perBlock = DefaultMaxInstances
	}
	return l
}

// takeInstances counts n more instances of the block at rng (addr is its
// address with the module path, which names the chain of module calls that
// led there). Past the limit it reports an error, once, and evaluation
// stops.
func (t *tree) takeInstances(n int, rng hcl.Range, addr string) bool {
	b := t.budget
	if b.exceeded {
		return false
	}
	b.used += n
	if b.used <= b.limit {
		return true
	}
	b.exceeded = true
	t.res.addDiag(scanner.Diagnostic{
		Severity: scanner.DiagError,
		Range:    scanner.RangeOf(rng),
		Summary:  "Too many instances",
		Detail: fmt.Sprintf("expanding %s takes the scan past %d resource and module instances; evaluation stopped here (raise the limit with --max-total-instances, max_total_instances in %s, or soc2_scan's max_total_instances)",
			addr, b.limit, configFileName),
	})
	return false
}
