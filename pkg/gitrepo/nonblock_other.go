//go:build !unix

package gitrepo

// openNonblock is 0 where opening a file cannot wait for a writer the way a Unix named pipe does.
const openNonblock = 0
