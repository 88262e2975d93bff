package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// extensions.worktreeConfig (set by `git sparse-checkout` and by `git worktree` setups that keep
// per-worktree settings) only tells git to read <gitdir>/config.worktree after the repository's
// config. go-git refuses every repository with an extension it does not implement, and misspells
// this one's name in its version-0 check, so pm opens such a repository through worktreeConfigStorage,
// which merges config.worktree into the configuration as git does and hides that one extension. Any
// other extension is still refused. Nothing else changes for pm: it reads the configuration with its
// own reader (loadConfig, which reads config.worktree too) and reads and writes the index itself;
// what a sparse checkout adds to the index (skip-worktree bits) it keeps, and a sparse index it refuses
// (see readIndex).

// worktreeConfigStorage is a repository's storage whose Config is the repository's config followed
// by <gitdir>/config.worktree, without extensions.worktreeConfig.
type worktreeConfigStorage struct {
	*filesystem.Storage
	commonConfig   string // <commondir>/config
	worktreeConfig string // <gitdir>/config.worktree
}

// errConfigReadOnly is returned by SetConfig: pm never writes the git configuration, and writing the
// merged view back would copy the worktree's settings into the shared file.
var errConfigReadOnly = errors.New("pm does not write the git configuration")

// Config returns the merged configuration.
func (s *worktreeConfigStorage) Config() (*config.Config, error) {
	var merged []byte
	for _, name := range []string{s.commonConfig, s.worktreeConfig} {
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
		return nil, fmt.Errorf("read git config %s and %s: %w", s.commonConfig, s.worktreeConfig, err)
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

// SetConfig refuses: see errConfigReadOnly.
func (s *worktreeConfigStorage) SetConfig(*config.Config) error { return errConfigReadOnly }

// isExtensionError reports whether go-git refused to open a repository because of its extensions.
func isExtensionError(err error) bool {
	return errors.Is(err, git.ErrUnknownExtension) || errors.Is(err, git.ErrUnsupportedExtensionRepositoryFormatVersion)
}

// openWorktreeConfig opens the repository around dir, found as go-git's PlainOpen finds it (the
// nearest .git folder or .git file at or above dir), through worktreeConfigStorage. It is used only
// when extensions.worktreeConfig is set: with any other extension it fails as PlainOpen did.
func openWorktreeConfig(dir string) (*git.Repository, error) {
	work, dot, err := findDotGit(dir)
	if err != nil {
		return nil, err
	}
	commonDir, err := commonDirOf(dot)
	if err != nil {
		return nil, err
	}
	var common billy.Filesystem
	if commonDir != dot {
		if _, err := os.Stat(commonDir); err != nil {
			return nil, git.ErrRepositoryIncomplete
		}
		common = osfs.New(commonDir)
	}
	fs := dotgit.NewRepositoryFilesystem(osfs.New(dot), common)
	st := &worktreeConfigStorage{
		Storage:        filesystem.NewStorage(fs, cache.NewObjectLRUDefault()),
		commonConfig:   filepath.Join(commonDir, "config"),
		worktreeConfig: filepath.Join(dot, "config.worktree"),
	}
	cfg, err := st.Storage.Config()
	if err != nil {
		return nil, err
	}
	if !worktreeConfigOn(cfg) {
		return nil, fmt.Errorf("extensions other than worktreeConfig: %w", git.ErrUnknownExtension)
	}
	return git.Open(st, osfs.New(work))
}

// worktreeConfigOn reports whether the repository's own config sets extensions.worktreeConfig true.
func worktreeConfigOn(cfg *config.Config) bool {
	if !cfg.Raw.HasSection("extensions") {
		return false
	}
	for _, o := range cfg.Raw.Section("extensions").Options {
		if o.IsKey("worktreeConfig") {
			b, ok := parseBool(o.Value)
			return ok && b
		}
	}
	return false
}

// findDotGit returns the work tree and git directory of the repository at or above dir: the first
// folder holding .git, which is the git directory itself or a file naming it ("gitdir: …", as in
// linked worktrees and submodules).
func findDotGit(dir string) (work, gitDir string, err error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	for d := dir; ; {
		p := filepath.Join(d, ".git")
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			return d, p, nil
		case err == nil:
			b, err := os.ReadFile(p)
			if err != nil {
				return "", "", fmt.Errorf("read %s: %w", p, err)
			}
			line, _, _ := strings.Cut(string(b), "\n")
			target, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir: ")
			if !ok {
				return "", "", fmt.Errorf("%s has no gitdir: line", p)
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(d, target)
			}
			return d, filepath.Clean(target), nil
		case !errors.Is(err, os.ErrNotExist):
			return "", "", fmt.Errorf("stat %s: %w", p, err)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", git.ErrRepositoryNotExists
		}
		d = parent
	}
}
