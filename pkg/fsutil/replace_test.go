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

// A script appending line by line opens the file anew for each line: one that writes in the instant
// pm's version stands in the file's place, before pm swaps the other program's version back, writes
// into pm's version. That file is then kept and named, never removed with those bytes in it.
func TestSwapBackKeepsWritesMadeMeanwhile(t *testing.T) {
	dir, keep := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "a.md")
	os.WriteFile(path, nil, 0o644)
	os.WriteFile(path+"2", nil, 0o644)
	if err := exchange(path, path+"2"); err != nil {
		t.Skipf("no atomic exchange here (%v): the file is read again before the rename instead", err)
	}
	os.Remove(path + "2")
	t.Cleanup(func() { afterExchange = nil })
	appendLate := func(path string) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("late\n")
		f.Close()
	}

	// ReplaceKeep: the file was edited after pm read it ("old"), and appended to after the swap
	os.WriteFile(path, []byte("edited\n"), 0o644)
	afterExchange = appendLate
	_, err := ReplaceKeep(path, []byte("old\n"), []byte("new\n"), 0o644, keep)
	afterExchange = nil
	var ke *KeptError
	if !errors.Is(err, ErrChanged) || !errors.As(err, &ke) {
		t.Fatalf("ReplaceKeep: %v, want a KeptError", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "edited\n" {
		t.Errorf("ReplaceKeep: file %q, want the other program's", b)
	}
	if b, _ := os.ReadFile(ke.Kept); string(b) != "new\nlate\n" {
		t.Errorf("ReplaceKeep: kept %s = %q, want the late write in it", ke.Kept, b)
	}
	os.Remove(ke.Kept)

	// PutBack: a hook edited the file pm wrote, and something appended to it after the swap
	os.WriteFile(path, []byte("old\n"), 0o644)
	kept, err := ReplaceKeep(path, []byte("old\n"), []byte("new\n"), 0o644, keep)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("hook\n"), 0o644)
	afterExchange = appendLate
	err = PutBack(path, []byte("new\n"), []byte("old\n"), kept, 0o644)
	afterExchange = nil
	ke = nil
	if !errors.Is(err, ErrChanged) || !errors.As(err, &ke) {
		t.Fatalf("PutBack: %v, want a KeptError", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "hook\n" {
		t.Errorf("PutBack: file %q, want the hook's", b)
	}
	if b, _ := os.ReadFile(ke.Kept); string(b) != "old\nlate\n" {
		t.Errorf("PutBack: kept %s = %q, want the late write in it", ke.Kept, b)
	}

	// nothing written meanwhile: the file pm moved away is removed, as before
	os.WriteFile(path, []byte("edited\n"), 0o644)
	if _, err := ReplaceKeep(path, []byte("old\n"), []byte("new\n"), 0o644, keep); !errors.Is(err, ErrChanged) || errors.As(err, &ke) {
		t.Errorf("no late write: %v, want ErrChanged alone", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left in %s: %v", dir, entries)
	}
}

// A hook removed the file pm wrote, and the commit failed: the file as it was before pm (which may
// hold the user's uncommitted edits, kept nowhere else) goes back, over nothing; a file made there
// meanwhile is left as it is.
func TestPutBackAfterTheFileWasRemoved(t *testing.T) {
	dir, keep := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "a.md")
	for _, keepDir := range []string{keep, ""} {
		os.WriteFile(path, []byte("old, with edits\n"), 0o640)
		kept, err := ReplaceKeep(path, []byte("old, with edits\n"), []byte("new\n"), 0o640, keepDir)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(path)
		if err := PutBack(path, []byte("new\n"), []byte("old, with edits\n"), kept, 0o640); err != nil {
			t.Errorf("keepDir %q: %v", keepDir, err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != "old, with edits\n" {
			t.Errorf("keepDir %q: file %q, %v; want the old one back", keepDir, b, err)
		}
		if fi, err := os.Stat(path); err == nil && fi.Mode().Perm() != 0o640 {
			t.Errorf("keepDir %q: mode %v", keepDir, fi.Mode())
		}
		// made again meanwhile: left as it is
		kept, _ = ReplaceKeep(path, []byte("old, with edits\n"), []byte("new\n"), 0o640, keepDir)
		os.Remove(path)
		os.WriteFile(path, []byte("hook\n"), 0o644)
		if err := PutBack(path, []byte("new\n"), []byte("old, with edits\n"), kept, 0o640); !errors.Is(err, ErrChanged) {
			t.Errorf("keepDir %q: remade file: %v", keepDir, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "hook\n" {
			t.Errorf("keepDir %q: remade file %q", keepDir, b)
		}
		for _, d := range []string{dir, keep} {
			if entries, _ := os.ReadDir(d); d == dir && len(entries) != 1 || d == keep && len(entries) != 0 {
				t.Errorf("keepDir %q: left in %s: %v", keepDir, d, entries)
			}
		}
	}
}
