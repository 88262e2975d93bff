package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestConcurrentNew starts two pm new at once, again and again: each either succeeds or fails cleanly
// about the lock. Every success is one commit of its own file, each present exactly once in the
// history; a refusal leaves no file behind; the repository stays sound.
func TestConcurrentNew(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	base := r.git("rev-parse", "HEAD")
	rounds := testenv.Inputs(2, 8)
	reported := map[string]string{} // commit pm named -> the file it was to add
	var want []string               // the files of the successes
	for i := 0; i < rounds; i++ {
		var wg sync.WaitGroup
		outs := make([]string, 2)
		codes := make([]int, 2)
		for j := 0; j < 2; j++ {
			wg.Add(1)
			go func(j int) {
				defer wg.Done()
				outs[j], codes[j] = r.pm("new", "--sev", "2", "--title", fmt.Sprintf("race %d %d", i, j), "--date", "2026-11-20")
			}(j)
		}
		wg.Wait()
		for j := 0; j < 2; j++ {
			file := fmt.Sprintf("postmortems/2026-11-20-race-%d-%d.md", i, j)
			switch {
			case codes[j] == 0:
				m := committedLine.FindStringSubmatch(outs[j])
				if m == nil {
					t.Errorf("round %d process %d: exit 0 without a commit:\n%s", i, j, outs[j])
					continue
				}
				full := r.git("rev-parse", m[1])
				if other, dup := reported[full]; dup {
					t.Errorf("round %d process %d: commit %s already reported for %s", i, j, m[1], other)
				}
				reported[full] = file
				want = append(want, file)
			case codes[j] == 2 && strings.Contains(outs[j], "lock"):
				if _, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(file))); err == nil {
					t.Errorf("round %d process %d: refused, yet %s was left behind", i, j, file)
				}
			default:
				t.Errorf("round %d process %d: exit %d\n%s", i, j, codes[j], outs[j])
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("no pm new succeeded")
	}
	// The history after the base is exactly the reported commits, each adding its own file only.
	revs := strings.Fields(r.git("rev-list", base+"..HEAD"))
	if len(revs) != len(want) {
		t.Errorf("%d successful pm new, %d commits after the base", len(want), len(revs))
	}
	for _, rev := range revs {
		file, ok := reported[rev]
		if !ok {
			t.Errorf("commit %s is no commit a pm new reported", rev[:7])
			continue
		}
		delete(reported, rev)
		if got := r.git("diff-tree", "--no-commit-id", "--name-status", "-r", rev); got != "A\t"+file {
			t.Errorf("commit %s changes %q, want only the new %s", rev[:7], got, file)
		}
	}
	for rev, file := range reported {
		t.Errorf("commit %s reported for %s is not in the history", rev[:7], file)
	}
	if got, wantFiles := strings.Fields(r.git("ls-files", "postmortems")), len(want); len(got) != wantFiles {
		t.Errorf("%d files committed, %d successes: %v", len(got), wantFiles, got)
	}
	r.clean("postmortems")
}

// TestConcurrentStatus moves two postmortems at once: each move either lands in HEAD or is refused
// about the lock, leaving its file as committed; no move is lost or made twice.
func TestConcurrentStatus(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	for _, title := range []string{"one", "two"} {
		if out, code := r.pm("new", "--sev", "2", "--title", title, "--date", "2026-11-20"); code != 0 {
			t.Fatalf("pm new: %d %s", code, out)
		}
	}
	base := r.git("rev-parse", "HEAD")
	ids := []string{"2026-11-20-one", "2026-11-20-two"}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	outs := make([]string, 2)
	for j, id := range ids {
		wg.Add(1)
		go func(j int, id string) {
			defer wg.Done()
			outs[j], codes[j] = r.pm("status", "in-review", id, "--force")
		}(j, id)
	}
	wg.Wait()
	ok := 0
	for j, id := range ids {
		path := "postmortems/" + id + ".md"
		head := r.git("show", "HEAD:"+path)
		work, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimRight(string(work), "\n") != head {
			t.Errorf("%s: the work tree differs from HEAD:\n%s", id, lineDiff(head, string(work)))
		}
		switch {
		case codes[j] == 0:
			ok++
			if !strings.Contains(head, "\nstatus: In Review\n") {
				t.Errorf("%s: pm moved it, HEAD holds:\n%s", id, head)
			}
			if n := strings.Count(r.git("log", "--format=%H", base+"..HEAD", "--", path), "\n") + 1; n != 1 {
				t.Errorf("%s: %d commits after the base touch it, want 1", id, n)
			}
		case codes[j] == 2 && strings.Contains(outs[j], "lock"):
			if !strings.Contains(head, "\nstatus: Draft\n") {
				t.Errorf("%s: pm refused, HEAD holds:\n%s", id, head)
			}
			if got := r.git("log", "--format=%H", base+"..HEAD", "--", path); got != "" {
				t.Errorf("%s: pm refused, yet commits after the base touch it: %s", id, got)
			}
		default:
			t.Errorf("process %d: exit %d %s", j, codes[j], outs[j])
		}
	}
	if ok == 0 {
		t.Error("no move succeeded")
	}
	if n := len(strings.Fields(r.git("rev-list", base+"..HEAD"))); n != ok {
		t.Errorf("%d moves succeeded, %d commits after the base", ok, n)
	}
	r.clean("postmortems")
}
