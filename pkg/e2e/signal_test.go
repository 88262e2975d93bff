//go:build unix

package e2e

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

// TestSignalWhileAHookRuns: pm stopped by a signal (Ctrl-C, `timeout`, a cancelled CI job) while a
// hook runs leaves what git leaves when stopped so: no index.lock, no temporary index, no ref lock,
// and, since the commit was not made, none of pm's edits in the work tree. It dies of the signal, as
// git does. Then git and pm commit again as before.
func TestSignalWhileAHookRuns(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		sig     syscall.Signal
		hook    string // which hook sleeps
		create  bool   // pm new rather than pm status
		meeting bool   // pm meeting, its invitation's temporary file open meanwhile
	}{
		{"SIGTERM in pre-commit, pm status", syscall.SIGTERM, "pre-commit", false, false},
		{"SIGINT in commit-msg, pm status", syscall.SIGINT, "commit-msg", false, false},
		{"SIGHUP in pre-commit, pm new", syscall.SIGHUP, "pre-commit", true, false},
		{"SIGTERM in reference-transaction, pm new", syscall.SIGTERM, "reference-transaction", true, false},
		{"SIGTERM in pre-commit, pm meeting", syscall.SIGTERM, "pre-commit", false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t)
			if out, code := r.pm("init", "-q"); code != 0 {
				t.Fatal(out)
			}
			if out, code := r.newPM("stopped"); code != 0 {
				t.Fatal(out)
			}
			staged := "staged by the user\n"
			r.write("NOTES.md", staged)
			r.git("add", "NOTES.md")
			file := filepath.Join(r.dir, "postmortems", "2026-11-20-stopped.md")
			before, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			head := r.git("rev-parse", "HEAD")

			marker := filepath.Join(t.TempDir(), "hook-started")
			hook := "#!/bin/sh\n"
			if c.hook == "reference-transaction" {
				// only at "prepared": the branch has not moved yet
				hook += "[ \"$1\" = prepared ] || exit 0\n"
			}
			hook += "touch '" + marker + "'\nsleep 30\n"
			if err := os.WriteFile(filepath.Join(r.dir, ".git", "hooks", c.hook), []byte(hook), 0o755); err != nil {
				t.Fatal(err)
			}
			args := []string{"status", "in-review", "stopped", "--force"}
			if c.create {
				args = []string{"new", "--sev", "2", "--title", "second", "--date", "2026-11-21"}
			}
			if c.meeting {
				args = []string{"meeting", "stopped", "--at", "2026-11-25 10:00", "--ics", "invite.ics"}
			}
			log, err := os.Create(filepath.Join(t.TempDir(), "pm.log"))
			if err != nil {
				t.Fatal(err)
			}
			defer log.Close()
			cmd := exec.Command(pmBin, args...)
			cmd.Dir, cmd.Env = r.dir, r.env
			// a file, not a pipe, for its output: the sleeping hook keeps a pipe open after pm is gone
			cmd.Stdout, cmd.Stderr = log, log
			// its own process group, so that the test can end the sleeping hook afterwards; the
			// signal goes to pm alone
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			deadline := time.Now().Add(20 * time.Second)
			for {
				if _, err := os.Stat(marker); err == nil {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the hook did not start")
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			waited := make(chan error, 1)
			go func() { waited <- cmd.Wait() }()
			select {
			case err = <-waited:
			case <-time.After(20 * time.Second):
				t.Fatal("pm did not stop on the signal")
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("pm: %v", err)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != c.sig {
				t.Errorf("pm's end: %v, want death by %v", ee, c.sig)
			}

			var left []string
			filepath.Walk(r.dir, func(p string, fi os.FileInfo, err error) error {
				if err == nil && (strings.HasSuffix(p, ".lock") || strings.HasPrefix(filepath.Base(p), ".pm-")) {
					left = append(left, p)
				}
				return nil
			})
			if len(left) > 0 {
				t.Errorf("lock or temporary files left: %q", left)
			}
			if got := r.git("rev-parse", "HEAD"); got != head {
				t.Errorf("HEAD moved to %s", got)
			}
			if after, _ := os.ReadFile(file); string(after) != string(before) {
				t.Errorf("the postmortem keeps pm's edit:\n%s", after)
			}
			if c.create {
				if _, err := os.Stat(filepath.Join(r.dir, "postmortems", "2026-11-21-second.md")); !os.IsNotExist(err) {
					t.Errorf("the new postmortem was left: %v", err)
				}
			}
			if got := r.git("status", "--porcelain"); got != "A  NOTES.md" {
				t.Errorf("git status:\n%s", got)
			}
			if got := r.git("show", ":NOTES.md"); got+"\n" != staged {
				t.Errorf("the staged file: %q", got)
			}
			// the repository works as before: the hook gone, pm and git commit
			os.Remove(filepath.Join(r.dir, ".git", "hooks", c.hook))
			if out, code := r.pm(args...); code != 0 {
				t.Errorf("pm %v again: exit %d\n%s", args, code, out)
			}
			r.git("commit", "-qm", "notes")
			r.clean("postmortems", "NOTES.md")
		})
	}
}

// TestSIGQUITBeforeAnyWrite: SIGQUIT stops pm as the other signals do from the start, not only once a
// write has set its undo up: death by SIGQUIT (the shell sees 131), and no dump of every goroutine (Go's default, exit 2). Here pm
// waits to read the --from-csv of pm actions sync, a named pipe, well before it writes anything.
func TestSIGQUITBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	if out, code := r.pm("init", "-q"); code != 0 {
		t.Fatal(out)
	}
	if out, code := r.newPM("quit"); code != 0 {
		t.Fatal(out)
	}
	file := filepath.Join(r.dir, "postmortems", "2026-11-20-quit.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	header := "| --- | --- | --- | --- | --- | --- |\n"
	if !strings.Contains(string(src), header) {
		t.Fatal("the template's Action Items table changed")
	}
	os.WriteFile(file, []byte(strings.Replace(string(src), header, header+"| P1 | Alert | process | Ana | 2026-12-04 | OPS-1 |\n", 1)), 0o644)
	fifo := filepath.Join(t.TempDir(), "export.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	var stderr strings.Builder
	cmd := exec.Command(pmBin, "actions", "sync", "--from-csv", fifo)
	cmd.Dir, cmd.Env, cmd.Stderr = r.dir, r.env, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // returns once pm opened it to read
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := cmd.Process.Signal(syscall.SIGQUIT); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err = <-waited:
	case <-time.After(20 * time.Second):
		t.Fatal("pm did not stop on SIGQUIT")
	}
	// of the signal, as git (the shell sees 131), or exit 131 where pm must catch it to end so
	var ee *exec.ExitError
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !errors.As(err, &ee) || !(ws.Signaled() && ws.Signal() == syscall.SIGQUIT) && ee.ExitCode() != 131 {
		t.Errorf("pm's end: %v, want death by SIGQUIT or exit 131\n%.500s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "goroutine ") {
		t.Errorf("pm printed a goroutine dump:\n%.500s", stderr.String())
	}
}
