// Package memtmp, imported for its effect by the tests' helper packages, puts a test binary's
// temporary folders (t.TempDir, os.MkdirTemp, and so the repositories, hooks and sites the tests
// make, and the git and pm processes they run there) on a memory file system when the machine has
// one to spare and nobody chose TMPDIR.
//
// The tests make thousands of small files and folders: a git init alone writes a dozen. On a disk
// file system every one of them costs the kernel far more than on tmpfs (about 30 ms of system
// time per git init on an ext4 disk mounted with discard, against 1.5 ms on tmpfs), and that was
// most of the suite's time. Nothing pm does depends on the file system being a disk: the tests
// that care about a file system's kind make the case themselves.
//
// Set TMPDIR to keep the temporary folders where it says (TMPDIR=/tmp for the disk).
package memtmp

import "os"

// minFree is the free space below which the memory file system is left alone: the tests' own
// folders take tens of megabytes, and a full /dev/shm would fail them for the wrong reason.
const minFree = 1 << 30

func init() {
	if _, set := os.LookupEnv("TMPDIR"); set {
		return
	}
	if dir := memoryDir(); dir != "" {
		os.Setenv("TMPDIR", dir)
	}
}
