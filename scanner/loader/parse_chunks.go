package loader

import (
	"bytes"
	"runtime"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// chunkedParseMin is the size from which a native syntax file is parsed in
// pieces, and chunkSize the size of each piece. hclsyntax lexes a whole
// file into one slice of tokens before parsing it: about 100 bytes per
// token, so a 5 MB file grows a slice of about 100 MB by repeated copying,
// into fresh pages of memory each time, and keeps it until the parse ends.
// Pieces of about 1 KiB (a few blocks each) keep each slice small enough to
// be reused from the heap, and let the pieces of one large file use every
// core.
const (
	chunkedParseMin = 256 << 10
	chunkSize       = 1 << 10
)

// parseNative parses a native syntax configuration file. A large file is
// parsed as pieces cut before top-level blocks, which gives the same syntax
// tree (see parseChunks); a file too small, or that cannot be cut, is
// parsed whole.
func parseNative(data []byte, filename string) (*hcl.File, hcl.Diagnostics) {
	if len(data) >= chunkedParseMin {
		if f := parseChunks(data, filename, chunkSize); f != nil {
			return f, nil
		}
	}
	return hclsyntax.ParseConfig(data, filename, hcl.InitialPos)
}

// chunk is a piece of a file: from byte start, which is the beginning of
// line line, to byte end.
type chunk struct {
	start, end, line int
}

// splitChunks cuts src into pieces of about size bytes, each but the first
// beginning where a formatted file begins a top-level block: at a line
// that starts with a letter, after a blank line that follows a line
// holding only a closing brace. The cut can be wrong in a file that is not
// formatted, or in a heredoc whose text looks like that; parseChunks finds
// that out.
func splitChunks(src []byte, size int) []chunk {
	var out []chunk
	cur := chunk{line: 1}
	line := 1
	lineStart := 0
	closed := false // the last line that was not blank was "}"
	blank := false  // the line that just ended was blank
	for i := 0; i < len(src); i++ {
		if src[i] != '\n' {
			continue
		}
		text := bytes.TrimSuffix(src[lineStart:i], []byte("\r"))
		blank = len(text) == 0
		if !blank {
			closed = len(text) == 1 && text[0] == '}'
		}
		line++
		lineStart = i + 1
		if !blank || !closed || lineStart-cur.start < size || lineStart >= len(src) || !isASCIILetter(src[lineStart]) {
			continue
		}
		cur.end = lineStart
		out = append(out, cur)
		cur = chunk{start: lineStart, line: line}
	}
	cur.end = len(src)
	return append(out, cur)
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parseChunks parses src as pieces of about size bytes, in parallel, and
// joins their bodies into one. It returns nil, for the caller to parse the
// file whole, unless every piece parses without any diagnostic and no
// top-level argument is set in two pieces.
//
// The result is then the tree that parsing the whole file gives. Each
// piece is lexed from its own position in the file, so every range is the
// same. A top-level body is a sequence of items, each parsed on its own;
// a piece that parses without diagnostics holds whole items only, as an
// item cut short leaves a block, bracket, string, heredoc or comment
// unclosed, which is an error. The only check across items of a body is
// that no argument is set twice, done here across pieces. The body's range
// runs from its first token to the end of the file, which are the first
// piece's first token and the last piece's end; the first piece's body,
// when it holds only comments, starts where the second piece's first
// token does.
//
// The file has no Nav, which hclsyntax builds over the tree it parsed
// itself; the loader does not use it.
func parseChunks(src []byte, filename string, size int) *hcl.File {
	chunks := splitChunks(src, size)
	if len(chunks) < 2 {
		return nil
	}
	bodies := make([]*hclsyntax.Body, len(chunks))
	failed := make([]bool, len(chunks))
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				bodies[i] = parsePiece(src, filename, chunks[i])
				failed[i] = bodies[i] == nil
			}
		}()
	}
	for i := range chunks {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, bad := range failed {
		if bad {
			return nil
		}
	}
	merged := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		SrcRange:   hcl.RangeBetween(bodies[0].SrcRange, bodies[len(bodies)-1].SrcRange),
		EndRange:   bodies[len(bodies)-1].EndRange,
	}
	n := 0
	for _, b := range bodies {
		n += len(b.Blocks)
	}
	merged.Blocks = make(hclsyntax.Blocks, 0, n)
	for _, b := range bodies {
		merged.Blocks = append(merged.Blocks, b.Blocks...)
		for name, attr := range b.Attributes {
			if _, dup := merged.Attributes[name]; dup {
				return nil
			}
			merged.Attributes[name] = attr
		}
	}
	return &hcl.File{Body: merged, Bytes: src}
}

// parseConfig is hclsyntax.ParseConfig; tests replace it.
var parseConfig = hclsyntax.ParseConfig

// parsePiece parses one piece of src, or returns nil when it has any
// diagnostic. A panic in the parser returns nil too: it runs on a worker
// goroutine, where parseFile's recover cannot catch it, and parsing the
// file whole then meets the same panic where parseFile can.
func parsePiece(src []byte, filename string, c chunk) (body *hclsyntax.Body) {
	defer func() {
		if recover() != nil {
			body = nil
		}
	}()
	start := hcl.Pos{Line: c.line, Column: 1, Byte: c.start}
	f, diags := parseConfig(src[c.start:c.end], filename, start)
	if len(diags) > 0 || f == nil {
		return nil
	}
	body, _ = f.Body.(*hclsyntax.Body)
	return body
}
