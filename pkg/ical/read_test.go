package ical

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestReadEventReadsBackWhatEncodeWrites(t *testing.T) {
	c := sample()
	c.Events[0].Attendees = append(c.Events[0].Attendees,
		Attendee{Person: Person{Name: "R&D; ops: on-call", Email: "on call%x@example.com"}, Role: RoleOptional})
	c.Events[0].Location = `Room 4, Tokyo; floor 3 \ east`
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadEvent(data)
	if err != nil {
		t.Fatal(err)
	}
	want := c.Events[0]
	if !got.Start.Equal(want.Start) || !got.End.Equal(want.End) || !got.Stamp.Equal(want.Stamp) {
		t.Errorf("times %v %v %v, want %v %v %v", got.Stamp, got.Start, got.End, want.Stamp, want.Start, want.End)
	}
	got.Stamp, got.Start, got.End = want.Stamp, want.Start, want.End
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read\n%#v\nwant\n%#v", got, want)
	}
}

func TestReadEventOtherSpellings(t *testing.T) {
	// LF line ends, a tab fold, lower-case names, other components around the event.
	src := "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nUID:not-this\nEND:VTIMEZONE\nBEGIN:VEVENT\nuid:abc\nSEQUENCE:3\n" +
		"DTSTART:20261126T010000Z\nDTEND:20261126T013000Z\nLOCATION:Room\n\t 4\\nEast\n" +
		"attendee;role=opt-participant;CN=\"Mori: Ken\":MAILTO:ken%40example.com\nEND:VEVENT\nEND:VCALENDAR\n"
	ev, err := ReadEvent([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := Attendee{Person: Person{Name: "Mori: Ken", Email: "ken@example.com"}, Role: RoleOptional}
	if ev.UID != "abc" || ev.Sequence != 3 || ev.Location != "Room 4\nEast" || ev.End.Sub(ev.Start) != 30*time.Minute ||
		len(ev.Attendees) != 1 || ev.Attendees[0] != want {
		t.Errorf("%#v", ev)
	}
}

func TestReadEventErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "no event"},
		{"BEGIN:VEVENT\r\nUID:a\r\n", "does not end"},
		{"BEGIN:VEVENT\r\nSEQUENCE:1\r\nEND:VEVENT\r\n", "no UID"},
		{"BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Asia/Tokyo:20261126T100000\r\nEND:VEVENT\r\n", "not a UTC time"},
		{"BEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:-1\r\nEND:VEVENT\r\n", "SEQUENCE"},
		{"BEGIN:VEVENT\r\nnonsense\r\n", "line 2"},
		{"BEGIN:VEVENT\r\nATTENDEE;CN=\"Ken:mailto:k@example.com\r\n", "unterminated"},
	} {
		if _, err := ReadEvent([]byte(c.src)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.src, err, c.want)
		}
	}
}

func TestUnescapeTextUndoesEscapeText(t *testing.T) {
	for _, s := range []string{"", "plain", `a\b;c,d`, "two\nlines", `trailing\`, "日本語, テキスト"} {
		if got := UnescapeText(EscapeText(s)); got != s {
			t.Errorf("UnescapeText(EscapeText(%q)) = %q", s, got)
		}
	}
}
