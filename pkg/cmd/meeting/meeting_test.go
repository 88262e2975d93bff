package meeting

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is Tuesday 2026-11-24 10:30 in Tokyo; the fixtures' incident was on Friday 2026-11-20.
var now = time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)

const (
	checkoutID  = "2026-11-20-checkout-latency"
	checkoutRel = "postmortems/" + checkoutID + ".md"
	// With JP holidays, Monday 2026-11-23 (Labor Thanksgiving Day) does not count: the SEV-1
	// deadline is Thursday the 26th. Without them it is Wednesday the 25th.
	configJP         = "timezone: Asia/Tokyo\nholidays:\n  country: JP\nrepo_url: https://git.example.com/sre/postmortems/blob/main\ncustomer_liaison: Grace Kim <grace@example.com>\n"
	configNoHolidays = "timezone: Asia/Tokyo\n"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "cmd", "meeting", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// repoWith makes a repository whose first commit holds .pm.yaml and the given postmortems
// (file name → content) under postmortems/.
func repoWith(t *testing.T, config string, files map[string][]byte) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	paths := []string{".pm.yaml"}
	r.Write(".pm.yaml", config)
	for name, data := range files {
		r.Write("postmortems/"+name, string(data))
		paths = append(paths, "postmortems/"+name)
	}
	r.Commit("base", now.Add(-time.Hour), paths...)
	return r
}

func checkoutRepo(t *testing.T, config string) *testrepo.Repo {
	return repoWith(t, config, map[string][]byte{checkoutID + ".md": fixture(t, "checkout-latency.md")})
}

func runAt(t *testing.T, dir string, env map[string]string, at time.Time, o Options) (string, string, error) {
	t.Helper()
	f, out, errOut := cmdutil.TestFactory(dir, at, env)
	o.F = f
	if o.Duration == 0 {
		o.Duration = defaultDuration
	}
	err := meetingRun(&o)
	return out.String(), errOut.String(), err
}

func run(t *testing.T, dir string, env map[string]string, o Options) (string, string, error) {
	t.Helper()
	return runAt(t, dir, env, now, o)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testrepo.Golden(t, filepath.Join("..", "..", "..", "testdata", "cmd", "meeting", name), got, *update)
}

// changedLines returns the lines of after that differ from before, requiring the same line count.
func changedLines(t *testing.T, before, after []byte) []string {
	t.Helper()
	b, a := strings.Split(string(before), "\n"), strings.Split(string(after), "\n")
	if len(a) != len(b) {
		t.Fatalf("line count %d → %d", len(b), len(a))
	}
	var out []string
	for i := range a {
		if a[i] != b[i] {
			out = append(out, a[i])
		}
	}
	return out
}

// parseICS checks the physical form of an invitation (CRLF, 75 octets, whole characters) and
// decodes it with a real iCalendar parser, whose encoder then checks the required properties.
func parseICS(t *testing.T, data []byte) *goical.Event {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("invitation does not end with CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") || len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("physical line %d is bad (%d octets): %q", i+1, len(l), l)
		}
	}
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, data)
	}
	if err := goical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Errorf("the parser finds the calendar invalid: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	return &events[0]
}

