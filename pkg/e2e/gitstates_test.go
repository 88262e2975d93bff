package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

func (r *repo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) newPM(title string) (string, int) {
	return r.pm("new", "--sev", "1", "--title", title, "--date", "2026-11-20")
}

func TestEmptyRepositoryAndSubdirectory(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	if out, code := r.newPM("first"); code != 0 {
		t.Fatalf("empty repo: %d %s", code, out)
	}
	os.MkdirAll(filepath.Join(r.dir, "a", "b"), 0o755)
	sub := &repo{t: t, dir: filepath.Join(r.dir, "a", "b"), env: r.env}
	if out, code := sub.newPM("from below"); code != 0 || !strings.Contains(out, "../../postmortems/2026-11-20-from-below.md") {
		t.Fatalf("subdirectory: %d %s", code, out)
	}
	if r.git("rev-list", "--count", "HEAD") != "2" {
		t.Error("want two commits")
	}
	r.clean("postmortems")
}

func TestRefusedStates(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		setup func(r *repo)
		msg   string
	}{
		{"detached HEAD", func(r *repo) { r.git("checkout", "-q", "--detach") }, "detached"},
		{"merge in progress", func(r *repo) {
			r.git("checkout", "-q", "-b", "side")
			r.write("x.txt", "side\n")
			r.git("commit", "-qam", "side")
			r.git("checkout", "-q", "main")
			r.write("x.txt", "main\n")
			r.git("commit", "-qam", "main")
			r.run("git", "merge", "side") // conflicts
		}, "merge"},
		{"cherry-pick in progress", func(r *repo) {
			r.git("checkout", "-q", "-b", "side")
			r.write("x.txt", "side\n")
			r.git("commit", "-qam", "side")
			r.git("checkout", "-q", "main")
			r.write("x.txt", "main\n")
			r.git("commit", "-qam", "main")
			r.run("git", "cherry-pick", "side")
		}, "cherry-pick"},
		{"rebase in progress", func(r *repo) {
			r.git("checkout", "-q", "-b", "side")
			r.write("x.txt", "side\n")
			r.git("commit", "-qam", "side")
			r.git("checkout", "-q", "main")
			r.write("x.txt", "main\n")
			r.git("commit", "-qam", "main")
			r.git("checkout", "-q", "side")
			r.run("git", "rebase", "main")
		}, "rebase"},
		{"index.lock", func(r *repo) {
			os.WriteFile(filepath.Join(r.dir, ".git", "index.lock"), nil, 0o644)
			// The lock stays: pm refuses after its wait, which this test has no need to sit through.
			r.env = append(r.env, "PM_TEST_LOCK_WAIT=100ms")
		}, "lock"},
		{"signing required", func(r *repo) { r.git("config", "commit.gpgsign", "true") }, "sign"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The quick tier (see testenv.Full) tries one operation in progress of the three.
			if c.name == "cherry-pick in progress" || c.name == "rebase in progress" {
				testenv.Exhaustive(t)
			}
			t.Parallel()
			r := newRepo(t)
			r.write("x.txt", "base\n")
			r.git("add", "x.txt")
			r.git("commit", "-qm", "base")
			c.setup(r)
			head := r.git("rev-parse", "HEAD")
			out, code := r.newPM("refused")
			if code != 2 || !strings.Contains(strings.ToLower(out), c.msg) || strings.Count(strings.TrimSpace(out), "\n") > 0 {
				t.Errorf("exit %d, want 2 and one line mentioning %q:\n%s", code, c.msg, out)
			}
			if r.git("rev-parse", "HEAD") != head {
				t.Error("HEAD moved")
			}
			if _, err := os.Stat(filepath.Join(r.dir, "postmortems", "2026-11-20-refused.md")); err == nil {
				t.Error("file left behind")
			}
		})
	}
}

