package cmdutil

import (
	"errors"
	"strings"

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
			// The message is the user's language; the *project.ResolveError stays reachable.
			return e, &ExitError{Code: ExitFailure, Err: &formatted{text: resolveMessage(f, p, name, re), causes: []error{re}}}
		}
		return e, err
	}
	return e, e.Err
}

// resolveMessage says why name picks no single postmortem. Which of the four cases it is follows from
// the name and the matches the error lists.
func resolveMessage(f *Factory, p *project.Project, name string, re *project.ResolveError) string {
	lang := f.Lang(p.Config)
	ids := strings.Join(re.Matches, ", ")
	switch {
	case name == "" && len(re.Matches) == 0:
		return lang.T("resolve.none-open", p.Config.Dir)
	case name == "":
		return lang.T("resolve.several-open", len(re.Matches), ids)
	case len(re.Matches) == 0:
		return lang.T("resolve.no-match", name, p.Config.Dir)
	}
	return lang.T("resolve.several", name, len(re.Matches), ids)
}
