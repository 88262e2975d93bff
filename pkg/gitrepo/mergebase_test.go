package gitrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeBaseLikeGit: MergeBase names the commit git merge-base names, in a history with a branch
// behind its base, one ahead, merges both ways, a criss-cross and an unrelated root; and none for
// unrelated histories.
func TestMergeBaseLikeGit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	gitWith := func(env []string, args ...string) {
		old := f.gitEnv
		f.gitEnv = append(append([]string(nil), old...), env...)
		f.git(f.root, args...)
		f.gitEnv = old
	}
	step := 0
	commit := func(msg string) {
		step++
		f.write("f.txt", strings.Repeat("x", step)+"\n")
		f.git(f.root, "add", "f.txt")
		// a second apart, as commits are: the walk goes by committer date
		env := "2026-11-01T10:00:" + string(rune('0'+step/10)) + string(rune('0'+step%10)) + "Z"
		gitWith([]string{"GIT_COMMITTER_DATE=" + env, "GIT_AUTHOR_DATE=" + env}, "commit", "-q", "-m", msg)
	}
	commit("base")
	f.git(f.root, "branch", "-M", "main")
	f.git(f.root, "switch", "-qc", "feature")
	commit("feature 1")
	f.git(f.root, "switch", "-q", "main")
	commit("main 1")
	commit("main 2")
	f.git(f.root, "switch", "-q", "feature")
	commit("feature 2")
	f.git(f.root, "switch", "-qc", "cross-a", "main")
	gitWith([]string{"GIT_COMMITTER_DATE=2026-11-01T10:00:40Z"}, "merge", "-q", "--no-edit", "-s", "ours", "feature")
	f.git(f.root, "switch", "-qc", "cross-b", "feature")
	gitWith([]string{"GIT_COMMITTER_DATE=2026-11-01T10:00:41Z"}, "merge", "-q", "--no-edit", "-s", "ours", "main")
	f.git(f.root, "switch", "-q", "--orphan", "unrelated")
	commit("unrelated root")
	for _, c := range []struct{ head, rev string }{
		{"feature", "main"}, {"main", "feature"}, {"feature", "feature~1"}, {"main", "main"},
		{"cross-a", "cross-b"}, {"cross-b", "cross-a"}, {"cross-a", "main"}, {"feature", "unrelated"}, {"unrelated", "main"},
	} {
		f.git(f.root, "switch", "-q", c.head)
		f.reopen()
		want, gitErr := f.gitErr(f.root, "merge-base", c.rev, "HEAD")
		want = strings.TrimSpace(want)
		got, ok, err := f.repo.MergeBase(c.rev)
		switch {
		case err != nil:
			t.Errorf("HEAD %s, %s: %v", c.head, c.rev, err)
		case gitErr != nil && ok:
			t.Errorf("HEAD %s, %s: git finds no merge base; MergeBase = %s", c.head, c.rev, got)
		case gitErr == nil && (!ok || got != want):
			if c.head == "cross-a" && c.rev == "cross-b" || c.head == "cross-b" && c.rev == "cross-a" {
				// a criss-cross has two merge bases; both are right, git prints one
				all := f.git(f.root, "merge-base", "--all", c.rev, "HEAD")
				if ok && strings.Contains(all, got) {
					continue
				}
			}
			t.Errorf("HEAD %s, %s: MergeBase = %s, %v; git merge-base %s", c.head, c.rev, got, ok, want)
		}
	}
}

// TestMergeBaseWithDatesOutOfOrder: a common commit committed with an older date than its parent
// (a rebase, imported history, a wrong clock) is reached after the parent; the parent, an ancestor
// of it, is not the merge base, as git's remove_redundant has it (pm took it, and blamed the branch
// for the base's changes between the two).
func TestMergeBaseWithDatesOutOfOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	commit := func(date, msg string) {
		old := f.gitEnv
		f.gitEnv = append(append([]string(nil), old...), "GIT_COMMITTER_DATE="+date, "GIT_AUTHOR_DATE="+date)
		f.git(f.root, "commit", "-q", "--allow-empty", "-m", msg)
		f.gitEnv = old
	}
	merge := func(date, rev string) {
		old := f.gitEnv
		f.gitEnv = append(append([]string(nil), old...), "GIT_COMMITTER_DATE="+date, "GIT_AUTHOR_DATE="+date)
		f.git(f.root, "merge", "-q", "--no-edit", rev)
		f.gitEnv = old
	}
	commit("2020-01-01T00:00:00Z", "A")
	f.git(f.root, "branch", "-M", "main")
	f.git(f.root, "branch", "a")
	commit("1990-01-01T00:00:00Z", "B")
	f.git(f.root, "branch", "b")
	f.git(f.root, "switch", "-qc", "p", "a")
	commit("2020-06-01T00:00:00Z", "P")
	f.git(f.root, "switch", "-qc", "q", "a")
	commit("2020-06-02T00:00:00Z", "Q")
	f.git(f.root, "switch", "-qc", "one", "b")
	commit("2021-01-01T00:00:00Z", "X1")
	merge("2021-02-01T00:00:00Z", "p")
	f.git(f.root, "switch", "-qc", "two", "b")
	commit("2021-01-01T00:00:00Z", "Y1")
	merge("2021-02-01T00:00:00Z", "q")
	f.git(f.root, "switch", "-q", "one")
	f.reopen()
	want := strings.TrimSpace(f.git(f.root, "merge-base", "two", "HEAD"))
	if b := strings.TrimSpace(f.git(f.root, "rev-parse", "b")); want != b {
		t.Fatalf("git merge-base %s, want B %s: the fixture is not the case", want, b)
	}
	if got, ok, err := f.repo.MergeBase("two"); err != nil || !ok || got != want {
		t.Errorf("MergeBase(two) = %s, %v, %v; git merge-base: %s (B)", got, ok, err, want)
	}
}

