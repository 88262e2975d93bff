// Package project is one postmortem repository as pm sees it: its root, its .pm.yaml, its git
// repository (opened only when needed), and committing what pm writes.
package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/sla"
)

// Project is the repository pm works in, or the work dir when there is none.
type Project struct {
	Root   string // absolute
	InRepo bool   // a .git was found at or above the work dir
	Config *config.Config

	env  gitrepo.Env
	now  func() time.Time
	repo *gitrepo.Repo

	calOnce sync.Once
	cal     *sla.Calendar
	calErr  error

	// Warn is told, once per path, of a file left out and why (one that is not regular, say); nil
	// drops the warnings. Commands set it to print on their error stream.
	Warn   func(path string, why error)
	warnMu sync.Mutex
	warned map[string]bool
}

// FindRoot returns the root of the work tree git would use when run in dir with env: the folder
// holding .git (a folder, or a file as in linked worktrees) at or above dir, or the work tree that
// GIT_DIR, GIT_WORK_TREE or core.worktree name (see gitrepo.Discover). inRepo is false outside any
// repository and in a bare one, where the root is dir; a repository that is there but cannot be
// used (a broken .git file, a GIT_DIR that names no repository) counts as one, so that opening it
// says what is wrong. It does not open the repository, so commands that only read files stay fast.
func FindRoot(dir string, env func(string) string) (root string, inRepo bool) {
	root, inRepo, _ = locate(dir, env)
	return root, inRepo
}

// locate is FindRoot, with the environment that reopens the same repository from the root.
func locate(dir string, env func(string) string) (string, bool, gitrepo.Env) {
	if env == nil {
		env = func(string) string { return "" }
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	l, err := gitrepo.Discover(dir, env)
	switch {
	case err == nil && !l.Bare():
		return l.WorkTree, true, l.Env(env)
	case err == nil:
		return abs, false, env
	case env("GIT_DIR") != "" || !errors.Is(err, gitrepo.ErrNotRepository):
		return abs, true, env
	}
	// Nothing usable found: still a repository when a .git is there, one git cannot use either.
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true, env
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs, false, env
		}
		d = parent
	}
}

// Open finds the project around workDir and loads its .pm.yaml (defaults when there is none). The
// repository is the one git would use there (see FindRoot); env is kept with that repository's
// location pinned, so that Repo, which opens it from the root, finds the same one.
func Open(workDir string, env func(string) string, now func() time.Time) (*Project, error) {
	root, inRepo, repoEnv := locate(workDir, env)
	cfg, err := config.Load(root)
	if err != nil {
		return nil, err
	}
	return &Project{Root: root, InRepo: inRepo, Config: cfg, env: repoEnv, now: now}, nil
}

// warnSkipped passes a skipped file to Warn, once per path.
func (p *Project) warnSkipped(path string, why error) {
	p.warnMu.Lock()
	defer p.warnMu.Unlock()
	if p.warned[path] || p.Warn == nil {
		return
	}
	if p.warned == nil {
		p.warned = map[string]bool{}
	}
	p.warned[path] = true
	p.Warn(path, why)
}

// Dir is the absolute path of the postmortem folder.
func (p *Project) Dir() string { return filepath.Join(p.Root, filepath.FromSlash(p.Config.Dir)) }

// Location is the configured time zone.
func (p *Project) Location() *time.Location {
	if p.Config.Location != nil {
		return p.Config.Location
	}
	return time.Local
}

// Repo opens the git repository (once).
func (p *Project) Repo() (*gitrepo.Repo, error) {
	if p.repo != nil {
		return p.repo, nil
	}
	r, err := gitrepo.OpenWithEnv(p.Root, p.env)
	if err != nil {
		return nil, err
	}
	p.repo = r
	return r, nil
}

// Identity is the author and committer git would use.
func (p *Project) Identity() (author, committer gitrepo.Signature, err error) {
	r, err := p.Repo()
	if err != nil {
		return author, committer, err
	}
	return r.Identity(p.env, p.now())
}

// ErrNotInRepo is returned when a change should be committed but there is no repository.
var ErrNotInRepo = errors.New("not in a git repository")

