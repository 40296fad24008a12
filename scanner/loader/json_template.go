package loader

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Hole markers stand for the interpolations of a JSON template that are
// only known after apply. They are private-use characters: valid inside a
// JSON string, a syntax error anywhere else.
const (
	holeOpen  = "\uE000"
	holeClose = "\uE001"
)

// jsonTemplateDoc reads a string template that writes JSON (a heredoc
// or quoted policy with interpolations) whose value is only partly known,
// as partialJSON reads jsonencode: when every interpolation only known
// after apply sits inside a JSON string value, the document's structure is
// known, and so is each string but those, which keep the text before their
// first unknown part as a known prefix ("arn:aws:s3:::${var.bucket}/*" is
// a bucket ARN, never "*"). An unknown part anywhere else (`"Action":
// ${var.actions}`, an object key) leaves the document unknown.
//
// It also returns where each unknown string of the document is read from
// (scanner.Value.LeafOrigins), by holeOrigin's entry for each
// interpolation only known after apply; no leaves when holeOrigin is nil.
func (in *instance) jsonTemplateDoc(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, holeOrigin func(part hcl.Expression) scanner.Origin) (cty.Value, []scanner.LeafOrigin, bool) {
	tmpl, ok := expr.(*hclsyntax.TemplateExpr)
	// A template whose interpolation Terraform rejects (an undeclared
	// reference, reported as an error) evaluates to an unknown of no type;
	// its literal parts are still known.
	if !ok || len(tmpl.Parts) < 2 || v.IsKnown() || (!v.Type().Equals(cty.String) && v.Type() != cty.DynamicPseudoType) || v.ContainsMarked() {
		return cty.NilVal, nil, false
	}
	first, ok := tmpl.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || !first.Val.Type().Equals(cty.String) {
		return cty.NilVal, nil, false
	}
	if lead := strings.TrimSpace(first.Val.AsString()); !strings.HasPrefix(lead, "{") && !strings.HasPrefix(lead, "[") {
		return cty.NilVal, nil, false
	}
	var text strings.Builder
	holes := 0
	var holeOrigins []scanner.Origin
	var holePrefixes []string
	for _, part := range tmpl.Parts {
		pv := in.value(ctx, part)
		if pv.ContainsMarked() {
			return cty.NilVal, nil, false
		}
		if pv.IsKnown() {
			s, err := convert.Convert(pv, cty.String)
			if err != nil || s.IsNull() {
				return cty.NilVal, nil, false
			}
			text.WriteString(s.AsString())
			continue
		}
		// What an unknown part is known to start with is text too.
		prefix := scanner.StringPrefix(pv)
		text.WriteString(prefix)
		holePrefixes = append(holePrefixes, prefix)
		text.WriteString(holeOpen + strconv.Itoa(holes) + holeClose)
		holes++
		if holeOrigin != nil {
			holeOrigins = append(holeOrigins, holeOrigin(part))
		}
	}
	if holes == 0 {
		return cty.NilVal, nil, false
	}
	data := []byte(text.String())
	ty, err := ctyjson.ImpliedType(data)
	if err != nil || (!ty.IsObjectType() && !ty.IsTupleType()) {
		return cty.NilVal, nil, false
	}
	doc, err := ctyjson.Unmarshal(data, ty)
	if err != nil {
		return cty.NilVal, nil, false
	}
	h := holeLeaves{origins: holeOrigins, prefixes: holePrefixes}
	doc, ok = h.unknown(doc, nil)
	return doc, h.leaves, ok
}

// holeLeaves makes the strings of a decoded JSON template that hold a
// hole unknown (unknown), and records in leaves the origin of each such
// string whose every hole has one in origins (by hole number).
type holeLeaves struct {
	origins []scanner.Origin
	// prefixes are what each hole's part is known to start with, written
	// before the hole in the document's text.
	prefixes []string
	leaves   []scanner.LeafOrigin
}

// unknown makes each string of v, the part of the document at path, that
// holds a hole unknown, refined by the text before its first hole; ok is
// false when an object key holds one.
func (h *holeLeaves) unknown(v cty.Value, path cty.Path) (cty.Value, bool) {
	t := v.Type()
	switch {
	case v.IsNull():
		return v, true
	case t.Equals(cty.String):
		s := v.AsString()
		i := strings.Index(s, holeOpen)
		if i < 0 {
			return v, true
		}
		if o := h.stringOrigin(s); !o.IsZero() {
			h.leaves = append(h.leaves, scanner.LeafOrigin{Path: path.Copy(), Origin: o, Skeleton: h.skeleton(s)})
		}
		u := cty.UnknownVal(cty.String)
		if i > 0 {
			u = u.Refine().NotNull().StringPrefix(s[:i]).NewValue()
		} else {
			u = u.Refine().NotNull().NewValue()
		}
		return u, true
	case t.IsObjectType():
		attrs := make(map[string]cty.Value, len(t.AttributeTypes()))
		for name := range t.AttributeTypes() {
			if strings.Contains(name, holeOpen) {
				return cty.NilVal, false
			}
			a, ok := h.unknown(v.GetAttr(name), append(path, cty.GetAttrStep{Name: name}))
			if !ok {
				return cty.NilVal, false
			}
			attrs[name] = a
		}
		return cty.ObjectVal(attrs), true
	case t.IsTupleType():
		elems := make([]cty.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			e, ok := h.unknown(e, append(path, cty.IndexStep{Key: k}))
			if !ok {
				return cty.NilVal, false
			}
			elems = append(elems, e)
		}
		if len(elems) == 0 {
			return cty.EmptyTupleVal, true
		}
		return cty.TupleVal(elems), true
	}
	return v, true
}

