package gitrepo

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

func TestCommitOnlyFirstCommit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("pm/2026-11-20-outage.md", "# Outage\n")
	h := f.commit("Add outage postmortem\n\nBody line.  ", "pm/2026-11-20-outage.md")
	if len(h) != 40 {
		t.Fatalf("hash %q is not 40 hex digits", h)
	}
	data, ok, err := f.repo.HeadFile("pm/2026-11-20-outage.md")
	mustNoErr(t, err)
	if !ok || string(data) != "# Outage\n" {
		t.Fatalf("HeadFile = %q, %v", data, ok)
	}

	// git fsck --strict found the commit and reflogs sound: their fields are read from the files.
	f.judge(f.root, "pm/2026-11-20-outage.md")
	gitDir := filepath.Join(f.root, ".git")
	if got := refHash(t, gitDir, "HEAD"); got != h {
		t.Errorf("HEAD = %s, want %s", got, h)
	}
	commit := headCommitOf(t, gitDir)
	if !strings.HasSuffix(commit, "\n\nAdd outage postmortem\n\nBody line.\n") {
		t.Errorf("commit object:\n%s\nwant message cleaned up, ending in one newline", commit)
	}
	if got := header(commit, "author") + "|" + header(commit, "committer"); got != "Author <author@example.com> 1795136400 +0900|Committer <committer@example.com> 1795136400 +0900" {
		t.Errorf("signatures = %q", got)
	}
	if got := readReflog(t, gitDir); got != h+" commit (initial): Add outage postmortem" {
		t.Errorf("reflog HEAD = %q", got)
	}
	if got := readLog(t, filepath.Join(gitDir, "logs", "refs", "heads", "master")); got != h+" commit (initial): Add outage postmortem" {
		t.Errorf("reflog master = %q", got)
	}
}

func TestCommitOnlyLeavesOtherStagedChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("README.md", "readme\n")
	f.write("pm/a.md", "v1\n")
	f.commit("base", "README.md", "pm/a.md")

	// The user stages unrelated work and an older version of pm/a.md.
	f.write("README.md", "readme edited and staged\n")
	f.write("notes.txt", "new and staged\n")
	f.write("pm/a.md", "v2 staged\n")
	f.stage("README.md", "notes.txt", "pm/a.md")
	f.write("pm/a.md", "v3 in the work tree\n")

	h := f.commit("update a", "pm/a.md")
	data, _, err := f.repo.HeadFile("pm/a.md")
	mustNoErr(t, err)
	if string(data) != "v3 in the work tree\n" {
		t.Errorf("committed %q, want the work-tree content", data)
	}
	readme, _, err := f.repo.HeadFile("README.md")
	mustNoErr(t, err)
	if string(readme) != "readme\n" {
		t.Errorf("README.md at HEAD = %q: staged work leaked into the commit", readme)
	}
	staged, err := f.repo.StagedFiles(nil)
	mustNoErr(t, err)
	if got := filePaths(staged); got != "README.md notes.txt" {
		t.Errorf("still staged = %q, want README.md notes.txt", got)
	}

	f.judge(f.root, "pm/a.md")
	if got := f.git(f.root, "log", "-1", "--name-only", "--format="); got != "pm/a.md" {
		t.Errorf("commit touches %q, want only pm/a.md", got)
	}
	if got := f.git(f.root, "diff", "--cached", "--name-only"); got != "README.md\nnotes.txt" {
		t.Errorf("git diff --cached = %q, want README.md and notes.txt still staged", got)
	}
	if got, _, _ := strings.Cut(readReflog(t, filepath.Join(f.root, ".git")), "\n"); got != h+" commit: update a" {
		t.Errorf("reflog = %q", got)
	}
}