func text(t *testing.T, ev *goical.Event, name string) string {
	t.Helper()
	s, err := ev.Props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

type attendee struct{ cn, addr, role string }

func attendees(ev *goical.Event) []attendee {
	var out []attendee
	for _, p := range ev.Props.Values("ATTENDEE") {
		out = append(out, attendee{p.Params.Get("CN"), p.Value, p.Params.Get("ROLE")})
	}
	return out
}

func TestMeetingSetsFieldCommitsOnlyItAndWritesTheInvitation(t *testing.T) {
	r := checkoutRepo(t, configJP)
	// the user has work staged: it must stay staged and out of pm's commit
	r.Write("notes.txt", "mine")
	r.Git("add", "notes.txt")
	before, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
	out, errOut, err := run(t, r.Dir, r.Env, Options{
		At:        "2026-11-26 10:00",
		Attendees: []string{"Ken Mori <ken@example.com>", "Ana Souza <ana@example.com>"},
		Location:  "Room 4, Tokyo",
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	after, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
	if got := changedLines(t, before, after); len(got) != 1 || got[0] != `meeting: "2026-11-26T10:00:00+09:00"` {
		t.Errorf("changed lines %q", got)
	}
	c := r.Head()
	if len(c.Files) != 1 || c.Files[0] != checkoutRel || c.Message != "postmortem: "+checkoutID+" meeting 2026-11-26T10:00:00+09:00\n" || c.Parents != 1 {
		t.Errorf("commit %+v", c)
	}
	repo, _ := gitrepo.Open(r.Dir)
	if staged, err := repo.StagedFiles(nil); err != nil || len(staged) != 1 || staged[0].Path != "notes.txt" {
		t.Errorf("staged after pm meeting: %+v %v", staged, err)
	}
	if out := r.Git("status", "--porcelain", "--", "postmortems"); out != "" {
		t.Errorf("git status shows pm's file: %s", out)
	}
	if out := r.Git("status", "--porcelain", "--untracked-files=all"); strings.Contains(out, ".ics") {
		t.Errorf("git status shows the invitation: %s", out)
	}

	if out != ".git/pm/"+checkoutID+".ics\n" {
		t.Errorf("stdout %q, want the invitation's path", out)
	}
	for _, want := range []string{"meeting Thu 2026-11-26 10:00 JST–10:30", "Within the SEV-1 deadline, Thu 2026-11-26", "Invitation for 4 attendees", "Committed "} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	data, err := os.ReadFile(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "checkout-latency.ics", data)

	ev := parseICS(t, data)
	if s := text(t, ev, "SUMMARY"); s != "Postmortem: SEV-1 Checkout latency after the payment pool change" {
		t.Errorf("SUMMARY %q", s)
	}
	if start, err := ev.DateTimeStart(nil); err != nil || !start.Equal(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("DTSTART %v %v", start, err)
	}
	if end, err := ev.DateTimeEnd(nil); err != nil || !end.Equal(time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("DTEND %v %v", end, err)
	}
	if s := text(t, ev, "LOCATION"); s != "Room 4, Tokyo" {
		t.Errorf("LOCATION %q", s)
	}
	if org := ev.Props.Get("ORGANIZER"); org == nil || org.Value != "mailto:aiko@example.com" || org.Params.Get("CN") != "Aiko Sato" {
		t.Errorf("ORGANIZER %+v", org)
	}
	want := []attendee{
		{"Aiko Sato", "mailto:aiko@example.com", "REQ-PARTICIPANT"},
		{"Ken Mori", "mailto:ken@example.com", "REQ-PARTICIPANT"},
		{"Ana Souza", "mailto:ana@example.com", "REQ-PARTICIPANT"},
		{"Grace Kim", "mailto:grace@example.com", "OPT-PARTICIPANT"},
	}
	if got := attendees(ev); len(got) != len(want) {
		t.Errorf("attendees %+v, want %+v", got, want)
	} else {
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("attendee %d: %+v, want %+v", i, got[i], want[i])
			}
		}
	}
	desc := text(t, ev, "DESCRIPTION")
	for _, part := range []string{
		"Document: https://git.example.com/sre/postmortems/blob/main/" + checkoutRel,
		"Ken Mori runs the meeting; Aiko Sato walks through the document.",
		"1. Recap the timeline",
		"- 2026-11-20 08:50 JST  Shared config 2.4 rolled out, pool size 10", // first rows
		"… 3 more in the document …",
		"- 2026-11-20 09:52 JST  Errors under 0.1%; impact ends", // last row
		"2. Recap the important points",
		"12% of checkout requests failed because a configuration", // Overview
		"3. How could we have caught it sooner?",
		"Did it show up in a canary? Could tests, or the load test environment, have caught it?",
		"the canary ran at night", // How Could We Have Detected It Sooner?
		"4. Customer impact",
		"4,120 of 34,300 checkouts failed", // Impact
		"5. Review the action items",
		"- P0 Size the payment pool explicitly, not from the shared default (prevent, Ana Souza, 2026-12-01, PAY-2001)",
		"- P1 Alert on pool wait p95 above 100 ms (process, Hannah Lee, 2026-12-04, PAY-2002)",
		"6. Review the external message",
	} {
		if !strings.Contains(desc, part) {
			t.Errorf("DESCRIPTION lacks %q:\n%s", part, desc)
		}
	}
	if strings.Contains(desc, "Status page updated") {
		t.Errorf("DESCRIPTION lists the middle of the timeline:\n%s", desc)
	}
	if u, err := ev.Props.URI("URL"); err != nil || u.String() != "https://git.example.com/sre/postmortems/blob/main/"+checkoutRel {
		t.Errorf("URL %v %v", u, err)
	}
	if out, err := r.TryGit("fsck", "--strict"); err != nil {
		t.Errorf("git fsck: %v %s", err, out)
	}
}

func TestMeetingDeadline(t *testing.T) {
	cases := []struct {
		name, config, at string
		code             int
		msg              string
	}{
		{"JP holiday skipped, last day", configJP, "2026-11-26 23:59", 0, ""},
		{"JP, one day late", configJP, "2026-11-27 09:00", 1, "is 1 business day after the SEV-1 deadline Thu 2026-11-26 (3 business days after the incident on 2026-11-20)"},
		{"JP, late across a weekend", configJP, "2026-11-30 09:00", 1, "is 2 business days after"},
		{"no holidays: the 26th is late", configNoHolidays, "2026-11-26 10:00", 1, "is 1 business day after the SEV-1 deadline Wed 2026-11-25"},
		{"no holidays, in time", configNoHolidays, "2026-11-25 18:00", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := checkoutRepo(t, c.config)
			before, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
			_, errOut, err := run(t, r.Dir, r.Env, Options{At: c.at})
			if code := cmdutil.ExitCode(err); code != c.code || (c.msg != "" && !strings.Contains(err.Error(), c.msg)) {
				t.Fatalf("exit %d, %v\n%s", code, err, errOut)
			}
			if c.code == 0 {
				return
			}
			after, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
			if !bytes.Equal(before, after) || r.CommitCount() != 1 {
				t.Error("a refused run changed the file or committed")
			}
			if _, err := os.Stat(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics")); err == nil {
				t.Error("a refused run wrote the invitation")
			}
			// --force schedules it anyway, with a warning.
			_, errOut, err = run(t, r.Dir, r.Env, Options{At: c.at, Force: true})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(errOut, "Warning (forced): ") || !strings.Contains(errOut, "business day") {
				t.Errorf("no warning:\n%s", errOut)
			}
			if r.CommitCount() != 2 {
				t.Error("forced run did not commit")
			}
		})
	}
}

func TestMeetingWithoutSLAHasNoDeadline(t *testing.T) {
	pm := bytes.Replace(fixture(t, "checkout-latency.md"), []byte("severity: SEV-1"), []byte("severity: SEV-3"), 1)
	r := repoWith(t, configJP, map[string][]byte{checkoutID + ".md": pm})
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2027-02-01 10:00"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if strings.Contains(errOut, "deadline") {
		t.Errorf("a deadline for SEV-3:\n%s", errOut)
	}
	// No customer liaison for SEV-3.
	data, _ := os.ReadFile(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics"))
	if bytes.Contains(data, []byte("grace@")) {
		t.Error("customer liaison invited to a SEV-3 meeting")
	}
}

