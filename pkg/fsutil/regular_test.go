//go:build unix

package fsutil

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// fixture makes a folder with a regular file, a named pipe, a folder named like a file and links to
// each, and returns it.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	os.Mkdir(filepath.Join(dir, "sub.md"), 0o755)
	os.Symlink("a.md", filepath.Join(dir, "link.md"))
	os.Symlink("pipe.md", filepath.Join(dir, "pipelink.md"))
	os.Symlink("missing.md", filepath.Join(dir, "broken.md"))
	return dir
}

// noHang fails the test when f does not return within a few seconds: a named pipe opened for reading
// would block forever.
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s did not return: a named pipe was opened", what)
	}
}

func TestReadRegular(t *testing.T) {
	dir := fixture(t)
	cases := []struct {
		name, want, kind string
	}{
		{"a.md", "hello\n", ""},
		{"link.md", "hello\n", ""},
		{"pipe.md", "", "(a named pipe)"},
		{"pipelink.md", "", "(a symbolic link to a named pipe)"},
		{"sub.md", "", "(a directory)"},
	}
	for _, c := range cases {
		var data []byte
		var err error
		noHang(t, c.name, func() { data, err = ReadRegular(filepath.Join(dir, c.name)) })
		if c.kind == "" {
			if err != nil || string(data) != c.want {
				t.Errorf("%s: %q, %v", c.name, data, err)
			}
			continue
		}
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.kind) {
			t.Errorf("%s: err %v, want ErrNotRegular %s", c.name, err, c.kind)
		}
	}
	if _, err := ReadRegular(filepath.Join(dir, "broken.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("broken link: %v", err)
	}
}

// TestReadRegularSocket: a unix socket made here stands for every kind of special file (a device
// such as /dev/null is not something a test can make, nor count on being what it usually is).
func TestReadRegularSocket(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "s.md")
	l, err := net.Listen("unix", sock)
	if err != nil {
		testenv.Skipf(t, "unix socket: %v", err)
	}
	defer l.Close()
	var data []byte
	noHang(t, "a socket", func() { data, err = ReadRegular(sock) })
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "(a socket)") || data != nil {
		t.Errorf("socket: %q, %v; want ErrNotRegular (a socket)", data, err)
	}
}

func TestRegularEntry(t *testing.T) {
	dir := fixture(t)
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, d := range des {
		got[d.Name()] = RegularEntry(filepath.Join(dir, d.Name()), d) == nil
	}
	want := map[string]bool{"a.md": true, "link.md": true, "broken.md": true, "pipe.md": false, "pipelink.md": false, "sub.md": false}
	for name, ok := range want {
		if got[name] != ok {
			t.Errorf("%s: regular %v, want %v", name, got[name], ok)
		}
	}
}

func TestReadAllGrows(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a")
	os.WriteFile(p, []byte(strings.Repeat("x", 3000)), 0o644)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := ReadAll(f, 10) // a stat that is out of date: the file grew
	if err != nil || len(data) != 3000 {
		t.Errorf("%d bytes, %v", len(data), err)
	}
}
