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
func (h markup) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := textEscapes[s[i]]
		if esc == "" {
			continue
		}
		h.w.WriteString(s[last:i])
		h.w.WriteString(esc)
		last = i + 1
	}
	h.w.WriteString(s[last:])
}

// textEscapes are what text writes for each byte it escapes, "" for the others: a table, looked up
// once a byte.
var textEscapes = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

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
