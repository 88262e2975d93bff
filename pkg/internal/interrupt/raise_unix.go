//go:build unix

package interrupt

import (
	"os"
	"syscall"
)

// raise sends sig to the process again, its handling back to the default: the process dies of it.
func raise(sig syscall.Signal) { syscall.Kill(os.Getpid(), sig) }
