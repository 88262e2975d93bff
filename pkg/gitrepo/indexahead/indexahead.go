// Package indexahead decodes the index file a `pm lint --staged` will read, on a goroutine of its
// own, as the process starts.
//
// pm lint --staged reads the index against HEAD on the other core while pm initialises (see
// gitrepo.StartStaged), but that reading can only begin once the git package is initialised, and
// with it go-git and the many packages before it in Go's order: in a repository of 10,000
// postmortems the command then waited 3–4 ms for it, and decoding the 1.2 MB index was 1.3 ms of
// that. This package imports only the standard library's lower packages and the index decoder, so
// its caller's initialiser (cmd/pm/internal/indexahead) runs a few milliseconds earlier and the
// decoding is done before the reading needs it. The reading takes the View only when the index file
// it opens is the very file decoded here (the same device, inode, size and modification time, as
// git judges a file unchanged: git replaces the index whenever it writes it), and decodes the file
// itself otherwise; the path is only a guess, made as git would find the index in the plain cases.
package indexahead

import (
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/mmapfile"
)

// mapped is the size from which the index file is mapped rather than read, as the git package does.
const mapped = 64 << 10

// decoded is one decoding begun by Start: done closes when it ends.
type decoded struct {
	done chan struct{}
	path string
	fi   os.FileInfo // the file decoded, as opened
	view *gitindex.View
}

// ahead is the decoding begun, until Take takes it (once).
var ahead atomic.Pointer[decoded]

// Start begins decoding the index file at path on a goroutine, for a short process (what it maps
// stays mapped); "" does nothing, as does a second call before the first is taken. A file that is
// not there, not regular, or that the decoder refuses is left for the reader to find and say.
func Start(path string) {
	if path == "" {
		return
	}
	d := &decoded{done: make(chan struct{}), path: path}
	if !ahead.CompareAndSwap(nil, d) {
		return
	}
	go func() {
		defer close(d.done)
		defer func() {
			if recover() != nil { // decoded again where it is needed, and said there
				d.view = nil
			}
		}()
		d.fi, d.view = decode(path)
	}()
}

// decode reads and decodes the regular file at path (a symbolic link is followed); nil when
// anything goes wrong.
func decode(path string) (os.FileInfo, *gitindex.View) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || !os.SameFile(st, fi) || fi.Size() <= 0 {
		return nil, nil
	}
	// A mapping is left to the end of the process, which is one pm lint --staged: unmapping it
	// waits for the other processor, which runs the lint command, to drop its view of the mapping,
	// an interrupt that cost the reading 0.4–1 ms on its way to the answer in a virtual machine.
	var data []byte
	if fi.Size() >= mapped {
		data = mmapfile.Map(f, fi.Size())
	}
	if data == nil {
		data = make([]byte, fi.Size())
		for n := 0; n < len(data); {
			k, err := f.Read(data[n:])
			if err != nil || k == 0 {
				return nil, nil
			}
			n += k
		}
	}
	v, err := gitindex.DecodeView(data)
	if err != nil {
		return nil, nil
	}
	return fi, v
}

// Take returns the View decoded ahead when the file it decoded is the one at path now, as stat
// (os.Stat or alike: a symbolic link followed) finds it there: the same device, inode, size and
// modification time; and the file as it was opened then. It waits for the decoding to end, and stats
// path only when something was decoded ahead of it. ok is false when nothing was decoded ahead, or
// of another file, or the file changed since. The View reads a mapping that is never released (see
// decode).
func Take(path string, stat func(string) (os.FileInfo, error)) (v *gitindex.View, opened os.FileInfo, ok bool) {
	d := ahead.Swap(nil)
	if d == nil {
		return nil, nil, false
	}
	<-d.done
	if d.view == nil || filepath.Clean(d.path) != filepath.Clean(path) {
		return nil, nil, false
	}
	fi, err := stat(path)
	if err != nil || !os.SameFile(d.fi, fi) || d.fi.Size() != fi.Size() || !d.fi.ModTime().Equal(fi.ModTime()) {
		return nil, nil, false
	}
	return d.view, d.fi, true
}

// Guess returns the index file git would read from dir (absolute) with env in the plain cases:
// $GIT_INDEX_FILE (relative to dir), else $GIT_DIR/index, else .git/index in dir or the nearest
// folder above it that has a .git folder; "" when the first .git found is a file (a linked work
// tree's or a submodule's) or there is none. Take checks what was decoded, so a wrong guess costs a
// decoding on an idle core, nothing else.
func Guess(dir string, env func(string) string) string {
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(dir, p)
	}
	if p := env("GIT_INDEX_FILE"); p != "" {
		return abs(p)
	}
	if p := env("GIT_DIR"); p != "" {
		return filepath.Join(abs(p), "index")
	}
	for d := dir; ; {
		fi, err := os.Lstat(filepath.Join(d, ".git"))
		switch {
		case err == nil && fi.IsDir():
			return filepath.Join(d, ".git", "index")
		case err == nil:
			return ""
		}
		up := filepath.Dir(d)
		if up == d {
			return ""
		}
		d = up
	}
}

// Pending returns the View decoded ahead and not taken yet, waiting for the decoding to end; nil
// when there is none. It takes nothing: for tests, to see a reader take that very View.
func Pending() *gitindex.View {
	d := ahead.Load()
	if d == nil {
		return nil
	}
	<-d.done
	return d.view
}
