// Package gitrepo is pm's only door to git: open, identity, commit-only, staged and changed files, history.
package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// Sentinel errors. Every error returned for one of these conditions wraps the
// sentinel, so callers map them with errors.Is; the message in front of it tells
// the user what to do.
var (
	// ErrNotRepository means the directory is not inside a git work tree.
	ErrNotRepository = errors.New("not a git repository")
	// ErrBare means the repository has no work tree; pm needs one.
	ErrBare = errors.New("bare repository")
	// ErrDetachedHead means HEAD points at a commit rather than a branch.
	ErrDetachedHead = errors.New("HEAD is detached")
	// ErrIndexLocked means <gitdir>/index.lock exists.
	ErrIndexLocked = errors.New("index is locked")
	// ErrInProgress means a merge, cherry-pick, revert or rebase is unfinished.
	ErrInProgress = errors.New("operation in progress")
	// ErrNoIdentity means the author or committer name or email is unknown.
	ErrNoIdentity = errors.New("identity unknown")
	// ErrSigningRequired means commit.gpgsign is true, and pm cannot sign.
	ErrSigningRequired = errors.New("commit signing required")
	// ErrBadRevision means a revision does not name a commit.
	ErrBadRevision = errors.New("unknown revision")
	// ErrBeyondShallow means a revision names no commit in a shallow clone, where the commit may be
	// before the first one fetched; it is ErrBadRevision too.
	ErrBeyondShallow error = beyondShallow{}
	// ErrNoSuchRevision means a revision is read but names nothing here (no such branch, tag or
	// commit); it is ErrBadRevision too. The other ErrBadRevision errors say why in their text (git's
	// words for a missing upstream, an ambiguous hash, a form pm refuses), which is theirs to show.
	ErrNoSuchRevision error = noSuchRevision{}
	// ErrRaceHead means the branch moved (or was locked) while pm committed.
	ErrRaceHead = errors.New("branch moved")
	// ErrOutsideWorkTree means a path is not inside the work tree.
	ErrOutsideWorkTree = errors.New("path outside the work tree")
	// ErrBadPath means a path cannot be committed or looked up (malformed,
	// inside .git, a directory, or matching no file).
	ErrBadPath = errors.New("bad path")
	// ErrEmptyMessage means the commit message is empty after cleanup.
	ErrEmptyMessage = errors.New("empty commit message")
	// ErrBadMessage is a commit message git refuses to store (a NUL byte in it).
	ErrBadMessage = errors.New("commit message git refuses")
	// ErrNothingToCommit means the paths already match HEAD.
	ErrNothingToCommit = errors.New("nothing to commit")
	// ErrBadDate means a GIT_AUTHOR_DATE or GIT_COMMITTER_DATE value is not a date.
	ErrBadDate = errors.New("invalid date")
	// ErrUnsupported is a repository format go-git cannot read or write safely.
	ErrUnsupported = errors.New("unsupported repository format")
	// ErrOutsideSparse means a path is outside the work tree's sparse checkout,
	// where git add would not take it either.
	ErrOutsideSparse = errors.New("outside the sparse checkout")
	// ErrSkipWorktree means a path's index entry is marked skip-worktree where no sparse checkout
	// is on: git add would not update it either.
	ErrSkipWorktree = errors.New("marked skip-worktree")
	// ErrNoWorkTree means pm runs inside a repository's git directory, where git has no work tree
	// ("this operation must be run in a work tree"); such an error is ErrBare too, the repository
	// giving pm nothing to work in from there.
	ErrNoWorkTree = errors.New("this operation must be run in a work tree")
)

// beyondShallow is ErrBeyondShallow: ErrBadRevision too, made without allocating (package init
// allocates nothing).
type beyondShallow struct{}

func (beyondShallow) Error() string        { return "beyond the shallow history" }
func (beyondShallow) Is(target error) bool { return target == ErrBadRevision }

// noSuchRevision is ErrNoSuchRevision: ErrBadRevision too, made without allocating.
type noSuchRevision struct{}

func (noSuchRevision) Error() string        { return "unknown revision" }
func (noSuchRevision) Is(target error) bool { return target == ErrBadRevision }

// sentinelError is an error that errors.Is finds its sentinels in and that reads as its message
// alone: the message says in its own words what the sentinel does, which a ": index is locked"
// after it would say twice.
type sentinelError struct {
	msg       string
	sentinels []error
}

func (e *sentinelError) Error() string   { return e.msg }
func (e *sentinelError) Unwrap() []error { return e.sentinels }

// Sentinelf is an error that is sentinel to errors.Is and reads as the formatted message alone.
// The format takes no %w: what it wraps is the sentinel.
func Sentinelf(sentinel error, format string, args ...any) error {
	return &sentinelError{msg: fmt.Sprintf(format, args...), sentinels: []error{sentinel}}
}

