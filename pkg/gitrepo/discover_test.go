package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// shape is a repository layout and where pm (and git) are run in it.
type shape struct {
	name  string
	build func(l *lab) (dir string, env map[string]string)
}

// shapes are the repository layouts git supports that pm must find as git does.
var shapes = []shape{
	{"plain, at the root", func(l *lab) (string, map[string]string) {
		return l.repo("plain"), nil
	}},
	{"plain, in a subfolder", func(l *lab) (string, map[string]string) {
		return filepath.Join(l.repo("plain"), "postmortems"), nil
	}},
	{"plain, through a symlinked folder", func(l *lab) (string, map[string]string) {
		r := l.repo("real/plain")
		mustNoErr(l.t, os.Symlink(filepath.Dir(r), l.path("link")))
		return l.path("link", "plain", "postmortems"), nil
	}},
	{"GIT_DIR absolute, no work tree: the current folder is the work tree", func(l *lab) (string, map[string]string) {
		r := l.repo("gd")
		return r, map[string]string{"GIT_DIR": filepath.Join(r, ".git")}
	}},
	{"GIT_DIR absolute, run in a subfolder: the subfolder is the work tree", func(l *lab) (string, map[string]string) {
		r := l.repo("gd")
		return filepath.Join(r, "postmortems"), map[string]string{"GIT_DIR": filepath.Join(r, ".git")}
	}},
	{"GIT_DIR relative to the current folder", func(l *lab) (string, map[string]string) {
		r := l.repo("gd")
		return filepath.Join(r, "postmortems"), map[string]string{"GIT_DIR": "../.git", "GIT_WORK_TREE": ".."}
	}},
	{"dotfiles: bare GIT_DIR with GIT_WORK_TREE=$HOME", func(l *lab) (string, map[string]string) {
		l.init(".dotfiles", "--bare", "-b", "main")
		env := map[string]string{"GIT_DIR": l.path(".dotfiles"), "GIT_WORK_TREE": l.home}
		l.write(l.home, ".bashrc", "alias x=y\n")
		if _, err := l.run(l.home, env, "add", ".bashrc"); err != nil {
			l.t.Fatal(err)
		}
		mustNoErr(l.t, os.MkdirAll(l.path("somewhere", "deep"), 0o755))
		return l.path("somewhere", "deep"), env
	}},
	{"GIT_WORK_TREE relative", func(l *lab) (string, map[string]string) {
		r := l.repo("gwt")
		return r, map[string]string{"GIT_DIR": ".git", "GIT_WORK_TREE": "postmortems/.."}
	}},
	{"GIT_WORK_TREE without GIT_DIR: the discovered repository, that work tree", func(l *lab) (string, map[string]string) {
		r := l.repo("gwt2")
		mustNoErr(l.t, os.MkdirAll(l.path("other"), 0o755))
		return r, map[string]string{"GIT_WORK_TREE": l.path("other")}
	}},
	{"core.worktree absolute, discovered", func(l *lab) (string, map[string]string) {
		r := l.repo("cw")
		mustNoErr(l.t, os.MkdirAll(l.path("cw-tree"), 0o755))
		l.config(filepath.Join(r, ".git"), "core.worktree", l.path("cw-tree"))
		return r, nil
	}},
	{"core.worktree relative, with GIT_DIR", func(l *lab) (string, map[string]string) {
		l.init("store/repo.git", "--bare", "-b", "main")
		mustNoErr(l.t, os.MkdirAll(l.path("store", "tree"), 0o755))
		l.config(l.path("store", "repo.git"), "core.bare", "false", "core.worktree", "../tree")
		return l.home, map[string]string{"GIT_DIR": l.path("store", "repo.git")}
	}},
	{"core.worktree in a bare repository, run inside it", func(l *lab) (string, map[string]string) {
		l.init("b.git", "--bare", "-b", "main")
		mustNoErr(l.t, os.MkdirAll(l.path("b-tree"), 0o755))
		l.config(l.path("b.git"), "core.bare", "false", "core.worktree", l.path("b-tree"))
		return l.path("b.git", "refs"), nil
	}},
	{".git file from --separate-git-dir", func(l *lab) (string, map[string]string) {
		return filepath.Join(l.repo("sep", "--separate-git-dir", l.path("sep.git")), "postmortems"), nil
	}},
	{"linked worktree, at its root", func(l *lab) (string, map[string]string) {
		r := l.repo("main")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		return l.path("wt"), nil
	}},
	{"linked worktree, in a subfolder", func(l *lab) (string, map[string]string) {
		r := l.repo("main")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		return l.path("wt", "postmortems"), nil
	}},
	{"linked worktree named by GIT_DIR", func(l *lab) (string, map[string]string) {
		r := l.repo("main")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		return l.path("wt"), map[string]string{"GIT_DIR": filepath.Join(r, ".git", "worktrees", "wt")}
	}},
	{"linked worktree: the main work tree's core.worktree does not apply", func(l *lab) (string, map[string]string) {
		r := l.repo("main")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		l.config(filepath.Join(r, ".git"), "core.worktree", r)
		return l.path("wt"), nil
	}},
	{"GIT_DIR naming a .git file", func(l *lab) (string, map[string]string) {
		r := l.repo("sep", "--separate-git-dir", l.path("sep.git"))
		return r, map[string]string{"GIT_DIR": filepath.Join(r, ".git")}
	}},
	{"GIT_CEILING_DIRECTORIES above the repository's root stops nothing", func(l *lab) (string, map[string]string) {
		r := l.repo("ceil")
		return filepath.Join(r, "postmortems"), map[string]string{"GIT_CEILING_DIRECTORIES": l.home}
	}},
	{"GIT_CEILING_DIRECTORIES at the repository's root hides it", func(l *lab) (string, map[string]string) {
		r := l.repo("ceil")
		return filepath.Join(r, "postmortems"), map[string]string{"GIT_CEILING_DIRECTORIES": r}
	}},
	{"bare repository", func(l *lab) (string, map[string]string) {
		l.init("bare.git", "--bare")
		return l.path("bare.git", "refs"), nil
	}},
	{"core.bare true in .git", func(l *lab) (string, map[string]string) {
		r := l.repo("cb")
		l.config(filepath.Join(r, ".git"), "core.bare", "true")
		return r, nil
	}},
	{"core.bare true but GIT_WORK_TREE set", func(l *lab) (string, map[string]string) {
		r := l.repo("cb")
		l.config(filepath.Join(r, ".git"), "core.bare", "true")
		return r, map[string]string{"GIT_WORK_TREE": r}
	}},
	{"no repository", func(l *lab) (string, map[string]string) {
		mustNoErr(l.t, os.MkdirAll(l.path("nothing", "here"), 0o755))
		return l.path("nothing", "here"), map[string]string{"GIT_CEILING_DIRECTORIES": l.home}
	}},
	{"GIT_DIR naming no repository", func(l *lab) (string, map[string]string) {
		r := l.repo("x")
		return r, map[string]string{"GIT_DIR": l.path("missing")}
	}},
	{"invalid .git file", func(l *lab) (string, map[string]string) {
		l.write(l.home, "broken/.git", "not a gitdir line\n")
		return l.path("broken"), nil
	}},
	{".git file naming no repository", func(l *lab) (string, map[string]string) {
		l.write(l.home, "dangling/.git", "gitdir: ../nowhere\n")
		return l.path("dangling"), nil
	}},
}

