package gitrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// revFixture commits a base and a later change, and points origin/main and the tag v1 at the base.
// It is a copy of one made once per test binary.
func revFixture(t *testing.T) (*fixture, string) {
	t.Helper()
	f := pmTemplate(t, "rev", func(r *Repo, root string) error {
		if err := writeFiles(root, "pm/a.md", "a v1\n", "pm/gone.md", "gone\n", "pm/sub/deep.md", "deep\n", "README.md", "readme\n"); err != nil {
			return err
		}
		base, err := r.CommitOnly([]string{"pm/a.md", "pm/gone.md", "pm/sub/deep.md", "README.md"}, "base", sig("Author"), sig("Committer"))
		if err != nil {
			return err
		}
		for _, ref := range []plumbing.ReferenceName{"refs/remotes/origin/main", "refs/tags/v1"} {
			if err := r.st.SetReference(plumbing.NewHashReference(ref, plumbing.NewHash(base))); err != nil {
				return err
			}
		}
		if err := writeFiles(root, "pm/a.md", "a v2\n", "pm/new.md", "new\n"); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(root, "pm/gone.md")); err != nil {
			return err
		}
		if _, err := r.CommitOnly([]string{"pm/a.md", "pm/new.md", "pm/gone.md"}, "change", sig("Author"), sig("Committer")); err != nil {
			return err
		}
		return writeFiles(root, "pm/a.md", "a v3 in the work tree\n")
	})
	return f, refHash(t, filepath.Join(f.root, ".git"), "refs/tags/v1")
}

func TestFileAt(t *testing.T) {
	t.Parallel()
	f, base := revFixture(t)
	cases := []struct {
		rev, path string
		want      string
		ok        bool
	}{
		{"origin/main", "pm/a.md", "a v1\n", true},
		{"v1", "pm/gone.md", "gone\n", true},
		{base, "pm/sub/deep.md", "deep\n", true},
		{base[:10], "pm/a.md", "a v1\n", true},
		{"HEAD", "pm/a.md", "a v2\n", true}, // the commit, not the work tree
		{"HEAD~1", "pm/a.md", "a v1\n", true},
		{"master", "pm/new.md", "new\n", true},
		{"origin/main", "pm/new.md", "", false}, // added since
		{"HEAD", "pm/gone.md", "", false},       // deleted since
		{"HEAD", "pm/sub", "", false},           // a folder is not a file
		{"HEAD", "pm/nope/x.md", "", false},
	}
	for _, c := range cases {
		data, ok, err := f.repo.FileAt(c.rev, c.path)
		if err != nil {
			t.Errorf("FileAt(%s, %s): %v", c.rev, c.path, err)
			continue
		}
		if ok != c.ok || string(data) != c.want {
			t.Errorf("FileAt(%s, %s) = %q, %v; want %q, %v", c.rev, c.path, data, ok, c.want, c.ok)
		}
	}
	if out := f.git(f.root, "show", "origin/main:pm/a.md"); out != "a v1" {
		t.Errorf("git show disagrees: %q", out)
	}
}

func TestFileAtErrors(t *testing.T) {
	t.Parallel()
	f, _ := revFixture(t)
	_, _, err := f.repo.FileAt("no-such-branch", "pm/a.md")
	wantErr(t, err, ErrBadRevision)
	if !strings.Contains(err.Error(), "no-such-branch") {
		t.Errorf("error does not name the revision: %v", err)
	}
	for _, p := range []string{"/etc/passwd", "../x.md", "pm/../a.md", ".git/config", ""} {
		if _, _, err := f.repo.FileAt("HEAD", p); err == nil {
			t.Errorf("FileAt(HEAD, %q) accepted a bad path", p)
		} else {
			wantErr(t, err, ErrBadPath)
		}
	}
	empty := newFixture(t)
	_, _, err = empty.repo.FileAt("HEAD", "a.md")
	wantErr(t, err, ErrBadRevision) // an unborn branch names no commit
}

