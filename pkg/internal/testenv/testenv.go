// Package testenv decides what a test does when the machine lacks something it needs: skip on a
// developer's machine, fail under CI=true, where a missing tool or a state that did not apply would
// otherwise pass unnoticed as a skip.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"

	_ "github.com/pm-tools/pm/pkg/internal/memtmp" // the tests' temporary folders on tmpfs when there is one
)

// TB is the part of testing.TB that Skip and NeedGit use, so that a test of this package can
// watch what they do.
type TB interface {
	Helper()
	Skip(args ...any)
	Fatal(args ...any)
}

// CI reports whether the tests run under CI=true (any value strconv.ParseBool takes for true):
// there every skip is a failure.
func CI() bool {
	ci, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && ci
}

// Skip skips the test with reason, or fails it under CI=true, where the machine is expected to
// have everything the tests need.
func Skip(t TB, reason ...any) {
	t.Helper()
	if CI() {
		t.Fatal(append([]any{"under CI=true this cannot be skipped:"}, reason...)...)
		return
	}
	t.Skip(reason...)
}

// Skipf is Skip with a formatted reason.
func Skipf(t TB, format string, args ...any) {
	t.Helper()
	Skip(t, fmt.Sprintf(format, args...))
}

var gitPath = onceLookPath()

// onceLookPath looks for git on first use only: tests call NeedGit often.
func onceLookPath() func() (string, error) {
	return sync.OnceValues(func() (string, error) { return exec.LookPath("git") })
}

// NeedGit skips the test (fails it under CI=true) when the git CLI is not on PATH.
func NeedGit(t TB) {
	t.Helper()
	if _, err := gitPath(); err != nil {
		Skip(t, "git CLI not on PATH:", err)
	}
}

// HaveGit reports whether the git CLI is on PATH, for a TestMain that has no test to skip.
func HaveGit() bool {
	_, err := gitPath()
	return err == nil
}

// Unsupported skips the test, CI=true or not, for a condition that is a fact of the platform or of
// the user running the tests (Windows, root or not root, -short) rather than something missing that
// CI must have: the same CI machine legitimately meets it on every run.
func Unsupported(t TB, reason ...any) {
	t.Helper()
	t.Skip(reason...)
}
