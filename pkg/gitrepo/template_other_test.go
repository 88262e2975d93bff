//go:build !linux && !darwin && !freebsd && !netbsd

package gitrepo

import "os"

// fileStat reports no stat data here: copies keep the template's, and git and pm compare those
// entries by content.
func fileStat(os.FileInfo) (statFields, bool) { return statFields{}, false }
