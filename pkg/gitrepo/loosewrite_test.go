package gitrepo

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// tempObjects lists the temporary object files left anywhere in the object folder.
func tempObjects(t *testing.T, objects string) []string {
	t.Helper()
	var left []string
	filepath.Walk(objects, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasPrefix(filepath.Base(p), "tmp_obj_") {
			left = append(left, p)
		}
		return nil
	})
	return left
}

// pm writes a loose object as git does: its temporary file in the object's own folder, never in
// objects/pack (where a signal or a full disk left go-git's, and which need not be writable), and
// nothing left beside the object; git reads what it wrote.
func TestWriteLooseAsGit(t *testing.T) {
	f := newFixture(t)
	objects := filepath.Join(f.root, ".git", "objects")
	// objects/pack, where go-git's writer made its temporary file, is no folder pm can write in
	pack := filepath.Join(objects, "pack")
	os.RemoveAll(pack)
	os.WriteFile(pack, nil, 0o644)
	data := []byte("# a\n\nnon-ASCII: 日本語\n")
	h, err := f.repo.writeObject(plumbing.BlobObject, data)
	os.Remove(pack)
	os.Mkdir(pack, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.gitRaw("cat-file", "blob", h.String()); !bytes.Equal(got, data) {
		t.Errorf("git cat-file: %q", got)
	}
	hex := h.String()
	fi, err := os.Stat(filepath.Join(objects, hex[:2], hex[2:]))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o222 != 0 {
		t.Errorf("the object is writable: %v", fi.Mode())
	}
	// written again: nothing changes, nothing is left
	if h2, err := f.repo.writeObject(plumbing.BlobObject, data); err != nil || h2 != h {
		t.Errorf("again: %s, %v", h2, err)
	}
	if left := tempObjects(t, objects); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// The folder of an object, gone between two writes (git gc and git prune remove the folders they
// empty), is made again.
func TestWriteLooseFolderGone(t *testing.T) {
	f := newFixture(t)
	objects := filepath.Join(f.root, ".git", "objects")
	h, err := f.repo.writeObject(plumbing.BlobObject, []byte("one\n"))
	if err != nil {
		t.Fatal(err)
	}
	hex := h.String()
	os.RemoveAll(filepath.Join(objects, hex[:2]))
	if _, err := f.repo.writeObject(plumbing.BlobObject, []byte("one\n")); err != nil {
		t.Fatalf("the folder gone: %v", err)
	}
	if _, err := os.Stat(filepath.Join(objects, hex[:2], hex[2:])); err != nil {
		t.Fatal(err)
	}
	if left := tempObjects(t, objects); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}
