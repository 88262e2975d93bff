//go:build unix

package hook

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// A named pipe where the merge hook goes is never opened: install --force moves it to its backup
// (uninstall puts it back), where reading it would hold pm until a writer came.
func TestForceMovesANamedPipeMergeHookWithoutOpeningIt(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	merge := filepath.Join(dir, ".git", "hooks", "pre-merge-commit")
	os.MkdirAll(filepath.Dir(merge), 0o755)
	if err := syscall.Mkfifo(merge, 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	var err error
	done := make(chan struct{})
	go func() { defer close(done); _, err = run(t, dir, true, Options{Force: true}) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("pm hook install --force did not return: it opened the named pipe")
	}
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(merge + ".pm-backup"); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("backup: %v %v, want the named pipe", fi, err)
	}
	if _, err := run(t, dir, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(merge); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after uninstall: %v %v, want the named pipe back", fi, err)
	}
}
