package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

func TestEscapeText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\there", "tab\there"},
		{"bell\x07 nul\x00 del\x7f", "bell nul del"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"決済の遅延、再発防止；対策", "決済の遅延、再発防止；対策"}, // full-width punctuation is not special
		{`\n is not a line break`, `\\n is not a line break`},
	}
	for _, c := range cases {
		if got := EscapeText(c.in); got != c.want {
			t.Errorf("EscapeText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParamValue(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Ken Mori", "Ken Mori"},
		{"Mori, Ken", `"Mori, Ken"`},
		{"a:b", `"a:b"`},
		{`Ken "KM" Mori`, "Ken ^'KM^' Mori"}, // RFC 6868
		{"Ana ^n Souza", "Ana ^^n Souza"},
		{`"Mori, Ken" ^`, `"^'Mori, Ken^' ^^"`},
		{"two\nlines", "two lines"},
		{"佐藤 美咲", "佐藤 美咲"},
	}
	for _, c := range cases {
		if got := ParamValue(c.in); got != c.want {
			t.Errorf("ParamValue(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestParamValueReadsBack: a name written as a parameter reads back as it was (RFC 6868), so that
// a refresh or a reschedule knows the people already invited.
func TestParamValueReadsBack(t *testing.T) {
	for _, name := range []string{`Aiko "A" Sato`, "Ana ^n Souza", "^'", "Mori, Ken", "佐藤 ^ 美咲"} {
		line := "ATTENDEE;CN=" + ParamValue(name) + ";ROLE=REQ-PARTICIPANT:" + MailtoURI("a?b#c@example.com")
		_, params, value, err := splitLine(line)
		if err != nil || params["CN"] != name || mailto(value) != "a?b#c@example.com" {
			t.Errorf("%q: %q read back as %q, %q (%v)", name, line, params["CN"], mailto(value), err)
		}
	}
}

func TestMailtoURI(t *testing.T) {
	if got := MailtoURI("ken.mori+pm@example.com"); got != "mailto:ken.mori+pm@example.com" {
		t.Errorf("got %q", got)
	}
	if got := MailtoURI(`"a b"@example.com`); got != "mailto:%22a%20b%22@example.com" {
		t.Errorf("got %q", got)
	}
}

// physicalLines splits output into its lines, failing on a line end that is not CRLF, a line over
// 75 octets or a split character. With folded, every line after the first must be a continuation.
func physicalLines(t *testing.T, s string, folded bool) []string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("output does not end with CRLF: %q", s)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if folded && i > 0 && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation line %d does not start with a space: %q", i+1, l)
		}
	}
	return lines
}

func unfold(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			l = l[1:]
		}
		b.WriteString(l)
	}
	return b.String()
}

