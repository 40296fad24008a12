package config

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// RootExclusion is an exclude_roots entry: directories matching Pattern
// (a MatchPath glob relative to the configuration file's directory) and
// everything below them make no root module of their own.
type RootExclusion struct {
	Pattern string
	Range   hcl.Range
}

// roots reads exclude_roots and module_sources.
func (p *parser) roots(content *hcl.BodyContent) {
	if a := content.Attributes["exclude_roots"]; a != nil {
		for _, item := range p.strings(a) {
			if err := ValidPathPattern(item.value); err != nil {
				p.errorf(item.rng, "Invalid exclude_roots", "%q: %v", item.value, err)
				continue
			}
			p.cfg.ExcludeRoots = append(p.cfg.ExcludeRoots, RootExclusion{Pattern: item.value, Range: item.rng})
		}
	}
	if a := content.Attributes["module_sources"]; a != nil {
		p.moduleSources(a)
	}
}

// moduleSources reads module_sources: a map of module source (a registry
// address, a Git URL) to a directory.
func (p *parser) moduleSources(a *hcl.Attribute) {
	pairs, diags := hcl.ExprMap(a.Expr)
	if diags.HasErrors() {
		p.errorf(a.Expr.Range(), "Invalid module_sources", `module_sources must be a map such as { "terraform-google-modules/sql-db/google" = "." }`)
		return
	}
	p.cfg.ModuleSources = map[string]string{}
	for _, kv := range pairs {
		k, d := kv.Key.Value(nil)
		if d.HasErrors() || k.Type() != cty.String || k.IsNull() {
			p.errorf(kv.Key.Range(), "Invalid module_sources", "a key must be a quoted module source such as \"terraform-google-modules/sql-db/google\"")
			continue
		}
		key := strings.TrimSpace(k.AsString())
		if key == "" || strings.HasPrefix(key, "./") || strings.HasPrefix(key, "../") || key == "." || key == ".." {
			p.errorf(kv.Key.Range(), "Invalid module_sources", "%q is a local path, which needs no mapping; a key is a module source such as \"terraform-google-modules/sql-db/google\"", key)
			continue
		}
		v, d := kv.Value.Value(nil)
		if d.HasErrors() {
			p.diags = append(p.diags, d...)
			continue
		}
		if v.Type() != cty.String || v.IsNull() || strings.TrimSpace(v.AsString()) == "" {
			p.errorf(kv.Value.Range(), "Invalid module_sources", "the directory of %q must be a non-empty string, relative to the configuration file", key)
			continue
		}
		p.cfg.ModuleSources[key] = v.AsString()
	}
}

// ModuleSourceDirs returns ModuleSources with relative directories
// resolved against Dir, the configuration file's directory.
func (c *Config) ModuleSourceDirs() map[string]string {
	if len(c.ModuleSources) == 0 {
		return nil
	}
	out := make(map[string]string, len(c.ModuleSources))
	for k, v := range c.ModuleSources {
		if !filepath.IsAbs(v) && c.Dir != "" {
			v = filepath.Join(c.Dir, v)
		}
		out[k] = v
	}
	return out
}

// ExcludedRoot returns why the directory dir (an absolute path) makes no
// root module, naming the exclude_roots pattern that matches it, or ""
// when none does.
func (c *Config) ExcludedRoot(dir string) string {
	if c == nil || len(c.ExcludeRoots) == 0 || c.Dir == "" {
		return ""
	}
	rel, err := filepath.Rel(c.Dir, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	for _, ex := range c.ExcludeRoots {
		if MatchPath(ex.Pattern, filepath.ToSlash(rel)) {
			return fmt.Sprintf("excluded by exclude_roots %q (%s:%d)", ex.Pattern, filepath.Base(ex.Range.Filename), ex.Range.Start.Line)
		}
	}
	return ""
}
