package loader

import (
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// maxKnownPrefix bounds the known prefix the loader keeps for a template
// only known after apply: enough for the head of a JSON document.
const maxKnownPrefix = 4096

// fullPrefixes gives each string template in expr whose value is only
// known after apply the whole text known before its first unknown part as
// its refined prefix. HCL keeps at most 128 bytes and, through cty's
// Unicode rules, cuts a multi-line heredoc at its first line break, so
//
//	settings = <<JSON
//	  {
//	    "EncryptionOperation": "EnableEncryption",
//	    "KeyVaultURL": "${data.azurerm_key_vault.kv.vault_uri}"
//	  }
//	JSON
//
// would be known to start with "  {" alone. It follows the templates that
// expr writes directly and those in the objects, tuples and parentheses
// it is made of (a module input's map of objects), so that a value passed
// on through locals, variables and for_each keeps what a reader sees.
func (in *instance) fullPrefixes(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) cty.Value {
	if v == cty.NilVal || in.whollyKnown(v) {
		return v
	}
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return in.fullPrefixes(ctx, e.Expression, v)
	case *hclsyntax.TemplateExpr:
		return templatePrefix(ctx, e, v)
	case *hclsyntax.ObjectConsExpr:
		return refineObjectItems(ctx, e, v, func(item hcl.Expression, old cty.Value) cty.Value {
			return in.fullPrefixes(ctx, item, old)
		})
	case *hclsyntax.TupleConsExpr:
		return refineTupleItems(e, v, func(item hcl.Expression, old cty.Value) cty.Value {
			return in.fullPrefixes(ctx, item, old)
		})
	}
	return v
}

// templatePrefix refines an unknown template result by the text of its
// parts up to the first unknown one, and what that part is known to start
// with. It leaves alone a result that is known, marked (sensitive), or
// already known to start with as much.
func templatePrefix(ctx *hcl.EvalContext, e *hclsyntax.TemplateExpr, v cty.Value) cty.Value {
	if v.IsKnown() || v.IsMarked() || !v.Type().Equals(cty.String) {
		return v
	}
	var text []byte
	for _, part := range e.Parts {
		pv, diags := part.Value(ctx)
		if diags.HasErrors() || pv.IsMarked() {
			return v
		}
		if !pv.IsKnown() {
			text = append(text, scanner.StringPrefix(pv)...)
			break
		}
		s, err := convert.Convert(pv, cty.String)
		if err != nil || s.IsNull() {
			return v
		}
		text = append(text, s.AsString()...)
		if len(text) > maxKnownPrefix {
			break
		}
	}
	prefix := safePrefix(text)
	if len(prefix) <= len(scanner.StringPrefix(v)) {
		return v
	}
	return cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull(prefix).NewValue()
}

// safePrefix trims text to maxKnownPrefix bytes and to whole characters,
// and drops a last character that text to come could combine with (a
// letter or digit followed by a combining accent): punctuation, spaces
// and line breaks, which end most known parts of a template, are kept.
func safePrefix(text []byte) string {
	if len(text) > maxKnownPrefix {
		text = text[:maxKnownPrefix]
	}
	for len(text) > 0 && !utf8.Valid(text) {
		text = text[:len(text)-1]
	}
	r, size := utf8.DecodeLastRune(text)
	if size > 0 && (r >= utf8.RuneSelf || !unicode.IsPunct(r) && !unicode.IsSpace(r) && !unicode.IsSymbol(r)) {
		text = text[:len(text)-size]
	}
	return string(text)
}
