//go:build unix

package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// A file pm site cannot read is noted with why, one line each, and the build goes on; a file that
// could not be read is read again by the next build (chmod keeps its size and time, which the cache
// would otherwise take for unchanged).
func TestSiteSaysWhyAFileWasSkipped(t *testing.T) {
	dir := setup(t)
	pmDir := filepath.Join(dir, "postmortems")
	secret := filepath.Join(pmDir, "secret.md")
	src, _ := os.ReadFile(filepath.Join(pmDir, "2026-10-14-payment-api-timeouts.md"))
	want := strings.Join(testrepo.Unreadable(t, pmDir, "postmortems", src), "\n") + "\n"
	root := os.Geteuid() == 0
	if root {
		os.WriteFile(secret, src, 0o000) // readable all the same: the page check below is skipped
	}
	for i := 0; i < 2; i++ {
		_, errOut, code := run(t, dir, nil, "--out", "site")
		if code != 0 || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != strings.Count(want, "\n")+1 {
			t.Fatalf("build %d: exit %d, notes:\n%s\nwant:\n%s", i, code, errOut, want)
		}
	}
	if root {
		return
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "pm", "secret.html")); err == nil {
		t.Fatal("a page for a file pm could not read")
	}
	os.Chmod(secret, 0o644)
	if _, errOut, code := run(t, dir, nil, "--out", "site"); code != 0 || strings.Contains(errOut, "secret") {
		t.Fatalf("after chmod: exit %d: %s", code, errOut)
	}
	if !strings.Contains(testrepo.ReadFile(t, dir, "site/pm/secret.html"), "Payment API timeouts") {
		t.Error("the file made readable has no page")
	}
}
