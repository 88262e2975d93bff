//go:build unix

package mmapfile

import (
	"os"
	"syscall"
)

// Map maps the first size bytes of f read-only, or returns nil when it cannot (the caller then
// reads the file).
func Map(f *os.File, size int64) []byte {
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return data
}

// Unmap releases a mapping made by Map.
func Unmap(data []byte) { _ = syscall.Munmap(data) }
