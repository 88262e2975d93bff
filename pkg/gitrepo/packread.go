package gitrepo

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/inflate"
)

// packReader reads objects straight from the pack files of the object directory, for walks that
// read tens of thousands of large trees. go-git's own reader hashes every object it rebuilds from a
// delta before caching it (a folder of 10,000 postmortems is a 400 KB tree, and a walk of 50,000
// commits rebuilds one per commit: most of the walk's time went there); this one caches rebuilt
// objects by their place in the pack instead, up to a memory limit, and does not hash them, as git
// does not when it reads. An object it cannot read (a loose object, one in an alternate, a delta
// against an object in another pack) is left to go-git, so it only ever makes reading faster.
type packReader struct {
	packs []*packFile
	cache map[packKey]packObject
	order []packKey // cached keys, oldest first
	size  int       // bytes cached
	limit int
	// free holds large buffers of objects dropped from the cache, to rebuild the next ones in:
	// allocating (and so zeroing) a 400 KB buffer per commit cost more than the rest of a walk.
	free [][]byte
	// inUse reports whether a buffer dropped from the cache is still held elsewhere; nil: never
	// reuse buffers.
	inUse func(data []byte) bool
}

// reusable is the size from which a dropped buffer is kept for reuse.
const reusable = 64 << 10

type packKey struct {
	pack   int
	offset int64
}

type packObject struct {
	typ  plumbing.ObjectType
	data []byte
}

type packFile struct {
	name string // of its .idx file
	idx  *packIndex
	file *os.File
	size int64     // of the pack file
	data []byte    // the pack mapped into memory; nil: read with ReadAt
	zr   io.Reader // a zlib reader, reset for each object
}

// errNotInPack means the object is to be read another way.
var errNotInPack = errors.New("not readable from the pack files")

// openPacks opens the pack files of objectDir; one that cannot be opened is left out.
func openPacks(objectDir string) *packReader {
	r := &packReader{cache: map[packKey]packObject{}, limit: 24 << 20}
	idxs, _ := filepath.Glob(filepath.Join(objectDir, "pack", "pack-*.idx"))
	for _, name := range idxs {
		if p := openPack(name); p != nil {
			r.packs = append(r.packs, p)
		}
	}
	return r
}

func openPack(idxName string) *packFile {
	idx := openPackIndex(idxName)
	if idx == nil {
		return nil
	}
	pack, err := os.Open(strings.TrimSuffix(idxName, ".idx") + ".pack")
	if err != nil {
		idx.close()
		return nil
	}
	fi, err := pack.Stat()
	if err != nil {
		pack.Close()
		idx.close()
		return nil
	}
	return &packFile{name: idxName, idx: idx, file: pack, size: fi.Size(), data: mapFile(pack)}
}

// packIndex is a pack's .idx file, mapped into memory and searched in place: decoding all of it,
// as go-git's idxfile does, cost a few milliseconds per run in a repository of 10,000 files, more
// than the one lookup that `pm lint --staged` needs of it. Both versions git reads are read: 2, what
// git writes by default, and 1, which git wrote before 1.5.2 and writes still with
// pack.indexVersion=1 (go-git refuses it as a "malformed IDX file").
type packIndex struct {
	data   []byte
	mapped bool
	count  int
	v1     bool // version 1: no header, the fan-out at 0, then per object a 4-byte offset and a hash
}

// Where the parts of an index are: the fan-out table (256 counts), then the objects.
const (
	idxV2Fanout  = 8         // after "\377tOc" and the version
	idxV2Hashes  = 8 + 256*4 // the hashes, then the CRCs, the 4-byte offsets and the 8-byte ones
	idxV1Entries = 256 * 4   // per object a 4-byte offset and its hash
	idxTrailer   = 2 * 20    // the pack's hash and the index's
)

// openPackIndex maps (or reads) idxName; nil when it cannot be read or is not a version 1 or 2 index.
func openPackIndex(idxName string) *packIndex {
	f, err := os.Open(idxName)
	if err != nil {
		return nil
	}
	defer f.Close()
	x := &packIndex{data: mapFile(f), mapped: true}
	if x.data == nil {
		x.mapped = false
		if x.data, err = io.ReadAll(f); err != nil {
			return nil
		}
	}
	d := x.data
	// Version 2: header "\377tOc", version 2, the fan-out table, then per object a hash, a CRC and a
	// 4-byte offset, then the 8-byte offsets and the two hashes. Version 1 has no header (a fan-out
	// count never starts with \377tOc: git tells the two apart so).
	fanout := idxV2Fanout
	switch {
	case len(d) >= 8 && string(d[:4]) == "\377tOc":
		if binary.BigEndian.Uint32(d[4:]) != 2 || len(d) < idxV2Hashes+idxTrailer {
			x.close()
			return nil
		}
	case len(d) >= idxV1Entries+idxTrailer:
		x.v1, fanout = true, 0
	default:
		x.close()
		return nil
	}
	prev := uint32(0)
	for i := 0; i < 256; i++ {
		n := binary.BigEndian.Uint32(d[fanout+4*i:])
		if n < prev {
			x.close()
			return nil
		}
		prev = n
	}
	x.count = int(prev)
	if x.v1 {
		// exactly the size its count gives, as git checks a version 1 index (no header to vouch
		// for what the file is)
		if uint64(len(d)) != idxV1Entries+idxTrailer+uint64(x.count)*24 {
			x.close()
			return nil
		}
		return x
	}
	if uint64(len(d)) < uint64(idxV2Hashes+idxTrailer)+uint64(x.count)*28 {
		x.close()
		return nil
	}
	return x
}

