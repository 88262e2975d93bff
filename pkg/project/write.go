package project

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// GitContext is what pm's commits take from the process around them, as git's would: the
// environment hooks start from, where their output goes, where the user stands, and the clock that
// dates commits. PM_NOW, the clock of pm's process rules, never dates a commit: GIT_AUTHOR_DATE and
// GIT_COMMITTER_DATE do, else the real time.
type GitContext struct {
	Environ []string
	Stderr  io.Writer
	WorkDir string
	Clock   func() time.Time // nil: time.Now
}

func (g GitContext) clock() time.Time {
	if g.Clock == nil {
		return time.Now()
	}
	return g.Clock()
}

// Write says whether and how to commit what pm writes.
type Write struct {
	Commit bool
	// NoVerify skips the pre-commit and commit-msg hooks (git commit --no-verify).
	NoVerify bool
	// Message gives the commit message for the root-relative path written.
	Message func(rel string) string
	// Read are files the changes were decided from that are not written (RewriteAll only): each
	// must still hold what pm read, under the index lock as the files written, or nothing is
	// written (ErrChanged). Without it, a change decided from two files read on either side of
	// another pm's commit could leave a mix of the two runs.
	Read []Read
}

// Read is a file pm read and does not write: its absolute path and the content read.
type Read struct {
	Path string
	Data []byte
}

// Change is one file pm is about to write: its absolute path, new content, and old content
// (nil for a file pm creates).
type Change struct {
	Path string
	Data []byte
	Old  []byte
}

// Commit is the result of writing and committing.
type Commit struct {
	Path string // the file written, absolute (for a new file, the name that was free)
	Hash string // "" when not committed
	// Edits, when not nil, are the user's uncommitted edits to the file, committed with pm's change
	// (what pm's checks judged is what was committed).
	Edits *Edits
}

// Edits count the lines a file had changed against HEAD before pm touched it.
type Edits struct {
	Added, Removed int
	// Untracked is set when HEAD has no regular file at the path (a new file, one renamed there, or
	// a symbolic link before).
	Untracked bool
}

// BodyLine is the line pm adds to its commit message when it commits the user's edits to the file
// at rel along: a postmortem is "the postmortem", any other file (pm init's .gitignore) is named.
func (e *Edits) BodyLine(rel string) string {
	what := "the postmortem"
	if !strings.EqualFold(path.Ext(rel), ".md") {
		what = rel
	}
	line := fmt.Sprintf("Includes uncommitted edits to %s: +%d -%d lines", what, e.Added, e.Removed)
	if e.Untracked {
		line += " (the last commit has no file at this path)"
	}
	return line
}

// ErrChanged means the file changed on disk after pm read it: nothing was written.
var ErrChanged = errors.New("changed on disk while pm was working")

// KeptError is ErrChanged when another program wrote to the file in the instant pm's version stood in
// its place before pm put the other program's file back: those bytes are in pm's version, which is
// kept, as Kept, rather than removed. The user compares it with the file.
type KeptError struct {
	Path string
	Kept string
}

func (e *KeptError) Error() string {
	return i18n.M("err.changed-kept", e.Path, e.Kept).String()
}

// In is the message in lang.
func (e *KeptError) In(lang i18n.Lang) string { return lang.T("err.changed-kept", e.Path, e.Kept) }

func (e *KeptError) Unwrap() error { return ErrChanged }

// MaxFileSize is the largest file pm rewrites, the limit of pm lint too: no postmortem is that long.
const MaxFileSize = postmortem.MaxFileSize

// LockWait is how long pm waits for another git process (or another pm) to release the index
// before giving up: two pm commands started at once then commit one after the other.
var LockWait = 2 * time.Second

// tx is one commit of pm's in preparation: the repository, the index lock (held from begin to the
// end of the commit), and the identity.
type tx struct {
	p                 *Project
	repo              *gitrepo.Repo
	t                 *gitrepo.Tx
	author, committer gitrepo.Signature
}

