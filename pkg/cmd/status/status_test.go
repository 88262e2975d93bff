package status

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
)

// now is after the example's meeting (2026-10-16 15:00 UTC).
var now = time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC)

func example(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "examples", "2026-10-14-payment-api-timeouts.md"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withStatus returns the example at another status, its history cut to match.
func withStatus(t *testing.T, st postmortem.Status) []byte {
	t.Helper()
	s := string(example(t))
	s = strings.Replace(s, "status: Reviewed\n", "status: "+string(st)+"\n", 1)
	i := strings.Index(s, "  - status: "+string(postmortem.Statuses[st.Rank()+1]))
	if st.Rank() < postmortem.StatusReviewed.Rank() && i > 0 {
		end := strings.Index(s, "---\n\n# ")
		s = s[:i] + s[end:]
	}
	return []byte(s)
}

// repoWith makes a repository whose first commit holds the given postmortems (file name → content)
// under postmortems/.
func repoWith(t *testing.T, files map[string][]byte) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Priya Raman", "priya@example.com")
	var paths []string
	for name, data := range files {
		r.Write("postmortems/"+name, string(data))
		paths = append(paths, "postmortems/"+name)
	}
	r.Commit("base", now.Add(-time.Hour), paths...)
	return r
}

func run(t *testing.T, dir string, env map[string]string, o Options) (string, string, error) {
	t.Helper()
	f, out, errOut := cmdutil.TestFactory(dir, now, env)
	o.F = f
	err := statusRun(&o)
	return out.String(), errOut.String(), err
}

func TestMoveInReviewToReviewed(t *testing.T) {
	before := withStatus(t, postmortem.StatusInReview)
	r := repoWith(t, map[string][]byte{"pay.md": before})
	out, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if out != "pay: In Review → Reviewed\n" {
		t.Errorf("stdout %q", out)
	}
	after, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md"))
	// only the status line changed and three history lines were added
	want := strings.Replace(string(before), "status: In Review\n", "status: Reviewed\n", 1)
	want = strings.Replace(want, "    by: Priya Raman\n---\n", "    by: Priya Raman\n  - status: Reviewed\n    at: 2026-10-20T09:00:00Z\n    by: Priya Raman\n---\n", 1)
	if string(after) != want {
		t.Errorf("file after the move:\n%s", after)
	}
	c := r.Head()
	if c.Message != "postmortem: pay In Review -> Reviewed\n" || len(c.Files) != 1 || c.Files[0] != "postmortems/pay.md" {
		t.Errorf("commit %+v", c)
	}
	if out := r.Git("status", "--porcelain"); out != "" {
		t.Errorf("git status: %s", out)
	}
}

func TestRefusedMovesLeaveEverythingAsItWas(t *testing.T) {
	draft := withStatus(t, postmortem.StatusDraft)
	r := repoWith(t, map[string][]byte{"pay.md": draft})
	base := r.Head().Hash
	cases := []struct {
		o    Options
		code int
		msg  string
	}{
		{Options{Status: "closed"}, 1, "can move to In Review"},
		{Options{Status: "reviewed"}, 1, "can move to In Review"},
		{Options{Status: "done"}, 2, "unknown status"},
		{Options{Status: "in-review", Postmortem: "nothing-like-this"}, 2, "no postmortem matches"},
	}
	for _, c := range cases {
		_, _, err := run(t, r.Dir, r.Env, c.o)
		if cmdutil.ExitCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%+v: exit %d, %v", c.o, cmdutil.ExitCode(err), err)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md")); string(got) != string(draft) {
		t.Error("file changed by a refused move")
	}
	if r.Head().Hash != base {
		t.Error("a refused move committed")
	}
}

func TestGateInReviewRunsLint(t *testing.T) {
	doc := strings.Replace(string(withStatus(t, postmortem.StatusDraft)), "## Timeline", "## Chronology", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "[required-section]") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("exit %d, %v\n%s", cmdutil.ExitCode(err), err, errOut)
	}
	_, errOut, err = run(t, r.Dir, r.Env, Options{Status: "in-review", Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "Forced past") {
		t.Errorf("stderr %q", errOut)
	}
	after, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md"))
	d := postmortem.Parse("pay.md", after, nil)
	h := d.Fields.StatusHistory
	if d.Fields.Status != postmortem.StatusInReview || !h[len(h)-1].Forced {
		t.Errorf("status %s, history %+v", d.Fields.Status, h)
	}
	if c := r.Head(); c.Message != "postmortem: pay Draft -> In Review (forced)\n" {
		t.Errorf("message %q", c.Message)
	}
}

func TestGateReviewedNeedsPastMeeting(t *testing.T) {
	doc := strings.Replace(string(withStatus(t, postmortem.StatusInReview)), "meeting: 2026-10-16T15:00:00Z", "meeting: 2026-10-21T15:00:00Z", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "has not happened yet") {
		t.Errorf("exit %d, %v, %s", cmdutil.ExitCode(err), err, errOut)
	}
	doc = strings.Replace(doc, "meeting: 2026-10-21T15:00:00Z", `meeting: ""`, 1)
	r = repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	if _, errOut, _ := run(t, r.Dir, r.Env, Options{Status: "reviewed"}); !strings.Contains(errOut, "no meeting is set") {
		t.Errorf("unscheduled: %s", errOut)
	}
}

