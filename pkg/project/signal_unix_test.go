//go:build unix

package project

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The signal scenarios run in a child process (this test binary again), which the signal ends.
const scenarioEnv = "PM_PROJECT_SIGNAL_SCENARIO"

func TestMain(m *testing.M) {
	if s := os.Getenv(scenarioEnv); s != "" {
		if err := signalScenario(s, os.Getenv("PM_PROJECT_SIGNAL_DIR")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// signalScenario is what the child does in the repository at dir, whose postmortems a.md and b.md
// hold "a\n" and "b\n": a write that a signal stops.
func signalScenario(s, dir string) error {
	p, err := Open(dir, os.Getenv, func() time.Time { return now })
	if err != nil {
		return err
	}
	p.Git.Environ = []string{"PATH=" + os.Getenv("PATH")}
	a, b := filepath.Join(p.Dir(), "a.md"), filepath.Join(p.Dir(), "b.md")
	both := []Change{{Path: a, Old: []byte("a\n"), Data: []byte("A\n")}, {Path: b, Old: []byte("b\n"), Data: []byte("B\n")}}
	w := Write{Commit: !strings.HasSuffix(s, "no-commit"), Message: msg("pm: " + s)}
	self := func() {
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(2 * time.Second) // the signal ends the process meanwhile
	}
	switch s {
	case "rewrite-all-between-writes", "rewrite-all-between-writes-no-commit":
		afterWrite = func(i int) {
			if i == 0 {
				self()
			}
		}
		_, err = p.RewriteAll(both, w)
	case "rewrite-all-post-commit":
		_, err = p.RewriteAll(both, w)
	case "rewrite-post-commit":
		_, err = p.Rewrite(both[0], w)
	case "create-files-post-commit":
		_, err = p.CreateFiles([]Change{both[0], {Path: filepath.Join(p.Dir(), "c.md"), Data: []byte("c\n")}}, w)
	default:
		return fmt.Errorf("no scenario %q", s)
	}
	if err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // a signal from a hook may still be on its way
	return nil
}

// runSignalScenario sets up a.md and b.md, committed, runs the scenario in a child, and checks that
// the child died of SIGTERM and left no temporary file of pm's, in the work tree or the git
// directory.
func runSignalScenario(t *testing.T, name, postCommit string) *Project {
	t.Helper()
	p, _ := committed(t, "a\n")
	b := filepath.Join(p.Dir(), "b.md")
	if _, err := p.WriteNew(func(int) string { return b }, []byte("b\n"), Write{Commit: true, Message: msg("base b")}); err != nil {
		t.Fatal(err)
	}
	if postCommit != "" {
		os.MkdirAll(filepath.Join(p.Root, ".git", "hooks"), 0o755)
		if err := os.WriteFile(filepath.Join(p.Root, ".git", "hooks", "post-commit"), []byte(postCommit), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), scenarioEnv+"="+name, "PM_PROJECT_SIGNAL_DIR="+p.Root,
		"HOME="+t.TempDir(), "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the child exited 0 (or did not run: %v), as if no signal had come\n%s", err, out)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Fatalf("the child ended with %v, not of SIGTERM\n%s", err, out)
	}
	var left []string
	filepath.Walk(p.Root, func(path string, fi os.FileInfo, err error) error {
		if err == nil && (strings.HasSuffix(path, ".lock") || strings.HasPrefix(filepath.Base(path), ".pm-")) {
			left = append(left, path)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("lock or temporary files left: %q", left)
	}
	return p
}

func headFile(t *testing.T, p *Project, rel string) string {
	t.Helper()
	r, err := p.Repo()
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := r.FileAt("HEAD", rel)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A signal between two of RewriteAll's writes (pm link's two sides, pm actions sync's files) puts
// back the files already written: none keeps pm's change, with or without a commit.
func TestSignalBetweenRewriteAllWritesPutsEveryFileBack(t *testing.T) {
	for _, name := range []string{"rewrite-all-between-writes", "rewrite-all-between-writes-no-commit"} {
		t.Run(name, func(t *testing.T) {
			p := runSignalScenario(t, name, "")
			for f, want := range map[string]string{"a.md": "a\n", "b.md": "b\n"} {
				if got, _ := os.ReadFile(filepath.Join(p.Dir(), f)); string(got) != want {
					t.Errorf("%s = %q, want %q", f, got, want)
				}
			}
			if got := headMessage(t, p); got != "base b\n" {
				t.Errorf("a commit was made: %q", got)
			}
		})
	}
}

// A signal once the commit stands (from a post-commit hook) undoes nothing, and leaves no copy of the
// files pm replaced in the git directory.
func TestSignalAfterTheCommitLeavesNoKeptFile(t *testing.T) {
	for _, name := range []string{"rewrite-post-commit", "rewrite-all-post-commit", "create-files-post-commit"} {
		t.Run(name, func(t *testing.T) {
			p := runSignalScenario(t, name, "#!/bin/sh\nkill -TERM $PPID\nsleep 1\n")
			if got := headMessage(t, p); got != "pm: "+name+"\n" {
				t.Fatalf("HEAD's message %q: the commit was not made", got)
			}
			if got := headFile(t, p, "postmortems/a.md"); got != "A\n" {
				t.Errorf("HEAD:postmortems/a.md = %q", got)
			}
			if got, _ := os.ReadFile(filepath.Join(p.Dir(), "a.md")); string(got) != "A\n" {
				t.Errorf("a.md = %q: the committed write was undone", got)
			}
		})
	}
}
