package archtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// initTrace is one package initialiser that ran, as GODEBUG=inittrace=1 reports it.
type initTrace struct {
	pkg           string
	bytes, allocs string
}

var (
	initsOnce sync.Once
	inits     []initTrace
	initsErr  string
)

// pmInits builds cmd/pm and runs `pm version` with GODEBUG=inittrace=1: the initialisers every pm
// process runs, in the order they ran.
func pmInits(t *testing.T) []initTrace {
	t.Helper()
	if testing.Short() {
		t.Skip("builds pm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	initsOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pm-archtest-")
		if err != nil {
			initsErr = err.Error()
			return
		}
		defer os.RemoveAll(dir)
		bin := filepath.Join(dir, "pm")
		build := exec.Command(goTool, "build", "-o", bin, "./cmd/pm")
		build.Dir = "../../.."
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			initsErr = "go build ./cmd/pm: " + err.Error() + "\n" + string(out)
			return
		}
		run := exec.Command(bin, "version")
		run.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr strings.Builder
		run.Stderr = &stderr
		if err := run.Run(); err != nil {
			initsErr = "pm version: " + err.Error() + "\n" + stderr.String()
			return
		}
		line := regexp.MustCompile(`^init (\S+) @.* (\d+) bytes, (\d+) allocs$`)
		for _, l := range strings.Split(stderr.String(), "\n") {
			if m := line.FindStringSubmatch(l); m != nil {
				inits = append(inits, initTrace{pkg: m[1], bytes: m[2], allocs: m[3]})
			}
		}
		if len(inits) == 0 {
			initsErr = "GODEBUG=inittrace=1 reported no initialiser:\n" + stderr.String()
		}
	})
	if initsErr != "" {
		t.Fatal(initsErr)
	}
	return inits
}

// TestPMPackagesInitAllocateNothing: none of pm's own package initialisers may allocate. Every pm
// process, a pre-commit hook's included, pays for its packages' initialisers, so pm builds its
// tables, expressions, maps and parsers on first use (pkg/internal/lazy, or a literal the compiler
// lays out), never in package init.
func TestPMPackagesInitAllocateNothing(t *testing.T) {
	for _, in := range pmInits(t) {
		if strings.HasPrefix(in.pkg, module+"/") && (in.bytes != "0" || in.allocs != "0") {
			t.Errorf("%s's package initialiser allocates %s bytes in %s allocations: build what it makes on first use", in.pkg, in.bytes, in.allocs)
		}
	}
}

// TestStartUpInitialisersBeforeGoldmark: the four initialisers in cmd/pm/internal that are there
// for start-up itself only do their part when they run before goldmark's extension package compiles
// its deep expressions: hugeheap puts the heap's first chunk on huge pages before the pages are
// touched, stackwarm grows the main goroutine's stack while it is shallow (after hugeheap: the new
// stack is allocated from that chunk), and indexahead and stagedahead begin pm lint --staged's
// reading of git on another core, to overlap the rest of pm's start.
func TestStartUpInitialisersBeforeGoldmark(t *testing.T) {
	const goldmark = "github.com/yuin/goldmark/extension"
	at := map[string]int{}
	for i, in := range pmInits(t) {
		at[in.pkg] = i + 1
	}
	if at[goldmark] == 0 {
		t.Fatalf("%s's initialiser did not run", goldmark)
	}
	for _, c := range []struct{ pkg, else_ string }{
		{module + "/cmd/pm/internal/hugeheap", "goldmark's initialisers fill the heap a page fault at a time"},
		{module + "/cmd/pm/internal/stackwarm", "the stack grows with goldmark's frames on it"},
		{module + "/cmd/pm/internal/indexahead", "the index is decoded after pm's start, not beside it"},
		{module + "/cmd/pm/internal/stagedahead", "git is read after pm's start, not beside it"},
	} {
		switch {
		case at[c.pkg] == 0:
			t.Errorf("%s's initialiser did not run", c.pkg)
		case at[c.pkg] > at[goldmark]:
			t.Errorf("%s's initialiser ran after %s's (%d, %d): %s", c.pkg, goldmark, at[c.pkg], at[goldmark], c.else_)
		}
	}
	if h, s := at[module+"/cmd/pm/internal/hugeheap"], at[module+"/cmd/pm/internal/stackwarm"]; h > s {
		t.Errorf("hugeheap's initialiser ran after stackwarm's (%d, %d): the stack grown there fills its pages a fault at a time", h, s)
	}
}
