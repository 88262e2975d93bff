package present

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Line returns s made safe to print inside one line for a person to read: a table cell, a title after
// an id, a name in a sentence. It is the sanitiser every string from a document (title, owner, history
// entry, cell, action item, finding quoting the file, file name) goes through, so that nothing a
// document says can move the cursor, clear the screen, set the terminal's title, break a table row
// or reorder a line:
//
//   - C0 controls, DEL and C1 controls are shown escaped as Go writes them (\x1b, \x7f, \u009b), so
//     an escape sequence prints as harmless text that shows what the document holds;
//   - bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)
//     are shown escaped too (\u202e): a right-to-left override cannot reorder the rest of the line;
//   - bytes that are not UTF-8 are shown as \xHH;
//   - a line break (CR, LF, CR LF, NEL, VT, FF, U+2028, U+2029) and a tab become one space.
//
// A backslash stays as it is: the escapes are for a person to read, not for a program to undo.
// Everything else, zero-width characters, variation selectors and text in any script included,
// passes unchanged, and a clean string is returned as it was.
//
// Which output goes through it: every table and every line meant for a person, on a terminal or not
// (CI logs render escape sequences too), GitHub's annotations (lint --format github) included. Which
// does not: the files pm writes, and the outputs that keep the exact text for a program or a paste.
// JSON and SARIF encode it with every control and bidirectional character escaped (JSONWriter), so
// they are safe anywhere; CSV, iCalendar, e-mail, the Markdown review and pm message are exact into a
// file or a pipe, and go through Text on a terminal.
func Line(s string) string { return sanitize(s, false) }

// Name returns a file's name or path made safe to print on one line, as Line does, except that CR,
// LF and tab are shown escaped (\r, \n, \t), as git quotes such a name: a path with a line break must
// neither read as two lines (a second line can pass for a finding of its own) nor as the path with a
// space in its place. For the outputs that give a path per line, such as pm lint's findings.
func Name(s string) string { return breaksAs(s, `\r`, `\n`, `\t`) }

// NameKeepingBreaks is Name for an output that encodes CR and LF itself, as GitHub's workflow
// commands do (%0D, %0A): they pass unchanged, as does a tab, so that the output names the file as
// it is.
func NameKeepingBreaks(s string) string { return breaksAs(s, "\r", "\n", "\t") }

// breaksAs is Line of the text between s's CRs, LFs and tabs, with each CR written as cr, each LF
// as lf and each tab as tab.
func breaksAs(s, cr, lf, tab string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return Line(s)
	}
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\r\n\t")
		if i < 0 {
			b.WriteString(Line(s))
			return b.String()
		}
		b.WriteString(Line(s[:i]))
		switch s[i] {
		case '\r':
			b.WriteString(cr)
		case '\n':
			b.WriteString(lf)
		default:
			b.WriteString(tab)
		}
		s = s[i+1:]
	}
}

// Text returns s made safe to print as lines of text, as Line does a single line, except that CR LF
// and a lone CR become LF (a CR cannot write over a line), and LF and tab stay; VT, FF and NEL are
// escaped, and U+2028 and U+2029 stay.
func Text(s string) string { return sanitize(s, true) }

// Writer returns a writer that passes what is written to w through Text. Each Write is sanitised on
// its own, so write whole lines (fmt.Fprintf does): a character split between two writes would be
// shown escaped, and a CR LF so split would end two lines.
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