func TestCommitOnlyNestedNewDirectoryAndSorting(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Names around "a/" that git orders differently from plain byte order.
	for _, p := range []string{"a-b", "a.txt", "a/x.md", "a0", "b/c/d.md"} {
		f.write(p, p+"\n")
	}
	f.commit("base", "a-b", "a.txt", "a/x.md", "a0", "b/c/d.md")
	f.write("a/new/deep/file.md", "deep\n")
	f.write("a/x.md", "changed\n")
	f.commit("two paths", "a/new/deep/file.md", "a/x.md")

	for p, want := range map[string]string{"a/new/deep/file.md": "deep\n", "a/x.md": "changed\n", "b/c/d.md": "b/c/d.md\n", "a-b": "a-b\n"} {
		data, ok, err := f.repo.HeadFile(p)
		mustNoErr(t, err)
		if !ok || string(data) != want {
			t.Errorf("HeadFile(%s) = %q, %v; want %q", p, data, ok, want)
		}
	}
	f.judge(f.root, "a/new/deep/file.md", "a/x.md")
	if got := f.git(f.root, "log", "-1", "--name-only", "--format="); got != "a/new/deep/file.md\na/x.md" {
		t.Errorf("commit touches %q", got)
	}
	if got := f.git(f.root, "status", "--porcelain"); got != "" {
		t.Errorf("status = %q, want clean", got)
	}
}

// A backslash is part of a file's name outside Windows, to git as to the file system: pm commits
// pm/a\b.md as that file, not as b.md in a folder a that does not exist.
func TestCommitOnlyBackslashInName(t *testing.T) {
	if filepath.Separator == '\\' {
		t.Skip("a backslash separates folders on Windows")
	}
	t.Parallel()
	f := newFixture(t)
	f.write("README.md", "readme\n")
	f.commit("base", "README.md")
	f.write(`pm/a\b.md`, "v1\n")
	f.commit("add", `pm/a\b.md`)
	f.write(`pm/a\b.md`, "v2\n")
	f.commit("update", `pm/a\b.md`)
	data, ok, err := f.repo.HeadFile(`pm/a\b.md`)
	mustNoErr(t, err)
	if !ok || string(data) != "v2\n" {
		t.Errorf("HeadFile = %q, %v; want v2", data, ok)
	}
	f.judge(f.root, `pm/a\b.md`)
	if got := f.git(f.root, "ls-files", "-z"); got != "README.md\x00pm/a\\b.md\x00" {
		t.Errorf("git ls-files = %q", got)
	}
	if got := f.git(f.root, "status", "--porcelain"); got != "" {
		t.Errorf("status = %q, want clean", got)
	}
}

func TestCommitOnlyUpdateExecutableAndDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("run.sh", "#!/bin/sh\n")
	mustNoErr(t, os.Chmod(filepath.Join(f.root, "run.sh"), 0o755))
	f.write("old.md", "old\n")
	f.write("keep.md", "keep\n")
	f.commit("base", "run.sh", "old.md", "keep.md")

	f.write("keep.md", "keep, updated\n")
	mustNoErr(t, os.Remove(filepath.Join(f.root, "old.md")))
	f.commit("update and delete", "keep.md", "old.md")
	if _, ok, _ := f.repo.HeadFile("old.md"); ok {
		t.Error("old.md still at HEAD after committing its removal")
	}
	f.judge(f.root, "keep.md", "old.md", "run.sh")
	if got := indexLine(t, f.root, "run.sh"); !strings.HasPrefix(got, "H 100755 ") {
		t.Errorf("run.sh mode = %q, want 100755", got)
	}
	if got := f.git(f.root, "log", "-1", "--name-status", "--format="); got != "M\tkeep.md\nD\told.md" {
		t.Errorf("commit changes = %q", got)
	}
}

func TestCommitOnlyNothingToCommit(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	_, err := f.repo.CommitOnly([]string{"a.md"}, "again", sig("A"), sig("C"))
	wantErr(t, err, ErrNothingToCommit)
	if exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
		t.Error("index.lock left behind")
	}
}

func TestCommitOnlyBadInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.write("dir/b.md", "b\n")
	for _, tc := range []struct {
		name   string
		paths  []string
		msg    string
		author Signature
		want   error
	}{
		{"no paths", nil, "m", sig("A"), ErrBadPath},
		{"absolute", []string{"/etc/passwd"}, "m", sig("A"), ErrBadPath},
		{"dotdot", []string{"../x"}, "m", sig("A"), ErrBadPath},
		{"unclean", []string{"dir/../a.md"}, "m", sig("A"), ErrBadPath},
		{"inside .git", []string{".git/config"}, "m", sig("A"), ErrBadPath},
		{"directory", []string{"dir"}, "m", sig("A"), ErrBadPath},
		{"missing", []string{"nope.md"}, "m", sig("A"), ErrBadPath},
		{"empty message", []string{"a.md"}, " \n\n ", sig("A"), ErrEmptyMessage},
		{"no author email", []string{"a.md"}, "m", Signature{Name: "A", When: sig("A").When}, ErrNoIdentity},
		{"no author date", []string{"a.md"}, "m", Signature{Name: "A", Email: "a@x"}, ErrNoIdentity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.repo.CommitOnly(tc.paths, tc.msg, tc.author, sig("C"))
			wantErr(t, err, tc.want)
		})
	}
	if exists(filepath.Join(f.repo.GitDir(), "index")) || exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
		t.Error("a refused commit wrote the index or left its lock")
	}
}

// snapshot records what a refused commit must leave untouched.
type snapshot struct{ head, branch, index string }

func takeSnapshot(t *testing.T, f *fixture) snapshot {
	t.Helper()
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return string(b)
	}
	return snapshot{
		head:   read(filepath.Join(f.repo.GitDir(), "HEAD")),
		branch: read(filepath.Join(f.repo.CommonDir(), "refs", "heads", "master")),
		index:  read(filepath.Join(f.repo.GitDir(), "index")),
	}
}

// HEAD written "ref:refs/heads/master", without the space, names the branch to git: pm commits on it.
func TestCommitOnlyHeadWithoutSpace(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	mustNoErr(t, os.WriteFile(filepath.Join(f.repo.GitDir(), "HEAD"), []byte("ref:refs/heads/master\n"), 0o644))
	before := takeSnapshot(t, f).branch
	f.write("a.md", "changed\n")
	if _, err := f.repo.CommitOnly([]string{"a.md"}, "m", sig("A"), sig("C")); err != nil {
		t.Fatal(err)
	}
	if after := takeSnapshot(t, f).branch; after == before {
		t.Error("the branch did not move")
	}
}

