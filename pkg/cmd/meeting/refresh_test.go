package meeting

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

func seq(t *testing.T, ev *goical.Event) int {
	t.Helper()
	n, err := ev.Props.Get("SEQUENCE").Int()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readInvite(t *testing.T, dir string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, ".git", "pm", checkoutID+".ics"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestMeetingRefresh: --refresh rewrites the invitation from the document as it now is, for the
// recorded time, with the same UID, a higher SEQUENCE and a new DTSTAMP, keeping the earlier
// invitation's length, place and attendees, and changes no file and commits nothing.
func TestMeetingRefresh(t *testing.T) {
	r := checkoutRepo(t, configJP)
	if _, errOut, err := run(t, r.Dir, r.Env, Options{
		At:        "2026-11-26 10:00",
		Duration:  45 * time.Minute,
		Attendees: []string{"Ken Mori <ken@example.com>", "Ana Souza <ana@example.com>"},
		Location:  "Room 4, Tokyo",
	}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	first := parseICS(t, readInvite(t, r.Dir))
	commits := r.CommitCount()

	// The document changes after the invitation went out (not committed yet).
	doc := strings.Replace(r.Read(checkoutRel), "some checkout attempts failed. We are sorry.",
		"some checkout attempts failed; we have since fixed the cause. We are sorry.", 1)
	r.Write(checkoutRel, doc)

	later := now.Add(90 * time.Minute)
	out, errOut, err := runAt(t, r.Dir, r.Env, later, Options{Refresh: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if out != ".git/pm/"+checkoutID+".ics\n" {
		t.Errorf("stdout %q, want the invitation's path", out)
	}
	if want := checkoutID + ": invitation refreshed for the meeting Thu 2026-11-26 10:00 JST–10:45; nothing committed.\n"; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if strings.Contains(errOut, "Committed") || strings.Contains(errOut, "moved") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if r.CommitCount() != commits || r.Read(checkoutRel) != doc {
		t.Errorf("a refresh committed (%d commits, %d before) or changed the document", r.CommitCount(), commits)
	}

	second := parseICS(t, readInvite(t, r.Dir))
	if text(t, first, "UID") != text(t, second, "UID") {
		t.Error("the refresh changed the UID")
	}
	if seq(t, second) <= seq(t, first) {
		t.Errorf("SEQUENCE %d then %d", seq(t, first), seq(t, second))
	}
	if stamp, err := second.Props.DateTime("DTSTAMP", nil); err != nil || !stamp.Equal(later) {
		t.Errorf("DTSTAMP %v %v, want %v", stamp, err, later)
	}
	if start, _ := second.DateTimeStart(nil); !start.Equal(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("DTSTART %v", start)
	}
	if end, _ := second.DateTimeEnd(nil); !end.Equal(time.Date(2026, 11, 26, 1, 45, 0, 0, time.UTC)) {
		t.Errorf("DTEND %v: the earlier length is not kept", end)
	}
	if s := text(t, second, "LOCATION"); s != "Room 4, Tokyo" {
		t.Errorf("LOCATION %q", s)
	}
	a, b := attendees(first), attendees(second)
	if len(a) != 4 || len(a) != len(b) {
		t.Fatalf("attendees %+v then %+v", a, b)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("attendee %d: %+v then %+v", i, a[i], b[i])
		}
	}
	if desc := text(t, second, "DESCRIPTION"); !strings.Contains(desc, "we have since fixed the cause") {
		t.Errorf("the description is not from the document as it now is:\n%s", desc)
	}

	// At the same instant again, the SEQUENCE still goes up; --duration and --location given win.
	_, errOut, err = runAt(t, r.Dir, r.Env, later, Options{Refresh: true, Duration: time.Hour, durationGiven: true, Location: "Room 5"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	third := parseICS(t, readInvite(t, r.Dir))
	if seq(t, third) != seq(t, second)+1 {
		t.Errorf("SEQUENCE %d then %d at the same instant", seq(t, second), seq(t, third))
	}
	if end, _ := third.DateTimeEnd(nil); !end.Equal(time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("DTEND %v with --duration 1h", end)
	}
	if s := text(t, third, "LOCATION"); s != "Room 5" || len(attendees(third)) != 4 {
		t.Errorf("LOCATION %q, attendees %+v", s, attendees(third))
	}

	// Long after the meeting, once reviewed: a refresh is not a scheduling, so nothing refuses it.
	r.Write(checkoutRel, strings.Replace(doc, "status: In Review", "status: Reviewed", 1))
	if _, errOut, err := runAt(t, r.Dir, r.Env, now.AddDate(0, 1, 0), Options{Refresh: true}); err != nil {
		t.Errorf("refresh after the meeting: %v\n%s", err, errOut)
	}
}

// TestMeetingRefreshToStdout: with --ics - (or a new --ics FILE) the earlier invitation is pm's own
// copy, the default file: its length, place and attendees are kept and its SEQUENCE outranked, for a
// refresh and for a reschedule alike (an invitation sent from stdout dropped everyone --attendee had
// invited, and under a fixed clock its SEQUENCE went down).
func TestMeetingRefreshToStdout(t *testing.T) {
	r := checkoutRepo(t, configJP)
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", Duration: 45 * time.Minute,
		Attendees: []string{"Ken Mori <ken@example.com>"}, Location: "Room 4"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	first := parseICS(t, readInvite(t, r.Dir))
	check := func(what string, ev *goical.Event, start time.Time) {
		t.Helper()
		if text(t, ev, "UID") != text(t, first, "UID") || seq(t, ev) <= seq(t, first) {
			t.Errorf("%s: UID %q SEQUENCE %d, earlier %q %d", what, text(t, ev, "UID"), seq(t, ev), text(t, first, "UID"), seq(t, first))
		}
		if end, _ := ev.DateTimeEnd(nil); !end.Equal(start.Add(45 * time.Minute)) {
			t.Errorf("%s: DTEND %v, want the earlier length", what, end)
		}
		if s := text(t, ev, "LOCATION"); s != "Room 4" {
			t.Errorf("%s: LOCATION %q", what, s)
		}
		if a := attendees(ev); len(a) != len(attendees(first)) || !strings.Contains(fmt.Sprint(a), "ken@example.com") {
			t.Errorf("%s: attendees %+v, earlier %+v", what, a, attendees(first))
		}
	}
	out, errOut, err := runAt(t, r.Dir, r.Env, now, Options{Refresh: true, ICS: "-"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	check("refresh", parseICS(t, []byte(out)), time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC))
	out, errOut, err = runAt(t, r.Dir, r.Env, now, Options{At: "2026-11-27 10:00", Force: true, ICS: "-"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	check("reschedule", parseICS(t, []byte(out)), time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC))
	other := filepath.Join(r.Dir, "invite.ics")
	if _, errOut, err = runAt(t, r.Dir, r.Env, now, Options{At: "2026-11-27 11:00", Force: true, ICS: other}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	data, _ := os.ReadFile(other)
	check("--ics FILE", parseICS(t, data), time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC))
}

func TestMeetingRefreshRefused(t *testing.T) {
	r := checkoutRepo(t, configJP)
	before := r.Read(checkoutRel)
	for _, c := range []struct {
		o    Options
		env  map[string]string
		want string
	}{
		{Options{Refresh: true}, nil, checkoutID + `: no meeting is set yet; set it with pm meeting --at "YYYY-MM-DD HH:MM"`},
		{Options{Refresh: true}, map[string]string{"LANG": "ja_JP.UTF-8"}, checkoutID + ": ミーティングはまだ設定されていません。"},
		{Options{Refresh: true, At: "2026-11-26 10:00"}, nil, "--refresh keeps the time set in the document: drop --at and --force"},
		{Options{Refresh: true, Force: true}, nil, "--refresh keeps the time set in the document"},
	} {
		env := map[string]string{}
		for k, v := range r.Env {
			env[k] = v
		}
		for k, v := range c.env {
			env[k] = v
		}
		_, _, err := run(t, r.Dir, env, c.o)
		if err == nil || cmdutil.ExitCode(err) != cmdutil.ExitFailure || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%+v: %v (exit %d), want exit 2 and %q", c.o, err, cmdutil.ExitCode(err), c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(r.Dir, ".git", "pm", checkoutID+".ics")); !os.IsNotExist(err) {
		t.Errorf("a refused refresh wrote an invitation: %v", err)
	}
	if r.Read(checkoutRel) != before || r.CommitCount() != 1 {
		t.Error("a refused refresh changed the repository")
	}
}

func TestNewCmdMeetingRefreshFlag(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var got *Options
	cmd := NewCmdMeeting(f, func(o *Options) error { got = o; return nil })
	for _, c := range []struct {
		args          []string
		durationGiven bool
	}{
		{[]string{"checkout", "--refresh"}, false},
		{[]string{"--refresh", "--duration", "30m"}, true},
	} {
		cmd.Flags().Lookup("duration").Changed = false
		cmd.SetArgs(c.args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if !got.Refresh || got.durationGiven != c.durationGiven {
			t.Errorf("%q: %+v", c.args, got)
		}
	}
}

// A meeting pm cannot read is set, not missing: the refusal says which it is.
func TestMeetingRefreshOfAMeetingPmCannotRead(t *testing.T) {
	r := checkoutRepo(t, configJP)
	r.Write(checkoutRel, strings.Replace(r.Read(checkoutRel), "\nstatus:", "\nmeeting: 2026-11-26 10:00\nstatus:", 1))
	_, _, err := run(t, r.Dir, r.Env, Options{Refresh: true})
	if err == nil || !strings.Contains(err.Error(), `meeting "2026-11-26 10:00" is not a time pm reads`) {
		t.Errorf("%v", err)
	}
}

// TestMeetingRefreshYear10000: a meeting: written by hand whose invitation would end in the year
// 10000 is refused with one line naming the front matter, no invitation written.
func TestMeetingRefreshYear10000(t *testing.T) {
	r := checkoutRepo(t, configJP)
	r.Write(checkoutRel, strings.Replace(r.Read(checkoutRel), `meeting: ""`, `meeting: "9999-12-31T23:50:00+09:00"`, 1))
	_, _, err := run(t, r.Dir, r.Env, Options{Refresh: true})
	if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "meeting: Fri 9999-12-31 23:50 JST is past what pm can write") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if m, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "pm", "*.ics")); len(m) != 0 {
		t.Errorf("wrote %v", m)
	}
}
