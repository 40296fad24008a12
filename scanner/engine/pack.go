package engine

import (
	"bytes"
	"compress/flate"
	"io"
)

// packer compresses file contents the report needs only at the end, for
// their digest. One flate writer is reused: each new one allocates
// several hundred kilobytes.
type packer struct {
	buf bytes.Buffer
	w   *flate.Writer
}

func newPacker() *packer {
	p := &packer{}
	// BestSpeed is a valid level: NewWriter cannot fail with it.
	p.w, _ = flate.NewWriter(&p.buf, flate.BestSpeed)
	return p
}

// pack returns src compressed, in a slice of its own.
func (p *packer) pack(src []byte) []byte {
	p.buf.Reset()
	p.w.Reset(&p.buf)
	// Writing to a bytes.Buffer does not fail.
	_, _ = p.w.Write(src)
	_ = p.w.Close()
	return bytes.Clone(p.buf.Bytes())
}

// unpack returns what pack compressed.
func unpack(z []byte) []byte {
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		// pack wrote z in this process: it is whole.
		panic("engine: unpacking a file kept for its digest: " + err.Error())
	}
	return out
}
