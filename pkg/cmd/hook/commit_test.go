package hook_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmd/root"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// TestMain lets this test binary be pm (see testenv.RunAs): the hook pm installs runs it.
func TestMain(m *testing.M) {
	testenv.RunAs("pm", root.Main)
	os.Exit(m.Run())
}

// TestHookStopsBadCommit installs the hook with pm hook install and commits through the real git
// CLI.
func TestHookStopsBadCommit(t *testing.T) {
	testenv.NeedGit(t)
	bin := filepath.Join(t.TempDir(), "pm")
	if err := testenv.LinkSelf(bin); err != nil {
		t.Fatal(err)
	}
	r := testrepo.New(t, "A", "a@example.com", "commit.gpgsign", "false")
	// PATH without pm: the hook falls back to the binary that installed it
	r.GitEnv = []string{"PATH=/usr/bin:/bin:/usr/local/bin"}
	install := exec.Command(bin, "hook", "install")
	install.Dir = r.Dir
	install.Env = append(os.Environ(), "HOME="+t.TempDir(), "GIT_CONFIG_NOSYSTEM=1")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("pm hook install: %v\n%s", err, out)
	}
	if hook, err := os.ReadFile(filepath.Join(r.Dir, ".git", "hooks", "pre-commit")); err != nil || !strings.Contains(string(hook), bin) {
		t.Fatalf("the hook does not name the pm that installed it (%s): %v\n%s", bin, err, hook)
	}
	example, err := os.ReadFile("../../../testdata/examples/2026-10-14-payment-api-timeouts.md")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(example), "## Timeline", "## Chronology", 1)
	r.Write("postmortems/pay.md", bad)
	r.Git("add", "postmortems/pay.md")
	out, err := r.TryGit("commit", "-qm", "add postmortem")
	if err == nil || !strings.Contains(out, "[required-section]") {
		t.Fatalf("commit of a bad postmortem: %v\n%s", err, out)
	}
	r.Write("postmortems/pay.md", string(example))
	r.Git("add", "postmortems/pay.md")
	if out, err := r.TryGit("commit", "-qm", "add postmortem"); err != nil || strings.Contains(out, "linted") {
		t.Fatalf("commit of the fixed postmortem (the hook says nothing when it passes): %v\n%s", err, out)
	}
	// git commit -a and git commit <path> commit a temporary index (GIT_INDEX_FILE), not
	// .git/index: the hook lints that one.
	r.Write("postmortems/pay.md", bad)
	for _, args := range [][]string{{"commit", "-qam", "break it"}, {"commit", "-qm", "break it", "postmortems/pay.md"}} {
		if out, err := r.TryGit(args...); err == nil || !strings.Contains(out, "[required-section]") {
			t.Errorf("git %v of a bad postmortem: %v\n%s", args, err, out)
		}
	}
	r.Write("postmortems/pay.md", string(example)+"\nEdited.\n")
	if out, err := r.TryGit("commit", "-qam", "edit it"); err != nil {
		t.Fatalf("git commit -a of a good edit: %v\n%s", err, out)
	}
	// PM_EXECUTABLE that names no program (a folder, set by hand) is passed over, not run
	env := r.GitEnv
	r.GitEnv = append(append([]string{}, env...), "PM_EXECUTABLE=/")
	r.Write("postmortems/pay.md", string(example)+"\nEdited twice.\n")
	if out, err := r.TryGit("commit", "-qam", "edit it again"); err != nil {
		t.Errorf("git commit with PM_EXECUTABLE=/: %v\n%s", err, out)
	}
	r.GitEnv = env
	// git merge commits through pre-merge-commit, not pre-commit: a branch bringing in a bad
	// postmortem is refused as a commit of it is
	r.Git("checkout", "-qb", "side")
	r.Write("postmortems/other.md", bad)
	r.Git("add", "postmortems/other.md")
	r.Git("commit", "-qm", "bad on a branch", "--no-verify")
	r.Git("checkout", "-q", "-")
	r.Write("README.md", "main moved on\n")
	r.Git("add", "README.md")
	r.Git("commit", "-qm", "main")
	if out, err := r.TryGit("merge", "--no-edit", "side"); err == nil || !strings.Contains(out, "[required-section]") {
		t.Errorf("git merge of a bad postmortem: %v\n%s", err, out)
	}
	r.Git("merge", "--abort")

	// The pm that installed the hook is gone and PATH has none: the commit is stopped, not let
	// through unchecked, with the way on; --no-verify commits.
	if err := os.Remove(bin); err != nil {
		t.Fatal(err)
	}
	r.Write("postmortems/pay.md", string(example)+"\nEdited again.\n")
	r.Git("add", "postmortems/pay.md")
	if out, err := r.TryGit("commit", "-qm", "no pm"); err == nil || !strings.Contains(out, "cannot be linted") ||
		!strings.Contains(out, "--no-verify") {
		t.Errorf("commit with no pm to lint it: %v\n%s", err, out)
	}
	if out, err := r.TryGit("commit", "-qm", "no pm", "--no-verify"); err != nil {
		t.Errorf("git commit --no-verify: %v\n%s", err, out)
	}
	// pm's own commit runs the hook with the pm making it (PM_EXECUTABLE), on PATH or not.
	other := filepath.Join(t.TempDir(), "pm")
	if err := testenv.LinkSelf(other); err != nil {
		t.Fatal(err)
	}
	status := exec.Command(other, "new", "--sev", "2", "--title", "Hook check")
	status.Dir = r.Dir
	status.Env = append(os.Environ(), "HOME="+t.TempDir(), "GIT_CONFIG_NOSYSTEM=1", "PATH=/usr/bin:/bin:/usr/local/bin",
		"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.com")
	if out, err := status.CombinedOutput(); err != nil || strings.Contains(string(out), "cannot be linted") {
		t.Errorf("pm new with the installing pm gone: %v\n%s", err, out)
	}
}
