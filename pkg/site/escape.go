package site

import (
	"bufio"
	"strconv"
	"strings"
)

// markup writes a page's markup. Every value that can come from a document goes through text (text
// and quoted attribute values) or url (href and src): they are the one place where the site's pages
// escape, and they escape as html/template does in those places, so that nothing a document says
// can open a tag or leave an attribute. raw is for pm's own markup only (its literal text, the
// Markdown renderer's and the charts' output).
type markup struct{ w *bufio.Writer }

// raw writes markup pm made itself.
func (h markup) raw(s string) { h.w.WriteString(s) }

// text writes s escaped for an HTML text node or a double-quoted attribute value: the characters that
// could end either (<, >, &, ", ') and +, escaped as html/template escapes them; NUL becomes U+FFFD.
// A bidirectional control is shown as its escape (appendBidiEscaped), so that no value reorders the
// text and links around it.
func (h markup) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := textEscapes[s[i]]
		if esc == "" {
			continue
		}
		n := 1
		if s[i] == bidiLead {
			r := bidiAt(s[i:])
			if r == 0 {
				continue
			}
			esc, n = bidiEscape(r), 3
		}
		h.w.WriteString(s[last:i])
		h.w.WriteString(esc)
		last = i + n
		i += n - 1
	}
	h.w.WriteString(s[last:])
}

// value writes s escaped for a double-quoted attribute value that a script reads back as the exact
// text (an option's value, compared with the names in rows.js): as text, except that a bidirectional
// control is kept, as a character reference, since an attribute value is never laid out.
func (h markup) value(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := textEscapes[s[i]]
		if esc == "" {
			continue
		}
		n := 1
		if s[i] == bidiLead {
			r := bidiAt(s[i:])
			if r == 0 {
				continue
			}
			esc, n = "&#x"+strconv.FormatInt(int64(r), 16)+";", 3
		}
		h.w.WriteString(s[last:i])
		h.w.WriteString(esc)
		last = i + n
		i += n - 1
	}
	h.w.WriteString(s[last:])
}

// textEscapes are what text writes for each byte it escapes, "" for the others: a table, looked up
// once a byte. The first byte of the bidirectional controls has an entry that says to look further.
var textEscapes = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;", bidiLead: "bidi?"}

// bidiLead is the first byte of every bidirectional control in UTF-8 (U+2000 to U+2FFF).
const bidiLead = 0xe2

// bidiAt is the bidirectional control s starts with, 0 for none: an embedding or override (U+202A
// to U+202E, PDF among them) or an isolate (U+2066 to U+2069). Each opens or closes a run of text
// laid out in a direction of its own, so that a title with a right-to-left override shows its
// characters, and what follows it on the line, reversed. The marks (U+200E, U+200F, U+061C) are not
// controls of this kind: they only lean the direction of the characters next to them, and text in a
// right-to-left script uses them, so they pass.
func bidiAt[T string | []byte](s T) rune {
	if len(s) < 3 || s[0] != bidiLead {
		return 0
	}
	r := rune(s[0]&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f)
	if s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 || !(0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069) {
		return 0
	}
	return r
}

// bidiEscape is how a bidirectional control is written in its place: \u and its code, as pm list
// shows it (\u202e). In HTML it is text that shows what the document holds; in JSON it is the
// escape of the control itself, so that a program reads the exact text.
func bidiEscape(r rune) string { return `\u` + strconv.FormatInt(int64(r), 16) }

// appendBidiEscaped appends s with each bidirectional control (bidiAt) as its escape (bidiEscape).
// The controls are three bytes that occur in no other character, so s may be text, HTML or JSON.
func appendBidiEscaped[T string | []byte](dst []byte, s T) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != bidiLead {
			continue
		}
		if r := bidiAt(s[i:]); r != 0 {
			dst = append(append(dst, s[last:i]...), bidiEscape(r)...)
			last = i + 3
			i += 2
		}
	}
	return append(dst, s[last:]...)
}

// hasBidi reports whether s holds a bidirectional control (bidiAt).
func hasBidi[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == bidiLead && bidiAt(s[i:]) != 0 {
			return true
		}
	}
	return false
}

// bidiEscapedBytes is b with each bidirectional control as its escape: b itself when it has none.
func bidiEscapedBytes(b []byte) []byte {
	if !hasBidi(b) {
		return b
	}
	return appendBidiEscaped(nil, b)
}

// bidiEscaped is s with each bidirectional control as its escape: s itself when it has none.
func bidiEscaped(s string) string {
	if !hasBidi(s) {
		return s
	}
	return string(appendBidiEscaped(nil, s))
}

// int writes a number.
func (h markup) int(n int) {
	var b [20]byte
	h.w.Write(strconv.AppendInt(b[:0], int64(n), 10))
}

// unsafeURL is what a link whose scheme is not allowed becomes (html/template's choice).
const unsafeURL = "#ZgotmplZ"

// url writes s as a double-quoted href or src value: an address with a scheme other than http, https
// or mailto becomes "#ZgotmplZ"; bytes that do not belong in an address are percent-encoded (as
// html/template normalises an address, keeping valid % escapes); and the result is escaped as
// an attribute value.
func (h markup) url(s string) {
	if !safeURL(s) {
		h.w.WriteString(unsafeURL)
		return
	}
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			// an escape already (html/template's test, which leaves out one that ends the address)
			continue
		case c == '&':
			h.w.WriteString(s[last:i])
			h.w.WriteString("&amp;")
		case c == '+':
			h.w.WriteString(s[last:i])
			h.w.WriteString("&#43;")
		default:
			h.w.WriteString(s[last:i])
			h.w.WriteByte('%')
			h.w.WriteByte(hexDigits[c>>4])
			h.w.WriteByte(hexDigits[c&15])
		}
		last = i + 1
	}
	h.w.WriteString(s[last:])
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeURL reports whether an address is relative or has one of the schemes a page may link to.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// escapeText is s escaped as text writes it, for callers that build markup in a string.
func escapeText(s string) string {
	var b strings.Builder
	w := bufio.NewWriterSize(&b, max(16, len(s)+len(s)/8))
	markup{w}.text(s)
	w.Flush()
	return b.String()
}
