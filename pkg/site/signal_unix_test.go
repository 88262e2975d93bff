//go:build unix

package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
)

// The signal scenario runs in a child process (this test binary again), which the signal ends.
const scenarioEnv = "PM_SITE_SIGNAL_OUT"

func TestMain(m *testing.M) {
	if out := os.Getenv(scenarioEnv); out != "" {
		// a Japanese build over the English site in out, signalled once its move has begun; each
		// file moved then takes a moment, so that a move the signal could stop would be stopped
		var once sync.Once
		afterMove = func(string) {
			once.Do(func() { syscall.Kill(os.Getpid(), syscall.SIGTERM) })
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := Build(out, fixture(childTB{}), fixtureOptions(i18n.JA)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		time.Sleep(2 * time.Second) // the signal ends the process meanwhile
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// childTB is the testing.TB of the child, which has no test running: a failure ends it.
type childTB struct{ testing.TB }

func (childTB) Helper() {}

func (childTB) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(3)
}

// A whole build stopped by a signal as it moves the new site into the folder of the previous one
// finishes the move first: the site is the new one throughout, with its cache, never a mix of the two.
func TestSignalDuringTheMoveLeavesAWholeSite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	if _, err := Build(out, fixture(t), fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), scenarioEnv+"="+out)
	output, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the child exited 0 (or did not run: %v), as if no signal had come\n%s", err, output)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Fatalf("the child ended with %v, not of SIGTERM\n%s", err, output)
	}
	var english, japanese int
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			data, _ := os.ReadFile(p)
			switch {
			case strings.Contains(string(data), `<html lang="ja"`):
				japanese++
			case strings.Contains(string(data), `<html lang="en"`):
				english++
			}
		}
		return nil
	})
	if english > 0 || japanese == 0 {
		t.Errorf("%d English pages and %d Japanese ones: the site is a mix", english, japanese)
	}
	if _, err := os.Stat(filepath.Join(out, CacheDir, manifestFile)); err != nil {
		t.Errorf("the new site has no manifest: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, CacheDir, oldManifestFile)); err == nil {
		t.Error("the old manifest was left aside")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("beside the site: %v", entries)
	}
}
