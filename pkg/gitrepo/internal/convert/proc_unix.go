//go:build unix

package convert

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts a filter in a process group of its own, so that stopping
// it also stops what its shell started, which may hold its pipes open.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills a filter and everything in its process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
