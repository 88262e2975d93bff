//go:build unix

package gitrepo

import (
	"os"
	"strconv"
	"syscall"
)

// ownedByUser reports whether the current user owns path (not followed if a link), as git's
// is_path_owned_by_current_uid decides: root owns what root owns, and, run through sudo, what
// SUDO_UID owns.
func ownedByUser(path string, env Env) bool {
	fi, err := os.Lstat(path)
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	euid := uint32(os.Geteuid())
	if euid == 0 {
		if st.Uid == 0 {
			return true
		}
		if id, err := strconv.ParseUint(env("SUDO_UID"), 10, 32); err == nil {
			euid = uint32(id)
		}
	}
	return st.Uid == euid
}
