package gitrepo

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitFixture makes a repository with the git CLI: docs/a.txt, src/b.txt and postmortems/old.md
// committed on main, and opens it with OpenWithEnv. It is a copy of one built once per test binary.
func gitFixture(t *testing.T) *fixture {
	t.Helper()
	needGit(t)
	src := templateRepo(t, "git-fixture", func(dir, home string) error {
		if err := runGit(dir, home, nil, "init", "-q", "-b", "main"); err != nil {
			return err
		}
		b := &fixture{t: t, root: dir, home: home}
		b.identity("Repo User", "repo@example.com")
		if err := writeFiles(dir, "docs/a.txt", "a\n", "src/b.txt", "b\n", "postmortems/old.md", "old\n"); err != nil {
			return err
		}
		if err := runGit(dir, home, nil, "add", "."); err != nil {
			return err
		}
		return runGit(dir, home, nil, append(noMaintenance, "commit", "-qm", "base")...)
	})
	f := &fixture{t: t, root: t.TempDir(), home: t.TempDir()}
	f.env = map[string]string{"HOME": f.home, "XDG_CONFIG_HOME": filepath.Join(f.home, ".config"), "GIT_CONFIG_NOSYSTEM": "1"}
	copyRepo(t, src, f.root)
	f.reopen()
	return f
}

// skipWorktree lists the entries of the main work tree's index that git shows as skip-worktree,
// as ls-files -v does ("S path"), read from the index file.
func (f *fixture) skipWorktree() string {
	var out []string
	for _, l := range strings.Split(readIndex(f.t, filepath.Join(f.root, ".git")), "\n") {
		if tag, rest, _ := strings.Cut(l, " "); tag == "S" {
			_, path, _ := strings.Cut(rest, "\t")
			out = append(out, "S "+path)
		}
	}
	return strings.Join(out, "\n")
}

func TestSparseDefinitionMatchesGitAdd(t *testing.T) {
	t.Parallel()
	paths := []string{"top.md", "docs/a.md", "docs/sub/x.md", "docs/sub/deep/y.md", "docs/other/z.md",
		"docs/private/p.txt", "postmortems/p.md", "postmortems/2026/q.md", "src/b.md", "src/c.txt", "a b/c.md", "x/docs/d.md"}
	cases := []struct {
		name string
		args []string
		cone bool
		fold bool // core.ignorecase: git matches non-cone patterns ignoring case
	}{
		{"cone docs", []string{"set", "docs"}, true, false},
		{"cone nested and postmortems", []string{"set", "docs/sub", "postmortems"}, true, false},
		{"cone with a space", []string{"set", "a b"}, true, false},
		{"patterns with a negation", []string{"set", "--no-cone", "/docs/", "!/docs/private/", "*.md"}, false, false},
		{"patterns, root files and a folder", []string{"set", "--no-cone", "/*", "!/*/", "/postmortems/"}, false, false},
		{"pattern unanchored folder", []string{"set", "--no-cone", "docs/"}, false, false},
		{"pattern of files in a folder", []string{"set", "--no-cone", "/docs/*.md"}, false, false},
		{"pattern without a slash at the end", []string{"set", "--no-cone", "/docs", "/src/c.txt"}, false, false},
		{"pattern with a double star", []string{"set", "--no-cone", "**/docs/", "!*.txt"}, false, false},
		{"pattern negating a folder's files", []string{"set", "--no-cone", "/*", "!/docs/sub/*"}, false, false},
		{"patterns ignoring case", []string{"set", "--no-cone", "/DOCS/", "!/docs/PRIVATE/", "/Postmortems/*.MD"}, false, true},
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.name)
	}
	// Cone patterns, and non-cone ones with a negation and with a double star.
	quick := quickCases(t, names, "cone with a space", "patterns with a negation", "pattern with a double star", "patterns ignoring case")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			quick.only(t, c.name)
			f := gitFixture(t)
			if c.fold {
				f.git(f.root, "config", "core.ignorecase", "true")
			}
			f.git(f.root, append([]string{"sparse-checkout"}, c.args...)...)
			for _, p := range paths {
				f.write(p, "x\n")
			}
			f.reopen()
			cfg, err := f.repo.loadConfig(f.getenv)
			mustNoErr(t, err)
			s, err := f.repo.loadSparse(cfg)
			mustNoErr(t, err)
			if s == nil || s.cone != c.cone {
				t.Fatalf("definition %+v, want cone %v", s, c.cone)
			}
			// One git add --dry-run for all the paths: it names on stdout each path it would add
			// and on stderr each it refuses as outside the definition, deciding path by path.
			cmd := exec.Command("git", append([]string{"add", "--dry-run", "--"}, paths...)...)
			cmd.Dir = f.root
			cmd.Env = gitEnv(f.home)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.Output()
			var ee *exec.ExitError
			if err != nil && !errors.As(err, &ee) {
				t.Fatal(err)
			}
			added, refused := map[string]bool{}, map[string]bool{}
			for _, l := range strings.Split(string(stdout), "\n") {
				if p, ok := strings.CutPrefix(l, "add '"); ok {
					added[strings.TrimSuffix(p, "'")] = true
				}
			}
			for _, l := range strings.Split(stderr.String(), "\n") {
				refused[l] = true
			}
			for _, p := range paths {
				if added[p] == refused[p] {
					t.Fatalf("%s: git add --dry-run neither adds nor refuses it (or both)\nstdout:\n%s\nstderr:\n%s", p, stdout, &stderr)
				}
				if got, want := s.includes(p), added[p]; got != want {
					t.Errorf("%s: pm says inside %v, git add says %v", p, got, want)
				}
			}
		})
	}
}

