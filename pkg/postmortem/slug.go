package postmortem

import (
	"strings"
	"unicode/utf8"
)

// MaxSlugLen bounds a slug so that file names stay readable and far below file-system limits.
const MaxSlugLen = 60

// Slug turns a title (or a slug the user typed) into lowercase ASCII words joined by hyphens.
// Everything else — path separators, dots, NUL, non-ASCII letters, emoji — separates words or is dropped,
// so a slug can never name another folder. A result with no letters or digits is "incident".
func Slug(s string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			fallthrough
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "How'd" reads better as "howd" than "how-d".
		case r < utf8.RuneSelf:
			pendingHyphen = true
		default:
			pendingHyphen = true
		}
	}
	out := b.String()
	if len(out) > MaxSlugLen {
		out = out[:MaxSlugLen]
		if i := strings.LastIndexByte(out, '-'); i > MaxSlugLen/2 {
			out = out[:i]
		}
		out = strings.TrimRight(out, "-")
	}
	if !strings.ContainsAny(out, "abcdefghijklmnopqrstuvwxyz0123456789") {
		return "incident"
	}
	return out
}
