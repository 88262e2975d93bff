// Package fold matches words in any case the way a regular expression's (?i) and strings.EqualFold
// do: letter by letter through Unicode's simple case folding, so that "k" also matches the Kelvin
// sign and "s" the long s. pm's hand-written matchers (pkg/lint's banned words, pkg/postmortem's
// role labels) share it.
package fold

import (
	"unicode"
	"unicode/utf8"
)

// Prefix returns the length in bytes of the prefix of s that spells word, each letter as itself or
// another letter of its simple case folding orbit; 0 when s does not start with word (or word is
// empty). A byte that is not UTF-8 matches nothing, as (?i) reads it as U+FFFD.
func Prefix[S string | []byte](s S, word []rune) int {
	n := 0
	for _, p := range word {
		if n >= len(s) {
			return 0
		}
		r, size := rune(s[n]), 1
		if r >= utf8.RuneSelf {
			// at most 4 bytes, converted on the stack for a []byte
			r, size = utf8.DecodeRuneInString(string(s[n:min(n+utf8.UTFMax, len(s))]))
			if r == utf8.RuneError && size == 1 {
				return 0
			}
		}
		if r != p && !Same(r, p) {
			return 0
		}
		n += size
	}
	return n
}

// Same reports whether r is another letter of p's simple case folding orbit.
func Same(r, p rune) bool {
	for f := unicode.SimpleFold(p); f != p; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}
