//go:build unix

package meeting

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// --ics writes the way a shell redirection would: a named pipe, a device or a link's target in
// place of the path, a regular file replaced whole; a path pm cannot write stops it before it commits.

// within fails the test when f does not return in a while: pm blocked on a named pipe.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not return", what)
	}
}

func lmode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// committedNothing checks with git that HEAD is head and the postmortem is as committed.
func committedNothing(t *testing.T, what string, r *testrepo.Repo, head string) {
	t.Helper()
	if got := r.Git("rev-parse", "HEAD"); got != head {
		t.Errorf("%s: HEAD moved from %s to %s", what, head, got)
	}
	if s := r.Git("status", "--porcelain", "--", checkoutRel); s != "" {
		t.Errorf("%s: git status shows the postmortem: %s", what, s)
	}
	if got, _ := os.ReadFile(filepath.Join(r.Dir, checkoutRel)); !bytes.Equal(got, fixture(t, "checkout-latency.md")) {
		t.Errorf("%s: the postmortem changed", what)
	}
}

// noTempFiles fails when pm left a temporary file in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	if m, _ := filepath.Glob(filepath.Join(dir, ".pm-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestMeetingICSNamedPipe(t *testing.T) {
	r := checkoutRepo(t, configJP)
	fifo := filepath.Join(t.TempDir(), "invite.ics")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	var out, errOut string
	var err error
	within(t, "pm meeting --ics FIFO", func() {
		out, errOut, err = run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: fifo})
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	parseICS(t, <-got)
	if m := lmode(t, fifo); m&fs.ModeNamedPipe == 0 {
		t.Errorf("the named pipe became %v", m)
	}
	if out != fifo+"\n" || r.CommitCount() != 2 {
		t.Errorf("stdout %q, %d commits", out, r.CommitCount())
	}
}

// TestMeetingICSDevNull: run as root, --ics /dev/null once replaced the system's /dev/null with a
// regular file. Only its type is checked: it must still be a character device. Where /dev/null is
// something else, the test leaves it alone rather than risk the system's file.
func TestMeetingICSDevNull(t *testing.T) {
	if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		testenv.Unsupported(t, "/dev/null is no character device here:", err)
	}
	r := checkoutRepo(t, configJP)
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: "/dev/null"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if m := lmode(t, "/dev/null"); m&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v", m)
	}
	if r.CommitCount() != 2 {
		t.Error("not committed")
	}
}

func TestMeetingICSSymlinks(t *testing.T) {
	r := checkoutRepo(t, configJP)
	dir := t.TempDir()
	real := filepath.Join(dir, "calendar", "invite.ics")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old"), 0o600)
	os.Symlink("calendar/invite.ics", filepath.Join(dir, "link.ics"))
	os.Symlink("link.ics", filepath.Join(dir, "chain1.ics"))
	os.Symlink("chain1.ics", filepath.Join(dir, "chain2.ics"))
	os.Symlink("calendar/new.ics", filepath.Join(dir, "dangling.ics"))
	for _, c := range []struct{ link, target string }{
		{"link.ics", "calendar/invite.ics"},
		{"chain2.ics", "calendar/invite.ics"},
		{"dangling.ics", "calendar/new.ics"},
	} {
		os.WriteFile(real, []byte("old"), 0o600)
		ics := filepath.Join(dir, c.link)
		if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: ics}); err != nil {
			t.Fatalf("%s: %v\n%s", c.link, err, errOut)
		}
		if lmode(t, ics)&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", c.link)
		}
		data, err := os.ReadFile(filepath.Join(dir, c.target))
		if err != nil {
			t.Fatal(err)
		}
		parseICS(t, data)
	}
	if m := lmode(t, real); m != 0o600 {
		t.Errorf("the link's target is %v, want the regular file it was, -rw-------", m)
	}
	noTempFiles(t, filepath.Join(dir, "calendar"))
}

func TestMeetingICSKeepsPermissions(t *testing.T) {
	r := checkoutRepo(t, configJP)
	ics := filepath.Join(t.TempDir(), "invite.ics")
	os.WriteFile(ics, []byte("old"), 0o640)
	if _, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: ics}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if m := lmode(t, ics); m != 0o640 {
		t.Errorf("invitation is %v, want -rw-r----- as it was", m)
	}
	data, _ := os.ReadFile(ics)
	parseICS(t, data)
}