// unsupported is an ErrUnsupported whose message says what and how to go on by itself: it reads as
// its message alone, without "unsupported repository format" after it (an empty core.hooksPath is
// no format at all).
type unsupported struct{ msg string }

func (e unsupported) Error() string        { return e.msg }
func (e unsupported) Is(target error) bool { return target == ErrUnsupported }

func unsupportedf(format string, args ...any) error { return unsupported{fmt.Sprintf(format, args...)} }

// badPath is an ErrBadPath whose message says what and how to go on by itself, read without "bad
// path" after it.
type badPath struct{ msg string }

func (e badPath) Error() string        { return e.msg }
func (e badPath) Is(target error) bool { return target == ErrBadPath }

// BadPathf is an error that is ErrBadPath and reads as its message alone.
func BadPathf(format string, args ...any) error { return badPath{fmt.Sprintf(format, args...)} }

// Env looks up an environment variable: os.Getenv in production, a map in tests.
// An empty result means unset.
type Env func(key string) string

// Repo is an opened git repository with a work tree. Its methods are not safe
// for concurrent use.
type Repo struct {
	st        *repoStorage
	root      string // absolute work-tree root, as discovered
	realRoot  string // root with symlinks resolved
	gitDir    string // this work tree's git directory (HEAD, index, logs/HEAD)
	commonDir string // objects, refs, config; equal to gitDir outside linked worktrees
	env       Env    // the environment, with the layout pinned (see Layout.Env)
	layout    Layout
	packs     *packReader // opened on the first read of many objects (see readObject)
	gitMu     sync.Mutex  // go-git's object storage, shared with BlobReaders
	promisor  promisor    // whether it is a partial clone, looked up on the first missing object
	shallow   shallowSet  // the commits read as roots in a shallow clone (see graft)

	// noRemovalsAt is the index file as it was when a walk of it against HEAD (stagedEntries)
	// passed over no entry of HEAD's and met only plain entries: that index removes nothing HEAD
	// has, which StagedRemovals then answers, while the file is the same, without reading HEAD's
	// trees and the index again. nil otherwise.
	noRemovalsAt   os.FileInfo
	noRemovalsHead plumbing.Hash // and HEAD's tree then (git reset --soft moves HEAD, not the index)

	// noGit: the git program is not run (StartStaged's reading: a partial clone's missing object
	// is fetched by the command's own reading, once, not by both)
	noGit bool

	sharedOnce sync.Once // core.sharedRepository, read on the first write (see shared)
	sharedVal  int
	sharedErr  error
}

// Open finds the repository containing dir (dir itself or a parent), including
// a linked worktree made by `git worktree add`. Configuration files outside the
// repository are located through the process environment; see OpenWithEnv.
func Open(dir string) (*Repo, error) {
	return OpenWithEnv(dir, os.Getenv)
}

// OpenWithEnv opens the repository git would use when run in dir with env
// (see Discover): GIT_DIR, GIT_WORK_TREE, core.worktree, .git files, linked
// worktrees, GIT_COMMON_DIR, GIT_OBJECT_DIRECTORY, alternates. env also locates
// the global and system configuration (HOME, XDG_CONFIG_HOME, GIT_CONFIG_GLOBAL,
// GIT_CONFIG_SYSTEM, GIT_CONFIG_NOSYSTEM, GIT_CONFIG_COUNT, GIT_CONFIG_PARAMETERS),
// which CommitOnly, ChangedSince and Ignored read. A repository without a work
// tree is ErrBare; one in a format go-git cannot read, ErrUnsupported.
// InsideGitDir is the error of working inside the git directory of a repository that has a work
// tree (found by searching up from a folder of .git, core.bare false), where git says "this
// operation must be run in a work tree" (setup.c, NEED_WORK_TREE); nil for any other layout. Every
// pm command refuses to work there: with --no-commit pm new wrote into .git/refs.
func InsideGitDir(l Layout) error {
	if !l.Bare() {
		return nil
	}
	if bare := coreBare(l); bare == "" || !isFalse(bare) {
		return nil
	}
	return &sentinelError{msg: fmt.Sprintf("this operation must be run in a work tree: %s is a git directory, "+
		"not a work tree; run pm in the work tree", l.GitDir), sentinels: []error{ErrNoWorkTree, ErrBare}}
}

func OpenWithEnv(dir string, env Env) (*Repo, error) {
	if env == nil {
		env = noEnv
	}
	l, err := Discover(dir, env)
	if err != nil {
		return nil, err
	}
	return openLayout(l, env)
}