func TestParseConeFallsBack(t *testing.T) {
	t.Parallel()
	for _, lines := range [][]string{
		{"/docs/"},                   // no root patterns
		{"/*", "!/*/", "/docs/*.md"}, // a file pattern
		{"/*", "!/*/", "!/docs/*/"},  // a parent folder never added
		{"/*", "!/*/", "docs/"},      // not anchored
	} {
		s := &sparseCheckout{}
		if s.parseCone(lines) {
			t.Errorf("%q read as cone patterns", lines)
		}
	}
	s := &sparseCheckout{}
	if !s.parseCone([]string{"/*", "!/*/", "/a/", "!/a/*/", `/a/we\*ird/`}) || !s.parent["a"] || !s.recursive["a/we*ird"] {
		t.Errorf("cone patterns: %+v", s)
	}
	if !s.includes("top.md") || !s.includes("a/x.md") || s.includes("a/b/x.md") || !s.includes("a/we*ird/deep/x.md") {
		t.Errorf("includes: %+v", s)
	}
}

// TestCommitOnlyConeSparseCheckout commits in a work tree made sparse by `git sparse-checkout set`,
// which turns on extensions.worktreeConfig: the commit must be sound for git, keep every other
// entry's skip-worktree bit and what the user staged, and refuse paths outside the cone.
func TestCommitOnlyConeSparseCheckout(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	f.git(f.root, "sparse-checkout", "set", "docs", "postmortems")
	if cfg, _ := os.ReadFile(filepath.Join(f.root, ".git", "config")); !strings.Contains(string(cfg), "[extensions]\n\tworktreeConfig = true\n") {
		t.Fatal("git sparse-checkout did not set extensions.worktreeConfig")
	}
	f.write("docs/a.txt", "staged\n")
	f.git(f.root, "add", "docs/a.txt")
	skipped := f.skipWorktree()
	if skipped != "S src/b.txt" {
		t.Fatalf("setup: skip-worktree entries %q", skipped)
	}
	f.reopen()

	f.write("postmortems/new.md", "new\n")
	f.commit("new", "postmortems/new.md")
	f.judge(f.root, "postmortems/new.md")
	if got := f.skipWorktree(); got != skipped {
		t.Errorf("skip-worktree entries %q, want %q", got, skipped)
	}
	if got := f.git(f.root, "status", "--porcelain"); got != "M  docs/a.txt" {
		t.Errorf("status %q, want only the user's staged change", got)
	}
	if got := stagedBlob(t, f.root, "docs/a.txt"); got != "staged\n" {
		t.Errorf("staged content %q", got)
	}
	if got := f.git(f.root, "log", "-1", "--name-only", "--format="); got != "postmortems/new.md" {
		t.Errorf("commit holds %q", got)
	}

	// Outside the cone: a new file, and a tracked file that is not checked out (committing it as
	// missing would record a deletion).
	indexBefore, _ := os.ReadFile(filepath.Join(f.root, ".git", "index"))
	head := refHash(t, filepath.Join(f.root, ".git"), "HEAD")
	f.write("src/new.md", "new\n")
	_, err := f.repo.CommitOnly([]string{"src/new.md"}, "outside", sig("A"), sig("C"))
	wantErr(t, err, ErrOutsideSparse)
	if !strings.Contains(err.Error(), "git sparse-checkout add src") {
		t.Errorf("error %q does not say how to widen the checkout", err)
	}
	_, err = f.repo.CommitOnly([]string{"src/b.txt"}, "deleted?", sig("A"), sig("C"))
	wantErr(t, err, ErrOutsideSparse)
	indexAfter, _ := os.ReadFile(filepath.Join(f.root, ".git", "index"))
	if !bytes.Equal(indexBefore, indexAfter) || refHash(t, filepath.Join(f.root, ".git"), "HEAD") != head {
		t.Error("a refused commit changed the index or HEAD")
	}
	os.Remove(filepath.Join(f.root, "src", "new.md"))

	// A sparse index (folders outside the cone kept as one entry each) is committed in as git
	// commits in it: it stays sparse, and a path inside a collapsed folder is refused.
	f.git(f.root, "sparse-checkout", "set", "--sparse-index", "docs", "postmortems")
	// The index's entries in src/, as git ls-files --sparse -s src lists them (each with its tag).
	inSrc := func() string {
		var out []string
		for _, l := range strings.Split(readIndex(t, filepath.Join(f.root, ".git")), "\n") {
			if _, p, _ := strings.Cut(l, "\t"); strings.HasPrefix(p, "src/") {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	sparseBefore := inSrc()
	f.write("postmortems/new.md", "changed\n")
	f.commit("sparse index", "postmortems/new.md")
	f.judge(f.root, "postmortems/new.md")
	if got := inSrc(); got != sparseBefore || !strings.HasSuffix(got, "\tsrc/") {
		t.Errorf("the sparse directory entry changed: %q, was %q", got, sparseBefore)
	}
	_, err = f.repo.CommitOnly([]string{"src/b.txt"}, "inside a sparse folder", sig("A"), sig("C"))
	wantErr(t, err, ErrOutsideSparse)
	// a new name there (pm new asks whether it is taken first) is refused the same way, not taken
	tx, err := f.repo.Begin(TxOptions{})
	mustNoErr(t, err)
	_, err = tx.Taken("src/new.md")
	tx.Abort()
	wantErr(t, err, ErrOutsideSparse)
	// What pm only reads works the same: the staged files (the user's docs/a.txt and a newly staged
	// postmortem) and the files changed since HEAD~1 (what the last commit and the work tree
	// changed).
	f.write("postmortems/staged.md", "staged postmortem\n")
	f.git(f.root, "add", "postmortems/staged.md")
	staged, err := f.repo.StagedFiles(nil)
	if err != nil {
		t.Fatalf("StagedFiles with a sparse index: %v", err)
	}
	var names []string
	for _, sf := range staged {
		names = append(names, sf.Path+"="+strings.TrimSpace(string(sf.Data)))
	}
	if got := strings.Join(names, " "); got != "docs/a.txt=staged postmortems/staged.md=staged postmortem" {
		t.Errorf("staged with a sparse index: %s", got)
	}
	f.write("postmortems/untracked.md", "x\n")
	changed, err := f.repo.ChangedSince("HEAD~2", func(p string) bool { return strings.HasPrefix(p, "postmortems/") })
	if err != nil {
		t.Fatalf("ChangedSince with a sparse index: %v", err)
	}
	if got := strings.Join(changed, " "); got != "postmortems/new.md postmortems/staged.md postmortems/untracked.md" {
		t.Errorf("changed with a sparse index: %s", got)
	}
	if scoped, err := f.repo.ChangedSince("HEAD~2", nil, "postmortems"); err != nil || strings.Join(scoped, " ") != strings.Join(changed, " ") {
		t.Errorf("changed in postmortems/ with a sparse index: %q %v", scoped, err)
	}
	os.Remove(filepath.Join(f.root, "postmortems", "untracked.md"))
	f.git(f.root, "rm", "-q", "--cached", "postmortems/staged.md")
	os.Remove(filepath.Join(f.root, "postmortems", "staged.md"))
	f.git(f.root, "sparse-checkout", "reapply", "--no-sparse-index")
	f.write("postmortems/new.md", "full index again\n")
	f.commit("full index again", "postmortems/new.md")
	f.judge(f.root, "postmortems/new.md")
	if got := f.skipWorktree(); got != skipped {
		t.Errorf("after reapply: skip-worktree entries %q, want %q", got, skipped)
	}
}

func TestCommitOnlySparseLinkedWorktree(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	wt := filepath.Join(t.TempDir(), "wt")
	f.git(f.root, "worktree", "add", "-q", "-b", "side", wt)
	f.git(wt, "sparse-checkout", "set", "docs")
	f.git(wt, "config", "--worktree", "user.name", "Worktree User")
	r, err := OpenWithEnv(wt, f.getenv)
	mustNoErr(t, err)
	// The worktree's own settings are the ones git uses there.
	author, _, err := r.Identity(f.getenv, nil, sig("X").When)
	mustNoErr(t, err)
	if author.Name != "Worktree User" {
		t.Errorf("author %q, want the worktree's user.name", author.Name)
	}
	cfg, err := r.st.Config()
	mustNoErr(t, err)
	if cfg.User.Name != "Worktree User" || cfg.Raw.Section("extensions").HasOption("worktreeConfig") {
		t.Errorf("go-git's view of the config: user %q, extensions %v", cfg.User.Name, cfg.Raw.Section("extensions").Options)
	}
	writeFile(t, wt, "docs/new.md", "n\n")
	_, err = r.CommitOnly([]string{"docs/new.md"}, "in the worktree", sig("A"), sig("C"))
	mustNoErr(t, err)
	f.judge(wt, "docs/new.md")
	var marks []string
	for _, l := range strings.Split(readIndex(t, r.GitDir()), "\n") {
		tag, rest, _ := strings.Cut(l, " ")
		if _, p, _ := strings.Cut(rest, "\t"); p == "src/b.txt" || p == "postmortems/old.md" {
			marks = append(marks, tag+" "+p)
		}
	}
	if got := strings.Join(marks, "\n"); got != "S postmortems/old.md\nS src/b.txt" {
		t.Errorf("worktree skip-worktree entries %q", got)
	}
	_, side := looseObject(t, filepath.Join(f.root, ".git", "objects"), refHash(t, filepath.Join(f.root, ".git"), "refs/heads/side"))
	if _, msg, _ := strings.Cut(side, "\n\n"); msg != "in the worktree\n" {
		t.Errorf("branch side: %q", msg)
	}
	// The main work tree is not sparse: its definition does not apply there.
	f.reopen()
	f.write("src/main.md", "m\n")
	f.commit("main", "src/main.md")
	f.judge(f.root, "src/main.md")

	writeFile(t, wt, "postmortems/x.md", "x\n")
	_, err = r.CommitOnly([]string{"postmortems/x.md"}, "outside", sig("A"), sig("C"))
	wantErr(t, err, ErrOutsideSparse)
}

func TestOpenOtherExtensionsStillRefused(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	f.git(f.root, "sparse-checkout", "set", "docs")
	setConfig(t, filepath.Join(f.root, ".git", "config"), "core.repositoryformatversion", "1")
	f.reopen() // worktreeConfig alone, in a version-1 repository, opens
	setConfig(t, filepath.Join(f.root, ".git", "config"), "extensions.unknownThing", "1")
	_, err := OpenWithEnv(f.root, f.getenv)
	wantErr(t, err, ErrUnsupported)
	if !strings.Contains(strings.ToLower(err.Error()), "unknownthing") {
		t.Errorf("error %q does not name the extension", err)
	}
}

func TestSkipWorktreeWithoutSparseCheckout(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	f.git(f.root, "update-index", "--skip-worktree", "postmortems/old.md")
	f.reopen()
	f.write("postmortems/old.md", "changed\n")
	_, err := f.repo.CommitOnly([]string{"postmortems/old.md"}, "skip", sig("A"), sig("C"))
	wantErr(t, err, ErrSkipWorktree)
	if !strings.Contains(err.Error(), "git update-index --no-skip-worktree postmortems/old.md") {
		t.Errorf("error %q does not say how to clear the mark", err)
	}
	// no sparse checkout is on: the message says only what is
	if strings.Contains(err.Error(), "sparse") || errors.Is(err, ErrOutsideSparse) {
		t.Errorf("error %q speaks of a sparse checkout there is none of", err)
	}
}

// A folder a sparse index keeps whole (one tree entry) holds staged changes when a merge or a reset
// put another tree there than HEAD's: they are staged files, as git diff --cached lists them.
func TestStagedInsideASparseDirectory(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	f.write("postmortems/b/y.md", "good\n")
	f.write("postmortems/b/deep/z.md", "same\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-qm", "base")
	f.git(f.root, "checkout", "-qb", "side")
	f.write("postmortems/b/y.md", "bad\n")
	f.write("postmortems/b/new.md", "new\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-qm", "side")
	f.git(f.root, "checkout", "-q", "main")
	f.git(f.root, "sparse-checkout", "set", "--cone", "--sparse-index", "docs")
	f.git(f.root, "merge", "-q", "--squash", "side")
	f.reopen()
	staged, err := f.repo.StagedFiles(func(p string) bool { return strings.HasPrefix(p, "postmortems/") })
	mustNoErr(t, err)
	var got []string
	for _, s := range staged {
		got = append(got, s.Path+"="+strings.TrimSpace(string(s.Data)))
	}
	want := "postmortems/b/new.md=new postmortems/b/y.md=bad"
	if strings.Join(got, " ") != want {
		t.Errorf("staged %v, want %s (git: %s)", got, want, f.git(f.root, "diff", "--cached", "--name-only"))
	}
}

// A folder a sparse index keeps whole holds what its tree holds: a file HEAD has there that the
// tree lacks (a merge deleted it) is a removal, as git diff --cached --diff-filter=D lists it, and
// the folder's files are the index's files (IndexFiles), for the relations check of pm lint --staged.
func TestStagedRemovalsInsideASparseDirectory(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	f.write("postmortems/b/keep.md", "keep\n")
	f.write("postmortems/b/gone.md", "gone\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-qm", "base")
	f.git(f.root, "checkout", "-qb", "side")
	f.git(f.root, "rm", "-q", "postmortems/b/gone.md")
	f.git(f.root, "commit", "-qm", "side")
	f.git(f.root, "checkout", "-q", "main")
	f.git(f.root, "sparse-checkout", "set", "--cone", "--sparse-index", "docs")
	f.git(f.root, "merge", "-q", "--squash", "side")
	if out := f.git(f.root, "ls-files", "--sparse", "postmortems"); out != "postmortems/" {
		t.Fatalf("postmortems/ is not one sparse entry: %q", out)
	}
	f.reopen()
	got, err := f.repo.StagedRemovals("postmortems")
	mustNoErr(t, err)
	if want := f.git(f.root, "diff", "--cached", "--name-only", "--diff-filter=D"); strings.Join(got, "\n") != want {
		t.Errorf("StagedRemovals = %v; git diff --cached --diff-filter=D: %q", got, want)
	}
	files, err := f.repo.IndexFiles(func(p string) bool { return strings.HasPrefix(p, "postmortems/") })
	mustNoErr(t, err)
	var paths []string
	for _, fl := range files {
		paths = append(paths, fl.Path+"="+strings.TrimSpace(string(fl.Data)))
	}
	if want := "postmortems/b/keep.md=keep postmortems/old.md=old"; strings.Join(paths, " ") != want {
		t.Errorf("IndexFiles = %v, want %s", paths, want)
	}
}
