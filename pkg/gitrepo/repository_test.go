package gitrepo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// TestOpenRepositoryFormat holds the repository format check to its rules, and to git's: the
// version and extensions Discover reads from the repository's config (core.repositoryformatversion
// 0 or 1, read as a number; in version 0 the extensions git knows for version 1 only refused, the
// others ignored as git ignores them; noop, partialClone, preciousObjects and noop-v1 in version 1,
// worktreeConfig applied; an extension under a subsection named "x.y", as git names it), every refusal naming
// what it refuses. Each case is also opened by git (`git status` in the same repository): where pm
// refuses what git opens, the row says why.
func TestOpenRepositoryFormat(t *testing.T) {
	t.Parallel()
	needGit(t)
	for _, tc := range []struct {
		name, config string
		refused      string // "" opens; else a word the error must hold
		gitOpens     bool
	}{
		{"no version", "", "", true},
		{"version 0", "[core]\n\trepositoryformatversion = 0\n", "", true},
		{"version 1", "[core]\n\trepositoryformatversion = 1\n", "", true},
		{"version 2", "[core]\n\trepositoryformatversion = 2\n", `"2"`, false},
		{"version 01", "[core]\n\trepositoryformatversion = 01\n", "", true},
		{"version -1", "[core]\n\trepositoryformatversion = -1\n", "", true},
		{"noop in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tnoop = true\n", "", true},
		{"noop-v1 in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tnoop-v1 = true\n", "noop-v1", false},
		{"noop-v1 in version 1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tnoop-v1 = true\n", "", true},
		{"unknown in version 1", "[core]\n\trepositoryformatversion = 1\n[Extensions]\n\tUnknownThing = 1\n", "unknownthing", false},
		// git ignores an extension it does not know in version 0, and every extension without a
		// version: so does pm (a hook that refused them stopped every commit there)
		{"unknown without version", "[extensions]\n\tunknownThing = 1\n", "", true},
		{"unknown in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tunknownThing = 1\n", "", true},
		{"refStorage in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\trefStorage = files\n", "", true},
		{"objectFormat sha1 without version", "[extensions]\n\tobjectFormat = sha1\n", "", true},
		// an older partial clone's promisor remote: pm has git fetch what the clone lacks
		{"partialClone without version", "[extensions]\n\tpartialClone = origin\n", "", true},
		{"partialClone in version 1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tpartialClone = origin\n", "", true},
		{"preciousObjects in version 1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tpreciousObjects = true\n", "", true},
		// a SHA-256 repository, which pm (go-git's storage, the index codec) cannot read
		{"objectFormat sha256", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectFormat = sha256\n", "SHA-256 object names (extensions.objectFormat = sha256)", true},
		// the default format written out: git reads it in version 1 (lower case only), not in 0
		{"objectFormat sha1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectFormat = sha1\n", "", true},
		{"objectFormat SHA1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectFormat = SHA1\n", "objectformat", false},
		{"objectFormat sha1 in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tobjectFormat = sha1\n", "objectformat", false},
		{"subsection", "[core]\n\trepositoryformatversion = 1\n[extensions \"x\"]\n\ty = z\n", "x.y", false},
		{"worktreeConfig applied", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = true\n", "", true},
		{"worktreeConfig off", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = false\n", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			mustNoErr(t, Init(root, nil))
			mustNoErr(t, os.WriteFile(filepath.Join(root, ".git", "config"), []byte(tc.config), 0o644))
			git := exec.Command("git", "status", "--porcelain")
			git.Dir, git.Env = root, gitEnv(t.TempDir())
			if out, err := git.CombinedOutput(); (err == nil) != tc.gitOpens {
				t.Errorf("git status: %v (%s), want git to open it: %v", err, out, tc.gitOpens)
			}
			_, err := OpenWithEnv(root, noEnv)
			msg := "" // the error without the folder, whose name holds the test's
			if err != nil {
				msg = strings.ToLower(strings.ReplaceAll(err.Error(), root, "ROOT"))
			}
			switch {
			case tc.refused == "" && err != nil:
				t.Fatalf("open: %v", err)
			case tc.refused != "" && !errors.Is(err, ErrUnsupported):
				t.Fatalf("open = %v, want ErrUnsupported", err)
			case tc.refused != "" && !strings.Contains(msg, strings.ToLower(tc.refused)):
				t.Fatalf("open = %v, want it to name %s", err, tc.refused)
			}
		})
	}
	t.Run("no HEAD", func(t *testing.T) {
		t.Parallel()
		root := t.TempDir()
		mustNoErr(t, Init(root, nil))
		mustNoErr(t, os.Remove(filepath.Join(root, ".git", "HEAD")))
		if _, err := OpenWithEnv(root, noEnv); !errors.Is(err, ErrNotRepository) {
			t.Fatalf("open without HEAD = %v, want ErrNotRepository", err)
		}
	})
}

// TestHeadLikeGoGit holds head's direct read of HEAD to go-git's resolution (and to git's rev-parse)
// in each shape HEAD takes: a branch with a loose ref, detached, a packed branch, an unborn branch,
// a branch that is itself a symbolic ref, a HEAD file with a CRLF ending, and a linked worktree's
// HEAD beside the common directory's branches.
func TestHeadLikeGoGit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	f.write("a.md", "a\n")
	first := f.commit("first", "a.md")
	f.write("a.md", "b\n")
	second := f.commit("second", "a.md")
	headFile := filepath.Join(f.root, ".git", "HEAD")
	branch := f.git(f.root, "symbolic-ref", "HEAD")

	check := func(shape, wantHash string, direct bool) {
		t.Helper()
		f.reopen()
		if (f.repo.looseHead() != nil) != direct {
			t.Errorf("%s: read directly %v, want %v", shape, !direct, direct)
		}
		got, err := f.repo.head()
		want, wantErr := storer.ResolveReference(f.repo.st, plumbing.HEAD)
		switch {
		case wantHash == "":
			if !errors.Is(err, plumbing.ErrReferenceNotFound) || !errors.Is(wantErr, plumbing.ErrReferenceNotFound) {
				t.Errorf("%s: head = %v, %v; go-git %v, %v; want not found", shape, got, err, want, wantErr)
			}
		case err != nil || wantErr != nil:
			t.Errorf("%s: head error %v, go-git's %v", shape, err, wantErr)
		case got.Name() != want.Name() || got.Hash() != want.Hash() || got.Hash().String() != wantHash:
			t.Errorf("%s: head = %s %s, go-git %s %s, want hash %s", shape, got.Name(), got.Hash(), want.Name(), want.Hash(), wantHash)
		}
		// git itself, on the same repository: the hash HEAD names, and the branch (HEAD when detached)
		gitHash := f.gitStdout(f.root, "rev-parse", "--verify", "-q", "HEAD")
		gitName := f.gitStdout(f.root, "rev-parse", "--symbolic-full-name", "HEAD")
		if wantHash == "" {
			gitName = "" // unborn: git names no commit
		}
		if err == nil && (got.Hash().String() != gitHash || string(got.Name()) != gitName) {
			t.Errorf("%s: head = %s %s, git rev-parse %s %s", shape, got.Name(), got.Hash(), gitName, gitHash)
		}
	}
	check("branch", second, true)
	f.git(f.root, "checkout", "-q", "--detach", first)
	check("detached", first, true)
	f.git(f.root, "checkout", "-q", strings.TrimPrefix(branch, "refs/heads/"))
	f.git(f.root, "pack-refs", "--all")
	check("packed branch", second, false)
	f.git(f.root, "symbolic-ref", "refs/heads/alias", branch)
	f.git(f.root, "symbolic-ref", "HEAD", "refs/heads/alias")
	check("branch that is a symbolic ref", second, false)
	f.git(f.root, "symbolic-ref", "HEAD", branch)
	f.git(f.root, "branch", "-q", "loose", first)
	mustNoErr(t, os.WriteFile(headFile, []byte("ref: refs/heads/loose\r\n"), 0o644))
	check("CRLF", first, true)
	f.git(f.root, "checkout", "-q", "--orphan", "unborn")
	check("unborn", "", false)
	f.git(f.root, "checkout", "-q", "-f", strings.TrimPrefix(branch, "refs/heads/"))

	wt := filepath.Join(t.TempDir(), "wt")
	f.git(f.root, "worktree", "add", "-q", "-b", "side", wt, first)
	r, err := OpenWithEnv(wt, noEnv)
	mustNoErr(t, err)
	got, err := r.head()
	mustNoErr(t, err)
	if got.Name() != "refs/heads/side" || got.Hash().String() != first {
		t.Errorf("linked worktree: head = %s %s, want refs/heads/side %s", got.Name(), got.Hash(), first)
	}
	if gitHash := f.gitStdout(wt, "rev-parse", "HEAD"); got.Hash().String() != gitHash {
		t.Errorf("linked worktree: head = %s, git rev-parse %s", got.Hash(), gitHash)
	}
}
