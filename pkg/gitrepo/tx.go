package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/convert"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
)

// A commit by pm is a transaction on the repository, shaped like `git commit --only -- <paths>`:
//
//  1. Begin takes the index lock (waiting a little for another git process to let go), and checks
//     that the repository is in a state git would commit in.
//  2. Under the lock, the caller reads its file, checks it is what it expects, writes its change
//     (Check first refuses paths git would refuse) — no other git process can commit meanwhile.
//  3. Commit stores the paths as `git add` would, writes the index as git's real index (still under
//     the lock), builds git's temporary index of HEAD plus the paths when a hook will read it, runs
//     the pre-commit, prepare-commit-msg and commit-msg hooks as git does, writes the commit, moves
//     the branch in a ref transaction (reflogs before the branch moves), puts the index in place,
//     and runs post-commit.
//
// Until the branch moves nothing is changed but the files the caller wrote and objects nobody
// refers to; after it moves the commit stands, and an error then comes with the commit's hash.

// TxOptions describe the process a transaction runs in, as git would see it.
type TxOptions struct {
	// Wait is how long to wait for another process to release the index lock.
	Wait time.Duration
	// Environ is the environment hooks and filters start from (the process's, os.Environ()).
	Environ []string
	// Prefix is where the user stands below the work-tree root ("" or "sub/dir/"): git passes it
	// to hooks as GIT_PREFIX.
	Prefix string
	// Stderr receives the hooks' output and git's warnings and hints; nil discards them.
	Stderr io.Writer
}

// CommitOptions say how to commit.
type CommitOptions struct {
	// Message is the commit message, cleaned up as `git commit -m` cleans it.
	Message           string
	Author, Committer Signature
	// NoVerify skips the pre-commit and commit-msg hooks, as `git commit --no-verify` does.
	NoVerify bool
	// Expect holds, by path, the bytes the caller wrote: a file that no longer holds them when it
	// is read for the commit (someone wrote it meanwhile) is not committed, and nothing is.
	Expect map[string][]byte
}

// ErrChangedMeanwhile means a file changed on disk between pm's write and its commit.
var ErrChangedMeanwhile = errors.New("file changed while committing")

// ErrBeyondSymlink means a path leads through a symbolic link, which git does not follow.
var ErrBeyondSymlink = errors.New("beyond a symbolic link")

// Tx is a commit in preparation, holding the index lock from Begin until Commit or Abort.
type Tx struct {
	r         *Repo
	cfg       *gitConfig
	lock      *os.File
	indexPath string // the index being committed against: GIT_INDEX_FILE or <gitdir>/index
	branch    plumbing.ReferenceName
	head      plumbing.Hash // zero on an unborn branch
	headTree  plumbing.Hash
	idx       *index
	sparse    *sparseCheckout
	lookup    *treeLookup
	opts      TxOptions
	stderr    io.Writer
	conv      *converter // made when first needed
	closed    bool
	// committed is set as the branch moves, signals held off (interrupt.Critical), and read by the
	// undos a signal runs: before it, a signal removes the index lock; after, it puts the index in
	// place, as the commit would have.
	committed bool
	release   func() // of the index lock's undo (interrupt.OnSignal)
}

// Begin starts a commit: it refuses a repository git would not commit a path in (bare, detached
// HEAD, a merge, cherry-pick, revert or rebase in progress, unmerged entries, commit.gpgsign, an
// index format pm cannot write), then takes the index lock, waiting up to o.Wait while another
// process holds it (ErrIndexLocked after that).
func (r *Repo) Begin(o TxOptions) (*Tx, error) {
	if r.root == "" {
		return nil, Sentinelf(ErrBare, "cannot commit in a bare repository, which has no work tree")
	}
	// An operation in progress first: a rebase also detaches HEAD, and "rebase in progress" is the
	// reason the user needs to hear.
	if err := r.checkInProgress(); err != nil {
		return nil, err
	}
	branch, err := r.currentBranch()
	if err != nil {
		return nil, err
	}
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return nil, err
	}
	// a value git would not read stops git's commit before it starts
	if err := cfg.checkValues(commitValueRule); err != nil {
		return nil, err
	}
	// Found again, as git would find it now: core.bare = true set since Open makes it bare (but
	// GIT_WORK_TREE wins over it, as in the dotfiles layout).
	if l, err := Discover(r.root, r.env); err == nil && l.Bare() {
		return nil, Sentinelf(ErrBare, "%s has core.bare = true; pm needs a work tree (unset it with `git config core.bare false` if this is a work tree)", r.commonDir)
	}
	if cfg.boolean("commit.gpgsign", false) {
		return nil, Sentinelf(ErrSigningRequired, "commit.gpgsign is true and pm cannot sign commits; commit with git instead, "+
			"or turn signing off for this repository with `git config commit.gpgsign false`")
	}
	tx := &Tx{r: r, cfg: cfg, indexPath: r.indexFile(), opts: o, stderr: o.Stderr}
	if tx.stderr == nil {
		tx.stderr = io.Discard
	}
	// the lock and its undo on a signal in one step (interrupt.Do): no lock is left that no undo knows
	if tx.release, err = lockIndexWaiting(tx.indexPath, o.Wait, func(f *os.File) { tx.lock = f }, tx.interrupted); err != nil {
		return nil, err
	}
	// the lock becomes the index: shared as git shares it (core.sharedRepository)
	if err := r.share(tx.lock.Name()); err != nil {
		tx.Abort()
		return nil, err
	}
	if err := tx.load(branch); err != nil {
		tx.Abort()
		return nil, err
	}
	return tx, nil
}

