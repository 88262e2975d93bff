package present

import (
	"strings"

	"github.com/rivo/uniseg"
)

// Ellipsis ends a truncated text.
const Ellipsis = "…"

// Width is the number of terminal columns s takes: grapheme cluster by grapheme cluster, East Asian
// wide characters and emoji two, combining marks, zero-width characters and the joiners inside an
// emoji sequence none. Control characters count as none, so sanitise s first (Line) when it comes
// from a document.
func Width(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	return uniseg.StringWidth(s)
}

// printableASCII reports whether s is all printable ASCII, where every byte is a grapheme cluster one
// column wide: most cells of a table, measured without segmenting.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// Pad is s followed by the spaces that make it w columns wide, as %-*s pads ASCII: a wide character
// counts two (レビュー中 is ten columns, not five), so the columns after it line up. s wider than w
// comes back as it is.
func Pad(s string, w int) string {
	if n := w - Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// Truncate shortens s to at most w columns, ending it with an ellipsis when it had to cut. It cuts
// between grapheme clusters only, so a letter keeps its accents and an emoji sequence stays whole or
// goes whole; a wide character that would straddle the limit goes, leaving the text a column short.
func Truncate(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	room := w - Width(Ellipsis)
	if printableASCII(s) {
		return s[:max(room, 0)] + Ellipsis
	}
	var b strings.Builder
	n, state := 0, -1
	for rest := s; rest != ""; {
		var cluster string
		var cw int
		cluster, rest, cw, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if n+cw > room {
			break
		}
		b.WriteString(cluster)
		n += cw
	}
	return b.String() + Ellipsis
}

// Clip shortens s to at most n grapheme clusters, the last of them an ellipsis when it had to cut:
// for a short quote inside a sentence, where the count of characters matters more than columns.
func Clip(s string, n int) string {
	if uniseg.GraphemeClusterCount(s) <= n {
		return s
	}
	var b strings.Builder
	state := -1
	for rest, i := s, 0; rest != "" && i < n-1; i++ {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		b.WriteString(cluster)
	}
	return b.String() + Ellipsis
}
