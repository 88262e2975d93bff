package message

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/pm-tools/pm/pkg/config"
)

// Line lengths of RFC 5322 §2.1.1, CRLF not counted: a header line should stay within lineWant and
// must stay within lineMax.
const (
	lineWant = 78
	lineMax  = 998
)

// envelope is the header of the internal email.
type envelope struct {
	From    string
	To, Cc  []string
	Subject string
	Date    time.Time
}

// writeEML writes an RFC 5322 message with a UTF-8 plain-text body in quoted-printable, CRLF line
// endings throughout. X-Unsent: 1 makes mail programs (Outlook, among others) open the file as a draft
// to check and send rather than as a received message. Headers without a value are left out.
func writeEML(w io.Writer, env envelope, body string) error {
	var b bytes.Buffer
	if env.From != "" {
		b.WriteString(addressHeader("From", []string{env.From}))
	}
	if len(env.To) > 0 {
		b.WriteString(addressHeader("To", env.To))
	}
	if len(env.Cc) > 0 {
		b.WriteString(addressHeader("Cc", env.Cc))
	}
	b.WriteString(subjectHeader(env.Subject))
	b.WriteString("Date: " + env.Date.Format(time.RFC1123Z) + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\n")
	b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n")
	b.WriteString("X-Unsent: 1\r\n")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return err
	}
	if err := qp.Close(); err != nil {
		return err
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// subjectHeader is the Subject field, folded. Whitespace runs, line breaks among them, become one
// space, so nothing in a title can start another header. A subject of printable ASCII stays as
// written, folded at its spaces; any other (non-ASCII, control characters, text a decoder would take
// for an encoded word, or a word too long for a line of 998 octets) becomes RFC 2047 Q-encoded words,
// folded between them.
func subjectHeader(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if plainASCII(s) && !strings.Contains(s, "=?") {
		if h := fold("Subject", strings.Split(s, " ")); fits(h) {
			return h
		}
	}
	return fold("Subject", encodedWords(s, wordLimit("Subject")))
}

// addressHeader is a header of addresses ("Name <email>" as .pm.yaml holds them), names with
// non-ASCII characters encoded as RFC 2047 words, folded between addresses, between the words of a
// name and before the <email>.
func addressHeader(name string, addrs []string) string {
	h := fold(name, addressWords(name, addrs, false))
	if !fits(h) {
		h = fold(name, addressWords(name, addrs, true))
	}
	return h
}

// addressWords are the addresses as words that fold may put on separate lines, a comma ending every
// address but the last. encode encodes every display name, so that a long one can be folded.
func addressWords(name string, addrs []string, encode bool) []string {
	var words []string
	for i, a := range addrs {
		var w []string
		if p, err := config.ParseAddress(a); err == nil {
			spec := (&mail.Address{Address: asciiDomain(p.Address)}).String()
			switch {
			case p.Name == "":
			case plainASCII(p.Name) && !encode:
				w = splitSpaces(quoteString(p.Name))
			default:
				w = encodedWords(p.Name, wordLimit(name))
			}
			w = append(w, spec)
		} else {
			// .pm.yaml's addresses are checked when it is read; whitespace, line breaks among it, is
			// still made one space here so that no value can start another header.
			w = strings.Fields(a)
		}
		if i < len(addrs)-1 && len(w) > 0 {
			w[len(w)-1] += ","
		}
		words = append(words, w...)
	}
	return words
}

// asciiDomain writes an address's domain in ASCII (IDNA, "xn--…"), as a header holds it (RFC 5322
// headers are ASCII; an encoded word cannot stand in an address): 例え.jp is xn--r8jz45g.jp. A local
// part in other letters is refused when .pm.yaml is read; a domain IDNA refuses is left as it is.
func asciiDomain(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 || plainASCII(addr[at+1:]) {
		return addr
	}
	if d, err := idna.Lookup.ToASCII(addr[at+1:]); err == nil {
		return addr[:at+1] + d
	}
	return addr
}

// fold is the header field "name: " followed by words separated by single spaces, a line broken
// (CRLF and the space) before a word that would take it past lineWant octets. A word longer than a
// line stays whole. Unfolding, removing every CRLF, gives back the words as joined by spaces.
func fold(name string, words []string) string {
	var b strings.Builder
	b.WriteString(name + ":")
	n := len(name) + 1
	for i, w := range words {
		if i > 0 && n+1+len(w) > lineWant {
			b.WriteString("\r\n")
			n = 0
		}
		b.WriteString(" " + w)
		n += 1 + len(w)
	}
	b.WriteString("\r\n")
	return b.String()
}

// fits reports whether no line of the folded header h is longer than lineMax octets.
func fits(h string) bool {
	for _, l := range strings.Split(strings.TrimSuffix(h, "\r\n"), "\r\n") {
		if len(l) > lineMax {
			return false
		}
	}
	return true
}

// splitSpaces splits s at each single space between two other characters: the places where a fold
// unfolds to the same text for every reader, including those (Go's net/textproto among them) that
// take the whitespace around a line break for one space.
func splitSpaces(s string) []string {
	var words []string
	start := 0
	for i := 1; i < len(s)-1; i++ {
		if s[i] == ' ' && s[i-1] != ' ' && s[i+1] != ' ' {
			words = append(words, s[start:i])
			start = i + 1
		}
	}
	return append(words, s[start:])
}

// plainASCII reports whether s holds only printable ASCII and spaces.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// quoteString is s as an RFC 5322 quoted-string.
func quoteString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// wordLimit is the longest encoded word of a header: RFC 2047's 75 octets, less when the first line,
// after "name: ", could not hold one.
func wordLimit(name string) int {
	return min(75, lineWant-len(name)-2)
}

// encodedWords encodes s as RFC 2047 Q-encoded words of at most limit octets each, never splitting a
// character between two. Only letters, digits and !*+-/ are left as they are, space is "_": that
// makes the words valid both in unstructured text (Subject) and in a display name (RFC 2047 §5).
// Decoders join adjacent encoded words without the whitespace between them.
func encodedWords(s string, limit int) []string {
	const open, end = "=?UTF-8?q?", "?="
	const hex = "0123456789ABCDEF"
	var words []string
	var w, r strings.Builder
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		r.Reset()
		for _, b := range []byte(s[i : i+size]) {
			switch {
			case b == ' ':
				r.WriteByte('_')
			case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9', strings.IndexByte("!*+-/", b) >= 0:
				r.WriteByte(b)
			default:
				r.WriteByte('=')
				r.WriteByte(hex[b>>4])
				r.WriteByte(hex[b&15])
			}
		}
		if w.Len() > 0 && len(open)+w.Len()+r.Len()+len(end) > limit {
			words = append(words, open+w.String()+end)
			w.Reset()
		}
		w.WriteString(r.String())
		i += size
	}
	if w.Len() > 0 || len(words) == 0 {
		words = append(words, open+w.String()+end)
	}
	return words
}