func TestGateClosed(t *testing.T) {
	reviewed := string(example(t))
	noTicket := strings.Replace(reviewed, "| PAY-1841 |", "|  |", 1)
	if noTicket == reviewed {
		t.Fatal("fixture lacks PAY-1841")
	}
	r := repoWith(t, map[string][]byte{"pay.md": []byte(noTicket)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "1 action item without a ticket") {
		t.Errorf("exit %d, %v, %s", cmdutil.ExitCode(err), err, errOut)
	}
	r = repoWith(t, map[string][]byte{"pay.md": []byte(reviewed)})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"}); err != nil {
		t.Errorf("%v %s", err, errOut)
	}
	// In Review → Closed: only without an external message
	inReview := string(withStatus(t, postmortem.StatusInReview))
	r = repoWith(t, map[string][]byte{"pay.md": []byte(inReview)})
	if _, _, err := run(t, r.Dir, r.Env, Options{Status: "closed"}); cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "external_message is false") {
		t.Errorf("In Review → Closed with a message: %v", err)
	}
	internal := strings.Replace(inReview, "external_message: true", "external_message: false", 1)
	r = repoWith(t, map[string][]byte{"pay.md": []byte(internal)})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"}); err != nil {
		t.Errorf("In Review → Closed without a message: %v %s", err, errOut)
	}
}

// A Closed postmortem is reopened (Closed → In Review) only with --force, and the move is recorded
// as forced even though no gate failed.
func TestReopenNeedsForce(t *testing.T) {
	closed := strings.Replace(string(example(t)), "status: Reviewed\n", "status: Closed\n", 1)
	closed = strings.Replace(closed, "    by: Priya Raman\n---\n", "    by: Priya Raman\n  - status: Closed\n    at: 2026-10-19T09:00:00Z\n    by: Priya Raman\n---\n", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(closed)})
	base := r.Head().Hash
	_, _, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Postmortem: "pay"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "pass --force") {
		t.Fatalf("reopen without --force: exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if r.Head().Hash != base {
		t.Fatal("a refused reopen committed")
	}
	if _, _, err := run(t, r.Dir, r.Env, Options{Status: "reviewed", Postmortem: "pay", Force: true}); cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "last status") {
		t.Errorf("Closed → Reviewed even with --force: exit %d, %v", cmdutil.ExitCode(err), err)
	}
	out, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Postmortem: "pay", Force: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if out != "pay: Closed → In Review\n" {
		t.Errorf("stdout %q", out)
	}
	after, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md"))
	d := postmortem.Parse("pay.md", after, nil)
	h := d.Fields.StatusHistory
	if d.Fields.Status != postmortem.StatusInReview || h[len(h)-1].Status != "In Review" || !h[len(h)-1].Forced {
		t.Errorf("status %s, history %+v", d.Fields.Status, h)
	}
	if c := r.Head(); c.Message != "postmortem: pay Closed -> In Review (forced)\n" {
		t.Errorf("message %q", c.Message)
	}
}

// After a move to Reviewed, pm status says what closing will need: the tickets still missing, or
// nothing.
func TestReviewedSaysWhatClosedNeeds(t *testing.T) {
	inReview := string(withStatus(t, postmortem.StatusInReview))
	noTicket := strings.Replace(inReview, "| PAY-1841 |", "|  |", 1)
	if noTicket == inReview {
		t.Fatal("fixture lacks PAY-1841")
	}
	r := repoWith(t, map[string][]byte{"pay.md": []byte(noTicket)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "Next: pm status closed will need:\n  - 1 action item without a ticket: line ") {
		t.Errorf("stderr lacks what Closed needs:\n%s", errOut)
	}
	// the line is the committed file's, the new history entry counted
	after, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md"))
	line := 1 + strings.Count(string(after[:strings.Index(string(after), "| P0 | Call risk-svc")]), "\n")
	if want := fmt.Sprintf("without a ticket: line %d ", line); !strings.Contains(errOut, want) {
		t.Errorf("want %q in\n%s", want, errOut)
	}
	r = repoWith(t, map[string][]byte{"pay.md": []byte(inReview)})
	_, errOut, err = run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "Next: once the external message is published and nothing is left to do, run pm status closed.\n") || strings.Contains(errOut, "will need") {
		t.Errorf("stderr with every ticket in place:\n%s", errOut)
	}
	// in Japanese, a sentence: when, then what to run
	r = repoWith(t, map[string][]byte{"pay.md": []byte(inReview)})
	f, _, stderr := cmdutil.TestFactory(r.Dir, now, r.Env)
	f.LangFlag = "ja"
	if err := statusRun(&Options{F: f, Status: "reviewed"}); err != nil ||
		!strings.Contains(stderr.String(), "次に: 対外メッセージを公開し、残作業がなくなったら pm status closed を実行します。\n") {
		t.Errorf("ja: %v\n%s", err, stderr)
	}
	// with no message to customers there is none to send out first
	noMessage := strings.Replace(inReview, "external_message: true", "external_message: false", 1)
	if noMessage == inReview {
		t.Fatal("fixture lacks external_message: true")
	}
	r = repoWith(t, map[string][]byte{"pay.md": []byte(noMessage)})
	if _, errOut, err = run(t, r.Dir, r.Env, Options{Status: "reviewed"}); err != nil ||
		!strings.Contains(errOut, "Next: once nothing is left to do, run pm status closed (no message goes to customers).\n") {
		t.Errorf("external_message false: %v\n%s", err, errOut)
	}
	r = repoWith(t, map[string][]byte{"pay.md": []byte(noMessage)})
	f, _, stderr = cmdutil.TestFactory(r.Dir, now, r.Env)
	f.LangFlag = "ja"
	if err := statusRun(&Options{F: f, Status: "reviewed"}); err != nil ||
		!strings.Contains(stderr.String(), "次に: 残作業がなくなったら pm status closed を実行します (対外メッセージはありません)。\n") {
		t.Errorf("ja, external_message false: %v\n%s", err, stderr)
	}
}

