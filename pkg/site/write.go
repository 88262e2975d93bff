package site

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// fingerprint is a hash of everything a file of the site is made from: a file whose fingerprint is
// the one it was last written with is not made again.
type fingerprint [16]byte

// fp builds a fingerprint from the values a file is made from.
type fp struct{ h hash.Hash }

func newFP(kind string) *fp {
	f := &fp{h: sha256.New()}
	return f.s(kind)
}

// s adds a string, length-prefixed so that "ab","c" and "a","bc" differ.
func (f *fp) s(v ...string) *fp {
	var n [binary.MaxVarintLen64]byte
	for _, x := range v {
		f.h.Write(n[:binary.PutUvarint(n[:], uint64(len(x)))])
		f.h.Write([]byte(x))
	}
	return f
}

func (f *fp) i(v ...int) *fp {
	var n [binary.MaxVarintLen64]byte
	for _, x := range v {
		f.h.Write(n[:binary.PutVarint(n[:], int64(x))])
	}
	return f
}

func (f *fp) b(v []byte) *fp {
	var n [binary.MaxVarintLen64]byte
	f.h.Write(n[:binary.PutUvarint(n[:], uint64(len(v)))])
	f.h.Write(v)
	return f
}

func (f *fp) fp(v fingerprint) *fp { f.h.Write(v[:]); return f }

func (f *fp) sum() (out fingerprint) {
	copy(out[:], f.h.Sum(nil))
	return out
}

// writer writes the site's files, from several goroutines, keeping the first error. Over a site it
// wrote before (prev), it writes only the files whose fingerprint changed.
type writer struct {
	dir  string
	pack *pack
	prev map[string]fingerprint // nil: an empty folder

	mu      sync.Mutex
	pages   map[string]fingerprint // every file of the site, as written or kept
	html    int
	written []string
	err     error
	dirs    sync.Map // folders made
	listed  sync.Map // folder → func() map[string]bool, its files before this build wrote any
}

// exists reports whether the file path is there, from one listing of its folder: over thousands of
// pages, cheaper than a stat each.
func (w *writer) exists(path string) bool {
	dir, name := filepath.Split(path)
	v, _ := w.listed.LoadOrStore(dir, sync.OnceValue(func() map[string]bool {
		names := map[string]bool{}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Type().IsRegular() {
				names[e.Name()] = true
			}
		}
		return names
	}))
	return v.(func() map[string]bool)()[name]
}

// putBytes writes the file rel with data unless it holds data already.
func (w *writer) putBytes(rel string, data []byte) {
	w.put(rel, newFP("bytes").b(data).sum(), func(b *bufio.Writer) error { _, err := b.Write(data); return err })
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

func (w *writer) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}

// put writes the file rel, made by make, unless it was last written with the same fingerprint and
// is still there. The file is written as it is made, through a buffer, not held whole: in a new
// folder (a whole build, moved in at the end) straight into its place, one create, write and close
// for a page; over a previous site through a temporary file renamed over it, so that a reader never
// sees half a page.
func (w *writer) put(rel string, f fingerprint, make func(b *bufio.Writer) error) {
	if w.failed() || interrupt.Stopping() { // stopped: the undo removes the build's folder
		return
	}
	w.mu.Lock()
	w.pages[rel] = f
	if strings.HasSuffix(rel, ".html") {
		w.html++
	}
	w.mu.Unlock()
	path := filepath.Join(w.dir, filepath.FromSlash(rel))
	dir := filepath.Dir(path)
	if _, ok := w.dirs.Load(dir); !ok {
		// checked whether the page is written or kept: a site whose folder became a link fails,
		// named, even when nothing in it changed
		if err := w.mkdirs(dir); err != nil {
			w.fail(err)
			return
		}
		w.dirs.Store(dir, true)
	}
	if w.prev != nil {
		if was, ok := w.prev[rel]; ok && was == f && w.exists(path) {
			return
		}
	}
	var file *os.File
	var err error
	release := func() {}
	if w.prev != nil {
		// a page written beside the one it replaces in the site: made and its removal on a signal
		// registered in one step (interrupt.Do), so that a stopped update leaves no .new- file
		release, err = interrupt.Do(func() error {
			var err error
			file, err = os.CreateTemp(dir, ".new-*")
			return err
		}, func() { os.Remove(file.Name()) })
	} else {
		file, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	if err != nil {
		w.fail(fmt.Errorf("write %s: %w", path, err))
		return
	}
	defer release()
	b := pageWriters.get()
	b.Reset(file)
	err = make(b)
	if err != nil {
		err = fmt.Errorf("make %s: %w", rel, err)
	} else if err = b.Flush(); err != nil {
		err = fmt.Errorf("write %s: %w", path, err)
	}
	b.Reset(nil)
	pageWriters.put(b)
	if cerr := file.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", path, cerr)
	}
	if w.prev != nil {
		if err == nil {
			err = os.Chmod(file.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(file.Name(), path)
		}
		if err != nil {
			os.Remove(file.Name())
		}
	}
	if err != nil {
		w.fail(err)
		return
	}
	w.mu.Lock()
	w.written = append(w.written, rel)
	w.mu.Unlock()
}

// mkdirs makes the folder dir of the site and those between it and the site's own, each a folder
// of its own: a symbolic link or a file in the place of one (pm/ linked elsewhere) is in the way,
// and nothing is written through it, over a previous site as in a new one.
func (w *writer) mkdirs(dir string) error {
	rel, err := filepath.Rel(w.dir, dir)
	if err != nil || rel == "." {
		return err
	}
	p := w.dir
	for _, name := range strings.Split(rel, string(filepath.Separator)) {
		p = filepath.Join(p, name)
		fi, err := os.Lstat(p)
		if errors.Is(err, os.ErrNotExist) {
			if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
				return fmt.Errorf("create %s: %w", p, err)
			}
			fi, err = os.Lstat(p) // made here or by another page's writer meanwhile
		}
		if err != nil {
			return fmt.Errorf("create %s: %w", p, err)
		}
		if !fi.IsDir() { // a link's Lstat is the link, never a folder
			site, _ := filepath.Rel(w.dir, p)
			return fmt.Errorf("%s: in the way of the site's folder %s; move it away", p, filepath.ToSlash(site))
		}
	}
	return nil
}

// pageWriters holds the buffers pages are written through: 64 KB, more than most pages, so that a
// page is one write.
var pageWriters = &reuse[*bufio.Writer]{fresh: func() *bufio.Writer { return bufio.NewWriterSize(nil, 64<<10) }}