// notInRepo explains why there is nothing to commit into: a bare repository (which has no .git to
// find) gets its own message.
func (p *Project) notInRepo(hint string) error {
	if _, err := gitrepo.OpenWithEnv(p.Root, p.env); errors.Is(err, gitrepo.ErrBare) {
		return err
	}
	return fmt.Errorf("%s: %w (%s)", p.Root, ErrNotInRepo, hint)
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
	// Ignored is set when .gitignore rules match the file: it was committed all the same, but git
	// status will not show later changes to it until it is tracked.
	Ignored bool
}

// WriteNew creates a new file at the first free name that name(n) gives (n = 1, 2, …) and, when commit
// is true, commits it alone with message(rel path). A failed commit removes the file again.
func (p *Project) WriteNew(name func(n int) string, data []byte, commit bool, message func(rel string) string) (Commit, error) {
	var author, committer gitrepo.Signature
	if commit {
		if !p.InRepo {
			return Commit{}, p.notInRepo("run 'git init' first, or pass --no-commit to only write the file")
		}
		var err error
		if author, committer, err = p.Identity(); err != nil {
			return Commit{}, err
		}
	}
	var path string
	var dirs []string // folders created for the file, removed again when the commit fails
	for n := 1; ; n++ {
		path = name(n)
		if err := p.checkInside(path); err != nil {
			return Commit{}, err
		}
		made, err := mkdirAll(filepath.Dir(path))
		dirs = append(dirs, made...)
		if err != nil {
			removeDirs(dirs)
			return Commit{}, fmt.Errorf("create folder %s: %w", filepath.Dir(path), err)
		}
		err = fsutil.CreateExclusive(path, data, 0o644)
		if err == nil {
			break
		}
		if !errors.Is(err, fsutil.ErrExist) || n > 1000 {
			removeDirs(dirs)
			return Commit{}, err
		}
	}
	if !commit {
		return Commit{Path: path}, nil
	}
	hash, err := p.commit(path, author, committer, message)
	if err != nil {
		os.Remove(path)
		removeDirs(dirs)
		return Commit{}, err
	}
	res := Commit{Path: path, Hash: hash}
	if r, err := p.Repo(); err == nil {
		if rel, err := r.Rel(path); err == nil {
			res.Ignored, _ = r.Ignored(rel)
		}
	}
	return res, nil
}

// MaxFileSize is the largest file pm rewrites, the limit of pm lint too: no postmortem is that long.
const MaxFileSize = 8 << 20

