//go:build unix

package fsutil

import (
	"errors"
	"os"
	"syscall"
)

// LockDir holds an advisory lock on the folder dir until unlock is called: a second process asking
// for it waits (told first, through waiting), as two pm site builds of one folder must take turns.
// The lock goes with the process: one killed leaves none behind.
func LockDir(dir string, waiting func()) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); errors.Is(err, syscall.EWOULDBLOCK) {
		if waiting != nil {
			waiting()
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != nil {
			f.Close()
			return nil, err
		}
	} else if err != nil {
		f.Close()
		return func() {}, nil // a file system without locks: as without this lock
	}
	return func() { f.Close() }, nil
}
