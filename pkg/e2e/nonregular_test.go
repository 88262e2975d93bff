//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestNonRegularFilesInTheFolder puts a named pipe x.md, a link y.md to it and a link z.md to
// a unix socket in the postmortem folder. Every command that lists the folder must skip them with one
// warning line each and carry on; one that is given such a file by name must refuse it (exit 2) without
// opening it: opening a named pipe blocks until a writer comes, which would hang pm for ever. Every run
// has a timeout (pmTimed), so a hang fails the test instead of stalling it.
func TestNonRegularFilesInTheFolder(t *testing.T) {
	t.Parallel()
	r, path := withPostmortem(t, "first")
	dir := filepath.Dir(path)
	if err := syscall.Mkfifo(filepath.Join(dir, "x.md"), 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	os.Symlink("x.md", filepath.Join(dir, "y.md"))
	testenv.SocketLink(t, filepath.Join(dir, "z.md"))
	warnings := []string{
		"pm: skipped postmortems/x.md: not a regular file (a named pipe)",
		"pm: skipped postmortems/y.md: not a regular file (a symbolic link to a named pipe)",
		"pm: skipped postmortems/z.md: not a regular file (a symbolic link to a socket)",
	}
	skips := func(what, out string) {
		t.Helper()
		for _, w := range warnings {
			if strings.Count(out, w+"\n") != 1 {
				t.Errorf("%s: want the warning %q once:\n%s", what, w, out)
			}
		}
	}
	before := r.snapshot()

	for _, args := range [][]string{{"lint"}, {"lint", "postmortems"}} {
		out, code := r.pmTimed(args...)
		if code != 0 || !strings.Contains(out, "1 file linted") {
			t.Errorf("pm %v: exit %d\n%s", args, code, out)
		}
		skips(strings.Join(args, " "), out)
	}
	// A named pipe cannot be staged (git add skips it) nor seen by git: --staged and --changed-since
	// lint the real files only. The untracked link to the pipe is listed by git and skipped by pm.
	r.write("postmortems/2026-11-20-second.md", "not a postmortem\n")
	r.git("add", "postmortems/2026-11-20-second.md")
	if out, code := r.pmTimed("lint", "--staged"); code != 1 || !strings.Contains(out, "postmortems/2026-11-20-second.md:") || strings.Contains(out, "x.md") {
		t.Errorf("pm lint --staged: exit %d\n%s", code, out)
	}
	if out, code := r.pmTimed("lint", "--changed-since", "HEAD"); code != 1 || !strings.Contains(out, "postmortems/2026-11-20-second.md:") ||
		!strings.Contains(out, warnings[1]) || strings.Contains(out, "x.md") {
		t.Errorf("pm lint --changed-since: exit %d\n%s", code, out)
	}
	r.git("rm", "-q", "--cached", "postmortems/2026-11-20-second.md")
	os.Remove(filepath.Join(dir, "2026-11-20-second.md"))

	out, code := r.pmTimed("list")
	if code != 0 || !strings.Contains(out, "2026-11-20-first") {
		t.Errorf("pm list: exit %d\n%s", code, out)
	}
	skips("list", out)
	if out, code := r.pmTimed("actions"); code != 0 {
		t.Errorf("pm actions: exit %d\n%s", code, out)
	} else {
		skips("actions", out)
	}
	// Resolution by name: the only open postmortem and a part of its id still resolve; the pipe's own id
	// names it, refused as named explicitly.
	for _, args := range [][]string{{"status"}, {"status", "first"}} {
		if out, code := r.pmTimed(args...); code != 0 || !strings.Contains(out, "2026-11-20-first") {
			t.Errorf("pm %v: exit %d\n%s", args, code, out)
		}
	}
	if out, code := r.pmTimed("status", "x"); code != 2 || out != "pm: read postmortems/x.md: not a regular file (a named pipe)\n" {
		t.Errorf("pm status x: exit %d\n%s", code, out)
	}
	r.unchanged(before)

	// Named explicitly, the file is an error: reported like an unreadable file, exit 2.
	for _, args := range [][]string{
		{"lint", "postmortems/x.md"},
		{"lint", "postmortems/y.md"},
		{"status", "postmortems/x.md"},
		{"status", "in-review", "postmortems/x.md", "--force"},
		{"status", "postmortems/z.md"},
	} {
		out, code := r.pmTimed(args...)
		if code != 2 || !strings.Contains(out, "not a regular file") {
			t.Errorf("pm %v: exit %d, want 2 and not a regular file\n%s", args, code, out)
		}
	}
	r.unchanged(before)
	r.clean("postmortems/2026-11-20-first.md")
}
