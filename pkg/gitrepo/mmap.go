package gitrepo

import (
	"os"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/mmapfile"
)

// mapFile maps a file into memory read-only, or returns nil when it cannot: a walk reads objects
// from all over a pack, and a read system call per object costs more than the object.
func mapFile(f *os.File) []byte {
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	return mmapfile.Map(f, fi.Size())
}

// unmapFile releases a mapping made by mapFile.
func unmapFile(data []byte) { mmapfile.Unmap(data) }
