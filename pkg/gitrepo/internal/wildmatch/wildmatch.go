// Package wildmatch matches git's glob patterns (gitattributes, gitignore, includeIf conditions,
// pathspecs) against text, byte for byte as git's wildmatch.c does.
package wildmatch

import "strings"

// Flags change how Match reads a pattern.
type Flags int

const (
	// Pathname makes '*' and '?' stop at '/', and gives "**" between slashes its
	// "any number of directories" meaning.
	Pathname Flags = 1 << iota
	// CaseFold compares ASCII letters without regard to case (core.ignoreCase).
	CaseFold
)

// Results of doWild. An abort tells the callers up the recursion that no later
// starting point can match either, which keeps matching linear in practice.
const (
	wmMatch = iota
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
)

// Match reports whether text matches the shell-style pattern with the rules git
// uses for gitattributes and gitignore: '?', '*', "**", '[...]' with ranges, '!' or
// '^' negation and [:class:] names, and '\' quoting. Character classes are ASCII
// only, as in git, whatever the locale.
func Match(pattern, text string, flags Flags) bool {
	// git matches C strings: a NUL ends either one.
	if i := strings.IndexByte(pattern, 0); i >= 0 {
		pattern = pattern[:i]
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		text = text[:i]
	}
	return doWild(pattern, 0, text, 0, flags) == wmMatch
}

// at returns s[i], or 0 past the end, standing in for C's terminating NUL.
func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isGlobSpecial(c byte) bool { return c == '*' || c == '?' || c == '[' || c == '\\' }

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func toLower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}
func toUpper(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}

// classMatches tests c against the POSIX class name in git's ASCII ctype; ok is
// false for a name git does not know, which makes the whole pattern fail.
func classMatches(name string, c byte, flags Flags) (matched, ok bool) {
	isDigit := c >= '0' && c <= '9'
	isAlpha := isUpper(c) || isLower(c)
	switch name {
	case "alnum":
		return isAlpha || isDigit, true
	case "alpha":
		return isAlpha, true
	case "blank":
		return c == ' ' || c == '\t', true
	case "cntrl":
		return c < 0x20 || c == 0x7f, true
	case "digit":
		return isDigit, true
	case "graph":
		return c > 0x20 && c < 0x7f, true
	case "lower":
		return isLower(c), true
	case "print":
		return c >= 0x20 && c <= 0x7e, true
	case "punct":
		return c > 0x20 && c < 0x7f && !isAlpha && !isDigit, true
	case "space":
		// git's own isspace: no vertical tab, no form feed.
		return c == ' ' || c == '\t' || c == '\n' || c == '\r', true
	case "upper":
		return isUpper(c) || (flags&CaseFold != 0 && isLower(c)), true
	case "xdigit":
		return isDigit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'), true
	}
	return false, false
}

