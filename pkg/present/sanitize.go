package present

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The sanitiser. Every human-facing string that comes from a document (a title, an owner, a table
// cell, an action item, a history entry, a finding's excerpt, a message shown on a terminal) goes
// through Line or Text before it is printed, so that nothing a document says can move the cursor,
// clear the screen, set the terminal's title, break a table row or reorder a line:
//
//   - C0 controls, DEL and C1 controls are shown escaped as Go writes them (\x1b, \x7f, \u009b), so
//     an escape sequence prints as harmless text that shows what the document holds;
//   - bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are
//     shown escaped (\u202e) too: a right-to-left override cannot reorder the rest of the line;
//   - bytes that are not UTF-8 are shown as \xHH;
//   - in a single line (Line), a line break — CR, LF, CR LF, NEL, VT, FF, U+2028, U+2029 — and a
//     tab become one space; in text (Text), CR LF and a lone CR become LF, and LF and tab stay.
//
// A backslash is left as it is: the escapes are for a human to read, not for a program to undo.
// Everything else, including zero-width characters, variation selectors and text in any script,
// passes unchanged, so a clean string is returned as it was.
//
// What goes through it: every table and every human-facing line of every command, on a terminal or
// not (CI logs render escape sequences too). What does not: machine formats (JSON, CSV, SARIF,
// GitHub workflow commands, iCalendar, e-mail, the Markdown review), which keep the exact text and
// encode it by their own rules, and the files pm writes. A message meant to be pasted (pm message)
// is exact when it goes to a file or a pipe and sanitised (Text) when it goes to a terminal.

// Line returns s made safe to print inside one line: a table cell, a title after an id, a name in a
// sentence.
func Line(s string) string { return sanitize(s, false) }

// Text returns s made safe to print as lines of text: line breaks are kept (as LF), controls and
// bidirectional formatting are escaped as in Line.
func Text(s string) string { return sanitize(s, true) }

// Writer returns a writer that passes what is written to w through Text. Each Write is sanitised on
// its own, so write whole lines (fmt.Fprintf does): a character or a CR LF split between two writes
// would be shown escaped.
func Writer(w io.Writer) io.Writer { return textWriter{w} }

type textWriter struct{ w io.Writer }

func (t textWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, Text(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// sanitize is Line (multiline false) or Text (true).
func sanitize(s string, multiline bool) string {
	if clean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\r' && multiline:
			b.WriteByte('\n')
			if strings.HasPrefix(s[i+1:], "\n") {
				n++
			}
		case r == '\r':
			b.WriteByte(' ')
			if strings.HasPrefix(s[i+1:], "\n") {
				n++
			}
		case (r == '\n' || r == '\t') && multiline:
			b.WriteRune(r)
		case !multiline && lineBreakOrTab(r):
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isC1(r) || isBidi(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// clean reports whether s has nothing the sanitiser changes, the common case, without allocating.
func clean(s string, multiline bool) bool {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return false
			}
		case r == '\n' || r == '\t':
			if !multiline {
				return false
			}
		case r < 0x20 || r == 0x7f || isC1(r) || isBidi(r):
			return false
		case r == 0x2028 || r == 0x2029:
			if !multiline {
				return false
			}
		}
	}
	return true
}

// lineBreakOrTab reports whether r ends a line somewhere (a terminal, a YAML or JSON reader, an
// editor), or is a tab: in one line, each is a space.
func lineBreakOrTab(r rune) bool {
	switch r {
	case '\n', '\t', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// isBidi reports whether r is a bidirectional formatting character: the Arabic letter mark, the
// left-to-right and right-to-left marks, the embeddings and overrides with their pop, and the
// isolates with theirs.
func isBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
