package config

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
)

// MatchPath reports whether the slash-separated file path matches pattern.
// Each path segment is matched with path.Match; a `**` segment matches any
// number of segments (zero included). A pattern that matches a leading part
// of the path covers everything below it, so "legacy" excludes
// "legacy/main.tf". A leading "./" is ignored on both sides.
func MatchPath(pattern, file string) bool {
	pattern = strings.TrimPrefix(path.Clean(strings.TrimSpace(pattern)), "./")
	file = strings.TrimPrefix(path.Clean(file), "./")
	if pattern == "" || pattern == "." {
		return false
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(file, "/"))
}

// ValidPathPattern checks a pattern for MatchPath: path.Match syntax in
// each segment (a malformed one, such as an unclosed "[", would match
// nothing and silently exclude nothing), and not empty.
func ValidPathPattern(pattern string) error {
	clean := strings.TrimPrefix(path.Clean(strings.TrimSpace(pattern)), "./")
	if clean == "" || clean == "." {
		return errors.New("an empty pattern matches no file; write a path or a glob such as \"legacy/**\"")
	}
	for _, seg := range strings.Split(clean, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("segment %q is not a valid glob (path.Match syntax: *, ?, [a-z], \\ escapes)", seg)
		}
	}
	return nil
}

// matchSegments matches pattern segments against path segments; running out
// of pattern with path left over is a match (the pattern named a directory).
func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			for i := 0; i <= len(segs); i++ {
				if matchSegments(rest, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], segs[0]); err != nil || !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return true
}

var (
	addressPatterns   = map[string]*regexp.Regexp{}
	addressPatternsMu sync.Mutex
)

// MatchAddress reports whether a resource address matches pattern. `*`
// matches any run of characters; everything else is literal. The pattern
// may stop at any step of the address: "module.legacy" covers every
// resource in that module call (and its instances, module.legacy["a"]),
// "aws_s3_bucket.logs" covers aws_s3_bucket.logs[0].
func MatchAddress(pattern, address string) bool {
	pattern = strings.TrimSpace(pattern)
	if pattern == "" {
		return false
	}
	if pattern == address {
		return true
	}
	return addressRegexp(pattern).MatchString(address)
}

func addressRegexp(pattern string) *regexp.Regexp {
	addressPatternsMu.Lock()
	defer addressPatternsMu.Unlock()
	if re, ok := addressPatterns[pattern]; ok {
		return re
	}
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	// An optional instance key, then optionally further steps.
	re := regexp.MustCompile(`^` + strings.Join(parts, `.*`) + `(\[[^\]]*\])?(\..+)?$`)
	addressPatterns[pattern] = re
	return re
}

// Suggest returns the candidate closest to a mistyped name, or "" when none
// is close enough to be a likely typo.
func Suggest(name string, candidates []string) string {
	best, bestDist := "", -1
	limit := max(2, len(name)/4)
	for _, c := range candidates {
		d := levenshtein.Distance(name, c, nil)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	// A rule ID given without its provider prefix, or a prefix of one.
	for _, c := range candidates {
		if strings.HasSuffix(c, "-"+name) || (len(name) >= 8 && strings.HasPrefix(c, name)) {
			return c
		}
	}
	return ""
}