// begin resolves the identity, then takes the index lock: from here until the commit, no other git
// process can commit, so what pm reads is what it commits.
func (p *Project) begin(hint string) (*tx, error) {
	if !p.InRepo {
		return nil, p.notInRepo(hint)
	}
	repo, err := p.Repo()
	if err != nil {
		return nil, err
	}
	author, committer, err := p.Identity()
	if err != nil {
		return nil, err
	}
	g := p.Git
	t, err := repo.Begin(gitrepo.TxOptions{Wait: LockWait, Environ: g.Environ, Prefix: p.prefix(repo), Stderr: g.Stderr})
	if err != nil {
		return nil, err
	}
	return &tx{p: p, repo: repo, t: t, author: author, committer: committer}, nil
}

// check converts an absolute path to the root-relative one git commits, refusing one git would not
// commit; a path through a symbolic link gets the way out.
func (x *tx) check(path string) (string, error) {
	rel, err := x.repo.Rel(path)
	if err != nil {
		return "", err
	}
	if err := x.t.Check([]string{rel}); err != nil {
		if errors.Is(err, gitrepo.ErrBeyondSymlink) {
			return "", fmt.Errorf("%w; point `dir:` in .pm.yaml at the real folder (or pass --no-commit)", err)
		}
		return "", err
	}
	// pm reads and writes its files as UTF-8: one git keeps in another encoding in the work tree
	// would be misread, and written in UTF-8 where git expects the other
	if enc, err := x.t.WorkTreeEncoding(rel); err != nil {
		return "", err
	} else if enc != "" {
		return "", gitrepo.Sentinelf(gitrepo.ErrUnsupported, "%s is kept in %s in the work tree (working-tree-encoding in .gitattributes), and pm reads "+
			"and writes it as UTF-8; take the attribute off it", rel, enc)
	}
	return rel, nil
}

// commit commits the paths, the bytes pm wrote in expect.
func (x *tx) commit(rels []string, msg string, noVerify bool, expect map[string][]byte) (string, error) {
	return x.t.Commit(rels, gitrepo.CommitOptions{
		Message:   msg,
		Author:    x.author,
		Committer: x.committer,
		NoVerify:  noVerify,
		Expect:    expect,
	})
}

// onSignal registers undo (putting back what pm wrote) to run should a signal stop pm before the
// commit stands (interrupt.OnSignal): stopped while a hook runs, pm leaves the work tree as a failed
// commit leaves it. One that comes once the commit stands (from post-commit, say) runs discard
// instead (nil: nothing), which removes the copies of the files pm replaced (fsutil.Discard), kept for
// undo until then. Call the release it returns once the commit is over.
func (x *tx) onSignal(undo, discard func()) (release func()) {
	return interrupt.OnSignal(x.undoOrDiscard(undo, discard))
}

// doOnSignal is onSignal of undo and discard registered in one step with create, which makes what
// undo puts back (interrupt.Do): a signal cannot come between the two and leave the write undone.
func (x *tx) doOnSignal(create func() error, undo, discard func()) (release func(), err error) {
	return interrupt.Do(create, x.undoOrDiscard(undo, discard))
}

// undoOrDiscard is what a signal does: undo before the commit stands, discard after.
func (x *tx) undoOrDiscard(undo, discard func()) func() {
	return func() {
		if !x.t.Committed() {
			undo()
		} else if discard != nil {
			discard()
		}
	}
}

// prefix is GIT_PREFIX for hooks: where the user stands below the root, "" or "sub/dir/".
func (p *Project) prefix(repo *gitrepo.Repo) string {
	if p.Git.WorkDir == "" {
		return ""
	}
	rel, err := repo.Rel(p.Git.WorkDir)
	if err != nil || rel == "." {
		return ""
	}
	return rel + "/"
}