// gitLayout asks git where the repository is from dir: its git directory, common directory and
// work tree, or the error git gives. One rev-parse prints them in order; where there is no work
// tree, --show-toplevel, last, fails after the others have printed.
func gitLayout(l *lab, dir string, env map[string]string) (gitDir, commonDir, workTree string, bare bool, err error) {
	out, err := l.run(dir, env, "rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir", "--is-bare-repository", "--show-toplevel")
	f := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	switch {
	case err != nil && out == "":
		return "", "", "", false, err
	case err != nil && len(f) == 3:
		return f[0], f[1], "", true, nil // no work tree
	case err != nil || len(f) != 4:
		l.t.Fatalf("rev-parse printed %q (%v)", out, err)
	}
	if f[2] == "true" {
		return f[0], f[1], "", true, nil
	}
	return f[0], f[1], f[3], false, nil
}

func TestDiscoverLikeGit(t *testing.T) {
	t.Parallel()
	var names []string
	for _, sh := range shapes {
		names = append(names, sh.name)
	}
	// Of each family one or more: plain (a subfolder through a symlink), GIT_DIR (absolute,
	// relative), GIT_WORK_TREE, core.worktree, a .git file, a linked worktree, a ceiling, bare, a
	// broken .git file.
	quick := quickCases(t, names, "plain, through a symlinked folder",
		"GIT_DIR absolute, no work tree: the current folder is the work tree", "GIT_DIR relative to the current folder",
		"dotfiles: bare GIT_DIR with GIT_WORK_TREE=$HOME", "core.worktree absolute, discovered",
		".git file from --separate-git-dir", "linked worktree, in a subfolder",
		"GIT_CEILING_DIRECTORIES at the repository's root hides it", "bare repository", "invalid .git file")
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			quick.only(t, sh.name)
			t.Parallel()
			l := newLab(t)
			dir, extra := sh.build(l)
			gitDir, commonDir, workTree, bare, gitErr := gitLayout(l, dir, extra)
			got, err := Discover(dir, l.getenv(extra))
			if gitErr != nil {
				if err == nil {
					t.Fatalf("git fails (%v) but Discover found %+v", gitErr, got)
				}
				if !errors.Is(err, ErrNotRepository) {
					t.Errorf("Discover: %v, want ErrNotRepository", err)
				}
				if _, err := OpenWithEnv(dir, l.getenv(extra)); err == nil || strings.Contains(err.Error(), "\n") {
					t.Errorf("OpenWithEnv: %v, want a one-line error", err)
				}
				return
			}
			mustNoErr(t, err)
			if !same(got.GitDir, gitDir) || !same(got.CommonDir, commonDir) {
				t.Errorf("git dir %s, common dir %s; git says %s, %s", got.GitDir, got.CommonDir, gitDir, commonDir)
			}
			if bare {
				if !got.Bare() {
					t.Errorf("work tree %s; git sees none", got.WorkTree)
				}
				_, err := OpenWithEnv(dir, l.getenv(extra))
				wantErr(t, err, ErrBare)
				return
			}
			if !same(got.WorkTree, workTree) {
				t.Errorf("work tree %q; git says %q", got.WorkTree, workTree)
			}
			r, err := OpenWithEnv(dir, l.getenv(extra))
			mustNoErr(t, err)
			if !same(r.Root(), workTree) || !same(r.GitDir(), gitDir) || !same(r.CommonDir(), commonDir) {
				t.Errorf("Repo: root %s, git dir %s, common dir %s", r.Root(), r.GitDir(), r.CommonDir())
			}
			// The layout, pinned, finds the same repository from its root, as pkg/project opens it.
			again, err := Discover(got.WorkTree, got.Env(l.getenv(extra)))
			mustNoErr(t, err)
			if !same(again.GitDir, got.GitDir) || !same(again.WorkTree, got.WorkTree) || !same(again.CommonDir, got.CommonDir) {
				t.Errorf("reopened from the root: %+v, want %+v", again, got)
			}
		})
	}
}

