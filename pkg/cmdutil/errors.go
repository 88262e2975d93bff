package cmdutil

import (
	"errors"
	"fmt"
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

// Usagef is a usage or input error: exit 2.
func Usagef(format string, args ...any) error {
	return &ExitError{Code: ExitFailure, Err: fmt.Errorf(format, args...)}
}

// Refusedf is a refused action (a transition, a gate): exit 1.
func Refusedf(format string, args ...any) error {
	return &ExitError{Code: ExitFindings, Err: fmt.Errorf(format, args...)}
}

// ErrSilentFindings ends a command with exit 1 after it printed its findings.
var ErrSilentFindings = &ExitError{Code: ExitFindings}

// ExitCode maps an error to the process exit code: nil 0, an ExitError its code, anything else 2.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitFailure
}

// ExitCodesHelp is the paragraph every command's help ends with.
const ExitCodesHelp = `Exit codes: 0 success, 1 findings or a refused transition,
2 usage, input, git or I/O error.`
