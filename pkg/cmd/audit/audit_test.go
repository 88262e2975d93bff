package audit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// entry is one status_history item: status, at, and forced when true.
type entry struct {
	status string
	at     time.Time
	forced bool
}

// doc is a postmortem at status with the given history, by Aiko Sato.
func doc(status string, history ...entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Checkout latency\nseverity: SEV-2\nstatus: %s\nowner: Aiko Sato\nincident_date: 2026-11-19\nexternal_message: false\nstatus_history:\n", status)
	for _, e := range history {
		fmt.Fprintf(&b, "  - status: %s\n    at: %s\n    by: Aiko Sato\n", e.status, e.at.Format(time.RFC3339))
		if e.forced {
			b.WriteString("    forced: true\n")
		}
	}
	b.WriteString("---\n\n# Checkout latency\n\n## Summary\n\nSlow.\n")
	return b.String()
}

const path = "postmortems/2026-11-19-checkout.md"

// newRepo makes a repository whose first commit (at t0) adds the postmortem as Draft, as pm new does.
func newRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	r.Write(".pm.yaml", "dir: postmortems\n")
	r.Write(path, doc("Draft", entry{"Draft", t0, false}))
	r.Commit("postmortem: new checkout", t0, ".pm.yaml", path)
	return r
}

func run(t *testing.T, r *testrepo.Repo, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(r.Dir, t0.Add(30*24*time.Hour), r.Env)
	return testrepo.Run(f, func(f *cmdutil.Factory) testrepo.Command {
		cmd := NewCmdAudit(f, nil)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		return cmd
	}, args...)
}

func TestCleanHistory(t *testing.T) {
	r := newRepo(t)
	t1, t2 := t0.Add(26*time.Hour), t0.Add(72*time.Hour)
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	r.Commit("postmortem: checkout Draft -> In Review", t1, path)
	// A commit that does not touch the status needs no entry.
	r.Write(path, strings.Replace(doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}), "Slow.", "Slow, then fast.", 1))
	r.Commit("fix a typo", t1.Add(time.Hour), path)
	// A person moved it by hand, adding the entry themselves, and committed four hours later.
	r.Write(path, doc("Reviewed", entry{"Draft", t0, false}, entry{"In Review", t1, false}, entry{"Reviewed", t2, false}))
	r.Commit("reviewed in the meeting", t2.Add(4*time.Hour), path)
	out, errOut, code := run(t, r)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errOut)
	}
	if want := "audited 1 postmortem over 4 commits: 0 findings, 0 forced moves\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func TestStatusEditedByHand(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Write(path, doc("In Review", entry{"Draft", t0, false}))
	h := r.Commit("ready", t1, path)
	out, _, code := run(t, r)
	want := "postmortems/2026-11-19-checkout.md: commit " + h[:7] + " (2026-11-21 11:00, Aiko Sato) changed status Draft → In Review without a status_history entry\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and:\n%s", code, out, want)
	}
}