func (x *packIndex) close() {
	if x.mapped && x.data != nil {
		unmapFile(x.data)
	}
	x.data = nil
}

// FindOffset returns the offset of object h in the pack, or plumbing.ErrObjectNotFound.
func (x *packIndex) FindOffset(h plumbing.Hash) (int64, error) {
	if x.v1 {
		return x.findOffsetV1(h)
	}
	d := x.data
	lo := 0
	if h[0] > 0 {
		lo = int(binary.BigEndian.Uint32(d[idxV2Fanout+4*(int(h[0])-1):]))
	}
	hi := int(binary.BigEndian.Uint32(d[idxV2Fanout+4*int(h[0]):]))
	hashes := d[idxV2Hashes:]
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := bytes.Compare(hashes[m*20:m*20+20], h[:])
		if c == 0 {
			offs := hashes[x.count*24:]
			off := binary.BigEndian.Uint32(offs[m*4:])
			if off&0x80000000 == 0 {
				return int64(off), nil
			}
			big := offs[x.count*4:]
			i := int(off & 0x7fffffff)
			if len(big) < 40 || i >= (len(big)-40)/8 {
				return 0, errBadPack
			}
			return int64(binary.BigEndian.Uint64(big[i*8:])), nil
		}
		if c < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return 0, plumbing.ErrObjectNotFound
}

// findOffsetV1 is FindOffset in a version 1 index, whose offsets are 4 bytes (packs under 4 GiB).
func (x *packIndex) findOffsetV1(h plumbing.Hash) (int64, error) {
	d := x.data
	lo := 0
	if h[0] > 0 {
		lo = int(binary.BigEndian.Uint32(d[4*(int(h[0])-1):]))
	}
	hi := int(binary.BigEndian.Uint32(d[4*int(h[0]):]))
	entries := d[idxV1Entries:]
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := entries[m*24 : m*24+24]
		c := bytes.Compare(e[4:], h[:])
		if c == 0 {
			return int64(binary.BigEndian.Uint32(e)), nil
		}
		if c < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return 0, plumbing.ErrObjectNotFound
}

// rescan opens the packs of objectDir made since the reader opened its packs (by git gc, git repack
// or a fetch), as git reads its pack folder again when an object is missing (reprepare_packed_git),
// and reports whether there were any. The packs already open stay: their files, even removed, are
// still read through the descriptors and mappings held, and the cache's keys stay valid.
func (r *packReader) rescan(objectDir string) bool {
	open := make(map[string]bool, len(r.packs))
	for _, p := range r.packs {
		open[p.name] = true
	}
	idxs, _ := filepath.Glob(filepath.Join(objectDir, "pack", "pack-*.idx"))
	added := false
	for _, name := range idxs {
		if open[name] {
			continue
		}
		if p := openPack(name); p != nil {
			r.packs = append(r.packs, p)
			added = true
		}
	}
	return added
}

// close releases the pack files.
func (r *packReader) close() {
	for _, p := range r.packs {
		if p.data != nil {
			unmapFile(p.data)
		}
		p.idx.close()
		p.file.Close()
	}
	r.packs = nil
}

// read returns the content of the object h and its type, or errNotInPack.
func (r *packReader) read(h plumbing.Hash) ([]byte, plumbing.ObjectType, error) {
	for i, p := range r.packs {
		off, err := p.idx.FindOffset(h)
		if err != nil {
			continue
		}
		return r.at(i, off)
	}
	return nil, plumbing.InvalidObject, errNotInPack
}

// has reports whether one of the packs holds object h.
func (r *packReader) has(h plumbing.Hash) bool {
	for _, p := range r.packs {
		if _, err := p.idx.FindOffset(h); err == nil {
			return true
		}
	}
	return false
}

