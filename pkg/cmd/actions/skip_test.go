//go:build unix

package actions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// A file pm actions cannot read is noted with why, one line each, and the command still exits 0: a
// link to nothing, a loop of links, a file pm may not read (not as root).
func TestSkipNotesSayWhy(t *testing.T) {
	dir := setup(t, tokyo)
	pmDir := filepath.Join(dir, "postmortems")
	if err := os.Symlink("nowhere.md", filepath.Join(pmDir, "dangling.md")); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	os.Symlink("loop.md", filepath.Join(pmDir, "loop.md"))
	want := []string{
		"pm: skipped postmortems/dangling.md: no such file or directory",
		"pm: skipped postmortems/loop.md: too many levels of symbolic links",
	}
	if os.Geteuid() != 0 {
		os.WriteFile(filepath.Join(pmDir, "secret.md"), []byte("---\ntitle: x\n---\n"), 0o000)
		want = append(want, "pm: skipped postmortems/secret.md: permission denied")
	}
	_, errOut, code := run(t, dir, nil)
	var got []string
	for _, l := range strings.Split(errOut, "\n") {
		if strings.HasPrefix(l, "pm: skipped") && !strings.Contains(l, "broken.md") {
			got = append(got, l)
		}
	}
	if code != 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("exit %d, notes:\n%s\nwant:\n%s", code, errOut, strings.Join(want, "\n"))
	}
}
