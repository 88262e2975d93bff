//go:build !unix

package gitrepo

import "os"

// executable reports whether git would run the file at p as a hook: where there are no execute
// bits, any file that exists.
func executable(p string) (ok, notExecutable bool) {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir(), false
}
