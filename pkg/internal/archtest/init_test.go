package archtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPMPackagesInitAllocateNothing builds cmd/pm and runs `pm version` with GODEBUG=inittrace=1,
// which reports each package initialiser that runs, with what it allocated: none of pm's own may
// allocate. Every pm process, a pre-commit hook's included, pays for its packages' initialisers,
// so pm builds its tables, expressions, maps and parsers on first use (pkg/internal/lazy, or a
// literal the compiler lays out), never in package init.
func TestPMPackagesInitAllocateNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds pm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "pm")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/pm")
	build.Dir = "../../.."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/pm: %v\n%s", err, out)
	}
	run := exec.Command(bin, "version")
	run.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr strings.Builder
	run.Stderr = &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("pm version: %v\n%s", err, stderr.String())
	}
	line := regexp.MustCompile(`^init (\S+) @.* (\d+) bytes, (\d+) allocs$`)
	seen := 0
	for _, l := range strings.Split(stderr.String(), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		seen++
		if strings.HasPrefix(m[1], module+"/") && (m[2] != "0" || m[3] != "0") {
			t.Errorf("%s's package initialiser allocates %s bytes in %s allocations: build what it makes on first use", m[1], m[2], m[3])
		}
	}
	if seen == 0 {
		t.Fatalf("GODEBUG=inittrace=1 reported no initialiser:\n%s", stderr.String())
	}
}
