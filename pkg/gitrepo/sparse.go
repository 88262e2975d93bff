package gitrepo

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// sparseCheckout is a work tree's sparse-checkout definition ($GIT_DIR/info/sparse-checkout), which
// `git add` and `git commit` respect: a path outside it is not added unless asked with --sparse. In
// cone mode (core.sparseCheckoutCone, as `git sparse-checkout set` writes) the definition is a set of
// folders taken whole (recursive) and folders whose files only are taken (parent), plus every file at
// the root; otherwise it is a list of gitignore-style patterns, the last match deciding.
type sparseCheckout struct {
	cone      bool
	fold      bool             // core.ignoreCase: compare folders case-insensitively
	recursive map[string]bool  // cone: folders included with everything below
	parent    map[string]bool  // cone: folders whose files are included
	patterns  []*ignorePattern // not cone: the definition's lines, in order
}

// loadSparse reads the work tree's sparse-checkout definition; nil when there is none (core.sparseCheckout
// off, or no definition file, or an empty one: git then checks nothing against it).
func (r *Repo) loadSparse(cfg *gitConfig) (*sparseCheckout, error) {
	if !cfg.boolean("core.sparsecheckout", false) {
		return nil, nil
	}
	name := filepath.Join(r.gitDir, "info", "sparse-checkout")
	f, _, err := openRegular(name)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, ErrBadPath) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(strings.TrimSuffix(sc.Text(), "\r"), " \t")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(lines) == 0 {
		return nil, nil
	}
	s := &sparseCheckout{fold: cfg.boolean("core.ignorecase", false)}
	if cfg.boolean("core.sparsecheckoutcone", false) && s.parseCone(lines) {
		return s, nil
	}
	// Not cone mode, or patterns cone mode cannot read (git then warns and falls back to these),
	// read as the lines of an ignore file are, and matched so (ignoring case under core.ignorecase).
	for _, l := range lines {
		s.patterns = append(s.patterns, newIgnorePattern(l, nil, s.fold))
	}
	return s, nil
}

// parseCone reads cone-mode patterns as git writes them: "/*" and "!/*/" (files at the root), "/a/"
// (the folder a, whole), "!/a/*/" after "/a/" (only the files directly in a). It reports false for
// anything else. On success s is in cone mode.
func (s *sparseCheckout) parseCone(lines []string) bool {
	if len(lines) < 2 || lines[0] != "/*" || lines[1] != "!/*/" {
		return false
	}
	s.recursive, s.parent = map[string]bool{}, map[string]bool{}
	for _, l := range lines[2:] {
		neg := strings.HasPrefix(l, "!")
		l = strings.TrimPrefix(l, "!")
		if !strings.HasPrefix(l, "/") || !strings.HasSuffix(l, "/") || len(l) < 3 {
			return false
		}
		dir := l[1 : len(l)-1]
		if neg {
			d, ok := strings.CutSuffix(dir, "/*")
			if !ok {
				return false
			}
			d = s.key(unescapeCone(d))
			if !s.recursive[d] {
				return false
			}
			delete(s.recursive, d)
			s.parent[d] = true
			continue
		}
		if strings.HasSuffix(dir, "/*") {
			return false
		}
		s.recursive[s.key(unescapeCone(dir))] = true
	}
	s.cone = true
	return true
}

