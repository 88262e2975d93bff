package gitrepo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// readShape is a repository layout with a work tree: where commands run, their environment, and
// the work tree.
type readShape struct {
	name  string
	build func(l *lab) (dir string, env map[string]string, root string)
}

var readShapes = []readShape{
	{"plain", func(l *lab) (string, map[string]string, string) {
		r := l.repo("plain")
		return r, nil, r
	}},
	{"GIT_DIR relative, GIT_WORK_TREE relative, from a subfolder", func(l *lab) (string, map[string]string, string) {
		r := l.repo("gd")
		return filepath.Join(r, "postmortems"), map[string]string{"GIT_DIR": "../.git", "GIT_WORK_TREE": ".."}, r
	}},
	{"GIT_DIR alone: the current folder is the work tree", func(l *lab) (string, map[string]string, string) {
		r := l.repo("gd")
		return r, map[string]string{"GIT_DIR": filepath.Join(r, ".git")}, r
	}},
	{"GIT_INDEX_FILE relative, from a subfolder (relative to the work tree's top, as for git)", func(l *lab) (string, map[string]string, string) {
		r := l.repo("idx")
		l.write(r, "postmortems/sub/.keep", "")
		return filepath.Join(r, "postmortems", "sub"), map[string]string{"GIT_INDEX_FILE": "other-index"}, r
	}},
	{"dotfiles: bare GIT_DIR, GIT_WORK_TREE=$HOME", func(l *lab) (string, map[string]string, string) {
		l.init(".dotfiles", "--bare", "-b", "main")
		env := map[string]string{"GIT_DIR": l.path(".dotfiles"), "GIT_WORK_TREE": l.home}
		l.write(l.home, "postmortems/a.md", "# a\n")
		l.gitEnv(l.home, env, "add", "postmortems/a.md")
		l.gitEnv(l.home, env, "commit", "-q", "-m", "first")
		mustNoErr(l.t, os.MkdirAll(l.path("elsewhere"), 0o755))
		return l.path("elsewhere"), env, l.home
	}},
	{"core.worktree", func(l *lab) (string, map[string]string, string) {
		l.git(l.home, "init", "-q", "-b", "main", "--separate-git-dir", l.path("store.git"), l.path("tree"))
		l.config(l.path("store.git"), "core.worktree", l.path("tree"))
		mustNoErr(l.t, os.Remove(l.path("tree", ".git")))
		env := map[string]string{"GIT_DIR": l.path("store.git")}
		l.write(l.path("tree"), "postmortems/a.md", "# a\n")
		l.gitEnv(l.home, env, "add", "postmortems/a.md")
		l.gitEnv(l.home, env, "commit", "-q", "-m", "first")
		return l.home, env, l.path("tree")
	}},
	{".git file", func(l *lab) (string, map[string]string, string) {
		r := l.repo("sep", "--separate-git-dir", l.path("sep.git"))
		return r, nil, r
	}},
	{"linked worktree", func(l *lab) (string, map[string]string, string) {
		r := l.repo("main")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		return filepath.Join(l.path("wt"), "postmortems"), nil, l.path("wt")
	}},
	{"clone --shared", func(l *lab) (string, map[string]string, string) {
		src := l.repo("src")
		l.git(l.home, "clone", "-q", "--shared", src, l.path("dst"))
		return l.path("dst"), nil, l.path("dst")
	}},
	{"split index, bare GIT_DIR and GIT_WORK_TREE (read through the git program)", func(l *lab) (string, map[string]string, string) {
		// Only the environment leads to this repository: git, run by pm in the work tree, must get it.
		l.init("split.git", "--bare", "-b", "main")
		env := map[string]string{"GIT_DIR": l.path("split.git"), "GIT_WORK_TREE": l.path("tree")}
		l.write(l.path("tree"), "postmortems/a.md", "# a\n")
		l.gitEnv(l.home, env, "add", "postmortems/a.md")
		l.gitEnv(l.home, env, "commit", "-q", "-m", "first")
		l.config(l.path("split.git"), "core.splitIndex", "true")
		l.gitEnv(l.home, env, "update-index", "--split-index")
		return l.home, env, l.path("tree")
	}},
}

