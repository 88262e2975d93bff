//go:build linux && (amd64 || arm64)

package interrupt

import (
	"syscall"
	"unsafe"
)

// sigaction is the kernel's struct sigaction on these architectures, as the runtime declares it.
type sigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

// goQuit is the runtime's own handling of SIGQUIT, kept while the kernel's default stands in.
var goQuit sigaction

// quitDefault gives SIGQUIT the kernel's default action (the process dies of it at once, as git
// does when nothing is left to undo), keeping the runtime's handling for quitRestore, and reports
// whether it could. Asking os/signal to catch SIGQUIT instead starts three threads (the runtime's
// signal thread, locked to one, and its template thread), a tenth of a one-file pm lint.
func quitDefault() bool {
	var dfl sigaction // SIG_DFL: a handler of zero
	_, _, e := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(syscall.SIGQUIT),
		uintptr(unsafe.Pointer(&dfl)), uintptr(unsafe.Pointer(&goQuit)), unsafe.Sizeof(dfl.mask), 0, 0)
	return e == 0
}

// quitRestore gives SIGQUIT back to the runtime, as quitDefault found it.
func quitRestore() {
	syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(syscall.SIGQUIT),
		uintptr(unsafe.Pointer(&goQuit)), 0, unsafe.Sizeof(goQuit.mask), 0, 0)
}
