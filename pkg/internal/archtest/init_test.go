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

// TestStackGrownBeforeGoldmark: cmd/pm/internal/stackwarm grows the main goroutine's stack while
// it is shallow, which saves only if it runs before goldmark's extension package compiles its
// deep expressions.
func TestStackGrownBeforeGoldmark(t *testing.T) {
	const warm, goldmark = module + "/cmd/pm/internal/stackwarm", "github.com/yuin/goldmark/extension"
	at := map[string]int{}
	for i, in := range pmInits(t) {
		at[in.pkg] = i + 1
	}
	switch {
	case at[warm] == 0:
		t.Fatalf("%s's initialiser did not run", warm)
	case at[goldmark] == 0:
		t.Fatalf("%s's initialiser did not run", goldmark)
	case at[warm] > at[goldmark]:
		t.Errorf("%s's initialiser ran after %s's (%d, %d): the stack grows with goldmark's frames on it", warm, goldmark, at[warm], at[goldmark])
	}
}

// TestStagedAheadBeforeGoldmark: cmd/pm/internal/stagedahead begins pm lint --staged's reading of
// git on another core, which overlaps the rest of pm's start only if it runs before goldmark's
// extension package compiles its expressions.
func TestStagedAheadBeforeGoldmark(t *testing.T) {
	const ahead, goldmark = module + "/cmd/pm/internal/stagedahead", "github.com/yuin/goldmark/extension"
	at := map[string]int{}
	for i, in := range pmInits(t) {
		at[in.pkg] = i + 1
	}
	switch {
	case at[ahead] == 0:
		t.Fatalf("%s's initialiser did not run", ahead)
	case at[goldmark] == 0:
		t.Fatalf("%s's initialiser did not run", goldmark)
	case at[ahead] > at[goldmark]:
		t.Errorf("%s's initialiser ran after %s's (%d, %d): git is read after pm's start, not beside it", ahead, goldmark, at[ahead], at[goldmark])
	}
}
