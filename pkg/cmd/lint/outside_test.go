package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// secret is a file outside the project that a link in a pull request points at: no byte of it may
// reach lint's output, whatever the format.
const secret = "---\ntitle: SECRET-TOKEN-1234\n---\n# SECRET-TOKEN-1234\n\nWe had an outage. TODO\n"

// withLinkOut makes setup's folder with postmortems/leak.md and notes/leak.md, links to a file
// outside the project, and returns the folder.
func withLinkOut(t *testing.T) string {
	t.Helper()
	dir := setup(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte(secret), 0o644)
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	for _, link := range []string{"postmortems/leak.md", "notes/leak.md"} {
		if err := os.Symlink(outside, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			testenv.Skip(t, "no symbolic links:", err)
		}
	}
	return dir
}

func TestLintSkipsLinksOutOfTheProject(t *testing.T) {
	dir := withLinkOut(t)
	for _, format := range []string{"text", "json", "sarif", "github"} {
		for _, paths := range [][]string{nil, {"postmortems"}, {"."}} {
			out, errOut, code := run(t, dir, Options{Format: format, Paths: paths})
			if code != 1 || strings.Contains(out+errOut, "SECRET") || !strings.Contains(out, "bad.md") {
				t.Errorf("%s %v: exit %d, want 1 without the secret:\n%s%s", format, paths, code, out, errOut)
			}
			if !strings.Contains(errOut, "pm: skipped postmortems/leak.md: resolves outside the repository; pm does not read it\n") {
				t.Errorf("%s %v: no warning:\n%s", format, paths, errOut)
			}
		}
	}
}

// In a repository whose postmortems name others (related:), the relations rule reads the folder's
// front matter a second time: a file left out is still said once, not once per reading.
func TestLintSaysASkippedFileOnce(t *testing.T) {
	r := gitRepo(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte(secret), 0o644)
	if err := os.Symlink(outside, filepath.Join(r.Dir, "postmortems", "leak.md")); err != nil {
		testenv.Skip(t, "no symbolic links:", err)
	}
	doc := strings.Replace(string(readFixture(t, "clean.md")), "\nstatus_history:", "\nrelated: [other]\nstatus_history:", 1)
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "b.md"), []byte(doc), 0o644)
	for _, format := range []string{"text", "github"} {
		_, errOut, _ := run(t, r.Dir, Options{Format: format})
		if n := strings.Count(errOut, "pm: skipped postmortems/leak.md"); n != 1 {
			t.Errorf("%s: the skipped file said %d times, want once:\n%s", format, n, errOut)
		}
	}
}

func TestLintRefusesANamedLinkOutOfTheProject(t *testing.T) {
	dir := withLinkOut(t)
	for _, path := range []string{"postmortems/leak.md", "notes/leak.md"} {
		out, errOut, code := run(t, dir, Options{Paths: []string{"postmortems/clean.md", path}})
		if code != 2 || strings.Contains(out+errOut, "SECRET") || errOut != path+": resolves outside the repository; pm does not read it" {
			t.Errorf("%s: exit %d, want 2:\n%s%s", path, code, out, errOut)
		}
	}
}

func TestLintChangedSinceSkipsLinksOutOfTheRepository(t *testing.T) {
	r := gitRepo(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte(secret), 0o644)
	if err := os.Symlink(outside, filepath.Join(r.Dir, "postmortems", "leak.md")); err != nil {
		testenv.Skip(t, "no symbolic links:", err)
	}
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "b.md"), withOutage(t), 0o644)
	out, errOut, code := run(t, r.Dir, Options{ChangedSince: "HEAD"})
	if code != 1 || strings.Contains(out+errOut, "SECRET") || !strings.HasPrefix(out, "postmortems/b.md:") ||
		!strings.Contains(errOut, "pm: skipped postmortems/leak.md: resolves outside the repository; pm does not read it\n") {
		t.Errorf("exit %d, out %q, stderr %q", code, out, errOut)
	}
}

// A folder named outside the project is read within itself: its links out are skipped, its files
// linted.
func TestLintFolderOutsideIsItsOwnFence(t *testing.T) {
	dir := withLinkOut(t)
	elsewhere := t.TempDir()
	clean := readFixture(t, "clean.md")
	os.WriteFile(filepath.Join(elsewhere, "a.md"), clean, 0o644)
	os.Symlink(filepath.Join(dir, "notes", "leak.md"), filepath.Join(elsewhere, "b.md"))
	out, errOut, code := run(t, dir, Options{Paths: []string{elsewhere}})
	if code != 0 || strings.Contains(out+errOut, "SECRET") || !strings.Contains(errOut, "b.md: resolves outside the repository") ||
		!strings.Contains(errOut, "1 file linted") {
		t.Errorf("exit %d, out %q, stderr %q", code, out, errOut)
	}
}