func TestCommitOnlyRefusals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		setup   func(t *testing.T, f *fixture)
		want    error
		mention string
	}{
		{"detached HEAD", func(t *testing.T, f *fixture) {
			head, err := f.repo.head()
			mustNoErr(t, err)
			mustNoErr(t, f.repo.st.SetReference(plumbing.NewHashReference(plumbing.HEAD, head.Hash())))
		}, ErrDetachedHead, "git switch"},
		{"HEAD a symbolic ref to a symbolic ref", func(t *testing.T, f *fixture) {
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.CommonDir(), "refs", "heads", "alias"), []byte("ref: refs/heads/master\n"), 0o644))
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.GitDir(), "HEAD"), []byte("ref: refs/heads/alias\n"), 0o644))
		}, ErrUnsupported, "git symbolic-ref HEAD refs/heads/master"},
		{"replace refs", func(t *testing.T, f *fixture) {
			dir := filepath.Join(f.repo.CommonDir(), "refs", "replace")
			mustNoErr(t, os.MkdirAll(dir, 0o755))
			mustNoErr(t, os.WriteFile(filepath.Join(dir, strings.Repeat("1", 40)), []byte(strings.Repeat("2", 40)+"\n"), 0o644))
		}, ErrUnsupported, "GIT_NO_REPLACE_OBJECTS=1"},
		{"a packed-refs line git cannot read after the branch", func(t *testing.T, f *fixture) {
			head, err := os.ReadFile(filepath.Join(f.repo.CommonDir(), "refs", "heads", "master"))
			mustNoErr(t, err)
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.CommonDir(), "packed-refs"), []byte(strings.TrimSpace(string(head))+" refs/heads/other\ngarbage line\n"), 0o644))
		}, ErrUnsupported, "unexpected line in"},
		{"a packed-refs file with CRLF line ends", func(t *testing.T, f *fixture) {
			head, err := os.ReadFile(filepath.Join(f.repo.CommonDir(), "refs", "heads", "master"))
			mustNoErr(t, err)
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.CommonDir(), "packed-refs"), []byte(strings.TrimSpace(string(head))+" refs/heads/other\r\n"), 0o644))
		}, ErrUnsupported, "unexpected line in"},
		{"a loose ref git reads as broken", func(t *testing.T, f *fixture) {
			path := filepath.Join(f.repo.CommonDir(), "refs", "heads", "master")
			head, err := os.ReadFile(path)
			mustNoErr(t, err)
			mustNoErr(t, os.WriteFile(path, append([]byte(" "), head...), 0o644))
		}, ErrUnsupported, "is broken"},
		{"the branch in a packed-refs git cannot read", func(t *testing.T, f *fixture) {
			mustNoErr(t, os.Remove(filepath.Join(f.repo.CommonDir(), "refs", "heads", "master")))
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.CommonDir(), "packed-refs"), []byte("garbage line\n"), 0o644))
		}, ErrUnsupported, "unexpected line in"},
		{"index.lock", func(t *testing.T, f *fixture) {
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.GitDir(), "index.lock"), nil, 0o644))
		}, ErrIndexLocked, "index.lock exists: another git process may be running"},
		{"merge in progress", func(t *testing.T, f *fixture) {
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.GitDir(), "MERGE_HEAD"), []byte(strings.Repeat("1", 40)+"\n"), 0o644))
		}, ErrInProgress, "a merge is in progress"},
		{"cherry-pick in progress", func(t *testing.T, f *fixture) {
			mustNoErr(t, os.WriteFile(filepath.Join(f.repo.GitDir(), "CHERRY_PICK_HEAD"), []byte(strings.Repeat("1", 40)+"\n"), 0o644))
		}, ErrInProgress, "cherry-pick"},
		{"rebase in progress", func(t *testing.T, f *fixture) {
			mustNoErr(t, os.MkdirAll(filepath.Join(f.repo.GitDir(), "rebase-merge"), 0o755))
		}, ErrInProgress, "rebase"},
		{"gpgsign in repo config", func(t *testing.T, f *fixture) {
			appendFile(t, filepath.Join(f.repo.CommonDir(), "config"), "[commit]\n\tgpgsign = true\n")
		}, ErrSigningRequired, "commit.gpgsign is true and pm cannot sign commits"},
		{"core.bare", func(t *testing.T, f *fixture) {
			appendFile(t, filepath.Join(f.repo.CommonDir(), "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n") // git honours core.bare only with a format version
		}, ErrBare, "pm needs a work tree"},
		{"gpgsign in global config", func(t *testing.T, f *fixture) {
			appendFile(t, filepath.Join(f.home, ".gitconfig"), "[commit]\n\tgpgSign\n")
		}, ErrSigningRequired, "commit.gpgsign"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := pmBase(t)
			tc.setup(t, f)
			f.write("a.md", "changed\n")
			before := takeSnapshot(t, f)
			_, err := f.repo.CommitOnly([]string{"a.md"}, "m", sig("A"), sig("C"))
			wantErr(t, err, tc.want)
			if !strings.Contains(err.Error(), tc.mention) {
				t.Errorf("error %q does not mention %q", err, tc.mention)
			}
			// one clean line: the sentinel is for errors.Is, its words are not said again after it
			if strings.HasSuffix(err.Error(), ": "+tc.want.Error()) {
				t.Errorf("error %q ends with its sentinel's words", err)
			}
			if after := takeSnapshot(t, f); after != before {
				t.Errorf("refused commit changed HEAD, branch or index")
			}
			if tc.want != ErrIndexLocked && exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
				t.Error("index.lock left behind")
			}
			if tc.want == ErrIndexLocked && !exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
				t.Error("someone else's index.lock was removed")
			}
		})
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	mustNoErr(t, os.MkdirAll(filepath.Dir(name), 0o755))
	fh, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	mustNoErr(t, err)
	_, err = fh.WriteString(text)
	mustNoErr(t, err)
	mustNoErr(t, fh.Close())
}

func TestCommitOnlyBranchMovedIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("a.md", "a\n")
	first := f.commit("one", "a.md")
	f.write("a.md", "b\n")
	second := f.commit("two", "a.md")

	branch := plumbing.NewBranchReferenceName("master")
	cfg, err := f.repo.loadConfig(f.getenv)
	mustNoErr(t, err)
	err = f.repo.updateBranch(cfg, nil, refUpdate{branch: branch, old: plumbing.NewHash(first),
		new: plumbing.NewHash(strings.Repeat("ab", 20)), msg: "commit: x", committer: Signature{Name: "C", Email: "c@x"}})
	wantErr(t, err, ErrRaceHead)
	ref, err := f.repo.st.Reference(branch)
	mustNoErr(t, err)
	if ref.Hash().String() != second {
		t.Errorf("branch = %s after a failed swap, want %s", ref.Hash(), second)
	}
	if exists(filepath.Join(f.repo.CommonDir(), "refs", "heads", "master.lock")) {
		t.Error("ref lock left behind")
	}

	// git's own ref lock makes pm back off rather than race.
	mustNoErr(t, os.WriteFile(filepath.Join(f.repo.CommonDir(), "refs", "heads", "master.lock"), nil, 0o644))
	f.write("a.md", "c\n")
	before := takeSnapshot(t, f)
	_, err = f.repo.CommitOnly([]string{"a.md"}, "three", sig("A"), sig("C"))
	wantErr(t, err, ErrRaceHead)
	if after := takeSnapshot(t, f); after != before {
		t.Error("commit refused by a ref lock changed HEAD, branch or index")
	}
	if exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
		t.Error("index.lock left behind")
	}
}

func TestCommitOnlyPackedBranch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.commit("one", "a.md")
	f.git(f.root, "pack-refs", "--all")
	f.write("a.md", "b\n")
	h := f.commit("two", "a.md")
	f.judge(f.root, "a.md")
	if got := refHash(t, filepath.Join(f.root, ".git"), "refs/heads/master"); got != h {
		t.Errorf("master = %s, want %s", got, h)
	}
}

func TestCommitOnlyLinkedWorktree(t *testing.T) {
	t.Parallel()
	f, base := pmBase(t)
	wt := filepath.Join(t.TempDir(), "wt")
	f.git(f.root, "worktree", "add", "-q", "-b", "feature", wt)

	r, err := OpenWithEnv(filepath.Join(wt), f.getenv)
	mustNoErr(t, err)
	if r.Root() != wt {
		t.Errorf("Root = %s, want %s", r.Root(), wt)
	}
	if r.GitDir() == r.CommonDir() {
		t.Errorf("linked worktree: GitDir %s should differ from CommonDir", r.GitDir())
	}
	writeFile(t, wt, "pm/b.md", "b\n")
	writeFile(t, wt, "staged.md", "staged\n")
	f.git(wt, "add", "staged.md")
	h, err := r.CommitOnly([]string{"pm/b.md"}, "in worktree", sig("A"), sig("C"))
	mustNoErr(t, err)

	f.judge(wt, "pm/b.md")
	if got := refHash(t, r.GitDir(), "HEAD"); got != h {
		t.Errorf("worktree HEAD = %s, want %s", got, h)
	}
	if got := refHash(t, filepath.Join(f.root, ".git"), "refs/heads/feature"); got != h {
		t.Errorf("main repository sees feature = %s, want %s", got, h)
	}
	if got := refHash(t, filepath.Join(f.root, ".git"), "refs/heads/master"); got != base {
		t.Errorf("master moved to %s", got)
	}
	if got := f.git(wt, "diff", "--cached", "--name-only"); got != "staged.md" {
		t.Errorf("worktree staged = %q, want staged.md", got)
	}
	if got, _, _ := strings.Cut(readReflog(t, r.GitDir()), "\n"); got != h+" commit: in worktree" {
		t.Errorf("worktree reflog = %q", got)
	}
	if got := f.git(f.root, "status", "--porcelain"); got != "" {
		t.Errorf("main work tree status = %q, want clean", got)
	}
}