func TestShowAndResolve(t *testing.T) {
	r := repoWith(t, map[string][]byte{
		"2026-10-14-pay.md": withStatus(t, postmortem.StatusInReview),
		"2026-10-15-db.md":  withStatus(t, postmortem.StatusDraft),
		"2026-09-01-old.md": []byte(strings.Replace(string(example(t)), "status: Reviewed", "status: Closed", 1)),
	})
	out, _, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Status: In Review", "History:", "pm status reviewed", "ready", "pm status draft", "only for postmortems with external_message: false"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "pm status closed") {
		t.Errorf("show lists Closed twice (the note already says why):\n%s", out)
	}
	out, _, err = run(t, r.Dir, r.Env, Options{Postmortem: "db"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"pm status in-review  ",
		"pm status reviewed   not allowed from here: Reviewed is reached only from In Review\n",
		"pm status closed     not allowed from here: Closed is reached only from Reviewed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show of a Draft lacks %q:\n%s", want, out)
		}
	}
	// two open postmortems: the name is needed
	_, _, err = run(t, r.Dir, r.Env, Options{})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "2026-10-14-pay") || !strings.Contains(err.Error(), "2026-10-15-db") {
		t.Errorf("ambiguous: %v", err)
	}
	_, _, err = run(t, r.Dir, r.Env, Options{Postmortem: "2026-10"})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "matches 2 postmortems") {
		t.Errorf("several matches: %v", err)
	}
	if out, _, err := run(t, r.Dir, r.Env, Options{Postmortem: "postmortems/2026-09-01-old.md"}); err != nil || !strings.Contains(out, "Closed is the last status") {
		t.Errorf("by path: %v\n%s", err, out)
	}
}

func TestUnparsableDocument(t *testing.T) {
	r := repoWith(t, map[string][]byte{"bad.md": []byte("---\ntitle: [\n---\n")})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Postmortem: "bad"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "[front-matter]") {
		t.Errorf("exit %d, %v, %s", cmdutil.ExitCode(err), err, errOut)
	}
}

// A status written otherwise than pm writes it (in-review) is the status it names: pm status moves
// it on, and writes the new status as pm writes it.
func TestStatusWrittenOtherwise(t *testing.T) {
	doc := strings.Replace(string(withStatus(t, postmortem.StatusInReview)), "status: In Review\n", "status: in-review\n", 1)
	r := repoWith(t, map[string][]byte{"x.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed", Postmortem: "x"})
	if err != nil {
		t.Fatalf("%v, %s", err, errOut)
	}
	if got := r.Read("postmortems/x.md"); !strings.Contains(got, "\nstatus: Reviewed\n") || strings.Contains(got, "in-review") {
		t.Errorf("the status after the move:\n%s", got)
	}
}

func TestCommitFailureRestoresFile(t *testing.T) {
	before := withStatus(t, postmortem.StatusInReview)
	r := repoWith(t, map[string][]byte{"pay.md": before})
	os.WriteFile(filepath.Join(r.Dir, ".git", "index.lock"), nil, 0o644)
	shortLockWait(t)
	_, _, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if !errors.Is(err, gitrepo.ErrIndexLocked) || cmdutil.ExitCode(err) != 2 {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md")); string(got) != string(before) {
		t.Error("file not restored after the commit failed")
	}
}

func TestMeetingSoonWarning(t *testing.T) {
	doc := strings.Replace(string(withStatus(t, postmortem.StatusDraft)), "meeting: 2026-10-16T15:00:00Z", "meeting: 2026-10-20T20:00:00Z", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Force: true})
	if err != nil || !strings.Contains(errOut, "less than 24 hours away") {
		t.Errorf("%v: %s", err, errOut)
	}
}

