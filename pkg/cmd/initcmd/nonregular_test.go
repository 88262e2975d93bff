//go:build unix

package initcmd

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// A .gitignore that is a named pipe or a folder is refused in one line naming it once, before
// anything is written: pm never opens a named pipe, which would hold it until a writer comes.
func TestInitRefusesAGitignoreThatIsNotAFile(t *testing.T) {
	for name, mk := range map[string]func(string) error{
		"named pipe": func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"folder":     func(p string) error { return os.Mkdir(p, 0o755) },
	} {
		t.Run(name, func(t *testing.T) {
			r := testrepo.New(t, "A", "a@example.com")
			if err := mk(filepath.Join(r.Dir, ".gitignore")); err != nil {
				testenv.Skipf(t, "%s: %v", name, err)
			}
			var err error
			done := make(chan struct{})
			go func() { defer close(done); _, err = run(t, r.Dir, Options{}) }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("pm init did not return: it opened the .gitignore")
			}
			if cmdutil.ExitCode(err) != 2 || strings.Count(err.Error(), ".gitignore") != 1 {
				t.Errorf("%v: want exit 2 and .gitignore named once", err)
			}
			if _, err := os.Lstat(filepath.Join(r.Dir, ".pm.yaml")); err == nil {
				t.Error(".pm.yaml written")
			}
		})
	}
}
