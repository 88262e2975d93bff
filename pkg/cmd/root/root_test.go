package root

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	f, out, errOut := cmdutil.TestFactory(dir, now, env)
	code := Run(f, args)
	return out.String(), errOut.String(), code
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("# not a postmortem\n"), 0o644)
	cases := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--help"}, 0, ""},
		{[]string{"no-such-command"}, 2, "unknown command"},
		{[]string{"lint", "--no-such-flag"}, 2, "unknown flag"},
		{[]string{"lint", "a.md"}, 1, "1 file linted: 1 error"},
		{[]string{"lint", "missing.md"}, 2, "pm: missing.md"},
		{[]string{"new", "--title", "x"}, 2, "pm: --sev is required"},
		// A command that only groups others refuses a word it does not know, as git does.
		{[]string{"hook", "instal"}, 2, `unknown command "instal" for "pm hook"; did you mean install?`},
		{[]string{"docs", "html"}, 2, `unknown command "html" for "pm docs"`},
		{[]string{"timeline", "nope"}, 2, `unknown command "nope" for "pm timeline"`},
		{[]string{"hook"}, 0, ""},
		// pm help names a command, or fails as an unknown command does
		{[]string{"help", "lint"}, 0, ""},
		{[]string{"help", "bogus"}, 2, `unknown help topic "bogus"`},
		{[]string{"help", "statsu"}, 2, "did you mean stats, status?"},
		// a misspelt flag is answered with the flags it was likely meant to be
		{[]string{"lint", "--stagd"}, 2, "unknown flag: --stagd; did you mean --staged? (see 'pm lint --help')"},
		{[]string{"lint", "--form", "json"}, 2, "unknown flag: --form; did you mean --format? (see 'pm lint --help')"},
		{[]string{"lint", "-staged"}, 2, "unknown shorthand flag: 's' in -staged; did you mean --staged? (see 'pm lint --help')"},
		{[]string{"list", "--no-colr"}, 2, "unknown flag: --no-colr; did you mean --no-color? (see 'pm list --help')"},
		{[]string{"lint", "--zz"}, 2, "unknown flag: --zz (see 'pm lint --help')"},
		// an empty revision is refused, as git refuses git diff '', not taken for "not given"
		{[]string{"lint", "--changed-since", ""}, 2, "--changed-since: an empty revision names no commit"},
		{[]string{"review", "--base="}, 2, "--base: an empty revision names no commit"},
	}
	for _, c := range cases {
		_, errOut, code := run(t, dir, nil, c.args...)
		if code != c.code || !strings.Contains(errOut, c.err) {
			t.Errorf("pm %v: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.err)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") > 0 && c.code == 2 {
			t.Errorf("pm %v: error is not one line: %q", c.args, errOut)
		}
		if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "exit 1") {
			t.Errorf("pm %v: stderr %q", c.args, errOut)
		}
	}
}

func TestBadPMNow(t *testing.T) {
	_, errOut, code := run(t, t.TempDir(), map[string]string{"PM_NOW": "tomorrow"}, "lint", "x.md")
	if code != 2 || !strings.Contains(errOut, "PM_NOW") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestEveryCommandHasExamplesAndExitCodes(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		if c.Runnable() {
			if strings.TrimSpace(c.Example) == "" {
				t.Errorf("%s has no example", c.CommandPath())
			}
			if !strings.Contains(c.Long, "Exit codes") {
				t.Errorf("%s's help does not state the exit codes", c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(NewCmdRoot(f))
}

func TestErrorPathsRelativeToWorkDir(t *testing.T) {
	for _, c := range []struct{ msg, wd, want string }{
		{"write /repo/postmortems/a.md: permission denied", "/repo", "write postmortems/a.md: permission denied"},
		{"write /repo/postmortems/a.md: permission denied", "/repo/", "write postmortems/a.md: permission denied"},
		{"write /other/a.md: permission denied", "/repo", "write /other/a.md: permission denied"},
		{"read /repository/a.md: x", "/repo", "read /repository/a.md: x"},
		{"write /a.md: x", "/", "write /a.md: x"},
		// the work dir itself, typed with its slash, keeps its name
		{"--out /repo/: is the repository root", "/repo", "--out /repo/: is the repository root"},
		{"at /repo/", "/repo", "at /repo/"},
		{"a /repo/ b /repo/c", "/repo", "a /repo/ b c"},
	} {
		if got := relative(c.msg, c.wd); got != c.want {
			t.Errorf("relative(%q, %q) = %q, want %q", c.msg, c.wd, got, c.want)
		}
	}
}