// skeleton is the skeleton (scanner.Value.Skeleton) of the document
// string s: each hole, with what its part is known to start with, replaced
// by scanner.UnknownMark; "" when s cannot be read so.
func (h *holeLeaves) skeleton(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, holeOpen)
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], holeClose)
		if j < 0 {
			return ""
		}
		n, err := strconv.Atoi(s[i+len(holeOpen) : i+j])
		if err != nil || n >= len(h.prefixes) || !strings.HasSuffix(s[:i], h.prefixes[n]) {
			return ""
		}
		b.WriteString(s[:i-len(h.prefixes[n])])
		b.WriteString(scanner.UnknownMark)
		s = s[i+j+len(holeClose):]
	}
	b.WriteString(s)
	return b.String()
}

// stringOrigin is the leaf origin of the document string s that holds
// holes: the hole's own entry when s is one hole alone, else the
// attributes every hole is read from, InText (textEntry); the zero Origin
// when some hole's origin is not known.
func (h *holeLeaves) stringOrigin(s string) scanner.Origin {
	if h.origins == nil {
		return scanner.Origin{}
	}
	var entries []scanner.Origin
	for rest := s; ; {
		i := strings.Index(rest, holeOpen)
		if i < 0 {
			break
		}
		rest = rest[i+len(holeOpen):]
		j := strings.Index(rest, holeClose)
		if j < 0 {
			return scanner.Origin{}
		}
		n, err := strconv.Atoi(rest[:j])
		if err != nil || n >= len(h.origins) || h.origins[n].IsZero() {
			return scanner.Origin{}
		}
		entries = append(entries, h.origins[n])
		rest = rest[j+len(holeClose):]
	}
	if len(entries) == 1 && strings.HasPrefix(s, holeOpen) && strings.HasSuffix(s, holeClose) {
		return entries[0]
	}
	return textEntry(entries)
}

// jsonTemplateFileDoc is jsonTemplateDoc for a template file:
// templatefile("policy.json.tpl", { bucket_arn = aws_s3_bucket.b.arn })
// renders a document whose structure the file fixes, and whose strings
// are known but for the variables only known after apply. The file is
// read and parsed as templatefile reads it (confined to the scanned
// paths, parsed once per content); anything else (a path or variables
// not known, a file that is not a JSON template) is not read this way.
//
// It also returns, when leaves is true, where each unknown string is read
// from: a hole that names one template variable is read from the
// expression the call's object literal gives that variable.
func (in *instance) jsonTemplateFileDoc(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, leaves bool) (cty.Value, []scanner.LeafOrigin, bool) {
	call, ok := expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "templatefile" || len(call.Args) != 2 || v.IsKnown() {
		return cty.NilVal, nil, false
	}
	path := in.value(ctx, call.Args[0])
	if !path.IsKnown() || path.IsNull() || !path.Type().Equals(cty.String) || path.ContainsMarked() {
		return cty.NilVal, nil, false
	}
	vars := in.value(ctx, call.Args[1])
	if !vars.IsKnown() || vars.IsNull() || vars.ContainsMarked() || (!vars.Type().IsObjectType() && !vars.Type().IsMapType()) {
		return cty.NilVal, nil, false
	}
	p := path.AsString()
	data, err := in.ev.readConfined(p)
	if err != nil {
		return cty.NilVal, nil, false
	}
	t := in.ev.tree
	pt := in.ev.parseTemplate(data, p, t.src.fsPath(t.rootDir, p))
	if pt.err != nil {
		return cty.NilVal, nil, false
	}
	tctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: in.ev.templateFunctions()}
	for it := vars.ElementIterator(); it.Next(); {
		k, e := it.Element()
		tctx.Variables[k.AsString()] = e
	}
	var holeOrigin func(hcl.Expression) scanner.Origin
	if leaves {
		holeOrigin = in.templateVarOrigin(ctx, call.Args[1])
	}
	return in.jsonTemplateDoc(tctx, pt.expr, v, holeOrigin)
}
