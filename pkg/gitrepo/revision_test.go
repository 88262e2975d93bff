package gitrepo

import (
	"errors"
	"strings"
	"testing"
)

// TestRevisionsOfAnOctopusMerge resolves revisions of a merge with three parents: ^1 and ^2 as git
// rev-parse does, ^3 refused (go-git's resolver would answer with the second parent).
func TestRevisionsOfAnOctopusMerge(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("postmortems/base.md", "base\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "base")
	main := strings.TrimSpace(f.git(f.root, "symbolic-ref", "--short", "HEAD"))
	for _, b := range []string{"b", "c"} {
		f.git(f.root, "checkout", "-q", "-b", b, main)
		f.write("postmortems/"+b+".md", b+"\n")
		f.git(f.root, "add", "-A")
		f.git(f.root, "commit", "-q", "-m", b)
	}
	f.git(f.root, "checkout", "-q", main)
	f.write("postmortems/main.md", "main\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "main")
	f.git(f.root, "merge", "-q", "-m", "octopus", "b", "c")
	f.reopen()
	for _, rev := range []string{"HEAD^1", "HEAD^2", "HEAD^", "HEAD~1", "HEAD^{/octopus}^2"} {
		want := strings.TrimSpace(f.git(f.root, "rev-parse", rev))
		got, err := f.repo.ResolveCommit(rev)
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; git rev-parse says %s", rev, got, err, want)
		}
	}
	for _, rev := range []string{"HEAD^3", "HEAD^03", "HEAD^12", "HEAD~1^3"} {
		_, err := f.repo.ChangedSince(rev, nil)
		if !errors.Is(err, ErrBadRevision) || !strings.Contains(err.Error(), "third or later parent") {
			t.Errorf("%s: %v, want a refusal", rev, err)
		}
	}
}