func TestResolveCommit(t *testing.T) {
	t.Parallel()
	f, base := revFixture(t)
	for _, rev := range []string{"origin/main", "v1", "HEAD~1", base[:7]} {
		h, err := f.repo.ResolveCommit(rev)
		if err != nil || h != base {
			t.Errorf("ResolveCommit(%s) = %s, %v; want %s", rev, h, err, base)
		}
	}
	_, err := f.repo.ResolveCommit("origin/nope")
	wantErr(t, err, ErrBadRevision)
}

func TestFilesAt(t *testing.T) {
	t.Parallel()
	f, _ := revFixture(t)
	cases := []struct{ rev, dir, want string }{
		{"origin/main", "pm", "pm/a.md pm/gone.md pm/sub/deep.md"},
		{"origin/main", "pm/", "pm/a.md pm/gone.md pm/sub/deep.md"},
		{"origin/main", "", "README.md pm/a.md pm/gone.md pm/sub/deep.md"},
		{"origin/main", ".", "README.md pm/a.md pm/gone.md pm/sub/deep.md"},
		{"HEAD", "pm", "pm/a.md pm/new.md pm/sub/deep.md"},
		{"HEAD", "pm/sub", "pm/sub/deep.md"},
		{"HEAD", "nothing-here", ""},
		{"HEAD", "README.md", ""}, // a file is not a folder
	}
	for _, c := range cases {
		got, err := f.repo.FilesAt(c.rev, c.dir)
		if err != nil {
			t.Errorf("FilesAt(%s, %q): %v", c.rev, c.dir, err)
			continue
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("FilesAt(%s, %q) = %q, want %q", c.rev, c.dir, strings.Join(got, " "), c.want)
		}
	}
	if out := f.git(f.root, "ls-tree", "-r", "--name-only", "origin/main", "--", "pm"); out != "pm/a.md\npm/gone.md\npm/sub/deep.md" {
		t.Errorf("git ls-tree disagrees: %q", out)
	}
	_, err := f.repo.FilesAt("nope", "pm")
	wantErr(t, err, ErrBadRevision)
	_, err = f.repo.FilesAt("HEAD", "../up")
	wantErr(t, err, ErrBadPath)
}

func TestRemoteHead(t *testing.T) {
	t.Parallel()
	f, _ := revFixture(t)
	if name, ok, err := f.repo.RemoteHead("origin"); err != nil || ok {
		t.Errorf("without origin/HEAD: %q, %v, %v", name, ok, err)
	}
	mustNoErr(t, f.repo.st.SetReference(plumbing.NewSymbolicReference("refs/remotes/origin/HEAD", "refs/remotes/origin/main")))
	if name, ok, err := f.repo.RemoteHead("origin"); err != nil || !ok || name != "origin/main" {
		t.Errorf("RemoteHead(origin) = %q, %v, %v; want origin/main", name, ok, err)
	}
	if _, ok, _ := f.repo.RemoteHead("upstream"); ok {
		t.Error("RemoteHead(upstream) found a remote that does not exist")
	}
}

// TestRemoteHeadAfterClone checks the record `git clone` writes.
func TestRemoteHeadAfterClone(t *testing.T) {
	t.Parallel()
	f, _ := revFixture(t)
	needGit(t)
	clone := filepath.Join(t.TempDir(), "clone")
	f.git(f.root, "clone", "-q", f.root, clone)
	r, err := OpenWithEnv(clone, f.getenv)
	mustNoErr(t, err)
	name, ok, err := r.RemoteHead("origin")
	if err != nil || !ok || name != "origin/master" {
		t.Errorf("RemoteHead in a clone = %q, %v, %v; want origin/master", name, ok, err)
	}
	data, ok, err := r.FileAt(name, "pm/a.md")
	if err != nil || !ok || string(data) != "a v2\n" {
		t.Errorf("FileAt(%s) in a clone = %q, %v, %v", name, data, ok, err)
	}
}
