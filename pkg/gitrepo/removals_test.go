package gitrepo

import (
	"reflect"
	"testing"
)

// StagedRemovals lists what git diff --cached --diff-filter=D lists under a folder, and reads
// nothing of a folder the index's cache tree says is HEAD's.
func TestStagedRemovals(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	if got, err := f.repo.StagedRemovals("pm"); err != nil || got != nil {
		t.Fatalf("before the first commit: %v %v", got, err)
	}
	f.write("pm/a.md", "a\n")
	f.write("pm/sub/b.md", "b\n")
	f.write("other/c.md", "c\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "one")
	f.git(f.root, "rm", "-q", "other/c.md")
	if got, err := f.repo.StagedRemovals("pm"); err != nil || got != nil {
		t.Errorf("a removal outside the folder: %v %v", got, err)
	}
	f.git(f.root, "mv", "pm/sub/b.md", "pm/b2.md")
	f.git(f.root, "rm", "-q", "--cached", "pm/a.md")
	got, err := f.repo.StagedRemovals("pm")
	if want := []string{"pm/a.md", "pm/sub/b.md"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("StagedRemovals(pm) = %v, %v; want %v", got, err, want)
	}
	if got, err := f.repo.StagedRemovals(""); err != nil || len(got) != 3 {
		t.Errorf("StagedRemovals of the whole tree = %v, %v", got, err)
	}
	files, err := f.repo.IndexFiles(func(p string) bool { return p != "other/c.md" })
	if err != nil || len(files) != 1 || files[0].Path != "pm/b2.md" || string(files[0].Data) != "b\n" {
		t.Errorf("IndexFiles = %+v, %v", files, err)
	}
}
