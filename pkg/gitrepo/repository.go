package gitrepo

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/pm-tools/pm/pkg/fsutil"
)

// pm uses go-git's storage, never its root package (git.Open, Repository): that package links every
// transport (HTTP, SSH and its cryptography, the server side) into each binary that imports it, for
// nothing pm does. What pm took from it is here: the checks of git.Open, HEAD, init, and the walk of
// a commit's history; revisions are resolved in revparse.go. Nor does pm use go-git's object
// package (objects.go says why).

// Errors of the repository format checks git.Open made; OpenWithEnv wraps them in ErrUnsupported.
var (
	errFormatVersion    = errors.New("core.repositoryformatversion not supported")
	errExtensionForV0   = errors.New("core.repositoryformatversion does not support extension")
	errUnknownExtension = errors.New("unknown extension")
	errSHA256           = errors.New("it stores SHA-256 object names (extensions.objectFormat = sha256)")
)

// extensionKnown reports the extensions pm implements beside worktreeConfig, which is applied and
// never noted (see addExtension): partialClone, an older partial clone's name for its promisor
// remote, whose missing objects pm has the git program fetch (see fetchMissing), and
// preciousObjects, which forbids deleting objects, as pm never does.
func extensionKnown(name string) bool {
	switch name {
	case "noop", "noop-v1", "partialclone", "preciousobjects":
		return true
	}
	return false
}

// v1Only reports the extensions git (2.39) knows for version-1 repositories only, which it refuses
// in a version-0 one ("repo version is 0, but v1-only extension found").
func v1Only(name string) bool { return name == "objectformat" || name == "noop-v1" }

// checkRepository refuses what pm cannot open: a repository format version other than 0 or 1, and
// in a version-1 repository the extensions pm does not implement (extensions.worktreeConfig, which
// repoStorage applies, is not among those Discover notes). A version-0 repository is refused what
// git refuses there, the extensions it knows for version 1 only; the others git ignores, and so
// does pm. The version and extensions are those Discover read with its own parser, from
// the config file git reads them from: no second parse. (A git directory without a valid HEAD is
// not one: Discover refuses it.)
func checkRepository(l Layout) error {
	version := l.check.version
	switch version {
	case "", "0", "1":
	default:
		return fmt.Errorf("%w: %q", errFormatVersion, version)
	}
	if version == "" {
		return nil // no repositoryformatversion: git reads none of the file's extensions
	}
	var forV1, unknown []string
	for _, name := range l.check.extensions {
		if version == "0" {
			// git honours noop, partialClone and preciousObjects (and worktreeConfig) in version 0,
			// refuses the extensions it knows for version 1 only, and ignores the others, which mean
			// nothing to it there: a repository that names one is git's as any other
			if v1Only(name) {
				forV1 = append(forV1, name)
			}
			continue
		}
		// objectFormat = sha1 names the format pm reads (git accepts it in version 1, as written,
		// lower case); sha256 is said as such
		if name == "objectformat" && l.check.objectFormat == "sha1" {
			continue
		}
		if name == "objectformat" && l.check.objectFormat == "sha256" && version == "1" {
			return errSHA256
		}
		if !extensionKnown(name) {
			unknown = append(unknown, name)
		}
	}
	if len(forV1) > 0 {
		return fmt.Errorf("%w: %s", errExtensionForV0, strings.Join(forV1, ", "))
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%w: %s", errUnknownExtension, strings.Join(unknown, ", "))
	}
	return nil
}

// head returns the reference HEAD resolves to (plumbing.ErrReferenceNotFound on an unborn branch).
func (r *Repo) head() (*plumbing.Reference, error) {
	if ref := r.looseHead(); ref != nil {
		return ref, nil
	}
	if target, ok := readSymref(r.refPath("HEAD")); ok {
		// "ref:refs/heads/main" (no space) is a symbolic ref to git, not to go-git's parser
		return storer.ResolveReference(r.st, plumbing.ReferenceName(target))
	}
	return storer.ResolveReference(r.st, plumbing.HEAD)
}