// WriteNew creates a new file at the first free name that name(n) gives (n = 1, 2, …) and, when
// w.Commit is set, commits it alone. With a commit, a name the index or HEAD has is not free. A failed commit removes the file again (if it still holds
// what pm wrote) and any folder pm made for it.
func (p *Project) WriteNew(name func(n int) string, data []byte, w Write) (Commit, error) {
	var x *tx
	if w.Commit {
		var err error
		if x, err = p.begin("run 'git init' first, or pass --no-commit to only write the file"); err != nil {
			return Commit{}, err
		}
		defer x.t.Abort()
	}
	var path, rel string
	var dirs []string // folders created for the file, removed again when the commit fails
	created := false  // the file is made: a signal removes it, as a failed commit does
	if x != nil {
		defer x.onSignal(func() {
			if created {
				removeIfOurs(path, data)
			}
			removeDirs(dirs)
		}, nil)()
	}
	for n := 1; ; n++ {
		path = name(n)
		if _, err := os.Lstat(path); err == nil && n <= 1000 {
			// anything at the name takes it, a symbolic link too, wherever (or to nothing) it leads:
			// the next name is tried rather than the link judged
			continue
		}
		if extensionTaken(path) && n <= 1000 {
			// X.MD has the id X as X.md does: a second file of one id makes every command that
			// names it refuse it as ambiguous (and the two cannot live on a case-insensitive disk)
			continue
		}
		if err := p.checkInside(path); err != nil {
			return Commit{}, err
		}
		if x != nil {
			// a name git knows (staged, committed and since deleted, outside the sparse checkout, or
			// a folder of the index) is taken, as a file is: the next one is tried before the name
			// is judged, so that such a name is passed over rather than refused
			if r, err := x.repo.Rel(path); err == nil {
				if taken, err := x.t.Taken(r); err != nil {
					removeDirs(dirs)
					return Commit{}, err
				} else if taken {
					if n > 1000 {
						removeDirs(dirs)
						return Commit{}, fmt.Errorf("%s and the 1,000 names after it are taken in the index or HEAD", name(1))
					}
					continue
				}
			}
			var err error
			if rel, err = x.check(path); err != nil {
				removeDirs(dirs)
				return Commit{}, err
			}
			// git add refuses a path its ignore rules match (without -f): so does pm, before the
			// file is made
			if ignored, err := x.t.Ignored(rel); err != nil {
				removeDirs(dirs)
				return Commit{}, err
			} else if ignored {
				removeDirs(dirs)
				typed := rel // git check-ignore reads the path from where the user stands
				if pre := p.prefix(x.repo); pre != "" {
					if r, err := filepath.Rel(filepath.FromSlash(pre), filepath.FromSlash(rel)); err == nil {
						typed = filepath.ToSlash(r)
					}
				}
				return Commit{}, gitrepo.BadPathf("%s is ignored by git (.gitignore, .git/info/exclude or core.excludesFile), and git add "+
					"refuses it as pm does: change the rule (git check-ignore -v %s names it), or create the file with --no-commit and "+
					"add it with git add -f", rel, typed)
			}
		}
		var mkErr error
		// made and recorded in one step, for the undo a signal runs (interrupt.Step)
		err := interrupt.Step(func() error {
			made, err := mkdirAll(filepath.Dir(path))
			dirs = append(dirs, made...)
			if err != nil {
				mkErr = err
				return err
			}
			err = fsutil.CreateExclusive(path, data, fsutil.NewFileMode)
			created = err == nil
			return err
		})
		if mkErr != nil {
			removeDirs(dirs)
			return Commit{}, fmt.Errorf("create folder %s: %w", filepath.Dir(path), mkErr)
		}
		if err == nil {
			break
		}
		if !errors.Is(err, fsutil.ErrExist) || n > 1000 {
			removeDirs(dirs)
			return Commit{}, err
		}
	}
	if x == nil {
		return Commit{Path: path}, nil
	}
	hash, err := x.commit([]string{rel}, w.Message(rel), w.NoVerify, map[string][]byte{rel: data})
	if err != nil && hash == "" {
		if undoErr := removeIfOurs(path, data); undoErr != nil {
			return Commit{}, fmt.Errorf("%w; %v", err, undoErr)
		}
		removeDirs(dirs)
		return Commit{}, err
	}
	return Commit{Path: path, Hash: hash}, err
}

