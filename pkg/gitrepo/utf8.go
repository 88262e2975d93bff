package gitrepo

// fixUTF8 is git's verify_utf8 (commit.c), which git runs on a commit object's text before it
// stores it when the commit encoding is UTF-8: each byte that does not start a valid sequence is
// read as Latin-1 and written as the two bytes of that character in UTF-8. Valid here is stricter
// than Go's utf8.Valid in the same ways as git's: no surrogates, nothing above U+10FFFF, no
// overlong forms, and none of the non-characters U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF. It reports
// whether b was valid (then out is b).
func fixUTF8(b []byte) (out []byte, ok bool) {
	for i := 0; i < len(b); {
		n := validAt(b[i:])
		if n > 0 {
			if out != nil {
				out = append(out, b[i:i+n]...)
			}
			i += n
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(b)+8), b[:i]...)
		}
		c := b[i]
		out = append(out, 0xc0+c>>6, 0x80+c&0x3f)
		i++
	}
	if out == nil {
		return b, true
	}
	return out, false
}

// validAt is the length of the valid sequence at the start of b as git's find_invalid_utf8 judges
// it, or 0 when b starts with an invalid byte.
func validAt(b []byte) int {
	c := b[0]
	if c < 0x80 {
		return 1
	}
	n, x := 0, c // n: the continuation bytes the lead byte announces; x: the lead shifted past them
	for x&0x40 != 0 {
		x <<= 1
		n++
	}
	if n < 1 || n > 3 || len(b) < n+1 {
		return 0
	}
	cp := uint32(x&0x7f) >> n
	for _, d := range b[1 : n+1] {
		if d&0xc0 != 0x80 {
			return 0
		}
		cp = cp<<6 | uint32(d&0x3f)
	}
	minCP := [...]uint32{0x80, 0x800, 0x10000}[n-1]
	maxCP := [...]uint32{0x7ff, 0xffff, 0x10ffff}[n-1]
	switch {
	case cp < minCP || cp > maxCP:
		return 0
	case cp&0x1ff800 == 0xd800: // surrogates
		return 0
	case cp&0xfffe == 0xfffe, cp >= 0xfdd0 && cp <= 0xfdef: // non-characters
		return 0
	}
	return n + 1
}
