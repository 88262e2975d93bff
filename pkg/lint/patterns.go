package lint

import "strings"

// The few patterns a lint of one file always meets are matched by hand rather than by regular
// expressions: compiling them cost a one-file run (the pre-commit hook's) more than matching them.
// Each reads exactly as the expression in its comment, which FuzzPatterns checks against regexp.

// placeholderWordsAt returns where text holds TODO, TBD, FIXME or XXX as a whole word, in order:
// `\b(TODO|TBD|FIXME|XXX)\b`, where a word character is an ASCII letter, digit or underscore.
func placeholderWordsAt(text []byte) [][]int {
	var found [][]int
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != 'T' && c != 'F' && c != 'X' || i > 0 && asciiWord(text[i-1]) {
			continue
		}
		n := 0
		for _, w := range [...]string{"TODO", "TBD", "FIXME", "XXX"} {
			if len(text)-i >= len(w) && string(text[i:i+len(w)]) == w && (i+len(w) == len(text) || !asciiWord(text[i+len(w)])) {
				n = len(w)
				break
			}
		}
		if n > 0 {
			found = append(found, []int{i, i + n})
			i += n - 1
		}
	}
	return found
}

func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isSpace is what \s matches: tab, newline, form feed, carriage return, space.
func isSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ' }

// matchClock reads a timeline time as
// `^(?:(\d{4}-\d{2}-\d{2})[T ]\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(.*)$`
// does, returning its groups: date, hour, minutes, seconds and the rest (the zone, AM or PM).
func matchClock(s string) (date, hour, minutes, seconds, rest string, ok bool) {
	p := 0
	if len(s) >= 11 && digits(s[0:4]) && s[4] == '-' && digits(s[5:7]) && s[7] == '-' && digits(s[8:10]) &&
		(s[10] == 'T' || s[10] == ' ') {
		date, p = s[:10], 11
		for p < len(s) && isSpace(s[p]) {
			p++
		}
	}
	// Without the date, a text starting with one cannot match: its third character is a digit.
	switch {
	case len(s)-p >= 3 && digits(s[p:p+2]) && s[p+2] == ':':
		hour, p = s[p:p+2], p+3
	case len(s)-p >= 2 && digits(s[p:p+1]) && s[p+1] == ':':
		hour, p = s[p:p+1], p+2
	default:
		return "", "", "", "", "", false
	}
	if len(s)-p < 2 || !digits(s[p:p+2]) {
		return "", "", "", "", "", false
	}
	minutes, p = s[p:p+2], p+2
	if len(s)-p >= 3 && s[p] == ':' && digits(s[p+1:p+3]) {
		seconds, p = s[p+1:p+3], p+3
		if len(s)-p >= 2 && s[p] == '.' && digits(s[p+1:p+2]) {
			p += 2
			for p < len(s) && '0' <= s[p] && s[p] <= '9' {
				p++
			}
		}
	}
	for p < len(s) && isSpace(s[p]) {
		p++
	}
	// (.*)$ takes the rest unless it holds a line break, which '.' does not match; taking less
	// of the optional parts would leave that line break in the rest all the same.
	if strings.IndexByte(s[p:], '\n') >= 0 {
		return "", "", "", "", "", false
	}
	return date, hour, minutes, seconds, s[p:], true
}

// matchOffset reads a zone offset as `^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$` does, returning its
// groups: the sign, hours and minutes ("" when there are none).
func matchOffset(s string) (sign, hours, minutes string, ok bool) {
	if strings.HasPrefix(s, "UTC") || strings.HasPrefix(s, "GMT") {
		s = s[3:] // without the prefix, a text starting with U or G has no sign
	}
	if s == "" || s[0] != '+' && s[0] != '-' {
		return "", "", "", false
	}
	sign, s = s[:1], s[1:]
	for n := 2; n >= 1; n-- { // two hour digits first, then one, as \d{1,2} backtracks
		if len(s) < n || !digits(s[:n]) {
			continue
		}
		for _, colon := range [...]bool{true, false} {
			r := s[n:]
			if colon {
				if !strings.HasPrefix(r, ":") {
					continue
				}
				r = r[1:]
			}
			if len(r) == 2 && digits(r) {
				return sign, s[:n], r, true
			}
			if r == "" {
				return sign, s[:n], "", true
			}
		}
	}
	return "", "", "", false
}
