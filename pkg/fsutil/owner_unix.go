//go:build unix

package fsutil

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the file that replaces old old's owner and group, as writing old in place would
// keep them: root replacing a user's file must not leave it root's. Only root can give a file away,
// so for anyone else this keeps what it can (a group they belong to) and ignores the rest.
func keepOwner(f *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if f.Chown(int(st.Uid), int(st.Gid)) != nil {
		f.Chown(-1, int(st.Gid))
	}
}