// TestMeetingICSRefusedBeforeCommit: a path pm cannot write is an input error (exit 2) naming it, and
// nothing is committed or left behind.
func TestMeetingICSRefusedBeforeCommit(t *testing.T) {
	r := checkoutRepo(t, configJP)
	head := r.Git("rev-parse", "HEAD")
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	os.Symlink("folder", filepath.Join(dir, "folder-link"))
	os.WriteFile(filepath.Join(dir, "file"), []byte("f"), 0o644)
	os.Symlink("gone/x.ics", filepath.Join(dir, "dangling-into-nothing.ics"))
	cases := []struct{ ics, msg string }{
		{"folder", "--ics: " + dir + "/folder is a folder"},
		{"folder-link", "--ics: " + dir + "/folder-link is a folder"},
		{"no/such/x.ics", "--ics: folder " + dir + "/no/such does not exist"},
		{"file/x.ics", "--ics: " + dir + "/file is not a folder"},
		{"dangling-into-nothing.ics", "--ics: folder " + dir + "/gone does not exist"},
	}
	if os.Geteuid() != 0 { // root writes into read-only folders; pkg/e2e runs this case as nobody
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		cases = append(cases, struct{ ics, msg string }{"ro/x.ics", "--ics: write " + dir + "/ro/x.ics: permission denied"})
	}
	for _, c := range cases {
		ics := filepath.Join(dir, c.ics)
		out, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: ics})
		if cmdutil.ExitCode(err) != 2 || err == nil || err.Error() != c.msg {
			t.Errorf("%s: exit %d, %v; want 2, %q", c.ics, cmdutil.ExitCode(err), err, c.msg)
		}
		if out != "" || errOut != "" {
			t.Errorf("%s: printed %q %q besides the error", c.ics, out, errOut)
		}
		committedNothing(t, c.ics, r, head)
	}
	noTempFiles(t, dir)
	noTempFiles(t, filepath.Join(dir, "folder"))
	if entries, _ := os.ReadDir(filepath.Join(dir, "folder")); len(entries) != 0 {
		t.Errorf("the folder holds %d entries", len(entries))
	}

	// In the user's language when pm knows the case.
	r.Write(".pm.yaml", configJP+"language: ja\n")
	_, _, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: filepath.Join(dir, "no/such/x.ics")})
	if err == nil || err.Error() != "--ics: フォルダー "+dir+"/no/such がありません" {
		t.Errorf("in Japanese: %v", err)
	}
}

// TestMeetingICSFailedCommit: a commit that fails after the invitation's file was prepared leaves no
// invitation and no temporary file.
func TestMeetingICSFailedCommit(t *testing.T) {
	r := checkoutRepo(t, configJP)
	head := r.Git("rev-parse", "HEAD")
	r.Git("checkout", "-q", "--detach") // pm refuses to commit on a detached HEAD
	dir := t.TempDir()
	ics := filepath.Join(dir, "invite.ics")
	if _, _, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: ics}); err == nil {
		t.Fatal("committed on a detached HEAD")
	}
	if got := r.Git("rev-parse", "HEAD"); got != head {
		t.Errorf("HEAD moved")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the invitation's folder holds %d entries after a failed commit", len(entries))
	}
	// the default place, <git dir>/pm, is not left behind either
	if _, _, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00"}); err == nil {
		t.Fatal("committed on a detached HEAD")
	}
	if _, err := os.Lstat(filepath.Join(r.Dir, ".git", "pm")); err == nil {
		t.Error(".git/pm left behind by a refused pm meeting")
	}
}

// TestMeetingICSUserSpelling: messages and stdout name --ics as given, and a relative path goes
// through links as the system resolves it (link/.. is the folder above the link's target).
func TestMeetingICSUserSpelling(t *testing.T) {
	r := checkoutRepo(t, configJP)
	os.MkdirAll(filepath.Join(r.Dir, "out", "deep"), 0o755)
	if err := os.Symlink("out/deep", filepath.Join(r.Dir, "to-deep")); err != nil {
		testenv.Skip(t, err)
	}
	out, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00", ICS: "to-deep/../invite.ics"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if out != "to-deep/../invite.ics\n" || !strings.Contains(errOut, "to-deep/../invite.ics") {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "out", "invite.ics")); err != nil {
		t.Errorf("out/invite.ics: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(r.Dir, "invite.ics")); err == nil {
		t.Error("the path was cleaned: invite.ics was written in the work dir")
	}
}

// The default place for the invitation, <git dir>/pm, that cannot be made (a file in its place) is
// an error before anything is committed, not a file in the work tree instead.
func TestMeetingICSFolderUnmakeable(t *testing.T) {
	r := checkoutRepo(t, configJP)
	head := r.Git("rev-parse", "HEAD")
	if err := os.WriteFile(filepath.Join(r.Dir, ".git", "pm"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00"})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "cannot make the invitation's folder .git/pm") {
		t.Fatalf("exit %d: %v\n%s", cmdutil.ExitCode(err), err, errOut)
	}
	if r.Git("rev-parse", "HEAD") != head {
		t.Error("committed")
	}
	if st := r.Git("status", "--porcelain"); st != "" {
		t.Errorf("work tree changed: %q", st)
	}
}

// A repository pm cannot open (its .git/config does not parse) is said as every command says it,
// not blamed on --ics: the folder for the invitation was never the problem.
func TestMeetingUnreadableConfigIsNoFolderError(t *testing.T) {
	r := checkoutRepo(t, configJP)
	f, err := os.OpenFile(filepath.Join(r.Dir, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("[core\n\tfoo = bar\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := run(t, r.Dir, r.Env, Options{At: "2026-11-26 10:00"})
	if cmdutil.ExitCode(err) != 2 || !strings.HasPrefix(err.Error(), "git config ") ||
		!strings.HasSuffix(err.Error(), ": bad section header; fix the file") || strings.Contains(err.Error(), "--ics") {
		t.Fatalf("exit %d: %v\n%s", cmdutil.ExitCode(err), err, errOut)
	}
	if _, err := os.Lstat(filepath.Join(r.Dir, ".git", "pm")); err == nil {
		t.Error(".git/pm made")
	}
}