// Rewrite replaces an existing file's content, which must still be c.Old, and, when w.Commit is
// set, commits it alone. With a commit, the file is read, checked, written and committed while
// pm holds the index lock. Should the file hold edits not yet committed, they are committed with
// pm's change (c.Old is what pm's checks judged), the message says so and Commit.Edits counts
// them. A failed commit puts c.Old back — only if the file still holds what pm wrote.
func (p *Project) Rewrite(c Change, w Write) (Commit, error) {
	if err := p.checkInside(c.Path); err != nil {
		return Commit{}, err
	}
	var x *tx
	var rel string
	if w.Commit {
		var err error
		if x, err = p.begin("pass --no-commit to only change the file"); err != nil {
			return Commit{}, err
		}
		defer x.t.Abort()
		if rel, err = x.check(c.Path); err != nil {
			return Commit{}, err
		}
	}
	if len(c.Old) > MaxFileSize || len(c.Data) > MaxFileSize {
		return Commit{}, tooLargeToRewrite(c.Path, len(c.Old), len(c.Data))
	}
	fi, err := os.Lstat(c.Path)
	if err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return Commit{}, fmt.Errorf("%s is a symbolic link; pm edits regular files only", c.Path)
	}
	cur, err := fsutil.ReadRegular(c.Path)
	if err != nil {
		return Commit{}, fmt.Errorf("read %s: %w", c.Path, err)
	}
	if !bytes.Equal(cur, c.Old) {
		return Commit{}, fmt.Errorf("%s %w; nothing written, run the command again", c.Path, ErrChanged)
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(c.Path); err == nil {
		perm = fi.Mode().Perm()
	}
	if err := writable(c.Path, perm); err != nil {
		return Commit{}, err
	}
	var edits *Edits
	msg := ""
	if x != nil {
		if edits, err = x.edits(rel, c.Old); err != nil {
			return Commit{}, err
		}
		msg = w.Message(rel)
		if edits != nil {
			msg = strings.TrimRight(msg, "\n") + "\n\n" + edits.BodyLine(rel) + "\n"
		}
	}
	var kept string
	write := func() error {
		var err error
		kept, err = replace(c.Path, c.Old, c.Data, perm, x.keepDir())
		return err
	}
	if x == nil {
		// no undo: the write is the command's result; its temporary file is not left by a signal
		if err := interrupt.Step(write); err != nil {
			return Commit{}, err
		}
		fsutil.Discard(kept)
		return Commit{Path: c.Path}, nil
	}
	release, err := x.doOnSignal(write, func() { restore(c.Path, c.Data, c.Old, kept, perm) }, func() { fsutil.Discard(kept) })
	if err != nil {
		return Commit{}, err
	}
	defer release()
	hash, err := x.commit([]string{rel}, msg, w.NoVerify, map[string][]byte{rel: c.Data})
	if err != nil && hash == "" {
		return Commit{}, fmt.Errorf("%w; %s", err, restore(c.Path, c.Data, c.Old, kept, perm))
	}
	fsutil.Discard(kept)
	return Commit{Path: c.Path, Hash: hash, Edits: edits}, err
}

// edits compares what the file held when pm read it (as git would store it) with HEAD.
func (x *tx) edits(rel string, old []byte) (*Edits, error) {
	head, inHead, err := x.t.HeadFile(rel)
	if err != nil {
		return nil, err
	}
	stored, err := x.t.Stored(rel, old)
	if err != nil {
		return nil, err
	}
	if inHead && bytes.Equal(head, stored) {
		return nil, nil
	}
	added, removed := lineDiff(head, stored)
	return &Edits{Added: added, Removed: removed, Untracked: !inHead}, nil
}

// keepDir is where a file pm replaces is kept until its commit stands (fsutil.ReplaceKeep): the git
// directory, "" without a commit (nothing to undo).
func (x *tx) keepDir() string {
	if x == nil {
		return ""
	}
	return x.repo.GitDir()
}

