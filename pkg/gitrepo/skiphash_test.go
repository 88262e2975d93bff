package gitrepo

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// TestSkipHashIndex: an index written with index.skipHash (newer git, with feature.manyFiles) ends
// with a checksum of zeros. pm reads it, commits beside what the user staged, and git is content.
// Any other wrong checksum is still an error.
func TestSkipHashIndex(t *testing.T) {
	t.Parallel()
	f := gitFixture(t)
	f.write("docs/user.txt", "staged by the user\n")
	f.git(f.root, "add", "docs/user.txt")
	name := filepath.Join(f.root, ".git", "index")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	zeroed := append(bytes.Clone(data[:len(data)-20]), make([]byte, 20)...)
	if err := os.WriteFile(name, zeroed, 0o644); err != nil {
		t.Fatal(err)
	}
	f.reopen()

	staged, err := f.repo.StagedFiles(nil)
	if err != nil || len(staged) != 1 || staged[0].Path != "docs/user.txt" {
		t.Fatalf("StagedFiles with a zero checksum: %+v %v", staged, err)
	}
	f.write("postmortems/a.md", "a\n")
	f.commit("a", "postmortems/a.md")
	f.judge(f.root, "postmortems/a.md")
	if got := f.git(f.root, "status", "--porcelain"); got != "A  docs/user.txt" {
		t.Errorf("status %q, want only the user's staged file", got)
	}

	// A checksum that is wrong but not zero: git diff --cached reads the index without checking it
	// (only git fsck hashes it), and so does StagedFiles; a commit, which writes the index, refuses.
	data, _ = os.ReadFile(name)
	data[len(data)-1] ^= 0xff
	os.WriteFile(name, data, 0o644)
	f.reopen()
	staged, err = f.repo.StagedFiles(nil)
	if err != nil || len(staged) != 1 || staged[0].Path != "docs/user.txt" {
		t.Errorf("StagedFiles with a wrong checksum: %+v %v, want what git diff --cached lists", staged, err)
	}
	if got := f.git(f.root, "diff", "--cached", "--name-only"); got != "docs/user.txt" {
		t.Errorf("git diff --cached --name-only = %q", got)
	}
	f.write("postmortems/b.md", "b\n")
	if _, err := f.repo.CommitOnly([]string{"postmortems/b.md"}, "b", sig("Author"), sig("Committer")); !errors.Is(err, gitindex.ErrChecksum) {
		t.Errorf("commit over a damaged index: %v, want ErrChecksum", err)
	}
}
