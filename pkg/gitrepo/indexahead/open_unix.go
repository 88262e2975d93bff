//go:build unix

package indexahead

import "syscall"

// openFlags opens without waiting: a file that became a named pipe since it was statted.
const openFlags = syscall.O_NONBLOCK
