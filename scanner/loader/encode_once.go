package loader

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// A landing zone decodes each policy document once per Load (decodeOnce)
// and writes it back as JSON in every resource that deploys it: a policy
// definition's rule, metadata and parameters are jsonencode of parts of
// the decoded document, in each root module that deploys the library.
// What jsonencode returns depends on its argument alone, and a collection
// go-cty built once keeps its identity (identityOf) wherever it is passed
// on, so the encoding of a collection is kept by that identity for the
// root being loaded and the next, with the hashes and sizes of
// collections (identity.go): the same document is encoded once, and a new
// collection of equal content is encoded again, to the same text.

// encodeOnce wraps jsonencode (f) so that a collection is encoded once.
// Values that are not collections, and marked ones, go to f as they are;
// failures are not kept, so that each call reports its own.
func (ev *evaluator) encodeOnce(f function.Function) function.Function {
	// The arguments have passed the checks of the same parameters when
	// Impl runs: f's own implementation is called as it is, since
	// f.Call would walk the whole document for marks again.
	impl := func(args []cty.Value, _ cty.Type) (cty.Value, error) { return f.Call(args) }
	if specLayoutOK {
		if spec := specOf(f); spec.Impl != nil {
			impl = spec.Impl
		}
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		Type:        function.StaticReturnType(cty.String),
		// As stdlib.JSONEncodeFunc: an unknown result is not null.
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			key, ok := collectionID(args[0])
			if !ok {
				return impl(args, retType)
			}
			if e, hit := ev.files.identity(key); hit && e.encoding != nil {
				return *e.encoding, nil
			}
			v, err := impl(args, retType)
			if err == nil {
				ev.files.keepIdentity(key, args[0], func(e *idEntry) { e.encoding = &v })
			}
			return v, err
		},
	})
}
