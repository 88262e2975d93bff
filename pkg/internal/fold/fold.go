// Package fold matches words in any case the way a regular expression's (?i) and strings.EqualFold
// do: letter by letter through Unicode's simple case folding, so that "k" also matches the Kelvin
// sign and "s" the long s. pm's hand-written matchers (pkg/lint's banned words, pkg/postmortem's
// role labels) share it, and Key matches names (services, tags) so, in one Unicode form.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// Key is the form under which names written differently are one name: s without surrounding spaces,
// in Unicode's composed form (NFC: "café" typed with é, or as e and a combining accent as macOS
// writes it, are one), each letter the first of its simple case folding orbit ("Café", "CAFÉ" and
// "café" are one, as strings.EqualFold matches them). Services and tags are grouped, and matched by
// --service and --tag, by it: pkg/stats, pkg/site and pkg/config's vocabulary share it.
func Key(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, Form(s))
}

// Form is s as a name is shown and kept: without surrounding spaces, in the composed form (NFC), so
// that two encodings of one spelling are one spelling.
func Form(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }

// Equal reports whether a and b are one name: the same Key.
func Equal(a, b string) bool { return a == b || Key(a) == Key(b) }
