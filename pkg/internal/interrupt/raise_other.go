//go:build !unix

package interrupt

import "syscall"

// raise does nothing where a process cannot signal itself: the caller exits with 128 + sig.
func raise(syscall.Signal) {}
