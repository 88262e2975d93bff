package workflow

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/sla"
)

func TestCheckMoves(t *testing.T) {
	cases := []struct {
		from, to      postmortem.Status
		ext, force    bool
		ok            bool
		wantInMessage string
	}{
		{Draft, InReview, false, false, true, ""},
		{InReview, Reviewed, true, false, true, ""},
		{InReview, Draft, false, false, true, ""},
		{Reviewed, Closed, true, false, true, ""},
		{InReview, Closed, false, false, true, ""},
		{InReview, Closed, true, false, false, "skips Reviewed only when external_message is false"},
		{Draft, Closed, false, false, false, "from Draft the postmortem can move to In Review"},
		{Reviewed, Reviewed, false, false, false, "already Reviewed"},
		{Closed, InReview, false, false, false, "pass --force"},
		{Closed, InReview, false, true, true, ""},
		{Closed, Draft, false, true, false, "Closed is the last status"},
		{Reviewed, Draft, false, true, false, "can move to Closed"},
	}
	for _, c := range cases {
		err := Check(c.from, c.to, c.ext, c.force)
		if c.ok {
			if err != nil {
				t.Errorf("%s → %s (ext %v, force %v): %v", c.from, c.to, c.ext, c.force, err)
			}
			continue
		}
		var me *MoveError
		if !errors.As(err, &me) {
			t.Errorf("%s → %s (ext %v, force %v): %v, want a MoveError", c.from, c.to, c.ext, c.force, err)
			continue
		}
		if !strings.Contains(err.Error(), c.wantInMessage) {
			t.Errorf("%s → %s: %q does not say %q", c.from, c.to, err, c.wantInMessage)
		}
		if ja := me.Msg.In(i18n.JA); ja == "" || ja == err.Error() {
			t.Errorf("%s → %s: no Japanese message (%q)", c.from, c.to, ja)
		}
	}
}

