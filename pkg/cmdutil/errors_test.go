package cmdutil

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

// An error formatted into a usage error with %v stays reachable, so that pkg/cmd/root can show it in
// the user's language; the text is fmt.Errorf's.
func TestUsagefKeepsErrorsReachable(t *testing.T) {
	cause := &fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}
	cases := []struct {
		format string
		args   []any
	}{
		{"%v", []any{cause}},
		{"%w", []any{cause}},
		{"--ics %s: %v (see 'pm meeting --help')", []any{"out", cause}},
	}
	for _, c := range cases {
		err := Usagef(c.format, c.args...)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe != cause || !errors.Is(err, fs.ErrPermission) {
			t.Errorf("Usagef(%q): the cause is not reachable", c.format)
		}
		if want := fmt.Errorf(c.format, c.args...).Error(); err.Error() != want {
			t.Errorf("Usagef(%q) = %q, want %q", c.format, err, want)
		}
		if ExitCode(err) != ExitFailure || ExitCode(Refusedf(c.format, c.args...)) != ExitFindings {
			t.Errorf("Usagef(%q): exit codes", c.format)
		}
	}
	if err := Usagef("--lang %q: want en or ja", "fr"); err.Error() != `--lang "fr": want en or ja` || errors.Unwrap(errors.Unwrap(err)) != nil {
		t.Errorf("Usagef without errors: %q wraps %v", err, errors.Unwrap(errors.Unwrap(err)))
	}
}