// Rewrite replaces an existing file's content (which must still be old) and, when commit is true,
// commits it alone. A failed commit puts the old content back.
func (p *Project) Rewrite(c Change, commit bool, message func(rel string) string) (Commit, error) {
	var author, committer gitrepo.Signature
	if commit {
		if !p.InRepo {
			return Commit{}, p.notInRepo("pass --no-commit to only change the file")
		}
		var err error
		if author, committer, err = p.Identity(); err != nil {
			return Commit{}, err
		}
	}
	if err := p.checkInside(c.Path); err != nil {
		return Commit{}, err
	}
	if len(c.Old) > MaxFileSize || len(c.Data) > MaxFileSize {
		return Commit{}, fmt.Errorf("%s is larger than %d MB, far larger than any postmortem; pm does not rewrite it", c.Path, MaxFileSize>>20)
	}
	if fi, err := os.Lstat(c.Path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return Commit{}, fmt.Errorf("%s is a symbolic link; pm edits regular files only", c.Path)
	}
	cur, err := fsutil.ReadRegular(c.Path)
	if err != nil {
		return Commit{}, fmt.Errorf("read %s: %w", c.Path, err)
	}
	if string(cur) != string(c.Old) {
		return Commit{}, fmt.Errorf("%s changed on disk while pm was working; nothing written, run the command again", c.Path)
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(c.Path); err == nil {
		perm = fi.Mode().Perm()
	}
	if err := fsutil.WriteFile(c.Path, c.Data, perm); err != nil {
		return Commit{}, err
	}
	if !commit {
		return Commit{Path: c.Path}, nil
	}
	hash, err := p.commit(c.Path, author, committer, message)
	if err != nil {
		if rerr := fsutil.WriteFile(c.Path, c.Old, perm); rerr != nil {
			return Commit{}, fmt.Errorf("%v; restoring %s also failed: %v", err, c.Path, rerr)
		}
		return Commit{}, err
	}
	return Commit{Path: c.Path, Hash: hash}, nil
}

func (p *Project) commit(path string, author, committer gitrepo.Signature, message func(rel string) string) (string, error) {
	r, err := p.Repo()
	if err != nil {
		return "", err
	}
	rel, err := r.Rel(path)
	if err != nil {
		return "", err
	}
	return commitRetrying(r, []string{rel}, message(rel), author, committer)
}

// LockWait is how long pm waits for another git process (or another pm) to release the index
// before giving up: two pm commands started at once then commit one after the other.
var LockWait = 2 * time.Second

// commitRetrying commits, waiting while the index is locked or the branch moves under it.
func commitRetrying(r *gitrepo.Repo, rels []string, msg string, author, committer gitrepo.Signature) (string, error) {
	deadline := time.Now().Add(LockWait)
	delay := 10 * time.Millisecond
	for {
		hash, err := r.CommitOnly(rels, msg, author, committer)
		if err == nil || !(errors.Is(err, gitrepo.ErrIndexLocked) || errors.Is(err, gitrepo.ErrRaceHead)) || time.Now().After(deadline) {
			return hash, err
		}
		time.Sleep(delay)
		if delay < 200*time.Millisecond {
			delay *= 2
		}
	}
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

// ID is a postmortem's id: its file name without .md.
func ID(path string) string { return strings.TrimSuffix(filepath.Base(path), ".md") }

// CreateFiles creates new files (each must not exist yet) and, when commit is true, commits them
// together. On any failure the files it created are removed again.
func (p *Project) CreateFiles(files []Change, commit bool, message string) (string, error) {
	var author, committer gitrepo.Signature
	if commit {
		if !p.InRepo {
			return "", p.notInRepo("run 'git init' first, or pass --no-commit")
		}
		var err error
		if author, committer, err = p.Identity(); err != nil {
			return "", err
		}
	}
	var created, dirs []string
	undo := func() {
		for _, c := range created {
			os.Remove(c)
		}
		removeDirs(dirs)
	}
	for _, c := range files {
		if err := p.checkInside(c.Path); err != nil {
			undo()
			return "", err
		}
		made, err := mkdirAll(filepath.Dir(c.Path))
		dirs = append(dirs, made...)
		if err != nil {
			undo()
			return "", fmt.Errorf("create folder %s: %w", filepath.Dir(c.Path), err)
		}
		if err := fsutil.CreateExclusive(c.Path, c.Data, 0o644); err != nil {
			undo()
			return "", err
		}
		created = append(created, c.Path)
	}
	if !commit || len(created) == 0 {
		return "", nil
	}
	r, err := p.Repo()
	if err != nil {
		undo()
		return "", err
	}
	var rels []string
	for _, c := range created {
		rel, err := r.Rel(c)
		if err != nil {
			undo()
			return "", err
		}
		rels = append(rels, rel)
	}
	hash, err := commitRetrying(r, rels, message, author, committer)
	if err != nil {
		undo()
		return "", err
	}
	return hash, nil
}

// Deadline is the meeting deadline for a severity and incident date (ok=false when the severity has
// none), from one calendar built once: the same business-day count pm new, pm lint and pm meeting use.
func (p *Project) Deadline(severity string, incident time.Time) (time.Time, bool) {
	p.calOnce.Do(func() { p.cal, p.calErr = p.Config.Calendar() })
	days, ok := p.Config.MeetingSLA[severity]
	if !ok || p.calErr != nil {
		return time.Time{}, false
	}
	return p.cal.Deadline(incident, days), true
}

// BusinessDaysLate is how many business days past a severity's meeting deadline t is: the smallest
// n for which the SLA n days longer would allow t (0 when t is within the deadline or there is none).
func (p *Project) BusinessDaysLate(severity string, incident, t time.Time) int {
	deadline, ok := p.Deadline(severity, incident)
	if !ok || !t.After(deadline) || p.calErr != nil {
		return 0
	}
	days := p.Config.MeetingSLA[severity]
	const limit = 3660 // ten years: a bound, not a real case
	for n := 1; n < limit; n++ {
		if !t.After(p.cal.Deadline(incident, days+n)) {
			return n
		}
	}
	return limit
}

// InDir reports whether a root-relative, slash-separated path is a postmortem: a .md file under the
// postmortem folder.
func (p *Project) InDir(rel string) bool {
	if !strings.HasSuffix(strings.ToLower(rel), ".md") {
		return false
	}
	dir := strings.TrimSuffix(p.Config.Dir, "/")
	return dir == "." || dir == "" || strings.HasPrefix(rel, dir+"/")
}
