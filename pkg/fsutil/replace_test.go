package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestReplaceIfUnchanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// unchanged: replaced, with the permissions asked for
	if err := ReplaceIfUnchanged(path, []byte("old\n"), []byte("new\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("file = %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v", fi.Mode())
	}
	// changed since it was read: refused, the other content kept
	if err := ReplaceIfUnchanged(path, []byte("old\n"), []byte("pm\n"), 0o644); !errors.Is(err, ErrChanged) {
		t.Errorf("changed file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("changed file = %q", b)
	}
	// removed since it was read: refused, nothing created
	os.Remove(path)
	if err := ReplaceIfUnchanged(path, []byte("new\n"), []byte("pm\n"), 0o644); !errors.Is(err, ErrChanged) {
		t.Errorf("removed file: %v", err)
	}
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Errorf("removed file came back: %v", err)
	}
	// replaced by a symbolic link to a file with the old content: not the file pm read
	target := filepath.Join(dir, "t.md")
	os.WriteFile(target, []byte("old\n"), 0o644)
	os.Symlink(target, path)
	if err := ReplaceIfUnchanged(path, []byte("old\n"), []byte("pm\n"), 0o644); err != nil && !errors.Is(err, ErrChanged) {
		t.Errorf("symlink: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old\n" {
		t.Errorf("the link's target was written: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "a.md" && e.Name() != "t.md" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// ReplaceKeep keeps the file it replaced in keepDir, and PutBack puts it back by a rename (the same
// file: no bytes written again, as a full disk needs), over pm's bytes only; neither leaves a file
// behind in the file's folder or in keepDir.
func TestReplaceKeepAndPutBack(t *testing.T) {
	dir, keep := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	kept, err := ReplaceKeep(path, []byte("old\n"), []byte("new\n"), 0o600, keep)
	if err != nil || kept == "" || filepath.Dir(kept) != keep {
		t.Fatalf("kept %q, %v", kept, err)
	}
	if b, _ := os.ReadFile(kept); string(b) != "old\n" {
		t.Errorf("kept %q", b)
	}
	if err := PutBack(path, []byte("new\n"), []byte("old\n"), kept, 0o600); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "old\n" || !os.SameFile(before, after) {
		t.Errorf("put back %q, the same file %v", b, os.SameFile(before, after))
	}
	// changed after pm wrote it: left as it is, the kept file gone
	kept, _ = ReplaceKeep(path, []byte("old\n"), []byte("new\n"), 0o600, keep)
	os.WriteFile(path, []byte("editor\n"), 0o600)
	if err := PutBack(path, []byte("new\n"), []byte("old\n"), kept, 0o600); !errors.Is(err, ErrChanged) {
		t.Errorf("changed: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "editor\n" {
		t.Errorf("file %q", b)
	}
	// the replacement stands: Discard
	kept, _ = ReplaceKeep(path, []byte("editor\n"), []byte("new\n"), 0o600, keep)
	Discard(kept)
	for _, d := range []string{dir, keep} {
		entries, _ := os.ReadDir(d)
		if d == dir && len(entries) != 1 || d == keep && len(entries) != 0 {
			t.Errorf("left in %s: %v", d, entries)
		}
	}
}
