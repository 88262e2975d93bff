//go:build unix

package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// mkfifo makes a named pipe, skipping the test where that is not possible.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
}

// runWithin is run failing the test when lint blocks, as it would on opening a named pipe.
func runWithin(t *testing.T, dir string, o Options) (out, errOut string, code int) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); out, errOut, code = run(t, dir, o) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("pm lint blocked: a named pipe was opened")
	}
	return
}

func TestLintSkipsNonRegularInFolders(t *testing.T) {
	dir := setup(t)
	pmDir := filepath.Join(dir, "postmortems")
	mkfifo(t, filepath.Join(pmDir, "x.md"))
	os.Symlink("x.md", filepath.Join(pmDir, "y.md"))
	testenv.SocketLink(t, filepath.Join(pmDir, "z.md"))
	for _, o := range []Options{{}, {Paths: []string{"postmortems"}}} {
		out, errOut, code := runWithin(t, dir, o)
		if code != 1 || !strings.Contains(out, "bad.md") {
			t.Errorf("%v: exit %d, out %q", o.Paths, code, out)
		}
		for _, want := range []string{
			"pm: skipped postmortems/x.md: not a regular file (a named pipe)\n",
			"pm: skipped postmortems/y.md: not a regular file (a symbolic link to a named pipe)\n",
			"pm: skipped postmortems/z.md: not a regular file (a symbolic link to a socket)\n",
			"2 files linted",
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", o.Paths, want, errOut)
			}
		}
	}
}

// The same warnings in Japanese: the kind of file found in Japanese words, no English left.
func TestLintSkipsNonRegularInJapanese(t *testing.T) {
	dir := setup(t)
	pmDir := filepath.Join(dir, "postmortems")
	mkfifo(t, filepath.Join(pmDir, "x.md"))
	os.Symlink("x.md", filepath.Join(pmDir, "y.md"))
	outside := filepath.Join(t.TempDir(), "w.md")
	os.WriteFile(outside, []byte("# x\n"), 0o644)
	os.Symlink(outside, filepath.Join(pmDir, "w.md"))
	_, errOut, code := runLang(t, dir, "ja", Options{})
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{
		"pm: postmortems/x.md をスキップしました: 通常のファイルではありません (名前付きパイプ)\n",
		"pm: postmortems/y.md をスキップしました: 通常のファイルではありません (名前付きパイプへのシンボリックリンク)\n",
		"pm: postmortems/w.md をスキップしました: パスがシンボリックリンクでリポジトリの外を指しています。pm はそれを読みません\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "skipped") || strings.Contains(errOut, "regular") {
		t.Errorf("English in Japanese:\n%s", errOut)
	}
}

func TestLintNamedNonRegularIsUnreadable(t *testing.T) {
	dir := setup(t)
	mkfifo(t, filepath.Join(dir, "postmortems", "x.md"))
	_, errOut, code := runWithin(t, dir, Options{Paths: []string{"postmortems/x.md", "postmortems/clean.md"}})
	if code != 2 || !strings.Contains(errOut, "pm: read postmortems/x.md: not a regular file (a named pipe)\n") ||
		!strings.Contains(errOut, "2 files linted") || !strings.Contains(errOut, "1 file") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestLintChangedSinceSkipsNonRegular(t *testing.T) {
	dir := gitRepo(t).Dir
	pmDir := filepath.Join(dir, "postmortems")
	mkfifo(t, filepath.Join(pmDir, "x.md"))
	os.Symlink("x.md", filepath.Join(pmDir, "y.md"))
	os.WriteFile(filepath.Join(pmDir, "b.md"), withOutage(t), 0o644)
	out, errOut, code := runWithin(t, dir, Options{ChangedSince: "HEAD"})
	// git does not see the pipe itself; the untracked link to it is left out with a warning.
	if code != 1 || !strings.HasPrefix(out, "postmortems/b.md:") || strings.Contains(errOut, "x.md") ||
		!strings.Contains(errOut, "pm: skipped postmortems/y.md: not a regular file") || !strings.Contains(errOut, "1 file linted") {
		t.Errorf("exit %d, out %q, stderr %q", code, out, errOut)
	}
	out, errOut, code = runWithin(t, dir, Options{Staged: true})
	if code != 0 || out != "" || !strings.Contains(errOut, "0 files linted") {
		t.Errorf("--staged: exit %d, out %q, stderr %q", code, out, errOut)
	}
}

// A file name with a line break (possible on Unix, and in a pull request) gives one line per finding:
// escaped in the text format, so that its second half cannot pass for a finding of its own, and
// encoded in GitHub's annotations, which then name the file as it is.
func TestLintPathWithALineBreak(t *testing.T) {
	dir := setup(t)
	bad, err := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "postmortems", "bad.md"))
	if err := os.WriteFile(filepath.Join(dir, "postmortems", "new\nline.md"), bad, 0o644); err != nil {
		testenv.Skipf(t, "a file name with a line break: %v", err)
	}
	out, errOut, code := run(t, dir, Options{})
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("findings:\n%s", out)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, `postmortems/new\nline.md:`) {
			t.Errorf("a finding's line does not start with the escaped path: %q", l)
		}
	}
	out, _, _ = run(t, dir, Options{Format: "github"})
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.Contains(l, " file=postmortems/new%0Aline.md,") {
			t.Errorf("an annotation does not name the file: %q", l)
		}
	}
}