// at returns the object at offset off of pack i, rebuilding it from its delta base when it is one.
func (r *packReader) at(i int, off int64) ([]byte, plumbing.ObjectType, error) {
	key := packKey{i, off}
	if o, ok := r.cache[key]; ok {
		return o.data, o.typ, nil
	}
	p := r.packs[i]
	hdr, err := p.header(off)
	if err != nil {
		return nil, plumbing.InvalidObject, err
	}
	// An entry's data cannot inflate to more than deflate's ratio allows of the bytes left in the
	// pack: a damaged header claiming more is refused before memory is set aside for it.
	if hdr.Length > (p.size-hdr.start)*maxDeflateRatio+1024 {
		return nil, plumbing.InvalidObject, fmt.Errorf("pack entry at %d says it is %d bytes: %w", off, hdr.Length, errBadPack)
	}
	var buf []byte
	if hdr.Length >= reusable {
		buf = r.buffer(int(hdr.Length))
	}
	data, err := p.inflate(hdr, buf)
	if err != nil {
		return nil, plumbing.InvalidObject, err
	}
	o := packObject{typ: hdr.Type, data: data}
	switch hdr.Type {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		baseOff := hdr.OffsetReference
		if hdr.Type == plumbing.REFDeltaObject {
			if baseOff, err = p.idx.FindOffset(hdr.Reference); err != nil {
				return nil, plumbing.InvalidObject, errNotInPack
			}
		}
		base, typ, err := r.at(i, baseOff)
		if err != nil {
			return nil, plumbing.InvalidObject, err
		}
		if o.data, err = r.patch(base, o.data); err != nil {
			return nil, plumbing.InvalidObject, err
		}
		o.typ = typ
	default:
		return nil, plumbing.InvalidObject, errNotInPack
	}
	r.put(key, o)
	return o.data, o.typ, nil
}

// put caches an object, dropping the oldest ones beyond the limit.
func (r *packReader) put(key packKey, o packObject) {
	if len(o.data) > r.limit/4 {
		return
	}
	r.cache[key] = o
	r.order = append(r.order, key)
	r.size += len(o.data)
	for r.size > r.limit && len(r.order) > 0 {
		old := r.order[0]
		r.order = r.order[1:]
		data := r.cache[old].data
		r.size -= len(data)
		delete(r.cache, old)
		if cap(data) >= reusable && r.inUse != nil && !r.inUse(data) && len(r.free) < 8 {
			r.free = append(r.free, data[:0])
		}
	}
}

var errBadDelta = errors.New("malformed delta")