// indexFile is the index git works with: GIT_INDEX_FILE (relative to the current directory) when
// set, else <gitdir>/index.
func (r *Repo) indexFile() string {
	if name := r.env("GIT_INDEX_FILE"); name != "" {
		if abs, err := filepath.Abs(name); err == nil {
			return abs
		}
		return name
	}
	return filepath.Join(r.gitDir, "index")
}

// lockIndexWaiting creates <index>.lock exclusively, retrying until wait has passed.
func lockIndexWaiting(indexPath string, wait time.Duration, hold func(*os.File), undo func()) (release func(), err error) {
	deadline := time.Now().Add(wait)
	delay := 10 * time.Millisecond
	for {
		release, err := interrupt.Do(func() error {
			f, err := lockFile(indexPath)
			if err == nil {
				hold(f)
			}
			return err
		}, undo)
		if err == nil || !errors.Is(err, ErrIndexLocked) || !time.Now().Before(deadline) {
			return release, err
		}
		time.Sleep(delay)
		if delay < 200*time.Millisecond {
			delay *= 2
		}
	}
}

// lockFile creates name+".lock" exclusively, as git does.
func lockFile(name string) (*os.File, error) {
	lock := name + ".lock"
	f, err := os.OpenFile(lock, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	if errors.Is(err, os.ErrExist) {
		return nil, Sentinelf(ErrIndexLocked, "%s exists: another git process may be running in this repository; "+
			"if none is, remove that file and retry", lock)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot lock the index: %w", err)
	}
	return f, nil
}

// load reads HEAD and the index under the lock.
func (tx *Tx) load(branch plumbing.ReferenceName) error {
	r := tx.r
	// HEAD again, under the lock: a checkout in between makes this commit go nowhere else.
	if b, err := r.currentBranch(); err != nil {
		return err
	} else if b != branch {
		return fmt.Errorf("HEAD switched from %s to %s while committing; retry: %w", branch.Short(), b.Short(), ErrRaceHead)
	}
	tx.branch = branch
	// refs git cannot read stop git (a packed-refs line it does not know, a ref file that is no
	// object id): go-git reads past them, and would commit where git refuses, or start the
	// branch again
	if err := checkPackedRefs(filepath.Join(r.commonDir, "packed-refs")); err != nil {
		return err
	}
	if err := checkLooseRef(r.refPath(branch.String()), branch.String()); err != nil {
		return err
	}
	ref, err := r.st.Reference(branch)
	switch {
	case err == nil:
		parent, err := r.commitObject(ref.Hash())
		if err != nil {
			return fmt.Errorf("read HEAD commit %s: %w", ref.Hash(), err)
		}
		tx.head, tx.headTree = ref.Hash(), parent.TreeHash
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		// Unborn branch: this is the first commit.
	default:
		return fmt.Errorf("read %s: %w", branch, err)
	}
	if err := tx.checkNoReplaceRefs(); err != nil {
		return err
	}
	if tx.idx, err = r.readIndexFile(tx.indexPath, gitindex.Decode); err != nil {
		return err
	}
	for i := range tx.idx.Entries {
		if e := &tx.idx.Entries[i]; e.Stage() != 0 {
			return Sentinelf(ErrInProgress, "%s has unresolved conflicts; resolve them and `git add` the file first", e.Name)
		}
	}
	if tx.sparse, err = r.loadSparse(tx.cfg); err != nil {
		return err
	}
	tx.lookup = newTreeLookup(r, tx.headTree)
	return nil
}

// Abort gives up the commit: the index lock is released and nothing is changed. It does nothing
// after Commit.
func (tx *Tx) Abort() {
	if tx == nil || tx.closed {
		return
	}
	tx.closed = true
	tx.conv.close()
	tx.lock.Close()
	os.Remove(tx.lock.Name())
	tx.release()
}

// interrupted is what a signal does to the transaction (interrupt.OnSignal): before the branch
// moved, the index lock goes, as git's does; after, the index written into it is put in place.
func (tx *Tx) interrupted() {
	tx.lock.Close()
	if tx.committed {
		if os.Rename(tx.lock.Name(), tx.indexPath) == nil {
			return
		}
	}
	os.Remove(tx.lock.Name())
}

// Committed reports whether the transaction's branch has moved: the commit stands. Safe to call
// from an undo a signal runs (interrupt.OnSignal), which is when it is needed.
func (tx *Tx) Committed() bool { return tx != nil && tx.committed }

// Check refuses, before anything is written, paths (root-relative, slash-separated) that git would
// not commit: malformed, inside .git, through a symbolic link, inside a submodule or another
// repository, outside the sparse checkout, or a file where the index or HEAD has a directory.
func (tx *Tx) Check(paths []string) error {
	clean, err := cleanPaths(paths)
	if err != nil {
		return err
	}
	for _, p := range clean {
		if err := tx.r.checkNoSymlinkDirs(p); err != nil {
			return err
		}
		if err := tx.checkNotInSubmodule(p); err != nil {
			return err
		}
	}
	if err := checkSparse(tx.idx, tx.sparse, clean, tx.opts.Prefix); err != nil {
		return err
	}
	if tx.cfg.boolean("core.ignorecase", false) {
		if err := tx.checkCaseFold(clean); err != nil {
			return err
		}
	}
	for _, p := range clean {
		if err := tx.r.checkIndexConflict(tx.idx, p, tx.opts.Prefix); err != nil {
			return err
		}
		if t, err := tx.lookup.dir(p); err != nil {
			return err
		} else if t != nil {
			return fmt.Errorf("%s is a file in the work tree but a directory in HEAD; commit its removal with git first: %w", p, ErrBadPath)
		}
	}
	return nil
}

// WorkTreeEncoding is the encoding .gitattributes keeps p's work-tree copy in (working-tree-encoding),
// "" for UTF-8 or none.
func (tx *Tx) WorkTreeEncoding(p string) (string, error) {
	c, err := tx.converter()
	if err != nil {
		return "", err
	}
	attrs, err := c.attrs.Lookup(p)
	if err != nil {
		return "", fmt.Errorf("read the attributes of %s: %w", p, err)
	}
	enc, err := convert.WorkTreeEncoding(attrs)
	if err != nil {
		return "", fmt.Errorf("%s: working-tree-encoding: %w", p, err)
	}
	return enc, nil
}

// checkNotInSubmodule refuses a path inside a submodule (a folder the index or HEAD records as a
// gitlink: git says "Pathspec … is in submodule") or inside a repository of its own that the
// superproject does not track (a folder whose .git git takes for a repository, see isNestedRepository,
// which git add does not enter). Committing
// such a path would turn the gitlink into a tree and take the other repository's files into this one.
func (tx *Tx) checkNotInSubmodule(p string) error {
	for d := parentDir(p); d != ""; d = parentDir(d) {
		gitlink := false
		if e := tx.idx.entry(d); e != nil && e.Mode == gitindex.ModeGitlink {
			gitlink = true
		} else if t, err := tx.lookup.dir(parentDir(d)); err != nil {
			return err
		} else if e, ok := t[d[strings.LastIndexByte(d, '/')+1:]]; ok && e.Mode == filemode.Submodule {
			gitlink = true
		}
		if gitlink {
			return fmt.Errorf("%s is in submodule '%s', whose files git commits in the submodule, not here; "+
				"point `dir:` in .pm.yaml at a folder of this repository (or commit in the submodule yourself): %w", p, d, ErrBadPath)
		}
		if isNestedRepository(tx.r.abs(d), tx.r.env, tx.r.layout.cwd) {
			return fmt.Errorf("%s is inside %s, a git repository of its own, which git does not enter from this one; "+
				"point `dir:` in .pm.yaml at a folder of this repository: %w", p, d, ErrBadPath)
		}
	}
	return nil
}

// checkCaseFold refuses, where core.ignorecase says the file system folds case, a path the index
// does not have but has in another case (postmortems/A.md for postmortems/a.md): it names the same
// file there, git commit refuses it ("did not match any file(s) known to git"), and committing it
// would put both spellings in the tree, which a case-folding checkout cannot hold.
func (tx *Tx) checkCaseFold(paths []string) error {
	for _, p := range paths {
		if _, ok := tx.idx.FindStage(p, 0); ok {
			continue
		}
		for i := range tx.idx.Entries {
			name := tx.idx.Entries[i].Name
			if len(name) == len(p) && name != p && strings.EqualFold(name, p) {
				return BadPathf("%s is %s in the index, and core.ignorecase is true: they are one file here; "+
					"use the index's spelling, or rename it with `git mv`", p, name)
			}
		}
		// A folder of the path the index spells otherwise (Postmortems/ for postmortems/): one folder
		// there, which git add files under the index's spelling and git commit --only does not find;
		// committed as typed, the tree would hold both spellings.
		for j := strings.IndexByte(p, '/'); j >= 0; j = nextSlash(p, j) {
			dir := p[:j+1]
			exact, other := false, ""
			for i := range tx.idx.Entries {
				name := tx.idx.Entries[i].Name
				if len(name) <= len(dir) {
					continue
				}
				switch prefix := name[:len(dir)]; {
				case prefix == dir:
					exact = true
				case other == "" && strings.EqualFold(prefix, dir):
					other = prefix
				}
			}
			if !exact && other != "" {
				return BadPathf("the folder %s is %s in the index, and core.ignorecase is true: they are one folder here; "+
					"use the index's spelling (%s), or rename the folder with `git mv`", strings.TrimSuffix(dir, "/"),
					strings.TrimSuffix(other, "/"), other+p[len(dir):])
			}
		}
	}
	return nil
}

// nextSlash is the index of the next "/" in p after j, or -1.
func nextSlash(p string, j int) int {
	if k := strings.IndexByte(p[j+1:], '/'); k >= 0 {
		return j + 1 + k
	}
	return -1
}

// Taken reports whether git already knows path p (root-relative, slash-separated): the index has an
// entry for it, at any stage, or HEAD has a file there. A new file must not take such a name even
// when nothing is at it in the work tree: a file staged and then removed from the work tree, or a
// committed file deleted, would be replaced by it, and what was staged lost.
func (tx *Tx) Taken(p string) (bool, error) {
	clean, err := cleanPaths([]string{p})
	if err != nil {
		return false, err
	}
	p = clean[0]
	for stage := 0; stage <= 3; stage++ {
		if _, ok := tx.idx.FindStage(p, stage); ok {
			return true, nil
		}
	}
	if tx.idx.HasEntriesUnder(p) { // a folder of the index, its files deleted in the work tree
		return true, nil
	}
	if _, ok := tx.idx.SparseDirOf(p); ok {
		// inside a folder the sparse index keeps whole: no name there can be committed
		return false, Sentinelf(ErrOutsideSparse, "%s is inside a folder the sparse index keeps whole, outside the sparse checkout; "+
			"add it to the sparse checkout with `git sparse-checkout add %s`", p, fromPrefix(tx.opts.Prefix, sparseFolder(p)))
	}
	t, err := tx.lookup.dir(parentDir(p))
	if err != nil {
		return false, err
	}
	name := p[strings.LastIndexByte(p, '/')+1:]
	if _, ok := t[name]; ok {
		return true, nil
	}
	if tx.cfg.boolean("core.ignorecase", false) {
		// one file with a name the index or HEAD spells otherwise (checkCaseFold): taken too, so
		// that pm new passes over it rather than refuse a name it chose itself
		for i := range tx.idx.Entries {
			if equalFoldASCII(tx.idx.Entries[i].Name, p) {
				return true, nil
			}
		}
		for other := range t {
			if equalFoldASCII(other, name) {
				return true, nil
			}
		}
	}
	return false, nil
}

// equalFoldASCII reports whether a and b are equal but for the case of ASCII letters, as git compares
// names under core.ignorecase.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}

// checkNoSymlinkDirs refuses a path whose folders include a symbolic link, as git does ("beyond a
// symbolic link"): git would never store the file there, and committing it would replace the link.
func (r *Repo) checkNoSymlinkDirs(p string) error {
	for d := parentDir(p); d != ""; d = parentDir(d) {
		fi, err := os.Lstat(r.abs(d))
		if err != nil {
			continue
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			return Sentinelf(ErrBeyondSymlink, "%s is beyond a symbolic link: %s is a link, and git does not store files through links", p, d)
		}
	}
	return nil
}

// HeadFile returns the content of the file at p in HEAD; ok is false when HEAD has no such file.
func (tx *Tx) HeadFile(p string) (data []byte, ok bool, err error) {
	e, ok, err := tx.lookup.find(p)
	if err != nil || !ok || e.Mode == filemode.Symlink {
		return nil, false, err
	}
	data, err = tx.r.readBlob(e.Hash)
	if err != nil {
		return nil, false, fmt.Errorf("read %s from HEAD: %w", p, err)
	}
	return data, true, nil
}

// Stored returns what `git add` would store for data written at p: what the commit will hold
// (attributes, end-of-line conversion and clean filters applied, with HEAD's blob as the basis of
// git's "already committed with CRLF" rule, as in git's temporary index).
func (tx *Tx) Stored(p string, data []byte) ([]byte, error) {
	c, err := tx.converter()
	if err != nil {
		return nil, err
	}
	return c.toGit(p, data, tx.headBlob)
}

// converter returns the transaction's converter, made on first use.
func (tx *Tx) converter() (*converter, error) {
	if tx.conv != nil {
		return tx.conv, nil
	}
	c, err := tx.r.newConverter(tx.cfg, tx.indexBlob, tx.opts.Environ, tx.stderr)
	if err != nil {
		return nil, err
	}
	tx.conv = c
	return c, nil
}

// headBlob and indexBlob give the blob HEAD and the index hold for a path.
func (tx *Tx) headBlob(p string) ([]byte, bool, error) {
	return tx.r.blobFunc(func(p string) (plumbing.Hash, bool, error) {
		e, ok, err := tx.lookup.find(p)
		if err != nil || !ok || e.Mode == filemode.Symlink || e.Mode == filemode.Submodule {
			return plumbing.ZeroHash, false, err
		}
		return e.Hash, true, nil
	})(p)
}

func (tx *Tx) indexBlob(p string) ([]byte, bool, error) {
	return tx.r.blobFunc(indexHash(tx.idx))(p)
}

// CommitOnly commits exactly paths (root-relative, slash-separated), as the files are now in the
// work tree, on top of HEAD, like `git commit --only -- paths`; see Begin and Tx.Commit. It waits
// for no lock: a locked index is ErrIndexLocked at once.
func (r *Repo) CommitOnly(paths []string, message string, author, committer Signature) (string, error) {
	tx, err := r.Begin(TxOptions{})
	if err != nil {
		return "", err
	}
	if err := tx.Check(paths); err != nil {
		tx.Abort()
		return "", err
	}
	return tx.Commit(paths, CommitOptions{Message: message, Author: author, Committer: committer})
}

// Commit commits paths as they are in the work tree and ends the transaction, lock released,
// whatever the outcome. What else is staged stays staged and out of the commit; the paths' index
// entries are updated so that git status shows them clean; a tracked path missing from the work
// tree is committed as deleted.
//
// It returns the new commit's hash. Errors before the branch moved leave the repository as it was
// (ErrHookFailed when a hook refused, ErrNothingToCommit when the paths match HEAD, ErrRaceHead when
// the branch moved meanwhile, ErrChangedMeanwhile); an error after it moved comes with the hash:
// the commit stands.
func (tx *Tx) Commit(paths []string, o CommitOptions) (hash string, err error) {
	if tx.closed {
		return "", errors.New("commit: the transaction is over")
	}
	defer tx.Abort()
	r := tx.r
	clean, err := cleanPaths(paths)
	if err != nil {
		return "", err
	}
	mode := cleanupModeOf(tx.cfg, o.Message)
	msg := cleanupMessage(o.Message, mode)
	if msg == "" {
		return "", fmt.Errorf("commit message is empty; give a message: %w", ErrEmptyMessage)
	}
	author, err := checkSignature("author", o.Author)
	if err != nil {
		return "", err
	}
	committer, err := checkSignature("committer", o.Committer)
	if err != nil {
		return "", err
	}
	hooks := &hookRunner{dir: r.hooksDirFrom(tx.cfg), named: r.hooksNamed(tx.cfg), root: r.root, out: tx.stderr,
		advise: tx.cfg.boolean("advice.ignoredhook", true)}
	hooks.env = withEnv(tx.opts.Environ, append(r.hookExports(), "GIT_PREFIX="+tx.opts.Prefix))

	changes, err := tx.collect(clean, o.Expect)
	if err != nil {
		return "", err
	}

	// git's real index: refreshed, the paths updated, its cache tree brought up to date, written
	// into the lock file, and put in place only once the branch has moved.
	skip := make(map[string]bool, len(clean))
	for _, p := range clean {
		skip[p] = true
	}
	dirty, err := tx.refresh(tx.idx, skip)
	if err != nil {
		return "", err
	}
	smudge(tx.idx, dirty)
	if err := applyChanges(tx.idx.Index, changes, false, tx.opts.Prefix); err != nil {
		return "", err
	}
	tidyExtensions(tx.idx.Index, tx.cfg)
	// As git's update_main_cache_tree(WRITE_TREE_SILENT): a failure leaves the cache tree partly
	// invalid, which is allowed.
	_, _ = tx.idx.UpdateTree(treeStore{r})
	encOpts := encodeOptions(tx.cfg, r.env)
	if err := writeIndexTo(tx.lock, tx.idx.Index, encOpts); err != nil {
		return "", fmt.Errorf("write %s: %w", tx.lock.Name(), err)
	}
	if _, err := hooks.run("post-index-change", nil, nil, "0", "0"); err != nil {
		_ = err // git ignores what this hook returns
	}

	verify := !o.NoVerify
	needTemp := hooks.any("prepare-commit-msg", "post-index-change") ||
		(verify && hooks.any("pre-commit", "commit-msg"))
	var temp *tempIndex
	if needTemp {
		if temp, err = tx.writeTempIndex(changes, encOpts); err != nil {
			return "", err
		}
		defer temp.remove()
		// git builds it from HEAD's tree as a checkout does ("1": the work tree was brought up to
		// date), or, on an unborn branch, from nothing ("0")
		updated := "1"
		if tx.head.IsZero() {
			updated = "0"
		}
		hooks.run("post-index-change", nil, nil, updated, "0")
	}

	// git exports the author to the hooks it runs from here on.
	hooks.env = withEnv(hooks.env, []string{
		"GIT_AUTHOR_NAME=" + author.Name,
		"GIT_AUTHOR_EMAIL=" + author.Email,
		"GIT_AUTHOR_DATE=@" + strconv.FormatInt(author.When.Unix(), 10) + " " + author.When.Format("-0700"),
	})
	var commitEnv []string
	if temp != nil {
		commitEnv = []string{"GIT_INDEX_FILE=" + temp.path, "GIT_EDITOR=:"}
	}

	treeChanged := false
	if verify {
		ran, err := hooks.run("pre-commit", commitEnv, nil)
		if err != nil {
			return "", fmt.Errorf("%w (--no-verify skips it)", err)
		}
		if ran {
			if treeChanged, err = temp.changed(); err != nil {
				return "", err
			}
		}
	}
	var tree plumbing.Hash
	if treeChanged {
		// The hook staged something in git's temporary index: git commits what that index holds.
		idx, err := r.readIndexFile(temp.path, gitindex.Decode)
		if err != nil {
			return "", fmt.Errorf("read the index the pre-commit hook left: %w", err)
		}
		h, err := idx.UpdateTree(treeStore{r})
		if err != nil {
			return "", fmt.Errorf("build the commit's tree from the index the pre-commit hook left: %w", err)
		}
		tree = plumbing.Hash(h)
	} else if tree, err = r.editTree(tx.headTree, "", changes); err != nil {
		return "", err
	}
	// Whether there is anything to commit is judged as git judges it: by the index as it was before
	// the pre-commit hook ran. A hook that takes the change back out of it still gets a commit, of
	// HEAD's tree, with the change left staged, as git leaves it.
	same := tree == tx.headTree
	if treeChanged {
		before, err := r.editTree(tx.headTree, "", changes)
		if err != nil {
			return "", err
		}
		same = before == tx.headTree
	}
	if !tx.head.IsZero() && same {
		verb := "match"
		if len(clean) == 1 {
			verb = "matches"
		}
		return "", fmt.Errorf("%s already %s HEAD: %w", strings.Join(clean, ", "), verb, ErrNothingToCommit)
	}

	editMsg := filepath.Join(r.gitDir, "COMMIT_EDITMSG")
	if err := os.WriteFile(editMsg, []byte(cleanupMessage(o.Message, whitespaceOnly)), 0o666); err != nil {
		return "", fmt.Errorf("could not write %s: %w", editMsg, err)
	}
	msgHooks := false
	if ran, err := hooks.run("prepare-commit-msg", commitEnv, nil, tx.relToRoot(editMsg), "message"); err != nil {
		return "", err
	} else if ran {
		msgHooks = true
	}
	if verify {
		if ran, err := hooks.run("commit-msg", commitEnv, nil, tx.relToRoot(editMsg)); err != nil {
			return "", fmt.Errorf("%w (--no-verify skips it)", err)
		} else if ran {
			msgHooks = true
		}
	}
	if msgHooks {
		b, err := os.ReadFile(editMsg)
		if err != nil {
			return "", fmt.Errorf("could not read commit message: %w", err)
		}
		if msg = cleanupMessage(string(b), mode); msg == "" {
			return "", errHookEmptiedMessage{}
		}
	}

	if strings.IndexByte(msg, 0) >= 0 { // git: "a NUL byte in commit log message not allowed"
		return "", fmt.Errorf("a NUL byte in the commit message (left so by a hook) is not allowed; nothing committed: %w", ErrBadMessage)
	}
	commit := &gitCommit{Author: author, Committer: committer, Message: msg, TreeHash: tree}
	// as git's commit_tree_extended: the header unless is_encoding_utf8 says UTF-8 ("utf", an optional
	// "-", "8", in any case); set to nothing, it is written with no value
	if enc, ok := tx.cfg.get("i18n.commitencoding"); ok && !strings.EqualFold(enc, "utf-8") && !strings.EqualFold(enc, "utf8") {
		commit.Encoding, commit.EmptyEncoding = enc, enc == ""
	}
	if !tx.head.IsZero() {
		commit.ParentHashes = []plumbing.Hash{tx.head}
	}
	text := commit.encode()
	if commit.Encoding == "" && !commit.EmptyEncoding {
		// as git's commit_tree_extended: bytes that are not UTF-8 are read as Latin-1, with git's warning
		var ok bool
		if text, ok = fixUTF8(text); !ok {
			fmt.Fprint(tx.stderr, "Warning: commit message did not conform to UTF-8.\n"+
				"You may want to amend it after fixing the message, or set the config\n"+
				"variable i18n.commitEncoding to the encoding your project uses.\n")
		}
	}
	commitHash, err := r.writeObject(plumbing.CommitObject, text)
	if err != nil {
		return "", fmt.Errorf("write commit object: %w", err)
	}

	action := r.env("GIT_REFLOG_ACTION")
	if action == "" {
		action = "commit"
		if tx.head.IsZero() {
			action = "commit (initial)"
		}
	}
	subject, _, _ := strings.Cut(msg, "\n")
	if err := r.updateBranch(tx.cfg, hooks, refUpdate{
		branch: tx.branch, old: tx.head, new: commitHash,
		msg: reflogMessage(action + ": " + subject), committer: committer,
		moved: func() { tx.committed = true },
	}); err != nil {
		return "", err
	}

	// As git commit does once the branch has moved: a merge's or squash's message and mode are
	// for a commit that this one now is, in git's eyes.
	for _, name := range []string{"MERGE_MSG", "MERGE_MODE", "SQUASH_MSG", "AUTO_MERGE"} {
		os.Remove(filepath.Join(r.gitDir, name))
	}

	hash = commitHash.String()
	var renameErr error
	interrupt.Critical(func() {
		tx.closed = true
		if renameErr = os.Rename(tx.lock.Name(), tx.indexPath); renameErr != nil {
			os.Remove(tx.lock.Name())
		}
		tx.release()
	})
	if renameErr != nil {
		// git's own advice, `git restore --staged :/`, fits its commit of the whole index; after a
		// commit of these paths only, it would unstage everything else the user staged
		return hash, fmt.Errorf("commit %s made, but the index could not be written (%v); "+
			"check that the disk is not full, then run `%s` to recover (what else you staged stays staged)", hash[:7], renameErr, restoreStaged(clean))
	}
	if temp != nil {
		temp.remove()
	}
	tx.autoMaintenance()
	hooks.run("post-commit", []string{"GIT_INDEX_FILE=" + tx.relToRoot(tx.indexPath), "GIT_EDITOR=:"}, nil)
	return hash, nil
}

// autoMaintenance runs `git maintenance run --auto --quiet` once the commit stands, before
// post-commit, as git commit does: git packs the loose objects and runs gc when its thresholds say so
// (a repository only pm commits to, a nightly pm actions sync, say, would otherwise pile them up).
// Off with maintenance.auto = false, as for git; skipped where there is no git program to run.
// Its failure, as git's, fails nothing.
func (tx *Tx) autoMaintenance() {
	if !tx.cfg.boolean("maintenance.auto", true) {
		return
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return
	}
	base := tx.opts.Environ
	if base == nil {
		base = os.Environ()
	}
	cmd := exec.Command(git, "maintenance", "run", "--auto", "--quiet")
	cmd.Dir = tx.r.root
	cmd.Env = withEnv(base, tx.r.hookExports())
	cmd.Stdout, cmd.Stderr = tx.stderr, tx.stderr
	_ = cmd.Run()
}

// relToRoot shows a path inside the work tree relative to its root, as git names files under .git
// to hooks (they run at the root); others stay absolute.
func (tx *Tx) relToRoot(p string) string {
	if tx.r.layout.exportsGitDir {
		// a git directory named by GIT_DIR (or a .git file) is absolute to git, and so are its files
		return p
	}
	if rel, ok := relInside(tx.r.root, p); ok {
		return filepath.FromSlash(rel)
	}
	return p
}

// collect reads each path from the work tree, stores its blob and prepares its index entry; a
// tracked path missing from the work tree becomes a removal.
func (tx *Tx) collect(paths []string, expect map[string][]byte) ([]change, error) {
	r := tx.r
	fileMode := tx.cfg.boolean("core.filemode", true)
	ignoreStat := tx.cfg.boolean("core.ignorestat", false)
	var out []change
	for _, p := range paths {
		var prevMode filemode.FileMode
		if e := tx.idx.entry(p); e != nil {
			prevMode = filemode.FileMode(e.Mode)
		}
		if err := r.checkNoSymlinkDirs(p); err != nil {
			return nil, err
		}
		data, fi, err := readWorkFile(r.abs(p))
		if want, ok := expect[p]; ok && (err != nil || fi.Mode()&os.ModeSymlink != 0 || !bytes.Equal(data, want)) {
			return nil, fmt.Errorf("%s changed on disk while pm was committing it; nothing committed: %w", p, ErrChangedMeanwhile)
		}
		if errors.Is(err, os.ErrNotExist) {
			_, inHead, err := tx.lookup.find(p)
			if err != nil {
				return nil, err
			}
			if prevMode == 0 && !inHead {
				return nil, fmt.Errorf("%s matches no file in the work tree, the index or HEAD: %w", p, ErrBadPath)
			}
			out = append(out, change{path: p, remove: true})
			continue
		}
		if err != nil {
			return nil, err
		}
		// With core.fileMode false the executable bit is not read from the file: as git does, each
		// index keeps the mode of its own entry (a new one is not executable), so the commit (git's
		// temporary index, made from HEAD) keeps HEAD's mode and the real index keeps a mode change
		// staged with `git update-index --chmod`, still staged afterwards.
		mode, indexMode := filemode.Regular, filemode.Regular
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			mode, indexMode = filemode.Symlink, filemode.Symlink
		case !fileMode:
			he, inHead, err := tx.lookup.find(p)
			if err != nil {
				return nil, err
			}
			if inHead && he.Mode == filemode.Executable {
				mode = filemode.Executable
			}
			if prevMode == filemode.Executable {
				indexMode = filemode.Executable
			}
		case fi.Mode()&0o111 != 0:
			mode, indexMode = filemode.Executable, filemode.Executable
		}
		// The commit's blob is converted against HEAD's (git's temporary index), the real index's
		// against its own entry: they differ only when git's CRLF rule sees different bases.
		stored, indexStored := data, data
		if mode != filemode.Symlink {
			if stored, err = tx.Stored(p, data); err != nil {
				return nil, err
			}
			indexStored = stored
			if tx.basesDiffer(p) {
				c, _ := tx.converter()
				if indexStored, err = c.toGit(p, data, tx.indexBlob); err != nil {
					return nil, err
				}
			}
		}
		h, err := r.writeBlob(stored)
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", p, err)
		}
		ih := h
		if !bytes.Equal(indexStored, stored) {
			if ih, err = r.writeBlob(indexStored); err != nil {
				return nil, fmt.Errorf("store %s: %w", p, err)
			}
		}
		e := &gitindex.Entry{Name: p, Hash: gitindex.Hash(ih), Mode: uint32(indexMode)}
		e.SetStat(statData(fi))
		if ignoreStat {
			// git marks every entry it adds assume-unchanged under core.ignoreStat
			e.Flags |= gitindex.FlagAssumeValid
		}
		out = append(out, change{path: p, hash: h, mode: mode, entry: e})
	}
	return out, nil
}