func TestDiscoverKeepsTheLogicalPath(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	r := l.repo("real/plain")
	mustNoErr(t, os.Symlink(filepath.Dir(r), l.path("link")))
	got, err := Discover(l.path("link", "plain", "postmortems"), l.getenv(nil))
	mustNoErr(t, err)
	if got.WorkTree != l.path("link", "plain") {
		t.Errorf("work tree %s, want the path through the link", got.WorkTree)
	}
}

func TestDiscoverStopsAtFileSystemBoundary(t *testing.T) {
	t.Parallel()
	// /proc and /dev/shm are other file systems on Linux; their parents are not repositories, so
	// the only check is that the boundary stops the search with its own message.
	dir := "/dev/shm"
	if _, err := os.Stat(dir); err != nil {
		testenv.Skip(t, "no /dev/shm")
	}
	l := newLab(t)
	_, gitErr := l.run(dir, nil, "rev-parse", "--git-dir")
	_, err := Discover(dir, l.getenv(nil))
	if gitErr == nil || err == nil {
		testenv.Skipf(t, "a repository around %s: git %v, pm %v", dir, gitErr, err)
	}
	wantErr(t, err, ErrNotRepository)
	if strings.Contains(gitErr.Error(), "filesystem boundary") != strings.Contains(err.Error(), "file system boundary") {
		t.Errorf("git: %v\npm: %v", gitErr, err)
	}
}
