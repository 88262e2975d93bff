package gitindex

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// View is an index file read for one pass that looks at every entry and keeps few of them, such
// as the walk that finds the files staged for a commit: each entry is found where it lies in the
// file's bytes rather than decoded into an Entry. Decoding a 10,000-entry index made 1.5 MB of
// fresh Entry values and names, whose page faults cost a pre-commit hook more than the walk; a
// View makes one offset per entry. It reads the bytes it was made from, which must outlive it.
//
// DecodeView checks what DecodeUnverified checks, and refuses what it refuses, with the same
// errors; of the extensions it keeps only the cache tree, and whether the index is sparse.
type View struct {
	Version uint32
	Tree    *TreeNode // the TREE extension, nil when there is none
	Sparse  bool      // sparse-directory entries or the sdir extension

	data  []byte
	offs  []uint32 // where each entry starts in data
	names []byte   // version 4: the names spelled out, entry i's ending at ends[i]
	ends  []uint32
}

// DecodeView reads an index file as DecodeUnverified does (the checksum is not hashed), into a
// View of data.
func DecodeView(data []byte) (*View, error) {
	x, body, err := header(data)
	if err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(data[8:])
	if uint64(n) > uint64(len(body)-headerSize)/entryFixed {
		return nil, corrupt("index claims %d entries in %d bytes", n, len(data))
	}
	v := &View{Version: x.Version, data: data, offs: make([]uint32, n)}
	sc := entryScan{body: body, version: v.Version, off: headerSize}
	if v.Version == 4 {
		sc.names = make([]byte, 0, n*40)
		v.ends = make([]uint32, n)
	}
	for i := range v.offs {
		v.offs[i] = uint32(sc.off)
		if err := sc.next(); err != nil {
			return nil, err
		}
		if v.Version == 4 {
			v.ends[i] = uint32(len(sc.names))
		}
		if binary.BigEndian.Uint32(sc.fixed[24:]) == ModeDir {
			v.Sparse = true
		}
	}
	v.names = sc.names
	off := sc.off
	if n == 0 {
		off = headerSize
	}
	err = forExtensions(body, off, func(sig [4]byte, ext []byte) error {
		switch sig {
		case sigTree:
			v.Tree = parseTree(ext)
		case sigLink:
			return ErrSplitIndex
		case sigSparse:
			v.Sparse = true
		case sigReuc, sigUntracked, sigFSMonitor, sigEOIE, sigIEOT:
		default:
			return checkOptional(sig)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if sc.deferred != nil {
		return nil, sc.deferred
	}
	return v, nil
}

// Len returns the number of entries.
func (v *View) Len() int { return len(v.offs) }

// entry returns entry i's fixed part and flag words, and where its name starts in data.
func (v *View) entry(i int) (p []byte, flags, ext uint16, nameAt int) {
	off := int(v.offs[i])
	p = v.data[off : off+entryFixed]
	flags = binary.BigEndian.Uint16(p[60:])
	nameAt = off + entryFixed
	if flags&flagExtended != 0 {
		ext = binary.BigEndian.Uint16(v.data[nameAt:])
		nameAt += 2
	}
	return p, flags, ext, nameAt
}

// Name returns entry i's path, part of the View's bytes: not to be changed.
func (v *View) Name(i int) string {
	if v.Version == 4 {
		start := uint32(0)
		if i > 0 {
			start = v.ends[i-1]
		}
		return unsafeString(v.names[start:v.ends[i]])
	}
	_, flags, _, at := v.entry(i)
	n := int(flags & flagNameMask)
	if n == nameLenLimit {
		n = strings.IndexByte(unsafeString(v.data[at:]), 0)
	}
	return unsafeString(v.data[at : at+n])
}

// Mode returns entry i's mode.
func (v *View) Mode(i int) uint32 { return binary.BigEndian.Uint32(v.data[v.offs[i]+24:]) }

// Hash returns entry i's object name.
func (v *View) Hash(i int) Hash {
	off := v.offs[i] + 40
	return Hash(v.data[off : off+hashSize])
}

// Stage returns entry i's merge stage.
func (v *View) Stage(i int) int {
	return int(binary.BigEndian.Uint16(v.data[v.offs[i]+60:])&FlagStageMask) >> flagStageShift
}

// IntentToAdd reports entry i's intent-to-add flag.
func (v *View) IntentToAdd(i int) bool {
	_, _, ext, _ := v.entry(i)
	return ext&ExtIntentToAdd != 0
}

// Entry returns entry i decoded, its name a copy.
func (v *View) Entry(i int) Entry {
	p, flags, ext, _ := v.entry(i)
	var e Entry
	fillEntry(&e, p, flags, ext)
	e.Name = strings.Clone(v.Name(i))
	return e
}

// unsafeString is b as a string without a copy: b is the View's, never written.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
