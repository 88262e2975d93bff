//go:build unix

package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
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
	t.Parallel()
	f, _ := pmBase(t)
	if err := syscall.Mkfifo(filepath.Join(f.root, "x.md"), 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
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

// TestNamedPipesInGitFiles: a named pipe as an included config file, an alternates file or a
// .gitattributes never blocks: git would hang on the first two, pm refuses with a clear error, and
// skips the third with git's warning.
func TestNamedPipesInGitFiles(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	if err := syscall.Mkfifo(filepath.Join(f.root, ".gitattributes"), 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	f.write("a.md", "b\n")
	var err error
	within(t, func() {
		_, err = f.repo.CommitOnly([]string{"a.md"}, "beside a piped .gitattributes", sig("A"), sig("A"))
	})
	if err != nil {
		t.Errorf("commit beside a .gitattributes that is a named pipe: %v", err)
	}

	fifo := filepath.Join(t.TempDir(), "included")
	mustNoErr(t, syscall.Mkfifo(fifo, 0o644))
	appendFile(t, filepath.Join(f.repo.CommonDir(), "config"), "[include]\n\tpath = "+fifo+"\n")
	f.write("a.md", "c\n")
	within(t, func() { _, err = f.repo.CommitOnly([]string{"a.md"}, "pipe", sig("A"), sig("A")) })
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("config include that is a named pipe: %v", err)
	}
}

// TestLooseTreeFIFOIsRefused: a named pipe in place of a loose tree object would hang a plain open;
// pm lint --staged reports it as not a regular file.
func TestLooseTreeFIFOIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	f.write("postmortems/a.md", "# a\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "-c", "gc.auto=0", "commit", "-q", "-m", "base")
	f.write("postmortems/a.md", "# a changed\n")
	f.git(f.root, "add", "-A")
	tree := f.git(f.root, "rev-parse", "HEAD:postmortems")
	loose := filepath.Join(f.root, ".git", "objects", tree[:2], tree[2:])
	mustNoErr(t, os.Remove(loose))
	if err := syscall.Mkfifo(loose, 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	f.reopen()
	var err error
	within(t, func() { _, err = f.repo.StagedFiles(nil) })
	if !errors.Is(err, ErrBadPath) {
		t.Errorf("a named pipe for the loose tree: %v, want ErrBadPath", err)
	}
}

// An index pm cannot open is named once in the error, with the system's reason.
func TestUnreadableIndexNamedOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	name := filepath.Join(file, "index") // under a file: "not a directory", whoever runs the test
	_, _, _, err := readIndexBytes(name)
	if err == nil || strings.Count(err.Error(), name) != 1 || !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("%v: want %s named once, and why", err, name)
	}
}
