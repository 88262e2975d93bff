package lint

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
)

// gitRepo makes a repository with the clean fixture committed as postmortems/a.md, using the git CLI
// to stage and commit as a user would.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not available")
	}
	dir := t.TempDir()
	if err := gitrepo.Init(dir, map[string]string{"user.name": "A", "user.email": "a@example.com", "commit.gpgsign": "false"}); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+home, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	os.WriteFile(filepath.Join(dir, "postmortems", "a.md"), readFixture(t, "clean.md"), 0o644)
	os.WriteFile(filepath.Join(dir, "postmortems", "b.md"), readFixture(t, "clean.md"), 0o644)
	git("add", ".")
	git("commit", "-qm", "base")
	return dir, git
}

func withOutage(t *testing.T) []byte {
	return []byte(strings.Replace(string(readFixture(t, "clean.md")), "### External Message\n\n", "### External Message\n\nSorry for the outage.\n\n", 1))
}

func TestLintStagedReadsTheIndex(t *testing.T) {
	dir, git := gitRepo(t)
	a := filepath.Join(dir, "postmortems", "a.md")
	os.WriteFile(a, withOutage(t), 0o644)
	git("add", "postmortems/a.md")
	// the work tree is fixed again, but the staged content still has the word
	os.WriteFile(a, readFixture(t, "clean.md"), 0o644)
	// an unstaged change to b.md is not linted
	os.WriteFile(filepath.Join(dir, "postmortems", "b.md"), withOutage(t), 0o644)
	out, errOut, code := run(t, dir, Options{Staged: true})
	if code != 1 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "postmortems/a.md:") || !strings.Contains(out, "[banned-word]") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "1 file linted") {
		t.Errorf("summary %q", errOut)
	}
	// from a subdirectory, paths are relative to it
	sub := filepath.Join(dir, "postmortems")
	f, o, _ := cmdutil.TestFactory(sub, now, nil)
	lintRun(&Options{F: f, Staged: true, Format: "text"})
	if !strings.HasPrefix(o.String(), "a.md:") {
		t.Errorf("from a subdirectory: %q", o)
	}
}

func TestLintStagedNothingStaged(t *testing.T) {
	dir, _ := gitRepo(t)
	out, errOut, code := run(t, dir, Options{Staged: true})
	if code != 0 || out != "" || !strings.Contains(errOut, "0 files linted") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

func TestLintChangedSince(t *testing.T) {
	dir, git := gitRepo(t)
	git("tag", "base")
	os.WriteFile(filepath.Join(dir, "postmortems", "b.md"), withOutage(t), 0o644)
	git("commit", "-qam", "b")
	os.WriteFile(filepath.Join(dir, "postmortems", "c.md"), withOutage(t), 0o644) // untracked: part of the change
	os.WriteFile(filepath.Join(dir, "notes.md"), withOutage(t), 0o644)            // outside the folder
	out, errOut, code := run(t, dir, Options{ChangedSince: "base"})
	if code != 1 || !strings.Contains(out, "postmortems/b.md:") || !strings.Contains(out, "postmortems/c.md:") ||
		strings.Contains(out, "a.md") || strings.Contains(out, "notes.md") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if _, errOut, code := run(t, dir, Options{ChangedSince: "no-such-ref"}); code != 2 || !strings.Contains(errOut, "no-such-ref") {
		t.Errorf("bad ref: exit %d, %q", code, errOut)
	}
	if _, _, code := run(t, dir, Options{ChangedSince: "HEAD", Staged: true}); code != 2 {
		t.Errorf("both flags: exit %d", code)
	}
}