func TestMeetingZones(t *testing.T) {
	const want = `meeting: "2026-11-26T10:00:00+09:00"`
	for _, at := range []string{
		"2026-11-26 10:00",
		"2026-11-26T10:00",
		"2026-11-26 10:00 JST",
		"2026-11-26 10:00 jst",
		"2026-11-26 10:00 +09:00",
		"2026-11-26 10:00+0900",
		"2026-11-26T10:00:00+09:00",
		"2026-11-26T01:00:00Z",
		"2026-11-26 01:00 UTC",
		"2026-11-25 17:00 -08:00",
		"2026-11-25 17:00 PST",
		"2026-11-26 10:00 Asia/Tokyo",
		" 2026-11-26   10:00 ",
		// natural Japanese: the hour alone, 午前/午後, 日本時間 as pm lint reads it
		"2026年11月26日 10時",
		"2026年11月26日 午前10時",
		"2026-11-26 10:00（日本時間）",
		"2026-11-26 10:00 日本時間",
		"2026/11/26（木） 10時 (日本時間)",
		"２０２６年１１月２６日　午前１０時（日本時間）",
		"2026-11-26 10:00 (JST)",
	} {
		r := checkoutRepo(t, configJP)
		before, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
		if _, errOut, err := run(t, r.Dir, r.Env, Options{At: at, NoCommit: true, ICS: "-"}); err != nil {
			t.Errorf("--at %q: %v\n%s", at, err, errOut)
			continue
		}
		after, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
		if got := changedLines(t, before, after); len(got) != 1 || got[0] != want {
			t.Errorf("--at %q wrote %q", at, got)
		}
	}
}

func TestParseAt(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		testenv.Skip(t, err)
	}
	cases := []struct {
		in   string
		want string // RFC 3339, or "" for an error
	}{
		{"2026-07-01 9:30", "2026-07-01T09:30:00-04:00"},
		{"2026-01-15 09:30", "2026-01-15T09:30:00-05:00"},
		{"2026-07-01 09:30 EST", "2026-07-01T09:30:00-05:00"}, // the zone's winter name, said in summer
		{"2026-07-01 09:30 EDT", "2026-07-01T09:30:00-04:00"},
		{"2026-07-01T09:30:15.5Z", "2026-07-01T09:30:15Z"},
		{"2026-03-08 02:30", ""}, // skipped by the change to daylight saving time
		{"2026-11-01 01:30", ""}, // passed twice when it ends: which one is the user's to say
		{"2026-11-01 01:30 -04:00", "2026-11-01T01:30:00-04:00"},
		{"2026-11-01 01:30 -05:00", "2026-11-01T01:30:00-05:00"},
		{"2026-11-01 00:59", "2026-11-01T00:59:00-04:00"},
		{"2026-11-01 02:00", "2026-11-01T02:00:00-05:00"},
		{"2026-02-30 10:00", ""},
		{"2026-11-26 24:00", ""},
		{"2026-11-26", ""},
		{"tomorrow 10:00", ""},
		{"2026-11-26 10:00 XYZ", ""},
		{"2026-11-26 10:00 CST", ""}, // ambiguous, and not the configured zone's
		{"2026-11-26 10:00 +15:00", ""},
		{"2026-11-26 10:00 UTC+9", "2026-11-26T10:00:00+09:00"},
		{"2026-11-26 10:00 utc-3:30", "2026-11-26T10:00:00-03:30"},
		{"2026-11-26 10:00 +0530", "2026-11-26T10:00:00+05:30"},
		{"2026-11-26 10:00 GMT+15", ""},
		{"2026-11-26 10:00 Mars/Olympus", ""},
		// as a Japanese team types it
		{"２０２６－１１－２６　１０：００", "2026-11-26T10:00:00-05:00"},
		{"2026/11/26 10:00", "2026-11-26T10:00:00-05:00"},
		{"2026年11月26日 10時30分", "2026-11-26T10:30:00-05:00"},
		{"2026年11月26日 午後3時0分", "2026-11-26T15:00:00-05:00"},
		{"2026/11/26 10:00 JST", "2026-11-26T10:00:00+09:00"},
		{"2026年11月26日", ""},
		{"2026年11月25日 15時", "2026-11-25T15:00:00-05:00"},
		{"2026年11月25日 午後3時", "2026-11-25T15:00:00-05:00"},
		{"2026年11月25日 午後3時半", "2026-11-25T15:30:00-05:00"},
		{"2026-11-25 15:00（日本時間）", "2026-11-25T15:00:00+09:00"},
		{"2026-11-25 15:00 日本標準時", "2026-11-25T15:00:00+09:00"},
		{"2026年11月25日 午後12時", ""}, // noon or midnight, as writers differ
		{"2026年11月25日 15時00", ""},
		{"2026-11-01 午前1時30分", ""}, // passed twice in New York
		{"2026/13/26 10:00", ""},
		// a weekday after the date is checked against it, as pm lint checks a timeline's
		{"2026/11/25（木） 15:00", ""},
		{"2026/11/25（水） 15:00", "2026-11-25T15:00:00-05:00"},
		{"2026/11/25(水) 15:00", "2026-11-25T15:00:00-05:00"},
		{"２０２６／１１／２５（水）　１５：００", "2026-11-25T15:00:00-05:00"},
		{"2026年11月25日(水曜日) 15時30分", "2026-11-25T15:30:00-05:00"},
		{"2026年11月25日（金） 15時30分", ""},
		{"2026-11-25 (Wed) 15:00", "2026-11-25T15:00:00-05:00"},
		{"2026-11-25 (wednesday) 15:00 JST", "2026-11-25T15:00:00+09:00"},
		{"2026-11-25 (Thu) 15:00", ""},
		{"2026-11-25（水）15:00", "2026-11-25T15:00:00-05:00"},
		// and one after the time, as some write it
		{"2026-12-29 10:00（火）", "2026-12-29T10:00:00-05:00"},
		{"2026-12-29 10:00 (Tue) JST", "2026-12-29T10:00:00+09:00"},
		{"2026-12-29 10:00（木）", ""},
		{"2026年12月29日 10時（火曜日）", "2026-12-29T10:00:00-05:00"},
		{"2026-12-29 10:00 (JST)", "2026-12-29T10:00:00+09:00"},
	}
	for _, c := range cases {
		got, err := parseAt(c.in, ny)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("parseAt(%q) = %v, want an error", c.in, got)
		case c.want != "" && err != nil:
			t.Errorf("parseAt(%q): %v", c.in, err)
		case c.want != "" && got.Format(time.RFC3339) != c.want:
			t.Errorf("parseAt(%q) = %s, want %s", c.in, got.Format(time.RFC3339), c.want)
		}
	}
}

