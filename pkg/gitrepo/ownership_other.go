//go:build !unix

package gitrepo

// ownedByUser is true where pm cannot read a file's owner as git does (Windows checks the owner's
// security identifier): the ownership check then rests on GIT_TEST_ASSUME_DIFFERENT_OWNER alone.
func ownedByUser(path string, env Env) bool { return true }
