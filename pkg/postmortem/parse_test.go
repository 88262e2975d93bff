package postmortem

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
)

const sample = `---
# the owner keeps this block current
title: "Checkout latency"   # quoted on purpose
severity: SEV-1
status: Draft
owner: alice
incident_commander: bob
incident_date: 2026-11-20
meeting: ""
external_message: true
full_outage: false
call_recording:
team: payments
status_history:
  - status: Draft
    at: 2026-11-20T10:00:00Z
    by: alice
---

# Checkout latency

## Overview
`

func TestParseFields(t *testing.T) {
	d := Parse("a.md", []byte(sample), nil)
	if len(d.Problems) != 0 {
		t.Fatalf("problems: %+v", d.Problems)
	}
	f := d.Fields
	if f.Title != "Checkout latency" || f.Severity != "SEV-1" || f.Status != StatusDraft || f.Owner != "alice" ||
		f.IncidentCommander != "bob" || !f.ExternalMessage || f.FullOutage || f.HasMeeting() || !f.HasIncidentDate() {
		t.Errorf("fields: %+v", f)
	}
	if len(f.StatusHistory) != 1 || f.StatusHistory[0].By != "alice" {
		t.Errorf("history: %+v", f.StatusHistory)
	}
	if !d.Present["team"] {
		t.Error("unknown key team not recorded as present")
	}
	if line := d.KeyLine("status"); line != 5 {
		t.Errorf("status line = %d, want 5", line)
	}
	if !strings.HasPrefix(string(d.Body), "\n# Checkout latency") {
		t.Errorf("body starts %q", d.Body[:20])
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	src := "\ufeff" + strings.ReplaceAll(sample, "\n", "\r\n")
	d := Parse("a.md", []byte(src), nil)
	if len(d.Problems) != 0 || !d.HasBOM || !d.CRLF || d.Fields.Owner != "alice" {
		t.Fatalf("BOM+CRLF: problems %+v, fields %+v", d.Problems, d.Fields)
	}
	// the heading "## Overview" is on line 22 in both forms
	off := strings.Index(string(d.Text), "## Overview")
	if l, c := d.Position(off); l != 22 || c != 1 {
		t.Errorf("Position = %d:%d, want 22:1", l, c)
	}
}

func TestPositionCountsCharacters(t *testing.T) {
	d := Parse("a.md", []byte("---\ntitle: x\n---\n日本語の停止です\n"), nil)
	off := strings.Index(string(d.Text), "停止")
	if l, c := d.Position(off); l != 4 || c != 5 {
		t.Errorf("Position = %d:%d, want 4:5", l, c)
	}
}

func TestParseProblems(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		contains  string
	}{
		{"no front matter", "# Title\n", 1, "no front matter"},
		{"TOML front matter", "+++\ntitle = \"x\"\n+++\n# Title\n", 1, "front matter in TOML (+++) is not read"},
		{"a +++ line alone", "+++\n# Title\n", 1, "no front matter"},
		{"status spelt otherwise", "---\ntitle: x\nseverity: SEV-1\nstatus: in review\nowner: a\nincident_date: 2026-01-01\n---\n", 4, `status "in review" is written "In Review"`},
		{"unclosed", "---\ntitle: x\n\n# Title\n", 1, "never closes"},
		{"malformed yaml", "---\ntitle: x\nseverity: SEV-1\n  status: Draft\n---\n", 4, "malformed YAML"},
		{"status as list", "---\ntitle: x\nseverity: SEV-1\nstatus: [Draft]\nowner: a\nincident_date: 2026-01-01\n---\n", 4, "status must be a single value"},
		{"bad status", "---\ntitle: x\nseverity: SEV-1\nstatus: Done\nowner: a\nincident_date: 2026-01-01\n---\n", 4, `status "Done"`},
		{"bad severity", "---\ntitle: x\nseverity: SEV-9\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\n---\n", 3, "SEV-9"},
		{"bad date", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: yesterday\n---\n", 6, "incident_date"},
		{"bad bool", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\nfull_outage: yes\n---\n", 7, "true or false"},
		{"duplicate", "---\ntitle: x\ntitle: y\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\n---\n", 3, "duplicate key"},
		{"missing owner", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nincident_date: 2026-01-01\n---\n", 1, "missing owner"},
		{"alias", "---\na: &x y\ntitle: *x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\n---\n", 3, "aliases"},
		{"not a mapping", "---\n- a\n- b\n---\n", 2, "mapping"},
		{"bad meeting", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\nmeeting: tomorrow\n---\n", 7, "meeting"},
		// the instant every command reads as "unset": an error, so that none reads it otherwise
		{"zero date", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 0001-01-01\n---\n", 6, `incident_date "0001-01-01" is the first instant of year 1`},
		// a meeting before the incident's day (a year typed wrong) is no meeting of it
		{"meeting before the incident", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\nmeeting: 2025-11-24T10:00:00Z\n---\n", 7, `meeting "2025-11-24T10:00:00Z" is before the incident date 2026-11-20`},
		{"meeting before the incident, written first", "---\ntitle: x\nmeeting: 2026-11-19T23:59:00Z\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n---\n", 3, `is before the incident date 2026-11-20`},
		{"zero meeting", "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\nmeeting: 0001-01-01T00:00:00Z\n---\n", 7, `meeting "0001-01-01T00:00:00Z" is the first instant`},
	}
	for _, c := range cases {
		d := Parse("a.md", []byte(c.src), time.UTC)
		found := false
		for _, p := range d.Problems {
			if strings.Contains(p.Message, c.contains) && p.Line == c.line {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want a problem on line %d containing %q, got %+v", c.name, c.line, c.contains, d.Problems)
		}
	}
}

// A meeting on the incident's day, even before its hour, is one: the day counts.
func TestMeetingOnTheIncidentDay(t *testing.T) {
	d := Parse("a.md", []byte("---\ntitle: x\nincident_date: 2026-11-20T15:00:00Z\nmeeting: 2026-11-20T09:00:00Z\n---\n"), time.UTC)
	if !d.Fields.HasMeeting() || d.Fields.BadMeeting != "" {
		t.Errorf("a meeting on the incident's day: %+v %v", d.Fields.Meeting, d.Problems)
	}
	d = Parse("a.md", []byte("---\ntitle: x\nincident_date: 2026-11-20\nmeeting: 2025-11-24T10:00:00Z\n---\n"), time.UTC)
	if d.Fields.HasMeeting() || d.Fields.BadMeeting != "2025-11-24T10:00:00Z" {
		t.Errorf("a meeting a year before the incident is read as one: %+v %q", d.Fields.Meeting, d.Fields.BadMeeting)
	}
}

func TestAliasBombIsCheap(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na0: &a0 [x,x,x,x,x,x,x,x,x]\n")
	for i := 1; i < 30; i++ {
		b.WriteString("a" + string(rune('0'+i%10)) + string(rune('a'+i)) + ": &a" + itoa(i) + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("---\n")
	d := Parse("bomb.md", []byte(b.String()), nil)
	if d.FrontState != FrontMatterOK {
		t.Fatalf("state %v", d.FrontState)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestUTF16Column(t *testing.T) {
	d := Parse("a.md", []byte("---\ntitle: x\n---\n🔥 a 🚒 b\nplain 停止\n😀\n"), nil)
	for _, c := range []struct{ line, col, want int }{
		{4, 1, 1},  // the first emoji starts the line
		{4, 2, 3},  // after it, one column more
		{4, 5, 6},  // the second emoji
		{4, 6, 8},  // after both
		{4, 9, 11}, // one past the end
		{5, 7, 7},  // kanji are one unit each
		{6, 2, 3},
		{1, 4, 4},
	} {
		if got := d.UTF16Column(c.line, c.col); got != c.want {
			t.Errorf("UTF16Column(%d, %d) = %d, want %d", c.line, c.col, got, c.want)
		}
	}
}

// TestParseHistoryEntries: each status_history entry is decoded as the top-level fields are: what is
// wrong with one is a problem at its line, and marks that entry (and only it) malformed; of a key
// written twice the first value is read.
func TestParseHistoryEntries(t *testing.T) {
	const head = "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-01-01\nstatus_history:\n" +
		"  - status: Draft\n    at: 2026-01-01T10:00:00Z\n    by: a\n" // the good entry, lines 8-10
	cases := []struct {
		name, entry string // the second entry, from line 11
		line        int    // where the problem is (0: none)
		contains    string
		want        HistoryEntry
	}{
		{"well formed", "  - status: In Review\n    at: 2026-01-02T10:00:00+09:00\n    by: b\n    forced: true\n", 0, "",
			HistoryEntry{Status: "In Review", At: "2026-01-02T10:00:00+09:00", By: "b", Forced: true}},
		{"status folded as pm status accepts it", "  - status: in-review\n    at: 2026-01-02T10:00:00Z\n", 0, "",
			HistoryEntry{Status: "in-review", At: "2026-01-02T10:00:00Z"}},
		{"an unknown key is left alone", "  - status: Reviewed\n    at: 2026-01-02T10:00:00Z\n    note: x\n", 0, "",
			HistoryEntry{Status: "Reviewed", At: "2026-01-02T10:00:00Z"}},
		{"duplicate key", "  - status: In Review\n    at: 2026-01-02T10:00:00Z\n    status: Closed\n", 13, `duplicate key "status"`,
			HistoryEntry{Status: "In Review", At: "2026-01-02T10:00:00Z"}},
		{"empty mapping", "  - {}\n", 11, "missing status", HistoryEntry{}},
		{"missing at", "  - status: Closed\n    by: a\n", 11, "missing at", HistoryEntry{Status: "Closed", By: "a"}},
		{"status a list", "  - status: [a]\n    at: 2026-01-02T10:00:00Z\n", 11, "status must be a single value, not a list",
			HistoryEntry{At: "2026-01-02T10:00:00Z"}},
		{"status null", "  - status:\n    at: 2026-01-02T10:00:00Z\n", 11, "status is empty", HistoryEntry{At: "2026-01-02T10:00:00Z"}},
		{"unknown status", "  - status: Done\n    at: 2026-01-02T10:00:00Z\n", 11, `status "Done" is not one of`,
			HistoryEntry{Status: "Done", At: "2026-01-02T10:00:00Z"}},
		{"at not a time", "  - status: Closed\n    at: notatime\n", 12, `at "notatime" is not an RFC 3339 time`,
			HistoryEntry{Status: "Closed", At: "notatime"}},
		{"at a date", "  - status: Closed\n    at: 2026-01-02\n", 12, `at "2026-01-02" is not an RFC 3339 time`,
			HistoryEntry{Status: "Closed", At: "2026-01-02"}},
		{"by a list", "  - status: Closed\n    at: 2026-01-02T10:00:00Z\n    by: [a, b]\n", 13, "by must be a single value, not a list",
			HistoryEntry{Status: "Closed", At: "2026-01-02T10:00:00Z"}},
		{"by an alias", "  - status: Closed\n    at: &t 2026-01-02T10:00:00Z\n    by: *t\n", 13, "by: aliases are not allowed",
			HistoryEntry{Status: "Closed", At: "2026-01-02T10:00:00Z"}},
		{"forced not a bool", "  - status: Closed\n    at: 2026-01-02T10:00:00Z\n    forced: \"true\"\n", 13, `forced must be true or false, not "true"`,
			HistoryEntry{Status: "Closed", At: "2026-01-02T10:00:00Z"}},
	}
	for _, c := range cases {
		d := Parse("a.md", []byte(head+c.entry+"---\n"), nil)
		h := d.Fields.StatusHistory
		if len(h) != 2 || h[1] != c.want {
			t.Errorf("%s: history %+v, want the second entry %+v", c.name, h, c.want)
			continue
		}
		if d.HistoryMalformed(0) || d.HistoryMalformed(1) != (c.line > 0) || d.HistoryMalformed(2) {
			t.Errorf("%s: malformed %v %v, want false %v", c.name, d.HistoryMalformed(0), d.HistoryMalformed(1), c.line > 0)
		}
		if c.line == 0 {
			if len(d.Problems) > 0 {
				t.Errorf("%s: problems %+v", c.name, d.Problems)
			}
			continue
		}
		found := false
		for _, p := range d.Problems {
			if p.Key == "status_history" && p.Line == c.line && strings.HasPrefix(p.Message, "status_history entry: ") &&
				strings.Contains(p.Message, c.contains) && p.Msg.In(i18n.JA) != p.Message {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want a status_history problem on line %d containing %q (in both languages), got %+v", c.name, c.line, c.contains, d.Problems)
		}
	}
}

// TestHistoryLine finds an entry's keys in the file, past items that are not entries.
func TestHistoryLine(t *testing.T) {
	d := Parse("a.md", []byte("---\ntitle: x\nstatus_history:\n  - 1\n  - status: Draft\n    at: 2026-01-01T10:00:00Z\n  - {status: Closed}\n---\n"), nil)
	for _, c := range []struct {
		i    int
		key  string
		want int
	}{{0, "at", 6}, {0, "status", 5}, {0, "", 5}, {0, "by", 5}, {1, "status", 7}, {2, "at", 0}, {-1, "at", 0}} {
		if got := d.HistoryLine(c.i, c.key); got != c.want {
			t.Errorf("HistoryLine(%d, %q) = %d, want %d", c.i, c.key, got, c.want)
		}
	}
}

// BenchmarkHistoryLineEvery asks the line of every entry of a 20,000-entry history, as pm status and
// the status-history rule do: linear in the entries (each found at once), where counting the entries
// before each took time that grew with the square of their number (6 s for 80,000).
func BenchmarkHistoryLineEvery(b *testing.B) {
	var src strings.Builder
	src.WriteString("---\ntitle: x\nstatus_history:\n")
	for i := range 20000 {
		fmt.Fprintf(&src, "  - status: Draft\n    at: 2026-01-01T10:%02d:00Z\n", i%60)
	}
	src.WriteString("---\n")
	d := Parse("a.md", []byte(src.String()), time.UTC)
	b.ResetTimer()
	for range b.N {
		for i := range d.Fields.StatusHistory {
			if d.HistoryLine(i, "at") == 0 {
				b.Fatal("no line")
			}
		}
	}
}

// A key written twice has no value pm reads: the first is not taken (other YAML tools take the last),
// so Fields lack it and Unreadable says so, for every command alike.
func TestDuplicatedKeyIsUnreadable(t *testing.T) {
	src := "---\ntitle: x\nseverity: SEV-1\nseverity: SEV-2\nstatus: Draft\nstatus: Closed\nowner: a\n" +
		"incident_date: 2026-01-01\nincident_date: 2026-01-02\nmeeting: 2026-01-03T10:00:00Z\nmeeting: 2026-01-04T10:00:00Z\n" +
		"services: [a]\nservices: [b]\n---\n"
	d := Parse("a.md", []byte(src), time.UTC)
	f := d.Fields
	if f.Severity != "" || f.Status != "" || f.HasIncidentDate() || f.HasMeeting() || f.Services != nil {
		t.Errorf("a duplicated value read: %+v", f)
	}
	if f.BadMeeting != "2026-01-03T10:00:00Z" {
		t.Errorf("a meeting set twice reads as %q, want the first as written (not unscheduled)", f.BadMeeting)
	}
	for _, k := range []string{"severity", "status", "incident_date", "meeting", "services"} {
		if !d.Unreadable(k) {
			t.Errorf("%s set twice is not Unreadable", k)
		}
	}
	if f.Title != "x" || f.Owner != "a" || d.Unreadable("title") {
		t.Errorf("a key written once lost: %+v", f)
	}
}

// TestHasFourByte: the eight-at-a-time test finds a byte of 0xF0 or more at every place and among
// every other byte value, and nothing where there is none.
func TestHasFourByte(t *testing.T) {
	for n := 0; n <= 20; n++ {
		for at := 0; at < n; at++ {
			for v := 0; v < 256; v++ {
				b := make([]byte, n)
				for i := range b {
					b[i] = 0xEF // the largest byte below: no bit of it may spill into a neighbour
				}
				b[at] = byte(v)
				if got, want := hasFourByte(b), v >= 0xF0; got != want {
					t.Fatalf("hasFourByte(% x) = %v", b, got)
				}
			}
		}
		if hasFourByte(make([]byte, n)) {
			t.Fatalf("hasFourByte(%d zero bytes)", n)
		}
	}
}