// unescapeCone removes the backslashes git puts before special characters in cone patterns.
func unescapeCone(p string) string {
	if !strings.Contains(p, `\`) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' && i+1 < len(p) {
			i++
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

func (s *sparseCheckout) key(dir string) string {
	if s.fold {
		return strings.ToLower(dir)
	}
	return dir
}

// includes reports whether a file path (root-relative, slash-separated) is inside the definition.
func (s *sparseCheckout) includes(p string) bool {
	if !s.cone {
		// The file, else its folders up to the root, until a pattern decides (git's
		// path_in_sparse_checkout): the last pattern that matches, a negated one excluding.
		parts := strings.Split(p, "/")
		isDir := false
		for n := len(parts); n > 0; n-- {
			for i := len(s.patterns) - 1; i >= 0; i-- {
				if r := s.patterns[i].Match(parts[:n], isDir); r != gitignore.NoMatch {
					return r == gitignore.Exclude
				}
			}
			isDir = true
		}
		return false
	}
	dir := parentDir(p)
	if dir == "" {
		return true // files at the root are always in the cone
	}
	dir = s.key(dir)
	if s.parent[dir] {
		return true
	}
	for d := dir; d != ""; d = parentDir(d) {
		if s.recursive[d] {
			return true
		}
	}
	return false
}

// checkSparse refuses to commit a path that `git add` would refuse as outside the sparse checkout:
// one whose index entry is marked skip-worktree (its file is not git's to read: committing it could
// record a deletion, or a file git does not look at), or a path outside the sparse-checkout
// definition. git's way past this (--sparse) is not pm's to take: the user widens the checkout, with
// the command given as run from prefix, where the user stands (git reads its paths from there).
func checkSparse(idx *index, sparse *sparseCheckout, paths []string, prefix string) error {
	for _, p := range paths {
		if e := idx.entry(p); e != nil && e.SkipWorktree() {
			if sparse == nil {
				// no sparse checkout is on: the mark was set by hand (git update-index --skip-worktree)
				return Sentinelf(ErrSkipWorktree, "%s is marked skip-worktree in the index, so git add would not update it; "+
					"clear the mark with `git update-index --no-skip-worktree %s` and retry", p, fromPrefix(prefix, p))
			}
			return Sentinelf(ErrOutsideSparse, "%s is outside the sparse checkout (skip-worktree in the index), so git add would not update it; "+
				"add it with `git sparse-checkout add %s` and retry", p, fromPrefix(prefix, sparseFolder(p)))
		}
		if sparse != nil && !sparse.includes(p) {
			return Sentinelf(ErrOutsideSparse, "%s is outside the sparse-checkout definition, so git add would refuse it too; "+
				"add it with `git sparse-checkout add %s` and retry", p, fromPrefix(prefix, sparseFolder(p)))
		}
	}
	return nil
}

// fromPrefix is p (root-relative, slash-separated) as typed from prefix ("" or "sub/dir/", where the
// user stands below the root): the commands pm suggests take paths relative to the current folder.
func fromPrefix(prefix, p string) string {
	prefix = strings.Trim(prefix, "/")
	if prefix == "" {
		return p
	}
	rel, err := filepath.Rel(filepath.FromSlash(prefix), filepath.FromSlash(p))
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

// sparseFolder is what to add to the sparse checkout for p: its folder, or p itself at the root.
func sparseFolder(p string) string {
	if d := parentDir(p); d != "" {
		return d
	}
	return p
}

// OutsideCheckout returns which of paths (root-relative, slash-separated) the index marks as
// outside the sparse checkout: skip-worktree entries, or paths inside a sparse-directory entry. git
// reads such a file as what the index holds, whether or not it is in the work tree: it is not
// deleted because it is missing there.
func (r *Repo) OutsideCheckout(paths []string) (map[string]bool, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	idx, err := r.readStagedIndex()
	if viaGit(err) {
		return r.outsideCheckoutViaGit(paths)
	}
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, p := range paths {
		if i, ok := idx.FindStage(p, 0); ok && idx.Entries[i].SkipWorktree() {
			out[p] = true
		} else if _, ok := idx.SparseDirOf(p); ok {
			out[p] = true
		}
	}
	return out, nil
}

// FolderOutsideCheckout reports whether dir (root-relative, slash-separated), a folder missing from
// the work tree, is one the sparse checkout leaves out: a sparse checkout is on, the index holds
// files under dir, and it marks every one of them outside the checkout (skip-worktree, or inside a
// sparse-directory entry). The folder is then in the repository, only not checked out here.
func (r *Repo) FolderOutsideCheckout(dir string) (bool, error) {
	dir = strings.Trim(path.Clean(dir), "/")
	if dir == "" || dir == "." {
		return false, nil
	}
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return false, err
	}
	if sparse, err := r.loadSparse(cfg); err != nil || sparse == nil {
		return false, err
	}
	paths, err := r.IndexPaths(func(p string) bool { return strings.HasPrefix(p, dir+"/") })
	if err != nil || len(paths) == 0 {
		return false, err
	}
	outside, err := r.OutsideCheckout(paths)
	if err != nil {
		return false, err
	}
	for _, p := range paths {
		if !outside[p] {
			return false, nil
		}
	}
	return true, nil
}
