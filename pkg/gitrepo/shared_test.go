//go:build unix

package gitrepo

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestSharedRepositoryLikeGit: with core.sharedRepository, what pm's commit creates (the object
// folders and files, the branch, the reflogs and their folders, the index) has the modes git gives
// what its own commit creates, in a twin repository.
func TestSharedRepositoryLikeGit(t *testing.T) {
	if !testenv.HaveGit() {
		t.Skip("no git")
	}
	old := syscall.Umask(0o022) // the modes depend on it; the same for both twins (git inherits it)
	defer syscall.Umask(old)
	for _, mask := range []int{0o022, 0o077, 0o002} {
		for _, value := range []string{"group", "true", "all", "0640", "0660", "0600", "0604", "umask", "false", ""} {
			t.Run(fmt.Sprintf("umask %03o, %q", mask, value), func(t *testing.T) {
				syscall.Umask(mask)
				defer syscall.Umask(0o022)
				modes := map[string]string{}
				for _, who := range []string{"git", "pm"} {
					f := newFixture(t)
					f.identity("T", "t@example.com")
					if value != "" {
						f.git(f.root, "config", "core.sharedRepository", value)
					}
					f.reopen()
					f.write("pm/a.md", "a\n")
					if who == "git" {
						f.git(f.root, "add", "pm/a.md")
						f.git(f.root, "commit", "-q", "-m", "a")
					} else {
						f.commit("a", "pm/a.md")
					}
					gitDir := filepath.Join(f.root, ".git")
					var list string
					for _, obj := range []string{"HEAD", "HEAD^{tree}", "HEAD:pm", "HEAD:pm/a.md"} {
						hex := f.git(f.root, "rev-parse", obj)
						hex = hex[:40]
						list += mode(t, filepath.Join(gitDir, "objects", hex[:2])) + " " + mode(t, filepath.Join(gitDir, "objects", hex[:2], hex[2:])) + " "
					}
					for _, p := range []string{"refs/heads/master", "logs/HEAD", "logs/refs", "logs/refs/heads", "logs/refs/heads/master", "index"} {
						list += p + "=" + mode(t, filepath.Join(gitDir, p)) + " "
					}
					modes[who] = list
				}
				if modes["pm"] != modes["git"] {
					t.Errorf("core.sharedRepository=%s:\n pm:  %s\n git: %s", value, modes["pm"], modes["git"])
				}
			})
		}
	}
	t.Run("a bad value", func(t *testing.T) {
		f := newFixture(t)
		f.identity("T", "t@example.com")
		f.git(f.root, "config", "core.sharedRepository", "0400")
		f.reopen()
		f.write("pm/a.md", "a\n")
		if _, err := f.repo.CommitOnly([]string{"pm/a.md"}, "a", sig("A"), sig("C")); err == nil {
			t.Error("core.sharedRepository=0400 (the owner cannot write) was accepted; git refuses it")
		}
	})
}

func mode(t *testing.T, path string) string {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	m := fi.Mode().Perm()
	if fi.Mode()&os.ModeSetgid != 0 {
		return fmt.Sprintf("2%03o", m)
	}
	return fmt.Sprintf("%04o", m)
}
