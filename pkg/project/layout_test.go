package project

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// gitIn runs the git CLI in dir with a private HOME plus env, failing the test when git fails.
func gitIn(t *testing.T, dir, home string, env map[string]string, args ...string) string {
	t.Helper()
	testenv.NeedGit(t)
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.HasPrefix(k, "GIT_") && k != "HOME" && k != "XDG_CONFIG_HOME" {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "PWD="+dir,
		"GIT_AUTHOR_NAME=Setup", "GIT_AUTHOR_EMAIL=setup@example.com", "GIT_COMMITTER_NAME=Setup", "GIT_COMMITTER_EMAIL=setup@example.com")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func realpath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// TestOpenFollowsTheRepositoryGitFinds opens the project in layouts where the work tree is not the
// folder holding .git, or where only the environment leads to the repository, and checks that the
// root is the work tree git uses and that the repository opened from it is the same one.
func TestOpenFollowsTheRepositoryGitFinds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build func(t *testing.T, home string) (workDir string, env map[string]string, root string)
	}{
		{"dotfiles: GIT_DIR and GIT_WORK_TREE", func(t *testing.T, home string) (string, map[string]string, string) {
			gitIn(t, home, home, nil, "init", "-q", "--bare", "-b", "main", filepath.Join(home, ".dotfiles"))
			env := map[string]string{"GIT_DIR": filepath.Join(home, ".dotfiles"), "GIT_WORK_TREE": home}
			writeTestFile(t, filepath.Join(home, ".bashrc"), "x\n")
			gitIn(t, home, home, env, "add", ".bashrc")
			gitIn(t, home, home, env, "commit", "-qm", "first")
			os.MkdirAll(filepath.Join(home, "somewhere"), 0o755)
			return filepath.Join(home, "somewhere"), env, home
		}},
		{"dotfiles with core.bare false", func(t *testing.T, home string) (string, map[string]string, string) {
			gitIn(t, home, home, nil, "init", "-q", "--bare", "-b", "main", filepath.Join(home, ".dotfiles"))
			gitIn(t, home, home, nil, "--git-dir", filepath.Join(home, ".dotfiles"), "config", "core.bare", "false")
			env := map[string]string{"GIT_DIR": filepath.Join(home, ".dotfiles"), "GIT_WORK_TREE": home}
			writeTestFile(t, filepath.Join(home, ".bashrc"), "x\n")
			gitIn(t, home, home, env, "add", ".bashrc")
			gitIn(t, home, home, env, "commit", "-qm", "first")
			return home, env, home
		}},
		{"GIT_DIR relative, from a subfolder: the subfolder is the work tree", func(t *testing.T, home string) (string, map[string]string, string) {
			r := filepath.Join(home, "r")
			gitIn(t, home, home, nil, "init", "-q", "-b", "main", r)
			gitIn(t, r, home, nil, "commit", "-q", "--allow-empty", "-m", "first")
			os.MkdirAll(filepath.Join(r, "sub"), 0o755)
			return filepath.Join(r, "sub"), map[string]string{"GIT_DIR": "../.git"}, filepath.Join(r, "sub")
		}},
		{"core.worktree elsewhere, discovered", func(t *testing.T, home string) (string, map[string]string, string) {
			r := filepath.Join(home, "r")
			gitIn(t, home, home, nil, "init", "-q", "-b", "main", r)
			gitIn(t, r, home, nil, "commit", "-q", "--allow-empty", "-m", "first")
			os.MkdirAll(filepath.Join(home, "tree"), 0o755)
			gitIn(t, r, home, nil, "config", "core.worktree", filepath.Join(home, "tree"))
			return r, nil, filepath.Join(home, "tree")
		}},
		{"linked worktree, from a subfolder", func(t *testing.T, home string) (string, map[string]string, string) {
			r := filepath.Join(home, "r")
			gitIn(t, home, home, nil, "init", "-q", "-b", "main", r)
			gitIn(t, r, home, nil, "commit", "-q", "--allow-empty", "-m", "first")
			gitIn(t, r, home, nil, "worktree", "add", "-q", "-b", "side", filepath.Join(home, "wt"))
			os.MkdirAll(filepath.Join(home, "wt", "sub"), 0o755)
			return filepath.Join(home, "wt", "sub"), nil, filepath.Join(home, "wt")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := realpath(t.TempDir())
			workDir, extra, root := tc.build(t, home)
			env := map[string]string{"HOME": home, "GIT_CONFIG_NOSYSTEM": "1"}
			for k, v := range extra {
				env[k] = v
			}
			getenv := func(k string) string { return env[k] }
			gotRoot, inRepo := FindRoot(workDir, getenv)
			if !inRepo || realpath(gotRoot) != realpath(root) {
				t.Errorf("FindRoot = %s, %v; want %s", gotRoot, inRepo, root)
			}
			writeTestFile(t, filepath.Join(home, ".gitconfig"), "[user]\n\tname = Me\n\temail = me@example.com\n")
			p, err := Open(workDir, getenv, func() time.Time { return now })
			if err != nil {
				t.Fatal(err)
			}
			if realpath(p.Root) != realpath(root) || !p.InRepo {
				t.Fatalf("Open: root %s, in repo %v; want %s", p.Root, p.InRepo, root)
			}
			r, err := p.Repo()
			if err != nil {
				t.Fatal(err)
			}
			if realpath(r.Root()) != realpath(root) {
				t.Errorf("Repo root %s, want %s", r.Root(), root)
			}
			wantGitDir := gitIn(t, workDir, home, extra, "rev-parse", "--path-format=absolute", "--git-dir")
			if realpath(r.GitDir()) != realpath(wantGitDir) {
				t.Errorf("git dir %s; git says %s", r.GitDir(), wantGitDir)
			}
			// A commit through the project lands in that repository, and git sees it there.
			c, err := p.WriteNew(func(int) string { return filepath.Join(p.Dir(), "a.md") }, []byte("# a\n"), Write{Commit: true, Message: func(string) string { return "add a" }})
			if err != nil {
				t.Fatal(err)
			}
			if got := gitIn(t, workDir, home, extra, "log", "-1", "--format=%H %s"); got != c.Hash+" add a" {
				t.Errorf("git log: %q, want %s add a", got, c.Hash)
			}
			if got := gitIn(t, workDir, home, extra, "status", "--porcelain", "--", filepath.Join(p.Dir(), "a.md")); got != "" {
				t.Errorf("git status: %q", got)
			}
		})
	}
}

