package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pm-tools/pm/pkg/cmd/root"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	_ "time/tzdata" // as in cmd/pm
)

var pmBin string

func TestMain(m *testing.M) {
	// The test binary is pm too, under that name: no second build and link.
	testenv.RunAs("pm", root.Main)
	if !testenv.HaveGit() {
		if testenv.CI() {
			fmt.Println("e2e: git CLI not available, and under CI=true that fails")
			os.Exit(1)
		}
		fmt.Println("e2e: git CLI not available; skipped")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "pm-e2e-bin")
	if err != nil {
		panic(err)
	}
	pmBin = filepath.Join(dir, "pm")
	if err := testenv.LinkSelf(pmBin); err != nil {
		fmt.Printf("e2e: make pm: %v\n", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// env is a private git environment: no user config, a fixed identity in the repository.
func env(t *testing.T) []string {
	home := t.TempDir()
	return []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "GIT_CONFIG_NOSYSTEM=1", "PATH=" + os.Getenv("PATH"),
		"PM_NOW=2026-11-24T10:00:00Z"}
}

type repo struct {
	t    *testing.T
	dir  string
	env  []string
	attr *syscall.SysProcAttr // for pm runs through cmdTimed; nil: as the test
}

func newRepo(t *testing.T) *repo {
	r := &repo{t: t, dir: t.TempDir(), env: env(t)}
	r.git("init", "-q", "-b", "main")
	// What git config user.name, user.email and commit.gpgsign would write, without three more
	// git processes for every test repository.
	appendConfig(t, filepath.Join(r.dir, ".git", "config"), "[user]\n\tname = E2E Tester\n\temail = e2e@example.com\n[commit]\n\tgpgsign = false\n")
	return r
}

// appendConfig adds sections to a git configuration file.
func appendConfig(t *testing.T, file, sections string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(sections); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func (r *repo) run(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	out, err := r.run("git", args...)
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(out)
}

func (r *repo) pm(args ...string) (string, int) {
	out, err := r.run(pmBin, args...)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	return out, code
}

// clean asserts git fsck --strict passes and pm's files show no change in git status.
func (r *repo) clean(paths ...string) {
	r.t.Helper()
	if out, err := r.run("git", "fsck", "--strict"); err != nil {
		r.t.Errorf("git fsck --strict: %v\n%s", err, out)
	}
	for _, p := range paths {
		if s := r.git("status", "--porcelain", "--", p); s != "" {
			r.t.Errorf("git status shows %s: %s", p, s)
		}
	}
}
