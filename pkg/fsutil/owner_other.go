//go:build !unix

package fsutil

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner to keep.
func keepOwner(*os.File, fs.FileInfo) {}