// Out for review for the first time after the meeting began: warned, as nobody could read it before.
func TestMeetingPastWarning(t *testing.T) {
	doc := string(withStatus(t, postmortem.StatusDraft)) // meeting 2026-10-16, now 2026-10-20
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Force: true})
	if err != nil || !strings.Contains(errOut, "Warning: the meeting was at 2026-10-16 15:00 UTC: the document goes out for review after it") {
		t.Errorf("%v: %s", err, errOut)
	}
}

func TestArgs(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	for _, c := range []struct {
		args           []string
		status, target string
	}{
		{[]string{"in-review"}, "in-review", ""},
		{[]string{"checkout"}, "", "checkout"},
		{[]string{"In Review", "checkout"}, "In Review", "checkout"},
		// the postmortem first: taken as meant
		{[]string{"checkout", "reviewed"}, "reviewed", "checkout"},
		// neither a status first nor second: as given, and the status is refused
		{[]string{"checkout", "other"}, "checkout", "other"},
		{nil, "", ""},
	} {
		var got *Options
		cmd := NewCmdStatus(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(c.args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.Status != c.status || got.Postmortem != c.target {
			t.Errorf("%v: %+v", c.args, got)
		}
	}
}

func TestJapaneseUsageErrors(t *testing.T) {
	r := repoWith(t, map[string][]byte{
		"2026-10-14-pay.md": withStatus(t, postmortem.StatusInReview),
		"2026-10-15-db.md":  withStatus(t, postmortem.StatusDraft),
	})
	runLang := func(lang string, o Options) error {
		f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
		f.LangFlag = lang
		o.F = f
		return statusRun(&o)
	}
	cases := []struct {
		o        Options
		ja, en   string
		exitCode int
	}{
		{Options{Status: "done", Postmortem: "pay"}, `不明なステータス "done" です (Draft, In Review, Reviewed, Closed のいずれかを指定してください)`,
			`unknown status "done" (want Draft, In Review, Reviewed or Closed)`, 2},
		{Options{}, "完了していないポストモーテムが 2 件あります。どれか指定してください: postmortems/2026-10-14-pay.md, postmortems/2026-10-15-db.md",
			"2 open postmortems, name one: postmortems/2026-10-14-pay.md, postmortems/2026-10-15-db.md", 2},
		{Options{Postmortem: "2026-10"}, `"2026-10" に一致するポストモーテムが 2 件あります: postmortems/2026-10-14-pay.md, postmortems/2026-10-15-db.md`,
			`"2026-10" matches 2 postmortems: postmortems/2026-10-14-pay.md, postmortems/2026-10-15-db.md`, 2},
		{Options{Postmortem: "nope"}, `postmortems に "nope" に一致するポストモーテムはありません`, `no postmortem matches "nope" in postmortems`, 2},
		// one word, no status and no postmortem: a mistyped status, most likely
		{Options{Postmortem: "revewed", statusOrName: true}, `"revewed" はステータス (draft, in-review, reviewed, closed) でも、postmortems にあるポストモーテムの名前でもありません`,
			`"revewed" is not a status (draft, in-review, reviewed, closed) and names no postmortem in postmortems`, 2},
	}
	for _, c := range cases {
		if err := runLang("ja", c.o); cmdutil.ExitCode(err) != c.exitCode || err.Error() != c.ja {
			t.Errorf("%+v, ja: exit %d, %v", c.o, cmdutil.ExitCode(err), err)
		}
		if err := runLang("en", c.o); cmdutil.ExitCode(err) != c.exitCode || err.Error() != c.en {
			t.Errorf("%+v, en: exit %d, %v", c.o, cmdutil.ExitCode(err), err)
		}
	}
}

// shortLockWait shortens pm's wait for the index lock for one test that leaves the lock in place on
// purpose: what it checks is the refusal after the wait, not the wait. Tests here do not run in
// parallel, so the package variable can be set.
func shortLockWait(t *testing.T) {
	t.Helper()
	old := project.LockWait
	project.LockWait = 50 * time.Millisecond
	t.Cleanup(func() { project.LockWait = old })
}

// TestShowMalformedHistory: a malformed status_history entry does not read as a move: its row shows
// what it holds, marked with where it is, and stderr has the front-matter findings, as pm shows
// other malformed front matter; the well-formed entries are shown as ever.
func TestShowMalformedHistory(t *testing.T) {
	for _, c := range []struct {
		name, entry, finding string // the entry starts on line 22
		shown                []string
	}{
		{"empty mapping", "  - {}\n", "status_history entry: missing status", nil},
		{"status a list", "  - status: [a]\n    at: 2026-10-17T10:00:00Z\n", "status must be a single value", []string{"2026-10-17T10:00:00Z"}},
		{"at not a time", "  - status: Closed\n    at: notatime\n", `at "notatime" is not an RFC 3339 time`, []string{"notatime", "Closed"}},
		{"by a list", "  - status: Closed\n    at: 2026-10-17T10:00:00Z\n    by: [a, b]\n", "by must be a single value", []string{"2026-10-17T10:00:00Z", "Closed"}},
		{"duplicate key", "  - status: Closed\n    at: 2026-10-17T10:00:00Z\n    status: Draft\n", `duplicate key "status"`, []string{"2026-10-17T10:00:00Z"}},
		// not a mapping at all: shown as written, not dropped
		{"a line of prose", "  - moved to review on Monday\n", "status_history entries must be mappings", []string{"moved to review on Monday"}},
		{"a list", "  - [Closed, 2026-10-17]\n", "status_history entries must be mappings", []string{"- [Closed, 2026-10-17]"}},
		{"escaped", "  - \"closed \\e[31mnow\"\n", "status_history entries must be mappings", []string{"closed", "now"}},
	} {
		doc := strings.Replace(string(example(t)), "    by: Priya Raman\n---\n", "    by: Priya Raman\n"+c.entry+"---\n", 1)
		r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
		out, errOut, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := "History:\n" +
			"  2026-10-14T16:10:00Z       Draft      Priya Raman\n" +
			"  2026-10-15T14:30:00Z       In Review  Priya Raman\n" +
			"  2026-10-16T15:40:00Z       Reviewed   Priya Raman\n  "
		if !strings.Contains(out, want) {
			t.Errorf("%s: show lacks\n%s\nin:\n%s", c.name, want, out)
		}
		_, row, _ := strings.Cut(out, want)
		row, _, _ = strings.Cut(row, "\n")
		if strings.Contains(row, "\x1b") {
			t.Errorf("%s: the entry's row %q is not escaped", c.name, row)
		}
		if !strings.HasSuffix(row, "  (malformed entry on line 22: see the front-matter findings of pm lint postmortems/pay.md)") {
			t.Errorf("%s: the entry's row %q is not marked", c.name, row)
		}
		for _, v := range c.shown {
			if !strings.Contains(row, v) {
				t.Errorf("%s: the entry's row %q does not show %q", c.name, row, v)
			}
		}
		if !strings.Contains(errOut, c.finding) || !strings.Contains(errOut, "[front-matter]") {
			t.Errorf("%s: stderr %q, want the front-matter finding %q", c.name, errOut, c.finding)
		}
	}
	// a malformed status in Japanese (確認済) is padded by columns: the name after it lines up with the rows above
	docJ := strings.Replace(string(example(t)), "    by: Priya Raman\n---\n", "    by: Priya Raman\n  - status: 確認済\n    at: 2026-10-17T10:00:00Z\n    by: 佐藤 愛子\n---\n", 1)
	rj := repoWith(t, map[string][]byte{"pay.md": []byte(docJ)})
	outJ, _, errJ := run(t, rj.Dir, rj.Env, Options{Postmortem: "pay"})
	if errJ != nil {
		t.Fatal(errJ)
	}
	if want, out := "  2026-10-16T15:40:00Z       Reviewed   Priya Raman\n  2026-10-17T10:00:00Z       確認済     佐藤 愛子  (", outJ; !strings.Contains(out, want) {
		t.Errorf("a Japanese status is not padded by columns; want\n%s\nin:\n%s", want, out)
	}
	// in Japanese
	doc := strings.Replace(string(example(t)), "    by: Priya Raman\n---\n", "    by: Priya Raman\n  - {}\n---\n", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	f, out, errOut := cmdutil.TestFactory(r.Dir, now, r.Env)
	f.LangFlag = "ja"
	if err := statusRun(&Options{F: f, Postmortem: "pay"}); err != nil ||
		!strings.Contains(out.String(), "  (22 行目の項目が不正です: pm lint postmortems/pay.md の front-matter の指摘を見てください)\n") ||
		!strings.Contains(errOut.String(), "status_history の項目に status がありません") {
		t.Errorf("ja: %v\n%s\n%s", err, out, errOut)
	}
}

// TestGatesReviewedAndClosedRunLint: an edit after In Review that lint finds an error in stops the
// moves to Reviewed and Closed as it stops the move to In Review; the findings another gate already
// stands for (an unset meeting, a missing ticket) are not listed a second time.
func TestGatesReviewedAndClosedRunLint(t *testing.T) {
	inReview := string(withStatus(t, postmortem.StatusInReview))
	outage := strings.Replace(inReview, "## External Message\n\n", "## External Message\n\nThe outage is over.\n\n", 1)
	if outage == inReview {
		t.Fatal("fixture lacks the External Message section")
	}
	r := repoWith(t, map[string][]byte{"pay.md": []byte(outage)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "pm lint finds 1 error at Reviewed level") || !strings.Contains(errOut, "[banned-word]") {
		t.Errorf("outage at Reviewed: exit %d, %v\n%s", cmdutil.ExitCode(err), err, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md")); string(got) != outage || r.CommitCount() != 1 {
		t.Error("a refused move changed the file or committed")
	}
	// pm status shows the block and the finding behind it
	if out, _, err := run(t, r.Dir, r.Env, Options{}); err != nil || !strings.Contains(out, "blocked: pm lint finds 1 error at Reviewed level\n        postmortems/pay.md:") ||
		!strings.Contains(out, "[banned-word]") {
		t.Errorf("pm status: %v\n%s", err, out)
	}
	// an unset meeting: the meeting gate's, not meeting-sla's as well
	unset := strings.Replace(inReview, "meeting: 2026-10-16T15:00:00Z", `meeting: ""`, 1)
	r = repoWith(t, map[string][]byte{"pay.md": []byte(unset)})
	_, errOut, _ = run(t, r.Dir, r.Env, Options{Status: "reviewed"})
	if !strings.Contains(errOut, "no meeting is set") || strings.Contains(errOut, "pm lint finds") || strings.Contains(errOut, "[meeting-sla]") {
		t.Errorf("unset meeting:\n%s", errOut)
	}
	// Closed: a missing ticket is the ticket gate's; another error is lint's
	reviewed := string(example(t))
	noTicket := strings.Replace(reviewed, "| PAY-1841 |", "|  |", 1)
	r = repoWith(t, map[string][]byte{"pay.md": []byte(noTicket)})
	_, errOut, err = run(t, r.Dir, r.Env, Options{Status: "closed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "1 action item without a ticket") || strings.Contains(errOut, "pm lint finds") {
		t.Errorf("no ticket at Closed: exit %d\n%s", cmdutil.ExitCode(err), errOut)
	}
	both := strings.Replace(noTicket, "## External Message\n\n", "## External Message\n\nThe outage is over.\n\n", 1)
	r = repoWith(t, map[string][]byte{"pay.md": []byte(both)})
	_, errOut, _ = run(t, r.Dir, r.Env, Options{Status: "closed"})
	if !strings.Contains(errOut, "1 action item without a ticket") || !strings.Contains(errOut, "pm lint finds 1 error at Closed level") ||
		!strings.Contains(errOut, "[banned-word]") || strings.Contains(errOut, "[action-item]") {
		t.Errorf("no ticket and outage at Closed:\n%s", errOut)
	}
	// --force records the move past them
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed", Force: true}); err != nil {
		t.Errorf("forced: %v %s", err, errOut)
	}
}

// TestHandEditedStatusIsNotMovedFrom: a status changed by hand (In Review → Reviewed without pm
// status) is not a status pm moves from as if the process had reached it: the move is refused with
// status-history's finding, and recorded as forced with --force.
func TestHandEditedStatusIsNotMovedFrom(t *testing.T) {
	hand := strings.Replace(string(withStatus(t, postmortem.StatusInReview)), "status: In Review\n", "status: Reviewed\n", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(hand)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "status_history does not show how the postmortem reached Reviewed") ||
		!strings.Contains(errOut, "[status-history]") {
		t.Fatalf("exit %d, %v\n%s", cmdutil.ExitCode(err), err, errOut)
	}
	if r.CommitCount() != 1 {
		t.Error("a refused move committed")
	}
	out, _, err := run(t, r.Dir, r.Env, Options{})
	if err != nil || !strings.Contains(out, "status_history does not show") {
		t.Errorf("pm status shows no block: %v\n%s", err, out)
	}
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed", Force: true}); err != nil {
		t.Fatalf("forced: %v %s", err, errOut)
	}
	after, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "pay.md"))
	h := postmortem.Parse("pay.md", after, nil).Fields.StatusHistory
	if last := h[len(h)-1]; last.Status != "Closed" || !last.Forced {
		t.Errorf("history %+v", h)
	}
	// What pm recorded backs the status: the next moves need no --force for the history
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Postmortem: "pay", Force: true}); err != nil {
		t.Fatalf("reopen: %v %s", err, errOut)
	}
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"}); err != nil {
		t.Errorf("a move after the forced ones: %v\n%s", err, errOut)
	}
}