// doWild matches pattern[p:] against text[t:]; it follows git's dowild step by step
// so that malformed patterns fail the same way.
func doWild(pattern string, p int, text string, t int, flags Flags) int {
	for ; p < len(pattern); t, p = t+1, p+1 {
		pch := pattern[p]
		tch := at(text, t)
		if tch == 0 && pch != '*' {
			return wmAbortAll
		}
		if flags&CaseFold != 0 {
			tch = toLower(tch)
			pch = toLower(pch)
		}
		switch pch {
		case '\\':
			// A trailing backslash compares against NUL and so never matches.
			p++
			pch = at(pattern, p)
			if tch != pch {
				return wmNoMatch
			}
			continue
		case '?':
			if flags&Pathname != 0 && tch == '/' {
				return wmNoMatch
			}
			continue
		case '*':
			var matchSlash bool
			p++
			if at(pattern, p) == '*' {
				prev := p - 2
				for p++; at(pattern, p) == '*'; p++ {
				}
				switch {
				case flags&Pathname == 0:
					matchSlash = true
				case (prev < 0 || pattern[prev] == '/') &&
					(at(pattern, p) == 0 || at(pattern, p) == '/' ||
						(at(pattern, p) == '\\' && at(pattern, p+1) == '/')):
					// "/**/" may stand for no directory at all.
					if at(pattern, p) == '/' && doWild(pattern, p+1, text, t, flags) == wmMatch {
						return wmMatch
					}
					matchSlash = true
				default:
					matchSlash = false
				}
			} else {
				matchSlash = flags&Pathname == 0
			}
			if p >= len(pattern) {
				if !matchSlash && t < len(text) && strings.IndexByte(text[t:], '/') >= 0 {
					return wmNoMatch
				}
				return wmMatch
			}
			if !matchSlash && pattern[p] == '/' {
				// One '*' before a slash matches the rest of one directory name.
				i := indexByteFrom(text, t, '/')
				if i < 0 {
					return wmNoMatch
				}
				t = i
				// The slash itself is matched by the loop step.
				break
			}
			for {
				if tch == 0 {
					break
				}
				if !isGlobSpecial(pattern[p]) {
					// Skip ahead to the next place the literal after '*' appears.
					want := pattern[p]
					if flags&CaseFold != 0 {
						want = toLower(want)
					}
					for {
						tch = at(text, t)
						if tch == 0 || (!matchSlash && tch == '/') {
							break
						}
						if flags&CaseFold != 0 {
							tch = toLower(tch)
						}
						if tch == want {
							break
						}
						t++
					}
					if tch != want {
						return wmNoMatch
					}
				}
				if m := doWild(pattern, p, text, t, flags); m != wmNoMatch {
					if !matchSlash || m != wmAbortToStarStar {
						return m
					}
				} else if !matchSlash && tch == '/' {
					return wmAbortToStarStar
				}
				t++
				tch = at(text, t)
			}
			return wmAbortAll
		case '[':
			p++
			pch = at(pattern, p)
			if pch == '^' {
				pch = '!'
			}
			negated := pch == '!'
			if negated {
				p++
				pch = at(pattern, p)
			}
			var prev byte
			matched := false
			for {
				if pch == 0 {
					return wmAbortAll
				}
				switch {
				case pch == '\\':
					p++
					pch = at(pattern, p)
					if pch == 0 {
						return wmAbortAll
					}
					if tch == pch {
						matched = true
					}
				case pch == '-' && prev != 0 && at(pattern, p+1) != 0 && at(pattern, p+1) != ']':
					p++
					pch = at(pattern, p)
					if pch == '\\' {
						p++
						pch = at(pattern, p)
						if pch == 0 {
							return wmAbortAll
						}
					}
					if tch <= pch && tch >= prev {
						matched = true
					} else if flags&CaseFold != 0 && isLower(tch) {
						up := toUpper(tch)
						if up <= pch && up >= prev {
							matched = true
						}
					}
					pch = 0 // a range cannot start another range
				case pch == '[' && at(pattern, p+1) == ':':
					p += 2
					s := p
					for at(pattern, p) != 0 && at(pattern, p) != ']' {
						p++
					}
					if at(pattern, p) == 0 {
						return wmAbortAll
					}
					i := p - s - 1
					if i < 0 || pattern[p-1] != ':' {
						// No ":]": the '[' is an ordinary member of the set.
						p = s - 2
						pch = '['
						if tch == pch {
							matched = true
						}
						break
					}
					m, ok := classMatches(pattern[s:s+i], tch, flags)
					if !ok {
						return wmAbortAll
					}
					if m {
						matched = true
					}
					pch = 0
				default:
					if tch == pch {
						matched = true
					}
				}
				prev = pch
				p++
				pch = at(pattern, p)
				if pch == ']' {
					break
				}
			}
			if matched == negated || (flags&Pathname != 0 && tch == '/') {
				return wmNoMatch
			}
			continue
		default:
			if tch != pch {
				return wmNoMatch
			}
			continue
		}
	}
	if t < len(text) {
		return wmNoMatch
	}
	return wmMatch
}

func indexByteFrom(s string, from int, c byte) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