// TestOutsideCheckout: a file outside a cone sparse checkout is outside it, whether the index
// holds it as a skip-worktree entry or inside a sparse-directory entry; a file deleted in the work
// tree is not.
func TestOutsideCheckout(t *testing.T) {
	t.Parallel()
	for _, sparseIndex := range []bool{false, true} {
		f := newFixture(t)
		needGit(t)
		f.write("pm/keep/a.md", "a\n")
		f.write("pm/old/b.md", "b\n")
		f.write("pm/c.md", "c\n")
		f.git(f.root, "add", ".")
		f.git(f.root, "commit", "-q", "-m", "base")
		args := []string{"sparse-checkout", "set", "--cone"}
		if sparseIndex {
			args = append(args, "--sparse-index")
		}
		f.git(f.root, append(args, "pm/keep")...)
		f.reopen()
		os.Remove(filepath.Join(f.root, "pm", "keep", "a.md"))
		got, err := f.repo.OutsideCheckout([]string{"pm/keep/a.md", "pm/old/b.md", "pm/nothing.md"})
		mustNoErr(t, err)
		if !got["pm/old/b.md"] || got["pm/keep/a.md"] || got["pm/nothing.md"] || len(got) != 1 {
			t.Errorf("sparse index %v: OutsideCheckout = %v, want only pm/old/b.md", sparseIndex, got)
		}
	}
}

// TestChangedSinceOutsideTheCheckout: a file outside a sparse checkout that changed since rev is
// changed, as git diff rev lists it, and IndexFile reads it as git does.
// With a sparse index the folder outside the checkout is one entry, its tree: its changed and new
// files are listed all the same (they were left out, and a pull request's check passed unread).
func TestChangedSinceOutsideTheCheckout(t *testing.T) {
	t.Parallel()
	for _, sparseIndex := range []bool{false, true} {
		f := newFixture(t)
		needGit(t)
		f.write("pm/keep/a.md", "a\n")
		f.write("pm/old/b.md", "b\n")
		f.write("pm/old/deep/d.md", "d\n")
		f.write("pm/same/s.md", "s\n")
		f.git(f.root, "add", ".")
		f.git(f.root, "commit", "-q", "-m", "base")
		f.git(f.root, "branch", "base")
		f.write("pm/old/b.md", "b, changed on the branch\n")
		f.write("pm/old/deep/new.md", "new on the branch\n")
		f.git(f.root, "add", ".")
		f.git(f.root, "commit", "-q", "-m", "change")
		args := []string{"sparse-checkout", "set", "--cone"}
		if sparseIndex {
			args = append(args, "--sparse-index")
		}
		f.git(f.root, append(args, "pm/keep")...)
		f.reopen()
		if sparseIndex && !strings.Contains(f.git(f.root, "ls-files", "--sparse"), "pm/old/") {
			t.Fatal("git kept no sparse-directory entry")
		}
		if _, err := os.Stat(filepath.Join(f.root, "pm", "old", "b.md")); !os.IsNotExist(err) {
			t.Fatalf("pm/old/b.md is in the work tree: %v", err)
		}
		got, err := f.repo.ChangedSince("base", nil)
		mustNoErr(t, err)
		if want := f.git(f.root, "diff", "--name-only", "base"); strings.Join(got, "\n") != want || want != "pm/old/b.md\npm/old/deep/new.md" {
			t.Errorf("sparse index %v: ChangedSince(base) = %q; git diff --name-only base: %q", sparseIndex, got, want)
		}
		if got, err := f.repo.ChangedSince("base", nil, "pm/old/deep"); err != nil || strings.Join(got, ",") != "pm/old/deep/new.md" {
			t.Errorf("sparse index %v: in pm/old/deep: %q %v", sparseIndex, got, err)
		}
		for p, want := range map[string]string{"pm/old/b.md": "b, changed on the branch\n", "pm/old/deep/new.md": "new on the branch\n"} {
			data, ok, err := f.repo.IndexFile(p)
			if err != nil || !ok || string(data) != want {
				t.Errorf("sparse index %v: IndexFile(%s) = %q, %v, %v", sparseIndex, p, data, ok, err)
			}
		}
		if _, ok, err := f.repo.IndexFile("pm/old/none.md"); ok || err != nil {
			t.Errorf("sparse index %v: IndexFile of no file: %v %v", sparseIndex, ok, err)
		}
	}
}
