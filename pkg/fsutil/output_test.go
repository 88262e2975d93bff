//go:build unix

package fsutil

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// writeOutput prepares path (named name in errors) and writes data to it.
func writeOutput(path, name string, data []byte) error {
	o, err := PrepareOutput(path, name)
	if err != nil {
		return err
	}
	return o.Write(data)
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

func content(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemp fails when an error names pm's temporary file instead of the path the user gave.
func noTemp(t *testing.T, err error, name string) {
	t.Helper()
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Contains(err.Error(), ".pm-") || !strings.Contains(err.Error(), name) {
		t.Errorf("error %q: want it to name %q and not the temporary file", err, name)
	}
}

func TestOutputRegularFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "invite.ics")

	// Missing: created.
	if err := writeOutput(p, "invite.ics", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if got := content(t, p); got != "one" {
		t.Errorf("new file holds %q", got)
	}

	// Existing: replaced (a new inode), with its permission bits kept.
	for _, perm := range []fs.FileMode{0o600, 0o755, 0o640} {
		os.Chmod(p, perm)
		before, _ := os.Stat(p)
		if err := writeOutput(p, "invite.ics", []byte("two")); err != nil {
			t.Fatal(err)
		}
		after, _ := os.Stat(p)
		if got := content(t, p); got != "two" {
			t.Errorf("replaced file holds %q", got)
		}
		if after.Mode().Perm() != perm {
			t.Errorf("mode %v after replacing a %v file", after.Mode().Perm(), perm)
		}
		if os.SameFile(before, after) {
			t.Error("the file was written in place, not replaced")
		}
	}
	assertOnly(t, dir, "invite.ics")
}

func TestOutputNewFileFollowsUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	p := filepath.Join(t.TempDir(), "new.eml")
	if err := writeOutput(p, "new.eml", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, p).Perm(); m != 0o640 {
		t.Errorf("new file mode %v with umask 027, want -rw-r----- as > would make it", m)
	}
}

func TestOutputKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		testenv.Unsupported(t, "only root can give a file to someone else")
	}
	p := filepath.Join(t.TempDir(), "theirs.ics")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := os.Chown(p, 65534, 65534); err != nil {
		testenv.Skip(t, err)
	}
	if err := writeOutput(p, "theirs.ics", []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
		t.Errorf("owner %d:%d after root replaced the file, want 65534:65534", st.Uid, st.Gid)
	}
}

func TestOutputAbortLeavesEverything(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ics")
	os.WriteFile(p, []byte("old"), 0o644)
	o, err := PrepareOutput(p, "a.ics")
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("PrepareOutput made %d entries, want the file and its temporary file", len(entries))
	}
	o.Abort()
	o.Abort()
	if got := content(t, p); got != "old" {
		t.Errorf("abort left %q", got)
	}
	assertOnly(t, dir, "a.ics")
	if err := o.Write([]byte("late")); err == nil {
		t.Error("Write after Abort succeeded")
	}
	if got := content(t, p); got != "old" {
		t.Errorf("write after abort left %q", got)
	}
}

// TestOutputFailedRenameKeepsOld: the target turns into a folder between PrepareOutput and Write; the
// rename fails, the error names the user's path, and no temporary file stays.
func TestOutputFailedRenameKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ics")
	o, err := PrepareOutput(p, "a.ics")
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(p, 0o755)
	os.WriteFile(filepath.Join(p, "keep"), []byte("k"), 0o644)
	noTemp(t, o.Write([]byte("new")), "a.ics")
	assertOnly(t, dir, "a.ics")
	if got := content(t, filepath.Join(p, "keep")); got != "k" {
		t.Errorf("folder's file holds %q", got)
	}
}

