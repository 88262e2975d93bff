//go:build unix

package gitrepo

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps a file into memory read-only, or returns nil when it cannot: a walk reads objects
// from all over a pack, and a read system call per object costs more than the object.
func mapFile(f *os.File) []byte {
	fi, err := f.Stat()
	if err != nil || fi.Size() <= 0 || int64(int(fi.Size())) != fi.Size() {
		return nil
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil
	}
	return data
}

// unmapFile releases a mapping made by mapFile.
func unmapFile(data []byte) { _ = unix.Munmap(data) }
