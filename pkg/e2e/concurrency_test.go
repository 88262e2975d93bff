package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentNew starts two pm new at once, again and again: each either succeeds or fails cleanly
// about the lock; no commit is lost and the repository stays sound.
func TestConcurrentNew(t *testing.T) {
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	rounds := 8
	if testing.Short() {
		rounds = 2
	}
	ok := 0
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
			switch {
			case codes[j] == 0:
				ok++
			case codes[j] == 2 && strings.Contains(outs[j], "lock"):
			default:
				t.Errorf("round %d process %d: exit %d\n%s", i, j, codes[j], outs[j])
			}
		}
	}
	count, _ := strconv.Atoi(r.git("rev-list", "--count", "HEAD"))
	if count != ok+1 {
		t.Errorf("%d successful pm new, %d commits after the base", ok, count-1)
	}
	files := r.git("ls-files", "postmortems")
	if n := len(strings.Fields(files)); n != ok {
		t.Errorf("%d files committed, %d successes", n, ok)
	}
	r.clean("postmortems")
	if ok == 0 {
		t.Error("no pm new succeeded")
	}
}

// TestConcurrentStatus moves two postmortems at once.
func TestConcurrentStatus(t *testing.T) {
	r := newRepo(t)
	for _, title := range []string{"one", "two"} {
		if out, code := r.pm("new", "--sev", "2", "--title", title, "--date", "2026-11-20"); code != 0 {
			t.Fatalf("pm new: %d %s", code, out)
		}
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	outs := make([]string, 2)
	for j, id := range []string{"2026-11-20-one", "2026-11-20-two"} {
		wg.Add(1)
		go func(j int, id string) {
			defer wg.Done()
			outs[j], codes[j] = r.pm("status", "in-review", id, "--force")
		}(j, id)
	}
	wg.Wait()
	ok := 0
	for j := range codes {
		if codes[j] == 0 {
			ok++
		} else if codes[j] != 2 || !strings.Contains(outs[j], "lock") {
			t.Errorf("process %d: exit %d %s", j, codes[j], outs[j])
		}
	}
	count, _ := strconv.Atoi(r.git("rev-list", "--count", "HEAD"))
	if count != 2+ok {
		t.Errorf("%d moves succeeded, %d commits", ok, count)
	}
	r.clean("postmortems")
}
