// Package ical writes iCalendar (RFC 5545) meeting invitations (escaped text, lines folded at 75
// octets on character boundaries, CRLF line ends) and reads back the events it wrote.
package ical

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is an attendee's participation role (RFC 5545 §3.2.16).
type Role string

// The roles an invitation uses.
const (
	RoleRequired Role = "REQ-PARTICIPANT"
	RoleOptional Role = "OPT-PARTICIPANT"
)

// Method is the iTIP method of a calendar (RFC 5546): what the receiving program should do with it.
type Method string

// The methods pm writes. MethodNone makes a plain calendar object, which programs import as an
// event; it is the only valid choice for an event nobody organizes.
const (
	MethodNone    Method = ""
	MethodRequest Method = "REQUEST"
)

// Person is someone with a calendar address.
type Person struct {
	Name  string // the common name shown by calendar programs; may be empty
	Email string // required: a calendar address is a mailto: URI
}

// Attendee is a person invited to an event.
type Attendee struct {
	Person
	Role Role
	// Accepted marks the organizer's own entry (PARTSTAT=ACCEPTED); everyone else is asked to reply
	// (PARTSTAT=NEEDS-ACTION, RSVP=TRUE).
	Accepted bool
}

// Event is one VEVENT. Times are written in UTC, which every calendar program reads and which needs
// no VTIMEZONE.
type Event struct {
	UID string // stable across updates of the same event
	// Sequence orders the revisions of an event with the same UID: a program replaces its copy only
	// with a higher one.
	Sequence    int
	Stamp       time.Time // DTSTAMP: when this revision was made
	Start, End  time.Time
	Summary     string
	Description string
	Location    string // optional
	URL         string // optional, an absolute URI
	Organizer   *Person
	Attendees   []Attendee
}

// Calendar is a VCALENDAR holding events.
type Calendar struct {
	ProdID string // who made the file, as "-//Company//Product//EN"
	Method Method
	Events []Event
}

// Encode renders the calendar as RFC 5545 bytes, or says what makes it invalid.
func (c *Calendar) Encode() ([]byte, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	var w writer
	w.line("BEGIN", nil, "VCALENDAR")
	w.line("PRODID", nil, EscapeText(c.ProdID))
	w.line("VERSION", nil, "2.0")
	w.line("CALSCALE", nil, "GREGORIAN")
	if c.Method != MethodNone {
		w.line("METHOD", nil, string(c.Method))
	}
	for i := range c.Events {
		c.Events[i].encode(&w)
	}
	w.line("END", nil, "VCALENDAR")
	return w.buf.Bytes(), nil
}

func (c *Calendar) validate() error {
	if strings.TrimSpace(c.ProdID) == "" {
		return errors.New("ical: PRODID is required")
	}
	if len(c.Events) == 0 {
		return errors.New("ical: a calendar needs at least one event")
	}
	for i := range c.Events {
		e := &c.Events[i]
		if err := e.validate(); err != nil {
			return fmt.Errorf("ical: event %q: %w", e.UID, err)
		}
		// RFC 5546 §3.2.2: a REQUEST has exactly one ORGANIZER and at least one ATTENDEE.
		if c.Method == MethodRequest && (e.Organizer == nil || len(e.Attendees) == 0) {
			return fmt.Errorf("ical: event %q: METHOD:REQUEST needs an organizer and at least one attendee", e.UID)
		}
	}
	return nil
}

func (e *Event) validate() error {
	switch {
	case strings.TrimSpace(e.UID) == "":
		return errors.New("UID is required")
	case e.Stamp.IsZero():
		return errors.New("DTSTAMP is required")
	case e.Start.IsZero():
		return errors.New("DTSTART is required")
	case !e.End.After(e.Start):
		return errors.New("the end must be after the start")
	case e.Sequence < 0 || e.Sequence > 1<<31-1:
		return fmt.Errorf("SEQUENCE %d is not a non-negative 32-bit integer", e.Sequence)
	case e.URL != "" && !strings.Contains(e.URL, ":"):
		return fmt.Errorf("URL %q is not an absolute URI", e.URL)
	}
	// RFC 5545 §3.8.4.3: an event with attendees is group-scheduled and must name its organizer.
	if len(e.Attendees) > 0 && e.Organizer == nil {
		return errors.New("an event with attendees needs an organizer")
	}
	if e.Organizer != nil {
		if err := checkEmail(e.Organizer.Email); err != nil {
			return fmt.Errorf("organizer %q: %w", e.Organizer.Name, err)
		}
	}
	for _, a := range e.Attendees {
		if err := checkEmail(a.Email); err != nil {
			return fmt.Errorf("attendee %q: %w", a.Name, err)
		}
	}
	return nil
}