func TestCommitOnlyMatchesGitCommitOnly(t *testing.T) {
	t.Parallel()
	// The same commit made by pm and by `git commit --only` has the same tree.
	f := newFixture(t)
	needGit(t)
	f.write("x/a.md", "a\n")
	f.write("y.md", "y\n")
	f.commit("base", "x/a.md", "y.md")
	f.write("x/b/c.md", "c\n")
	f.write("x/a.md", "a2\n")
	f.git(f.root, "add", "x/b/c.md")
	f.git(f.root, "commit", "-q", "--only", "-m", "by git", "--", "x/b/c.md", "x/a.md")
	gitTree := header(headCommitOf(t, filepath.Join(f.root, ".git")), "tree")
	f.git(f.root, "reset", "-q", "--soft", "HEAD~1")
	f.git(f.root, "reset", "-q", "--", "x/b/c.md")

	f.commit("by pm", "x/b/c.md", "x/a.md")
	f.judge(f.root, "x/b/c.md", "x/a.md")
	if got := header(headCommitOf(t, filepath.Join(f.root, ".git")), "tree"); got != gitTree {
		t.Errorf("pm tree %s, git tree %s", got, gitTree)
	}
}

func TestCommitOnlyIndexBytesUntouchedOnFailure(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	before, err := os.ReadFile(filepath.Join(f.repo.GitDir(), "index"))
	mustNoErr(t, err)
	_, err = f.repo.CommitOnly([]string{"missing.md"}, "m", sig("A"), sig("C"))
	wantErr(t, err, ErrBadPath)
	after, err := os.ReadFile(filepath.Join(f.repo.GitDir(), "index"))
	mustNoErr(t, err)
	if !bytes.Equal(before, after) {
		t.Error("a failed commit rewrote the index")
	}
}

func filePaths(fs []File) string {
	var ps []string
	for _, f := range fs {
		ps = append(ps, f.Path)
	}
	return strings.Join(ps, " ")
}

func TestCommitOnlyIndexFormats(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	f.write("a.md", "a\n")
	f.write("b/c.md", "c\n")
	f.commit("base", "a.md", "b/c.md")
	f.git(f.root, "update-index", "--index-version", "4")
	f.git(f.root, "update-index", "--untracked-cache")
	f.write("staged.md", "s\n")
	f.git(f.root, "add", "staged.md")
	f.write("b/c.md", "c2\n")
	f.write("b/d/e.md", "e\n")
	f.commit("v4 index", "b/c.md", "b/d/e.md")
	f.judge(f.root, "b/c.md", "b/d/e.md")
	if got := f.git(f.root, "diff", "--cached", "--name-only"); got != "staged.md" {
		t.Errorf("staged = %q", got)
	}
	if got := f.git(f.root, "status", "--porcelain"); got != "A  staged.md" {
		t.Errorf("status = %q", got)
	}

	f.git(f.root, "update-index", "--split-index")
	f.write("a.md", "a2\n")
	_, err := f.repo.CommitOnly([]string{"a.md"}, "split", sig("A"), sig("C"))
	if err == nil || !strings.Contains(err.Error(), "--no-split-index") {
		t.Errorf("split index: error %v, want advice to run git update-index --no-split-index", err)
	}
	if exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
		t.Error("index.lock left behind")
	}
}

func TestCommitOnlySymlink(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("target.md", "t\n")
	if err := os.Symlink("target.md", filepath.Join(f.root, "link.md")); err != nil {
		testenv.Skipf(t, "symlinks unavailable: %v", err)
	}
	f.commit("link", "target.md", "link.md")
	data, ok, err := f.repo.HeadFile("link.md")
	mustNoErr(t, err)
	if !ok || string(data) != "target.md" {
		t.Errorf("link blob = %q, %v; want the link target", data, ok)
	}
	f.judge(f.root, "link.md", "target.md")
	if got := indexLine(t, f.root, "link.md"); !strings.HasPrefix(got, "H 120000 ") {
		t.Errorf("link.md mode = %q, want 120000", got)
	}
}

