package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pm started through a symbolic link (a package manager's bin/pm, leading to a versioned file an
// upgrade deletes) writes the link into the hook as the pm to fall back to, not the file it leads to.
func TestHookFallsBackToTheLinkPmWasStartedBy(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	cellar := filepath.Join(t.TempDir(), "Cellar", "pm", "1.0", "bin")
	os.MkdirAll(cellar, 0o755)
	versioned := filepath.Join(cellar, "pm")
	if err := os.Link(pmBin, versioned); err != nil {
		t.Skipf("hard link: %v", err)
	}
	bin := t.TempDir()
	link := filepath.Join(bin, "pm")
	if err := os.Symlink(versioned, link); err != nil {
		t.Skipf("symbolic link: %v", err)
	}
	for i, kv := range r.env {
		if path, ok := strings.CutPrefix(kv, "PATH="); ok {
			r.env[i] = "PATH=" + bin + string(os.PathListSeparator) + path
		}
	}
	for _, start := range []string{link, "pm"} { // by its path, and by its name on PATH
		out, err := r.run("sh", "-c", `"$0" hook install`, start)
		if err != nil {
			t.Fatalf("%s hook install: %v\n%s", start, err, out)
		}
		data, _ := os.ReadFile(filepath.Join(r.dir, ".git", "hooks", "pre-commit"))
		if !strings.Contains(string(data), "pm='"+link+"'") {
			t.Errorf("started as %s: the hook falls back to another pm than %s:\n%s", start, link, data)
		}
		os.Remove(filepath.Join(r.dir, ".git", "hooks", "pre-commit"))
	}
}