func TestEntryWithoutCommit(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	// The move was committed three days after the time its entry gives.
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	h := r.Commit("late", t1.Add(72*time.Hour), path)
	out, _, code := run(t, r)
	want := "postmortems/2026-11-19-checkout.md: status_history entry In Review at 2026-11-21T11:00:00Z by Aiko Sato: no commit changed the status to In Review within 24h0m0s of it\n" +
		"postmortems/2026-11-19-checkout.md: commit " + h[:7] + " (2026-11-24 11:00, Aiko Sato) changed status Draft → In Review without a status_history entry\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and:\n%s", code, out, want)
	}
	// A wider tolerance accepts the late commit.
	if out, errOut, code := run(t, r, "--tolerance", "96h"); code != 0 || out != "" {
		t.Errorf("--tolerance 96h: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errOut)
	}
	// An entry for a status no commit ever set.
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}, entry{"Reviewed", t1.Add(time.Hour), false}))
	r.Commit("history only", t1.Add(time.Hour), path)
	out, _, _ = run(t, r, "--tolerance", "96h", "--format", "json")
	var rep struct {
		Findings []struct {
			Path, Kind string
			Entry      *struct{ Status, At, By string }
			Commit     *struct{ Hash string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Kind != "no-commit" || rep.Findings[0].Entry == nil ||
		rep.Findings[0].Entry.Status != "Reviewed" || rep.Findings[0].Commit != nil || rep.Findings[0].Path != path {
		t.Errorf("findings %+v, want one no-commit finding for the Reviewed entry", rep.Findings)
	}
}

func TestForcedMoveListed(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, true}))
	h := r.Commit("postmortem: checkout Draft -> In Review (forced)", t1, path)
	out, errOut, code := run(t, r)
	want := "postmortems/2026-11-19-checkout.md: forced move to In Review at 2026-11-21T11:00:00Z by Aiko Sato (commit " + h[:7] + ")\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 0 and:\n%s", code, out, want)
	}
	if !strings.Contains(errOut, "0 findings, 1 forced move\n") {
		t.Errorf("stderr %q", errOut)
	}
	out, _, _ = run(t, r, "--format", "json")
	var rep struct {
		Forced []struct {
			Path   string
			Entry  struct{ Status string }
			Commit *struct{ Hash string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rep.Forced) != 1 || rep.Forced[0].Entry.Status != "In Review" || rep.Forced[0].Commit == nil || rep.Forced[0].Commit.Hash != h {
		t.Errorf("forced %+v, want the In Review move of %s", rep.Forced, h)
	}
}

// TestMerge moves the postmortem on a branch merged with --no-ff, while main gets a hand edit of
// another postmortem: each move is found at the commit that made it, not again at the merge.
func TestMerge(t *testing.T) {
	testenv.NeedGit(t)
	r := newRepo(t)
	other := "postmortems/2026-11-18-search.md"
	r.Write(other, doc("Draft", entry{"Draft", t0, false}))
	r.Commit("postmortem: new search", t0.Add(time.Minute), other)
	date := func(t time.Time) []string {
		d := t.Format(time.RFC3339)
		return []string{"GIT_AUTHOR_DATE=" + d, "GIT_COMMITTER_DATE=" + d}
	}
	t1, t2, t3 := t0.Add(24*time.Hour), t0.Add(25*time.Hour), t0.Add(26*time.Hour)
	r.Git("checkout", "-q", "-b", "review")
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	r.GitEnv = date(t1)
	r.Git("commit", "-q", "-am", "postmortem: checkout Draft -> In Review")
	r.Git("checkout", "-q", "main")
	r.Write(other, doc("In Review", entry{"Draft", t0, false}))
	r.GitEnv = date(t2)
	r.Git("commit", "-q", "-am", "search ready")
	hand := r.Git("rev-parse", "HEAD")
	r.GitEnv = date(t3)
	r.Git("merge", "-q", "--no-ff", "-m", "merge review", "review")
	if n := strings.Count(r.Git("log", "--merges", "--format=%H"), "\n") + 1; n != 1 {
		t.Fatalf("%d merge commits, want 1", n)
	}
	out, errOut, code := run(t, r)
	want := "postmortems/2026-11-18-search.md: commit " + hand[:7] + " (2026-11-21 10:00, Aiko Sato) changed status Draft → In Review without a status_history entry\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and:\n%s", code, out, want)
	}
	if want := "audited 2 postmortems over 4 commits: 1 finding, 0 forced moves\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func TestUsage(t *testing.T) {
	r := newRepo(t)
	for _, args := range [][]string{{"--format", "csv"}, {"--tolerance", "0s"}, {"--tolerance", "soon"}, {"extra"}} {
		if _, _, code := run(t, r, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	// Outside a repository there is no history to read.
	dir := t.TempDir()
	testrepo.WriteFile(t, dir, "postmortems/a.md", doc("Draft"))
	f, _, _ := cmdutil.TestFactory(dir, t0, testrepo.PrivateEnv(t))
	if _, errOut, code := testrepo.Run(f, func(f *cmdutil.Factory) testrepo.Command {
		cmd := NewCmdAudit(f, nil)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		return cmd
	}); code != 2 || !strings.Contains(errOut, "not in a git repository") {
		t.Errorf("outside a repository: exit %d, stderr %q; want 2 and why", code, errOut)
	}
	// Japanese messages.
	r.Write(path, doc("In Review", entry{"Draft", t0, false}))
	r.Commit("ready", t0.Add(time.Hour), path)
	if _, _, code := run(t, r, "--tolerance", "1h"); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	f, _, _ = cmdutil.TestFactory(r.Dir, t0, r.Env)
	f.LangFlag = "ja"
	out, _, _ := testrepo.Run(f, func(f *cmdutil.Factory) testrepo.Command {
		cmd := NewCmdAudit(f, nil)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		return cmd
	})
	if !strings.Contains(out, "status_history に記録せずに status を Draft → In Review に変更しました") {
		t.Errorf("Japanese output:\n%s", out)
	}
}

// In clones that lack history, pm audit reads what git would read: in a blobless clone it has
// git fetch the earlier versions (and finds what it finds in the full repository); in a shallow
// clone it audits the commits there, says the clone is shallow, does not stop on the parent it lacks,
// and leaves unchecked the entries older than the clone's history.
func TestClonesWithoutHistory(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	r.Commit("postmortem: checkout Draft -> In Review", t1, path)
	r.Write(path, doc("Reviewed", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	h := r.Commit("reviewed by hand", t1.Add(time.Hour), path)
	r.Git("config", "uploadpack.allowFilter", "true")
	wantOut, wantErr, wantCode := run(t, r)
	if wantCode != 1 || !strings.Contains(wantOut, h[:7]) {
		t.Fatalf("the full repository: exit %d, stdout %q, stderr %q", wantCode, wantOut, wantErr)
	}
	clone := func(args ...string) *testrepo.Repo {
		c := &testrepo.Repo{Dir: t.TempDir(), Env: r.Env, Name: r.Name, Email: r.Email}
		r.Git(append(append([]string{"clone", "-q"}, args...), "file://"+r.Dir, c.Dir)...)
		return c
	}
	blobless := clone("--filter=blob:none")
	if out, errOut, code := run(t, blobless); code != wantCode || out != wantOut || errOut != wantErr {
		t.Errorf("blobless clone: exit %d, stdout %q, stderr %q; want what the repository gives: %d, %q, %q",
			code, out, errOut, wantCode, wantOut, wantErr)
	}
	// Depth 1: the one commit there "adds" the file; the entries older than it cannot be checked,
	// and are counted, not reported (a CI job's default checkout must not fail on them).
	shallow := clone("--depth", "1")
	if out, errOut, code := run(t, shallow); code != 0 || out != "" || !strings.Contains(errOut, "2 status_history entries older than its history not checked") ||
		!strings.Contains(errOut, "over 1 commit") {
		t.Errorf("shallow clone: exit %d, stdout %q, stderr %q; want the one commit audited, the two entries before it counted", code, out, errOut)
	}
	// Depth 2: the hand move made after the boundary commit is there, and is reported as in the
	// full repository.
	deeper := clone("--depth", "2")
	if out, _, code := run(t, deeper); code != 1 || !strings.Contains(out, h[:7]) || strings.Contains(out, "no commit changed") {
		t.Errorf("clone of depth 2: exit %d, stdout %q; want the hand move reported, no entry", code, out)
	}
}

// TestSpellingAndUnreadableBoundary: an entry whose status is spelled by hand ("in-review") is the
// move to In Review, as lint and pm status read it; a shallow clone whose boundary version has a
// status pm cannot read still starts its history there, the entries before it unchecked.
func TestSpellingAndUnreadableBoundary(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"in-review", t1, false}))
	r.Commit("in review by hand", t1, path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("hand spelling: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	r.Write(path, strings.Replace(doc("In Review", entry{"Draft", t0, false}, entry{"in-review", t1, false}), "status: In Review\n", "status: In Reveiw\n", 1))
	r.Commit("a typo", t1.Add(time.Hour), path)
	r.Write(".pm.yaml", "dir: postmortems\n# later\n")
	r.Commit("filler", t1.Add(2*time.Hour), ".pm.yaml")
	c := &testrepo.Repo{Dir: t.TempDir(), Env: r.Env, Name: r.Name, Email: r.Email}
	r.Git("clone", "-q", "--depth", "2", "file://"+r.Dir, c.Dir)
	if out, errOut, code := run(t, c); code != 0 || out != "" || !strings.Contains(errOut, "2 status_history entries older than its history not checked") {
		t.Errorf("boundary with an unreadable status: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestTypoFixedLater: a status made unreadable by a typo and put back in a later commit made no
// move; fixed to another status, the fix made the move from the status before the typo.
func TestTypoFixedLater(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	inReview := doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false})
	r.Write(path, inReview)
	r.Commit("postmortem: checkout Draft -> In Review", t1, path)
	r.Write(path, strings.Replace(inReview, "status: In Review\n", "status: In Reveiw\n", 1))
	r.Commit("a typo", t1.Add(time.Hour), path)
	r.Write(path, inReview)
	r.Commit("the typo fixed", t1.Add(2*time.Hour), path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("typo put back: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	t2 := t1.Add(48 * time.Hour)
	r.Write(path, strings.Replace(inReview, "status: In Review\n", "status: Reviewd\n", 1))
	r.Commit("another typo", t2, path)
	r.Write(path, doc("Reviewed", entry{"Draft", t0, false}, entry{"In Review", t1, false}, entry{"Reviewed", t2.Add(time.Hour), false}))
	r.Commit("reviewed, spelled right", t2.Add(time.Hour), path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("typo fixed to the next status: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A squash merge adds the file with a history made on a branch whose commits are not in this one:
// the entries dated before it are not checked, and said so, not reported as moves no commit made.
func TestSquashMergedHistoryIsNotReported(t *testing.T) {
	r := newRepo(t)
	const path = "postmortems/2026-11-19-squashed.md"
	t1 := t0.Add(26 * time.Hour)
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, true}))
	r.Commit("Squash PR #12", t1.Add(48*time.Hour), path)
	out, errOut, code := run(t, r)
	if code != 0 || strings.Contains(out, "no commit changed") ||
		!strings.Contains(errOut, "2 status_history entries dated before the commit that added the file not checked: their commits are in another history (a squash merge, a rename), or the moves were dated by PM_NOW") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// a move made after it is checked as any other
	r.Write(path, doc("Reviewed", entry{"Draft", t0, false}, entry{"In Review", t1, true}, entry{"Reviewed", t1.Add(72 * time.Hour), false}))
	r.Commit("reviewed", t1.Add(72*time.Hour), path)
	r.Write(path, doc("Closed", entry{"Draft", t0, false}, entry{"In Review", t1, true}, entry{"Reviewed", t1.Add(72 * time.Hour), false}))
	h := r.Commit("closed by hand", t1.Add(73*time.Hour), path)
	if out, _, code := run(t, r); code != 1 || !strings.Contains(out, h[:7]) || strings.Contains(out, "no commit changed") {
		t.Errorf("after the squash: exit %d, stdout %q", code, out)
	}
}

// A rename that brings a hand-made move with it (git mv and a status edited in one commit) is not a
// history starting there: the backdated entries are reported, not left unchecked.
func TestRenameDoesNotHideAHandMove(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Git("mv", path, "postmortems/2026-11-19-renamed.md")
	r.Write("postmortems/2026-11-19-renamed.md", doc("Closed", entry{"Draft", t0, false}, entry{"In Review", t0.Add(time.Hour), false},
		entry{"Reviewed", t0.Add(2 * time.Hour), false}, entry{"Closed", t0.Add(3 * time.Hour), false}))
	r.Commit("rename and close", t1.Add(48*time.Hour), path, "postmortems/2026-11-19-renamed.md")
	out, errOut, code := run(t, r)
	if code != 1 || !strings.Contains(out, "changed status Draft → Closed without a status_history entry") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// An honest rename (git mv, the status kept) is no move and reports nothing; a squash-add in a
// commit that also removes an unrelated postmortem is no rename.
func TestRenameAndUnrelatedRemoval(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Git("mv", path, "postmortems/2026-11-19-moved.md")
	r.Commit("rename", t1.Add(48*time.Hour), path, "postmortems/2026-11-19-moved.md")
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("honest rename: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	const squashed = "postmortems/2026-11-19-squashed.md"
	r.Write(squashed, strings.Replace(doc("In Review", entry{"Draft", t1, false}, entry{"In Review", t1.Add(time.Hour), false}), "by: Aiko Sato", "by: Ken Mori", -1))
	r.Git("rm", "-q", "postmortems/2026-11-19-moved.md")
	r.Commit("Squash PR", t1.Add(96*time.Hour), "postmortems/2026-11-19-moved.md", squashed)
	if out, errOut, code := run(t, r); code != 0 || out != "" || !strings.Contains(errOut, "dated before the commit that added the file") {
		t.Errorf("squash beside a removal: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A merge whose file differs from both parents (lines merged from each, no conflict) brought its
// status from the parent that has it: the move is charged to the commit that made it, with its
// entry, not to the merge.
func TestMergeOfBothSidesBringsTheStatus(t *testing.T) {
	testenv.NeedGit(t)
	r := newRepo(t)
	date := func(t time.Time) []string {
		d := t.Format(time.RFC3339)
		return []string{"GIT_AUTHOR_DATE=" + d, "GIT_COMMITTER_DATE=" + d}
	}
	t1, t2, t3 := t0.Add(24*time.Hour), t0.Add(25*time.Hour), t0.Add(26*time.Hour)
	r.Git("checkout", "-q", "-b", "feat")
	r.Write(path, strings.Replace(doc("Draft", entry{"Draft", t0, false}), "Slow.", "Slow at the checkout.", 1))
	r.GitEnv = date(t1)
	r.Git("commit", "-q", "-am", "edit on the branch")
	r.Git("checkout", "-q", "main")
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t2, false}))
	r.GitEnv = date(t2)
	r.Git("commit", "-q", "-am", "postmortem: checkout Draft -> In Review")
	r.Git("checkout", "-q", "feat")
	r.GitEnv = date(t3)
	r.Git("merge", "-q", "--no-edit", "main")
	if got := r.Read(path); !strings.Contains(got, "Slow at the checkout.") || !strings.Contains(got, "status: In Review") {
		t.Fatalf("the merge did not take both sides:\n%s", got)
	}
	r.Git("checkout", "-q", "main")
	r.Git("merge", "-q", "--ff-only", "feat")
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A squash merge of a branch on which pm moved an existing postmortem step by step (Draft → In
// Review → Reviewed) is one commit moving Draft → Reviewed: its entries are the branch's, made
// before it, the same day or days before; nothing is reported, and the step between is counted as
// unchecked.
func TestSquashOfSeveralMoves(t *testing.T) {
	for _, later := range []time.Duration{time.Hour, 72 * time.Hour} {
		r := newRepo(t)
		t1, t2 := t0.Add(48*time.Hour), t0.Add(49*time.Hour)
		r.Write(path, doc("Reviewed", entry{"Draft", t0, false}, entry{"In Review", t1, false}, entry{"Reviewed", t2, false}))
		r.Commit("Squash PR #12", t2.Add(later), path)
		out, errOut, code := run(t, r)
		if code != 0 || out != "" || !strings.Contains(errOut, "pm: 1 status_history entry of steps a commit moved the status through at once") {
			t.Errorf("squashed %v later: exit %d, stdout %q, stderr %q", later, code, out, errOut)
		}
	}
	// a step's entry dated after the commit is no part of it: reported
	r := newRepo(t)
	t1 := t0.Add(48 * time.Hour)
	r.Write(path, doc("Reviewed", entry{"Draft", t0, false}, entry{"In Review", t1.Add(96 * time.Hour), false}, entry{"Reviewed", t1, false}))
	r.Commit("by hand", t1, path)
	if out, _, code := run(t, r); code != 1 || !strings.Contains(out, "no commit changed the status to In Review") {
		t.Errorf("an entry after the commit: exit %d, stdout %q", code, out)
	}
}

// The status itself written by hand as "in-review" is the move to In Review (pm lint reads it so,
// and offers the spelling as a fix): the commit that writes it is the move, and the one that later
// corrects the spelling is none.
func TestStatusSpelledByHandIsTheMove(t *testing.T) {
	r := newRepo(t)
	t1 := t0.Add(26 * time.Hour)
	r.Write(path, doc("in-review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	r.Commit("in review by hand", t1, path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("the status spelled by hand: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	r.Commit("pm lint --fix", t1.Add(48*time.Hour), path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("the spelling corrected: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A postmortem over 8 MiB is skipped, as every other command skips it.
func TestOverTheSizeLimitIsSkipped(t *testing.T) {
	r := newRepo(t)
	r.Write(path, doc("Draft", entry{"Draft", t0, false})+strings.Repeat("padding line of text\n", 9<<20/21))
	r.Commit("big", t0.Add(time.Hour), path)
	out, errOut, code := run(t, r, "--format", "json")
	if code != 0 || !strings.Contains(out, `"skipped": [`) || !strings.Contains(out, "2026-11-19-checkout.md") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// After a rebase, the commit that added the file keeps its author date and gets a later committer
// date: an entry dated between the two is after the file was added, and is checked.
func TestRebasedCreationStillChecksLaterEntries(t *testing.T) {
	testenv.NeedGit(t)
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	rebased := t0.Add(20 * 24 * time.Hour)
	dates := func(authored time.Time) []string {
		return []string{"GIT_AUTHOR_DATE=" + authored.Format(time.RFC3339), "GIT_COMMITTER_DATE=" + rebased.Format(time.RFC3339)}
	}
	r.Write(".pm.yaml", "dir: postmortems\n")
	r.Write(path, doc("Draft", entry{"Draft", t0, false}))
	r.GitEnv = dates(t0)
	r.Git("add", ".")
	r.Git("commit", "-q", "-m", "postmortem: new checkout")
	fake := t0.Add(72 * time.Hour)
	r.Write(path, doc("Draft", entry{"Draft", t0, false}, entry{"Reviewed", fake, false}))
	r.GitEnv = dates(t0.Add(96 * time.Hour))
	r.Git("commit", "-q", "-am", "an entry no move made")
	out, errOut, code := run(t, r)
	want := path + ": status_history entry Reviewed at 2026-11-23T09:00:00Z by Aiko Sato: no commit changed the status to Reviewed within 24h0m0s of it\n"
	if code != 1 || out != want || strings.Contains(errOut, "not checked") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and:\n%s", code, out, errOut, want)
	}
}

// A merge that brings the file from the branch that added it (the first parent has none) and edits
// its status in the merge made a move: it is compared with the parent that has the file.
func TestMergeEditsAFileOnlyTheBranchHas(t *testing.T) {
	testenv.NeedGit(t)
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	date := func(t time.Time) []string {
		d := t.Format(time.RFC3339)
		return []string{"GIT_AUTHOR_DATE=" + d, "GIT_COMMITTER_DATE=" + d}
	}
	r.Write(".pm.yaml", "dir: postmortems\n")
	r.GitEnv = date(t0.Add(-time.Hour))
	r.Git("add", ".")
	r.Git("commit", "-q", "-m", "init")
	r.Git("checkout", "-q", "-b", "feat")
	r.Write(path, doc("Draft", entry{"Draft", t0, false}))
	r.GitEnv = date(t0)
	r.Git("add", ".")
	r.Git("commit", "-q", "-m", "postmortem: new checkout")
	r.Git("checkout", "-q", "main")
	r.Write("other.txt", "other\n")
	r.Git("add", ".")
	r.Git("commit", "-q", "-m", "other")
	r.GitEnv = date(t0.Add(5 * 24 * time.Hour))
	r.Git("merge", "-q", "--no-commit", "feat")
	r.Write(path, doc("Closed", entry{"Draft", t0, false}))
	r.Git("add", path)
	r.Git("commit", "-q", "-m", "merge feat")
	merge := r.Git("rev-parse", "HEAD")
	out, errOut, code := run(t, r)
	want := path + ": commit " + merge[:7] + " (2026-11-25 09:00, Aiko Sato) changed status Draft → Closed without a status_history entry\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and:\n%s", code, out, errOut, want)
	}
}

// A status edited in the commit that moves the file into the folder from outside it (the folder
// itself renamed in .pm.yaml, or git mv from another folder) is a move like any other: reported.
func TestMoveIntoTheFolderWithAStatusEdited(t *testing.T) {
	t1 := t0.Add(26 * time.Hour)
	inReview := doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false})
	closed := doc("Closed", entry{"Draft", t0, false}, entry{"In Review", t1, false})
	for _, tc := range []struct {
		name, from, dir string
	}{
		{"the folder renamed", path, "docs/pm"},
		{"git mv from another folder", "drafts/2026-11-19-checkout.md", "postmortems"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
			r.Write(".pm.yaml", "dir: postmortems\n")
			r.Write(tc.from, doc("Draft", entry{"Draft", t0, false}))
			r.Commit("postmortem: new checkout", t0, ".pm.yaml", tc.from)
			r.Write(tc.from, inReview)
			r.Commit("postmortem: checkout Draft -> In Review", t1, tc.from)
			to := tc.dir + "/2026-11-19-checkout.md"
			if err := os.Remove(filepath.Join(r.Dir, tc.from)); err != nil { // moved: git mv
				t.Fatal(err)
			}
			r.Write(to, closed)
			r.Write(".pm.yaml", "dir: "+tc.dir+"\n")
			h := r.Commit("move", t1.Add(48*time.Hour), ".pm.yaml", tc.from, to)
			out, errOut, code := run(t, r)
			want := to + ": commit " + h[:7] + " (2026-11-23 11:00, Aiko Sato) changed status In Review → Closed without a status_history entry\n"
			if code != 1 || out != want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and:\n%s", code, out, errOut, want)
			}
		})
	}
}

// Two postmortems created at the same time by the same person (the same first entry), one moved to
// In Review, are both moved to another folder: each is paired with itself (the same content, else
// the most alike), not with the other, and nothing is reported.
func TestMoveOfTwinPostmortems(t *testing.T) {
	for _, edited := range []bool{false, true} {
		r := newRepo(t)
		twin := "postmortems/2026-11-19-search.md"
		search := strings.Replace(doc("Draft", entry{"Draft", t0, false}), "Checkout latency", "Search errors", -1)
		r.Write(twin, search)
		r.Commit("postmortem: new search", t0, twin)
		t1 := t0.Add(26 * time.Hour)
		checkout := doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false})
		r.Write(path, checkout)
		r.Commit("postmortem: checkout Draft -> In Review", t1, path)
		var paths []string
		for p, content := range map[string]string{path: checkout, twin: search} {
			if err := os.Remove(filepath.Join(r.Dir, p)); err != nil {
				t.Fatal(err)
			}
			if edited {
				content = strings.Replace(content, "## Summary", "## Summary\n\nFiled by year.", 1)
			}
			to := strings.Replace(p, "postmortems/", "postmortems/2026/", 1)
			r.Write(to, content)
			paths = append(paths, p, to)
		}
		r.Commit("file by year", t1.Add(96*time.Hour), paths...)
		if out, errOut, code := run(t, r); code != 0 || out != "" {
			t.Errorf("edited %v: exit %d, stdout %q, stderr %q; want nothing reported", edited, code, out, errOut)
		}
	}
}

// A typo in the status and its fix committed within one second are taken in the order git made
// them (the parent first): no move. A status pm cannot read is shown as written, never as "?".
func TestTypoFixedInTheSameSecond(t *testing.T) {
	r := newRepo(t)
	draft := doc("Draft", entry{"Draft", t0, false})
	t1 := t0.Add(72 * time.Hour)
	r.Write(path, strings.Replace(draft, "status: Draft\n", "status: Drfat\n", 1))
	r.Commit("typo", t1, path)
	r.Write(path, draft)
	r.Commit("fix", t1, path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("typo and fix in one second: exit %d, stdout %q, stderr %q; want nothing reported", code, out, errOut)
	}
	// added with a status pm cannot read, then given one by hand
	const other = "postmortems/2026-11-18-search.md"
	r.Write(other, doc("Drfat"))
	r.Commit("search", t1, other)
	r.Write(other, doc("In Review"))
	h := r.Commit("search ready", t1.Add(time.Hour), other)
	out, _, code := run(t, r)
	want := other + ": commit " + h[:7] + " (2026-11-23 10:00, Aiko Sato) changed status Drfat → In Review without a status_history entry\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout %q; want exit 1 and:\n%s", code, out, want)
	}
	out, _, _ = run(t, r, "--format", "json")
	if !strings.Contains(out, `"from": "Drfat"`) || strings.Contains(out, `"?"`) {
		t.Errorf("JSON:\n%s", out)
	}
}

// A postmortem removed and another added later at its path: the new one's history starts at its
// add, the old one's moves are none of its own. The same postmortem put back (the same first entry)
// with another status: its add is a move from the status it had when removed.
func TestAddedAgainAfterARemoval(t *testing.T) {
	setup := func() (*testrepo.Repo, string) {
		r := newRepo(t)
		r.Write("postmortems/.gitkeep", "")
		r.Commit("keep", t0, "postmortems/.gitkeep")
		t1 := t0.Add(24 * time.Hour)
		inReview := doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false})
		r.Write(path, inReview)
		r.Commit("postmortem: checkout Draft -> In Review", t1, path)
		if err := os.Remove(filepath.Join(r.Dir, path)); err != nil {
			t.Fatal(err)
		}
		r.Commit("remove: duplicate", t1.Add(24*time.Hour), path)
		return r, inReview
	}
	r, _ := setup()
	t2 := t0.Add(15 * 24 * time.Hour)
	r.Write(path, doc("Draft", entry{"Draft", t2, false}))
	r.Commit("postmortem: new checkout", t2, path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("another postmortem at the path: exit %d, stdout %q, stderr %q; want nothing reported", code, out, errOut)
	}
	r, inReview := setup()
	r.Write(path, strings.Replace(inReview, "status: In Review", "status: Closed", 1))
	h := r.Commit("restore", t0.Add(5*24*time.Hour), path)
	out, errOut, code := run(t, r)
	want := path + ": commit " + h[:7] + " (2026-11-25 09:00, Aiko Sato) changed status In Review → Closed without a status_history entry\n"
	if code != 1 || out != want {
		t.Errorf("the same postmortem put back: exit %d, stdout %q, stderr %q; want exit 1 and:\n%s", code, out, errOut, want)
	}
	// put back as it was: no move
	r, inReview = setup()
	r.Write(path, inReview)
	r.Commit("restore", t0.Add(5*24*time.Hour), path)
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("put back as it was: exit %d, stdout %q, stderr %q; want nothing reported", code, out, errOut)
	}
}

// A move cherry-picked onto main, and the branch it was picked from merged later: one move (the
// same author and author date) made by two commits, with its one entry; nothing is reported.
func TestCherryPickThenMerge(t *testing.T) {
	testenv.NeedGit(t)
	r := newRepo(t)
	date := func(t time.Time) []string {
		d := t.Format(time.RFC3339)
		return []string{"GIT_AUTHOR_DATE=" + d, "GIT_COMMITTER_DATE=" + d}
	}
	t1 := t0.Add(24 * time.Hour)
	r.Git("checkout", "-q", "-b", "hotfix")
	r.Write(path, doc("In Review", entry{"Draft", t0, false}, entry{"In Review", t1, false}))
	r.GitEnv = date(t1)
	r.Git("commit", "-q", "-am", "postmortem: checkout Draft -> In Review")
	r.Git("checkout", "-q", "main")
	r.GitEnv = date(t1.Add(7 * 24 * time.Hour))
	r.Git("cherry-pick", "hotfix")
	r.Git("merge", "-q", "--no-ff", "-m", "merge hotfix", "hotfix")
	if out, errOut, code := run(t, r); code != 0 || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want nothing reported", code, out, errOut)
	}
}

// The tolerance in a Japanese message is hours or minutes in Japanese, not Go's 24h0m0s; English
// keeps Go's form, the one --tolerance takes.
func TestToleranceInJapanese(t *testing.T) {
	for d, want := range map[time.Duration]string{24 * time.Hour: "24 時間", 90 * time.Minute: "90 分", 90 * time.Second: "1m30s"} {
		if got := toleranceIn(i18n.JA, d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	if got := toleranceIn(i18n.EN, 24*time.Hour); got != "24h0m0s" {
		t.Errorf("en: %q", got)
	}
	if got := i18n.JA.T("audit.no-commit", "Reviewed", "2026-11-23T09:00:00Z", "佐藤 愛子", "Reviewed", toleranceIn(i18n.JA, 24*time.Hour)); !strings.Contains(got, "その前後 24 時間以内に") {
		t.Errorf("ja: %q", got)
	}
	if got := i18n.JA.T("audit.before-added", i18n.JA.N("n.history-entry", 2)); !strings.Contains(got, "項目 2 件は確認していません") {
		t.Errorf("ja: %q", got)
	}
}
