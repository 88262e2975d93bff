//go:build unix

package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewLeavesOutLinksOutOfTheRepository: a postmortem in the pull request that is a symbolic link
// out of the repository (to a file of the reviewing machine, or to none) is left out with pm lint's
// note, so that nothing of the machine reaches the review; the rest is reviewed as ever.
func TestReviewLeavesOutLinksOutOfTheRepository(t *testing.T) {
	r := newRepo(t)
	secret := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(secret, []byte("---\ntitle: the password is hunter2\nowner: root\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(r.Dir, "postmortems", "leak.md")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink("../../../../../nonexistent/x.md", filepath.Join(r.Dir, "postmortems", "gone.md")); err != nil {
		t.Fatal(err)
	}
	r.Git("add", "postmortems")
	r.Git("commit", "-qm", "links")
	for _, format := range []string{"text", "markdown"} {
		out, errOut, code := run(t, r.Dir, r.Env, "--format", format)
		if code != 0 || strings.Contains(out, "hunter2") || strings.Contains(out, "root") || strings.Contains(out, "leak") || strings.Contains(out, "gone") {
			t.Errorf("%s: exit %d, the review shows the links:\n%s\n%s", format, code, out, errOut)
		}
		for _, want := range []string{
			"pm: skipped postmortems/gone.md: resolves outside the repository; pm does not read it\n",
			"pm: skipped postmortems/leak.md: resolves outside the repository; pm does not read it\n",
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", format, want, errOut)
			}
		}
	}
}
