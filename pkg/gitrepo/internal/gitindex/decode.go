package gitindex

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"strconv"
	"unsafe"
)

const (
	headerSize   = 12
	hashSize     = 20
	entryFixed   = 62 // stat fields, mode, hash and the flags word of an entry
	nameLenLimit = int(flagNameMask)
)

// Extension signatures.
var (
	sigTree      = [4]byte{'T', 'R', 'E', 'E'}
	sigReuc      = [4]byte{'R', 'E', 'U', 'C'}
	sigLink      = [4]byte{'l', 'i', 'n', 'k'}
	sigUntracked = [4]byte{'U', 'N', 'T', 'R'}
	sigFSMonitor = [4]byte{'F', 'S', 'M', 'N'}
	sigEOIE      = [4]byte{'E', 'O', 'I', 'E'}
	sigIEOT      = [4]byte{'I', 'E', 'O', 'T'}
	sigSparse    = [4]byte{'s', 'd', 'i', 'r'}
)

func corrupt(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrCorrupt)...)
}

// Decode parses an index file. The checksum is verified unless it is zero (index.skipHash).
// Damaged entries are an error; a damaged TREE, REUC, UNTR or FSMN extension is dropped, as
// git drops it (they are caches git rebuilds). A split index is ErrSplitIndex, any other
// mandatory extension but sdir is ErrMandatoryExtension. Decode keeps no reference to data.
func Decode(data []byte) (*Index, error) { return decode(data, true) }

// DecodeUnverified parses an index file as Decode does but does not hash it to verify the checksum,
// as git reads its index for every command but git fsck: a read that changes nothing needs no hash
// of the whole file (about 3 ms of SHA-1 for 10,000 entries). Damage to the entries' structure is
// still an error.
func DecodeUnverified(data []byte) (*Index, error) { return decode(data, false) }

// header checks an index file's header and returns an Index of its version and checksum, and the
// file's body: everything but the checksum.
func header(data []byte) (*Index, []byte, error) {
	if len(data) < headerSize+hashSize {
		return nil, nil, corrupt("index is %d bytes, smaller than a header and checksum", len(data))
	}
	if string(data[:4]) != "DIRC" {
		return nil, nil, corrupt("index signature is %q, not \"DIRC\"", data[:4])
	}
	x := &Index{Version: binary.BigEndian.Uint32(data[4:])}
	if x.Version < 2 || x.Version > 4 {
		return nil, nil, fmt.Errorf("index version %d: %w", x.Version, ErrVersion)
	}
	body := data[:len(data)-hashSize]
	copy(x.Checksum[:], data[len(body):])
	x.SkipHash = x.Checksum.IsZero()
	return x, body, nil
}

func decode(data []byte, verify bool) (*Index, error) {
	x, body, err := header(data)
	if err != nil {
		return nil, err
	}
	if x.SkipHash || !verify {
		return x.decode(data, body)
	}
	if len(body) < concurrentHashSize {
		if sha1.Sum(body) != x.Checksum {
			return nil, ErrChecksum
		}
		return x.decode(data, body)
	}
	// A large index is hashed while its entries are decoded; the checksum's verdict still comes
	// first, and Decode returns only once the hash is done with data.
	sum := make(chan [hashSize]byte, 1)
	go func() { sum <- sha1.Sum(body) }()
	out, err := x.decode(data, body)
	if <-sum != x.Checksum {
		return nil, ErrChecksum
	}
	return out, err
}

// concurrentHashSize is the index size from which Decode hashes it on another goroutine: about
// 5,000 entries, where the hash takes a few hundred microseconds.
const concurrentHashSize = 512 << 10

