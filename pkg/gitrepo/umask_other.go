//go:build !unix

package gitrepo

// umask is 0 where there is none.
func umask() int { return 0 }
