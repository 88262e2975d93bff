// Package project is one postmortem repository as pm sees it: its root, its .pm.yaml, its git
// repository (opened only when needed), and committing what pm writes.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Project is the repository pm works in, or the work dir when there is none.
type Project struct {
	Root   string // absolute
	InRepo bool   // a .git was found at or above the work dir
	Config *config.Config
	// ConfigErr is why the work tree's .pm.yaml could not be used, when the project was opened by
	// OpenDeferringConfig (Config is then the defaults); nil otherwise.
	ConfigErr error

	env  gitrepo.Env
	now  func() time.Time
	repo *gitrepo.Repo

	calOnce  sync.Once
	schedule *workflow.Schedule

	actionsOnce     sync.Once
	actionDeadlines *workflow.ActionDeadlines

	// Warn is told, once per path, of a file left out and why (one that is not regular, say); nil
	// drops the warnings. Commands set it to print on their error stream.
	Warn   func(path string, why error)
	warnMu sync.Mutex
	warned map[string]bool

	// Git is how pm's commits meet the user's git set-up: hooks' environment and output, the clock
	// of commit dates. Commands fill it from their Factory.
	Git GitContext
}

// FindRoot returns the root of the work tree git would use when run in dir with env: the folder
// holding .git (a folder, or a file as in linked worktrees) at or above dir, or the work tree that
// GIT_DIR, GIT_WORK_TREE or core.worktree name (see gitrepo.Discover). inRepo is false outside any
// repository and in a bare one, where the root is dir; a repository that is there but cannot be
// used (a broken .git file, a GIT_DIR that names no repository) counts as one, so that opening it
// says what is wrong. It does not open the repository, so commands that only read files stay fast.
func FindRoot(dir string, env func(string) string) (root string, inRepo bool) {
	root, inRepo, _, _ = locate(dir, env)
	return root, inRepo
}

