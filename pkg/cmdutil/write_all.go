package cmdutil

import (
	"fmt"
	"strings"

	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Rewrite is one postmortem's new content, for WriteAll.
type Rewrite struct {
	Entry project.Entry
	Data  []byte
}

// SavedAll is a change to several postmortems written at once: its one commit (Hash "" when not
// committed) and the message it carries.
type SavedAll struct {
	project.Commits
	Message string
}

// WriteAll is Write for several postmortems changed together: every file must still hold what its
// entry read, all are written, and they are committed in one commit as s says. A file that changed
// on disk, or a failed commit, leaves every file as it was.
func (c *Context) WriteAll(rw []Rewrite, s Save) (SavedAll, error) {
	p, err := c.Project()
	if err != nil {
		return SavedAll{}, err
	}
	changes := make([]project.Change, len(rw))
	for i, r := range rw {
		changes[i] = project.Change{Path: r.Entry.Path, Data: r.Data, Old: r.Entry.Doc.Src}
	}
	res, err := p.RewriteAll(changes, project.Write{Commit: !s.NoCommit, NoVerify: s.NoVerify, Message: func(string) string { return s.Message }})
	return SavedAll{Commits: res, Message: s.Message}, err
}

// ReportAll tells the user what WriteAll committed, as Report does for Write: the uncommitted edits
// of theirs it took along, on the error stream, and the commit, through say. The message's first
// line is shown.
func (c *Context) ReportAll(s SavedAll, say func(string)) {
	if s.Hash == "" {
		return
	}
	lang := c.Lang()
	for _, path := range s.Paths {
		if e := s.Edits[path]; e != nil {
			fmt.Fprintln(c.F.IO.ErrOut, present.Line(lang.T("commit.edits", c.Display(path), e.Added, e.Removed)))
		}
	}
	first, _, _ := strings.Cut(s.Message, "\n")
	say(lang.T("status.committed", s.Hash[:7], first))
}
