package stats

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/sla"
	"github.com/pm-tools/pm/pkg/workflow"
)

func input(t *testing.T, id, front, items string) Input {
	t.Helper()
	src := "---\n" + front + "---\n## Action Items\n\n| Priority | Action | Due | Ticket | Status |\n|-|-|-|-|-|\n" + items
	d := postmortem.Parse(id+".md", []byte(src), nil)
	if len(d.Problems) > 0 {
		t.Fatalf("%s: %v", id, d.Problems)
	}
	return Input{ID: id, Path: "postmortems/" + id + ".md", Fields: &d.Fields, Items: d.Content().ActionItems()}
}

func options(t *testing.T, now time.Time) Options {
	cal, err := sla.NewCalendar(time.UTC, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return Options{
		Schedule: workflow.NewSchedule(cal, map[string]int{"SEV-1": 3, "SEV-2": 5}),
		Actions:  workflow.NewActionDeadlines(map[string]int{"SEV-1": 15, "SEV-2": 30}, time.UTC),
		Now:      now, Location: time.UTC,
	}
}

func TestCompute(t *testing.T) {
	now := time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC)
	in := []Input{
		// SEV-1 of Mon 2 Nov: meeting on the 4th (met), Reviewed after 4.5 days, Closed after 20.
		input(t, "2026-11-02-a", "title: A\nseverity: SEV-1\nstatus: Closed\nowner: x\nincident_date: 2026-11-02T00:00:00Z\n"+
			"meeting: 2026-11-04T10:00:00Z\nservices: [checkout]\nstatus_history:\n"+
			"  - {status: Draft, at: \"2026-11-02T01:00:00Z\", by: x}\n  - {status: In Review, at: \"2026-11-03T00:00:00Z\", by: x}\n"+
			"  - {status: Reviewed, at: \"2026-11-06T12:00:00Z\", by: x}\n  - {status: Closed, at: \"2026-11-22T00:00:00Z\", by: x}\n",
			"| P0 | a1 | 2026-11-10 | OPS-1 | done 2026-11-09 |\n| P1 | a2 | 2026-11-10 | OPS-2 | done 2026-11-12 |\n| P1 | a3 | | OPS-3 | won't do |\n"),
		// SEV-2 of Mon 9 Nov: meeting on the 20th, after its 5 business days (missed); Reviewed after 11 days.
		input(t, "2026-11-09-b", "title: B\nseverity: SEV-2\nstatus: Reviewed\nowner: x\nincident_date: 2026-11-09T00:00:00Z\n"+
			"meeting: 2026-11-20T10:00:00Z\nservices: [checkout, payments]\nrecurrence_of: 2026-11-02-a\nstatus_history:\n"+
			"  - {status: Reviewed, at: \"2026-11-20T00:00:00Z\", by: x}\n",
			"| P1 | b1 | 2026-11-30 | OPS-4 | open |\n| P1 | b2 | | | |\n"),
		// SEV-1 of 18 Dec, no meeting yet, deadline ahead (pending); an undated done item within its deadline.
		input(t, "2026-12-18-c", "title: C\nseverity: SEV-1\nstatus: Draft\nowner: x\nincident_date: 2026-12-18T00:00:00Z\n",
			"| P1 | c1 | 2026-12-30 | | done |\n"),
		// SEV-1 of 1 Oct, never scheduled (missed); SEV-4 has no deadline.
		input(t, "2026-10-01-d", "title: D\nseverity: SEV-1\nstatus: In Review\nowner: x\nincident_date: 2026-10-01T00:00:00Z\n", ""),
		input(t, "2026-10-05-e", "title: E\nseverity: SEV-4\nstatus: Draft\nowner: x\nincident_date: 2026-10-05T00:00:00Z\n", ""),
	}
	r := Compute(in, options(t, now))
	if r.Postmortems != 5 || !reflect.DeepEqual(r.BySeverity, map[string]int{"SEV-1": 3, "SEV-2": 1, "SEV-4": 1}) {
		t.Errorf("counts %d %v", r.Postmortems, r.BySeverity)
	}
	wantMonths := map[string]map[string]int{"2026-10": {"SEV-1": 1, "SEV-4": 1}, "2026-11": {"SEV-1": 1, "SEV-2": 1}, "2026-12": {"SEV-1": 1}}
	if !reflect.DeepEqual(r.ByMonth, wantMonths) {
		t.Errorf("by month %v", r.ByMonth)
	}
	if r.MeetingSLA != (MeetingSLA{Met: 1, Missed: 2, Pending: 1}) {
		t.Errorf("meeting SLA %+v", r.MeetingSLA)
	}
	if r.DaysToReviewed != (Durations{Median: 7.8, P90: 11, Count: 2}) || r.DaysToClosed != (Durations{Median: 20, P90: 20, Count: 1}) {
		t.Errorf("durations %+v %+v", r.DaysToReviewed, r.DaysToClosed)
	}
	// a1 done in time, a2 done late, c1 undated with its deadline ahead; b1 past 30 Nov and b2 past
	// the SEV-2's 9 Dec are overdue; b2 is the oldest open item: 41 days after 9 Nov.
	if r.ActionItems != (ActionItems{Total: 6, Done: 3, DoneByDeadline: 2, Overdue: 2, Open: 2, OldestOpenDays: 41}) {
		t.Errorf("action items %+v", r.ActionItems)
	}
	if r.Recurrences != 1 || !reflect.DeepEqual(r.RecurrencesByService, map[string]int{"checkout": 1, "payments": 1}) {
		t.Errorf("recurrences %d %v", r.Recurrences, r.RecurrencesByService)
	}
	if r.Rows[0].ID != "2026-12-18-c" || r.Rows[4].ID != "2026-10-01-d" || r.Rows[0].Meeting != MeetingPending {
		t.Errorf("rows %+v", r.Rows)
	}
	// The JSON carries exactly the keys pm stats promises.
	b, _ := json.Marshal(r)
	var keys map[string]json.RawMessage
	json.Unmarshal(b, &keys)
	var got []string
	for k := range keys {
		got = append(got, k)
	}
	want := "action_items by_month by_severity days_to_closed days_to_reviewed meeting_sla postmortems recurrences"
	sort.Strings(got)
	if strings.Join(got, " ") != want {
		t.Errorf("JSON keys %v", got)
	}
}