func TestBareRepository(t *testing.T) {
	t.Parallel()
	r := &repo{t: t, dir: t.TempDir(), env: env(t)}
	r.git("init", "-q", "--bare")
	if out, code := r.newPM("bare"); code != 2 || !strings.Contains(out, "bare") {
		t.Errorf("bare: exit %d %s", code, out)
	}
	// the commands that read the folder say why there is none, in one line (exit 2); so do those
	// that need the index or the work tree's hooks, not "not in a git repository"
	for _, args := range [][]string{{"status", "draft", "x"}, {"status"}, {"list"}, {"lint"}, {"stats"}, {"actions"},
		{"lint", "--staged"}, {"lint", "--changed-since", "HEAD"}, {"hook", "install"}, {"hook", "uninstall"}} {
		if out, code := r.pm(args...); code != 2 || !strings.Contains(out, "core.bare = true") || strings.Count(strings.TrimSpace(out), "\n") > 0 {
			t.Errorf("pm %v in a bare repository: exit %d\n%s", args, code, out)
		}
	}
}

func TestLinkedWorktree(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	wt := filepath.Join(t.TempDir(), "wt")
	r.git("worktree", "add", "-q", "-b", "wt-branch", wt)
	w := &repo{t: t, dir: wt, env: r.env}
	if out, code := w.newPM("in a worktree"); code != 0 {
		t.Fatalf("worktree: %d %s", code, out)
	}
	if got := r.git("log", "-1", "--format=%s", "wt-branch"); got != "postmortem: create 2026-11-20-in-a-worktree (SEV-1)" {
		t.Errorf("branch wt-branch: %q", got)
	}
	w.clean("postmortems")
	r.clean()
}

func TestAutoCRLFAndSparseCheckout(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.git("config", "core.autocrlf", "true")
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	if out, code := r.newPM("crlf"); code != 0 {
		t.Fatalf("autocrlf: %d %s", code, out)
	}
	r.clean("postmortems")
	if out, code := r.pm("status", "in-review", "crlf", "--force"); code != 0 {
		t.Fatalf("status with autocrlf: %d %s", code, out)
	}
	r.clean("postmortems")

	s := newRepo(t)
	s.write("docs/a.txt", "a\n")
	s.write("src/b.txt", "b\n")
	s.git("add", ".")
	s.git("commit", "-qm", "base")
	// Classic sparse checkout (core.sparseCheckout and info/sparse-checkout): files outside the
	// pattern carry the skip-worktree bit in the index, which pm must keep.
	s.git("config", "core.sparseCheckout", "true")
	s.write(".git/info/sparse-checkout", "/docs/\n/postmortems/\n")
	s.git("read-tree", "-mu", "HEAD")
	if _, err := os.Stat(filepath.Join(s.dir, "src", "b.txt")); err == nil {
		testenv.Skip(t, "sparse checkout did not apply")
	}
	if out, code := s.newPM("sparse"); code != 0 {
		t.Fatalf("sparse checkout: %d %s", code, out)
	}
	s.clean("postmortems")
	if got := s.git("ls-files", "-v"); !strings.Contains(got, "S src/b.txt") {
		t.Errorf("sparse: skip-worktree entry lost from the index: %s", got)
	}
	if st := s.git("status", "--porcelain"); st != "" {
		t.Errorf("sparse: git status after pm new: %s", st)
	}
}