func TestFindRootOutsideAndBroken(t *testing.T) {
	home := realpath(t.TempDir())
	env := func(k string) string { return map[string]string{"HOME": home, "GIT_CEILING_DIRECTORIES": home}[k] }
	dir := filepath.Join(home, "plain")
	os.MkdirAll(dir, 0o755)
	if root, in := FindRoot(dir, env); in || root != dir {
		t.Errorf("no repository: %s, %v", root, in)
	}
	gitIn(t, home, home, nil, "init", "-q", "--bare", filepath.Join(home, "bare.git"))
	if root, in := FindRoot(filepath.Join(home, "bare.git"), env); in || root != filepath.Join(home, "bare.git") {
		t.Errorf("bare repository: %s, %v", root, in)
	}
	p, err := Open(filepath.Join(home, "bare.git"), env, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.WriteNew(func(int) string { return filepath.Join(p.Root, "x.md") }, []byte("x"), Write{Commit: true, Message: func(string) string { return "m" }}); !errors.Is(err, gitrepo.ErrBare) {
		t.Errorf("commit in a bare repository: %v, want ErrBare", err)
	}
	// A broken .git file is a repository that cannot be opened: opening it says why.
	broken := filepath.Join(home, "broken")
	writeTestFile(t, filepath.Join(broken, ".git"), "gitdir: ../nowhere\n")
	os.MkdirAll(filepath.Join(broken, "sub"), 0o755)
	p, err = Open(filepath.Join(broken, "sub"), env, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	if !p.InRepo || p.Root != broken {
		t.Errorf("broken .git file: root %s, in repo %v", p.Root, p.InRepo)
	}
	if _, err := p.Repo(); !errors.Is(err, gitrepo.ErrNotRepository) || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("Repo: %v", err)
	}
	// A repository at the ceiling (a dotfiles repository in $HOME, with GIT_CEILING_DIRECTORIES=$HOME)
	// is not the one of a folder below it, as git finds none there: pm must not write into it.
	dotfiles := filepath.Join(home, "dotfiles")
	gitIn(t, home, home, nil, "init", "-q", dotfiles)
	below := filepath.Join(dotfiles, "work", "inc")
	os.MkdirAll(below, 0o755)
	ceiling := func(k string) string {
		if k == "GIT_CEILING_DIRECTORIES" {
			return dotfiles
		}
		return env(k)
	}
	if root, in := FindRoot(below, ceiling); in || root != below {
		t.Errorf("below GIT_CEILING_DIRECTORIES: %s, %v; want %s outside any repository", root, in, below)
	}
	os.WriteFile(filepath.Join(dotfiles, ".git", "HEAD"), []byte("broken"), 0o644) // unusable: the same
	if root, in := FindRoot(below, ceiling); in || root != below {
		t.Errorf("below GIT_CEILING_DIRECTORIES, a broken repository: %s, %v", root, in)
	}
	if root, in := FindRoot(below, env); !in || root != dotfiles {
		t.Errorf("a broken repository without the ceiling: %s, %v", root, in)
	}
	// A folder reached through a link is where the link leads, as git walks it: a link in the
	// dotfiles repository to a folder outside it (~/work → /data/work) is in no repository, and a
	// ceiling written through a link (…/hl for …/dotfiles) still holds.
	data := filepath.Join(home, "data", "work")
	os.MkdirAll(data, 0o755)
	os.WriteFile(filepath.Join(dotfiles, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	if err := os.Symlink(data, filepath.Join(dotfiles, "work-link")); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	if root, in := FindRoot(filepath.Join(dotfiles, "work-link"), env); in {
		t.Errorf("through a link out of the repository: %s, %v; want outside any repository", root, in)
	}
	hl := filepath.Join(home, "hl")
	os.Symlink(dotfiles, hl)
	linkedCeiling := func(k string) string {
		if k == "GIT_CEILING_DIRECTORIES" {
			return hl
		}
		return env(k)
	}
	if root, in := FindRoot(filepath.Join(hl, "work", "inc"), linkedCeiling); in {
		t.Errorf("below a ceiling written through a link: %s, %v", root, in)
	}
	// GIT_DIR naming nothing: the error names it.
	withGitDir := func(k string) string {
		if k == "GIT_DIR" {
			return filepath.Join(home, "missing")
		}
		return env(k)
	}
	p, err = Open(dir, withGitDir, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Repo(); !errors.Is(err, gitrepo.ErrNotRepository) || !strings.Contains(err.Error(), "GIT_DIR") {
		t.Errorf("Repo with a bad GIT_DIR: %v", err)
	}
}
