//go:build !unix

package gitrepo

import "os"

// mapFile maps nothing here: packs are read with ReadAt.
func mapFile(*os.File) []byte { return nil }

// unmapFile has nothing to release.
func unmapFile([]byte) {}
