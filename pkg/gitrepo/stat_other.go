//go:build !linux && !darwin && !freebsd && !netbsd

package gitrepo

import (
	"os"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// statData is what git records of a file's stat where there is no portable ctime, device, inode
// or owner (git for Windows does not compare them either): the mtime, twice, and the size.
func statData(fi os.FileInfo) gitindex.StatData {
	mt := fi.ModTime()
	sd := gitindex.StatData{MtimeSec: uint32(mt.Unix()), MtimeNsec: uint32(mt.Nanosecond()), Size: uint32(fi.Size())}
	sd.CtimeSec, sd.CtimeNsec = sd.MtimeSec, sd.MtimeNsec
	return sd
}

// deviceOf reports no device where the stat has none: discovery then crosses every boundary.
func deviceOf(os.FileInfo) (uint64, bool) { return 0, false }