// TestSkipFurtherBackDoesNotBlock: a step skipped by hand blocks the move from the status it
// reached; once pm status --force has moved on from it, the later moves need no --force for it.
func TestSkipFurtherBackDoesNotBlock(t *testing.T) {
	draft := string(withStatus(t, postmortem.StatusDraft))
	// Draft → Reviewed written by hand, entry and all
	skip := strings.Replace(draft, "status: Draft\n", "status: Reviewed\n", 1)
	skip = strings.Replace(skip, "---\n\n# ", "  - status: Reviewed\n    at: 2026-10-16T16:00:00Z\n    by: Priya Raman\n---\n\n# ", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(skip)})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"}); cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "status_history does not show") {
		t.Fatalf("the skip reached Reviewed: exit %d\n%s", cmdutil.ExitCode(err), errOut)
	}
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed", Force: true}); err != nil {
		t.Fatalf("forced: %v\n%s", err, errOut)
	}
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review", Postmortem: "pay", Force: true}); err != nil {
		t.Fatalf("reopen: %v\n%s", err, errOut)
	}
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "draft", Postmortem: "pay"}); err != nil {
		t.Errorf("In Review → Draft after the forced moves: %v\n%s", err, errOut)
	}
}

// TestSkipBeforeTheLastEntryBlocks: a move pm never makes, written anywhere in the history since the
// last forced move, blocks the next move as one reaching the status does.
func TestSkipBeforeTheLastEntryBlocks(t *testing.T) {
	reviewed := string(example(t)) // Draft, In Review, Reviewed
	back := strings.Replace(reviewed, "status: Reviewed\n", "status: In Review\n", 1)
	back = strings.Replace(back, "---\n\n# ", "  - status: Draft\n    at: 2026-10-17T09:00:00Z\n    by: Priya Raman\n"+
		"  - status: In Review\n    at: 2026-10-17T10:00:00Z\n    by: Priya Raman\n---\n\n# ", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(back)})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "reviewed"}); cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "status_history does not show") ||
		!strings.Contains(errOut, "from Reviewed to Draft") {
		t.Errorf("Reviewed → Draft by hand, further back: exit %d\n%s", cmdutil.ExitCode(err), errOut)
	}
	if r.CommitCount() != 1 {
		t.Error("a refused move committed")
	}
}

