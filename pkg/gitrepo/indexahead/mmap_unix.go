//go:build unix

package indexahead

import (
	"os"
	"syscall"
)

// openFlags opens without waiting: a file that became a named pipe since it was statted.
const openFlags = syscall.O_NONBLOCK

// mapFile maps the first size bytes of f read-only, or returns nil when it cannot.
func mapFile(f *os.File, size int64) []byte {
	if int64(int(size)) != size {
		return nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return data
}
