package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/go-git/go-git/v5/config"
)

// extensions.worktreeConfig (set by `git sparse-checkout` and by `git worktree` setups that keep
// per-worktree settings) only tells git to read <gitdir>/config.worktree after the repository's
// config. go-git refuses every repository with an extension it does not implement, and misspells
// this one's name in its version-0 check, so pm's storage (repoStorage) gives go-git the repository's
// config merged with config.worktree, as git reads them, without that one extension. Any other
// extension is still refused. Nothing else changes for pm: it reads the configuration with its own
// reader (loadConfig, which reads config.worktree too) and reads and writes the index itself; what a
// sparse checkout adds to the index (skip-worktree bits, sparse-directory entries) it keeps
// (see readIndex).

// errConfigReadOnly is returned by SetConfig of a merged configuration: pm never writes the git
// configuration, and writing the merged view back would copy the worktree's settings into the
// shared file.
var errConfigReadOnly = errors.New("pm does not write the git configuration")

// mergedWorktreeConfig returns the repository's config followed by config.worktree, without
// extensions.worktreeConfig.
func mergedWorktreeConfig(commonConfig, worktreeConfig string) (*config.Config, error) {
	var merged []byte
	for _, name := range []string{commonConfig, worktreeConfig} {
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read git config %s: %w", name, err)
		}
		merged = append(append(merged, data...), '\n')
	}
	cfg, err := config.ReadConfig(bytes.NewReader(merged))
	if err != nil {
		return nil, fmt.Errorf("read git config %s and %s: %w", commonConfig, worktreeConfig, err)
	}
	if cfg.Raw.HasSection("extensions") {
		ext := cfg.Raw.Section("extensions")
		ext.RemoveOption("worktreeConfig")
		if len(ext.Options) == 0 && len(ext.Subsections) == 0 {
			cfg.Raw.RemoveSection("extensions")
		}
	}
	return cfg, nil
}
