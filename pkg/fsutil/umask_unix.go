//go:build unix

package fsutil

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// umask returns the process's file mode creation mask: from /proc/self/status where there is one
// (reading it changes nothing), else by setting it and putting it back at once.
func umask() os.FileMode {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range bytes.Split(data, []byte{'\n'}) {
			if v, ok := bytes.CutPrefix(line, []byte("Umask:")); ok {
				if m, err := strconv.ParseUint(string(bytes.TrimSpace(v)), 8, 32); err == nil {
					return os.FileMode(m)
				}
			}
		}
	}
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	return os.FileMode(m)
}
