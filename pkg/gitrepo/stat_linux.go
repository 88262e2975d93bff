//go:build linux

package gitrepo

import (
	"os"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat copies the ctime, device, inode and owner of a stat into an index
// entry, so that git's own change detection trusts the entry.
func fillStat(e *index.Entry, fi os.FileInfo) {
	e.CreatedAt = e.ModifiedAt
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	e.CreatedAt = statTime(time.Unix(st.Ctim.Unix()))
	e.Dev = uint32(st.Dev)
	e.Inode = uint32(st.Ino)
	e.UID = st.Uid
	e.GID = st.Gid
}

// deviceOf returns the device a file is on, which repository discovery does not cross.
func deviceOf(fi os.FileInfo) (uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Dev), true
}
