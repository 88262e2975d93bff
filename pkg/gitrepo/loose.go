package gitrepo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/klauspost/compress/zlib"
)

// pm reads the loose objects of the repository's own object folder itself: zlib over
// "<type> <size>\0<content>". Through go-git, a loose object was inflated with another inflater,
// whose tables cost more to set up than a small object costs to read, copied through a growing
// buffer, hashed again and put in a cache, which was a tenth of a pre-commit hook's pm lint --staged
// in a small repository. git does not hash an object it reads either; like git, pm refuses a loose
// object whose content is longer or shorter than its header says, whose checksum is wrong, or that
// has anything after its zlib stream. Objects of the alternates, and anything pm cannot open, are
// left to go-git.

// errNoLoose reports that the object folder has no loose file for an object.
var errNoLoose = errors.New("no loose object")

// looseFile is an open loose object whose header is read: its content follows in br.
type looseFile struct {
	h    plumbing.Hash
	typ  string // as the header names it: blob, tree, commit or tag
	size int64
	file int64 // the size of the loose file, compressed
	// in reads the file's compressed bytes: from its mapping when it is large (klauspost's inflater
	// reads a bytes.Reader faster than a bufio.Reader), else through a buffer
	in interface {
		io.Reader
		io.ByteReader
	}
	zr     io.ReadCloser // the inflater, back to inflaters when the object is closed
	br     *bufio.Reader // the inflated content, after the header
	f      *os.File
	mapped []byte // the file's mapping, released by close; nil when it is read
}

// mappedLoose is the size from which a loose object's file is mapped rather than read: a tree of
// a folder of thousands of postmortems, read after each commit by pm lint --staged.
const mappedLoose = 64 << 10

// openLoose opens object h's loose file and reads its header, with at most out bytes of buffer for
// the inflated content (bufio's least is 16; a small file gets less). errNoLoose when there is no such file; an error naming
// the object when it is not a regular file or its header is not a loose object's.
func (r *Repo) openLoose(h plumbing.Hash, out int) (*looseFile, error) {
	hex := h.String()
	name := filepath.Join(r.layout.ObjectDir, hex[:2], hex[2:])
	f, fi, err := openRegular(name) // a FIFO put there cannot hang pm
	if errors.Is(err, ErrBadPath) {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	if err != nil {
		return nil, errNoLoose
	}
	lo := &looseFile{h: h, f: f, file: fi.Size()}
	if fi.Size() >= mappedLoose {
		lo.mapped = mapFile(f)
	}
	if lo.mapped != nil {
		lo.in = bytes.NewReader(lo.mapped)
	} else {
		// a small object's file is read in one piece, a large one's in pieces of 32 KB
		lo.in = bufio.NewReaderSize(f, int(min(max(fi.Size(), 16), 32<<10)))
	}
	zr, err := inflater(lo.in)
	if err != nil {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object is not zlib data: %w", h, err)
	}
	lo.zr = zr
	lo.br = bufio.NewReaderSize(zr, min(out, max(512, 8*int(min(fi.Size(), 1<<20))))) // no more than the object can need
	hdr, err := lo.br.ReadSlice(0)
	typ, size, ok := cutHeader(hdr)
	if err != nil || !ok {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object has no header", h)
	}
	if typ != "blob" && typ != "tree" && typ != "commit" && typ != "tag" {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object names no object type", h) // its bytes are not shown
	}
	lo.typ, lo.size = typ, size
	return lo, nil
}

// cutHeader splits a loose object's header, "<type> <decimal size>\0".
func cutHeader(hdr []byte) (typ string, size int64, ok bool) {
	if len(hdr) < 4 || hdr[len(hdr)-1] != 0 {
		return "", 0, false
	}
	hdr = hdr[:len(hdr)-1]
	for i, c := range hdr {
		if c == ' ' {
			n, err := strconv.ParseInt(string(hdr[i+1:]), 10, 64)
			if err != nil || n < 0 || hdr[i+1] == '+' {
				return "", 0, false
			}
			return string(hdr[:i]), n, true
		}
	}
	return "", 0, false
}

// readAll reads the whole content and checks that the object ends there: no more content, the
// zlib checksum right, nothing after the zlib stream. It closes the object.
func (lo *looseFile) readAll() ([]byte, error) {
	defer lo.close()
	// Deflate shrinks data at most about 1,032 times, so a header claiming more than that of its file
	// is damaged: it is refused before memory is set aside for it.
	if lo.size > lo.file*maxDeflateRatio+1024 {
		return nil, fmt.Errorf("object %s: loose object says it is %d bytes, more than its %d-byte file can hold", lo.h, lo.size, lo.file)
	}
	data := make([]byte, lo.size)
	if _, err := io.ReadFull(lo.br, data); err != nil {
		return nil, fmt.Errorf("object %s: loose object is shorter than its header says: %w", lo.h, err)
	}
	if err := lo.end(); err != nil {
		return nil, err
	}
	return data, nil
}

// end checks that the content is all read: the inflated stream ends (the zlib reader checks its
// checksum there) and the file with it.
func (lo *looseFile) end() error {
	var one [1]byte
	n, err := lo.br.Read(one[:])
	switch {
	case n > 0:
		return fmt.Errorf("object %s: loose object is longer than its header says", lo.h)
	case err != io.EOF:
		return fmt.Errorf("object %s: loose object is damaged: %v", lo.h, err)
	}
	if n, _ := lo.in.Read(one[:]); n > 0 {
		return fmt.Errorf("object %s: garbage at the end of the loose object", lo.h)
	}
	return nil
}

func (lo *looseFile) close() {
	if lo.zr != nil {
		inflaters.Put(lo.zr)
		lo.zr = nil
	}
	if lo.mapped != nil {
		unmapFile(lo.mapped)
		lo.mapped = nil
	}
	if lo.f != nil {
		lo.f.Close()
		lo.f = nil
	}
}

// inflaters keeps the zlib readers of closed loose objects: a reader sets aside a 32 KB window and
// its tables, which a commit, a tree and a blob read one after the other (pm lint --staged) would
// otherwise each make anew.
var inflaters sync.Pool

// inflater returns a zlib reader of r, a kept one reset when there is one.
func inflater(r io.Reader) (io.ReadCloser, error) {
	if zr, ok := inflaters.Get().(io.ReadCloser); ok {
		if err := zr.(zlib.Resetter).Reset(r, nil); err != nil {
			inflaters.Put(zr)
			return nil, err
		}
		return zr, nil
	}
	return zlib.NewReader(r)
}

// maxDeflateRatio bounds how many times larger than its deflated form data can be (deflate's limit
// is 1,032 to 1; zlib's header and checksum only make the file larger).
const maxDeflateRatio = 1040

// readLoose reads object h, of type typ, from its loose file. errNoLoose when there is none.
func (r *Repo) readLoose(typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	lo, err := r.openLoose(h, 512)
	if err != nil {
		return nil, err
	}
	if lo.typ != typ.String() {
		lo.close()
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, lo.typ, typ)
	}
	return lo.readAll()
}
