package cmdutil

import (
	"fmt"
	"strings"

	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// WriteAll is Write for several postmortems changed together: data[i] replaces es[i]'s file, and
// all are committed in one commit unless s.NoCommit; the postmortems of s.Read must still be as
// read. The Saved values, one per entry, share the commit.
func (c *Context) WriteAll(es []project.Entry, data [][]byte, s Save) ([]Saved, error) {
	p, err := c.Project()
	if err != nil {
		return nil, err
	}
	changes := make([]project.Change, len(es))
	for i, e := range es {
		changes[i] = project.Change{Path: e.Path, Data: data[i], Old: e.Doc.Src}
	}
	read := make([]project.Read, len(s.Read))
	for i, e := range s.Read {
		read[i] = project.Read{Path: e.Path, Data: e.Doc.Src}
	}
	res, err := p.RewriteAll(changes, project.Write{Commit: !s.NoCommit, NoVerify: s.NoVerify, Message: func(string) string { return s.Message }, Read: read})
	out := make([]Saved, len(res))
	for i, r := range res {
		out[i] = Saved{Commit: r, Message: s.Message}
	}
	return out, err
}

// ReportAll is Report for the files WriteAll committed together: each file's uncommitted edits that
// went along, then the one commit.
func (c *Context) ReportAll(saved []Saved, say func(string)) {
	if len(saved) == 0 || saved[0].Hash == "" {
		return
	}
	lang := c.Lang()
	for _, s := range saved {
		if s.Edits != nil {
			fmt.Fprintln(c.F.IO.ErrOut, present.Line(lang.T("commit.edits", c.Display(s.Path), s.Edits.Added, s.Edits.Removed)))
		}
	}
	first, _, _ := strings.Cut(saved[0].Message, "\n") // a message may list its changes below: say its subject
	say(present.Line(lang.T("status.committed", saved[0].Hash[:7], first)))
}