// locate is FindRoot, with the environment that reopens the same repository from the root, and the
// error of a repository git refuses to use from dir, another user's (gitrepo.ErrDubiousOwnership):
// Open refuses it for every command, those that only read files too, as git does (pm lint read its
// .pm.yaml and postmortems while --changed-since refused).
func locate(dir string, env func(string) string) (string, bool, gitrepo.Env, error) {
	if env == nil {
		env = func(string) string { return "" }
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	l, err := gitrepo.DiscoverOnce(dir, env)
	var refusal error
	switch {
	case err == nil && !l.Bare():
		return l.WorkTree, true, l.Env(env), nil
	case err == nil:
		// a bare repository, or the git directory of one with a work tree: not a project folder
		// there (git refuses to work in it; pm wrote into .git/refs with --no-commit)
		return abs, false, env, gitrepo.InsideGitDir(l)
	case env("GIT_DIR") != "" || !errors.Is(err, gitrepo.ErrNotRepository):
		return abs, true, env, nil
	case errors.Is(err, gitrepo.ErrDubiousOwnership):
		refusal = err
	}
	// Nothing usable found: still a repository when a .git is there, one git cannot use either, in
	// the folders git looks in (not above GIT_CEILING_DIRECTORIES or across a file system boundary,
	// where git finds no repository: a dotfiles repository in $HOME is not this folder's)
	if d, ok := gitrepo.DotGitAbove(abs, env); ok {
		return d, true, env, refusal
	}
	return abs, false, env, refusal
}

// Open finds the project around workDir and loads its .pm.yaml (defaults when there is none). The
// repository is the one git would use there (see FindRoot); env is kept with that repository's
// location pinned, so that Repo, which opens it from the root, finds the same one.
func Open(workDir string, env func(string) string, now func() time.Time) (*Project, error) {
	root, inRepo, repoEnv, refusal := locate(workDir, env)
	if refusal != nil {
		return nil, refusal
	}
	cfg, err := config.Load(root)
	if err != nil {
		return nil, err
	}
	return &Project{Root: root, InRepo: inRepo, Config: cfg, env: repoEnv, now: now}, nil
}

// OpenDeferringConfig is Open for a caller that may take its settings from elsewhere (pm lint
// --staged reads the .pm.yaml being committed): a work-tree .pm.yaml that cannot be read or parsed
// leaves the defaults in Config and its error in ConfigErr, for the caller to report when it uses
// the work tree's settings after all.
func OpenDeferringConfig(workDir string, env func(string) string, now func() time.Time) *Project {
	root, inRepo, repoEnv, _ := locate(workDir, env) // another user's repository: refused on opening it
	cfg, err := config.Load(root)
	if err != nil {
		cfg = config.Default()
	}
	return &Project{Root: root, InRepo: inRepo, Config: cfg, ConfigErr: err, env: repoEnv, now: now}
}

// FolderOutsideCheckout reports whether the postmortem folder, not in the work tree, is in the
// repository but left out of its sparse checkout: the commands that read the folder then say how to
// add it to the checkout, where "run pm init" would send the user the wrong way (pm init refuses
// to write there).
func (p *Project) FolderOutsideCheckout() bool {
	if !p.InRepo {
		return false
	}
	r, err := p.Repo()
	if err != nil {
		return false
	}
	out, err := r.FolderOutsideCheckout(filepath.ToSlash(p.Config.Dir))
	return err == nil && out
}

// FolderMissing reports whether the postmortem folder is nowhere: not in the work tree, and, in a
// repository, no file of the index under it (a sparse checkout keeps a folder in the index only).
// A .pm.yaml that names a folder that is not there (a typo, or a pull request that moves dir
// where nothing is) then leaves every command with nothing to read, which they say rather than
// passing an empty folder as a clean one.
func (p *Project) FolderMissing() (bool, error) {
	fi, err := os.Stat(p.Dir())
	switch {
	case err == nil && !fi.IsDir():
		return true, nil // dir names a file (README.md, .pm.yaml): no folder of postmortems
	case err == nil || !errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	if !p.InRepo {
		return true, nil
	}
	r, err := p.Repo()
	if err != nil {
		return false, err
	}
	prefix := strings.Trim(filepath.ToSlash(p.Config.Dir), "/") + "/"
	held := false
	_, err = r.IndexPaths(func(rel string) bool {
		held = held || strings.HasPrefix(rel, prefix)
		return false
	})
	return !held, err
}

// UnreadKeys are those of keys whose value the document's front matter does not give in a form pm
// reads (missing, or malformed: pm lint says which), in the order given; none for a document
// without front matter at all, which the commands skip.
func UnreadKeys(d *postmortem.Doc, keys ...string) []string {
	var out []string
	for _, k := range keys {
		if d.Unreadable(k) {
			out = append(out, k)
		}
	}
	return out
}

// FolderHeldAt reports whether commit rev of repo has files in the project's postmortem folder: a
// folder missing now whose files were all deleted since rev (the last one removed with git rm) is
// gone with them, not a folder that never was.
// The folder must be the one rev's .pm.yaml names too: a branch that points dir at another folder
// the base had and deletes it has not deleted its postmortem folder's last postmortems, and is
// refused as a dir pointing where nothing is.
func FolderHeldAt(p *Project, repo *gitrepo.Repo, rev string) bool {
	if repo == nil || rev == "" {
		return false
	}
	dir := config.Default().Dir
	if data, ok, err := repo.FileAt(rev, config.FileName); err != nil {
		return false
	} else if ok {
		cfg, err := config.Parse(config.FileName, data)
		if err != nil {
			return false
		}
		dir = cfg.Dir
	}
	if filepath.Clean(filepath.FromSlash(dir)) != filepath.Clean(filepath.FromSlash(p.Config.Dir)) {
		return false
	}
	files, err := repo.FilesAt(rev, p.Config.Dir)
	return err == nil && len(files) > 0
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
	return r.Identity(p.env, p.Git.Environ, p.Git.clock())
}

// AuthorName is the name git would record as the author here, "" when none is set: Identity's
// inside a repository, else from git's system and global configuration and the environment (pm new
// --no-commit outside a repository). When Identity fails (no email, or a repository pm cannot open)
// the error that stops a commit comes with the name git has all the same, for pm new --no-commit.
func (p *Project) AuthorName() (string, error) {
	if !p.InRepo {
		return gitrepo.AuthorName(p.Root, p.env, p.Git.Environ), nil
	}
	author, _, err := p.Identity()
	if err != nil {
		// no email, or a repository pm cannot open: the name git has is still the default owner
		return gitrepo.AuthorName(p.Root, p.env, p.Git.Environ), err
	}
	return author.Name, nil
}

// ErrNotInRepo is returned when a change should be committed but there is no repository.
var ErrNotInRepo = errors.New("not in a git repository")

// Bare returns the error of a bare repository (gitrepo.ErrBare, saying how to get a work tree) when
// the project's root is one, outside any work tree: there is no postmortem folder to read there.
// Otherwise nil.
func (p *Project) Bare() error {
	if p.InRepo {
		return nil
	}
	if _, err := gitrepo.OpenWithEnv(p.Root, p.env); errors.Is(err, gitrepo.ErrBare) {
		return err
	}
	return nil
}

// notInRepo explains why there is nothing to commit into: a bare repository (which has no .git to
// find) gets its own message.
func (p *Project) notInRepo(hint string) error {
	if _, err := gitrepo.OpenWithEnv(p.Root, p.env); errors.Is(err, gitrepo.ErrBare) {
		return err
	}
	return fmt.Errorf("%s: %w (%s)", p.Root, ErrNotInRepo, hint)
}

// Schedule is the project's meeting schedule: business days per severity (meeting_sla) on the team's
// calendar, built once. pm new, pm lint, pm list, pm meeting, pm review and pm status all count
// deadlines with it. When the calendar cannot be built (a zone the machine does not know), no
// severity has a deadline: the configuration error is reported where the calendar is read.
func (p *Project) Schedule() *workflow.Schedule {
	p.calOnce.Do(func() {
		cal, err := p.Config.Calendar()
		if err != nil {
			cal = nil
		}
		p.schedule = workflow.NewSchedule(cal, p.Config.MeetingSLA)
	})
	return p.schedule
}

// ActionDeadlines are the project's deadlines of action items: action_item_deadline's calendar days
// per severity, counted in the team's zone. pm actions and pm lint ask them.
func (p *Project) ActionDeadlines() *workflow.ActionDeadlines {
	p.actionsOnce.Do(func() {
		p.actionDeadlines = workflow.NewActionDeadlines(p.Config.ActionItemDeadline, p.Location())
	})
	return p.actionDeadlines
}

// InDir reports whether a root-relative, slash-separated path is a postmortem: one Files would list,
// under the postmortem folder (IsPostmortemPath below it).
func (p *Project) InDir(rel string) bool {
	dir := strings.TrimSuffix(p.Config.Dir, "/")
	if dir == "." || dir == "" {
		return IsPostmortemPath(rel)
	}
	below, ok := strings.CutPrefix(rel, dir+"/")
	return ok && IsPostmortemPath(below)
}

// Now is the time by pm's clock (PM_NOW when set): what the process's rules are judged at.
func (p *Project) Now() time.Time {
	if p.now == nil {
		return time.Now()
	}
	return p.now()
}
