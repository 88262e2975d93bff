//go:build unix

package interrupt

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The scenarios run in a child process (this test binary again), which a signal ends.
const scenarioEnv = "PM_INTERRUPT_SCENARIO"

func TestMain(m *testing.M) {
	if s := os.Getenv(scenarioEnv); s != "" {
		scenario(s, os.Getenv("PM_INTERRUPT_DIR"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func mark(dir, name string) { os.WriteFile(filepath.Join(dir, name), nil, 0o644) }

// scenario is what the child does; every one signals itself at some point and should die of it.
func scenario(s, dir string) {
	self := func() {
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		time.Sleep(20 * time.Millisecond) // as a hook that signals pm, then exits, takes a moment
	}
	quit := func() {
		// no core file where this test runs, should the machine's limit allow one
		syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
		syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		time.Sleep(2 * time.Second)
		mark(dir, "survived")
	}
	switch s {
	case "quit-early":
		// before anything is registered: the process dies at once, no dump of every goroutine
		Quit()
		quit()
	case "quit-undo":
		// once a step registered its undo: the undo runs, then the process dies
		Quit()
		OnSignal(func() { mark(dir, "undone") })
		quit()
	case "critical":
		// a signal before the step that moves the branch: the step does not run, the undo does
		OnSignal(func() { mark(dir, "undone") })
		self()
		Critical(func() { mark(dir, "moved") })
	case "do":
		// what Do made is undone; what it failed to make registers nothing
		Do(func() error { mark(dir, "made"); return nil }, func() { os.Remove(filepath.Join(dir, "made")) })
		Do(func() error { return errors.New("no") }, func() { mark(dir, "wrongly-undone") })
		self()
		Settle()
	case "settle":
		// finished, but a signal came: the process dies of it, not exit 0
		OnSignal(func() {})
		self()
		Settle()
		mark(dir, "exited")
	case "after":
		// a step made after the signal never runs
		OnSignal(func() {})
		self()
		Do(func() error { mark(dir, "late"); return nil }, func() {})
	}
}

func TestSignalScenarios(t *testing.T) {
	for _, c := range []struct {
		name        string
		want, never []string
	}{
		{"critical", []string{"undone"}, []string{"moved"}},
		{"do", nil, []string{"made", "wrongly-undone"}},
		{"settle", nil, []string{"exited"}},
		{"after", nil, []string{"late"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), scenarioEnv+"="+c.name, "PM_INTERRUPT_DIR="+dir)
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("the child exited 0 (or did not run: %v), as if no signal had come", err)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !(ws.Signaled() && ws.Signal() == syscall.SIGINT) && ws.ExitStatus() != 130 {
				t.Errorf("the child ended with %v, not of SIGINT", err)
			}
			for _, f := range c.want {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("%s missing: %v", f, err)
				}
			}
			for _, f := range c.never {
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					t.Errorf("%s there", f)
				}
			}
		})
	}
}

// TestQuit: SIGQUIT ends the process as the other signals do, before anything is registered and
// after, with no dump of every goroutine (Go's own default for it, exit 2).
func TestQuit(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"quit-early", nil},
		{"quit-undo", []string{"undone"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var stderr strings.Builder
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), scenarioEnv+"="+c.name, "PM_INTERRUPT_DIR="+dir)
			cmd.Dir, cmd.Stderr = dir, &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("the child exited 0 (or did not run: %v), as if no signal had come", err)
			}
			ws, ok := ee.Sys().(syscall.WaitStatus)
			if !ok || !(ws.Signaled() && ws.Signal() == syscall.SIGQUIT) && ws.ExitStatus() != 131 {
				t.Errorf("the child ended with %v, not of SIGQUIT", err)
			}
			if strings.Contains(stderr.String(), "goroutine ") {
				t.Errorf("a goroutine dump:\n%.500s", stderr.String())
			}
			for _, f := range append(c.want, "!survived") {
				_, err := os.Stat(filepath.Join(dir, strings.TrimPrefix(f, "!")))
				if there := err == nil; there == strings.HasPrefix(f, "!") {
					t.Errorf("%s: there is %v", f, there)
				}
			}
		})
	}
}
