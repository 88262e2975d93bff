//go:build darwin || freebsd || netbsd

package gitrepo

import (
	"os"
	"syscall"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// statData is what git records of a file's stat in its index entry, truncated to 32 bits as git
// truncates it: times, device, inode, owner and size.
func statData(fi os.FileInfo) gitindex.StatData {
	mt := fi.ModTime()
	sd := gitindex.StatData{MtimeSec: uint32(mt.Unix()), MtimeNsec: uint32(mt.Nanosecond()), Size: uint32(fi.Size())}
	sd.CtimeSec, sd.CtimeNsec = sd.MtimeSec, sd.MtimeNsec
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return sd
	}
	sd.CtimeSec, sd.CtimeNsec = uint32(st.Ctimespec.Sec), uint32(st.Ctimespec.Nsec)
	sd.Dev, sd.Ino = uint32(st.Dev), uint32(st.Ino)
	sd.UID, sd.GID = st.Uid, st.Gid
	return sd
}

// deviceOf returns the device a file is on, which repository discovery does not cross.
func deviceOf(fi os.FileInfo) (uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Dev), true
}
