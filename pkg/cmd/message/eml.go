package message

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
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
	b.WriteString("Subject: " + encodeSubject(env.Subject) + "\r\n")
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

// addressHeader formats a header of addresses ("Name <email>" as .pm.yaml holds them), names with
// non-ASCII characters encoded as RFC 2047 words, folded before a line passes 78 characters.
func addressHeader(name string, addrs []string) string {
	var b strings.Builder
	b.WriteString(name + ":")
	n := len(name) + 1
	for i, a := range addrs {
		s := strings.TrimSpace(a)
		if parsed, err := mail.ParseAddress(s); err == nil {
			s = parsed.String()
		}
		if i > 0 {
			b.WriteString(",")
			n++
			if n+1+len(s) > 78 {
				b.WriteString("\r\n")
				n = 0
			}
		}
		b.WriteString(" " + s)
		n += 1 + len(s)
	}
	b.WriteString("\r\n")
	return b.String()
}

// encodeSubject returns the subject as is when it is ASCII, else as RFC 2047 Q-encoded words, one per
// folded line so that no header line grows past what mail servers accept.
func encodeSubject(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	enc := mime.QEncoding.Encode("UTF-8", s)
	if enc == s {
		return s
	}
	return strings.ReplaceAll(enc, "?= =?", "?=\r\n =?")
}