// gitEnv runs git with a setup identity and extra variables, failing the test when it fails.
func (l *lab) gitEnv(dir string, extra map[string]string, args ...string) string {
	l.t.Helper()
	out, err := l.run(dir, merge(map[string]string{
		"GIT_AUTHOR_NAME": "Setup", "GIT_AUTHOR_EMAIL": "setup@example.com",
		"GIT_COMMITTER_NAME": "Setup", "GIT_COMMITTER_EMAIL": "setup@example.com",
	}, extra), setupArgs(args)...)
	if err != nil {
		l.t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func TestReadOnlyPathsInEveryShape(t *testing.T) {
	t.Parallel()
	var names []string
	for _, sh := range readShapes {
		names = append(names, sh.name)
	}
	// A layout the environment gives (with a relative index file, from a subfolder) and one whose
	// index git must read for pm (a bare store with a work tree elsewhere); the others are layouts
	// TestDiscoverLikeGit checks pm finds as git does, read as these are.
	quick := quickCases(t, names, "GIT_INDEX_FILE relative, from a subfolder (relative to the work tree's top, as for git)",
		"split index, bare GIT_DIR and GIT_WORK_TREE (read through the git program)")
	for _, sh := range readShapes {
		t.Run(sh.name, func(t *testing.T) {
			quick.only(t, sh.name)
			t.Parallel()
			l := newLab(t)
			dir, env, root := sh.build(l)
			// Ignore rules from everywhere git takes them, one of them through includeIf.
			l.write(l.home, "ignore-list", "secret.md\n")
			l.global("[includeIf \"gitdir:~/\"]\n\tpath = ~/.gitconfig-inc\n")
			l.write(l.home, ".gitconfig-inc", "[core]\n\texcludesFile = ~/ignore-list\n")
			l.write(root, "postmortems/.gitignore", "*.tmp\n")
			l.write(root, "postmortems/b.md", "# b\n")
			l.gitEnv(dir, env, "add", "--", filepath.Join(root, "postmortems"))
			l.gitEnv(dir, env, "commit", "-q", "-m", "second")
			l.write(root, "postmortems/a.md", "# a, staged\n")
			l.write(root, "postmortems/new.md", "# new, staged\n")
			l.gitEnv(dir, env, "add", "--", filepath.Join(root, "postmortems", "a.md"), filepath.Join(root, "postmortems", "new.md"))
			l.write(root, "postmortems/a.md", "# a, staged then changed again\n")
			l.write(root, "postmortems/b.md", "# b, changed\n")
			l.write(root, "postmortems/c.md", "# c, untracked\n")
			l.write(root, "postmortems/x.tmp", "ignored\n")
			l.write(root, "postmortems/secret.md", "ignored too\n")

			r, err := OpenWithEnv(dir, l.getenv(env))
			mustNoErr(t, err)
			if !same(r.Root(), root) {
				t.Fatalf("root %s, want %s", r.Root(), root)
			}
			inPM := func(p string) bool { return strings.HasPrefix(p, "postmortems/") }

			staged, err := r.StagedFiles(inPM)
			mustNoErr(t, err)
			var got []string
			for _, f := range staged {
				got = append(got, f.Path+"="+string(f.Data))
			}
			var want []string
			stagedPaths := nulSplit(l.gitEnv(dir, env, "diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=ACMT", "--", ":/postmortems"))
			for i, data := range l.blobs(dir, env, stagedPaths) {
				want = append(want, stagedPaths[i]+"="+data)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("StagedFiles:\n%q\ngit:\n%q", got, want)
			}

			changed, err := r.ChangedSince("HEAD~1", inPM, "postmortems")
			mustNoErr(t, err)
			set := map[string]bool{}
			for _, p := range nulSplit(l.gitEnv(dir, env, "diff", "--name-only", "-z", "--no-renames", "HEAD~1", "--", ":/postmortems")) {
				set[p] = true
			}
			for _, p := range nulSplit(l.gitEnv(dir, env, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ":/postmortems")) {
				set[p] = true
			}
			var wantChanged []string
			for p := range set {
				if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); err == nil {
					wantChanged = append(wantChanged, p)
				}
			}
			sort.Strings(wantChanged)
			if strings.Join(changed, " ") != strings.Join(wantChanged, " ") {
				t.Errorf("ChangedSince: %v\ngit: %v", changed, wantChanged)
			}

			// One check-ignore for the four paths: it prints those that are ignored, as it
			// would have answered for each alone.
			probe := []string{"postmortems/x.tmp", "postmortems/secret.md", "postmortems/c.md", "postmortems/a.md"}
			var stdin strings.Builder
			for _, p := range probe {
				stdin.WriteString(filepath.Join(root, filepath.FromSlash(p)) + "\x00")
			}
			cmd := l.command(dir, env, "check-ignore", "--no-index", "--stdin", "-z")
			cmd.Stdin = strings.NewReader(stdin.String())
			out, err := cmd.Output()
			var ee *exec.ExitError
			if err != nil && (!errors.As(err, &ee) || ee.ExitCode() != 1) {
				t.Fatalf("git check-ignore: %v", err)
			}
			gitIgnored := map[string]bool{}
			for _, p := range nulSplit(string(out)) {
				gitIgnored[p] = true
			}
			for _, p := range probe {
				ign, err := r.Ignored(p)
				mustNoErr(t, err)
				if want := gitIgnored[filepath.Join(root, filepath.FromSlash(p))]; ign != want {
					t.Errorf("Ignored(%s) = %v; git check-ignore says %v (it printed %q)", p, ign, want, out)
				}
			}

			// What review reads: files at a revision.
			files, err := r.FilesAt("HEAD~1", "postmortems")
			mustNoErr(t, err)
			wantFiles := strings.Fields(l.gitEnv(dir, env, "ls-tree", "-r", "--name-only", "--full-tree", "HEAD~1", "--", "postmortems"))
			if strings.Join(files, " ") != strings.Join(wantFiles, " ") {
				t.Errorf("FilesAt: %v\ngit: %v", files, wantFiles)
			}
		})
	}
}

func nulSplit(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\x00") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// blobs is what git cat-file --batch prints for the index entries of paths (full paths from the
// work tree's top): each staged content, as git show :path would print it, in one git run.
func (l *lab) blobs(dir string, env map[string]string, paths []string) []string {
	l.t.Helper()
	var stdin strings.Builder
	for _, p := range paths {
		stdin.WriteString(":" + p + "\n")
	}
	cmd := l.command(dir, env, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(stdin.String())
	out, err := cmd.Output()
	if err != nil {
		l.t.Fatalf("git cat-file --batch: %v", err)
	}
	var blobs []string
	for range paths {
		header, rest, ok := strings.Cut(string(out), "\n")
		f := strings.Fields(header)
		if !ok || len(f) != 3 || f[1] != "blob" {
			l.t.Fatalf("git cat-file --batch printed %q", header)
		}
		n, err := strconv.Atoi(f[2])
		if err != nil || n+1 > len(rest) {
			l.t.Fatalf("git cat-file --batch printed %q", header)
		}
		blobs = append(blobs, rest[:n])
		out = []byte(rest[n+1:])
	}
	return blobs
}
