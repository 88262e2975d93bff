//go:build unix

package gitrepo

import (
	"errors"

	"golang.org/x/sys/unix"
)

// executable reports whether git would run the file at p as a hook (access(2) with X_OK, as git
// checks), and whether it exists but may not be executed (git's "ignored hook" case).
func executable(p string) (ok, notExecutable bool) {
	err := unix.Access(p, unix.X_OK)
	return err == nil, errors.Is(err, unix.EACCES)
}
