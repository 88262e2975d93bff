package gitrepo

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// An object that git repack (git gc, git maintenance) moved into a new pack after pm read the pack
// folder, removing its loose file, is read from the new pack, as git reads its pack folder again when
// an object is missing; pm then commits on top of it.
func TestReadObjectRepackedMeanwhile(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.commit("first", "a.md")
	f.git(f.root, "repack", "-q", "-a", "-d")
	f.write("b.md", "b\n")
	second := plumbing.NewHash(f.commit("second", "b.md"))
	f.reopen()
	c2, err := f.repo.commitObject(second)
	if err != nil {
		t.Fatal(err)
	}
	// the first commit is packed: pm's reader opens the pack folder, and go-git reads its list too
	if _, err := f.repo.commitObject(c2.ParentHashes[0]); err != nil {
		t.Fatal(err)
	}
	f.repo.storedHas(plumbing.NewHash(strings.Repeat("ab", 20)))
	f.git(f.root, "repack", "-q", "-a", "-d")
	if _, err := f.repo.readTree(c2.TreeHash); err != nil {
		t.Fatalf("the second commit's tree, repacked: %v", err)
	}
	f.write("c.md", "c\n")
	f.commit("third", "c.md")
}