// openLayout is OpenWithEnv of the repository Discover found.
func openLayout(l Layout, env Env) (*Repo, error) {
	if l.Bare() {
		switch bare := coreBare(l); {
		case isTrue(bare):
			return nil, Sentinelf(ErrBare, "%s has core.bare = true, so git sees no work tree there and pm needs one; "+
				"run pm in a clone with a work tree (or set GIT_WORK_TREE)", l.GitDir)
		case bare != "" && isFalse(bare):
			return nil, InsideGitDir(l)
		}
		return nil, Sentinelf(ErrBare, "%s is a bare repository; run pm in a clone with a work tree (or set GIT_WORK_TREE)", l.GitDir)
	}
	if fi, err := os.Stat(l.WorkTree); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("the work tree %s of %s is not a folder; fix core.worktree or GIT_WORK_TREE: %w", l.WorkTree, l.GitDir, ErrNotRepository)
	}
	if err := checkRepository(l); err != nil {
		return nil, Sentinelf(ErrUnsupported, "open repository at %s: %v; pm's git library cannot work with that repository format", l.GitDir, err)
	}
	r := &Repo{
		st:        newStorage(l, env),
		root:      l.WorkTree,
		gitDir:    l.GitDir,
		commonDir: l.CommonDir,
		env:       l.Env(env),
		layout:    l,
	}
	r.realRoot = realPath(r.root)
	return r, nil
}

// coreBare returns core.bare from the repository's config file, for messages.
func coreBare(l Layout) string {
	v := ""
	_ = readCoreSettings(filepath.Join(l.CommonDir, "config"), func(key, value string, noValue bool) error {
		if key == "core.bare" {
			v = value
			if noValue {
				v = "true"
			}
		}
		return nil
	})
	return v
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// Root returns the absolute path of the work-tree root.
func (r *Repo) Root() string { return r.root }

// GitDir returns this work tree's git directory (where HEAD and the index live;
// for a linked worktree, <common>/worktrees/<name>).
func (r *Repo) GitDir() string { return r.gitDir }

// CommonDir returns the directory holding objects, refs and the repository
// config; it equals GitDir except in linked worktrees.
func (r *Repo) CommonDir() string { return r.commonDir }

// Rel converts an absolute or cwd-relative path to a slash-separated path
// relative to Root. Symbolic links in the directories leading to the path (such
// as /tmp on some systems) are resolved; the last element is kept as it is, so a
// symlink inside the work tree names itself. The root itself is ".".
func (r *Repo) Rel(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", p, err)
	}
	if rel, ok := relInside(r.root, abs); ok {
		return rel, nil
	}
	if rel, ok := relInside(r.realRoot, resolveDirs(abs)); ok {
		return rel, nil
	}
	return "", fmt.Errorf("%s is outside the work tree %s; give a path inside the repository: %w", p, r.root, ErrOutsideWorkTree)
}

// relInside returns p relative to root, slash-separated, when p is root or
// inside it.
func relInside(root, p string) (string, bool) {
	rel, err := filepath.Rel(root, p)
	if err != nil || filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// resolveDirs resolves symlinks in the existing directories leading to p,
// keeping p's last element and any not yet existing tail unresolved.
func resolveDirs(p string) string {
	dir, tail := filepath.Dir(p), filepath.Base(p)
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, tail)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return p
		}
		tail = filepath.Join(filepath.Base(dir), tail)
		dir = parent
	}
}

// cleanPath validates a root-relative, slash-separated path naming a file. A backslash is a separator
// only where the system's is one (Windows); elsewhere it is a character of the name, as it is to git
// (postmortems/a\b.md is one file in postmortems).
func cleanPath(p string) (string, error) {
	if filepath.Separator == '\\' {
		p = strings.ReplaceAll(p, "\\", "/")
	}
	if p == "" || strings.HasPrefix(p, "/") || path.Clean(p) != p || p == "." {
		return "", fmt.Errorf("path %q must be relative to the work-tree root, slash-separated and clean (see Repo.Rel): %w", p, ErrBadPath)
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return "", fmt.Errorf("path %q leaves the work tree: %w", p, ErrBadPath)
		}
		if strings.EqualFold(part, ".git") {
			return "", fmt.Errorf("path %q is inside .git, which pm never touches: %w", p, ErrBadPath)
		}
		if strings.IndexByte(part, 0) >= 0 {
			return "", fmt.Errorf("path %q contains a NUL byte: %w", p, ErrBadPath)
		}
	}
	return p, nil
}

// abs returns the OS path of a root-relative slash path.
func (r *Repo) abs(rel string) string {
	return filepath.Join(r.root, filepath.FromSlash(rel))
}