// TestMeetingBadInput: exit 2, one line, nothing changed.
func TestMeetingBadInput(t *testing.T) {
	other := bytes.Replace(fixture(t, "checkout-latency.md"), []byte("title: Checkout latency"), []byte("title: Checkout errors"), 1)
	r := repoWith(t, configJP, map[string][]byte{
		checkoutID + ".md":              fixture(t, "checkout-latency.md"),
		"2026-11-21-checkout-errors.md": other,
	})
	cases := []struct {
		name string
		o    Options
		msg  string
	}{
		{"no --at", Options{Postmortem: checkoutID}, "--at is required"},
		{"words", Options{Postmortem: checkoutID, At: "next thursday"}, `--at "next thursday": not a time`},
		{"no such day", Options{Postmortem: checkoutID, At: "2026-11-31 10:00"}, "not a valid date"},
		{"unknown zone", Options{Postmortem: checkoutID, At: "2026-11-26 10:00 XYZ"}, `unknown time zone "XYZ"`},
		{"wrong weekday", Options{Postmortem: checkoutID, At: "2026-11-26 (Fri) 10:00"}, "2026-11-26 is a (Thu), not (Fri): the date or the weekday is mistyped"},
		{"before the incident", Options{Postmortem: checkoutID, At: "2026-11-19 10:00", Force: true}, "before the incident date"},
		// the meeting: line and the invitation's DTSTART/DTEND are written with four-digit years
		{"year 10000 in the zone", Options{Postmortem: checkoutID, At: "9999-12-31 23:59 -12:00", Force: true}, "by 9999-12-31"},
		{"ends in year 10000", Options{Postmortem: checkoutID, At: "9999-12-31 23:50", Force: true}, "by 9999-12-31"},
		{"bad duration", Options{Postmortem: checkoutID, At: "2026-11-26 10:00", Duration: -time.Minute}, "--duration"},
		{"bad attendee", Options{Postmortem: checkoutID, At: "2026-11-26 10:00", Attendees: []string{"Ken <ken@"}}, "--attendee"},
		{"no match", Options{Postmortem: "dns", At: "2026-11-26 10:00"}, `no postmortem matches "dns"`},
		{"several matches", Options{Postmortem: "checkout", At: "2026-11-26 10:00"}, `"checkout" matches 2 postmortems: postmortems/` + checkoutID + ".md, postmortems/2026-11-21-checkout-errors.md"},
		{"several open", Options{At: "2026-11-26 10:00"}, "2 open postmortems, name one"},
		{"ics folder missing", Options{Postmortem: checkoutID, At: "2026-11-26 10:00", ICS: "no/such/dir/x.ics"}, "--ics"},
	}
	for _, c := range cases {
		out, errOut, err := run(t, r.Dir, r.Env, c.o)
		if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), c.msg) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: exit %d, %v", c.name, cmdutil.ExitCode(err), err)
		}
		if out != "" || errOut != "" {
			t.Errorf("%s: printed %q %q besides the error", c.name, out, errOut)
		}
	}
	if r.CommitCount() != 1 {
		t.Error("bad input committed")
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel)); !bytes.Equal(got, fixture(t, "checkout-latency.md")) {
		t.Error("bad input changed the postmortem")
	}
	if m, _ := filepath.Glob(filepath.Join(r.Dir, "*", "*.ics")); len(m) != 0 {
		t.Errorf("bad input wrote %v", m)
	}
}

func TestMeetingRefusesABrokenPostmortemWithItsFindings(t *testing.T) {
	broken := bytes.Replace(fixture(t, "checkout-latency.md"), []byte("severity: SEV-1\n"), []byte("severity: SEV-9\n"), 1)
	r := repoWith(t, configJP, map[string][]byte{checkoutID + ".md": broken})
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "fix its front matter") {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if !strings.Contains(errOut, checkoutRel+":3:1: error: severity \"SEV-9\" is not one of SEV-1 … SEV-5 [front-matter]") {
		t.Errorf("findings:\n%s", errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel)); !bytes.Equal(got, broken) || r.CommitCount() != 1 {
		t.Error("a broken postmortem was changed")
	}
	// A malformed meeting value is what pm replaces: not a reason to refuse.
	badMeeting := bytes.Replace(fixture(t, "checkout-latency.md"), []byte(`meeting: ""`), []byte("meeting: next week"), 1)
	r = repoWith(t, configJP, map[string][]byte{checkoutID + ".md": badMeeting})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel)); !bytes.Contains(got, []byte("\nmeeting: 2026-11-26T10:00:00+09:00\n")) {
		t.Errorf("meeting not replaced:\n%s", got[:300])
	}
}

