package cmdutil

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Context is what one run of a command works with, built lazily from the Factory: the project and
// its configuration, the language of messages, the clock and the schedule. A command makes one
// (Factory.Context) and passes it, instead of passing the project, the language and the clock one
// by one to every helper.
type Context struct {
	F *Factory

	projectOnce sync.Once
	project     *project.Project
	projectErr  error

	nowOnce sync.Once
	now     time.Time
}

// Context returns a new command context.
func (f *Factory) Context() *Context { return &Context{F: f} }

// Project opens the project around the work dir once; a failure is returned on every call.
func (c *Context) Project() (*project.Project, error) {
	c.projectOnce.Do(func() { c.project, c.projectErr = c.F.OpenProject() })
	return c.project, c.projectErr
}

// Lang is the language of messages: the project's .pm.yaml when it opened, else what the Factory
// reads without one.
func (c *Context) Lang() i18n.Lang {
	if p, err := c.Project(); err == nil {
		return c.F.Lang(p.Config)
	}
	return c.F.UserLang()
}

// Now is the run's one instant: every rule a command applies sees the same time.
func (c *Context) Now() time.Time {
	c.nowOnce.Do(func() { c.now = c.F.Now() })
	return c.now
}

// Location is the project's time zone (the machine's when the project did not open).
func (c *Context) Location() *time.Location {
	if p, err := c.Project(); err == nil {
		return p.Location()
	}
	return time.Local
}

// Schedule is the project's meeting schedule (nil when the project did not open: no deadlines).
func (c *Context) Schedule() *workflow.Schedule {
	if p, err := c.Project(); err == nil {
		return p.Schedule()
	}
	return nil
}

// Folder returns the project's postmortem folder, or a usage error (exit 2) when it does not exist:
// a command that lists every postmortem, run where there is none (outside a repository, before pm
// init), says so instead of listing nothing.
func (c *Context) Folder() (string, error) {
	p, err := c.Project()
	if err != nil {
		return "", Usagef("%v", err)
	}
	dir := p.Dir()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if bare := p.Bare(); bare != nil {
			return "", Usagef("%v", bare) // a bare repository has no folder: say so, as pm new does
		}
		if !p.InRepo { // outside any repository: that first, as the commands naming one postmortem say
			return "", Usagef("%s", c.Lang().T("usage.no-folder-no-repo", p.Root, c.Display(dir)))
		}
		if p.FolderOutsideCheckout() { // there, only not checked out: pm init would refuse to write it
			return "", Usagef("%s", c.Lang().T("usage.folder-outside-sparse", c.Display(dir)))
		}
		return "", Usagef("%s", c.Lang().T("usage.no-folder", c.Display(dir)))
	}
	return dir, nil
}

// Display is a path as messages show it: relative to the work dir.
func (c *Context) Display(path string) string { return c.F.Display(path) }

// Edit is a command's change to one postmortem: front-matter fields set in place and, for a move, an
// entry appended to status_history. Everything else in the file stays byte for byte.
type Edit struct {
	Fields  []Field
	History *postmortem.HistoryEntry
}

// Field is one front-matter key and its new value.
type Field struct{ Key, Value string }

// Apply returns src with the edit made.
func (ed Edit) Apply(path string, src []byte) ([]byte, error) {
	out := src
	for _, fl := range ed.Fields {
		var err error
		if out, err = postmortem.SetField(path, out, fl.Key, fl.Value); err != nil {
			return nil, err
		}
	}
	if ed.History != nil {
		return postmortem.AppendHistory(path, out, *ed.History)
	}
	return out, nil
}

// Save is how a changed postmortem is written: committed (the file alone, as git commit --only
// would) unless NoCommit, with the hooks unless NoVerify, under Message.
type Save struct {
	NoCommit, NoVerify bool
	Message            string
	// Read are postmortems the change was decided from that are not written (WriteAll): each must
	// still hold what the entry read, as the files written must, or nothing is written.
	Read []project.Entry
}

// Saved is a written change: its commit (Hash "" when not committed) and the message it carries.
type Saved struct {
	project.Commit
	Message string
}

// Write is the one path by which a command changes a postmortem: it writes data over the entry's
// file (which must still hold what the entry read, or pm's edit would overwrite the user's) and
// commits it as s says.
func (c *Context) Write(e project.Entry, data []byte, s Save) (Saved, error) {
	p, err := c.Project()
	if err != nil {
		return Saved{}, err
	}
	res, err := p.Rewrite(project.Change{Path: e.Path, Data: data, Old: e.Doc.Src},
		project.Write{Commit: !s.NoCommit, NoVerify: s.NoVerify, Message: func(string) string { return s.Message }})
	return Saved{Commit: res, Message: s.Message}, err
}

// Report tells the user what Write committed: the uncommitted edits of theirs it took along (on the
// error stream, even with --quiet) and the commit, through say (Infof for most commands).
func (c *Context) Report(s Saved, say func(string)) {
	if s.Hash == "" {
		return
	}
	lang := c.Lang()
	if s.Edits != nil {
		fmt.Fprintln(c.F.IO.ErrOut, present.Line(lang.T("commit.edits", c.Display(s.Path), s.Edits.Added, s.Edits.Removed)))
	}
	say(present.Line(lang.T("status.committed", s.Hash[:7], s.Message))) // a file's name may hold a line break
}