// restore puts old back after a failed commit, but only over pm's own bytes: if the file changed
// since pm wrote it (a hook, an editor), it is left alone. kept is the file replace kept: put back by
// a rename, it needs no room on a disk whose filling failed the commit. It says what it did.
func restore(path string, ours, old []byte, kept string, perm os.FileMode) string {
	err := fsutil.PutBack(path, ours, old, kept, perm)
	if ke := (*fsutil.KeptError)(nil); errors.As(err, &ke) {
		return fmt.Sprintf("%s changed after pm wrote it and was left as it is now; what was written to it while pm put it back is in %s", path, ke.Kept)
	}
	if errors.Is(err, fsutil.ErrChanged) {
		return fmt.Sprintf("%s changed after pm wrote it and was left as it is now", path)
	} else if err != nil {
		return fmt.Sprintf("putting %s back as it was also failed: %v", path, err)
	}
	return fmt.Sprintf("%s is back as it was", path)
}

// replace writes data over the file that held old, unless another program changed it meanwhile
// (ErrChanged): the compare and the write are one step where the system allows (fsutil). The file
// replaced is kept beside it (kept), for restore, until fsutil.Discard.
func replace(path string, old, data []byte, perm os.FileMode, keepDir string) (kept string, err error) {
	kept, err = fsutil.ReplaceKeep(path, old, data, perm, keepDir)
	if ke := (*fsutil.KeptError)(nil); errors.As(err, &ke) {
		// not ErrChanged alone: its message would say only "run the command again", and the bytes
		// another program wrote into pm's version as it was swapped back are in that file
		return "", &KeptError{Path: path, Kept: ke.Kept}
	}
	if errors.Is(err, fsutil.ErrChanged) {
		return "", fmt.Errorf("%s %w; nothing written, run the command again", path, ErrChanged)
	}
	return kept, err
}

// writable refuses to replace a file whose owner may not write it (made read-only to keep it as it
// is), as pm lint --fix refuses it: its folder would let pm replace it, root would write it, but a
// mode that says "do not change" is not one pm overrides.
func writable(path string, perm os.FileMode) error {
	if perm&0o200 == 0 {
		return i18n.Err("write.read-only", path)
	}
	return nil
}

// removeIfOurs removes a file pm created, if it still holds what pm wrote.
func removeIfOurs(path string, ours []byte) error {
	cur, err := fsutil.ReadRegular(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // removed already (a hook): gone, as the undo wants it
	}
	if err != nil || !bytes.Equal(cur, ours) {
		return fmt.Errorf("%s changed after pm wrote it and was left in place", path)
	}
	return os.Remove(path)
}

