//go:build unix

package gitindex

import (
	"time"

	"golang.org/x/sys/unix"
)

// setLinkTime gives the symbolic link name (not its target) the modification time mtime.
func setLinkTime(name string, mtime time.Time) error {
	tv := unix.NsecToTimeval(mtime.UnixNano())
	return unix.Lutimes(name, []unix.Timeval{tv, tv})
}