// basesDiffer reports whether the real index holds another blob for p than HEAD does.
func (tx *Tx) basesDiffer(p string) bool {
	he, inHead, _ := tx.lookup.find(p)
	e := tx.idx.entry(p)
	switch {
	case inHead != (e != nil):
		return true
	case !inHead:
		return false
	}
	return gitindex.Hash(he.Hash) != e.Hash
}

// tempIndex is git's temporary index for a partial commit: HEAD plus the committed paths, which
// the commit hooks see through GIT_INDEX_FILE.
type tempIndex struct {
	path    string
	data    []byte // as written, to tell whether a hook changed it
	release func() // of its removal on a signal (interrupt.OnSignal)
}

// writeTempIndex writes <gitdir>/next-index-<pid>.lock: git's temporary index of HEAD (see
// headIndex) with the committed paths set.
func (tx *Tx) writeTempIndex(changes []change, opts gitindex.EncodeOptions) (*tempIndex, error) {
	name := filepath.Join(tx.r.gitDir, fmt.Sprintf("next-index-%d", os.Getpid()))
	t := &tempIndex{}
	var f *os.File
	var err error
	t.release, err = interrupt.Do(func() error {
		if f, err = lockFile(name); err == nil {
			t.path = f.Name()
		}
		return err
	}, func() { os.Remove(t.path) })
	if err != nil {
		return nil, err
	}
	if err := tx.r.share(t.path); err != nil {
		f.Close()
		t.remove()
		return nil, err
	}
	fail := func(err error) (*tempIndex, error) {
		f.Close()
		t.remove()
		return nil, err
	}
	idx, err := tx.headIndex()
	if err != nil {
		return fail(err)
	}
	if err := applyChanges(idx, changes, true, tx.opts.Prefix); err != nil {
		return fail(err)
	}
	var buf bytes.Buffer
	if err := idx.Encode(&buf, opts); err != nil {
		return fail(fmt.Errorf("write the temporary index: %w", err))
	}
	t.data = buf.Bytes()
	if _, err := f.Write(t.data); err != nil {
		return fail(fmt.Errorf("write the temporary index %s: %w", t.path, err))
	}
	if err := f.Close(); err != nil {
		t.remove()
		return nil, fmt.Errorf("write the temporary index %s: %w", t.path, err)
	}
	return t, nil
}

