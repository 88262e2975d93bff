package fsutil

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	return 0, errors.New("no space left on device")
}

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := WriteFile(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content %q", b)
	}
	assertOnly(t, dir, "a.md")
}

func TestWriteFileFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	os.WriteFile(p, []byte("old"), 0o644)
	err := writeFile(p, []byte("new"), 0o644, func(io.Writer) io.Writer { return &failingWriter{} })
	if err == nil {
		t.Fatal("want an error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("content %q after failed write", b)
	}
	assertOnly(t, dir, "a.md")
}

func TestCreateExclusive(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := CreateExclusive(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CreateExclusive(p, []byte("two"), 0o644); !errors.Is(err, ErrExist) {
		t.Fatalf("second create: %v, want ErrExist", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Errorf("content %q", b)
	}
	err := createExclusive(filepath.Join(dir, "b.md"), []byte("x"), 0o644, func(io.Writer) io.Writer { return &failingWriter{} })
	if err == nil {
		t.Fatal("want an error from a failing writer")
	}
	assertOnly(t, dir, "a.md")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(names) {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Errorf("dir holds %v, want %v", got, names)
	}
}

// A second LockDir of one folder waits, told so, until the first is unlocked.
func TestLockDirTakesTurns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no advisory locks on Windows: builds do not take turns")
	}
	dir := t.TempDir()
	unlock, err := LockDir(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	told := make(chan bool, 1)
	done := make(chan bool)
	go func() {
		second, err := LockDir(dir, func() { told <- true })
		if err != nil {
			t.Error(err)
		}
		second()
		close(done)
	}()
	select {
	case <-told:
	case <-done:
		t.Fatal("the second lock did not wait")
	}
	unlock()
	<-done
}
