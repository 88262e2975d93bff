//go:build !unix

package gitindex

import "time"

// setLinkTime does nothing where the tests make no symbolic links.
func setLinkTime(name string, mtime time.Time) error { return nil }