// TestShowHandEditedClosed: a Closed written by hand has no moves to offer, and pm status says why
// the status is not what the history says, rather than only how to reopen it.
// A status pm cannot edit (an anchor the history aliases) leaves the view whole: the moves are
// blocked by it, in the user's language, and nothing fails. A status set twice is one pm cannot read
// (which is meant is a guess), refused as an invalid one is, with the finding that says why.
func TestShowStatusPmCannotEdit(t *testing.T) {
	twice := strings.Replace(string(example(t)), "status: Reviewed\n", "status: Reviewed\nstatus: Closed\n", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(twice)})
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"}); cmdutil.ExitCode(err) != 1 ||
		!strings.Contains(errOut, `duplicate key "status"`) || !strings.Contains(err.Error(), "has no valid status") {
		t.Errorf("set twice: exit %d, %v\n%s", cmdutil.ExitCode(err), err, errOut)
	}
	for name, doc := range map[string]string{
		"alias": strings.Replace(strings.Replace(string(example(t)), "status: Reviewed\n", "status: &s Reviewed\n", 1), "  - status: Reviewed\n", "  - status: *s\n", 1),
	} {
		r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
		out, errOut, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"})
		if err != nil || !strings.Contains(out, "Moves:\n") || !strings.Contains(out, "pm status closed     blocked: ") {
			t.Errorf("%s: %v\n%s\n%s", name, err, out, errOut)
		}
		f, jaOut, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
		f.LangFlag = "ja"
		if err := statusRun(&Options{F: f, Postmortem: "pay"}); err != nil || !strings.Contains(jaOut.String(), "不可: ") ||
			strings.Contains(jaOut.String(), "edit it by hand") {
			t.Errorf("%s, ja: %v\n%s", name, err, jaOut)
		}
	}
}