// TestInReviewToClosedOnce: the exception is one rule; Allowed, AllowedTo and Check agree on it.
func TestInReviewToClosedOnce(t *testing.T) {
	for _, ext := range []bool{false, true} {
		fromInReview := false
		for _, m := range Allowed(InReview, ext) {
			fromInReview = fromInReview || m.To == Closed
		}
		toClosed := false
		for _, m := range AllowedTo(Closed, ext) {
			toClosed = toClosed || m.From == InReview
		}
		checked := Check(InReview, Closed, ext, false) == nil
		if fromInReview != !ext || toClosed != !ext || checked != !ext {
			t.Errorf("external_message %v: Allowed %v, AllowedTo %v, Check %v; want all %v", ext, fromInReview, toClosed, checked, !ext)
		}
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestGates(t *testing.T) {
	now := date("2026-11-24T10:00:00Z")
	fields := func(mod func(*postmortem.Fields)) *postmortem.Fields {
		f := &postmortem.Fields{Status: InReview, Severity: "SEV-1", IncidentDate: date("2026-11-20T00:00:00Z")}
		mod(f)
		return f
	}
	ids := func(gs []Gate) string {
		var out []string
		for _, g := range gs {
			out = append(out, g.ID)
		}
		return strings.Join(out, " ")
	}
	lintErrors := func(n int) func() int { return func() int { return n } }
	cases := []struct {
		name   string
		facts  Facts
		target postmortem.Status
		want   string
	}{
		{"lint errors block In Review", Facts{Fields: fields(func(*postmortem.Fields) {}), LintErrors: lintErrors(2)}, InReview, GateLint},
		{"clean lint passes", Facts{Fields: fields(func(*postmortem.Fields) {}), LintErrors: lintErrors(0)}, InReview, ""},
		{"not linted: not judged", Facts{Fields: fields(func(*postmortem.Fields) {})}, InReview, ""},
		{"no meeting", Facts{Fields: fields(func(*postmortem.Fields) {})}, Reviewed, GateNoMeeting},
		{"meeting ahead", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = date("2026-11-25T10:00:00Z") })}, Reviewed, GateMeetingFuture},
		{"meeting held", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = date("2026-11-23T10:00:00Z") })}, Reviewed, ""},
		{"meeting starting now", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = now })}, Reviewed, GateMeetingFuture},
		{"tickets missing", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = date("2026-11-23T10:00:00Z") }), ActionItems: []Item{{Line: 9, Action: "a", HasTicket: true, NeedsTicket: true}, {Line: 10, Action: "b", NeedsTicket: true}}}, Closed, GateNoTicket},
		{"a P2 item needs no ticket", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = date("2026-11-23T10:00:00Z") }), ActionItems: []Item{{Line: 9, Action: "a", HasTicket: true, NeedsTicket: true}, {Line: 10, Action: "b"}}}, Closed, ""},
		{"closed straight from In Review, meeting ahead", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = date("2026-11-25T10:00:00Z") })}, Closed, GateMeetingFuture},
		{"closed straight from In Review, no meeting", Facts{Fields: fields(func(*postmortem.Fields) {})}, Closed, GateNoMeeting},
		{"closed straight from In Review, meeting held", Facts{Fields: fields(func(f *postmortem.Fields) { f.Meeting = date("2026-11-23T10:00:00Z") })}, Closed, ""},
		{"external message never reviewed", Facts{Fields: fields(func(f *postmortem.Fields) {
			f.ExternalMessage = true
			f.Meeting = date("2026-11-23T10:00:00Z")
		})}, Closed, GateNeverReviewed},
		{"external message, reviewed before", Facts{Fields: fields(func(f *postmortem.Fields) {
			f.ExternalMessage = true
			f.Status = Reviewed
			f.Meeting = date("2026-11-23T10:00:00Z")
		})}, Closed, ""},
		// a Reviewed written by hand, its meeting still ahead: not closed before the meeting
		{"reviewed by hand, meeting ahead", Facts{Fields: fields(func(f *postmortem.Fields) {
			f.ExternalMessage = true
			f.Status = Reviewed
			f.Meeting = date("2026-11-25T10:00:00Z")
		})}, Closed, GateMeetingFuture},
		{"reviewed once, reopened since", Facts{Fields: fields(func(f *postmortem.Fields) {
			f.ExternalMessage = true
			f.Meeting = date("2026-11-23T10:00:00Z")
			f.StatusHistory = []postmortem.HistoryEntry{{Status: "Reviewed"}, {Status: "Closed"}, {Status: "In Review"}}
		})}, Closed, ""},
	}
	for _, c := range cases {
		c.facts.Now = now
		if got := ids(Gates(c.facts, c.target)); got != c.want {
			t.Errorf("%s: gates %q, want %q", c.name, got, c.want)
		}
	}
}

func TestHistoryMismatchAndTicketLevel(t *testing.T) {
	f := &postmortem.Fields{Status: Closed, StatusHistory: []postmortem.HistoryEntry{{Status: "Draft"}, {Status: "In Review"}}}
	if last, bad := HistoryMismatch(f); !bad || last != "In Review" {
		t.Errorf("hand-edited Closed: %q %v", last, bad)
	}
	f.StatusHistory = append(f.StatusHistory, postmortem.HistoryEntry{Status: "Closed"})
	if _, bad := HistoryMismatch(f); bad {
		t.Error("a status that matches its history was flagged")
	}
	if _, bad := HistoryMismatch(&postmortem.Fields{Status: Draft}); bad {
		t.Error("no history: nothing to disagree with")
	}
	// spelled by hand, as the front matter may spell a status
	folded := &postmortem.Fields{Status: InReview, StatusHistory: []postmortem.HistoryEntry{{Status: "draft"}, {Status: "in-review"}}}
	if _, bad := HistoryMismatch(folded); bad {
		t.Error(`"in-review" in the history is In Review`)
	}
	if WasReviewed(folded) {
		t.Error("never Reviewed")
	}
	folded.StatusHistory = append(folded.StatusHistory, postmortem.HistoryEntry{Status: "REVIEWED"})
	if !WasReviewed(folded) {
		t.Error(`"REVIEWED" in the history is Reviewed`)
	}
	for status, want := range map[postmortem.Status]Severity{Draft: None, InReview: None, Reviewed: Warn, Closed: Fail} {
		if got := TicketLevel(status); got != want {
			t.Errorf("TicketLevel(%s) = %v, want %v", status, got, want)
		}
	}
}