// TestCommitOnlyRemovesMergeMessages: after a commit, as after git commit, the message and mode a
// merge or squash left (MERGE_MSG, MERGE_MODE, SQUASH_MSG, AUTO_MERGE) are gone; what says an
// operation is in progress is not pm's to remove (and refused before this point).
func TestCommitOnlyRemovesMergeMessages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("pm/a.md", "v1\n")
	f.commit("base", "pm/a.md")
	gitDir := filepath.Join(f.root, ".git")
	for _, name := range []string{"MERGE_MSG", "MERGE_MODE", "SQUASH_MSG", "AUTO_MERGE", "MERGE_RR", "BISECT_LOG"} {
		if err := os.WriteFile(filepath.Join(gitDir, name), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f.write("pm/a.md", "v2\n")
	f.commit("update a", "pm/a.md")
	for _, name := range []string{"MERGE_MSG", "MERGE_MODE", "SQUASH_MSG", "AUTO_MERGE"} {
		if _, err := os.Stat(filepath.Join(gitDir, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", name, err)
		}
	}
	for _, name := range []string{"MERGE_RR", "BISECT_LOG"} {
		if _, err := os.Stat(filepath.Join(gitDir, name)); err != nil {
			t.Errorf("%s, which git commit leaves, is gone: %v", name, err)
		}
	}
}

// TestCommitOnlyCaseFolded: with core.ignorecase, a path the index has in another case is refused,
// as git commit refuses it; committing it would put both spellings in the tree. The path in the
// index's own case commits.
func TestCommitOnlyCaseFolded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("pm/Incident.md", "v1\n")
	f.commit("base", "pm/Incident.md")
	f.git(f.root, "config", "core.ignorecase", "true")
	f.reopen()
	mustNoErr(t, os.Rename(filepath.Join(f.root, "pm", "Incident.md"), filepath.Join(f.root, "pm", "incident.md")))
	f.write("pm/incident.md", "v2\n")
	if out, err := f.gitErr(f.root, "commit", "-q", "--only", "-m", "git", "--", "pm/incident.md"); err == nil {
		t.Fatalf("git committed pm/incident.md:\n%s", out)
	}
	_, err := f.repo.CommitOnly([]string{"pm/incident.md"}, "pm", sig("A"), sig("C"))
	wantErr(t, err, ErrBadPath)
	if err != nil && !strings.Contains(err.Error(), "pm/Incident.md in the index") {
		t.Errorf("error: %v", err)
	}
	if got := f.git(f.root, "ls-tree", "-r", "--name-only", "HEAD"); got != "pm/Incident.md" {
		t.Errorf("HEAD holds %q", got)
	}
	// the index's spelling is the file (on a case-folding file system it is; here, the same bytes)
	f.write("pm/Incident.md", "v2\n")
	f.commit("in the index's case", "pm/Incident.md")
}

// TestCommitOnlyCaseFoldedFolder: with core.ignorecase, a new file in a folder the index spells in
// another case (postmortems/ for Postmortems/) is refused: git commit --only does not find it, git
// add would file it under the index's spelling, and committed as typed the tree would hold both.
// A folder the index has in both spellings, or in the path's own, commits.
func TestCommitOnlyCaseFoldedFolder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("Postmortems/old.md", "v1\n")
	f.commit("base", "Postmortems/old.md")
	f.git(f.root, "config", "core.ignorecase", "true")
	f.reopen()
	f.write("postmortems/new.md", "new\n")
	if out, err := f.gitErr(f.root, "commit", "-q", "--only", "-m", "git", "--", "postmortems/new.md"); err == nil {
		t.Fatalf("git committed postmortems/new.md:\n%s", out)
	}
	_, err := f.repo.CommitOnly([]string{"postmortems/new.md"}, "pm", sig("A"), sig("C"))
	wantErr(t, err, ErrBadPath)
	if err != nil && !strings.Contains(err.Error(), "the folder postmortems is Postmortems in the index") {
		t.Errorf("error: %v", err)
	}
	if got := f.git(f.root, "ls-tree", "-r", "--name-only", "HEAD"); got != "Postmortems/old.md" {
		t.Errorf("HEAD holds %q", got)
	}
	f.write("Postmortems/new.md", "new\n")
	f.commit("in the index's case", "Postmortems/new.md")
}

