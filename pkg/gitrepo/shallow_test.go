package gitrepo

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestShallowCloneLikeGit reads a clone of depth 1, whose commit's parent was not fetched, as git
// reads it: the commit is a root (HeadCommit lists every file as changed, CommitCount and the walk
// stop there), and a revision reaching past it names nothing. Before, HeadCommit and so pm audit
// stopped on the missing parent.
func TestShallowCloneLikeGit(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newEmptyFixture(t)
	server := filepath.Join(f.root, "server")
	f.git(f.root, "init", "-q", "-b", "main", server)
	s := &fixture{t: t, root: server, home: f.home, env: f.env}
	for _, msg := range []string{"first", "second", "third"} {
		s.write("postmortems/"+msg+".md", msg+"\n")
		f.git(server, "add", "-A")
		f.git(server, append(noMaintenance, "commit", "-qm", msg)...)
	}
	clone := filepath.Join(f.root, "clone")
	f.git(f.root, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(server), clone)
	c := &fixture{t: t, root: clone, home: f.home, env: f.env}
	c.reopen()

	if sh, err := c.repo.Shallow(); err != nil || !sh {
		t.Fatalf("Shallow() = %v, %v; want true", sh, err)
	}
	info, err := c.repo.HeadCommit()
	if err != nil {
		t.Fatalf("HeadCommit in a shallow clone: %v", err)
	}
	if want := strings.Fields(f.git(clone, "show", "--format=", "--name-only", "HEAD")); info.Parents != 0 || strings.Join(info.Files, " ") != strings.Join(want, " ") {
		t.Errorf("HeadCommit: %d parents, files %v; git show: a root adding %v", info.Parents, info.Files, want)
	}
	if n, err := c.repo.CommitCount(); err != nil || f.git(clone, "rev-list", "--count", "HEAD") != "1" || n != 1 {
		t.Errorf("CommitCount = %d, %v; git rev-list --count HEAD: %s", n, err, f.git(clone, "rev-list", "--count", "HEAD"))
	}
	var walked []string
	err = c.repo.WalkChanges("postmortems", func(ch Change) error {
		walked = append(walked, ch.Path)
		return nil
	})
	if err != nil || len(walked) != 3 {
		t.Errorf("WalkChanges: %v, %v; want the three files added by the one commit", walked, err)
	}
	for _, rev := range []string{"HEAD~1", "HEAD^{/first}", "HEAD^{/third}"} {
		_, gitErr := f.gitErr(clone, "rev-parse", "--verify", "-q", rev+"^0")
		_, err := c.repo.ResolveCommit(rev)
		if (gitErr == nil) != (err == nil) {
			t.Errorf("%s: pm %v, git rev-parse %v", rev, err, gitErr)
		}
	}
}