// decode parses the entries and extensions of an index whose header was checked.
func (x *Index) decode(data, body []byte) (*Index, error) {
	n := binary.BigEndian.Uint32(data[8:])
	// Every entry takes at least 64 bytes; a larger count is damage, not a reason to allocate.
	if uint64(n) > uint64(len(body)-headerSize)/entryFixed {
		return nil, corrupt("index claims %d entries in %d bytes", n, len(data))
	}
	// An entry out of order or without a name is damage, unless the index turns out to be
	// split: there, entries replacing ones of the shared index may have empty names.
	off, deferred, err := x.decodeEntries(body, int(n))
	if err != nil {
		return nil, err
	}
	var dirty []int
	err = forExtensions(body, off, func(sig [4]byte, ext []byte) error {
		switch sig {
		case sigTree:
			x.Tree = parseTree(ext)
		case sigReuc:
			x.ResolveUndo = parseResolveUndo(ext)
		case sigLink:
			return ErrSplitIndex
		case sigUntracked:
			x.Untracked = parseUntracked(ext)
		case sigFSMonitor:
			x.FSMonitor, dirty = parseFSMonitor(ext, len(x.Entries))
		case sigEOIE, sigIEOT:
			// Offsets into this very file: Encode computes them anew.
		case sigSparse:
			x.Sparse = true
		default:
			if err := checkOptional(sig); err != nil {
				return err
			}
			x.Unknown = append(x.Unknown, Extension{Signature: sig, Data: bytes.Clone(ext)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if deferred != nil {
		return nil, deferred
	}
	if x.FSMonitor != nil {
		// git marks every entry but gitlinks valid, then clears the bits the bitmap lists.
		for i := range x.Entries {
			x.Entries[i].FSMonitorValid = x.Entries[i].Mode != ModeGitlink
		}
		for _, i := range dirty {
			x.Entries[i].FSMonitorValid = false
		}
	}
	return x, nil
}

// forExtensions hands each extension after the entries (from off to the end of body) to fn.
func forExtensions(body []byte, off int, fn func(sig [4]byte, ext []byte) error) error {
	for off < len(body) {
		if len(body)-off < 8 {
			return corrupt("%d stray bytes after the extensions", len(body)-off)
		}
		var sig [4]byte
		copy(sig[:], body[off:])
		size := binary.BigEndian.Uint32(body[off+4:])
		off += 8
		if uint64(size) > uint64(len(body)-off) {
			return corrupt("extension %q of %d bytes runs past the end of the index", sig[:], size)
		}
		if err := fn(sig, body[off:off+int(size)]); err != nil {
			return err
		}
		off += int(size)
	}
	return nil
}

// checkOptional refuses an extension a reader must understand (its signature does not begin with
// an upper-case letter) and that this package does not.
func checkOptional(sig [4]byte) error {
	if sig[0] < 'A' || sig[0] > 'Z' {
		return fmt.Errorf("index extension %q: %w", sig[:], ErrMandatoryExtension)
	}
	return nil
}

// decodeEntries parses n entries after the header and returns the offset after them, and the
// first entry with an empty name or out of order, which is an error only if the index is not
// split (see Decode).
func (x *Index) decodeEntries(body []byte, n int) (off int, deferred, err error) {
	x.Entries = make([]Entry, n)
	if n == 0 {
		return headerSize, nil, nil
	}
	// All names go into one buffer and then one string, so entries need no allocation each.
	sc := entryScan{body: body, version: x.Version, off: headerSize}
	var names []byte
	if x.Version == 4 {
		sc.names = make([]byte, 0, n*40) // the scan spells the names out there
	} else {
		names = make([]byte, 0, len(body)-headerSize-n*entryFixed)
	}
	ends := make([]uint32, n)
	for i := 0; i < n; i++ {
		if err := sc.next(); err != nil {
			return 0, nil, err
		}
		e := &x.Entries[i]
		fillEntry(e, sc.fixed, sc.flags, sc.ext)
		if x.Version == 4 {
			ends[i] = uint32(len(sc.names))
		} else {
			names = append(names, sc.name...)
			ends[i] = uint32(len(names))
		}
		if e.Mode == ModeDir {
			x.Sparse = true
		}
	}
	if x.Version == 4 {
		names = sc.names
	}
	// names is never written again: the names share its bytes instead of a copy of them (half a
	// megabyte for 10,000 entries, allocated and copied by every command that reads the index).
	all := unsafe.String(unsafe.SliceData(names), len(names))
	start := uint32(0)
	for i := range x.Entries {
		x.Entries[i].Name = all[start:ends[i]]
		start = ends[i]
	}
	return sc.off, sc.deferred, nil
}

// fillEntry sets e's fields, but its name, from its fixed part p and its flag words.
func fillEntry(e *Entry, p []byte, flags, ext uint16) {
	e.CtimeSec = binary.BigEndian.Uint32(p[0:])
	e.CtimeNsec = binary.BigEndian.Uint32(p[4:])
	e.MtimeSec = binary.BigEndian.Uint32(p[8:])
	e.MtimeNsec = binary.BigEndian.Uint32(p[12:])
	e.Dev = binary.BigEndian.Uint32(p[16:])
	e.Ino = binary.BigEndian.Uint32(p[20:])
	e.Mode = binary.BigEndian.Uint32(p[24:])
	e.UID = binary.BigEndian.Uint32(p[28:])
	e.GID = binary.BigEndian.Uint32(p[32:])
	e.Size = binary.BigEndian.Uint32(p[36:])
	copy(e.Hash[:], p[40:60])
	e.Flags = flags & (FlagAssumeValid | FlagStageMask)
	e.ExtFlags = ext
}

// entryScan reads an index's entries one after the other and checks their structure as git does:
// Decode keeps each, a View only where it is.
type entryScan struct {
	body    []byte
	version uint32
	off     int // where the next entry starts
	i       int // the next entry's number
	// names is, for version 4, every name so far spelled out (a name is stored as what it keeps of
	// the previous one and the rest)
	names []byte
	// the current entry: its fixed part (stat fields, mode, hash, flags), flag words and name
	// (part of body, or of names for version 4)
	fixed     []byte
	flags     uint16
	ext       uint16
	name      []byte
	prevName  []byte
	prevStage int
	// deferred is the first entry with an empty name or out of order: an error only if the index
	// is not split (see Decode)
	deferred error
}

// next reads the next entry.
func (s *entryScan) next() error {
	i, body := s.i, s.body
	if len(body)-s.off < entryFixed {
		return corrupt("index entry %d is truncated", i)
	}
	p := body[s.off:]
	flags := binary.BigEndian.Uint16(p[60:])
	var ext uint16
	hdr := entryFixed
	if flags&flagExtended != 0 {
		if s.version < 3 {
			return corrupt("index entry %d has extended flags in a version %d index", i, s.version)
		}
		if len(p) < entryFixed+2 {
			return corrupt("index entry %d is truncated", i)
		}
		ext = binary.BigEndian.Uint16(p[62:])
		if ext&^extKnown != 0 {
			return corrupt("index entry %d has unknown extended flags %#04x", i, ext)
		}
		hdr += 2
	}
	nameLen := int(flags & flagNameMask)
	var name []byte
	if s.version == 4 {
		q := p[hdr:]
		strip, k, ok := decodeVarint(q)
		if !ok {
			return corrupt("index entry %d has a bad name prefix length", i)
		}
		q = q[k:]
		nul := bytes.IndexByte(q, 0)
		if nul < 0 {
			return corrupt("index entry %d has no name terminator", i)
		}
		names := s.names
		start := len(names)
		if i > 0 {
			if strip > uint64(len(s.prevName)) {
				return corrupt("index entry %d strips %d bytes from a %d-byte name", i, strip, len(s.prevName))
			}
			names = append(names, s.prevName[:len(s.prevName)-int(strip)]...)
		}
		names = append(names, q[:nul]...)
		s.names, name = names, names[start:]
		if nameLen != nameLenLimit && nameLen != len(name) {
			return corrupt("index entry %d names %d bytes but is %d long", i, nameLen, len(name))
		}
		s.off += hdr + k + nul + 1
	} else {
		q := p[hdr:]
		if nameLen == nameLenLimit {
			nameLen = bytes.IndexByte(q, 0)
			if nameLen < 0 {
				return corrupt("index entry %d has no name terminator", i)
			}
		} else if nameLen >= len(q) || q[nameLen] != 0 || bytes.IndexByte(q[:nameLen], 0) >= 0 {
			return corrupt("index entry %d has a name not %d bytes long and NUL-terminated", i, nameLen)
		}
		size := (hdr + nameLen + 8) &^ 7
		if size > len(p) {
			return corrupt("index entry %d is truncated", i)
		}
		name = q[:nameLen:nameLen]
		s.off += size
	}
	stage := int(flags&FlagStageMask) >> flagStageShift
	if len(name) == 0 && s.deferred == nil {
		s.deferred = corrupt("index entry %d has an empty name", i)
	}
	if i > 0 && s.deferred == nil {
		c := bytes.Compare(s.prevName, name)
		if c > 0 || c == 0 && (s.prevStage == 0 || s.prevStage >= stage) {
			s.deferred = corrupt("index entries %d and %d are out of order", i-1, i)
		}
	}
	s.fixed, s.flags, s.ext, s.name = p[:entryFixed], flags, ext, name
	s.prevName, s.prevStage = name, stage
	s.i++
	return nil
}

// decodeVarint reads git's offset varint (the encoding of OFS_DELTA offsets) and returns the
// value and its length.
func decodeVarint(p []byte) (uint64, int, bool) {
	if len(p) == 0 {
		return 0, 0, false
	}
	c := p[0]
	v := uint64(c & 127)
	k := 1
	for c&128 != 0 {
		v++
		if v == 0 || v>>(64-7) != 0 || k >= len(p) {
			return 0, 0, false
		}
		c = p[k]
		k++
		v = v<<7 | uint64(c&127)
	}
	return v, k, true
}

// appendVarint appends v in git's offset varint encoding.
func appendVarint(b []byte, v uint64) []byte {
	var buf [16]byte
	pos := len(buf) - 1
	buf[pos] = byte(v & 127)
	for v >>= 7; v != 0; v >>= 7 {
		v--
		pos--
		buf[pos] = 128 | byte(v&127)
	}
	return append(b, buf[pos:]...)
}

// parseFSMonitor parses an FSMN extension for an index of n entries; nil when git would not
// use it (damaged, unknown version, or a bitmap larger than the index).
func parseFSMonitor(p []byte, n int) (*FSMonitor, []int) {
	if len(p) < 4+1+4 {
		return nil, nil
	}
	fm := &FSMonitor{Version: binary.BigEndian.Uint32(p)}
	p = p[4:]
	switch fm.Version {
	case 1:
		if len(p) < 8 {
			return nil, nil
		}
		fm.Token = strconv.FormatUint(binary.BigEndian.Uint64(p), 10)
		p = p[8:]
	case 2:
		nul := bytes.IndexByte(p, 0)
		if nul < 0 {
			return nil, nil
		}
		fm.Token = string(p[:nul])
		p = p[nul+1:]
	default:
		return nil, nil
	}
	if len(p) < 4 {
		return nil, nil
	}
	size := binary.BigEndian.Uint32(p)
	p = p[4:]
	if uint64(size) > uint64(len(p)) {
		return nil, nil
	}
	bm, used, ok := readEWAH(p[:size])
	if !ok || used != int(size) || bm.bitSize > uint32(n) {
		return nil, nil
	}
	var dirty []int
	if !bm.each(n, func(i int) { dirty = append(dirty, i) }) {
		return nil, nil
	}
	return fm, dirty
}