// A meeting written in a form pm does not read is said to be one, in the view and in the Reviewed
// gate, rather than "not scheduled".
func TestMeetingPmCannotRead(t *testing.T) {
	doc := strings.Replace(string(withStatus(t, postmortem.StatusInReview)), "meeting: 2026-10-16T15:00:00Z\n", "meeting: 2026-10-16 15:00\n", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	out, _, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"})
	if err != nil || !strings.Contains(out, `Meeting: "2026-10-16 15:00" is not a time pm reads (pm lint says why); due by `) ||
		!strings.Contains(out, `blocked: meeting "2026-10-16 15:00" is not a time pm reads: set it again with pm meeting --at`) {
		t.Errorf("%v\n%s", err, out)
	}
	_, errOut, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay", Status: "reviewed"})
	if err == nil || !strings.Contains(errOut, `meeting "2026-10-16 15:00" is not a time pm reads`) {
		t.Errorf("move: %v\n%s", err, errOut)
	}
	// a list is set too, just not to a time
	doc = strings.Replace(string(withStatus(t, postmortem.StatusInReview)), "meeting: 2026-10-16T15:00:00Z\n", "meeting: [2026-10-16T15:00:00Z]\n", 1)
	r = repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	if out, _, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"}); err != nil || !strings.Contains(out, `Meeting: "[2026-10-16T15:00:00Z]" is not a time pm reads`) {
		t.Errorf("a list: %v\n%s", err, out)
	}
}

func TestShowHandEditedClosed(t *testing.T) {
	hand := strings.Replace(string(withStatus(t, postmortem.StatusInReview)), "status: In Review\n", "status: Closed\n", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(hand)})
	out, _, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay"})
	if err != nil || !strings.Contains(out, "Note: status_history ends with In Review, not Closed: the status was changed by hand") {
		t.Errorf("%v\n%s", err, out)
	}
}

// A file in another encoding is an error of pm lint, and so a gate of the move: every reader of the
// document gets the finding, not pm lint alone.
func TestMoveRefusedForAFileNotInUTF8(t *testing.T) {
	doc := string(withStatus(t, postmortem.StatusDraft)) + "\nCaf\xe9\n"
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Postmortem: "pay", Status: "in-review"})
	if err == nil || !strings.Contains(errOut, "not UTF-8 (byte 0xE9 here)") {
		t.Errorf("%v\n%s", err, errOut)
	}
}