// checkEmail accepts what can follow mailto: once MailtoURI has escaped it.
func checkEmail(addr string) error {
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 {
		return fmt.Errorf("%q is not an email address", addr)
	}
	for _, r := range addr {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%q is not an email address", addr)
		}
	}
	return nil
}

const utcFormat = "20060102T150405Z"

func (e *Event) encode(w *writer) {
	w.line("BEGIN", nil, "VEVENT")
	w.line("UID", nil, EscapeText(e.UID))
	w.line("SEQUENCE", nil, fmt.Sprint(e.Sequence))
	w.line("DTSTAMP", nil, e.Stamp.UTC().Format(utcFormat))
	w.line("DTSTART", nil, e.Start.UTC().Format(utcFormat))
	w.line("DTEND", nil, e.End.UTC().Format(utcFormat))
	w.line("SUMMARY", nil, EscapeText(e.Summary))
	if e.Description != "" {
		w.line("DESCRIPTION", nil, EscapeText(e.Description))
	}
	if e.Location != "" {
		w.line("LOCATION", nil, EscapeText(e.Location))
	}
	if e.URL != "" {
		w.line("URL", nil, e.URL)
	}
	w.line("STATUS", nil, "CONFIRMED")
	w.line("TRANSP", nil, "OPAQUE")
	if e.Organizer != nil {
		w.line("ORGANIZER", cn(e.Organizer.Name), MailtoURI(e.Organizer.Email))
	}
	for _, a := range e.Attendees {
		params := append(cn(a.Name), param{"CUTYPE", "INDIVIDUAL"}, param{"ROLE", string(a.Role)})
		if a.Accepted {
			params = append(params, param{"PARTSTAT", "ACCEPTED"})
		} else {
			params = append(params, param{"PARTSTAT", "NEEDS-ACTION"}, param{"RSVP", "TRUE"})
		}
		w.line("ATTENDEE", params, MailtoURI(a.Email))
	}
	w.line("END", nil, "VEVENT")
}

func cn(name string) []param {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	return []param{{"CN", name}}
}

// param is one property parameter; its value is quoted as needed when written.
type param struct{ name, value string }

// writer collects content lines, folded and CRLF-terminated.
type writer struct{ buf bytes.Buffer }

func (w *writer) line(name string, params []param, value string) {
	var b strings.Builder
	b.WriteString(name)
	for _, p := range params {
		b.WriteByte(';')
		b.WriteString(p.name)
		b.WriteByte('=')
		b.WriteString(ParamValue(p.value))
	}
	b.WriteByte(':')
	b.WriteString(value)
	w.buf.WriteString(FoldLine(b.String()))
}

// EscapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a
// backslash, every line break (CRLF, CR or LF) becomes \n, and control characters other than tab,
// which TEXT cannot hold, are dropped. Invalid UTF-8 becomes U+FFFD.
func EscapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParamValue renders a parameter value (RFC 5545 §3.1): plain when it holds none of ; : , and a
// quoted string otherwise. A double quote, which neither form can hold, is written ^' and a caret ^^,
// as RFC 6868 encodes them (a name reads back as it was: `Aiko "A" Sato` is one person before and
// after a refresh); line breaks become spaces and other control characters are dropped.
func ParamValue(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	quote := false
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("^'")
		case r == '^':
			b.WriteString("^^")
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		default:
			if r == ';' || r == ':' || r == ',' {
				quote = true
			}
			b.WriteRune(r)
		}
	}
	if quote {
		return `"` + b.String() + `"`
	}
	return b.String()
}

// MailtoURI is the calendar address of an email address: mailto: followed by the address, with
// the characters a URI cannot hold percent-encoded.
func MailtoURI(addr string) string {
	var b strings.Builder
	b.WriteString("mailto:")
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		// ? and # too: a URI would read what follows them as a query or a fragment (RFC 6068 §2)
		if c > 0x20 && c < 0x7f && !strings.ContainsRune(`"%<>\^?#`+"`{|} ", rune(c)) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// maxOctets is the longest a physical line may be, without its CRLF (RFC 5545 §3.1).
const maxOctets = 75

// FoldLine returns one content line folded into physical lines of at most 75 octets, each ended
// with CRLF; continuation lines start with a space. It never splits a UTF-8 character, nor a
// backslash escape such as \n, so that even programs that unfold carelessly read the text intact.
func FoldLine(line string) string {
	var b strings.Builder
	n := 0 // octets on the current physical line
	for i := 0; i < len(line); {
		size := unitSize(line[i:])
		if n+size > maxOctets {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(line[i : i+size])
		n += size
		i += size
	}
	b.WriteString("\r\n")
	return b.String()
}

// unitSize is the length in bytes of the next unit that must stay on one line: a backslash escape
// or one UTF-8 character (one byte for an invalid sequence).
func unitSize(s string) int {
	if s[0] == '\\' && len(s) > 1 {
		_, n := utf8.DecodeRuneInString(s[1:])
		return 1 + n
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}