func TestSummarise(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want Durations
	}{
		{nil, Durations{}},
		{[]float64{5}, Durations{5, 5, 1}},
		{[]float64{4, 1, 3, 2}, Durations{2.5, 4, 4}},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Durations{5.5, 9, 10}},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100}, Durations{6, 10, 11}},
	} {
		if got := summarise(c.in); got != c.want {
			t.Errorf("summarise(%v) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

// TestImplausibleHistory: days are counted without time.Duration, which saturates at 292 years, and
// an entry dated before the incident or after now is left out of them (and counted in LeftOut)
// rather than folded into the medians.
func TestImplausibleHistory(t *testing.T) {
	now := time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC)
	ptr := func(d float64) *float64 { return &d }
	for _, c := range []struct {
		name, front, items  string
		reviewed, closed    *float64
		leftOut, oldestOpen int
	}{
		{"nonsense dates", "incident_date: 2026-11-20T00:00:00Z\nstatus: Closed\nstatus_history:\n" +
			"  - {status: In Review, at: \"1900-01-01T00:00:00Z\"}\n  - {status: Reviewed, at: \"1900-01-02T00:00:00Z\"}\n" +
			"  - {status: Closed, at: \"9999-12-31T23:59:59Z\"}\n", "", nil, nil, 2, -1},
		{"the first Reviewed left out, the second counted", "incident_date: 2026-11-20T00:00:00Z\nstatus: Reviewed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-19T00:00:00Z\"}\n  - {status: Reviewed, at: \"2026-11-22T12:00:00Z\"}\n", "", ptr(2.5), nil, 1, -1},
		{"an incident 326 years ago", "incident_date: 1700-01-01T00:00:00Z\nstatus: Closed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-01-01T00:00:00Z\"}\n  - {status: Closed, at: \"2026-01-01T12:00:00Z\"}\n",
			"| P1 | a1 | | | open |\n", ptr(119069), ptr(119069.5), 0, 119422},
		{"earlier on the incident's day than its time", "incident_date: 2026-11-20T10:00:00Z\nstatus: Reviewed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-20T09:00:00Z\"}\n", "", ptr(0), nil, 0, -1},
		{"in the future by a minute", "incident_date: 2026-11-20T00:00:00Z\nstatus: Closed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-22T00:00:00Z\"}\n  - {status: Closed, at: \"2026-12-20T12:01:00Z\"}\n", "", ptr(2), nil, 1, -1},
		{"reopened: not closed", "incident_date: 2026-11-20T00:00:00Z\nstatus: In Review\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-22T00:00:00Z\"}\n  - {status: Closed, at: \"2026-11-25T00:00:00Z\"}\n" +
			"  - {status: In Review, at: \"2026-11-30T00:00:00Z\", forced: true}\n", "", ptr(2), nil, 0, -1},
		{"Closed by hand over a reopening: not closed", "incident_date: 2026-11-20T00:00:00Z\nstatus: Closed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-22T00:00:00Z\"}\n  - {status: Closed, at: \"2026-11-25T00:00:00Z\"}\n" +
			"  - {status: In Review, at: \"2026-11-30T00:00:00Z\", forced: true}\n", "", ptr(2), nil, 0, -1},
		{"reopened and closed again: from the last close", "incident_date: 2026-11-20T00:00:00Z\nstatus: Closed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-22T00:00:00Z\"}\n  - {status: Closed, at: \"2026-11-25T00:00:00Z\"}\n" +
			"  - {status: In Review, at: \"2026-11-30T00:00:00Z\", forced: true}\n  - {status: Reviewed, at: \"2026-12-01T00:00:00Z\"}\n" +
			"  - {status: Closed, at: \"2026-12-04T12:00:00Z\"}\n", "", ptr(2), ptr(14.5), 0, -1},
		{"reopened, its closing again dated after now: not closed, not the closing before", "incident_date: 2026-11-20T00:00:00Z\nstatus: Closed\nstatus_history:\n" +
			"  - {status: Reviewed, at: \"2026-11-22T00:00:00Z\"}\n  - {status: Closed, at: \"2026-11-25T00:00:00Z\"}\n" +
			"  - {status: In Review, at: \"2026-11-30T00:00:00Z\", forced: true}\n  - {status: Reviewed, at: \"2026-12-01T00:00:00Z\"}\n" +
			"  - {status: Closed, at: \"2027-12-04T12:00:00Z\"}\n", "", ptr(2), nil, 1, -1},
	} {
		row := Figures(input(t, "x", "title: X\nseverity: SEV-3\nowner: x\n"+c.front, c.items), options(t, now))
		if !sameDays(row.DaysToReviewed, c.reviewed) || !sameDays(row.DaysToClosed, c.closed) || row.LeftOut != c.leftOut ||
			row.OldestOpenDays != c.oldestOpen {
			t.Errorf("%s: reviewed %v, closed %v, left out %d, oldest open %d; want %v, %v, %d, %d", c.name, show(row.DaysToReviewed),
				show(row.DaysToClosed), row.LeftOut, row.OldestOpenDays, show(c.reviewed), show(c.closed), c.leftOut, c.oldestOpen)
		}
	}
}

func sameDays(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func show(d *float64) any {
	if d == nil {
		return "none"
	}
	return *d
}

// A meeting set within the deadline but not held yet is pending, not met: met is what happened.
func TestMeetingAheadIsPending(t *testing.T) {
	now := time.Date(2026, 12, 10, 1, 0, 0, 0, time.UTC)
	for meeting, want := range map[string]string{
		"2026-12-11T01:00:00Z": MeetingPending, // tomorrow, within the SEV-1 deadline of the 14th
		"2026-12-09T10:00:00Z": MeetingMet,     // held yesterday
		"2026-12-17T10:00:00Z": MeetingMissed,  // set after the deadline: missed whatever the clock
	} {
		in := input(t, "2026-12-09-x", "title: X\nseverity: SEV-1\nstatus: Draft\nowner: x\nincident_date: 2026-12-09T00:00:00Z\nmeeting: "+meeting+"\n", "")
		if got := Compute([]Input{in}, options(t, now)).Rows[0].Meeting; got != want {
			t.Errorf("meeting %s: %s, want %s", meeting, got, want)
		}
	}
}

// An entry to Reviewed whose time does not parse is left out of the days, and counted so (pm stats
// names the file in a note).
func TestMalformedHistoryTimeLeftOut(t *testing.T) {
	now := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	d := postmortem.Parse("postmortems/2026-12-01-x.md", []byte("---\ntitle: X\nseverity: SEV-2\nstatus: Reviewed\nowner: x\nincident_date: 2026-12-01T00:00:00Z\n"+
		"status_history:\n  - {status: Draft, at: \"2026-12-01T01:00:00Z\", by: x}\n  - {status: Reviewed, at: nope, by: x}\n---\n# X\n"), time.UTC)
	in := Input{ID: "2026-12-01-x", Path: "postmortems/2026-12-01-x.md", Fields: &d.Fields}
	r := Compute([]Input{in}, options(t, now))
	if r.Rows[0].LeftOut != 1 || r.DaysToReviewed.Count != 0 {
		t.Errorf("left out %d, days %+v", r.Rows[0].LeftOut, r.DaysToReviewed)
	}
}

// A median of nothing is null in the JSON, not 0 days a dashboard would chart.
func TestDurationsOfNothingAreNull(t *testing.T) {
	b, err := json.Marshal(Durations{})
	if err != nil || string(b) != `{"median":null,"p90":null,"count":0}` {
		t.Errorf("%s %v", b, err)
	}
	b, err = json.Marshal(Durations{Median: 2.5, P90: 4, Count: 3})
	if err != nil || string(b) != `{"median":2.5,"p90":4,"count":3}` {
		t.Errorf("%s %v", b, err)
	}
}

// Spellings of a service by letter case are one service in the recurrences, as --service matches
// them, under the spelling most use; a postmortem naming it twice counts once.
func TestRecurrencesBySpellingsOfAService(t *testing.T) {
	now := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	var in []Input
	for i, services := range []string{"[Legacy]", "[legacy]", "[legacy, LEGACY]", "[Other]"} {
		in = append(in, input(t, fmt.Sprintf("2026-11-0%d-x", i+1), fmt.Sprintf("title: X\nseverity: SEV-2\nstatus: Draft\nowner: x\n"+
			"incident_date: 2026-11-0%dT00:00:00Z\nrecurrence_of: a\nservices: %s\n", i+1, services), ""))
	}
	r := Compute(in, options(t, now))
	if want := map[string]int{"legacy": 3, "Other": 1}; !reflect.DeepEqual(r.RecurrencesByService, want) {
		t.Errorf("by service %v, want %v", r.RecurrencesByService, want)
	}
	// the spelling of every postmortem counts, not only the recurrences' (pm site pages it so)
	in = append(in, input(t, "2026-11-08-y", "title: Y\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-11-08T00:00:00Z\nservices: [other]\n", ""),
		input(t, "2026-11-09-y", "title: Y\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-11-09T00:00:00Z\nservices: [other]\n", ""))
	r = Compute(in, options(t, now))
	if want := map[string]int{"legacy": 3, "other": 1}; !reflect.DeepEqual(r.RecurrencesByService, want) {
		t.Errorf("by service, spelled as every postmortem spells it: %v, want %v", r.RecurrencesByService, want)
	}
	if got := Spelling(map[string]int{"B": 1, "a": 1, "A": 1}); got != "A" {
		t.Errorf("Spelling of a tie: %q, want the first sorted, A", got)
	}
}

// TestDayWithoutMidnight: in America/Santiago 2026-09-06 starts at 01:00 (DST skips midnight). An
// item due that day, and one with the SEV-1's 15 days from 22 August (also that day), both done on
// it, are done by their deadline; read at midnight, each day fell on the evening before and the
// deadline was a day early.
func TestDayWithoutMidnight(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	cal, err := sla.NewCalendar(loc, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{
		Schedule: workflow.NewSchedule(cal, map[string]int{"SEV-1": 3}),
		Actions:  workflow.NewActionDeadlines(map[string]int{"SEV-1": 15}, loc),
		Now:      time.Date(2026, 9, 10, 12, 0, 0, 0, loc), Location: loc,
	}
	d := postmortem.Parse("s.md", []byte("---\ntitle: S\nseverity: SEV-1\nstatus: Draft\nowner: x\nincident_date: 2026-08-22\n---\n"+
		"## Action Items\n\n| Priority | Action | Due | Ticket | Status |\n|-|-|-|-|-|\n"+
		"| P1 | due | 2026-09-06 | OPS-1 | done 2026-09-06 |\n| P1 | severity's | | OPS-2 | done 2026-09-06 |\n"), loc)
	r := Compute([]Input{{ID: "s", Fields: &d.Fields, Items: d.Content().ActionItems()}}, o)
	if got := r.ActionItems; got.Done != 2 || got.DoneByDeadline != 2 {
		t.Errorf("done %d, by the deadline %d; want 2 and 2", got.Done, got.DoneByDeadline)
	}
	e := postmortem.Parse("e.md", []byte("---\ntitle: E\nseverity: SEV-1\nstatus: Draft\nowner: x\nincident_date: 2026-09-06\n---\n"), loc)
	if got := Figures(Input{ID: "e", Fields: &e.Fields}, o).IncidentDate; got != "2026-09-06" {
		t.Errorf("incident_date 2026-09-06 is the day %s", got)
	}
}
