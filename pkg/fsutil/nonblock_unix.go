//go:build unix

package fsutil

import "syscall"

// openNonblock makes opening a named pipe return at once instead of waiting for a writer. Reads of a
// regular file are not affected.
const openNonblock = syscall.O_NONBLOCK