// patch rebuilds an object from its base and a delta (git's format: the base's size, the object's
// size, then instructions to copy a part of the base or insert bytes of the delta), into a reused
// buffer when one is large enough.
func (r *packReader) patch(base, delta []byte) ([]byte, error) {
	srcSize, delta, ok := deltaSize(delta)
	if !ok || srcSize != len(base) {
		return nil, errBadDelta
	}
	size, delta, ok := deltaSize(delta)
	// each byte of a delta's instructions makes at most 64 KB of the object (a copy of the base)
	if !ok || size > len(delta)*0x10000 {
		return nil, errBadDelta
	}
	out := r.buffer(size)
	for len(delta) > 0 {
		cmd := delta[0]
		delta = delta[1:]
		switch {
		case cmd&0x80 != 0: // copy from the base
			var off, n int
			for i := 0; i < 4; i++ {
				if cmd&(1<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBadDelta
					}
					off |= int(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			for i := 0; i < 3; i++ {
				if cmd&(0x10<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBadDelta
					}
					n |= int(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > len(base) || len(out)+n > size {
				return nil, errBadDelta
			}
			out = append(out, base[off:off+n]...)
		case cmd != 0: // insert the next cmd bytes
			n := int(cmd)
			if n > len(delta) || len(out)+n > size {
				return nil, errBadDelta
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errBadDelta
		}
	}
	if len(out) != size {
		return nil, errBadDelta
	}
	return out, nil
}

// deltaSize reads a size at the start of a delta: seven bits a byte, low bits first.
func deltaSize(b []byte) (int, []byte, bool) {
	n, shift := 0, 0
	for i, c := range b {
		if shift > 56 {
			return 0, nil, false
		}
		n |= int(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			return n, b[i+1:], true
		}
	}
	return 0, nil, false
}

// buffer returns an empty buffer for size bytes, a reused one when one is large enough.
func (r *packReader) buffer(size int) []byte {
	for i := len(r.free) - 1; i >= 0; i-- {
		if cap(r.free[i]) >= size {
			out := r.free[i][:0]
			r.free = append(r.free[:i], r.free[i+1:]...)
			return out
		}
	}
	return make([]byte, 0, size)
}

// objectHeader is the header of an object in a pack.
type objectHeader struct {
	Type            plumbing.ObjectType
	Length          int64 // of the object, or of the delta
	OffsetReference int64 // base of an offset delta
	Reference       plumbing.Hash
	start           int64 // where the compressed data starts
}

var errBadPack = errors.New("malformed pack entry")

// header reads the header of the object at off: its type and size (four bits, then seven a byte),
// then for an offset delta the distance back to its base, for a reference delta the base's hash.
func (p *packFile) header(off int64) (objectHeader, error) {
	var h objectHeader
	var b []byte
	if p.data != nil {
		if off < 0 || off >= int64(len(p.data)) {
			return h, errBadPack
		}
		b = p.data[off:min(off+48, int64(len(p.data)))]
	} else {
		var raw [48]byte
		n, err := p.file.ReadAt(raw[:], off)
		if n == 0 {
			return h, fmt.Errorf("read pack at %d: %w", off, err)
		}
		b = raw[:n]
	}
	i := 0
	next := func() (byte, bool) {
		if i >= len(b) {
			return 0, false
		}
		i++
		return b[i-1], true
	}
	c, ok := next()
	if !ok {
		return h, errBadPack
	}
	h.Type = plumbing.ObjectType((c >> 4) & 7)
	h.Length = int64(c & 0x0f)
	for shift := 4; c&0x80 != 0; shift += 7 {
		if c, ok = next(); !ok || shift > 56 {
			return h, errBadPack
		}
		h.Length |= int64(c&0x7f) << shift
	}
	switch h.Type {
	case plumbing.OFSDeltaObject:
		if c, ok = next(); !ok {
			return h, errBadPack
		}
		dist := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, ok = next(); !ok || dist > 1<<48 {
				return h, errBadPack
			}
			dist = (dist+1)<<7 | int64(c&0x7f)
		}
		h.OffsetReference = off - dist
	case plumbing.REFDeltaObject:
		if len(b)-i < len(h.Reference) {
			return h, errBadPack
		}
		copy(h.Reference[:], b[i:])
		i += len(h.Reference)
	}
	h.start = off + int64(i)
	return h, nil
}

// inflate returns the object's data (the delta, for a delta), decompressed into buf: by package
// inflate when the pack is mapped, which checks, as git does, that the entry inflates to exactly its
// length and that its checksum is right.
func (p *packFile) inflate(h objectHeader, buf []byte) ([]byte, error) {
	if int64(cap(buf)) < h.Length {
		buf = make([]byte, h.Length)
	}
	buf = buf[:h.Length]
	if p.data != nil {
		if h.start > int64(len(p.data)) {
			return nil, errBadPack
		}
		d := decoders.Get().(*inflate.Decoder)
		defer decoders.Put(d)
		err := d.Reset(p.data[h.start:])
		if err == nil {
			_, err = d.Rest(buf, 0)
		}
		if err != nil {
			return nil, fmt.Errorf("inflate pack entry: %w", err)
		}
		return buf, nil
	}
	src := bufio.NewReader(io.NewSectionReader(p.file, h.start, 1<<62))
	if p.zr == nil {
		zr, err := zlib.NewReader(src)
		if err != nil {
			return nil, err
		}
		p.zr = zr
	} else if err := p.zr.(zlib.Resetter).Reset(src, nil); err != nil {
		return nil, err
	}
	if _, err := io.ReadFull(p.zr, buf); err != nil {
		return nil, fmt.Errorf("inflate pack entry: %w", err)
	}
	return buf, nil
}

// stream returns object h's content as it is inflated, with the decoder it holds (back to decoders
// when the stream is done with), when h is stored whole (not as a delta) in a mapped pack, is at
// least min bytes long and is not cached; ok is false otherwise, and the object is to be read with
// read. Each stream has its own decoder, so streams may overlap.
func (r *packReader) stream(h plumbing.Hash, min int64) (s *inflate.Stream, d *inflate.Decoder, typ plumbing.ObjectType, ok bool) {
	for i, p := range r.packs {
		off, err := p.idx.FindOffset(h)
		if err != nil {
			continue
		}
		if _, cached := r.cache[packKey{i, off}]; cached || p.data == nil {
			return nil, nil, plumbing.InvalidObject, false
		}
		hdr, err := p.header(off)
		if err != nil || hdr.Length < min || hdr.start > int64(len(p.data)) {
			return nil, nil, plumbing.InvalidObject, false
		}
		switch hdr.Type {
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
		default:
			return nil, nil, plumbing.InvalidObject, false
		}
		d := decoders.Get().(*inflate.Decoder)
		if err := d.Reset(p.data[hdr.start:]); err != nil {
			decoders.Put(d)
			return nil, nil, plumbing.InvalidObject, false
		}
		return inflate.NewStream(d, nil, hdr.Length, nil), d, hdr.Type, true
	}
	return nil, nil, plumbing.InvalidObject, false
}
