package link

import (
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func doc(title, extra string) string {
	return "---\ntitle: " + title + "\nseverity: SEV-2\nstatus: Draft\nowner: Aiko\nincident_date: 2026-11-20\n" + extra +
		"status_history:\n  - status: Draft\n    at: 2026-11-20T10:00:00Z\n    by: Aiko\n---\n\n# " + title + "\n"
}

// repo makes a repository with three postmortems committed.
func repo(t *testing.T, a, b string) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Priya Raman", "priya@example.com")
	r.Write("postmortems/2026-11-20-checkout.md", a)
	r.Write("postmortems/2026-10-02-checkout-errors.md", b)
	r.Write("postmortems/2026-09-01-dns.md", doc("DNS", ""))
	r.Commit("base", now.Add(-time.Hour), "postmortems/2026-11-20-checkout.md", "postmortems/2026-10-02-checkout-errors.md", "postmortems/2026-09-01-dns.md")
	return r
}

func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdLink(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

func run(r *testrepo.Repo, args ...string) (string, string, int) {
	f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
	return testrepo.Run(f, newCmd, args...)
}

func TestLinkWritesBothSidesInOneCommit(t *testing.T) {
	a := doc("Checkout", "services: [checkout]\nrelated: []\n")
	b := doc("Checkout errors", "related:\n  - 2026-09-01-dns\n")
	r := repo(t, a, b)
	commits := r.CommitCount()
	out, errOut, code := run(r, "checkout", "2026-10-02-checkout-errors.md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "2026-11-20-checkout ↔ 2026-10-02-checkout-errors\n" {
		t.Errorf("stdout %q", out)
	}
	wantA := strings.Replace(a, "related: []\n", "related:\n  - 2026-10-02-checkout-errors\n", 1)
	wantB := strings.Replace(b, "  - 2026-09-01-dns\n", "  - 2026-09-01-dns\n  - 2026-11-20-checkout\n", 1)
	if got := r.Read("postmortems/2026-11-20-checkout.md"); got != wantA {
		t.Errorf("A after the link:\n%s", got)
	}
	if got := r.Read("postmortems/2026-10-02-checkout-errors.md"); got != wantB {
		t.Errorf("B after the link:\n%s", got)
	}
	if n := r.CommitCount(); n != commits+1 {
		t.Fatalf("%d commits made, want 1", n-commits)
	}
	msg := "postmortem: link 2026-11-20-checkout and 2026-10-02-checkout-errors"
	if h := r.Head(); strings.TrimSpace(h.Message) != msg {
		t.Errorf("commit message %q", h.Message)
	}
	files := strings.Fields(r.Git("show", "--name-only", "--format=", "HEAD"))
	if strings.Join(files, " ") != "postmortems/2026-10-02-checkout-errors.md postmortems/2026-11-20-checkout.md" {
		t.Errorf("commit holds %v", files)
	}
	if !strings.Contains(errOut, "Committed ") || !strings.Contains(errOut, msg) {
		t.Errorf("stderr %q", errOut)
	}
	if status := r.Git("status", "--porcelain"); status != "" {
		t.Errorf("work tree not clean:\n%s", status)
	}

	// Again: nothing to do, exit 0, a note, no commit.
	out, errOut, code = run(r, "2026-10-02-checkout-errors", "2026-11-20-checkout")
	if code != 0 || out != "" || !strings.Contains(errOut, "already linked") || r.CommitCount() != commits+1 {
		t.Errorf("second link: exit %d, stdout %q, stderr %q, %d commits", code, out, errOut, r.CommitCount()-commits)
	}
}

// A relation written on one side only is completed on the other, and only that file is committed.
func TestLinkCompletesAOneWayRelation(t *testing.T) {
	r := repo(t, doc("Checkout", "related: 2026-10-02-checkout-errors\n"), doc("Checkout errors", ""))
	before := r.Read("postmortems/2026-11-20-checkout.md")
	_, errOut, code := run(r, "2026-11-20-checkout", "checkout-errors")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if r.Read("postmortems/2026-11-20-checkout.md") != before {
		t.Error("the side that had the relation was changed")
	}
	if got := r.Read("postmortems/2026-10-02-checkout-errors.md"); !strings.Contains(got, "incident_date: 2026-11-20\nstatus_history:\n  - status: Draft\n    at: 2026-11-20T10:00:00Z\n    by: Aiko\nrelated:\n  - 2026-11-20-checkout\n---\n") {
		t.Errorf("B:\n%s", got)
	}
	if files := strings.Fields(r.Git("show", "--name-only", "--format=", "HEAD")); len(files) != 1 {
		t.Errorf("commit holds %v", files)
	}
}

func TestLinkNoCommitAndRefusals(t *testing.T) {
	r := repo(t, doc("Checkout", ""), doc("Checkout errors", ""))
	commits := r.CommitCount()
	_, errOut, code := run(r, "--no-commit", "dns", "2026-11-20-checkout")
	if code != 0 || r.CommitCount() != commits || !strings.Contains(r.Read("postmortems/2026-09-01-dns.md"), "related:\n  - 2026-11-20-checkout\n") {
		t.Errorf("--no-commit: exit %d, %s", code, errOut)
	}
	if strings.Contains(errOut, "Committed") {
		t.Errorf("--no-commit said %q", errOut)
	}
	_, errOut, code = run(r, "dns", "2026-09-01-dns")
	if code != 2 || !strings.Contains(errOut, "2026-09-01-dns cannot be linked to itself") {
		t.Errorf("self: exit %d, %q", code, errOut)
	}
	_, errOut, code = run(r, "dns", "nothing-like-it")
	if code != 2 || !strings.Contains(errOut, "nothing-like-it") {
		t.Errorf("unknown: exit %d, %q", code, errOut)
	}
	_, errOut, code = run(r, "dns")
	if code != 2 {
		t.Errorf("one argument: exit %d, %q", code, errOut)
	}
	r.Write("postmortems/2026-08-01-broken.md", "---\ntitle: [unclosed\n---\n")
	_, errOut, code = run(r, "broken", "dns")
	if code != 1 || !strings.Contains(errOut, "does not parse") {
		t.Errorf("broken: exit %d, %q", code, errOut)
	}
}

func TestLinkFlags(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var got *Options
	cmd := NewCmdLink(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"a", "b", "--no-verify", "--no-commit", "--recurrence"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.A != "a" || got.B != "b" || !got.NoVerify || !got.NoCommit || !got.Recurrence {
		t.Errorf("options %+v", got)
	}
}

func TestLinkSpeaksJapanese(t *testing.T) {
	r := repo(t, doc("Checkout", "related: [2026-10-02-checkout-errors]\n"), doc("Checkout errors", "related: [2026-11-20-checkout]\n"))
	f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
	f.LangFlag = "ja"
	_, errOut, code := testrepo.Run(f, newCmd, "checkout", "checkout-errors")
	if code != 0 || errOut != "2026-11-20-checkout と 2026-10-02-checkout-errors はすでに関連付けられています。コミットするものはありません\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = testrepo.Run(f, newCmd, "checkout", "2026-11-20-checkout")
	if code != 2 || !strings.Contains(errOut, "2026-11-20-checkout を自分自身に関連付けることはできません") {
		t.Errorf("self: exit %d, stderr %q", code, errOut)
	}
}

func TestLinkRecurrence(t *testing.T) {
	a := doc("Checkout", "recurrence_of: \"\"\n")
	b := doc("Checkout errors", "")
	r := repo(t, a, b)
	commits := r.CommitCount()
	out, errOut, code := run(r, "checkout", "checkout-errors", "--recurrence")
	if code != 0 || out != "2026-11-20-checkout → 2026-10-02-checkout-errors\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	want := strings.Replace(a, `recurrence_of: ""`, `recurrence_of: "2026-10-02-checkout-errors"`, 1)
	if got := r.Read("postmortems/2026-11-20-checkout.md"); got != want {
		t.Errorf("A after --recurrence:\n%s", got)
	}
	if got := r.Read("postmortems/2026-10-02-checkout-errors.md"); got != b {
		t.Errorf("B changed:\n%s", got)
	}
	if r.CommitCount() != commits+1 || r.Head().Message != "postmortem: 2026-11-20-checkout is a recurrence of 2026-10-02-checkout-errors\n" {
		t.Errorf("commits %d, head %q", r.CommitCount()-commits, r.Head().Message)
	}
	if st := r.Git("status", "--porcelain"); st != "" {
		t.Errorf("git status after the commit:\n%s", st)
	}

	// again: nothing to do
	_, errOut, code = run(r, "checkout", "checkout-errors", "--recurrence")
	if code != 0 || !strings.Contains(errOut, "already a recurrence of 2026-10-02-checkout-errors") || r.CommitCount() != commits+1 {
		t.Errorf("again: exit %d, stderr %q", code, errOut)
	}

	// another earlier incident replaces it, and says which one it was
	_, errOut, code = run(r, "checkout", "dns", "--recurrence")
	if code != 0 || !strings.Contains(errOut, "2026-11-20-checkout was marked as a recurrence of 2026-10-02-checkout-errors before") {
		t.Errorf("replace: exit %d, stderr %q", code, errOut)
	}
	if got := r.Read("postmortems/2026-11-20-checkout.md"); !strings.Contains(got, `recurrence_of: "2026-09-01-dns"`) {
		t.Errorf("A after the replacement:\n%s", got)
	}
}

// TestLinkRecurrenceRefusals: a recurrence repeats an earlier incident, so B later than A is refused
// (with the command the other way round), and so is a loop (B, or what B repeats, already a
// recurrence of A); nothing is written.
func TestLinkRecurrenceRefusals(t *testing.T) {
	early := strings.Replace(doc("Checkout errors", ""), "incident_date: 2026-11-20", "incident_date: 2026-10-02", 1)
	r := repo(t, doc("Checkout", ""), early)
	commits := r.CommitCount()
	_, errOut, code := run(r, "checkout-errors", "checkout", "--recurrence")
	if r.CommitCount() != commits {
		t.Error("a refused recurrence was committed")
	}
	if code != 2 || !strings.Contains(errOut, "is later than 2026-10-02-checkout-errors (2026-10-02)") ||
		!strings.Contains(errOut, "pm link 2026-11-20-checkout 2026-10-02-checkout-errors --recurrence") {
		t.Errorf("later: exit %d, stderr %q", code, errOut)
	}
	if _, _, code := run(r, "checkout", "checkout-errors", "--recurrence"); code != 0 {
		t.Fatalf("the right way round: exit %d", code)
	}
	// dns (2026-11-20, as checkout) repeats checkout; checkout repeats checkout-errors: marking
	// checkout-errors a recurrence of dns would close the loop
	if _, _, code := run(r, "dns", "checkout", "--recurrence"); code != 0 {
		t.Fatalf("dns → checkout: exit %d", code)
	}
	r.Write("postmortems/2026-10-02-checkout-errors.md", strings.Replace(early, "incident_date: 2026-10-02", "incident_date: 2026-11-20", 1))
	r.Git("commit", "-qam", "same day")
	before := r.CommitCount()
	_, errOut, code = run(r, "checkout-errors", "dns", "--recurrence")
	if code != 2 || !strings.Contains(errOut, "would make a loop") || r.CommitCount() != before {
		t.Errorf("loop: exit %d, stderr %q", code, errOut)
	}
}