// changed reports whether a hook changed the temporary index.
func (t *tempIndex) changed() (bool, error) {
	if t == nil {
		return false, nil
	}
	b, err := os.ReadFile(t.path)
	if err != nil {
		return false, fmt.Errorf("read the temporary index after the pre-commit hook: %w", err)
	}
	return !bytes.Equal(b, t.data), nil
}

func (t *tempIndex) remove() {
	if t != nil {
		os.Remove(t.path)
		t.release()
	}
}

// msgCleanup is how a commit message given with -m (and no editor) is cleaned: commit.cleanup, and
// the comment character for strip mode.
type msgCleanup struct {
	mode    int
	comment string
}

const (
	cleanupWhitespace = iota // strip trailing blanks and surplus blank lines
	cleanupStrip             // and comment lines
	cleanupVerbatim          // nothing, but a final newline
)

// whitespaceOnly is the clean-up git applies before writing COMMIT_EDITMSG for the hooks.
var whitespaceOnly = msgCleanup{mode: cleanupWhitespace}

// cleanupModeOf reads commit.cleanup as git does for a message given on the command line: default,
// whitespace and scissors clean white space; strip also drops comment lines (core.commentChar, "#"
// by default; "auto" picks one that starts no line of the message); verbatim keeps all.
func cleanupModeOf(cfg *gitConfig, message string) msgCleanup {
	v, _ := cfg.get("commit.cleanup")
	switch v { // as git compares them; a mode git does not know was refused by Begin (checkValues)
	case "strip":
		c := msgCleanup{mode: cleanupStrip, comment: "#"}
		if cc, ok := cfg.get("core.commentchar"); ok && cc != "" { // one byte or auto (checkValues)
			c.comment = cc
			if strings.EqualFold(cc, "auto") {
				c.comment = autoCommentChar(message)
			}
		}
		return c
	case "verbatim":
		return msgCleanup{mode: cleanupVerbatim}
	}
	return whitespaceOnly
}

