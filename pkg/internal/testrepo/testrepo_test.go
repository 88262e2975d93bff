package testrepo

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

func TestRepo(t *testing.T) {
	r := New(t, "Aiko Sato", "aiko@example.com", "core.hooksPath", ".githooks")
	r.Write("postmortems/a.md", "first\n")
	if got := r.Read("postmortems/a.md"); got != "first\n" {
		t.Errorf("Read = %q", got)
	}
	when := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	h := r.Commit("base", when, "postmortems/a.md")
	c := r.Head()
	if c.Hash != h || c.Message != "base\n" || c.Author.Name != "Aiko Sato" || c.Committer.Email != "aiko@example.com" ||
		!c.Author.When.Equal(when) || len(c.Files) != 1 || c.Files[0] != "postmortems/a.md" {
		t.Errorf("Head = %+v, want the commit %s", c, h)
	}
	if n := r.CommitCount(); n != 1 {
		t.Errorf("CommitCount = %d", n)
	}
	// the git CLI sees the same repository, its config, and no identity from outside
	if got := r.Git("rev-parse", "HEAD"); got != h {
		t.Errorf("git rev-parse HEAD = %q, want %s", got, h)
	}
	if got := r.Git("config", "core.hooksPath"); got != ".githooks" {
		t.Errorf("core.hooksPath = %q", got)
	}
	if got := r.Git("branch", "--show-current"); got != "main" {
		t.Errorf("branch %q", got)
	}
	if out, err := r.TryGit("config", "--global", "--list"); err == nil {
		t.Errorf("git found a global configuration: %q", out)
	}
	r.GitEnv = []string{"GIT_AUTHOR_DATE=2026-11-26T09:00:00+09:00", "GIT_COMMITTER_DATE=2026-11-26T09:00:00+09:00"}
	r.Write("b.md", "second\n")
	r.Git("add", "b.md")
	r.Git("commit", "-qm", "second")
	if got := r.Git("log", "-1", "--format=%an %ae %aI"); got != "Aiko Sato aiko@example.com 2026-11-26T09:00:00+09:00" {
		t.Errorf("git commit as %q", got)
	}
	if out, err := r.TryGit("rev-parse", "--verify", "no-such-branch"); err == nil || out == "" {
		t.Errorf("TryGit of a failing command: %q, %v", out, err)
	}
}

func TestNewWithoutIdentity(t *testing.T) {
	r := New(t, "", "")
	if out, err := r.TryGit("config", "user.name"); err == nil {
		t.Errorf("user.name is set: %q", out)
	}
	if r.Env["HOME"] == "" || r.Env["GIT_CONFIG_NOSYSTEM"] != "1" {
		t.Errorf("Env %v", r.Env)
	}
}

func TestFiles(t *testing.T) {
	dir := FakeRoot(t)
	if fi, err := os.Stat(filepath.Join(dir, ".git")); err != nil || !fi.IsDir() {
		t.Fatalf("no .git folder: %v", err)
	}
	src := t.TempDir()
	WriteFile(t, src, "x.md", "x")
	WriteFile(t, src, "y.md", "y")
	WriteFile(t, src, "z.txt", "z")
	CopyFiles(t, filepath.Join(dir, "postmortems"), filepath.Join(src, "*.md"))
	entries, _ := os.ReadDir(filepath.Join(dir, "postmortems"))
	if len(entries) != 2 || ReadFile(t, dir, "postmortems/y.md") != "y" {
		t.Errorf("copied %v", entries)
	}
}

// command stands in for a cobra command: it writes to the Factory's streams and returns result.
type command struct {
	args     []string
	out, err io.Writer
	f        *cmdutil.Factory
	result   error
}

func (c *command) SetArgs(a []string) { c.args = a }
func (c *command) SetOut(w io.Writer) { c.out = w }
func (c *command) SetErr(w io.Writer) { c.err = w }
func (c *command) Execute() error {
	fmt.Fprintf(c.f.IO.Out, "args %q\n", c.args)
	fmt.Fprintln(c.f.IO.ErrOut, "note")
	if c.out != c.f.IO.Out || c.err != c.f.IO.ErrOut {
		return errors.New("cobra's streams are not the Factory's")
	}
	return c.result
}

func TestRun(t *testing.T) {
	cases := []struct {
		err       error
		args      []string
		out, errs string
		code      int
	}{
		{nil, nil, "args []\n", "note\n", 0},
		{cmdutil.Usagef("bad %s", "flag"), []string{"--x"}, "args [\"--x\"]\n", "note\npm: bad flag\n", 2},
		{cmdutil.ErrSilentFindings, []string{"a"}, "args [\"a\"]\n", "note\n", 1},
		{errors.New("plain"), nil, "args []\n", "note\npm: plain\n", 2},
	}
	f, _, _ := cmdutil.TestFactory(t.TempDir(), time.Now(), nil)
	for _, c := range cases {
		out, errOut, code := Run(f, func(f *cmdutil.Factory) Command { return &command{f: f, result: c.err} }, c.args...)
		if out != c.out || errOut != c.errs || code != c.code {
			t.Errorf("%v: out %q, err %q, exit %d; want %q, %q, %d", c.err, out, errOut, code, c.out, c.errs, c.code)
		}
	}
}
