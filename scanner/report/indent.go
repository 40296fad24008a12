package report

// appendIndented appends to dst the compact JSON src (one value, as
// json.Encoder writes it without indentation: no space outside strings,
// ending in a newline) indented exactly as json.Indent indents it with
// prefix and indent: a newline, prefix and depth × indent after each
// opening bracket (but of an empty {} or []) and each comma, before each
// closing bracket, and a space after each colon.
//
// encoding/json indents by running its validating scanner over the
// encoded text a byte at a time: for a report of one small file that was
// a tenth of the instructions the process ran, and more of a large
// report's. Text the encoder wrote needs no validation, only to know
// where strings start and end.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	newline := func(depth int) {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			end := stringEnd(src, i+1)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline(depth)
		case ',':
			dst = append(dst, c)
			newline(depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			depth--
			newline(depth)
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the position just after the closing quote of the JSON
// string whose contents start at from, or len(src) if it has none. The
// strings of a report are mostly short (rule IDs, file names), for which
// a loop is cheaper than a search.
func stringEnd(src []byte, from int) int {
	for i := from; i < len(src); i++ {
		switch src[i] {
		case '"':
			return i + 1
		case '\\':
			i++ // the byte it escapes
		}
	}
	return len(src)
}
