package hook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// hooks returns the repository's pre-commit path with the hooks folder created.
func hooks(t *testing.T) (dir, hook string) {
	t.Helper()
	dir = testrepo.New(t, "A", "a@example.com").Dir
	hook = filepath.Join(dir, ".git", "hooks", "pre-commit")
	if err := os.MkdirAll(filepath.Dir(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, hook
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A second --force over another tool's hook must not overwrite the backup of the first: both hooks
// are the user's.
func TestForceNeverOverwritesBackup(t *testing.T) {
	dir, hook := hooks(t)
	hookA, hookB := "#!/bin/sh\necho HOOK_A\n", "#!/bin/sh\necho HOOK_B\n"
	os.WriteFile(hook, []byte(hookA), 0o755)
	if _, err := run(t, dir, true, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(hook, []byte(hookB), 0o755) // another tool replaced pm's hook
	_, err := run(t, dir, true, Options{Force: true})
	if cmdutil.ExitCode(err) != 2 || err.Error() != ".git/hooks/pre-commit.pm-backup already holds a hook pm replaced earlier, so .git/hooks/pre-commit cannot be kept there; move one of them elsewhere, then run pm hook install --force again" {
		t.Errorf("second --force: %v", err)
	}
	if read(t, hook) != hookB || read(t, hook+".pm-backup") != hookA {
		t.Fatal("a refused --force changed the hooks")
	}
	_, err = run(t, dir, false, Options{})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "still in .git/hooks/pre-commit.pm-backup") {
		t.Errorf("uninstall over another tool's hook: %v", err)
	}
	if read(t, hook) != hookB || read(t, hook+".pm-backup") != hookA {
		t.Fatal("a refused uninstall changed the hooks")
	}
}

// Only a hook that is exactly what pm writes is removed; one the user added to stays, and removing
// it by hand then running uninstall again puts back the hook pm had replaced.
func TestUninstallKeepsChangedHook(t *testing.T) {
	dir, hook := hooks(t)
	foreign := "#!/bin/sh\nmake check\n"
	os.WriteFile(hook, []byte(foreign), 0o755)
	if _, err := run(t, dir, true, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(hook, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("echo my-extra-check\n")
	f.Close()
	changed := read(t, hook)

	_, err := run(t, dir, false, Options{})
	if cmdutil.ExitCode(err) != 2 || err.Error() != ".git/hooks/pre-commit was changed since pm installed it; left as it is: remove it by hand, then run pm hook uninstall again to restore .git/hooks/pre-commit.pm-backup" {
		t.Errorf("uninstall of a changed hook: %v", err)
	}
	if read(t, hook) != changed || read(t, hook+".pm-backup") != foreign {
		t.Fatal("a refused uninstall changed the hooks")
	}
	if _, err := run(t, dir, true, Options{}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "was changed since pm installed it; replace it with --force") {
		t.Errorf("install over a changed hook: %v", err)
	}
	os.Remove(hook)
	if msg, err := run(t, dir, false, Options{}); err != nil || msg != "Restored the hook pm had replaced: .git/hooks/pre-commit\n" {
		t.Errorf("uninstall after removing the hook by hand: %q %v", msg, err)
	}
	if read(t, hook) != foreign {
		t.Error("the replaced hook was not restored")
	}
	if _, err := os.Lstat(hook + ".pm-backup"); !os.IsNotExist(err) {
		t.Error("backup still there after it was restored")
	}

	// Without a backup the refusal says only to remove it by hand.
	dir, hook = hooks(t)
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(hook, []byte(read(t, hook)+"echo my-extra-check\n"), 0o755)
	if _, err := run(t, dir, false, Options{}); cmdutil.ExitCode(err) != 2 || err.Error() != ".git/hooks/pre-commit was changed since pm installed it; left as it is (remove it by hand if you no longer want it)" {
		t.Errorf("uninstall of a changed hook: %v", err)
	}
}

// pm's hook differs only in the binary it falls back to: the one another pm (another path, one with a
// quote in it) wrote is pm's too; one with a line taken out or a look-alike path is not.
func TestHookWrittenByAnotherPm(t *testing.T) {
	for _, c := range []struct {
		name, text string
		ours       bool
	}{
		{"other path", Script("/usr/local/bin/pm"), true},
		{"quote in path", Script("/home/o'brien/go/bin/pm"), true},
		{"empty path", Script(""), true},
		{"line removed", strings.Replace(Script("/usr/bin/pm"), "    exit 1\n", "", 1), false},
		{"the hook of an earlier pm, which let a commit through without pm", scriptV2("/usr/bin/pm"), true},
		{"the first hook of all", scriptV1("/usr/bin/pm"), true},
		{"unquoted path", strings.Replace(Script("/usr/bin/pm"), "'/usr/bin/pm'", "/usr/bin/pm", 1), false},
		{"command in path", strings.Replace(Script("/usr/bin/pm"), "'/usr/bin/pm'", "'/usr/bin/pm'; rm -rf ~; ''", 1), false},
		{"marker only", "#!/bin/sh\n" + Marker + "\nmake check\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, hook := hooks(t)
			os.WriteFile(hook, []byte(c.text), 0o755)
			_, err := run(t, dir, false, Options{})
			_, statErr := os.Lstat(hook)
			if c.ours && (err != nil || !os.IsNotExist(statErr)) {
				t.Errorf("pm's hook not removed: %v", err)
			}
			if !c.ours && (cmdutil.ExitCode(err) != 2 || read(t, hook) != c.text) {
				t.Errorf("changed hook removed or wrong refusal: %v", err)
			}
		})
	}
}

// A symlinked hook is moved aside as the link and comes back as the same link, not a copy of its
// target; a dangling one is a hook too.
func TestSymlinkedHook(t *testing.T) {
	dir, hook := hooks(t)
	target := filepath.Join(t.TempDir(), "shared-hook")
	os.WriteFile(target, []byte("#!/bin/sh\necho shared\n"), 0o755)
	if err := os.Symlink(target, hook); err != nil {
		t.Skip(err)
	}
	if _, err := run(t, dir, true, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("install over a symlink without --force: %v", err)
	}
	if _, err := run(t, dir, true, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.Readlink(hook + ".pm-backup"); err != nil || got != target {
		t.Errorf("backup is not the symlink: %q %v", got, err)
	}
	if fi, err := os.Lstat(hook); err != nil || !fi.Mode().IsRegular() || !written([]byte(read(t, hook))) {
		t.Errorf("pm's hook not written in the link's place: %v", err)
	}
	if read(t, target) != "#!/bin/sh\necho shared\n" {
		t.Fatal("the link's target was written through")
	}
	if _, err := run(t, dir, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.Readlink(hook); err != nil || got != target {
		t.Errorf("restored hook is not the symlink: %q %v", got, err)
	}

	os.Remove(hook)
	os.Symlink(filepath.Join(t.TempDir(), "gone"), hook)
	if _, err := run(t, dir, true, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("install over a dangling symlink without --force: %v", err)
	}
	if _, err := os.Readlink(hook); err != nil {
		t.Errorf("dangling symlink replaced: %v", err)
	}
}
