package postmortem

import (
	"strings"
	"testing"
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
	}
	for _, c := range cases {
		d := Parse("a.md", []byte(c.src), nil)
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
