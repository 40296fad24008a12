package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// terraformFunctions are Terraform's built-in functions (as of Terraform
// 1.11). A call to a name the scanner does not compute is unknown when
// Terraform has the function, and an error otherwise: Terraform rejects a
// call to a function that does not exist ("Call to unknown function").
var terraformFunctions = map[string]bool{
	"abs": true, "abspath": true, "alltrue": true, "anytrue": true, "base64decode": true, "base64encode": true,
	"base64gzip": true, "base64sha256": true, "base64sha512": true, "basename": true, "bcrypt": true, "can": true,
	"ceil": true, "chomp": true, "chunklist": true, "cidrhost": true, "cidrnetmask": true, "cidrsubnet": true,
	"cidrsubnets": true, "coalesce": true, "coalescelist": true, "compact": true, "concat": true, "contains": true,
	"csvdecode": true, "dirname": true, "distinct": true, "element": true, "endswith": true, "ephemeralasnull": true,
	"file": true, "filebase64": true, "filebase64sha256": true, "filebase64sha512": true, "fileexists": true,
	"filemd5": true, "fileset": true, "filesha1": true, "filesha256": true, "filesha512": true, "flatten": true,
	"floor": true, "format": true, "formatdate": true, "formatlist": true, "indent": true, "index": true,
	"issensitive": true, "join": true, "jsondecode": true, "jsonencode": true, "keys": true, "length": true,
	"log": true, "lookup": true, "lower": true, "matchkeys": true, "max": true, "md5": true, "merge": true,
	"min": true, "nonsensitive": true, "one": true, "parseint": true, "pathexpand": true, "plantimestamp": true,
	"pow": true, "range": true, "regex": true, "regexall": true, "replace": true, "reverse": true,
	"rsadecrypt": true, "sensitive": true, "setintersection": true, "setproduct": true, "setsubtract": true,
	"setunion": true, "sha1": true, "sha256": true, "sha512": true, "signum": true, "slice": true, "sort": true,
	"split": true, "startswith": true, "strcontains": true, "strrev": true, "substr": true, "sum": true,
	"templatefile": true, "templatestring": true, "textdecodebase64": true, "textencodebase64": true,
	"timeadd": true, "timecmp": true, "timestamp": true, "title": true, "tobool": true, "tolist": true,
	"tomap": true, "tonumber": true, "toset": true, "tostring": true, "transpose": true, "trim": true,
	"trimprefix": true, "trimspace": true, "trimsuffix": true, "try": true, "upper": true, "urlencode": true,
	"uuid": true, "uuidv5": true, "values": true, "yamldecode": true, "yamlencode": true, "zipmap": true,
}

// addUncomputed registers what the configuration calls and fns lacks:
// Terraform's own functions the scanner does not compute and functions of
// a namespace (provider::aws::arn_parse; core::upper is upper) evaluate to
// unknown. Anything else stays unregistered, so that calling it is HCL's
// "Call to unknown function" error, which reportRejected reports.
func addUncomputed(fns map[string]function.Function, used map[string]bool) {
	for name := range used {
		if _, ok := fns[name]; ok {
			continue
		}
		if builtin, ok := strings.CutPrefix(name, "core::"); ok {
			if f, ok := fns[builtin]; ok {
				fns[name] = f
				continue
			}
		}
		if strings.Contains(name, "::") || terraformFunctions[name] {
			fns[name] = unknownFunc(cty.DynamicPseudoType)
		}
	}
}

// fileFunctions read files: the file may be generated before Terraform
// runs (a zip built by CI), so their errors leave the value unknown.
var fileFunctions = map[string]bool{
	"file": true, "filebase64": true, "fileexists": true, "fileset": true, "filemd5": true, "filesha1": true,
	"filesha256": true, "filesha512": true, "filebase64sha256": true, "filebase64sha512": true,
	"templatefile": true,
}

// reportRejected reports the evaluation errors Terraform would reject the
// configuration for, whatever values it is given at plan time: a call to a
// function that does not exist, and a function that fails on arguments
// that depend on nothing but constants, other such local values, path and
// terraform (tobool("maybe"), range(0, 100000)). Errors that depend on a
// variable, a module output, a resource, a data source or an iterator stay
// unknown values only, since other values might make them go away.
func (in *instance) reportRejected(expr hcl.Expression, diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError || d.Subject == nil {
			continue
		}
		if d.Summary == "Call to unknown function" {
			in.diag(rejected(d))
			continue
		}
		extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
		if !ok || extra.FunctionCallError() == nil || fileFunctions[extra.CalledFunctionName()] {
			continue
		}
		call := failedCall(expr, extra.CalledFunctionName(), *d.Subject)
		if call != nil && in.constantArgs(call) {
			in.diag(rejected(d))
		}
	}
}

func rejected(d *hcl.Diagnostic) scanner.Diagnostic {
	return scanner.Diagnostic{
		Severity: scanner.DiagError,
		Range:    scanner.RangeOf(*d.Subject),
		Summary:  d.Summary,
		Detail:   strings.TrimSpace(d.Detail) + " Terraform rejects the configuration.",
	}
}

// failedCall finds the innermost call to name in expr whose range holds
// subject, where a function's error is reported.
func failedCall(expr hcl.Expression, name string, subject hcl.Range) *hclsyntax.FunctionCallExpr {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	var found *hclsyntax.FunctionCallExpr
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok && c.Name == name && contains(c.Range(), subject) {
			found = c // later visits are nested deeper
		}
		return nil
	})
	return found
}

func contains(outer, inner hcl.Range) bool {
	return outer.Filename == inner.Filename && outer.Start.Byte <= inner.Start.Byte && inner.End.Byte <= outer.End.Byte
}

// constantArgs reports whether a call's arguments depend on nothing that
// may differ at plan time.
func (in *instance) constantArgs(call *hclsyntax.FunctionCallExpr) bool {
	for _, a := range call.Args {
		if !in.constant(a.Variables(), map[string]bool{}) {
			return false
		}
	}
	return true
}

// constant reports whether traversals refer only to path, terraform and
// local values that are themselves constant; seen guards against cycles.
func (in *instance) constant(trs []hcl.Traversal, seen map[string]bool) bool {
	for _, tr := range trs {
		switch tr.RootName() {
		case "path", "terraform":
		case "local":
			name := attrAt(tr, 1)
			l := in.mod.local(name)
			if l == nil || seen[name] {
				return false
			}
			seen[name] = true
			if !in.constant(l.expr.Variables(), seen) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
