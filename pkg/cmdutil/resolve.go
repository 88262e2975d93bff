package cmdutil

import (
	"errors"
	"os"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/project"
)

// ResolvePostmortem finds the postmortem a user named (a path, an id or a unique part; "" for the only
// open one) and reads it: a name matching none or several is a usage error (exit 2) in the user's
// language, an unreadable file an I/O error.
func (f *Factory) ResolvePostmortem(p *project.Project, name string) (project.Entry, error) {
	e, err := p.Resolve(name, f.WorkDir)
	if err != nil {
		var re *project.ResolveError
		if errors.As(err, &re) {
			if bare := p.Bare(); bare != nil {
				// nothing matches in a bare repository, which has no work tree: that is the news
				return e, &ExitError{Code: ExitFailure, Err: bare}
			}
			if _, serr := os.Stat(p.Dir()); !p.InRepo && serr != nil && len(re.Matches) == 0 {
				// outside a repository with no postmortem folder: that is the news, not the folder
				return e, &ExitError{Code: ExitFailure, Err: i18n.Err("resolve.not-repo", p.Root)}
			}
			if _, serr := os.Stat(p.Dir()); serr != nil && len(re.Matches) == 0 && p.FolderOutsideCheckout() {
				// the folder is in the repository, only not checked out here: that is the news
				return e, &ExitError{Code: ExitFailure, Err: i18n.Err("usage.folder-outside-sparse", f.Display(p.Dir()))}
			}
			// The message is the user's language; the *project.ResolveError stays reachable.
			return e, &ExitError{Code: ExitFailure, Err: &formatted{text: re.Msg.In(f.Lang(p.Config)), causes: []error{re}}}
		}
		return e, err
	}
	return e, e.Err
}
