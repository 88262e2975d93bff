//go:build !unix

package mmapfile

import "os"

// Map maps nothing here: the caller reads the file.
func Map(*os.File, int64) []byte { return nil }

// Unmap has nothing to release.
func Unmap([]byte) {}
