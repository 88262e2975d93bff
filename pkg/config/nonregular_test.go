//go:build unix

package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

func TestLoadRefusesANamedPipe(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, config.FileName), 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	done := make(chan error)
	go func() { _, err := config.Load(root); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Load error = %v, want not a regular file", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a named pipe")
	}
}

// A .pm.yaml that is a symbolic link out of the project's folder (committed in a pull request, say)
// is not read: its target's text would reach pm's messages (a YAML error quotes what it found). A
// link inside the folder is read, and so is one that leads nowhere inside it (the read says so).
func TestLoadRefusesALinkOutside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("SECRET_TOKEN_abc more text\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, target, want string }{
		{"absolute", outside, "a symbolic link to a file outside the repository"},
		{"relative", "../" + filepath.Base(filepath.Dir(outside)) + "/secret", ""}, // judged below
		{"dangling outside", "/nonexistent/pm.yaml", "a symbolic link to a file outside the repository"},
		{"inside", "settings/pm.yaml", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "settings"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "settings", "pm.yaml"), []byte("dir: incidents\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			target := c.target
			if c.name == "relative" {
				rel, err := filepath.Rel(root, outside)
				if err != nil {
					t.Fatal(err)
				}
				target = rel
			}
			if err := os.Symlink(target, filepath.Join(root, config.FileName)); err != nil {
				testenv.Skipf(t, "symlink: %v", err)
			}
			cfg, err := config.Load(root)
			switch {
			case c.name == "inside":
				if err != nil || cfg.Dir != "incidents" {
					t.Errorf("a link inside: %v, %+v", err, cfg)
				}
			case err == nil || !strings.Contains(err.Error(), "a symbolic link to a file outside the repository") || strings.Contains(err.Error(), "SECRET"):
				t.Errorf("Load error = %v", err)
			}
		})
	}
}
