//go:build unix

package gitrepo

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// within fails the test when f blocks, as reading a named pipe would.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked: a named pipe was opened")
	}
}

func TestNamedPipesAreNotRead(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.commit("base", "a.md")
	if err := syscall.Mkfifo(filepath.Join(f.root, "x.md"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(f.root, ".gitignore"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.write("b.md", "b\n")
	var changed []string
	var err error
	within(t, func() { changed, err = f.repo.ChangedSince("HEAD", nil) })
	if err != nil || len(changed) != 1 || changed[0] != "b.md" {
		t.Errorf("ChangedSince: %v, %v", changed, err)
	}
	within(t, func() { _, err = f.repo.Ignored("b.md") })
	if err != nil {
		t.Errorf("Ignored: %v", err)
	}
	within(t, func() { _, err = f.repo.CommitOnly([]string{"x.md"}, "pipe", sig("A"), sig("A")) })
	if !errors.Is(err, ErrBadPath) {
		t.Errorf("CommitOnly of a named pipe: %v", err)
	}
}
