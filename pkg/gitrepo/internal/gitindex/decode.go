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

func decode(data []byte, verify bool) (*Index, error) {
	if len(data) < headerSize+hashSize {
		return nil, corrupt("index is %d bytes, smaller than a header and checksum", len(data))
	}
	if string(data[:4]) != "DIRC" {
		return nil, corrupt("index signature is %q, not \"DIRC\"", data[:4])
	}
	x := &Index{Version: binary.BigEndian.Uint32(data[4:])}
	if x.Version < 2 || x.Version > 4 {
		return nil, fmt.Errorf("index version %d: %w", x.Version, ErrVersion)
	}
	body := data[:len(data)-hashSize]
	copy(x.Checksum[:], data[len(body):])
	if x.Checksum.IsZero() {
		x.SkipHash = true
		return x.decode(data, body)
	}
	if !verify {
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
	for off < len(body) {
		if len(body)-off < 8 {
			return nil, corrupt("%d stray bytes after the extensions", len(body)-off)
		}
		var sig [4]byte
		copy(sig[:], body[off:])
		size := binary.BigEndian.Uint32(body[off+4:])
		off += 8
		if uint64(size) > uint64(len(body)-off) {
			return nil, corrupt("extension %q of %d bytes runs past the end of the index", sig[:], size)
		}
		ext := body[off : off+int(size)]
		off += int(size)
		switch sig {
		case sigTree:
			x.Tree = parseTree(ext)
		case sigReuc:
			x.ResolveUndo = parseResolveUndo(ext)
		case sigLink:
			return nil, ErrSplitIndex
		case sigUntracked:
			x.Untracked = parseUntracked(ext)
		case sigFSMonitor:
			x.FSMonitor, dirty = parseFSMonitor(ext, len(x.Entries))
		case sigEOIE, sigIEOT:
			// Offsets into this very file: Encode computes them anew.
		case sigSparse:
			x.Sparse = true
		default:
			if sig[0] < 'A' || sig[0] > 'Z' {
				return nil, fmt.Errorf("index extension %q: %w", sig[:], ErrMandatoryExtension)
			}
			x.Unknown = append(x.Unknown, Extension{Signature: sig, Data: bytes.Clone(ext)})
		}
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

// decodeEntries parses n entries after the header and returns the offset after them, and the
// first entry with an empty name or out of order, which is an error only if the index is not
// split (see Decode).
func (x *Index) decodeEntries(body []byte, n int) (off int, deferred, err error) {
	x.Entries = make([]Entry, n)
	if n == 0 {
		return headerSize, nil, nil
	}
	// All names go into one buffer and then one string, so entries need no allocation each.
	nameCap := len(body) - headerSize - n*entryFixed
	if x.Version == 4 {
		nameCap = n * 40
	}
	names := make([]byte, 0, nameCap)
	ends := make([]uint32, n)
	off = headerSize
	prevStart := 0
	for i := 0; i < n; i++ {
		if len(body)-off < entryFixed {
			return 0, nil, corrupt("index entry %d is truncated", i)
		}
		p := body[off:]
		e := &x.Entries[i]
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
		flags := binary.BigEndian.Uint16(p[60:])
		e.Flags = flags & (FlagAssumeValid | FlagStageMask)
		hdr := entryFixed
		if flags&flagExtended != 0 {
			if x.Version < 3 {
				return 0, nil, corrupt("index entry %d has extended flags in a version %d index", i, x.Version)
			}
			if len(p) < entryFixed+2 {
				return 0, nil, corrupt("index entry %d is truncated", i)
			}
			e.ExtFlags = binary.BigEndian.Uint16(p[62:])
			if e.ExtFlags&^extKnown != 0 {
				return 0, nil, corrupt("index entry %d has unknown extended flags %#04x", i, e.ExtFlags)
			}
			hdr += 2
		}
		nameLen := int(flags & flagNameMask)
		start := len(names)
		if x.Version == 4 {
			q := p[hdr:]
			strip, k, ok := decodeVarint(q)
			if !ok {
				return 0, nil, corrupt("index entry %d has a bad name prefix length", i)
			}
			q = q[k:]
			nul := bytes.IndexByte(q, 0)
			if nul < 0 {
				return 0, nil, corrupt("index entry %d has no name terminator", i)
			}
			if i > 0 {
				prevLen := start - prevStart
				if strip > uint64(prevLen) {
					return 0, nil, corrupt("index entry %d strips %d bytes from a %d-byte name", i, strip, prevLen)
				}
				names = append(names, names[prevStart:start-int(strip)]...)
			}
			names = append(names, q[:nul]...)
			off += hdr + k + nul + 1
		} else {
			q := p[hdr:]
			if nameLen == nameLenLimit {
				nameLen = bytes.IndexByte(q, 0)
				if nameLen < 0 {
					return 0, nil, corrupt("index entry %d has no name terminator", i)
				}
			} else if nameLen >= len(q) || q[nameLen] != 0 || bytes.IndexByte(q[:nameLen], 0) >= 0 {
				return 0, nil, corrupt("index entry %d has a name not %d bytes long and NUL-terminated", i, nameLen)
			}
			size := (hdr + nameLen + 8) &^ 7
			if size > len(p) {
				return 0, nil, corrupt("index entry %d is truncated", i)
			}
			names = append(names, q[:nameLen]...)
			off += size
		}
		full := len(names) - start
		if full == 0 && deferred == nil {
			deferred = corrupt("index entry %d has an empty name", i)
		}
		if x.Version == 4 && nameLen != nameLenLimit && nameLen != full {
			return 0, nil, corrupt("index entry %d names %d bytes but is %d long", i, nameLen, full)
		}
		if i > 0 && deferred == nil {
			c := bytes.Compare(names[prevStart:start], names[start:])
			if c > 0 || c == 0 && (x.Entries[i-1].Stage() == 0 || x.Entries[i-1].Stage() >= e.Stage()) {
				deferred = corrupt("index entries %d and %d are out of order", i-1, i)
			}
		}
		if e.Mode == ModeDir {
			x.Sparse = true
		}
		ends[i] = uint32(len(names))
		prevStart = start
	}
	// names is never written again: the names share its bytes instead of a copy of them (half a
	// megabyte for 10,000 entries, allocated and copied by every command that reads the index).
	all := unsafe.String(unsafe.SliceData(names), len(names))
	start := uint32(0)
	for i := range x.Entries {
		x.Entries[i].Name = all[start:ends[i]]
		start = ends[i]
	}
	return off, deferred, nil
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