func TestFoldLine(t *testing.T) {
	cases := []string{
		"",
		"SHORT:value",
		"SUMMARY:" + strings.Repeat("x", 67),  // exactly 75 octets: no fold
		"SUMMARY:" + strings.Repeat("x", 68),  // 76: one fold
		"SUMMARY:" + strings.Repeat("x", 500), // many folds
		"SUMMARY:Postmortem: SEV-1 " + strings.Repeat("決済完了後の注文確定の遅延", 8),
		"DESCRIPTION:" + strings.Repeat("é🙂", 40),
		"DESCRIPTION:" + strings.Repeat(`a\n`, 60),
		"DESCRIPTION:" + strings.Repeat("x", 73) + `\,` + "y",
	}
	for _, in := range cases {
		out := FoldLine(in)
		lines := physicalLines(t, out, true)
		if got := unfold(lines); got != in {
			t.Errorf("unfolded %q, want %q", got, in)
		}
		if len(in) <= 75 && len(lines) != 1 {
			t.Errorf("%d octets folded into %d lines", len(in), len(lines))
		}
		for i, l := range lines {
			if strings.HasSuffix(l, `\`) && !strings.HasSuffix(l, `\\`) {
				t.Errorf("line %d ends inside an escape: %q", i+1, l)
			}
		}
	}
	// Japanese: 3-octet characters; the first line can hold 75 octets, later ones 74 after the space.
	out := FoldLine("SUMMARY:" + strings.Repeat("遅", 30))
	lines := physicalLines(t, out, true)
	if len(lines) != 2 || len(lines[0]) != 8+3*22 || len(lines[1]) != 1+3*8 {
		t.Errorf("fold of 30 kanji: %q", lines)
	}
}

func sample() Calendar {
	stamp := time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)
	start := time.Date(2026, 11, 26, 10, 0, 0, 0, time.FixedZone("JST", 9*3600))
	return Calendar{
		ProdID: "-//pm-tools//pm//EN",
		Method: MethodRequest,
		Events: []Event{{
			UID:         "pm-0123456789abcdef@pm",
			Sequence:    7,
			Stamp:       stamp,
			Start:       start,
			End:         start.Add(30 * time.Minute),
			Summary:     "Postmortem: SEV-1 決済完了後の注文確定の遅延; checkout, payments",
			Description: "Agenda\n1. Recap the timeline; agree on the facts\n2. Key points, and anything unusual\n" + strings.Repeat("長い説明文です。", 30),
			Location:    "Room 4, Tokyo",
			URL:         "https://git.example.com/sre/postmortems/blob/main/x.md",
			Organizer:   &Person{Name: "Aiko Sato", Email: "aiko@example.com"},
			Attendees: []Attendee{
				{Person: Person{Name: "Aiko Sato", Email: "aiko@example.com"}, Role: RoleRequired, Accepted: true},
				{Person: Person{Name: "Mori, Ken", Email: "ken@example.com"}, Role: RoleRequired},
				{Person: Person{Name: "佐藤 美咲", Email: "misaki@example.com"}, Role: RoleOptional},
			},
		}},
	}
}

func TestEncodeRoundTripsThroughARealParser(t *testing.T) {
	c := sample()
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	physicalLines(t, string(data), false)

	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, data)
	}
	for name, want := range map[string]string{"PRODID": "-//pm-tools//pm//EN", "VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "REQUEST"} {
		if p := cal.Props.Get(name); p == nil || p.Value != want {
			t.Errorf("%s = %+v, want %s", name, p, want)
		}
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	ev := events[0]
	e := c.Events[0]
	for name, want := range map[string]string{"SUMMARY": e.Summary, "DESCRIPTION": e.Description, "LOCATION": e.Location, "UID": e.UID} {
		got, err := ev.Props.Text(name)
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", name, got, err, want)
		}
	}
	if got, err := ev.DateTimeStart(nil); err != nil || !got.Equal(e.Start) || got.Location() != time.UTC {
		t.Errorf("DTSTART %v %v, want %v in UTC", got, err, e.Start)
	}
	if got, err := ev.DateTimeEnd(nil); err != nil || !got.Equal(e.End) {
		t.Errorf("DTEND %v %v", got, err)
	}
	if got, err := ev.Props.DateTime("DTSTAMP", nil); err != nil || !got.Equal(e.Stamp) {
		t.Errorf("DTSTAMP %v %v", got, err)
	}
	if seq, err := ev.Props.Get("SEQUENCE").Int(); err != nil || seq != 7 {
		t.Errorf("SEQUENCE %d %v", seq, err)
	}
	if u, err := ev.Props.URI("URL"); err != nil || u.String() != e.URL {
		t.Errorf("URL %v %v", u, err)
	}
	org := ev.Props.Get("ORGANIZER")
	if org == nil || org.Value != "mailto:aiko@example.com" || org.Params.Get("CN") != "Aiko Sato" {
		t.Errorf("ORGANIZER %+v", org)
	}
	att := ev.Props.Values("ATTENDEE")
	if len(att) != 3 {
		t.Fatalf("%d attendees", len(att))
	}
	wants := []struct{ cn, addr, role, partstat string }{
		{"Aiko Sato", "mailto:aiko@example.com", "REQ-PARTICIPANT", "ACCEPTED"},
		{"Mori, Ken", "mailto:ken@example.com", "REQ-PARTICIPANT", "NEEDS-ACTION"},
		{"佐藤 美咲", "mailto:misaki@example.com", "OPT-PARTICIPANT", "NEEDS-ACTION"},
	}
	for i, w := range wants {
		a := att[i]
		if a.Params.Get("CN") != w.cn || a.Value != w.addr || a.Params.Get("ROLE") != w.role || a.Params.Get("PARTSTAT") != w.partstat {
			t.Errorf("attendee %d: %+v, want %+v", i, a, w)
		}
	}
	// The parser's encoder checks the components' required and unique properties.
	var again bytes.Buffer
	if err := goical.NewEncoder(&again).Encode(cal); err != nil {
		t.Errorf("re-encode: %v", err)
	}
}

func TestEncodeRefusesInvalidEvents(t *testing.T) {
	cases := map[string]func(c *Calendar){
		"no prodid":              func(c *Calendar) { c.ProdID = "" },
		"no events":              func(c *Calendar) { c.Events = nil },
		"no uid":                 func(c *Calendar) { c.Events[0].UID = " " },
		"no stamp":               func(c *Calendar) { c.Events[0].Stamp = time.Time{} },
		"end before start":       func(c *Calendar) { c.Events[0].End = c.Events[0].Start },
		"attendee without email": func(c *Calendar) { c.Events[0].Attendees[1].Email = "" },
		"attendees, no organizer": func(c *Calendar) {
			c.Method = MethodNone
			c.Events[0].Organizer = nil
		},
		"request without attendees": func(c *Calendar) { c.Events[0].Attendees = nil },
		"relative url":              func(c *Calendar) { c.Events[0].URL = "postmortems/x.md" },
	}
	for name, change := range cases {
		c := sample()
		change(&c)
		if data, err := c.Encode(); err == nil {
			t.Errorf("%s: encoded\n%s", name, data)
		}
	}
	// An event nobody organizes is fine as a plain calendar object.
	c := sample()
	c.Method, c.Events[0].Organizer, c.Events[0].Attendees = MethodNone, nil, nil
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("METHOD")) || bytes.Contains(data, []byte("ATTENDEE")) {
		t.Errorf("plain event has METHOD or ATTENDEE:\n%s", data)
	}
	if _, err := goical.NewDecoder(bytes.NewReader(data)).Decode(); err != nil {
		t.Error(err)
	}
}
