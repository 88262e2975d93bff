// Package mmapfile maps a file into memory read-only, where the system can: the git package's
// packs, pack indexes, large loose objects and index file, and the index decoded as pm starts
// (package indexahead, which is why it imports no more than syscall).
package mmapfile
