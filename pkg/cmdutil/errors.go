package cmdutil

import (
	"errors"
	"fmt"

	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // success
	ExitFindings = 1 // lint findings, or a refused transition
	ExitFailure  = 2 // usage, input, git or I/O error
)

// ExitError carries an exit code with the error to print. A nil Err prints nothing (the command
// has already said what it had to, as lint does with findings).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Usagef is a usage or input error: exit 2. The errors among args stay reachable with errors.Is and
// errors.As even when formatted with %v, so that pm can show them in the user's language.
func Usagef(format string, args ...any) error {
	return &ExitError{Code: ExitFailure, Err: errorf(format, args...)}
}

// Refusedf is a refused action (a transition, a gate): exit 1. Errors among args stay reachable, as
// with Usagef.
func Refusedf(format string, args ...any) error {
	return &ExitError{Code: ExitFindings, Err: errorf(format, args...)}
}

// errorf is fmt.Errorf wrapping every error among args, whatever the verb that formats it.
func errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	var causes []error
	for _, a := range args {
		if e, ok := a.(error); ok {
			causes = append(causes, e)
		}
	}
	if len(causes) == 0 {
		return err
	}
	return &formatted{text: err.Error(), causes: causes}
}

// formatted is an error's text made from other errors, which it wraps.
type formatted struct {
	text   string
	causes []error
}

func (e *formatted) Error() string { return e.text }

func (e *formatted) Unwrap() []error { return e.causes }

// ErrSilentFindings ends a command with exit 1 after it printed its findings.
var ErrSilentFindings = &ExitError{Code: ExitFindings}

// ExitCode maps an error to the process exit code: nil 0, an ExitError its code, a commit refused by
// a git hook 1 (as git commit exits), anything else 2.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if errors.Is(err, gitrepo.ErrHookFailed) {
		return ExitFindings
	}
	return ExitFailure
}

// ExitCodesHelp is the paragraph every command's help ends with.
const ExitCodesHelp = `Exit codes: 0 success, 1 findings, a refused transition or a
commit refused by a git hook, 2 usage, input, git or I/O error.`

// RevisionText is the text of an error about a revision the user named (--base, --changed-since) in
// lang: pm's own advice for one that names no commit, in the user's language; other errors as they
// are, which say why (git's words for a missing upstream or a short reflog, an ambiguous hash, a form
// pm refuses): the advice to check the name would hide that.
func RevisionText(lang i18n.Lang, rev string, err error) string {
	if errors.Is(err, gitrepo.ErrBeyondShallow) {
		return lang.T("git.beyond-shallow", rev)
	}
	if errors.Is(err, gitrepo.ErrNoSuchRevision) {
		return lang.T("git.bad-revision", rev)
	}
	return err.Error()
}
