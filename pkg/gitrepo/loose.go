package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/inflate"
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

// mappedLoose is the size from which a loose object's file is mapped rather than read: a tree of
// a folder of thousands of postmortems, read after each commit by pm lint --staged.
const mappedLoose = 64 << 10

// maxDeflateRatio bounds how many times larger than its deflated form data can be (deflate's limit
// is 1,032 to 1; zlib's header and checksum only make the file larger).
const maxDeflateRatio = 1040

// decoders keeps inflate decoders (10 KB of tables each) for the next object.
var decoders = sync.Pool{New: func() any { return new(inflate.Decoder) }}

// readLoose reads object h, of type typ, from its loose file. errNoLoose when there is none.
func (r *Repo) readLoose(typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	lo, err := r.openLoose(h)
	if err != nil {
		return nil, err
	}
	defer lo.close()
	if lo.typ != typ.String() {
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, lo.typ, typ)
	}
	return lo.readAll()
}

// looseFile is an open loose object whose header is inflated. Its file is read whole, or mapped
// when it is large, and inflated by package inflate: whole, straight into the content's buffer,
// whose size the header gives, or through a window (a large tree, read entry by entry).
type looseFile struct {
	h      plumbing.Hash
	typ    string // as the header names it: blob, tree, commit or tag
	size   int64  // of the content
	src    []byte // the file
	mapped bool   // src is a mapping, released by close
	d      *inflate.Decoder
	head   [64 + 258]byte // what the first step inflated: the header, and maybe more
	n      int            // bytes of head inflated
	hdr    int            // the header's length, its NUL included
}

// openLoose opens object h's loose file and inflates its header. errNoLoose when there is no such
// file; an error naming the object when it is not a regular file or has no loose object's header.
func (r *Repo) openLoose(h plumbing.Hash) (*looseFile, error) {
	hex := h.String()
	name := filepath.Join(r.layout.ObjectDir, hex[:2], hex[2:])
	f, fi, err := openRegular(name) // a FIFO put there cannot hang pm
	if errors.Is(err, ErrBadPath) {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	if err != nil {
		return nil, errNoLoose
	}
	defer f.Close() // a mapping outlives its file
	lo := &looseFile{h: h}
	if fi.Size() >= mappedLoose {
		lo.src = mapFile(f)
		lo.mapped = lo.src != nil
	}
	if lo.src == nil {
		if int64(int(fi.Size())) != fi.Size() {
			return nil, fmt.Errorf("object %s: loose object of %d bytes is too large to read", h, fi.Size())
		}
		lo.src = make([]byte, fi.Size())
		if _, err := readFull(f, lo.src); err != nil {
			return nil, fmt.Errorf("object %s: read loose object: %w", h, err)
		}
	}
	lo.d = decoders.Get().(*inflate.Decoder)
	if err := lo.d.Reset(lo.src); err != nil {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object is not zlib data: %w", h, err)
	}
	// the header, "<type> <decimal size>\0", is a type and up to 20 digits
	n, _, err := lo.d.Decode(lo.head[:], 0, 64)
	end := bytes.IndexByte(lo.head[:n], 0)
	if err != nil && end < 0 {
		lo.close()
		return nil, lo.damaged(err) // cut short or garbled before the header's end
	}
	var ok bool
	if end >= 0 {
		lo.typ, lo.size, ok = cutHeader(lo.head[:end+1])
	}
	if !ok {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object has no header", h)
	}
	if lo.typ != "blob" && lo.typ != "tree" && lo.typ != "commit" && lo.typ != "tag" {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object names no object type", h) // its bytes are not shown
	}
	// Deflate shrinks data at most about 1,032 times, so a header claiming more than that of its file
	// is damaged: it is refused before memory is set aside for it.
	if lo.size > fi.Size()*maxDeflateRatio+1024 {
		lo.close()
		return nil, fmt.Errorf("object %s: loose object says it is %d bytes, more than its %d-byte file can hold", h, lo.size, fi.Size())
	}
	lo.n, lo.hdr = n, end+1
	return lo, nil
}

// readAll inflates the whole content and checks that the object ends there: no more content, the
// zlib checksum right, nothing after the zlib stream (git refuses each of these too).
func (lo *looseFile) readAll() ([]byte, error) {
	whole := make([]byte, int64(lo.hdr)+lo.size)
	if lo.n > len(whole) {
		return nil, lo.damaged(inflate.ErrTooLong)
	}
	copy(whole, lo.head[:lo.n])
	used, err := lo.d.Rest(whole, lo.n)
	if err == nil && used != len(lo.src) {
		return nil, fmt.Errorf("object %s: garbage at the end of the loose object", lo.h)
	}
	if err != nil {
		return nil, lo.damaged(err)
	}
	return whole[lo.hdr:], nil
}

// stream returns the content as it is inflated, through buf; lo must stay open while it is read.
// The stream checks the content's length and checksum at its end; the caller, that nothing follows
// (see end).
func (lo *looseFile) stream(buf []byte) *inflate.Stream {
	s := inflate.NewStream(lo.d, lo.head[:lo.n], int64(lo.hdr)+lo.size, buf)
	s.Take(lo.hdr)
	return s
}

// end checks, once a stream of the object has ended, that nothing follows the zlib stream.
func (lo *looseFile) end(s *inflate.Stream) error {
	if s.Used() != len(lo.src) {
		return fmt.Errorf("object %s: garbage at the end of the loose object", lo.h)
	}
	return nil
}

// damaged names what is wrong with the object's zlib stream.
func (lo *looseFile) damaged(err error) error {
	switch {
	case errors.Is(err, inflate.ErrTooLong):
		return fmt.Errorf("object %s: loose object is longer than its header says", lo.h)
	case errors.Is(err, inflate.ErrTooShort):
		return fmt.Errorf("object %s: loose object is shorter than its header says", lo.h)
	}
	return fmt.Errorf("object %s: loose object is damaged: %v", lo.h, err)
}

func (lo *looseFile) close() {
	if lo.d != nil {
		decoders.Put(lo.d)
		lo.d = nil
	}
	if lo.mapped {
		unmapFile(lo.src)
		lo.mapped = false
	}
	lo.src = nil
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
