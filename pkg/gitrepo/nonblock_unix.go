//go:build unix

package gitrepo

import "syscall"

// openNonblock makes opening a named pipe return at once instead of waiting for a writer; reads of a
// regular file are not affected.
const openNonblock = syscall.O_NONBLOCK