// TestFolderOf: a walk that fails inside the folder named names the folder it failed in.
func TestFolderOf(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "postmortems")
	denied := &fs.PathError{Op: "open", Path: filepath.Join(abs, "sub", "deeper"), Err: fs.ErrPermission}
	for _, c := range []struct {
		arg  string
		err  error
		want string
	}{
		{"postmortems", denied, filepath.Join("postmortems", "sub", "deeper")},
		{"./postmortems/", denied, filepath.Join("postmortems", "sub", "deeper")},
		{"postmortems", &fs.PathError{Op: "open", Path: abs, Err: fs.ErrPermission}, "postmortems"},
		{"postmortems", &fs.PathError{Op: "open", Path: filepath.Dir(abs), Err: fs.ErrPermission}, "postmortems"},
		{"postmortems", fs.ErrPermission, "postmortems"},
	} {
		if got := folderOf(c.arg, abs, c.err); got != c.want {
			t.Errorf("folderOf(%q, %v) = %q, want %q", c.arg, c.err, got, c.want)
		}
	}
}

// A staged symbolic link named *.md is what git stores of it, the path it leads to: not a document.
// pm lint --staged (the pre-commit hook) says it left it out and lints the rest, so that committing
// a link to a good postmortem is not refused for "no front matter".
func TestLintStagedLink(t *testing.T) {
	r := gitRepo(t)
	if err := os.Symlink("a.md", filepath.Join(r.Dir, "postmortems", "latest.md")); err != nil {
		testenv.Skipf(t, "no symbolic links: %v", err)
	}
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "b.md"), withOutage(t), 0o644)
	r.Git("add", "postmortems")
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	if code != 1 || strings.Contains(out, "latest.md") || !strings.Contains(out, "postmortems/b.md:") ||
		!strings.Contains(errOut, "pm: skipped postmortems/latest.md: a symbolic link (git stores the path it leads to): the file there is linted on its own when it is a postmortem staged or changed\n") ||
		!strings.Contains(errOut, "1 file linted") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

// A named pipe where the work tree's .pm.yaml was (its staged version kept) is never opened: pm lint
// --staged, the pre-commit hook, lints with the staged settings and returns, where reading the pipe
// would hold git commit until a writer came.
func TestLintStagedSettingsBesideANamedPipe(t *testing.T) {
	r := gitRepo(t)
	r.Write(".pm.yaml", "lint:\n  rules: {}\n")
	r.Write("postmortems/a.md", string(withOutage(t)))
	r.Git("add", "-A")
	os.Remove(filepath.Join(r.Dir, ".pm.yaml"))
	mkfifo(t, filepath.Join(r.Dir, ".pm.yaml"))
	out, errOut, code := runWithin(t, r.Dir, Options{Staged: true})
	if code != 1 || !strings.Contains(out, "[banned-word]") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}
