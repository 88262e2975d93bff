// Package wildmatch matches git's glob patterns (as in includeIf conditions and pathspecs) against text.
package wildmatch

// Flags change how Match reads a pattern.
type Flags uint

const (
	// Pathname keeps '*', '?' and bracket expressions from matching '/', and gives "**" between
	// slashes (or at either end) its meaning of "any number of directories".
	Pathname Flags = 1 << iota
	// CaseFold compares ASCII letters without regard to case.
	CaseFold
)

// result is a match outcome. Besides a plain miss, two outcomes stop the enclosing star loops early:
// abortAll when no later starting point can match either (the text ran out), abortToStarStar when
// only an enclosing "**" may still succeed by consuming a '/'.
type result int

const (
	match result = iota
	noMatch
	abortAll
	abortToStarStar
)

// Match reports whether text matches pattern: '?' is any one byte, '*' any run of bytes, '[...]'
// a set (ranges, '!' or '^' to negate, POSIX classes such as [:alpha:]), '\' quotes the next byte,
// and with Pathname '/' is only matched literally or by "**". A malformed pattern matches nothing.
func Match(pattern, text string, flags Flags) bool {
	return (&matcher{flags: flags}).match(pattern, 0, text, 0) == match
}

type matcher struct{ flags Flags }

func (m *matcher) fold(c byte) byte {
	if m.flags&CaseFold != 0 && c >= 'A' && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func isGlobSpecial(c byte) bool {
	return c == '*' || c == '?' || c == '[' || c == '\\'
}

// match matches p[pi:] against t[ti:].
func (m *matcher) match(p string, pi int, t string, ti int) result {
	pathname := m.flags&Pathname != 0
	for ; pi < len(p); pi, ti = pi+1, ti+1 {
		pc := p[pi]
		if ti >= len(t) && pc != '*' {
			return abortAll
		}
		var tc byte
		if ti < len(t) {
			tc = m.fold(t[ti])
		}
		pc = m.fold(pc)
		switch pc {
		case '?':
			if pathname && tc == '/' {
				return noMatch
			}
			continue
		case '[':
			next, r := m.set(p, pi, tc)
			if r != match {
				return r
			}
			pi = next
			continue
		case '*':
			return m.star(p, pi, t, ti)
		case '\\':
			pi++
			if pi >= len(p) {
				return noMatch // a trailing backslash matches nothing
			}
			pc = p[pi] // as in git, a quoted letter is compared without folding
		}
		if tc != pc {
			return noMatch
		}
	}
	if ti < len(t) {
		return noMatch
	}
	return match
}

// star matches a run of stars at p[pi] and what follows it against t[ti:].
func (m *matcher) star(p string, pi int, t string, ti int) result {
	pathname := m.flags&Pathname != 0
	start := pi
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	crossSlash := !pathname // may the stars consume '/'?
	if pi-start >= 2 && pathname {
		// "**" means any directories only as a whole path component: at the start or after '/',
		// and at the end or before '/'.
		atStart := start == 0 || p[start-1] == '/'
		atEnd := pi == len(p) || p[pi] == '/' || (p[pi] == '\\' && pi+1 < len(p) && p[pi+1] == '/')
		if atStart && atEnd {
			// "a/**/b" also matches "a/b": try the rest with the slash taken as matched.
			if pi < len(p) && p[pi] == '/' && m.match(p, pi+1, t, ti) == match {
				return match
			}
			crossSlash = true
		}
	}
	if pi == len(p) {
		if !crossSlash && indexByte(t, ti, '/') >= 0 {
			return noMatch
		}
		return match
	}
	if !crossSlash && p[pi] == '/' {
		// One star then '/': skip to the next slash of the text, which the pattern's '/' matches.
		s := indexByte(t, ti, '/')
		if s < 0 {
			return noMatch
		}
		return m.match(p, pi, t, s)
	}
	for ; ti < len(t); ti++ {
		if !isGlobSpecial(p[pi]) {
			// A literal follows: the stars end just before one of its occurrences.
			want := m.fold(p[pi])
			for ti < len(t) && (crossSlash || t[ti] != '/') && m.fold(t[ti]) != want {
				ti++
			}
			if ti >= len(t) || m.fold(t[ti]) != want {
				return noMatch
			}
		}
		r := m.match(p, pi, t, ti)
		if r != noMatch {
			if !crossSlash || r != abortToStarStar {
				return r
			}
		} else if !crossSlash && t[ti] == '/' {
			return abortToStarStar
		}
	}
	return abortAll
}

// set matches the bracket expression at p[pi] ('[') against tc. It returns the index of the closing
// ']' and match, or the outcome that ends the whole match.
func (m *matcher) set(p string, pi int, tc byte) (int, result) {
	pathname := m.flags&Pathname != 0
	pi++
	if pi >= len(p) {
		return 0, abortAll
	}
	negated := false
	if p[pi] == '!' || p[pi] == '^' {
		negated = true
		pi++
	}
	matched := false
	var prev byte // the previous single character, start of a possible range; 0 after a range or class
	first := true
	for {
		if pi >= len(p) {
			return 0, abortAll
		}
		c := p[pi]
		if c == ']' && !first {
			break
		}
		first = false
		switch {
		case c == '\\':
			pi++
			if pi >= len(p) {
				return 0, abortAll
			}
			c = p[pi]
			if tc == c {
				matched = true
			}
			prev = c
		case c == '-' && prev != 0 && pi+1 < len(p) && p[pi+1] != ']':
			pi++
			hi := p[pi]
			if hi == '\\' {
				pi++
				if pi >= len(p) {
					return 0, abortAll
				}
				hi = p[pi]
			}
			if tc >= prev && tc <= hi {
				matched = true
			} else if m.flags&CaseFold != 0 && tc >= 'a' && tc <= 'z' {
				if up := tc - ('a' - 'A'); up >= prev && up <= hi {
					matched = true
				}
			}
			prev = 0
		case c == '[' && pi+1 < len(p) && p[pi+1] == ':':
			end := pi + 2
			for end < len(p) && p[end] != ']' {
				end++
			}
			if end >= len(p) {
				return 0, abortAll
			}
			if end-1 < pi+2 || p[end-1] != ':' {
				// Not "[:name:]": the '[' is an ordinary member.
				if tc == '[' {
					matched = true
				}
				prev = '['
				break
			}
			in, ok := class(p[pi+2:end-1], tc, m.flags&CaseFold != 0)
			if !ok {
				return 0, abortAll
			}
			if in {
				matched = true
			}
			pi = end
			prev = 0
		default:
			if tc == c {
				matched = true
			}
			prev = c
		}
		pi++
	}
	if matched == negated || (pathname && tc == '/') {
		return 0, noMatch
	}
	return pi, match
}

// class reports whether c is in the POSIX class name (ASCII only); ok is false for an unknown name.
func class(name string, c byte, fold bool) (in, ok bool) {
	upper, lower := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z'
	digit := c >= '0' && c <= '9'
	alpha := upper || lower
	switch name {
	case "alnum":
		return alpha || digit, true
	case "alpha":
		return alpha, true
	case "blank":
		return c == ' ' || c == '\t', true
	case "cntrl":
		return c < 0x20 || c == 0x7f, true
	case "digit":
		return digit, true
	case "graph":
		return c > 0x20 && c < 0x7f, true
	case "lower":
		return lower, true
	case "print":
		return c >= 0x20 && c < 0x7f, true
	case "punct":
		return c > 0x20 && c < 0x7f && !alpha && !digit, true
	case "space":
		return c == ' ' || (c >= '\t' && c <= '\r'), true
	case "upper":
		return upper || (fold && lower), true
	case "xdigit":
		return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'), true
	}
	return false, false
}

func indexByte(s string, from int, c byte) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
