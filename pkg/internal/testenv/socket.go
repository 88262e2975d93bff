package testenv

import (
	"net"
	"os"
	"path/filepath"
	"testing"
)

// SocketLink makes a unix socket in a folder of its own and a symbolic link at link to it: a special
// file that is neither a named pipe nor something the system owns (such as /dev/null). Where unix
// sockets cannot be made, the test is skipped (failed under CI=true).
func SocketLink(t testing.TB, link string) {
	t.Helper()
	l, err := net.Listen("unix", filepath.Join(t.TempDir(), "s"))
	if err != nil {
		Skipf(t, "unix socket: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	if err := os.Symlink(l.Addr().String(), link); err != nil {
		t.Fatal(err)
	}
}