// A Reviewed entry written before the meeting (by hand: pm status records Reviewed only once the
// meeting has begun) does not let the postmortem be Closed: the history gate refuses the move.
func TestReviewedBeforeTheMeetingIsNotClosed(t *testing.T) {
	doc := strings.Replace(string(withStatus(t, postmortem.StatusReviewed)), "meeting: 2026-10-16T15:00:00Z", "meeting: 2026-10-21T15:00:00Z", 1)
	r := repoWith(t, map[string][]byte{"pay.md": []byte(doc)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "before the meeting (2026-10-21T15:00:00Z)") || r.CommitCount() != 1 {
		t.Fatalf("exit %d, %d commits\n%s", cmdutil.ExitCode(err), r.CommitCount(), errOut)
	}
}

// Action Items written as a list hold no item pm reads, so the ticket gate has none to ask a ticket
// of: the move to Closed is still refused, by the lint gate, with the finding that says so.
func TestGateClosedActionItemsAsList(t *testing.T) {
	reviewed := string(example(t))
	start := strings.Index(reviewed, "| Priority | Action |")
	end := strings.Index(reviewed, "| PAY-1843 |\n") + len("| PAY-1843 |\n")
	if start < 0 || end < start {
		t.Fatal("fixture lacks its Action Items table")
	}
	list := reviewed[:start] + "- P0: Call risk-svc before opening the transaction (Ana Souza)\n" + reviewed[end:]
	r := repoWith(t, map[string][]byte{"pay.md": []byte(list)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "has no table pm reads") || !strings.Contains(errOut, "[action-item]") {
		t.Errorf("exit %d, %v, %s", cmdutil.ExitCode(err), err, errOut)
	}
}

// A Timeline written as a list holds no time pm reads: the move to In Review is refused, as it is
// for a time pm cannot read, with the finding that says so.
func TestGateInReviewTimelineAsList(t *testing.T) {
	draft := string(withStatus(t, postmortem.StatusDraft))
	start := strings.Index(draft, "| Time")
	end := strings.Index(draft, "## Analysis")
	if start < 0 || end < start {
		t.Fatal("fixture lacks its Timeline table")
	}
	list := draft[:start] + "- 09:14 alert fired\n- around 9:30 we rolled back\n\n" + draft[end:]
	r := repoWith(t, map[string][]byte{"pay.md": []byte(list)})
	_, errOut, err := run(t, r.Dir, r.Env, Options{Status: "in-review"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "has no table pm reads") || !strings.Contains(errOut, "[timeline-time]") {
		t.Errorf("exit %d, %v, %s", cmdutil.ExitCode(err), err, errOut)
	}
}

// A Reviewed postmortem with no status_history (written before pm, say), which lint passes, is
// closed by pm status, whose history then begins at Closed: lint passes the result too. It read
// "Closed but … never Reviewed", since the one entry pm wrote held no Reviewed, so that the move pm
// made was one lint rejected and the next pm status refused.
func TestClosedWithoutEarlierHistoryStaysClean(t *testing.T) {
	reviewed := string(example(t))
	i, j := strings.Index(reviewed, "status_history:\n"), strings.Index(reviewed, "---\n\n# ")
	noHistory := reviewed[:i] + reviewed[j:]
	r := repoWith(t, map[string][]byte{"pay.md": []byte(noHistory)})
	p, err := project.Open(r.Dir, func(k string) string { return r.Env[k] }, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	chk, err := cmdutil.NewChecker(p, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if fs := chk.Lint("postmortems/pay.md", []byte(noHistory)).Errors(); fs.Len() != 0 {
		t.Fatalf("fixture not clean: %+v", fs)
	}
	if _, errOut, err := run(t, r.Dir, r.Env, Options{Status: "closed"}); err != nil {
		t.Fatalf("%v %s", err, errOut)
	}
	after := r.Read("postmortems/pay.md")
	if !strings.Contains(after, "status: Closed\n") || !strings.Contains(after, "status_history:\n  - status: Closed\n") {
		t.Fatalf("after the move:\n%s", after)
	}
	if fs := chk.Lint("postmortems/pay.md", []byte(after)).Errors(); fs.Len() != 0 {
		var b strings.Builder
		_ = fs.WriteText(&b)
		t.Errorf("lint after pm status closed:\n%s", b.String())
	}
	// a history that records an earlier status and no Reviewed is judged as before
	handClosed := strings.Replace(after, "status_history:\n", "status_history:\n  - status: In Review\n    at: 2026-10-15T14:30:00Z\n    by: Priya Raman\n", 1)
	if fs := chk.Lint("postmortems/pay.md", []byte(handClosed)).Rule("status-gates"); fs.Len() != 1 {
		t.Errorf("In Review then Closed with a message: %d status-gates findings, want 1", fs.Len())
	}
}