func TestMeetingPastAndReviewed(t *testing.T) {
	r := checkoutRepo(t, configJP)
	_, _, err := run(t, r.Dir, r.Env, Options{At: "2026-11-24 09:00"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "is in the past (now Tue 2026-11-24 10:30 JST)") {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-24 09:00", Force: true})
	if err != nil || !strings.Contains(errOut, "Warning (forced): Tue 2026-11-24 09:00 JST is in the past") {
		t.Fatalf("%v\n%s", err, errOut)
	}

	reviewed := bytes.Replace(fixture(t, "checkout-latency.md"), []byte("status: In Review"), []byte("status: Reviewed"), 1)
	r = repoWith(t, configJP, map[string][]byte{checkoutID + ".md": reviewed})
	_, _, err = run(t, r.Dir, r.Env, Options{Postmortem: checkoutID, At: "2026-11-26 10:00"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "is Reviewed") {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
}

func TestMeetingRescheduleUpdatesTheSameEvent(t *testing.T) {
	r := checkoutRepo(t, configJP)
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-25 15:00"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	first, _ := os.ReadFile(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics"))
	_, errOut, err := runAt(t, r.Dir, r.Env, now.Add(2*time.Hour), Options{At: "2026-11-26 11:00", Duration: 45 * time.Minute, durationGiven: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "meeting moved from Wed 2026-11-25 15:00 JST to Thu 2026-11-26 11:00 JST–11:45") {
		t.Errorf("stderr:\n%s", errOut)
	}
	second, _ := os.ReadFile(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics"))
	a, b := parseICS(t, first), parseICS(t, second)
	if text(t, a, "UID") != text(t, b, "UID") {
		t.Error("rescheduling changed the UID")
	}
	sa, _ := a.Props.Get("SEQUENCE").Int()
	sb, _ := b.Props.Get("SEQUENCE").Int()
	if sb <= sa {
		t.Errorf("SEQUENCE %d then %d", sa, sb)
	}
	if end, _ := b.DateTimeEnd(nil); !end.Equal(time.Date(2026, 11, 26, 2, 45, 0, 0, time.UTC)) {
		t.Errorf("DTEND %v", end)
	}
	if r.CommitCount() != 3 || !strings.HasSuffix(r.Head().Message, "meeting 2026-11-26T11:00:00+09:00\n") {
		t.Errorf("commits %d, head %q", r.CommitCount(), r.Head().Message)
	}
	// The same time again: nothing to commit, the invitation is written again.
	_, errOut, err = runAt(t, r.Dir, r.Env, now.Add(3*time.Hour), Options{At: "2026-11-26 11:00"})
	if err != nil || !strings.Contains(errOut, "already set") || r.CommitCount() != 3 {
		t.Errorf("%v, %d commits\n%s", err, r.CommitCount(), errOut)
	}
}

// A reschedule outranks the earlier invitation even when the clock does not move on (two runs in
// one second) or goes back (a teammate's clock behind), and keeps its attendees, place and length.
func TestMeetingRescheduleOutranksAndKeepsTheInvitation(t *testing.T) {
	r := checkoutRepo(t, configJP)
	ics := filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics")
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-25 15:00", Duration: time.Hour, durationGiven: true,
		Location: "Room 4", Attendees: []string{"Ana Souza <ana@example.com>"}}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	data, _ := os.ReadFile(ics)
	prev, _ := parseICS(t, data).Props.Get("SEQUENCE").Int()
	for i, step := range []struct {
		now time.Time
		at  string
	}{{now, "2026-11-25 16:00"}, {now.Add(-time.Hour), "2026-11-25 17:00"}} {
		if _, errOut, err := runAt(t, r.Dir, r.Env, step.now, Options{At: step.at}); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		data, _ := os.ReadFile(ics)
		ev := parseICS(t, data)
		seq, _ := ev.Props.Get("SEQUENCE").Int()
		if seq <= prev {
			t.Errorf("reschedule %d: SEQUENCE %d after %d", i+1, seq, prev)
		}
		prev = seq
		if loc := text(t, ev, "LOCATION"); loc != "Room 4" {
			t.Errorf("reschedule %d: LOCATION %q", i+1, loc)
		}
		if !strings.Contains(string(data), "mailto:ana@example.com") {
			t.Errorf("reschedule %d dropped an attendee:\n%s", i+1, data)
		}
		start, _ := ev.DateTimeStart(nil)
		if end, _ := ev.DateTimeEnd(nil); end.Sub(start) != time.Hour {
			t.Errorf("reschedule %d: length %v", i+1, end.Sub(start))
		}
	}
}

func TestMeetingJapaneseTitleIsFoldedOnCharacters(t *testing.T) {
	const id = "2026-11-20-kessai"
	r := repoWith(t, configJP, map[string][]byte{id + ".md": fixture(t, "kessai-ja.md")})
	out, errOut, err := run(t, r.Dir, r.Env, Options{
		Postmortem: "kessai", At: "2026-11-27 14:00", ICS: "-", NoCommit: true,
		Attendees: []string{"佐藤 美咲 <misaki@example.com>"},
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if r.CommitCount() != 1 {
		t.Error("--no-commit committed")
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", id+".md")); !bytes.Contains(got, []byte(`meeting: "2026-11-27T14:00:00+09:00"`)) {
		t.Error("--no-commit did not write the file")
	}
	if m, _ := filepath.Glob(filepath.Join(r.Dir, "*", "*.ics")); len(m) != 0 {
		t.Errorf("--ics - wrote %v", m)
	}
	data := []byte(out)
	golden(t, "kessai-ja.ics", data)
	ev := parseICS(t, data)
	title := "決済完了後の注文確定と確認メール送信が最大七十一分遅延した件について（在庫サービスのリリースに起因）"
	if s := text(t, ev, "SUMMARY"); s != "ポストモーテム: SEV-2 "+title { // the document's language
		t.Errorf("SUMMARY %q", s)
	}
	summaryLines := 0
	for _, l := range strings.Split(string(data), "\r\n") {
		if strings.HasPrefix(l, "SUMMARY:") || (summaryLines > 0 && strings.HasPrefix(l, " ")) {
			summaryLines++
		} else if summaryLines > 0 {
			break
		}
	}
	if summaryLines < 3 {
		t.Errorf("the long title was folded into %d lines", summaryLines)
	}
	desc := text(t, ev, "DESCRIPTION")
	for _, part := range []string{"アジェンダ", "1. タイムラインの振り返り", "在庫サービス 3.2 のリリース完了", "カナリアで検知できたか？", "注文 8,420 件", "- P1 コンシューマーラグのアラートを追加する（process、高橋 健、2026-12-04、ORD-77）",
		"別途招待: 高橋 健 (インシデントコマンダー)"} {
		if !strings.Contains(desc, part) {
			t.Errorf("DESCRIPTION lacks %q:\n%s", part, desc)
		}
	}
	if strings.Contains(desc, "6. ") {
		t.Errorf("external message reviewed although external_message is false:\n%s", desc)
	}
	// The owner's address came from --attendee; the incident commander has none.
	if got := attendees(ev); len(got) != 1 || got[0].cn != "佐藤 美咲" || got[0].addr != "mailto:misaki@example.com" {
		t.Errorf("attendees %+v", got)
	}
	if !strings.Contains(errOut, `No email address for 高橋 健 (incident commander): named in the description only; add --attendee "高橋 健 <email>"`) {
		t.Errorf("stderr:\n%s", errOut)
	}
	if org := ev.Props.Get("ORGANIZER"); org == nil || org.Value != "mailto:misaki@example.com" {
		t.Errorf("ORGANIZER %+v", org)
	}
}

func TestMeetingOrganizerWithoutAnyAddress(t *testing.T) {
	// Outside a repository nobody has an address: a plain event, everyone named in the description.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte(configNoHolidays), 0o644)
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	os.WriteFile(filepath.Join(dir, checkoutRel), fixture(t, "checkout-latency.md"), 0o644)
	_, errOut, err := run(t, dir, testrepo.PrivateEnv(t), Options{At: "2026-11-25 10:00", NoCommit: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(dir, checkoutID+".ics"))
	ev := parseICS(t, data)
	if len(attendees(ev)) != 0 || ev.Props.Get("ORGANIZER") != nil || bytes.Contains(data, []byte("METHOD:")) {
		t.Errorf("a group event without an organizer:\n%s", data)
	}
	// Without repo_url the document is linked by its path in the repository, and there is no URL.
	if desc := text(t, ev, "DESCRIPTION"); !strings.Contains(desc, "Also invite: Aiko Sato (owner), Ken Mori (incident commander)") ||
		!strings.Contains(desc, "Document: "+checkoutRel+" (please read it") || ev.Props.Get("URL") != nil {
		t.Errorf("DESCRIPTION:\n%s", desc)
	}
	if !strings.Contains(errOut, "no attendees") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestMeetingOwnerWithoutAddressIsOrganizedByYou(t *testing.T) {
	pm := bytes.Replace(fixture(t, "checkout-latency.md"), []byte("owner: Aiko Sato"), []byte("owner: Sam Lee"), 1)
	r := repoWith(t, configNoHolidays, map[string][]byte{checkoutID + ".md": pm})
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-25 10:00", Attendees: []string{"ken@example.com"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics"))
	ev := parseICS(t, data)
	if org := ev.Props.Get("ORGANIZER"); org == nil || org.Value != "mailto:aiko@example.com" {
		t.Errorf("ORGANIZER %+v", org)
	}
	if !strings.Contains(errOut, "the organizer is you (Aiko Sato <aiko@example.com>)") || !strings.Contains(errOut, "No email address for Sam Lee (owner)") {
		t.Errorf("stderr:\n%s", errOut)
	}
	got := attendees(ev)
	if len(got) != 2 || got[0].addr != "mailto:ken@example.com" || got[1].addr != "mailto:aiko@example.com" {
		t.Errorf("attendees %+v", got)
	}
}

func TestNewCmdMeetingFlags(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var got *Options
	cmd := NewCmdMeeting(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"checkout", "--at", "2026-11-26 10:00", "--attendee", "Mori, Ken <ken@example.com>", "--attendee", "ana@example.com", "--ics", "-", "--force"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Postmortem != "checkout" || got.At != "2026-11-26 10:00" || got.Duration != 30*time.Minute || got.ICS != "-" || !got.Force || got.NoCommit ||
		len(got.Attendees) != 2 || got.Attendees[0] != "Mori, Ken <ken@example.com>" {
		t.Errorf("%+v", got)
	}
	cmd = NewCmdMeeting(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--at", "2026-11-26 10:00", "--duration", "45m"})
	if err := cmd.Execute(); err != nil || got.Duration != 45*time.Minute || got.Postmortem != "" {
		t.Errorf("%v %+v", err, got)
	}
	// A time written without --at is the meeting's time, before or after the postmortem; a
	// postmortem's id, which starts with a date, is not one.
	for _, c := range []struct {
		args           []string
		postmortem, at string
		err            string
	}{
		{[]string{"2026-11-26 10:00"}, "", "2026-11-26 10:00", ""},
		{[]string{"checkout", "2026-11-26T10:00+09:00"}, "checkout", "2026-11-26T10:00+09:00", ""},
		{[]string{"2026-11-26 10:00 JST", "2026-11-20-checkout"}, "2026-11-20-checkout", "2026-11-26 10:00 JST", ""},
		{[]string{"2026-11-20-checkout"}, "2026-11-20-checkout", "", ""},
		{[]string{"a", "b"}, "", "", `pm meeting takes one postmortem ("a", "b" given); give the time as --at "2026-11-26 10:00"`},
	} {
		got = nil
		cmd = NewCmdMeeting(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(c.args)
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		err := cmd.Execute()
		switch {
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("%q: error %v, want %q", c.args, err, c.err)
		case c.err == "" && (err != nil || got.Postmortem != c.postmortem || got.At != c.at):
			t.Errorf("%q: error %v, options %+v", c.args, err, got)
		}
	}
}

func TestMeetingJapanese(t *testing.T) {
	r := checkoutRepo(t, configJP+"language: ja\n")
	// the messages follow language: ja; the invitation follows the document, which is in English
	out, errOut, err := run(t, r.Dir, r.Env, Options{
		At:        "2026-11-26 10:00",
		Attendees: []string{"Ken Mori <ken@example.com>", "Ana Souza <ana@example.com>"},
		Location:  "Room 4, Tokyo",
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if out != ".git/pm/"+checkoutID+".ics\n" {
		t.Errorf("stdout %q", out)
	}
	for _, want := range []string{
		checkoutID + ": ミーティングを 2026-11-26 (木) 10:00 JST–10:30 に設定しました。\n",
		"SEV-1 の期限 2026-11-26 (木) に間に合います。\n",
		"招待状 (参加者 4 人): .git/pm/" + checkoutID + ".ics をカレンダーに取り込むか、送信してください。\n",
		"コミットしました ",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	data, _ := os.ReadFile(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics"))
	golden(t, "checkout-latency.ics", data)

	cases := []struct {
		o    Options
		want string
	}{
		{Options{}, `--at を指定してください (例: --at "2026-11-26 10:00")`},
		{Options{At: "next thursday"}, `--at "next thursday": 時刻ではありません: "2026-11-26 10:00"`},
		// a day without its year, as a Japanese team writes one: the Japanese forms are offered
		{Options{At: "11月26日 15時"}, `--at "11月26日 15時": 時刻ではありません: "2026-11-26 10:00"、"2026/11/26 10:00 JST"、"2026年11月26日 午後3時"`},
		{Options{At: "2026-11-26 10:00 XYZ"}, `--at "2026-11-26 10:00 XYZ": 不明なタイムゾーン "XYZ" です`},
		{Options{At: "2026/11/25（木） 15:00"}, `--at "2026/11/25（木） 15:00": 2026-11-25 は(水)で、(木)ではありません: 日付か曜日が誤っています`},
		{Options{At: "2026-11-26 10:00", Attendees: []string{"Ken <ken@"}}, `--attendee: "Ken <ken@" は "名前 <email>"、メールアドレス、名前のいずれでもありません`},
		{Options{At: "2026-11-19 10:00", Force: true}, "--at 2026-11-19 (木) 10:00 JST はインシデント発生日 2026-11-20 より前です"},
		{Options{At: "2026-11-24 09:00"}, checkoutID + ": 2026-11-24 (火) 09:00 JST は過去の時刻です (現在 2026-11-24 (火) 10:30 JST)"},
		{Options{At: "2026-11-30 10:00"}, "2026-11-30 (月) 10:00 JST は SEV-1 の期限 2026-11-26 (木) より 2 営業日後です (期限は 2026-11-20 のインシデントから 3 営業日)"},
		{Options{Postmortem: "dns", At: "2026-11-26 10:00"}, `postmortems に "dns" に一致するポストモーテムはありません`},
	}
	for _, c := range cases {
		if _, _, err := run(t, r.Dir, r.Env, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v; want %q", c.o, err, c.want)
		}
	}
	_, errOut, err = run(t, r.Dir, r.Env, Options{At: "2026-11-30 10:00", Force: true})
	if err != nil || !strings.Contains(errOut, "警告 (強制): 2026-11-30 (月) 10:00 JST は SEV-1 の期限") ||
		!strings.Contains(errOut, "ミーティングを 2026-11-26 (木) 10:00 JST から 2026-11-30 (月) 10:00 JST–10:30 に変更しました。") ||
		!strings.Contains(errOut, "招待状 (参加者 4 人)") { // the earlier invitation's attendees are kept
		t.Errorf("%v\n%s", err, errOut)
	}
	// with no earlier invitation (pm's copy moved away), there is none to take addresses from
	copyPath := filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics")
	os.Rename(copyPath, copyPath+".away")
	if _, errOut, err = run(t, r.Dir, r.Env, Options{At: "2026-11-30 10:00", Force: true, ICS: "-"}); err != nil ||
		!strings.Contains(errOut, "Ken Mori (インシデントコマンダー) のメールアドレスがありません") {
		t.Errorf("%v\n%s", err, errOut)
	}
	os.Rename(copyPath+".away", copyPath)

	// --lang en wins over language: ja
	f, _, stderr := cmdutil.TestFactory(r.Dir, now, r.Env)
	f.LangFlag = "en"
	err = meetingRun(&Options{F: f, At: "2026-11-26 10:00", Duration: defaultDuration})
	if err != nil || !strings.Contains(stderr.String(), checkoutID+": meeting moved from Mon 2026-11-30 10:00 JST to Thu 2026-11-26 10:00 JST–10:30.\n") ||
		!strings.Contains(stderr.String(), "Invitation for 4 attendees") {
		t.Errorf("--lang en: %v\n%s", err, stderr)
	}
}

// TestSequenceStaysInRange: SEQUENCE counts seconds from 2020, which passes RFC 5545's 32-bit limit
// in 2088: from then on it stays at the limit, and pm meeting still writes its invitation.
func TestSequenceStaysInRange(t *testing.T) {
	if s := sequence(time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)); s != 217299600 {
		t.Errorf("sequence in 2026 = %d", s)
	}
	doc := bytes.ReplaceAll(fixture(t, "checkout-latency.md"), []byte("2026-11-20"), []byte("2088-02-02"))
	r := repoWith(t, configJP, map[string][]byte{"2088-02-02-checkout-latency.md": doc})
	late := time.Date(2088, 2, 2, 1, 0, 0, 0, time.UTC)
	ics := filepath.Join(t.TempDir(), "invite.ics")
	_, errOut, err := runAt(t, r.Dir, r.Env, late, Options{Postmortem: "checkout", At: "2088-02-02 15:00", ICS: ics, NoCommit: true})
	if err != nil {
		t.Fatalf("pm meeting in 2088: %v\n%s", err, errOut)
	}
	data, err := os.ReadFile(ics)
	if err != nil || !strings.Contains(string(data), "SEQUENCE:2147483647\r\n") {
		t.Errorf("invitation: %v\n%s", err, data)
	}
}

// TestMeetingOnADayOff: a meeting on a holiday or a weekend is set, and said to fall on one.
func TestMeetingOnADayOff(t *testing.T) {
	r := checkoutRepo(t, configJP)
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-29 10:00", Force: true}) // a Sunday, past the deadline
	if err != nil || !strings.Contains(errOut, "Note: Sun 2026-11-29 is not a business day") {
		t.Errorf("Sunday: %v\n%s", err, errOut)
	}
	r = checkoutRepo(t, configJP)
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-25 10:00"}); err != nil || strings.Contains(errOut, "not a business day") {
		t.Errorf("a business day: %v\n%s", err, errOut)
	}
}

// An incident_date written as a time in another zone is named, and counted, by its day in the
// team's zone: a meeting that day is one of the incident, and a refusal names that day.
func TestIncidentDayInTheTeamsZone(t *testing.T) {
	doc := strings.Replace(string(fixture(t, "checkout-latency.md")), "incident_date: 2026-11-20", "incident_date: 2026-11-19T20:00:00-08:00", 1) // 11-20 13:00 in Tokyo
	r := repoWith(t, configNoHolidays, map[string][]byte{checkoutID + ".md": []byte(doc)})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-20 10:00", NoCommit: true, Force: true}); err != nil {
		t.Errorf("a meeting on the incident's day in Tokyo: %v\n%s", err, errOut)
	}
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-19 23:00", NoCommit: true, Force: true})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error()+errOut, "before the incident date 2026-11-20") {
		t.Errorf("a meeting the day before in Tokyo: %v\n%s", err, errOut)
	}
}

// One person whatever white space is between the words of their name: the ideographic space a
// Japanese input method types (森　健) is the space of 森 健, so the incident commander named in the
// front matter gets the address an --attendee gives.
func TestGuestNamesWithAnIdeographicSpace(t *testing.T) {
	var g guestList
	g.add(person{Name: "森　健", Label: "incident commander"})
	g.add(person{Name: "森 健", Email: "ken@example.com"})
	if len(g) != 1 || g[0].Email != "ken@example.com" {
		t.Errorf("%+v", g)
	}
}

// A forced meeting's warnings say what was passed over, not the advice to add the --force given:
// after the deadline, in the past, in either language.
func TestMeetingForcedWarningGivesNoWayOut(t *testing.T) {
	for _, lang := range []string{"", "language: ja\n"} {
		r := checkoutRepo(t, configJP+lang)
		for _, at := range []string{"2026-11-30 10:00", "2026-11-24 09:00"} {
			_, errOut, err := run(t, r.Dir, r.Env, Options{At: at, Force: true})
			if err != nil || !(strings.Contains(errOut, "Warning (forced): ") || strings.Contains(errOut, "警告 (強制): ")) {
				t.Fatalf("%q %s: %v\n%s", lang, at, err, errOut)
			}
			for _, l := range strings.Split(errOut, "\n") {
				if (strings.HasPrefix(l, "Warning (forced)") || strings.HasPrefix(l, "警告 (強制)")) && strings.Contains(l, "--force") {
					t.Errorf("%q %s: %q", lang, at, l)
				}
			}
		}
	}
}

// fullWriter fails every write, as standard output on a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestCommittedButStdoutLost: with --ics - and standard output lost (a full disk), the meeting is
// committed all the same, and the error says so, as it does when --ics FILE cannot be written.
func TestCommittedButStdoutLost(t *testing.T) {
	r := checkoutRepo(t, "")
	f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
	f.IO.Out = &cmdutil.CheckedWriter{W: fullWriter{}}
	commits := r.CommitCount()
	err := meetingRun(&Options{F: f, At: "2026-11-24 10:00", Duration: defaultDuration, ICS: "-"})
	if err == nil || cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "meeting set in ") ||
		!strings.Contains(err.Error(), "write standard output") {
		t.Errorf("error %v", err)
	}
	if r.CommitCount() != commits+1 {
		t.Error("the meeting was not committed")
	}
}

// A severity, a status or an incident date written otherwise than pm writes it ("sev1", "レビュー中",
// "2026/11/20") is read as the value it names by every command, pm status moving it, so pm meeting
// schedules its meeting too, by that severity's deadline; it refused, "fix its front matter", while
// a value pm cannot read (SEV-9) is still refused.
func TestMeetingReadsValuesWrittenOtherwise(t *testing.T) {
	src := fixture(t, "checkout-latency.md")
	for _, c := range [][2]string{{"severity: SEV-1\n", "severity: sev1\n"}, {"status: In Review\n", "status: レビュー中\n"}, {"incident_date: 2026-11-20\n", "incident_date: 2026/11/20\n"}} {
		if !bytes.Contains(src, []byte(c[0])) {
			t.Fatalf("fixture lacks %q", c[0])
		}
		src = bytes.Replace(src, []byte(c[0]), []byte(c[1]), 1)
	}
	r := repoWith(t, configJP, map[string][]byte{checkoutID + ".md": src})
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "Within the SEV-1 deadline, Thu 2026-11-26") {
		t.Errorf("stderr:\n%s", errOut)
	}
	after, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel))
	if got := changedLines(t, src, after); len(got) != 1 || got[0] != `meeting: "2026-11-26T10:00:00+09:00"` {
		t.Errorf("changed lines %q", got)
	}
}
