package gitrepo

import (
	"reflect"
	"strings"
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

// TestStagedRemovalsAfterTheWalk: once StagedFiles has walked the index against HEAD (as pm lint
// --staged does first), StagedRemovals answers from that walk when it proved there is nothing to
// remove; in every state here its answer is still git's own (git diff --cached --diff-filter=D),
// also when the index changed after the walk.
func TestStagedRemovalsAfterTheWalk(t *testing.T) {
	needGit(t)
	for _, c := range []struct {
		name  string
		setup func(f *fixture)
	}{
		{"a change", func(f *fixture) { f.write("pm/a.md", "a2\n"); f.git(f.root, "add", "pm/a.md") }},
		{"an addition", func(f *fixture) { f.write("pm/new.md", "n\n"); f.git(f.root, "add", "pm/new.md") }},
		{"a removal", func(f *fixture) { f.git(f.root, "rm", "-q", "--cached", "pm/a.md") }},
		{"a removal and a change", func(f *fixture) {
			f.git(f.root, "rm", "-q", "--cached", "pm/sub/b.md")
			f.write("pm/a.md", "a2\n")
			f.git(f.root, "add", "pm/a.md")
		}},
		{"a folder removed", func(f *fixture) { f.git(f.root, "rm", "-q", "-r", "--cached", "pm/sub") }},
		{"a rename", func(f *fixture) { f.git(f.root, "mv", "pm/a.md", "pm/z.md") }},
		{"the last file of a folder removed, a file added after it", func(f *fixture) {
			f.git(f.root, "rm", "-q", "--cached", "other/c.md")
			f.write("zz.md", "z\n")
			f.git(f.root, "add", "zz.md")
		}},
		{"a file become a folder", func(f *fixture) {
			f.git(f.root, "rm", "-q", "pm/a.md")
			f.write("pm/a.md/x.md", "x\n")
			f.git(f.root, "add", "pm/a.md/x.md")
		}},
		{"intent to add", func(f *fixture) {
			f.write("pm/i.md", "i\n")
			f.git(f.root, "add", "-N", "pm/i.md")
			f.git(f.root, "rm", "-q", "--cached", "pm/a.md")
		}},
		{"nothing staged", func(f *fixture) {}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.identity("A", "a@example.com")
			f.write("pm/a.md", "a\n")
			f.write("pm/sub/b.md", "b\n")
			f.write("other/c.md", "c\n")
			f.git(f.root, "add", "-A")
			f.git(f.root, "commit", "-q", "-m", "one")
			c.setup(f)
			want := func() []string {
				var out []string
				for _, p := range strings.Split(f.git(f.root, "diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=D"), "\x00") {
					if p != "" {
						out = append(out, p)
					}
				}
				return out
			}
			if _, err := f.repo.StagedFiles(nil); err != nil {
				t.Fatal(err)
			}
			if got, err := f.repo.StagedRemovals(""); err != nil || !reflect.DeepEqual(got, want()) {
				t.Errorf("after the walk: %v, %v; git: %v", got, err, want())
			}
			// the index changed since the walk: answered anew
			if _, err := f.repo.StagedFiles(nil); err != nil {
				t.Fatal(err)
			}
			f.git(f.root, "rm", "-q", "--cached", "--ignore-unmatch", "other/c.md", "pm/sub/b.md")
			if got, err := f.repo.StagedRemovals(""); err != nil || !reflect.DeepEqual(got, want()) {
				t.Errorf("after a later removal: %v, %v; git: %v", got, err, want())
			}
		})
	}
}

// TestStagedRemovalsAfterHEADMoved: git reset --soft moves HEAD and leaves the index file as it is;
// a walk's "nothing removed" against the HEAD before does not answer for the HEAD after.
func TestStagedRemovalsAfterHEADMoved(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("pm/a.md", "a\n")
	f.write("pm/b.md", "b\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "one")
	f.git(f.root, "rm", "-q", "pm/b.md")
	f.git(f.root, "commit", "-q", "-m", "two")
	if _, err := f.repo.StagedFiles(nil); err != nil {
		t.Fatal(err)
	}
	f.git(f.root, "reset", "-q", "--soft", "HEAD~1")
	if got, err := f.repo.StagedRemovals("pm"); err != nil || !reflect.DeepEqual(got, []string{"pm/b.md"}) {
		t.Errorf("after git reset --soft: %v, %v; want [pm/b.md]", got, err)
	}
}

// The walk's "no removals" is said of the index it read: an index that replaced it while the walk
// ran (another git add, git rm) is not vouched for, and StagedRemovals reads it.
func TestStagedRemovalsIndexReplacedDuringTheWalk(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("pm/a.md", "a\n")
	f.write("pm/b.md", "b\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "one")
	f.write("pm/a.md", "a2\n")
	f.git(f.root, "add", "pm/a.md")
	f.reopen()
	v, fi, release, err := f.repo.readStagedViewInfo()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	f.git(f.root, "rm", "-q", "--cached", "pm/b.md") // while the walk reads the index before
	if _, _, _, _, err := f.repo.stagedEntries(v, fi, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := f.repo.StagedRemovals("pm"); err != nil || !reflect.DeepEqual(got, []string{"pm/b.md"}) {
		t.Errorf("StagedRemovals after the index was replaced during the walk = %v, %v; want [pm/b.md]", got, err)
	}
}
