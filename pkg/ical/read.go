package ical

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ReadEvent reads back the first event of an invitation such as Encode writes: its UID, SEQUENCE,
// DTSTAMP, start and end, summary, description, location, URL, organizer and attendees (with their
// roles). Other properties and components are skipped. Times must be in UTC (20261126T010000Z), the
// only form Encode writes, so that pm can refresh an invitation it made without a time zone database.
func ReadEvent(data []byte) (Event, error) {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	// Unfold: a line break followed by a space or a tab continues the line (RFC 5545 §3.1).
	s = strings.NewReplacer("\n ", "", "\n\t", "").Replace(s)
	var ev Event
	in, found := false, false
	for n, raw := range strings.Split(s, "\n") {
		if raw == "" {
			continue
		}
		name, params, value, err := splitLine(raw)
		if err != nil {
			return Event{}, fmt.Errorf("ical: line %d: %w", n+1, err)
		}
		switch {
		case name == "BEGIN" && strings.EqualFold(value, "VEVENT"):
			in, found = true, true
			continue
		case name == "END" && strings.EqualFold(value, "VEVENT") && in:
			if strings.TrimSpace(ev.UID) == "" {
				return Event{}, errors.New("ical: the event has no UID")
			}
			return ev, nil
		case !in:
			continue
		}
		switch name {
		case "UID":
			ev.UID = UnescapeText(value)
		case "SEQUENCE":
			if ev.Sequence, err = strconv.Atoi(value); err != nil || ev.Sequence < 0 {
				return Event{}, fmt.Errorf("ical: SEQUENCE %q is not a non-negative integer", value)
			}
		case "DTSTAMP", "DTSTART", "DTEND":
			t, err := time.Parse(utcFormat, value)
			if err != nil {
				return Event{}, fmt.Errorf("ical: %s %q is not a UTC time like 20261126T010000Z", name, value)
			}
			switch name {
			case "DTSTAMP":
				ev.Stamp = t
			case "DTSTART":
				ev.Start = t
			default:
				ev.End = t
			}
		case "SUMMARY":
			ev.Summary = UnescapeText(value)
		case "DESCRIPTION":
			ev.Description = UnescapeText(value)
		case "LOCATION":
			ev.Location = UnescapeText(value)
		case "URL":
			ev.URL = value
		case "ORGANIZER":
			ev.Organizer = &Person{Name: params["CN"], Email: mailto(value)}
		case "ATTENDEE":
			ev.Attendees = append(ev.Attendees, Attendee{
				Person:   Person{Name: params["CN"], Email: mailto(value)},
				Role:     Role(strings.ToUpper(params["ROLE"])),
				Accepted: strings.EqualFold(params["PARTSTAT"], "ACCEPTED"),
			})
		}
	}
	if found {
		return Event{}, errors.New("ical: the event does not end (no END:VEVENT)")
	}
	return Event{}, errors.New("ical: no event (VEVENT)")
}

// splitLine splits an unfolded content line into its upper-cased name, its parameters (upper-cased
// names; values unquoted) and its value, which starts at the first colon outside a quoted string.
func splitLine(line string) (string, map[string]string, string, error) {
	end := strings.IndexAny(line, ";:")
	if end <= 0 {
		return "", nil, "", fmt.Errorf("%q is not a content line", line)
	}
	name := strings.ToUpper(line[:end])
	params := map[string]string{}
	i := end
	for i < len(line) && line[i] == ';' {
		i++
		eq := strings.IndexByte(line[i:], '=')
		if eq < 0 {
			return "", nil, "", fmt.Errorf("%s: a parameter has no value", name)
		}
		key := strings.ToUpper(line[i : i+eq])
		i += eq + 1
		var val string
		if i < len(line) && line[i] == '"' {
			close := strings.IndexByte(line[i+1:], '"')
			if close < 0 {
				return "", nil, "", fmt.Errorf("%s: unterminated quoted parameter", name)
			}
			val = line[i+1 : i+1+close]
			i += close + 2
		} else {
			stop := strings.IndexAny(line[i:], ";:")
			if stop < 0 {
				return "", nil, "", fmt.Errorf("%s: no value", name)
			}
			val = line[i : i+stop]
			i += stop
		}
		params[key] = paramUnescape(val)
	}
	if i >= len(line) || line[i] != ':' {
		return "", nil, "", fmt.Errorf("%s: no value", name)
	}
	return name, params, line[i+1:], nil
}

// paramUnescape undoes RFC 6868's encoding of a parameter value: ^^ is ^, ^' a double quote, ^n a
// line break; a caret before anything else stays.
func paramUnescape(v string) string {
	if !strings.Contains(v, "^") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '^' && i+1 < len(v) {
			switch v[i+1] {
			case '^':
				b.WriteByte('^')
				i++
				continue
			case '\'':
				b.WriteByte('"')
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// UnescapeText undoes EscapeText: \\, \;, \, and \n (or \N) become the characters they stand for.
func UnescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// mailto is the email address of a mailto: calendar address, percent-decoded; any other value is
// returned as it is.
func mailto(v string) string {
	if len(v) < len("mailto:") || !strings.EqualFold(v[:len("mailto:")], "mailto:") {
		return v
	}
	addr := v[len("mailto:"):]
	if dec, err := url.PathUnescape(addr); err == nil {
		return dec
	}
	return addr
}
