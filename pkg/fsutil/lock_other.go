//go:build !unix

package fsutil

// LockDir is a no-op where pm takes no advisory locks: builds of one folder do not take turns.
func LockDir(dir string, waiting func()) (unlock func(), err error) { return func() {}, nil }