func TestSchedule(t *testing.T) {
	cal, err := sla.NewCalendar(time.UTC, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSchedule(cal, map[string]int{"SEV-1": 3, "SEV-2": 5})
	incident := date("2026-11-20T09:00:00Z") // a Friday
	d, ok := s.Deadline("sev1", incident)
	if !ok || d.Format("2006-01-02") != "2026-11-25" {
		t.Errorf("SEV-1 deadline %v %v, want 2026-11-25", d, ok)
	}
	if _, ok := s.Deadline("SEV-3", incident); ok {
		t.Error("SEV-3 has no deadline")
	}
	if n := s.BusinessDaysLate("SEV-1", incident, date("2026-11-27T12:00:00Z")); n != 2 {
		t.Errorf("late %d business days, want 2", n)
	}
	// the business days after the deadline's day, to the meeting's: a Saturday is as late as the
	// Friday before it, Monday one more; a weekend day right after the deadline is 1 late
	for at, want := range map[string]int{"2026-11-25T23:59:00Z": 0, "2026-11-26T00:00:00Z": 1, "2026-11-28T10:00:00Z": 2,
		"2026-11-29T10:00:00Z": 2, "2026-11-30T10:00:00Z": 3} {
		if n := s.BusinessDaysLate("SEV-1", incident, date(at)); n != want {
			t.Errorf("a meeting at %s: late %d business days, want %d", at, n, want)
		}
	}
	friday := NewSchedule(cal, map[string]int{"SEV-1": 5}) // due Friday 2026-11-27
	if n := friday.BusinessDaysLate("SEV-1", incident, date("2026-11-28T10:00:00Z")); n != 1 {
		t.Errorf("a Saturday meeting after a Friday deadline: late %d, want 1", n)
	}
	f := &postmortem.Fields{Status: Reviewed, Severity: "SEV-1", IncidentDate: incident}
	issues := s.CheckMeeting(f, date("2026-11-27T12:00:00Z"), date("2026-11-28T00:00:00Z"))
	var kinds []MeetingKind
	for _, i := range issues {
		kinds = append(kinds, i.Kind)
	}
	if len(kinds) != 3 || kinds[0] != MeetingHeld || kinds[1] != MeetingPast || kinds[2] != MeetingLate || issues[2].Late != 2 || issues[2].Days != 3 {
		t.Errorf("meeting issues %+v", issues)
	}
	var none *Schedule
	if _, ok := none.Deadline("SEV-1", incident); ok {
		t.Error("a nil schedule has deadlines")
	}
}

func TestLeadTooShort(t *testing.T) {
	now := date("2026-11-24T10:00:00Z")
	if !LeadTooShort(&postmortem.Fields{Meeting: date("2026-11-25T09:00:00Z")}, now) {
		t.Error("23 hours ahead is too short")
	}
	if LeadTooShort(&postmortem.Fields{Meeting: date("2026-11-25T10:00:00Z")}, now) || LeadTooShort(&postmortem.Fields{}, now) {
		t.Error("24 hours ahead, or no meeting, is not too short")
	}
	if LeadTooShort(&postmortem.Fields{Meeting: date("2026-11-23T09:00:00Z")}, now) || LeadTooShort(&postmortem.Fields{Meeting: now}, now) {
		t.Error("a meeting over, or starting now, is no lead time to warn of")
	}
}

func TestActionDeadlines(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	d := NewActionDeadlines(map[string]int{"SEV-1": 15, "SEV-2": 30}, tokyo)
	// 2026-11-20 23:30 UTC is already the 21st in Tokyo: the team's date counts.
	incident := time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC)
	item := func(due, ticket, status string, hasStatus bool) postmortem.ActionItem {
		src := "---\ntitle: x\n---\n## Action Items\n\n| Priority | Action | Due | Ticket |"
		sep, row := "|-|-|-|-|", "| P1 | a | "+due+" | "+ticket+" |"
		if hasStatus {
			src, sep, row = src+" Status |", sep+"-|", row+" "+status+" |"
		}
		items := postmortem.Parse("a.md", []byte(src+"\n"+sep+"\n"+row+"\n"), nil).Content().ActionItems()
		if len(items) != 1 {
			t.Fatalf("%d items", len(items))
		}
		return items[0]
	}
	latest, ok := d.Latest("sev1", incident)
	if !ok || latest.Format("2006-01-02") != "2026-12-06" {
		t.Errorf("Latest SEV-1 = %v, %v; want 2026-12-06", latest, ok)
	}
	if _, ok := d.Latest("SEV-3", incident); ok {
		t.Error("SEV-3 has a deadline")
	}
	if dl, fromDue, ok := d.Of(item("2026-12-01", "", "", false), "SEV-1", incident); !ok || !fromDue || dl.Format("2006-01-02") != "2026-12-01" {
		t.Errorf("Of with a due date = %v, %v, %v", dl, fromDue, ok)
	}
	if dl, fromDue, ok := d.Of(item("soon", "", "", false), "SEV-2", incident); !ok || fromDue || dl.Format("2006-01-02") != "2026-12-21" {
		t.Errorf("Of without a due date = %v, %v, %v", dl, fromDue, ok)
	}
	at := func(s string) time.Time { // a time of day in Tokyo
		x, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	cases := []struct {
		name string
		it   postmortem.ActionItem
		sev  string
		now  time.Time
		want int
	}{
		{"on its due date", item("2026-12-01", "", "", false), "SEV-1", at("2026-12-01 23:59"), 0},
		{"the day after", item("2026-12-01", "", "", false), "SEV-1", at("2026-12-02 00:00"), 1},
		{"a week after", item("2026-12-01", "", "", false), "SEV-1", at("2026-12-08 12:00"), 7},
		{"filed in a tracker", item("2026-12-01", "OPS-1", "", false), "SEV-1", at("2026-12-08 12:00"), 0},
		{"open with a ticket", item("2026-12-01", "OPS-1", "open", true), "SEV-1", at("2026-12-08 12:00"), 7},
		{"done", item("2026-12-01", "", "done", true), "SEV-1", at("2026-12-08 12:00"), 0},
		{"won't do", item("2026-12-01", "", "won't do", true), "SEV-1", at("2026-12-08 12:00"), 0},
		{"severity's deadline", item("", "", "", true), "SEV-1", at("2026-12-09 08:00"), 3},
		{"no deadline", item("", "", "", true), "SEV-4", at("2027-12-09 08:00"), 0},
	}
	for _, c := range cases {
		if got := d.DaysOverdue(c.it, c.sev, incident, c.now); got != c.want {
			t.Errorf("%s: DaysOverdue = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestJudgeHistoryDate(t *testing.T) {
	now := date("2026-12-01T10:00:00Z")
	jst := time.FixedZone("JST", 9*60*60)
	dateOnly := time.Date(2026, 11, 20, 0, 0, 0, 0, jst) // incident_date: 2026-11-20 read in the team's zone
	withTime := date("2026-11-20T23:30:00-08:00")        // an incident given with its time
	for _, c := range []struct {
		name     string
		at       string
		incident time.Time
		now      time.Time
		want     HistoryDate
	}{
		{"between", "2026-11-24T17:00:00+09:00", dateOnly, now, DatePlausible},
		{"on the incident's day, early", "2026-11-20T00:05:00+09:00", dateOnly, now, DatePlausible},
		{"on the incident's day in JST, written in UTC (the day before there)", "2026-11-19T20:00:00Z", dateOnly, now, DatePlausible},
		{"the day before in JST, written in UTC", "2026-11-19T14:59:00Z", dateOnly, now, DateBeforeIncident},
		{"on the incident's day as written, in a zone ahead", "2026-11-20T01:00:00+14:00", dateOnly, now, DatePlausible},
		{"the day before", "2026-11-19T23:59:00+09:00", dateOnly, now, DateBeforeIncident},
		{"126 years before", "1900-01-02T00:00:00Z", dateOnly, now, DateBeforeIncident},
		{"year 1", "0001-01-01T00:00:00Z", dateOnly, now, DateBeforeIncident},
		{"incident with a time: same day as written", "2026-11-20T08:00:00-08:00", withTime, now, DatePlausible},
		{"now itself", "2026-12-01T10:00:00Z", dateOnly, now, DatePlausible},
		{"a second after now", "2026-12-01T10:00:01Z", dateOnly, now, DateAfterNow},
		{"year 9999", "9999-12-31T23:59:59Z", dateOnly, now, DateAfterNow},
		{"no clock: the future is not judged", "9999-12-31T23:59:59Z", dateOnly, time.Time{}, DatePlausible},
		{"no incident date: the past is not judged", "1900-01-02T00:00:00Z", time.Time{}, now, DatePlausible},
	} {
		f := &postmortem.Fields{IncidentDate: c.incident}
		if got := JudgeHistoryDate(date(c.at), f, c.now); got != c.want {
			t.Errorf("%s: JudgeHistoryDate(%s) = %v, want %v", c.name, c.at, got, c.want)
		}
	}
}

// TestCheckRecorded: every move pm status can make passes as recorded (a force-only one marked
// forced, as pm status marks it), In Review → Closed included whatever external_message says now;
// any move marked forced passes (pm status --force records a move from a status edited by hand);
// what pm status never records unforced does not pass.
func TestCheckRecorded(t *testing.T) {
	for _, m := range Moves {
		if err := CheckRecorded(m.From, m.To, m.ForceOnly); err != nil {
			t.Errorf("%s → %s (forced %v) as pm status records it: %v", m.From, m.To, m.ForceOnly, err)
		}
		if err := CheckRecorded(m.From, m.To, true); err != nil {
			t.Errorf("%s → %s forced past a gate: %v", m.From, m.To, err)
		}
	}
	for _, c := range []struct {
		from, to      postmortem.Status
		forced        bool
		wantInMessage string
	}{
		{Draft, Closed, false, "from Draft the postmortem can move to In Review"},
		{Draft, Reviewed, false, "from Draft the postmortem can move to In Review"},
		{Reviewed, Draft, false, "can move to Closed"},
		{Closed, InReview, false, "pass --force"},
		{Closed, Draft, false, "Closed is the last status (pm status in-review --force reopens it"},
		{InReview, InReview, false, "already In Review"},
		{InReview, InReview, true, "already In Review"},
	} {
		var me *MoveError
		if err := CheckRecorded(c.from, c.to, c.forced); !errors.As(err, &me) || !strings.Contains(err.Error(), c.wantInMessage) {
			t.Errorf("%s → %s (forced %v): %v, want a MoveError saying %q", c.from, c.to, c.forced, err, c.wantInMessage)
		}
	}
	for _, m := range [][2]postmortem.Status{{Draft, Closed}, {Draft, Reviewed}, {Reviewed, Draft}, {Closed, Draft}} {
		if err := CheckRecorded(m[0], m[1], true); err != nil {
			t.Errorf("%s → %s marked forced: %v", m[0], m[1], err)
		}
	}
}

// A Due cell as a Japanese team writes a day reads as YYYY-MM-DD does, in every command that reads
// it (lint, the ledger's deadlines, stats); a European or spelled-out date does not.
func TestDueDay(t *testing.T) {
	for in, want := range map[string]string{"2026-12-04": "2026-12-04", "2026/12/04": "2026-12-04", "2026年12月4日": "2026-12-04",
		"２０２６／１２／０４": "2026-12-04", "2026年12月4日(金)": "2026-12-04", "04.12.2026": "", "next week": "", "": "",
		// a weekday in brackets after any of the forms, Japanese or English, in either width of bracket
		"2026/12/04(金)": "2026-12-04", "2026-12-04(金)": "2026-12-04", "2026-12-04 (Fri)": "2026-12-04", "2026-12-01 (Tue)": "2026-12-01",
		"2026-12-04（金）": "2026-12-04", "2026-12-04 (金曜日)": "2026-12-04", "2026-12-04 (friday)": "2026-12-04", "2026-12-04 (FRI)": "2026-12-04",
		"2026-12-04 (Fr)": "", "2026-12-04 (x)": "", "2026-12-04 Fri": "", "2026-12-04 (Fri) noon": ""} {
		got := ""
		if d, ok := DueDay(in, time.UTC); ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("DueDay(%q) = %q, want %q", in, got, want)
		}
	}
}

// The weekday written beside a Due date is kept so that lint can hold it to the date: 4 Dec 2026 is
// a Friday, so (月) or (Mon) beside it is a typo of one of the two. The day is still the date.
func TestParseDueWeekday(t *testing.T) {
	for _, c := range []struct {
		in, written, actual string
		mistyped            bool
	}{
		{"2026年12月4日(月)", "月", "金", true},
		{"2026-12-04(金)", "金", "金", false},
		{"2026-12-04 (Mon)", "Mon", "Fri", true},
		{"2026-12-04 (monday)", "monday", "Fri", true},
		{"２０２６－１２－０１（Ｔｕｅ）", "Tue", "Tue", false},
		{"2026-12-04", "", "金", false},
	} {
		d, ok := ParseDue(c.in, time.UTC)
		if !ok || d.Day.Format("2006-01-02") != map[bool]string{true: "2026-12-01", false: "2026-12-04"}[strings.Contains(c.in, "０１")] {
			t.Errorf("ParseDue(%q) = %v, %v", c.in, d.Day, ok)
			continue
		}
		if d.Weekday != c.written || d.WeekdayMistyped() != c.mistyped || d.DayName() != c.actual {
			t.Errorf("ParseDue(%q): written %q, mistyped %v, the date's %q; want %q, %v, %q", c.in, d.Weekday, d.WeekdayMistyped(), d.DayName(), c.written, c.mistyped, c.actual)
		}
	}
}

// TestActionDeadlineOnDayWithoutMidnight: where DST skips midnight (America/Santiago, 2026-09-06
// starts at 01:00) the deadline is still that day, not the evening before, and an item is overdue
// from the day after it.
func TestActionDeadlineOnDayWithoutMidnight(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	d := NewActionDeadlines(map[string]int{"SEV-1": 15}, loc)
	incident := time.Date(2026, 8, 22, 10, 0, 0, 0, loc)
	if latest, ok := d.Latest("SEV-1", incident); !ok || latest.In(loc).Format("2006-01-02") != "2026-09-06" {
		t.Errorf("Latest = %v, %v; want 2026-09-06", latest, ok)
	}
	if due, ok := DueDay("2026-09-06", loc); !ok || due.In(loc).Format("2006-01-02") != "2026-09-06" {
		t.Errorf("DueDay(2026-09-06) = %v, %v", due, ok)
	}
	items := postmortem.Parse("a.md", []byte("---\ntitle: x\n---\n## Action Items\n\n| Priority | Action | Due |\n|-|-|-|\n| P1 | a | 2026-09-06 |\n"), loc).Content().ActionItems()
	for _, c := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 9, 6, 23, 0, 0, 0, loc), 0},
		{time.Date(2026, 9, 7, 0, 30, 0, 0, loc), 1},
		{time.Date(2026, 9, 8, 12, 0, 0, 0, loc), 2},
	} {
		if got := d.DaysOverdue(items[0], "SEV-1", incident, c.now); got != c.want {
			t.Errorf("DaysOverdue at %v = %d, want %d", c.now, got, c.want)
		}
	}
}
