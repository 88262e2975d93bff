package gitrepo

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// changes lists what WalkChanges reports under dir, one "commit-message-subject path old→new" line
// per change, with blobs shown as the content they hold ("-" for none).
func (f *fixture) changes(dir string) []string {
	f.t.Helper()
	var out []string
	err := f.repo.WalkChanges(dir, func(c Change) error {
		info := f.git(f.root, "log", "-1", "--format=%s", c.Commit)
		out = append(out, fmt.Sprintf("%s %s %s→%s", info, c.Path, f.blob(c.Old), f.blob(c.New)))
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) blob(h string) string {
	if h == "" {
		return "-"
	}
	data, err := f.repo.ReadBlob(h)
	if err != nil {
		f.t.Fatal(err)
	}
	return strings.TrimSpace(string(data))
}

func TestWalkChanges(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	if got := f.changes("pm"); len(got) != 0 {
		t.Fatalf("unborn branch: %q", got)
	}
	// Names that sort differently as files and as folders: "x-y.md" < "x.md" < "x/" in a tree.
	f.write("pm/x-y.md", "1")
	f.write("pm/x.md", "1")
	f.write("pm/x/z.md", "1")
	f.write("other.md", "1")
	f.commit("first", "pm/x-y.md", "pm/x.md", "pm/x/z.md", "other.md")
	f.write("pm/x-y.md", "2")
	f.write("pm/x.md", "2")
	f.write("pm/x/z.md", "2")
	f.write("other.md", "2")
	f.commit("second", "pm/x-y.md", "pm/x.md", "pm/x/z.md", "other.md")
	f.write("other.md", "3")
	f.commit("outside", "other.md")
	if err := os.Remove(filepath.Join(f.root, "pm", "x.md")); err != nil {
		t.Fatal(err)
	}
	f.git(f.root, "rm", "-q", "--cached", "pm/x.md")
	f.git(f.root, "commit", "-q", "-m", "removed")
	// A branch edits z.md; main edits x-y.md; the merge takes both and resolves nothing by hand.
	f.git(f.root, "checkout", "-q", "-b", "side")
	f.write("pm/x/z.md", "side")
	f.git(f.root, "commit", "-q", "-am", "on side")
	f.git(f.root, "checkout", "-q", "master")
	f.write("pm/x-y.md", "main")
	f.git(f.root, "commit", "-q", "-am", "on main")
	f.git(f.root, "merge", "-q", "--no-ff", "-m", "merge", "side")
	f.reopen()
	got := f.changes("pm")
	want := []string{
		"on main pm/x-y.md 2→main",
		"removed pm/x.md 2→-",
		"second pm/x-y.md 1→2",
		"second pm/x.md 1→2",
		"second pm/x/z.md 1→2",
		"first pm/x-y.md -→1",
		"first pm/x.md -→1",
		"first pm/x/z.md -→1",
		"on side pm/x/z.md 2→side",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes under pm:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	blobs, err := f.repo.BlobsAt("HEAD", "pm")
	if err != nil {
		t.Fatal(err)
	}
	if len(blobs) != 2 || f.blob(blobs["pm/x-y.md"]) != "main" || f.blob(blobs["pm/x/z.md"]) != "side" {
		t.Errorf("BlobsAt(HEAD, pm) = %v", blobs)
	}
	if _, err := f.repo.ReadBlob("not a hash"); err == nil {
		t.Error("ReadBlob of a malformed hash: no error")
	}
}
