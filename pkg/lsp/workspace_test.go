package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/project"
)

// TestPostmortemInDotDotFolder: a postmortem folder whose name begins with two dots ("..notes") is
// the workspace's own, not a place above it; a file above the root is not a postmortem.
func TestPostmortemInDotDotFolder(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "..notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".pm.yaml"), []byte("dir: ..notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(root, func(string) string { return "" }, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	ws := &workspace{proj: p}
	if !ws.isPostmortem(filepath.Join(p.Root, "..notes", "2026-01-01-x.md")) {
		t.Error("a postmortem of the folder ..notes is not taken for one")
	}
	if ws.isPostmortem(filepath.Join(filepath.Dir(p.Root), "2026-01-01-x.md")) {
		t.Error("a file above the root is taken for a postmortem")
	}
}