func TestOutputSymlinks(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "real", "target.ics"), []byte("old"), 0o600)
	os.Symlink("real/target.ics", filepath.Join(dir, "link.ics"))
	os.Symlink("link.ics", filepath.Join(dir, "chain1.ics"))
	os.Symlink(filepath.Join(dir, "chain1.ics"), filepath.Join(dir, "chain2.ics")) // absolute
	// alias is a link to a folder; alias/.. is real (the folder above real/sub), not dir as a
	// lexical clean of the path would have it.
	os.Symlink("real/sub", filepath.Join(dir, "alias"))
	os.Symlink("alias/../dotdot.ics", filepath.Join(dir, "dotdot-link.ics"))
	os.Symlink("real/new.ics", filepath.Join(dir, "dangling.ics"))
	os.Symlink("nowhere/new.ics", filepath.Join(dir, "dangling-folder.ics"))
	os.Symlink("loop2.ics", filepath.Join(dir, "loop1.ics"))
	os.Symlink("loop1.ics", filepath.Join(dir, "loop2.ics"))
	os.Symlink("real", filepath.Join(dir, "folder-link"))

	for _, c := range []struct{ link, target string }{
		{"link.ics", "real/target.ics"},
		{"chain2.ics", "real/target.ics"},
		{"dotdot-link.ics", "real/dotdot.ics"},
		{"dangling.ics", "real/new.ics"},
	} {
		data := "through " + c.link
		if err := writeOutput(filepath.Join(dir, c.link), c.link, []byte(data)); err != nil {
			t.Errorf("%s: %v", c.link, err)
			continue
		}
		if mode(t, filepath.Join(dir, c.link))&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", c.link)
		}
		if got := content(t, filepath.Join(dir, c.target)); got != data {
			t.Errorf("%s: %s holds %q", c.link, c.target, got)
		}
	}
	if m := mode(t, filepath.Join(dir, "real", "target.ics")).Perm(); m != 0o600 {
		t.Errorf("link target's mode %v, want its own 0600", m)
	}
	if _, err := os.Lstat(filepath.Join(dir, "dotdot.ics")); err == nil {
		t.Error("alias/.. was cleaned lexically: dir/dotdot.ics was written")
	}
	assertOnly(t, filepath.Join(dir, "real"), "sub", "target.ics", "dotdot.ics", "new.ics")

	err := writeOutput(filepath.Join(dir, "dangling-folder.ics"), "dangling-folder.ics", []byte("x"))
	var fe *FolderError
	if !errors.As(err, &fe) || !errors.Is(err, fs.ErrNotExist) || !strings.HasSuffix(fe.Dir, "nowhere") {
		t.Errorf("dangling link into a missing folder: %v", err)
	}
	noTemp(t, err, "dangling-folder.ics")
	err = writeOutput(filepath.Join(dir, "loop1.ics"), "loop1.ics", []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("link loop: %v", err)
	}
	noTemp(t, err, "loop1.ics")
	err = writeOutput(filepath.Join(dir, "folder-link"), "folder-link", []byte("x"))
	if !errors.Is(err, ErrIsFolder) {
		t.Errorf("link to a folder: %v", err)
	}
	noTemp(t, err, "folder-link")
}

func TestOutputRefusals(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "file"), []byte("f"), 0o644)
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	cases := []struct {
		name string
		is   error
		want string
	}{
		{"folder", ErrIsFolder, "write folder: is a folder"},
		{"folder/", ErrIsFolder, "write folder/: is a folder"},
		{"missing/x.ics", fs.ErrNotExist, "write missing/x.ics: folder missing does not exist"},
		{"no/such/x.ics", fs.ErrNotExist, "write no/such/x.ics: folder no/such does not exist"},
		{"file/x.ics", syscall.ENOTDIR, "write file/x.ics: file is not a folder"},
	}
	for _, c := range cases {
		err := writeOutput(filepath.Join(dir, c.name), c.name, []byte("x"))
		if !errors.Is(err, c.is) || err.Error() != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	assertOnly(t, dir, "file", "folder")
	assertOnly(t, filepath.Join(dir, "folder"))
}

func TestOutputReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		testenv.Unsupported(t, "root writes into read-only folders (pkg/e2e runs this case as nobody)")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	os.WriteFile(filepath.Join(ro, "a.ics"), []byte("old"), 0o644)
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	for _, name := range []string{"ro/a.ics", "ro/new.ics"} {
		_, err := PrepareOutput(filepath.Join(dir, name), name)
		if !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%s: %v, want permission denied", name, err)
		}
		noTemp(t, err, name)
	}
	assertOnly(t, ro, "a.ics")
}

// A file its user made read-only is refused, as > refuses it, though its folder would let pm replace
// it: it is left as it was, with no temporary file beside it.
func TestOutputReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		testenv.Unsupported(t, "root writes into read-only files (pkg/e2e runs this case as nobody)")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ics")
	os.WriteFile(p, []byte("kept"), 0o444)
	_, err := PrepareOutput(p, "a.ics")
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("read-only file: %v, want permission denied", err)
	}
	noTemp(t, err, "a.ics")
	if got := content(t, p); got != "kept" {
		t.Errorf("file = %q", got)
	}
	assertOnly(t, dir, "a.ics")
}

// TestOutputNamedPipe: a named pipe gets the bytes through it and stays a named pipe. Opening it
// waits for the reader, as a shell's > does.
func TestOutputNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	os.Symlink("pipe", filepath.Join(dir, "pipe-link"))
	for _, name := range []string{"pipe", "pipe-link"} {
		got := make(chan string, 1)
		go func() {
			b, err := os.ReadFile(fifo)
			if err != nil {
				got <- "error: " + err.Error()
				return
			}
			got <- string(b)
		}()
		noHang(t, name, func() {
			if err := writeOutput(filepath.Join(dir, name), name, []byte("BEGIN:VCALENDAR\r\n")); err != nil {
				t.Error(err)
			}
			if s := <-got; s != "BEGIN:VCALENDAR\r\n" {
				t.Errorf("%s: the reader got %q", name, s)
			}
		})
		if m := mode(t, fifo); m&fs.ModeNamedPipe == 0 {
			t.Errorf("%s: the named pipe became %v", name, m)
		}
	}
	assertOnly(t, dir, "pipe", "pipe-link")
}

