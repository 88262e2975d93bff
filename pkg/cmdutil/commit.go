package cmdutil

import (
	"fmt"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// EditsNotice tells the user, on the error stream and even with --quiet, that their uncommitted
// edits to the file went into pm's commit.
func (f *Factory) EditsNotice(lang i18n.Lang, res project.Commit) {
	if res.Edits == nil {
		return
	}
	fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("commit.edits", f.Display(res.Path), res.Edits.Added, res.Edits.Removed)))
}
