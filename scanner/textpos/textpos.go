// Package textpos locates a byte offset of a document as the line and
// column an editor shows, for the readers of JSON documents (reports,
// `terraform show -json` output) whose decoders report offsets. It imports
// only the standard library, so that every layer can use it.
package textpos

import "bytes"

// LineColumn converts a byte offset of data to a 1-based line and column
// (in bytes), clamping the offset to data: decoders report offsets one
// past the end, or before the offending byte, of what they read.
func LineColumn(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
