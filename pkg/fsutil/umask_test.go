//go:build unix

package fsutil

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCreateExclusiveNarrowsByTheUmask: a new file (a postmortem pm new makes, the .pm.yaml pm init
// writes: NewFileMode) gets the mode asked for less the umask, as a file an editor or git's checkout
// creates (git checkout under umask 002 writes 0664): under umask 027 or 077 it is not readable by
// everyone.
func TestCreateExclusiveNarrowsByTheUmask(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ umask, want os.FileMode }{{0o022, 0o644}, {0o002, 0o664}, {0o027, 0o640}, {0o077, 0o600}} {
		old := syscall.Umask(int(c.umask))
		p := filepath.Join(dir, c.want.String()+".md")
		err := CreateExclusive(p, []byte("x\n"), NewFileMode)
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != c.want {
			t.Errorf("umask %03o: mode %v, want %v (%v)", c.umask, fi.Mode().Perm(), c.want, err)
		}
	}
}
