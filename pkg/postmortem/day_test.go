package postmortem

import (
	"strings"
	"testing"
	"time"
)

// An incident_date is read by the reader of every other written day (a Due cell, a timeline's Date
// column, pm new --date): the forms those take are the same day here, full-width ISO and a weekday
// in brackets included, and a weekday that is not the date's is said to be mistyped, as pm new
// --date refuses it and lint reports it in a Due cell, never dropped by a fix without a word.
func TestIncidentDateReadAsEveryDayIs(t *testing.T) {
	doc := func(date string) []byte {
		return []byte("---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: \"" + date + "\"\n---\n")
	}
	for _, written := range []string{
		"２０２６－１１－２０", "2026-11-20(金)", "2026-11-20 (Fri)", "2026/11/20 (Friday)", "2026/11/20（金）",
		"２０２６／１１／２０", "2026年11月20日(金曜日)",
	} {
		d := Parse("a.md", doc(written), time.UTC)
		if got := d.Fields.IncidentDate.Format("2006-01-02"); got != "2026-11-20" || d.Unreadable("incident_date") {
			t.Errorf("%s: read as %s (unreadable %v), want 2026-11-20", written, got, d.Unreadable("incident_date"))
		}
		if len(d.Problems) != 1 || d.Problems[0].Msg.ID != "fm.date-spelling" {
			t.Errorf("%s: problems %+v, want the one saying it is written 2026-11-20", written, d.Problems)
		}
	}
	for _, written := range []string{"2026/11/20（木）", "2026-11-20 (Thu)"} {
		d := Parse("a.md", doc(written), time.UTC)
		if len(d.Problems) != 1 || d.Problems[0].Msg.ID != "fm.date-weekday" || !strings.Contains(d.Problems[0].Message, "mistyped") {
			t.Errorf("%s: problems %+v, want the weekday said to be mistyped", written, d.Problems)
		}
		// the date is read as written, as a Due cell's is: lint's error says which to correct
		if got := d.Fields.IncidentDate.Format("2006-01-02"); got != "2026-11-20" || d.Unreadable("incident_date") {
			t.Errorf("%s: read as %s (unreadable %v)", written, got, d.Unreadable("incident_date"))
		}
	}
	for _, written := range []string{"2026-02-30(月)", "２０２６－０２－３０", "2026-11-20 (Fry)", "20261120"} {
		if d := Parse("a.md", doc(written), time.UTC); !d.Unreadable("incident_date") || d.Fields.HasIncidentDate() {
			t.Errorf("%s: read as %v", written, d.Fields.IncidentDate)
		}
	}
}

// A Status cell's date is read as the Due column reads a day (ParseDay): full-width ISO and a
// weekday in brackets too. Unread, "done ２０２６－１２－０４" was no state, an open item overdue after
// its Due, while the same day in the Due cell beside it was read.
func TestActionStateDatedAsDueIs(t *testing.T) {
	for in, want := range map[string]string{"done ２０２６－１２－０４": "2026-12-04", "完了 2026-12-04(金)": "2026-12-04",
		"done 2026-12-04 (Fri)": "2026-12-04", "done (2026-12-04 (Fri))": "2026-12-04", "完了 2026年12月4日（金曜日）": "2026-12-04",
		"won't do ２０２６年１２月４日": "2026-12-04", "２０２６－１２－０４": "", "done 2026-12-04 (Fry)": "", "done 2026-02-30(月)": ""} {
		it := ActionItem{Status: in, hasStatus: true}
		if date, _ := it.StatusDate(); date != want {
			t.Errorf("StatusDate of %q = %q, want %q", in, date, want)
		}
		if _, ok := ParseActionState(in); ok != (want != "") {
			t.Errorf("ParseActionState(%q) read it: %v", in, ok)
		}
	}
}

// A boolean is YAML's true or false: one tagged a string (!!str false), as one in quotes ("false"),
// is a string to other YAML readers, true in JavaScript, and a front-matter error here, never read
// as false (In Review → Closed skips Reviewed only when external_message is false).
func TestBooleanTaggedAString(t *testing.T) {
	for _, v := range []string{"!!str false", `"false"`, "!custom false"} {
		src := "---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\nexternal_message: " + v +
			"\nstatus_history: [{status: Draft, at: 2026-11-20T10:00:00Z, by: a, forced: " + v + "}]\n---\n"
		d := Parse("a.md", []byte(src), time.UTC)
		n := 0
		for _, p := range d.Problems {
			if p.Msg.ID == "fm.bool" || strings.Contains(p.Message, "forced must be true or false") {
				n++
			}
		}
		if n != 2 || !d.Fields.ExternalMessage {
			t.Errorf("%s: %d problems of a boolean (want 2), external_message read as %v: %+v", v, n, d.Fields.ExternalMessage, d.Problems)
		}
	}
	d := Parse("a.md", []byte("---\ntitle: x\nexternal_message: !!bool false\n---\n"), time.UTC)
	if d.Fields.ExternalMessage || d.Unreadable("external_message") {
		t.Errorf("!!bool false: %v %+v", d.Fields.ExternalMessage, d.Problems)
	}
}

// An RFC 3339 offset is hours 00-23 and minutes 00-59: Go's parser also takes +24:00 and +09:60,
// which read an incident_date of 2026-11-20T10:00:00-24:00 as the 21st, and a meeting at +09:60 as
// +10:00, with no finding. They are times pm cannot read, said so, as +99:00 is.
func TestRFC3339OffsetOutOfRange(t *testing.T) {
	for _, off := range []string{"-24:00", "+24:00", "+09:60", "+99:00"} {
		if _, err := ParseTime("2026-11-24T15:00:00" + off); err == nil {
			t.Errorf("meeting at %s read", off)
		}
		if _, err := ParseDate("2026-11-20T10:00:00"+off, time.UTC); err == nil {
			t.Errorf("incident_date at %s read", off)
		}
	}
	for _, off := range []string{"+23:59", "-12:00", "+14:00", "Z", "+09:00", "-00:30"} {
		if _, err := ParseTime("2026-11-24T15:00:00" + off); err != nil {
			t.Errorf("meeting at %s: %v", off, err)
		}
	}
}
