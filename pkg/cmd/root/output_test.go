package root

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// fullDisk is standard output on a full disk: every write fails.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestLostOutputIsAnError: a command whose output could not be written ends with exit 2 and says
// so, whether or not it checked its writes itself: `pm list > report.txt` on a full disk is not an
// empty success.
func TestLostOutputIsAnError(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"version"}, {"completion", "bash"}, {"list"}} {
		f, _, errOut := cmdutil.TestFactory(dir, now, nil)
		f.IO.Out = &cmdutil.CheckedWriter{W: fullDisk{}}
		code := Run(f, args)
		if args[0] == "list" {
			// no postmortem folder here: the command's own error (exit 2) is the one said
			if code != 2 || strings.Contains(errOut.String(), "write standard output") {
				t.Errorf("pm %v: exit %d, %q", args, code, errOut)
			}
			continue
		}
		if code != 2 || !strings.Contains(errOut.String(), "no space left on device") {
			t.Errorf("pm %v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestLostOutputSaidOnce: the lost output is said in the same words by every command, in the user's
// language, whether the command wrapped the write's error in its own words (pm lint's "write
// findings: …") or returned it as it was (an encoder's): one line, exit 2.
func TestLostOutputSaidOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("no front matter\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", "a.md"}, "pm: write standard output: no space left on device\n"},
		{[]string{"lint", "--format", "json", "a.md"}, "pm: write standard output: no space left on device\n"},
		{[]string{"lint", "--list-rules", "--format", "json"}, "pm: write standard output: no space left on device\n"},
		{[]string{"version"}, "pm: write standard output: no space left on device\n"},
		{[]string{"--lang", "ja", "lint", "--format", "sarif", "a.md"}, "pm: 標準出力に書き込めません: no space left on device\n"},
	} {
		f, _, errOut := cmdutil.TestFactory(dir, now, nil)
		f.IO.Out = &cmdutil.CheckedWriter{W: fullDisk{}}
		code := Run(f, tc.args)
		if code != 2 || errOut.String() != tc.want {
			t.Errorf("pm %v: exit %d, stderr %q, want %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestNowOutOfRange: a PM_NOW from which pm would write a date past the year 9999 (in the team's zone,
// or as a meeting deadline) is refused, as a malformed one is.
func TestNowOutOfRange(t *testing.T) {
	for _, v := range []string{"9999-12-31T23:59:59Z", "0000-06-01T00:00:00Z"} {
		f, _, errOut := cmdutil.TestFactory(t.TempDir(), now, map[string]string{"PM_NOW": v})
		if code := Run(f, []string{"version"}); code != 2 || !strings.Contains(errOut.String(), "four digits") {
			t.Errorf("PM_NOW=%s: exit %d, %q", v, code, errOut)
		}
	}
	f, _, errOut := cmdutil.TestFactory(t.TempDir(), now, map[string]string{"PM_NOW": "9998-12-25T00:00:00Z"})
	if code := Run(f, []string{"version"}); code != 0 {
		t.Errorf("PM_NOW in 9998: exit %d, %q", code, errOut)
	}
}

// TestSeeHelpNamesTheCommand: a usage error points at the help of the command as typed.
func TestSeeHelpNamesTheCommand(t *testing.T) {
	for args, want := range map[string]string{
		"--bogus":                 "(see 'pm --help')",
		"lint --bogus":            "(see 'pm lint --help')",
		"timeline import --bogus": "(see 'pm timeline import --help')",
	} {
		f, _, errOut := cmdutil.TestFactory(t.TempDir(), now, nil)
		if code := Run(f, strings.Fields(args)); code != 2 || !strings.Contains(errOut.String(), want) {
			t.Errorf("pm %s: exit %d, %q, want %q", args, code, errOut, want)
		}
	}
}
