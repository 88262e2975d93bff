package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

var (
	committedLine = regexp.MustCompile(`(?m)^Committed ([0-9a-f]{7,40}): (.*)$`)
	meetingInMsg  = regexp.MustCompile(`^postmortem: 2026-11-20-t meeting (\S+)`)
	meetingInFile = regexp.MustCompile(`(?m)^meeting: "?([^"\r\n]*)"?\r?$`)
)

// TestParityConcurrentMeetings runs six pm meeting processes at once on one postmortem, five times,
// each with its own time. Each either commits a consistent commit (the file it committed holds the
// time its message names) or refuses cleanly in one line. Afterwards the work tree equals HEAD, git
// status is clean for the file, git fsck is clean, and every commit's content matches its message.
func TestParityConcurrentMeetings(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	if out, code := r.newPM("T"); code != 0 {
		t.Fatalf("pm new: %d %s", code, out)
	}
	const path = "postmortems/2026-11-20-t.md"
	procs, rounds := 6, testenv.Inputs(2, 5)
	ok := 0
	for round := 0; round < rounds; round++ {
		var wg sync.WaitGroup
		outs := make([]string, procs)
		codes := make([]int, procs)
		for j := 0; j < procs; j++ {
			wg.Add(1)
			go func(j int) {
				defer wg.Done()
				at := fmt.Sprintf("2026-11-25 09:%02d", round*procs+j)
				outs[j], codes[j] = r.pm("meeting", "2026-11-20-t", "--at", at, "--force")
			}(j)
		}
		wg.Wait()
		for j := 0; j < procs; j++ {
			what := fmt.Sprintf("round %d process %d", round, j)
			want := fmt.Sprintf("2026-11-25T09:%02d:00Z", round*procs+j)
			if codes[j] != 0 {
				refused(t, what, outs[j], codes[j], []int{1, 2})
				continue
			}
			ok++
			m := committedLine.FindStringSubmatch(outs[j])
			if m == nil {
				t.Errorf("%s: exit 0 without a commit:\n%s", what, outs[j])
				continue
			}
			if got := meetingOf(m[2]); got != want {
				t.Errorf("%s: message %q names %q, want %q", what, m[2], got, want)
			}
			if got := meetingInBlob(r, m[1]+":"+path); got != want {
				t.Errorf("%s: commit %s holds meeting %q, its message %q", what, m[1], got, m[2])
			}
		}
	}
	if ok == 0 {
		t.Fatal("no pm meeting succeeded")
	}
	// Every commit after pm new: the content matches the message.
	revs := strings.Fields(r.git("rev-list", "HEAD"))
	for _, rev := range revs[:len(revs)-2] {
		subject := r.git("log", "-1", "--format=%s", rev)
		if got, want := meetingInBlob(r, rev+":"+path), meetingOf(subject); got != want || want == "" {
			t.Errorf("commit %s %q holds meeting %q", rev[:7], subject, got)
		}
	}
	if n := len(revs) - 2; n != ok {
		t.Errorf("%d pm meeting succeeded, %d commits made", ok, n)
	}
	head := r.git("show", "HEAD:"+path)
	work, err := os.ReadFile(filepath.Join(r.dir, path))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimRight(string(work), "\n") != head {
		t.Errorf("the work tree differs from HEAD after the races:\n%s", lineDiff(head, string(work)))
	}
	r.clean(path)
}

func meetingOf(subject string) string {
	if m := meetingInMsg.FindStringSubmatch(subject); m != nil {
		return m[1]
	}
	return ""
}

func meetingInBlob(r *repo, spec string) string {
	out, err := r.run("git", "show", spec)
	if err != nil {
		return "(unreadable: " + strings.TrimSpace(out) + ")"
	}
	if m := meetingInFile.FindStringSubmatch(out); m != nil {
		return m[1]
	}
	return "(no meeting line)"
}

// TestParityLockWaitKeepsUserEdit: git holds index.lock while pm starts (pm may wait for it); the
// user edits the postmortem meanwhile; then the lock goes. pm must not lose the edit: it refuses, or
// commits content that includes it and says so. The user's bytes end up in the work tree or in HEAD.
func TestParityLockWaitKeepsUserEdit(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	if out, code := r.newPM("T"); code != 0 {
		t.Fatalf("pm new: %d %s", code, out)
	}
	const path = "postmortems/2026-11-20-t.md"
	full := filepath.Join(r.dir, path)
	lock := filepath.Join(r.dir, ".git", "index.lock")
	if err := os.WriteFile(lock, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	head := r.git("rev-parse", "HEAD")

	cmd := exec.Command(pmBin, "meeting", "2026-11-20-t", "--at", "2026-11-25 10:00", "--force")
	cmd.Dir = r.dir
	cmd.Env = r.env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Sequencing only: pm is in its lock wait (or already gone) when the user edits, and the lock
	// goes while pm may still be waiting. Nothing here asserts how long anything takes.
	time.Sleep(300 * time.Millisecond)
	const edit = "\nA line the user wrote while pm waited.\n"
	before, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, append(before, edit...), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	os.Remove(lock)
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	t.Logf("pm meeting: exit %d\n%s", code, out.String())

	work, _ := os.ReadFile(full)
	inWork := strings.Contains(string(work), edit)
	inHead := strings.Contains(r.git("show", "HEAD:"+path), strings.TrimSpace(edit))
	switch {
	case code != 0:
		refused(t, "pm meeting after the lock wait", out.String(), code, []int{1, 2})
		if !inWork {
			t.Errorf("pm refused and the user's edit is gone from the work tree:\n%s", work)
		}
		if got := r.git("rev-parse", "HEAD"); got != head {
			t.Errorf("pm refused, yet HEAD moved")
		}
	case !inWork && !inHead:
		t.Errorf("pm committed and the user's edit is lost (neither in the work tree nor in HEAD)")
	case inHead:
		msg := r.git("log", "-1", "--format=%B")
		if !strings.Contains(msg, "Includes uncommitted edits to the postmortem") {
			t.Errorf("pm committed the user's edit without saying so in the message:\n%s", msg)
		}
		if !strings.Contains(strings.ToLower(out.String()), "uncommitted") {
			t.Errorf("pm committed the user's edit without a notice:\n%s", out.String())
		}
	}
}
