package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/pm-tools/pm/pkg/internal/interrupt"
)

// Moving the branch is done the way git's files backend runs a ref transaction for `git commit`:
// HEAD (for its reflog only) and the branch are locked with <ref>.lock files, the old value is
// checked, the reference-transaction hook is told ("prepared"), the reflogs are appended, and only
// then is the branch's lock file renamed into place. A reflog that cannot be written fails the
// update before the branch moves, so pm never has to undo a commit; once the rename is done the
// commit stands, whatever happens next.

// refLockTimeout is how long git waits for a ref lock by default (core.filesRefLockTimeout).
const refLockTimeout = 100 * time.Millisecond

// refLock is a <ref>.lock file held for an update.
type refLock struct {
	name string // the lock file's path
	ref  string // the ref's name, for messages
	undo func() // releases the lock's removal on a signal (interrupt.OnSignal)
}

// lockRef creates path+".lock" exclusively, retrying for a moment as git does.
func lockRef(shared int, path, ref string) (*refLock, error) {
	lockName := path + ".lock"
	if err := mkdirAllShared(shared, filepath.Dir(lockName)); err != nil {
		return nil, fmt.Errorf("cannot lock ref '%s': %w", ref, err)
	}
	deadline := time.Now().Add(refLockTimeout)
	delay := time.Millisecond
	for {
		// made and its removal on a signal registered in one step, as git's lock files go when git
		// is stopped: a signal cannot come between the two and leave it
		undo, err := interrupt.Do(func() error {
			f, err := os.OpenFile(lockName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
			if err == nil {
				f.Close()
			}
			return err
		}, func() { os.Remove(lockName) })
		if err == nil {
			if err := adjustShared(shared, lockName); err != nil {
				os.Remove(lockName)
				undo()
				return nil, fmt.Errorf("cannot lock ref '%s': %w", ref, err)
			}
			return &refLock{name: lockName, ref: ref, undo: undo}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("cannot lock ref '%s': %w", ref, err)
		}
		if time.Now().After(deadline) {
			return nil, Sentinelf(ErrRaceHead, "cannot lock ref '%s': %s exists: another git process is updating it; "+
				"retry, or remove that file if no git process is running", ref, lockName)
		}
		time.Sleep(delay)
		delay *= 2
	}
}

func (l *refLock) release() {
	if l != nil {
		os.Remove(l.name)
		l.undo()
	}
}

// refPath is the loose file of a ref: HEAD and other per-worktree refs live in the worktree's git
// dir, branches in the common dir.
func (r *Repo) refPath(ref string) string {
	if ref == "HEAD" {
		return filepath.Join(r.gitDir, "HEAD")
	}
	return filepath.Join(r.commonDir, filepath.FromSlash(ref))
}

// reflogPath is the reflog file of a ref: HEAD's and the per-worktree refs' (refs/worktree/,
// refs/bisect/) in the worktree's git dir, the others in the common dir.
func (r *Repo) reflogPath(ref string) string {
	dir := r.commonDir
	if ref == "HEAD" || strings.HasPrefix(ref, "refs/worktree/") || strings.HasPrefix(ref, "refs/bisect/") {
		dir = r.gitDir
	}
	return filepath.Join(dir, "logs", filepath.FromSlash(ref))
}

// refUpdate is the move of HEAD's branch by one commit.
type refUpdate struct {
	branch    plumbing.ReferenceName
	old, new  plumbing.Hash // old is zero on an unborn branch
	msg       string        // reflog message, already normalised
	committer Signature
	moved     func() // called as the branch moves, signals held off (interrupt.Critical); may be nil
}

// updateBranch carries out u as described above. The returned error says whether the branch moved:
// before the rename nothing has changed (the reflogs aside, as in git); a failure of the rename
// itself leaves the branch where it was too.
func (r *Repo) updateBranch(cfg *gitConfig, hooks *hookRunner, u refUpdate) error {
	shared, err := r.shared()
	if err != nil {
		return err
	}
	headLock, err := lockRef(shared, r.refPath("HEAD"), "HEAD")
	if err != nil {
		return err
	}
	defer headLock.release()
	branchLock, err := lockRef(shared, r.refPath(u.branch.String()), u.branch.String())
	if err != nil {
		return err
	}
	defer branchLock.release()

	// HEAD and the branch are checked under their locks: a checkout or another commit that got in
	// first makes this one fail instead of overwriting it.
	if b, err := r.currentBranch(); err != nil {
		return err
	} else if b != u.branch {
		return fmt.Errorf("HEAD switched from %s to %s while committing; retry: %w", u.branch.Short(), b.Short(), ErrRaceHead)
	}
	cur, err := r.st.Reference(u.branch)
	switch {
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		if !u.old.IsZero() {
			return fmt.Errorf("cannot lock ref '%s': it was deleted while committing; retry: %w", u.branch, ErrRaceHead)
		}
	case err != nil:
		return fmt.Errorf("read %s: %w", u.branch, err)
	case cur.Type() != plumbing.HashReference:
		return fmt.Errorf("%s is a symbolic ref; pm commits only on a plain branch: %w", u.branch, ErrDetachedHead)
	case u.old.IsZero():
		return fmt.Errorf("branch %s was created at %s by someone else while committing; retry: %w",
			u.branch.Short(), cur.Hash().String()[:7], ErrRaceHead)
	case cur.Hash() != u.old:
		return fmt.Errorf("cannot lock ref '%s': is at %s but expected %s (another commit landed); retry: %w",
			u.branch, cur.Hash(), u.old, ErrRaceHead)
	}
	// written into the lock that is there, never made again (O_CREATE): a signal's undo that has
	// removed it leaves nothing for this write to bring back, and none can come between the two
	// (interrupt.Step)
	if err := interrupt.Step(func() error {
		f, err := os.OpenFile(branchLock.name, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		_, werr := f.WriteString(u.new.String() + "\n")
		return errors.Join(werr, f.Close())
	}); err != nil {
		return fmt.Errorf("cannot update ref '%s': %w", u.branch, err)
	}

	refs := []string{"HEAD", u.branch.String()}
	hookInput := func() []byte {
		var b strings.Builder
		for _, ref := range refs {
			fmt.Fprintf(&b, "%s %s %s\n", u.old, u.new, ref)
		}
		return []byte(b.String())
	}
	if hooks.find("reference-transaction") != "" {
		if _, err := hooks.run("reference-transaction", nil, hookInput(), "prepared"); err != nil {
			hooks.run("reference-transaction", nil, hookInput(), "aborted")
			return fmt.Errorf("ref updates aborted by hook (%v): %w", err, ErrHookFailed)
		}
	}
	for _, ref := range refs {
		if err := r.appendReflog(cfg, ref, u); err != nil {
			if hooks.find("reference-transaction") != "" {
				hooks.run("reference-transaction", nil, hookInput(), "aborted")
			}
			return fmt.Errorf("cannot update the ref '%s': %w", u.branch, err)
		}
	}
	// The branch moves and the caller learns it together: a signal sees both or neither.
	var renameErr error
	interrupt.Critical(func() {
		if renameErr = os.Rename(branchLock.name, r.refPath(u.branch.String())); renameErr == nil && u.moved != nil {
			u.moved()
		}
	})
	if renameErr != nil {
		if hooks.find("reference-transaction") != "" {
			hooks.run("reference-transaction", nil, hookInput(), "aborted")
		}
		return fmt.Errorf("couldn't set '%s': %w", u.branch, renameErr)
	}
	if hooks.find("reference-transaction") != "" {
		hooks.run("reference-transaction", nil, hookInput(), "committed")
	}
	return nil
}

// appendReflog appends the update to ref's reflog when git would: the log exists, or
// core.logAllRefUpdates asks for it (true by default in a work tree: branches and HEAD; "always":
// every ref).
func (r *Repo) appendReflog(cfg *gitConfig, ref string, u refUpdate) error {
	name := r.reflogPath(ref)
	if fi, err := os.Lstat(name); err == nil && fi.IsDir() {
		// as git: an empty folder where the log goes (a ref of that name was a folder of refs
		// once) is removed; a folder holding anything is the error it is
		removeEmptyDirs(name)
	}
	if !exists(name) {
		create := true // the default in a repository with a work tree
		if v, ok := cfg.get("core.logallrefupdates"); ok && !strings.EqualFold(v, "always") {
			create = cfg.boolean("core.logallrefupdates", true)
		}
		if !create {
			return nil
		}
	}
	line := fmt.Sprintf("%s %s %s", u.old, u.new, identLine(u.committer))
	if u.msg != "" {
		line += "\t" + u.msg
	}
	shared, err := r.shared()
	if err != nil {
		return err
	}
	if err := appendLine(shared, name, line+"\n"); err != nil {
		return fmt.Errorf("unable to append to '%s': %w", name, err)
	}
	return nil
}

// reflogMessage normalises a reflog message as git does: runs of white space become one space,
// leading and trailing white space go.
func reflogMessage(msg string) string {
	var b strings.Builder
	space := true
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		isSpace := c == ' ' || c == '\t' || c == '\n' || c == '\r' // git's isspace
		if space && isSpace {
			continue
		}
		space = isSpace
		if isSpace {
			c = ' '
		}
		b.WriteByte(c)
	}
	return strings.TrimRight(b.String(), " ")
}

func appendLine(shared int, name, line string) error {
	if err := mkdirAllShared(shared, filepath.Dir(name)); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return err
	}
	if err := adjustShared(shared, name); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// removeEmptyDirs removes dir and the folders below it when they hold no file, as git's
// remove_empty_directories does before it writes a reflog where a folder stands.
func removeEmptyDirs(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			removeEmptyDirs(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(dir) // fails, as it should, when a file is left
}