// autoCommentChar is git's choice for core.commentChar=auto: the first of #;@!$%^&|: that starts no
// line of the message.
func autoCommentChar(message string) string {
	used := map[byte]bool{}
	for _, l := range strings.Split(strings.ReplaceAll(message, "\r", "\n"), "\n") {
		if l != "" {
			used[l[0]] = true
		}
	}
	for _, c := range []byte("#;@!$%^&|:") {
		if !used[c] {
			return string(c)
		}
	}
	return "#"
}

// checkNoReplaceRefs refuses while git would read objects through replace refs (refs/replace/, `git
// replace`): git builds the commit from HEAD as replaced, pm from HEAD as stored, and the two commits
// would differ. GIT_NO_REPLACE_OBJECTS and core.useReplaceRefs=false turn them off, in git and so here.
func (tx *Tx) checkNoReplaceRefs() error {
	if tx.r.env("GIT_NO_REPLACE_OBJECTS") != "" || !tx.cfg.boolean("core.usereplacerefs", true) {
		return nil
	}
	base := "refs/replace/"
	if v := tx.r.env("GIT_REPLACE_REF_BASE"); v != "" {
		base = strings.TrimSuffix(v, "/") + "/"
	}
	found := false
	_ = filepath.WalkDir(filepath.Join(tx.r.commonDir, filepath.FromSlash(base)), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	if !found {
		if data, err := os.ReadFile(filepath.Join(tx.r.commonDir, "packed-refs")); err == nil {
			found = bytes.Contains(data, []byte(" "+base))
		}
	}
	if found {
		return unsupportedf("the repository has replace refs (%s, from git replace), which git applies to HEAD when it "+
			"commits and pm does not; commit by hand, or set GIT_NO_REPLACE_OBJECTS=1 if they are not meant for commits", base)
	}
	return nil
}

// errHookEmptiedMessage is a message a hook left empty: an empty message (ErrEmptyMessage) and a
// commit refused by a hook (ErrHookFailed: exit 1, as git exits).
type errHookEmptiedMessage struct{}

func (errHookEmptiedMessage) Error() string {
	return "aborting commit due to empty commit message (left so by a hook): " + ErrEmptyMessage.Error()
}

func (errHookEmptiedMessage) Is(target error) bool {
	return target == ErrEmptyMessage || target == ErrHookFailed
}

// restoreStaged is the git command that sets the index entries of paths (root-relative) to HEAD's and
// leaves every other entry alone, for a shell, from any folder of the work tree: each path a literal
// pathspec from the top (a name with * or [ in it matches itself alone), quoted.
func restoreStaged(paths []string) string {
	var b strings.Builder
	b.WriteString("git restore --staged --")
	for _, p := range paths {
		b.WriteString(" '")
		b.WriteString(strings.ReplaceAll(":(top,literal)"+p, "'", `'\''`))
		b.WriteByte('\'')
	}
	return b.String()
}