// skipWorktree is what git lists as skip-worktree (ls-files -v tag S).
func (r *repo) skipWorktree() string {
	var out []string
	for _, l := range strings.Split(r.git("ls-files", "-v"), "\n") {
		if strings.HasPrefix(l, "S ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestConeSparseCheckout runs pm in a work tree made sparse by `git sparse-checkout set` (cone mode),
// which turns on extensions.worktreeConfig and writes .git/config.worktree. pm's commits must leave
// git status clean for pm's files, every other entry's skip-worktree bit and the user's staged change
// as they were, and git fsck --strict clean. A postmortem folder outside the cone is refused as git add
// refuses it, and so is a sparse index, each with one line saying why and what to run.
func TestConeSparseCheckout(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write("docs/a.txt", "a\n")
	r.write("src/b.txt", "b\n")
	r.write("postmortems/old.md", "old\n")
	r.git("add", ".")
	r.git("commit", "-qm", "base")
	if out, err := r.run("git", "sparse-checkout", "set", "docs", "postmortems"); err != nil {
		testenv.Skipf(t, "git sparse-checkout: %v %s", err, out)
	}
	if got := r.git("config", "--get", "extensions.worktreeConfig"); got != "true" {
		t.Fatalf("extensions.worktreeConfig = %q", got)
	}
	r.write("docs/a.txt", "staged\n")
	r.git("add", "docs/a.txt")
	skipped := r.skipWorktree()
	if skipped != "S src/b.txt" {
		t.Fatalf("setup: %q", skipped)
	}
	check := func(what string) {
		t.Helper()
		r.clean("postmortems")
		if got := r.skipWorktree(); got != skipped {
			t.Errorf("%s: skip-worktree entries %q, want %q", what, got, skipped)
		}
		if got := r.git("status", "--porcelain"); got != "M  docs/a.txt" {
			t.Errorf("%s: git status %q, want only the user's staged change", what, got)
		}
		if got := r.git("show", ":docs/a.txt"); got != "staged" {
			t.Errorf("%s: staged content %q", what, got)
		}
	}

	if out, code := r.newPM("cone"); code != 0 {
		t.Fatalf("pm new: %d %s", code, out)
	}
	check("pm new")
	if got := r.git("log", "-1", "--name-only", "--format=%s"); got != "postmortem: create 2026-11-20-cone (SEV-1)\n\npostmortems/2026-11-20-cone.md" {
		t.Errorf("commit: %q", got)
	}
	if out, code := r.pm("status", "in-review", "cone", "--force"); code != 0 {
		t.Fatalf("pm status: %d %s", code, out)
	}
	check("pm status")
	if got := r.git("rev-list", "--count", "HEAD"); got != "3" {
		t.Errorf("%s commits, want 3", got)
	}

	// The postmortem folder outside the cone: refused, nothing left behind.
	r.git("sparse-checkout", "set", "docs")
	head := r.git("rev-parse", "HEAD")
	out, code := r.newPM("outside")
	if code != 2 || !strings.Contains(out, "outside the sparse-checkout definition") || !strings.Contains(out, "git sparse-checkout add postmortems") ||
		strings.Count(strings.TrimSpace(out), "\n") > 0 {
		t.Errorf("outside the cone: exit %d, want 2 and one line with the way out:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "postmortems")); err == nil {
		t.Error("pm left the postmortem folder behind outside the cone")
	}
	if r.git("rev-parse", "HEAD") != head || r.git("status", "--porcelain") != "M  docs/a.txt" {
		t.Error("a refused pm new changed HEAD or git status")
	}
	r.git("sparse-checkout", "set", "docs", "postmortems")

	// A sparse index (folders outside the cone kept as single entries): pm commits in it as git
	// does, and the index stays sparse.
	r.git("sparse-checkout", "set", "--sparse-index", "docs", "postmortems")
	if !strings.Contains(r.git("ls-files", "-v", "--sparse"), "S src/") {
		testenv.Skip(t, "git did not make a sparse index")
	}
	if out, code := r.pm("status", "reviewed", "cone", "--force"); code != 0 {
		t.Fatalf("sparse index: %d %s", code, out)
	}
	if !strings.Contains(r.git("ls-files", "-v", "--sparse"), "S src/") {
		t.Error("pm's commit expanded the sparse index")
	}
	check("with a sparse index")
	// Reading works there too: a pre-commit hook's pm lint --staged, and pm lint --changed-since,
	// find the staged postmortem.
	r.write("postmortems/staged.md", "---\ntitle: [\n---\n")
	r.git("add", "postmortems/staged.md")
	for _, args := range [][]string{{"lint", "--staged"}, {"lint", "--changed-since", "HEAD"}} {
		if out, code := r.pm(args...); code != 1 || !strings.Contains(out, "postmortems/staged.md:") {
			t.Errorf("pm %v with a sparse index: exit %d, want 1 with the staged file's findings:\n%s", args, code, out)
		}
	}
	r.git("rm", "-q", "--cached", "postmortems/staged.md")
	os.Remove(filepath.Join(r.dir, "postmortems", "staged.md"))
	r.git("sparse-checkout", "reapply", "--no-sparse-index")
	if out, code := r.pm("status", "closed", "cone", "--force"); code != 0 {
		t.Fatalf("after reapply --no-sparse-index: %d %s", code, out)
	}
	check("after reapply")
}

// TestFolderOutsideSparseCheckout: the postmortem folder is in the repository but left out of the
// sparse checkout. The commands that read it say so, with the command that adds it (relative to
// where pm runs, as git sparse-checkout reads it), rather than "run pm init", which refuses to write
// there; with a sparse index too. A folder that is nowhere is still told to pm init.
func TestFolderOutsideSparseCheckout(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write("docs/a.txt", "a\n")
	r.git("add", ".")
	r.git("commit", "-qm", "base")
	if out, code := r.newPM("sparse"); code != 0 {
		t.Fatalf("pm new: %d %s", code, out)
	}
	if out, err := r.run("git", "sparse-checkout", "set", "docs"); err != nil {
		testenv.Skipf(t, "git sparse-checkout: %v %s", err, out)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "postmortems")); err == nil {
		testenv.Skip(t, "git sparse-checkout left the folder")
	}
	sub := &repo{t: t, dir: filepath.Join(r.dir, "docs"), env: r.env}
	runs := [][]string{{"list"}, {"lint"}, {"stats"}, {"audit"}, {"status", "in-review", "sparse"}}
	check := func(what string) {
		t.Helper()
		for _, at := range []struct {
			r   *repo
			add string
		}{{r, "`git sparse-checkout add postmortems`"}, {sub, "`git sparse-checkout add ../postmortems`"}} {
			for _, args := range runs {
				out, code := at.r.pm(args...)
				if code != 2 || !strings.Contains(out, "is outside the sparse checkout") || !strings.Contains(out, at.add) ||
					strings.Count(strings.TrimSpace(out), "\n") > 0 {
					t.Errorf("%s: pm %v in %s: exit %d, want 2 and one line with %s:\n%s", what, args, at.r.dir, code, at.add, out)
				}
			}
		}
	}
	check("cone")
	r.git("sparse-checkout", "set", "--sparse-index", "docs")
	if !strings.Contains(r.git("ls-files", "-v", "--sparse"), "S postmortems/") {
		testenv.Skip(t, "git did not make a sparse index")
	}
	check("sparse index")
	if out, code := r.pm("--lang", "ja", "list"); code != 2 || !strings.Contains(out, "スパースチェックアウトの範囲外") {
		t.Errorf("in Japanese: exit %d:\n%s", code, out)
	}
	r.write(".pm.yaml", "dir: nowhere\n")
	if out, code := r.pm("list"); code != 2 || !strings.Contains(out, "run pm init") {
		t.Errorf("a folder that is nowhere: exit %d, want 2 and pm init:\n%s", code, out)
	}
}

// TestSparseCheckoutInALinkedWorktree: git sparse-checkout in a linked worktree keeps its definition
// and config.worktree in that worktree's git directory; the main work tree stays full.
func TestSparseCheckoutInALinkedWorktree(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write("docs/a.txt", "a\n")
	r.write("src/b.txt", "b\n")
	r.git("add", ".")
	r.git("commit", "-qm", "base")
	wt := filepath.Join(t.TempDir(), "wt")
	r.git("worktree", "add", "-q", "-b", "wt-branch", wt)
	w := &repo{t: t, dir: wt, env: r.env}
	if out, err := w.run("git", "sparse-checkout", "set", "postmortems"); err != nil {
		testenv.Skipf(t, "git sparse-checkout: %v %s", err, out)
	}
	if out, code := w.newPM("sparse worktree"); code != 0 {
		t.Fatalf("worktree: %d %s", code, out)
	}
	w.clean("postmortems")
	if got := w.skipWorktree(); got != "S docs/a.txt\nS src/b.txt" {
		t.Errorf("worktree skip-worktree entries %q", got)
	}
	if got := r.git("log", "-1", "--format=%s", "wt-branch"); got != "postmortem: create 2026-11-20-sparse-worktree (SEV-1)" {
		t.Errorf("branch wt-branch: %q", got)
	}
	if out, code := r.newPM("main tree"); code != 0 {
		t.Fatalf("main work tree: %d %s", code, out)
	}
	r.clean("postmortems")
	if got := r.skipWorktree(); got != "" {
		t.Errorf("main work tree skip-worktree entries %q", got)
	}
}

// A postmortem folder git's ignore rules match: pm new refuses the file, as git add refuses it
// without -f, and leaves nothing behind.
func TestIgnoredFolderRefused(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write(".gitignore", "postmortems/\n")
	r.git("add", ".gitignore")
	r.git("commit", "-qm", "base")
	head := r.git("rev-parse", "HEAD")
	out, code := r.newPM("ignored")
	if code != 2 || !strings.Contains(out, "is ignored by git") {
		t.Errorf("exit %d, want the refusal git add gives:\n%s", code, out)
	}
	if got := r.git("rev-parse", "HEAD"); got != head {
		t.Errorf("committed: %s", got)
	}
	if s := r.git("status", "--porcelain", "--ignored"); s != "" {
		t.Errorf("left behind: %s", s)
	}
	r.clean()
}

func TestUserStagedWorkStaysStaged(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write("README.md", "base\n")
	r.git("add", ".")
	r.git("commit", "-qm", "base")
	r.write("README.md", "staged change\n")
	r.git("add", "README.md")
	r.write("README.md", "unstaged on top\n")
	if out, code := r.newPM("staged"); code != 0 {
		t.Fatal(out)
	}
	if got := r.git("diff", "--cached", "--name-only"); got != "README.md" {
		t.Errorf("staged: %q", got)
	}
	if got := r.git("show", ":README.md"); got != "staged change" {
		t.Errorf("staged content: %q", got)
	}
	if got := r.git("log", "-1", "--name-only", "--format="); got != "postmortems/2026-11-20-staged.md" {
		t.Errorf("commit holds %q", got)
	}
	r.clean("postmortems")
}

// TestAnotherUsersRepository: a repository another user owns (git's GIT_TEST_ASSUME_DIFFERENT_OWNER)
// could run that user's hooks and filters as pm's user, so pm refuses it as git does (exit 2, one
// line saying how to trust it, no hook run, nothing written) until safe.directory names it.
func TestAnotherUsersRepository(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write("x.txt", "base\n")
	r.git("add", "x.txt")
	r.git("commit", "-qm", "base")
	marker := filepath.Join(t.TempDir(), "hook-ran")
	r.write(".git/hooks/pre-commit", "#!/bin/sh\ntouch '"+marker+"'\n")
	os.Chmod(filepath.Join(r.dir, ".git", "hooks", "pre-commit"), 0o755)
	head := r.git("rev-parse", "HEAD")
	r.env = append(r.env, "GIT_TEST_ASSUME_DIFFERENT_OWNER=1")
	if _, err := r.run("git", "status"); err == nil {
		t.Fatal("git status opened a repository that counts as another user's")
	}
	out, code := r.newPM("theirs")
	if code != 2 || !strings.Contains(out, "dubious ownership") || !strings.Contains(out, "safe.directory") ||
		strings.Count(strings.TrimSpace(out), "\n") > 0 {
		t.Errorf("exit %d, want 2 and one line about dubious ownership and safe.directory:\n%s", code, out)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the repository's hook ran")
	}
	if _, err := os.Stat(filepath.Join(r.dir, "postmortems", "2026-11-20-theirs.md")); err == nil {
		t.Error("a postmortem was written")
	}
	// the commands that only read files refuse it too: a CI job's SARIF step passed where its
	// --changed-since step refused
	for _, args := range [][]string{{"lint"}, {"lint", "--format", "sarif"}, {"list"}, {"stats"}} {
		if out, code := r.pm(args...); code != 2 || !strings.Contains(out, "dubious ownership") {
			t.Errorf("pm %v: exit %d, want 2 and the refusal:\n%s", args, code, out)
		}
	}
	// trusted, it is the user's to use again
	r.git("config", "--global", "--add", "safe.directory", realPath(t, r.dir))
	if out, code := r.newPM("theirs"); code != 0 {
		t.Errorf("with safe.directory: exit %d\n%s", code, out)
	}
	if r.git("rev-parse", "HEAD~1") != head {
		t.Error("the trusted repository did not get pm's commit")
	}
}

func realPath(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPostmortemsInsideAnotherRepository: with `dir:` inside a submodule, or inside a repository of
// its own that this one does not track, pm refuses to commit there (exit 2, one line), as git add
// refuses a path in a submodule: the commit would turn the gitlink into a tree, or take the other
// repository's files into this one. Nothing is written, HEAD stays.
func TestPostmortemsInsideAnotherRepository(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, msg string }{
		{"submodule", "in submodule 'sub'"},
		{"nested repository", "inside sub, a git repository of its own"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t)
			if out, code := r.pm("init", "-q"); code != 0 {
				t.Fatal(out)
			}
			if c.name == "submodule" {
				inner := newRepo(t)
				inner.git("commit", "-q", "--allow-empty", "-m", "inner")
				r.git("-c", "protocol.file.allow=always", "submodule", "-q", "add", inner.dir, "sub")
				r.git("commit", "-qm", "submodule")
			} else {
				r.git("init", "-q", "sub")
			}
			cfg := filepath.Join(r.dir, ".pm.yaml")
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			data = regexp.MustCompile(`(?m)^dir: .*$`).ReplaceAll(data, []byte("dir: sub/postmortems"))
			if err := os.WriteFile(cfg, data, 0o644); err != nil {
				t.Fatal(err)
			}
			r.git("commit", "-qam", "dir")
			head, tree := r.git("rev-parse", "HEAD"), r.git("ls-tree", "HEAD", "sub")
			out, code := r.newPM("elsewhere")
			if code != 2 || !strings.Contains(out, c.msg) || strings.Count(strings.TrimSpace(out), "\n") > 0 {
				t.Errorf("exit %d, want 2 and one line saying %q:\n%s", code, c.msg, out)
			}
			if r.git("rev-parse", "HEAD") != head || r.git("ls-tree", "HEAD", "sub") != tree {
				t.Error("HEAD moved")
			}
			if _, err := os.Stat(filepath.Join(r.dir, "sub", "postmortems", "2026-11-20-elsewhere.md")); err == nil {
				t.Error("file left behind")
			}
			// --no-commit writes the file, as asked
			if out, code := r.pm("new", "--sev", "1", "--title", "elsewhere", "--date", "2026-11-20", "--no-commit"); code != 0 {
				t.Errorf("--no-commit: exit %d\n%s", code, out)
			}
		})
	}
}

// TestNewTakesNoNameGitKnows: a name the index holds (staged, then removed from the work tree) or
// HEAD holds (committed, then deleted) is not free for pm new: it takes the next, and what the user
// staged stays staged, as a file in the work tree under that name would make it do.
func TestNewTakesNoNameGitKnows(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	if out, code := r.pm("init", "-q"); code != 0 {
		t.Fatal(out)
	}
	r.write("postmortems/2026-11-20-taken.md", "my staged draft\n")
	r.git("add", "postmortems/2026-11-20-taken.md")
	os.Remove(filepath.Join(r.dir, "postmortems", "2026-11-20-taken.md"))
	if out, code := r.newPM("taken"); code != 0 || !strings.Contains(out, "2026-11-20-taken-2.md") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if got := r.git("show", ":postmortems/2026-11-20-taken.md"); got != "my staged draft" {
		t.Errorf("the staged draft: %q", got)
	}
	if got := r.git("status", "--porcelain"); got != "AD postmortems/2026-11-20-taken.md" {
		t.Errorf("git status:\n%s", got)
	}
	// committed, then deleted in the work tree without staging
	r.git("commit", "-qm", "draft")
	if out, code := r.newPM("taken"); code != 0 || !strings.Contains(out, "2026-11-20-taken-3.md") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if got := r.git("status", "--porcelain"); got != "D postmortems/2026-11-20-taken.md" { // " D", trimmed
		t.Errorf("git status:\n%s", got)
	}
	// a folder of the index at the name, its files deleted in the work tree
	r.git("rm", "-q", "--cached", "postmortems/2026-11-20-taken.md")
	r.git("commit", "-qm", "gone")
	r.write("postmortems/2026-11-20-other.md/inside.txt", "a folder named like a postmortem\n")
	r.git("add", "postmortems")
	r.git("commit", "-qm", "folder")
	os.RemoveAll(filepath.Join(r.dir, "postmortems", "2026-11-20-other.md"))
	if out, code := r.newPM("other"); code != 0 || !strings.Contains(out, "2026-11-20-other-2.md") {
		t.Fatalf("a folder of the index at the name: exit %d:\n%s", code, out)
	}
	r.clean("postmortems/2026-11-20-taken-2.md", "postmortems/2026-11-20-taken-3.md", "postmortems/2026-11-20-other-2.md")
}

// TestSuggestedCommandsFromASubfolder: the git command a refusal suggests names its path as git reads
// it from where pm runs (git sparse-checkout, update-index, rm and check-ignore take paths relative
// to the current folder). Run from a subfolder, as printed, it does what the message says.
func TestSuggestedCommandsFromASubfolder(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.write("docs/a.txt", "a\n")
	r.git("add", ".")
	r.git("commit", "-qm", "base")
	if out, code := r.newPM("hand"); code != 0 {
		t.Fatalf("pm new: %d %s", code, out)
	}
	sub := &repo{t: t, dir: filepath.Join(r.dir, "docs"), env: r.env}
	// suggested runs the command between backticks after what in out, in sub, as a shell would.
	suggested := func(out, what string) {
		t.Helper()
		_, rest, ok := strings.Cut(out, what+" `")
		cmd, _, ok2 := strings.Cut(rest, "`")
		if !ok || !ok2 || strings.Count(strings.TrimSpace(out), "\n") > 0 {
			t.Fatalf("no one-line message with %s `…`:\n%s", what, out)
		}
		if got, err := sub.run("sh", "-c", cmd); err != nil {
			t.Fatalf("%s, run in %s: %v\n%s", cmd, sub.dir, err, got)
		}
	}

	// a skip-worktree mark set by hand
	r.git("update-index", "--skip-worktree", "postmortems/2026-11-20-hand.md")
	out, code := sub.pm("status", "in-review", "hand", "--force")
	if code != 2 {
		t.Fatalf("skip-worktree: exit %d:\n%s", code, out)
	}
	suggested(out, "clear the mark with")
	if out, code := sub.pm("status", "in-review", "hand", "--force"); code != 0 {
		t.Fatalf("after the suggested command: %d %s", code, out)
	}

	// the postmortem folder outside the sparse checkout
	if out, err := r.run("git", "sparse-checkout", "set", "docs"); err != nil {
		testenv.Skipf(t, "git sparse-checkout: %v %s", err, out)
	}
	out, code = sub.newPM("sparse")
	if code != 2 {
		t.Fatalf("outside the sparse checkout: exit %d:\n%s", code, out)
	}
	suggested(out, "add it with")
	if out, code := sub.newPM("sparse"); code != 0 {
		t.Fatalf("after the suggested command: %d %s", code, out)
	}
	r.clean("postmortems")

	// an ignored name: git check-ignore -v, as printed, names the rule
	r.write(".gitignore", "postmortems/*-ignored.md\n")
	out, code = sub.newPM("ignored")
	if code != 2 {
		t.Fatalf("ignored: exit %d:\n%s", code, out)
	}
	_, rest, _ := strings.Cut(out, "change the rule (")
	cmd, _, _ := strings.Cut(rest, " names it)")
	if got, err := sub.run("sh", "-c", cmd); err != nil || !strings.Contains(got, ".gitignore:1:") {
		t.Errorf("%s, run in %s: %v\n%s", cmd, sub.dir, err, got)
	}
}