// TestOutputDevNull: /dev/null is written in place and stays a character device. The output is
// checked to be a device opened in place before anything is written, so that a broken PrepareOutput
// cannot replace the system's /dev/null even when the test runs as root. Where /dev/null is something
// else, the test leaves it alone.
func TestOutputDevNull(t *testing.T) {
	if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		testenv.Unsupported(t, "/dev/null is no character device here:", err)
	}
	dir := t.TempDir()
	os.Symlink("/dev/null", filepath.Join(dir, "null-link"))
	for _, p := range []string{"/dev/null", filepath.Join(dir, "null-link")} {
		o, err := PrepareOutput(p, p)
		if err != nil {
			t.Fatal(err)
		}
		if o.tmp != nil || o.w == nil {
			o.Abort()
			t.Fatalf("%s: PrepareOutput would replace it", p)
		}
		if err := o.Write([]byte("discarded")); err != nil {
			t.Error(err)
		}
		if m := mode(t, "/dev/null"); m&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is now %v", m)
		}
	}
	if mode(t, filepath.Join(dir, "null-link"))&fs.ModeSymlink == 0 {
		t.Error("the link to /dev/null is no longer a link")
	}
}

func TestOutputSocket(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		testenv.Skipf(t, "unix socket: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(c)
		c.Close()
		got <- string(b)
	}()
	noHang(t, "socket", func() {
		if err := writeOutput(sock, "s", []byte("hello")); err != nil {
			t.Error(err)
		}
		if s := <-got; s != "hello" {
			t.Errorf("the listener got %q", s)
		}
	})
	if m := mode(t, sock); m&fs.ModeSocket == 0 {
		t.Errorf("the socket became %v", m)
	}

	// Nobody listens: a clear error, and the socket file stays.
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	err = writeOutput(sock, "s", []byte("hello"))
	if err == nil || !strings.Contains(err.Error(), "write s: cannot connect to the socket") {
		t.Errorf("socket with no listener: %v", err)
	}
	if m := mode(t, sock); m&fs.ModeSocket == 0 {
		t.Errorf("the socket became %v", m)
	}
}

func TestOutputFolder(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0o755)
	os.Symlink("real", filepath.Join(dir, "link"))
	os.Symlink("made/here", filepath.Join(dir, "dangling"))
	os.WriteFile(filepath.Join(dir, "file"), []byte("f"), 0o644)
	os.Symlink("file", filepath.Join(dir, "file-link"))
	for _, c := range []struct{ name, real string }{
		{"real", "real"},
		{"link", "real"},
		{"link/", "real"},
		{"new/deep", "new/deep"},
		{"new2/", "new2"},
		{"dangling", "made/here"},
	} {
		got, err := OutputFolder(filepath.Join(dir, c.name), c.name)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		a, _ := os.Stat(got)
		b, err := os.Stat(filepath.Join(dir, c.real))
		if err != nil || !os.SameFile(a, b) {
			t.Errorf("%s: got %s, want the folder %s", c.name, got, c.real)
		}
	}
	for _, c := range []struct{ name, want string }{
		{"file", "create folder file: file is not a folder"},
		{"file-link", "create folder file-link: file-link is not a folder"},
		{"file/sub", "create folder file/sub: file is not a folder"},
	} {
		_, err := OutputFolder(filepath.Join(dir, c.name), c.name)
		if !errors.Is(err, syscall.ENOTDIR) || err == nil || err.Error() != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if got := content(t, filepath.Join(dir, "file")); got != "f" {
		t.Errorf("file holds %q", got)
	}
}

// TestOutputProcLink: /dev/stdout and /proc/self/fd/N lead, by their text, to "pipe:[…]", a name no
// folder holds; only the system reaches the pipe behind them, so pm writes through the path in place.
func TestOutputProcLink(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	path := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	if target, err := os.Readlink(path); err != nil || !strings.HasPrefix(target, "pipe:") {
		testenv.Skipf(t, "no /proc links to pipes here: %q %v", target, err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	noHang(t, path, func() {
		if err := writeOutput(path, "/dev/stdout", []byte("through the pipe")); err != nil {
			t.Error(err)
		}
	})
	w.Close()
	if s := <-got; s != "through the pipe" {
		t.Errorf("the pipe carried %q", s)
	}
}
