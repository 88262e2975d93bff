package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenRepositoryFormat holds the repository format check to its rules: the version and
// extensions Discover reads from the repository's config (core.repositoryformatversion 0 or 1;
// only noop in version 0, noop and noop-v1 in version 1, worktreeConfig where it is applied),
// extensions of a subsection ignored, and every refusal naming what it refuses.
func TestOpenRepositoryFormat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, config string
		refused      string // "" opens; else a word the error must hold
	}{
		{"no version", "", ""},
		{"version 0", "[core]\n\trepositoryformatversion = 0\n", ""},
		{"version 1", "[core]\n\trepositoryformatversion = 1\n", ""},
		{"version 2", "[core]\n\trepositoryformatversion = 2\n", `"2"`},
		{"noop in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tnoop = true\n", ""},
		{"noop-v1 in version 0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tnoop-v1 = true\n", "noop-v1"},
		{"noop-v1 in version 1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tnoop-v1 = true\n", ""},
		{"unknown in version 1", "[core]\n\trepositoryformatversion = 1\n[Extensions]\n\tObjectFormat = sha256\n", "objectformat"},
		{"unknown without version", "[extensions]\n\tpartialClone = origin\n", "partialclone"},
		{"subsection", "[core]\n\trepositoryformatversion = 1\n[extensions \"x\"]\n\ty = z\n", ""},
		{"worktreeConfig applied", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = true\n", ""},
		{"worktreeConfig off", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = false\n", "worktreeconfig"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			mustNoErr(t, Init(root, nil))
			mustNoErr(t, os.WriteFile(filepath.Join(root, ".git", "config"), []byte(tc.config), 0o644))
			_, err := OpenWithEnv(root, noEnv)
			msg := "" // the error without the folder, whose name holds the test's
			if err != nil {
				msg = strings.ToLower(strings.ReplaceAll(err.Error(), root, "ROOT"))
			}
			switch {
			case tc.refused == "" && err != nil:
				t.Fatalf("open: %v", err)
			case tc.refused != "" && !errors.Is(err, ErrUnsupported):
				t.Fatalf("open = %v, want ErrUnsupported", err)
			case tc.refused != "" && !strings.Contains(msg, strings.ToLower(tc.refused)):
				t.Fatalf("open = %v, want it to name %s", err, tc.refused)
			}
		})
	}
	t.Run("no HEAD", func(t *testing.T) {
		t.Parallel()
		root := t.TempDir()
		mustNoErr(t, Init(root, nil))
		mustNoErr(t, os.Remove(filepath.Join(root, ".git", "HEAD")))
		if _, err := OpenWithEnv(root, noEnv); !errors.Is(err, ErrNotRepository) {
			t.Fatalf("open without HEAD = %v, want ErrNotRepository", err)
		}
	})
}
