//go:build unix

package lsp

import (
	"errors"
	"syscall"
)

// processAlive reports whether process pid exists: signal 0 checks without sending anything; a
// process of another user exists too (EPERM).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
