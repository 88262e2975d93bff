//go:build !linux && !darwin && !freebsd && !netbsd

package gitrepo

import (
	"os"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat sets the ctime to the mtime where the stat has no portable ctime,
// device or inode (git for Windows does not compare them either).
func fillStat(e *index.Entry, fi os.FileInfo) {
	e.CreatedAt = e.ModifiedAt
}

// deviceOf reports no device where the stat has none: discovery then crosses every boundary.
func deviceOf(os.FileInfo) (uint64, bool) { return 0, false }