// CreateFiles creates new files (each must not exist yet) and edits existing ones (a Change with Old
// set: the file must hold Old, as for Rewrite) and, when w.Commit is set, commits them all in one
// commit with w.Message(""), so that a refused commit leaves nothing half done. On any failure the
// files it created are removed again and the files it edited put back (those that still hold what
// pm wrote).
func (p *Project) CreateFiles(files []Change, w Write) (string, error) {
	var x *tx
	if w.Commit {
		var err error
		if x, err = p.begin("run 'git init' first, or pass --no-commit"); err != nil {
			return "", err
		}
		defer x.t.Abort()
	}
	type edited struct {
		c    Change
		perm os.FileMode
		kept string // the file replaced, for restore
	}
	var created, dirs, rels []string
	var createdData [][]byte
	var changed []edited
	var bodyLines []string
	expect := map[string][]byte{}
	undo := func() error {
		var kept []string
		for i, c := range created {
			if err := removeIfOurs(c, createdData[i]); err != nil {
				kept = append(kept, err.Error())
			}
		}
		removeDirs(dirs)
		for _, e := range changed {
			if msg := restore(e.c.Path, e.c.Data, e.c.Old, e.kept, e.perm); !strings.HasSuffix(msg, "is back as it was") {
				kept = append(kept, msg)
			}
		}
		if len(kept) > 0 {
			return errors.New(strings.Join(kept, "; "))
		}
		return nil
	}
	// The edits are checked before anything is written: a file that cannot be edited stops the
	// command with nothing created.
	for _, c := range files {
		if err := p.checkInside(c.Path); err != nil {
			return "", err
		}
		if c.Old == nil {
			continue
		}
		if len(c.Old) > MaxFileSize || len(c.Data) > MaxFileSize {
			return "", tooLargeToRewrite(c.Path, len(c.Old), len(c.Data))
		}
		if fi, err := os.Lstat(c.Path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return "", fmt.Errorf("%s is a symbolic link; pm edits regular files only", c.Path)
		}
		if x != nil {
			rel, err := x.check(c.Path)
			if err != nil {
				return "", err
			}
			edits, err := x.edits(rel, c.Old)
			if err != nil {
				return "", err
			}
			if edits != nil {
				bodyLines = append(bodyLines, edits.BodyLine(rel))
			}
		}
	}
	discard := func() {
		for _, e := range changed {
			fsutil.Discard(e.kept)
		}
	}
	if x != nil {
		// registered before the first write, each write recorded in the same step as it is made
		// (interrupt.Step): a signal undoes exactly what was written
		defer x.onSignal(func() { undo() }, discard)()
	}
	for _, c := range files {
		var rel string
		if x != nil {
			var err error
			if rel, err = x.check(c.Path); err != nil {
				undo()
				return "", err
			}
			rels = append(rels, rel)
			expect[rel] = c.Data
		}
		if c.Old != nil {
			perm := os.FileMode(0o644)
			if fi, err := os.Stat(c.Path); err == nil {
				perm = fi.Mode().Perm()
			}
			if err := writable(c.Path, perm); err != nil {
				undo()
				return "", err
			}
			if err := interrupt.Step(func() error {
				kept, err := replace(c.Path, c.Old, c.Data, perm, x.keepDir())
				if err != nil {
					return err
				}
				changed = append(changed, edited{c, perm, kept})
				return nil
			}); err != nil {
				undo()
				return "", err
			}
			continue
		}
		var mkErr error
		err := interrupt.Step(func() error {
			made, err := mkdirAll(filepath.Dir(c.Path))
			dirs = append(dirs, made...)
			if err != nil {
				mkErr = err
				return err
			}
			if err := fsutil.CreateExclusive(c.Path, c.Data, fsutil.NewFileMode); err != nil {
				return err
			}
			created = append(created, c.Path)
			createdData = append(createdData, c.Data)
			return nil
		})
		if mkErr != nil {
			undo()
			return "", fmt.Errorf("create folder %s: %w", filepath.Dir(c.Path), mkErr)
		}
		if err != nil {
			undo()
			return "", err
		}
	}
	if x == nil || len(created)+len(changed) == 0 {
		discard()
		return "", nil
	}
	msg := w.Message("")
	if len(bodyLines) > 0 {
		msg = strings.TrimRight(msg, "\n") + "\n\n" + strings.Join(bodyLines, "\n") + "\n"
	}
	hash, err := x.commit(rels, msg, w.NoVerify, expect)
	if err != nil && hash == "" {
		if undoErr := undo(); undoErr != nil {
			return "", fmt.Errorf("%w; %v", err, undoErr)
		}
		return "", err
	}
	discard()
	return hash, err
}

// mkdirAll is os.MkdirAll returning the folders it created, outermost first, so that a failed command
// can remove them again and leave the work tree as it found it.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append([]string{d}, missing...)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return missing, nil
}

// removeDirs removes folders mkdirAll created, innermost first, if they are empty.
func removeDirs(dirs []string) {
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i])
	}
}

// ID is a postmortem's id: its file name without the .md that IsPostmortemName accepts in any case
// ("A.MD" is "A"). Files in two folders, or whose names differ only in case, can share an id or
// differ only in case: Resolve then names them by their paths, and pm site gives each its own page.
func ID(path string) string {
	name := filepath.Base(path)
	if IsPostmortemName(name) {
		return name[:len(name)-len(".md")]
	}
	return name
}

// extensionTaken reports whether a file of the same name but for the case of its .md extension
// (x.MD, x.Md, x.mD) is beside path: one postmortem id.
func extensionTaken(path string) bool {
	base, ok := strings.CutSuffix(path, ".md")
	if !ok {
		return false
	}
	for _, ext := range []string{".MD", ".Md", ".mD"} {
		if _, err := os.Lstat(base + ext); err == nil {
			return true
		}
	}
	return false
}