// looseHead reads HEAD in its two usual shapes straight from the files: a detached HEAD holding a
// hash, and HEAD naming a branch whose loose ref file holds one. It returns nil for anything else
// (an unborn or packed branch, a symbolic chain, a file of another shape), which head leaves to
// go-git's reference storage. The files are read as go-git reads them (content trimmed); what it
// saves is the storage's path checks, a stat of every folder above the repository per file.
func (r *Repo) looseHead() *plumbing.Reference {
	data, err := fsutil.ReadRegular(r.refPath("HEAD"))
	if err != nil {
		return nil
	}
	line := strings.TrimSpace(string(data))
	if plumbing.IsHash(line) {
		return plumbing.NewHashReference(plumbing.HEAD, plumbing.NewHash(line))
	}
	target, ok := strings.CutPrefix(line, "ref:")
	target = strings.TrimSpace(target)
	if !ok || !strings.HasPrefix(target, "refs/heads/") || strings.Contains(target, "..") {
		return nil
	}
	data, err = fsutil.ReadRegular(r.refPath(target))
	if err != nil {
		return nil
	}
	if line = strings.TrimSpace(string(data)); !plumbing.IsHash(line) {
		return nil
	}
	return plumbing.NewHashReference(plumbing.ReferenceName(target), plumbing.NewHash(line))
}

// Init creates a repository with a work tree at dir whose unborn branch is main, and sets the given
// config values ("user.name" → "…"), as tests and first-time set-ups need.
func Init(dir string, settings map[string]string) error {
	if err := initRepository(dir, "main", settings); err != nil {
		return fmt.Errorf("init repository %s: %w", dir, err)
	}
	return nil
}

// initRepository creates <dir>/.git with HEAD on the unborn branch and the given settings.
func initRepository(dir, branch string, settings map[string]string) error {
	gitDir := filepath.Join(dir, ".git")
	st := filesystem.NewStorage(osfs.New(gitDir), cache.NewObjectLRUDefault())
	if _, err := st.Reference(plumbing.HEAD); err == nil {
		return errors.New("repository already exists")
	}
	if err := st.Init(); err != nil {
		return err
	}
	if err := st.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.NewBranchReferenceName(branch))); err != nil {
		return err
	}
	cfg, err := st.Config()
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	cfg.Core.IsBare = false
	if err := st.SetConfig(cfg); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if len(settings) == 0 {
		return nil
	}
	// Read back and written again, so that the settings follow core.bare in the file, as they did.
	if cfg, err = st.Config(); err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	if err := setAll(cfg, settings); err != nil {
		return err
	}
	if err := st.SetConfig(cfg); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	return nil
}

// setAll sets section.key values in cfg, in key order.
func setAll(cfg *config.Config, settings map[string]string) error {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		section, key, ok := splitKey(k)
		if !ok {
			return fmt.Errorf("config key %q: want section.key", k)
		}
		cfg.Raw.Section(section).SetOption(key, settings[k])
	}
	return nil
}

// commitLog calls fn with every commit reachable from h, each once, in the order of go-git's
// preorder walk (git log's order without dates): depth first, a commit's parents in their order, a
// parent seen before skipped. An error of fn stops the walk and is returned.
func (r *Repo) commitLog(h plumbing.Hash, fn func(*gitCommit) error) error {
	c, err := r.commitObject(h)
	if err != nil {
		return err
	}
	seen := map[plumbing.Hash]bool{}
	var stack [][]plumbing.Hash // per commit visited, the parents still to visit
	for {
		seen[c.Hash] = true
		if len(c.ParentHashes) > 0 {
			var next []plumbing.Hash
			for _, p := range c.ParentHashes {
				if !seen[p] {
					next = append(next, p)
				}
			}
			stack = append(stack, next)
		}
		if err := fn(c); err != nil {
			return err
		}
		c = nil
		for c == nil {
			for len(stack) > 0 && len(stack[len(stack)-1]) == 0 {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				return nil
			}
			top := &stack[len(stack)-1]
			p := (*top)[0]
			*top = (*top)[1:]
			if seen[p] {
				continue // reached along another line since
			}
			if c, err = r.commitObject(p); err != nil {
				return err
			}
		}
	}
}
