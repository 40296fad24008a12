package loader

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// A landing zone's library holds hundreds of JSON templates of up to
// 100 KB whose only interpolations name a template variable
// (`"${root_scope_resource_id}"`). HCL's template parser scans them token
// by token, counting columns in grapheme clusters, and builds literal
// parts it then joins: parsing them was a tenth of what a scan of such a
// repository allocated. parseSimpleTemplate builds the same syntax tree
// directly for a template of ASCII text without carriage returns whose
// interpolations are all `${name}` with nothing else between the braces
// (name an identifier other than true, false and null), and no `%{` or
// escaped `$${` and `%%{`: in such a template a column is a byte, the
// text between interpolations is one literal part, as HCL merges it, and
// an interpolation is a variable reference whose range is the name. Any
// other template, and one made of a single interpolation (HCL wraps its
// value rather than converting it to a string), is left to HCL.

// parseSimpleTemplate returns the syntax tree hclsyntax.ParseTemplate
// returns for src, a template file named filename, when src is simple
// (see above); ok is false otherwise.
func parseSimpleTemplate(src []byte, filename string) (hclsyntax.Expression, bool) {
	for _, c := range src {
		if c >= 0x80 || c == '\r' {
			return nil, false
		}
	}
	if bytes.Contains(src, []byte("%{")) {
		return nil, false
	}
	var parts []hclsyntax.Expression
	pos := hcl.InitialPos
	// advance returns the position after text, which starts at p.
	advance := func(p hcl.Pos, text []byte) hcl.Pos {
		for _, c := range text {
			p.Byte++
			if c == '\n' {
				p.Line++
				p.Column = 1
			} else {
				p.Column++
			}
		}
		return p
	}
	rest := src
	for len(rest) > 0 {
		i := bytes.Index(rest, []byte("${"))
		if i < 0 {
			i = len(rest)
		}
		if i > 0 {
			if i < len(rest) && rest[i-1] == '$' {
				// `$${`: an escape.
				return nil, false
			}
			end := advance(pos, rest[:i])
			parts = append(parts, &hclsyntax.LiteralValueExpr{
				Val:      cty.StringVal(string(rest[:i])),
				SrcRange: hcl.Range{Filename: filename, Start: pos, End: end},
			})
			pos = end
		}
		if i == len(rest) {
			break
		}
		j := bytes.IndexByte(rest[i+2:], '}')
		if j < 0 {
			return nil, false
		}
		name := rest[i+2 : i+2+j]
		if !simpleIdent(name) {
			return nil, false
		}
		start := advance(pos, rest[i:i+2])
		end := advance(start, name)
		rng := hcl.Range{Filename: filename, Start: start, End: end}
		parts = append(parts, &hclsyntax.ScopeTraversalExpr{
			Traversal: hcl.Traversal{hcl.TraverseRoot{Name: string(name), SrcRange: rng}},
			SrcRange:  rng,
		})
		pos = advance(end, rest[i+2+j:i+3+j])
		rest = rest[i+3+j:]
	}
	if len(parts) < 2 {
		return nil, false
	}
	return &hclsyntax.TemplateExpr{
		Parts:    parts,
		SrcRange: hcl.Range{Filename: filename, Start: hcl.InitialPos, End: pos},
	}, true
}

// simpleIdent reports whether name is an ASCII identifier that HCL reads
// as a variable: not a keyword for a literal value.
func simpleIdent(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	switch string(name) {
	case "true", "false", "null":
		return false
	}
	for i, c := range name {
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && (c == '-' || '0' <= c && c <= '9'):
		default:
			return false
		}
	}
	return true
}
