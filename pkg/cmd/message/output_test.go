//go:build unix

package message

import (
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// --output writes the way a shell redirection would: a named pipe, a device or a link's target in
// place of the path, a regular file replaced whole.

func lmode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// expected is the message pm prints on stdout, which --output must write.
func expected(t *testing.T, dir string) string {
	t.Helper()
	out, errOut, code := run(t, dir, "internal", payment)
	if code != 0 || out == "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	return out
}

func TestOutputNamedPipeAndDevice(t *testing.T) {
	dir := setup(t, settings)
	want := expected(t, dir)
	fifo := filepath.Join(t.TempDir(), "summary.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, errOut, code := run(t, dir, "internal", payment, "--output", fifo); code != 0 {
			t.Errorf("exit %d: %s", code, errOut)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("pm message --output FIFO did not return")
	}
	if s := <-got; s != want {
		t.Errorf("the reader got %q, want %q", s, want)
	}
	if m := lmode(t, fifo); m&fs.ModeNamedPipe == 0 {
		t.Errorf("the named pipe became %v", m)
	}

	// Only /dev/null's type is checked: it must still be a character device. Where /dev/null is
	// something else, this part leaves it alone rather than risk the system's file.
	if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		testenv.Unsupported(t, "/dev/null is no character device here:", err)
	}
	if _, errOut, code := run(t, dir, "internal", payment, "--output", "/dev/null"); code != 0 {
		t.Errorf("--output /dev/null: exit %d: %s", code, errOut)
	}
	if m := lmode(t, "/dev/null"); m&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v", m)
	}
}

func TestOutputLinksAndRegularFiles(t *testing.T) {
	dir := setup(t, settings)
	want := expected(t, dir)
	out := t.TempDir()
	real := filepath.Join(out, "mail", "summary.txt")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old"), 0o600)
	os.Symlink("mail/summary.txt", filepath.Join(out, "link.txt"))
	os.Symlink("link.txt", filepath.Join(out, "chain.txt"))
	os.Symlink("mail/new.txt", filepath.Join(out, "dangling.txt"))
	for _, c := range []struct{ name, target string }{
		{"mail/summary.txt", "mail/summary.txt"},
		{"link.txt", "mail/summary.txt"},
		{"chain.txt", "mail/summary.txt"},
		{"dangling.txt", "mail/new.txt"},
	} {
		os.WriteFile(real, []byte("old"), 0o600)
		path := filepath.Join(out, c.name)
		if _, errOut, code := run(t, dir, "internal", payment, "--output", path); code != 0 || errOut != "Wrote "+path+"\n" {
			t.Errorf("%s: exit %d: %q", c.name, code, errOut)
		}
		if b, _ := os.ReadFile(filepath.Join(out, c.target)); string(b) != want {
			t.Errorf("%s: %s holds %q", c.name, c.target, b)
		}
		if c.name != c.target && lmode(t, path)&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", c.name)
		}
	}
	if m := lmode(t, real); m != 0o600 {
		t.Errorf("replaced file is %v, want -rw------- as it was", m)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "mail", ".pm-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestOutputRefused(t *testing.T) {
	dir := setup(t, settings)
	out := t.TempDir()
	os.Mkdir(filepath.Join(out, "folder"), 0o755)
	os.Symlink("folder", filepath.Join(out, "folder-link"))
	cases := []struct{ name, msg string }{
		{"folder", "pm: write folder: is a folder\n"},
		{"folder-link", "pm: write folder-link: is a folder\n"},
		{"no/such/summary.txt", "pm: write no/such/summary.txt: folder no/such does not exist\n"},
	}
	if os.Geteuid() != 0 { // root writes into read-only folders; pkg/e2e runs this case as nobody
		os.Mkdir(filepath.Join(out, "ro"), 0o555)
		defer os.Chmod(filepath.Join(out, "ro"), 0o755)
		cases = append(cases, struct{ name, msg string }{"ro/summary.txt", "pm: write ro/summary.txt: permission denied\n"})
	}
	for _, c := range cases {
		// The path as the user typed it, relative to the work dir.
		stdout, errOut, code := run(t, out, "internal", "--output", c.name, filepath.Join(dir, "postmortems", payment+".md"))
		if code != 2 || stdout != "" || errOut != c.msg {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", c.name, code, stdout, errOut, c.msg)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(out, "folder")); len(entries) != 0 {
		t.Errorf("the folder holds %d entries", len(entries))
	}

	// A refused message leaves the output file as it was.
	prev := filepath.Join(out, "external.txt")
	os.WriteFile(prev, []byte("previous"), 0o644)
	if _, errOut, code := run(t, dir, "external", checkout, "--output", prev); code != 1 || !strings.Contains(errOut, "banned-word") {
		t.Errorf("external with a banned word: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(prev); string(b) != "previous" {
		t.Errorf("a refused message changed the output file: %q", b)
	}
	if m, _ := filepath.Glob(filepath.Join(out, ".pm-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}