// Hooks get the files under the git directory as git names them: relative to the root when git
// found .git itself, absolute when GIT_DIR named it (git's own git_dir is then absolute).
func TestHookPathsFollowHowTheGitDirWasFound(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	msg := filepath.Join(f.root, ".git", "COMMIT_EDITMSG")
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{nil, filepath.Join(".git", "COMMIT_EDITMSG")},
		{map[string]string{"GIT_DIR": filepath.Join(f.root, ".git")}, msg},
	} {
		r, err := OpenWithEnv(f.root, func(k string) string { return c.env[k] })
		mustNoErr(t, err)
		tx, err := r.Begin(TxOptions{})
		mustNoErr(t, err)
		if got := tx.relToRoot(msg); got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
		tx.Abort()
	}
}

// Inside a repository's .git folder git has no work tree, and the repository is not bare: git says
// "this operation must be run in a work tree", and so does pm, once, without "bare repository".
func TestOpenInsideTheGitDirectory(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	gitDir := filepath.Join(f.root, ".git")
	out, gitErr := f.gitErr(gitDir, "commit", "-q", "--only", "-m", "m", "--", "a.md")
	if gitErr == nil || !strings.Contains(out, "this operation must be run in a work tree") {
		t.Fatalf("git commit in .git: %v, %s", gitErr, out)
	}
	_, err := OpenWithEnv(gitDir, f.getenv)
	wantErr(t, err, ErrNoWorkTree)
	if !errors.Is(err, ErrBare) {
		t.Errorf("error %v is not ErrBare, which callers take for no work tree", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "this operation must be run in a work tree: ") || strings.Contains(msg, "bare") {
		t.Errorf("error %q", msg)
	}
}

// The branch moved but the index could not be put in place (a full disk, say): the commit stands,
// and the command pm gives to recover sets only its own paths' entries to HEAD's. git's own advice,
// `git restore --staged :/`, would unstage everything else the user had staged too.
func TestCommitOnlyIndexNotWrittenAdvice(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("pm/a b's.md", "v1\n")
	f.write("notes.txt", "notes\n")
	f.commit("base", "pm/a b's.md", "notes.txt")
	f.write("notes.txt", "notes staged\n")
	f.stage("notes.txt")
	f.write("pm/a b's.md", "v2\n")
	// once the branch has moved, a folder takes the index's place: the rename of index.lock fails
	index := filepath.Join(f.repo.GitDir(), "index")
	hooks := filepath.Join(f.root, ".git", "hooks")
	mustNoErr(t, os.MkdirAll(hooks, 0o755))
	mustNoErr(t, os.WriteFile(filepath.Join(hooks, "reference-transaction"), []byte("#!/bin/sh\ncat >/dev/null\n"+
		"[ \"$1\" = committed ] || exit 0\nmv .git/index .git/index.saved && mkdir .git/index && touch .git/index/x\n"), 0o755))
	h, err := f.repo.CommitOnly([]string{"pm/a b's.md"}, "update", sig("Author"), sig("Committer"))
	if err == nil || h == "" {
		t.Fatalf("commit %q, %v: want the commit made and an error about the index", h, err)
	}
	_, cmd, ok := strings.Cut(err.Error(), "run `")
	cmd, _, ok2 := strings.Cut(cmd, "` to recover")
	if !ok || !ok2 {
		t.Fatalf("no recovery command for pm's path alone in %q", err)
	}
	os.Remove(filepath.Join(f.root, ".git", "hooks", "reference-transaction"))
	mustNoErr(t, os.RemoveAll(index))
	mustNoErr(t, os.Rename(index+".saved", index))
	// what the user runs, from a folder of the work tree
	sub := filepath.Join(f.root, "pm")
	sh := exec.Command("sh", "-c", cmd)
	sh.Dir, sh.Env = sub, gitEnv(f.home, f.gitEnv...)
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	if got := f.git(f.root, "status", "--porcelain"); got != "M  notes.txt" {
		t.Errorf("after %s: status %q, want notes.txt still staged and pm's file clean", cmd, got)
	}
}

// TestTreeName: an error about writing the root tree names it so, not as `tree ""`.
func TestTreeName(t *testing.T) {
	if got := treeName(""); got != "the root tree" {
		t.Errorf("root: %q", got)
	}
	if got := treeName("postmortems/2026"); got != `tree "postmortems/2026"` {
		t.Errorf("folder: %q", got)
	}
}
