package gitrepo

import (
	"errors"
	"strings"
	"testing"
)

// TestShallowCloneLikeGit reads a clone of depth 1, whose commit's parent was not fetched, as git
// reads it: the commit is a root (HeadCommit lists every file as changed, CommitCount and the walk
// stop there), and a revision reaching past it names nothing. Before, HeadCommit and so pm audit
// stopped on the missing parent.
func TestShallowCloneLikeGit(t *testing.T) {
	t.Parallel()
	f, c := cloneOfServer(t, []string{"first\n", "second\n", "third\n"}, "--depth", "1")
	clone := c.root

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
	if err != nil || len(walked) != 4 {
		t.Errorf("WalkChanges: %v, %v; want the four files added by the one commit", walked, err)
	}
	for _, rev := range []string{"HEAD~1", "HEAD^{/0}", "HEAD^{/2}"} {
		_, gitErr := f.gitErr(clone, "rev-parse", "--verify", "-q", rev+"^0")
		_, err := c.repo.ResolveCommit(rev)
		if (gitErr == nil) != (err == nil) {
			t.Errorf("%s: pm %v, git rev-parse %v", rev, err, gitErr)
		}
	}
	// names no commit, and says why it may not: the clone is shallow, fetch more (a CI checkout at
	// depth 1 comparing with HEAD~1 was told to check a branch name)
	_, err = c.repo.ResolveCommit("HEAD~1")
	if !errors.Is(err, ErrBeyondShallow) || !errors.Is(err, ErrBadRevision) || !strings.Contains(err.Error(), "git fetch --deepen") ||
		strings.Contains(err.Error(), "beyond the shallow history") {
		t.Errorf("HEAD~1 past the shallow boundary: %v", err)
	}
	f.reopen()
	if _, err := f.repo.ResolveCommit("nosuch"); errors.Is(err, ErrBeyondShallow) || !errors.Is(err, ErrBadRevision) {
		t.Errorf("in the full repository: %v", err)
	}
}
