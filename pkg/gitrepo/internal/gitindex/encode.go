package gitindex

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"runtime"
)

// EncodeOptions carries the configuration git consults when it writes an index. The zero
// value is git with no such configuration.
type EncodeOptions struct {
	// SkipHash is index.skipHash: end the file with a zero checksum instead of its SHA-1.
	SkipHash bool
	// DefaultVersion is the version of a new index (Index.Version 0): index.version, or
	// GIT_INDEX_VERSION, or 4 under feature.manyFiles. 0 means git's default, 3 (which is
	// written as 2 when no entry needs the extended flags).
	DefaultVersion uint32

	// ThreadsSet reports that index.threads is configured (or GIT_TEST_INDEX_THREADS is set
	// to a non-zero number, which takes precedence); Threads is its value as git reads it:
	// 0 for true (one thread per CPU), 1 for false, otherwise a thread count.
	ThreadsSet bool
	Threads    int
	// CPUs is the number of online CPUs, used when Threads is 0; runtime.NumCPU() if 0.
	CPUs int
	// RecordEndOfIndexEntries and RecordOffsetTable are index.recordEndOfIndexEntries and
	// index.recordOffsetTable; nil when unset, in which case git records the EOIE and IEOT
	// extensions when index.threads is set to anything but 1 (false).
	RecordEndOfIndexEntries *bool
	RecordOffsetTable       *bool

	// WriteUnknown writes Index.Unknown, the optional extensions Decode did not understand,
	// before sdir and EOIE. git drops them (they may describe entries it has since changed).
	WriteUnknown bool
}

// threadCost is git's THREAD_COST: at least this many entries per index-reading thread.
const threadCost = 10000

// recordEOIE is git's record_eoie.
func (o *EncodeOptions) recordEOIE() bool {
	if o.RecordEndOfIndexEntries != nil {
		return *o.RecordEndOfIndexEntries
	}
	return o.ThreadsSet && o.Threads != 1
}

// offsetTableBlocks returns how many IEOT blocks git writes for n entries; fewer than 2
// means no IEOT extension.
func (o *EncodeOptions) offsetTableBlocks(n int) int {
	if !o.ThreadsSet || o.Threads == 1 {
		return 0
	}
	if o.RecordOffsetTable != nil && !*o.RecordOffsetTable {
		return 0
	}
	if o.Threads != 0 {
		return min(o.Threads, n)
	}
	// One block per thread that reads entries; one more thread reads the extensions.
	cpus := o.CPUs
	if cpus == 0 {
		cpus = runtime.NumCPU()
	}
	return min(n/threadCost, cpus-1)
}

// Encode writes the index as git would write the same in-memory index with the given
// configuration: the same version (a version 2 or 3 index becomes whichever its entries need),
// version 4 prefix compression, the extensions in git's order (IEOT, TREE, REUC, UNTR, FSMN,
// sdir, EOIE, with EOIE and IEOT computed anew), and the SHA-1 trailer or zeros.
//
// Encode refuses entries out of order (ErrUnsorted) and entries with the null object name
// (ErrNullHash), as git does. It writes with a single Write call.
func (x *Index) Encode(w io.Writer, opts EncodeOptions) error {
	b, err := x.appendEncoded(nil, &opts)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	return nil
}

// version returns the version Encode writes.
func (x *Index) version(opts *EncodeOptions) (uint32, error) {
	v := x.Version
	if v == 0 {
		v = opts.DefaultVersion
		if v < 2 || v > 4 {
			v = 3
		}
	}
	if v < 2 || v > 4 {
		return 0, fmt.Errorf("index version %d: %w", v, ErrVersion)
	}
	if v == 2 || v == 3 {
		v = 2
		for i := range x.Entries {
			if x.Entries[i].ExtFlags&extKnown != 0 {
				v = 3
				break
			}
		}
	}
	return v, nil
}

func (x *Index) appendEncoded(b []byte, opts *EncodeOptions) ([]byte, error) {
	v, err := x.version(opts)
	if err != nil {
		return nil, err
	}
	if err := checkOrder(x.Entries); err != nil {
		return nil, fmt.Errorf("write index: %w", err)
	}
	nameBytes := 0
	for i := range x.Entries {
		e := &x.Entries[i]
		if e.Hash.IsZero() {
			return nil, fmt.Errorf("write index: %s: %w", quote(e.Name), ErrNullHash)
		}
		if e.Name == "" {
			return nil, fmt.Errorf("write index: entry %d has an empty name: %w", i, ErrInvalidPath)
		}
		nameBytes += len(e.Name)
	}
	n := len(x.Entries)
	b = grow(b, headerSize+n*(entryFixed+2+8)+nameBytes+1024)
	start := len(b)
	b = append(b, 'D', 'I', 'R', 'C')
	b = binary.BigEndian.AppendUint32(b, v)
	b = binary.BigEndian.AppendUint32(b, uint32(n))

	var ieot []byte
	perBlock := 0
	if blocks := opts.offsetTableBlocks(n); blocks > 1 {
		perBlock = (n + blocks - 1) / blocks
		ieot = binary.BigEndian.AppendUint32(make([]byte, 0, 4+8*blocks), 1)
	}
	blockStart, blockCount := len(b)-start, 0
	prev := ""
	for i := range x.Entries {
		e := &x.Entries[i]
		if perBlock > 0 && i > 0 && i%perBlock == 0 {
			ieot = binary.BigEndian.AppendUint32(ieot, uint32(blockStart))
			ieot = binary.BigEndian.AppendUint32(ieot, uint32(blockCount))
			blockStart, blockCount = len(b)-start, 0
			// A block must decode on its own: its first name shares nothing with the one before.
			if v == 4 {
				b = appendEntry(b, e, prev, 0)
				prev = e.Name
				blockCount++
				continue
			}
		}
		if v == 4 {
			b = appendEntry(b, e, prev, commonPrefix(prev, e.Name))
			prev = e.Name
		} else {
			b = appendEntry(b, e, "", -1)
		}
		blockCount++
	}
	if perBlock > 0 && blockCount > 0 {
		ieot = binary.BigEndian.AppendUint32(ieot, uint32(blockStart))
		ieot = binary.BigEndian.AppendUint32(ieot, uint32(blockCount))
	}
	entriesEnd := len(b) - start

	// The EOIE extension hashes the signature and size of every extension before it.
	var eoie hashWriter
	recordEOIE := opts.recordEOIE()
	if recordEOIE {
		eoie.h = sha1.New()
	}
	ext := func(sig [4]byte, body func([]byte) []byte) {
		at := len(b)
		b = append(b, sig[:]...)
		b = append(b, 0, 0, 0, 0)
		b = body(b)
		binary.BigEndian.PutUint32(b[at+4:], uint32(len(b)-at-8))
		eoie.write(b[at : at+8])
	}
	if ieot != nil {
		ext(sigIEOT, func(b []byte) []byte { return append(b, ieot...) })
	}
	if x.Tree != nil {
		ext(sigTree, func(b []byte) []byte { return appendTree(b, x.Tree) })
	}
	if x.ResolveUndo != nil {
		ext(sigReuc, func(b []byte) []byte { return appendResolveUndo(b, x.ResolveUndo) })
	}
	if x.Untracked != nil {
		ext(sigUntracked, func(b []byte) []byte { return appendUntracked(b, x.Untracked) })
	}
	if x.FSMonitor != nil {
		ext(sigFSMonitor, x.appendFSMonitor)
	}
	if opts.WriteUnknown {
		for _, u := range x.Unknown {
			ext(u.Signature, func(b []byte) []byte { return append(b, u.Data...) })
		}
	}
	if x.Sparse {
		ext(sigSparse, func(b []byte) []byte { return b })
	}
	if recordEOIE {
		b = append(b, sigEOIE[:]...)
		b = binary.BigEndian.AppendUint32(b, 4+hashSize)
		b = binary.BigEndian.AppendUint32(b, uint32(entriesEnd))
		b = eoie.h.Sum(b)
	}
	if opts.SkipHash {
		var zero Hash
		b = append(b, zero[:]...)
	} else {
		sum := sha1.Sum(b[start:])
		b = append(b, sum[:]...)
	}
	return b, nil
}

func grow(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n)
		copy(nb, b)
		b = nb
	}
	return b
}

type hashWriter struct{ h hash.Hash }

func (w *hashWriter) write(p []byte) {
	if w.h != nil {
		w.h.Write(p)
	}
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// appendEntry appends one entry. common < 0 selects the version 2/3 layout (full name, NUL
// padding to a multiple of eight bytes); otherwise the version 4 layout, stripping
// len(prev)-common bytes from the previous name prev.
func appendEntry(b []byte, e *Entry, prev string, common int) []byte {
	for _, v := range [...]uint32{e.CtimeSec, e.CtimeNsec, e.MtimeSec, e.MtimeNsec, e.Dev, e.Ino, e.Mode, e.UID, e.GID, e.Size} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	b = append(b, e.Hash[:]...)
	flags := e.Flags&(FlagAssumeValid|FlagStageMask) | uint16(min(len(e.Name), nameLenLimit))
	ext := e.ExtFlags & extKnown
	hdr := entryFixed
	if ext != 0 {
		flags |= flagExtended
		hdr += 2
	}
	b = binary.BigEndian.AppendUint16(b, flags)
	if ext != 0 {
		b = binary.BigEndian.AppendUint16(b, ext)
	}
	if common >= 0 {
		b = appendVarint(b, uint64(len(prev)-common))
		b = append(b, e.Name[common:]...)
		return append(b, 0)
	}
	b = append(b, e.Name...)
	pad := (hdr+len(e.Name)+8)&^7 - hdr - len(e.Name)
	var zeros [8]byte
	return append(b, zeros[:pad]...)
}

// appendFSMonitor appends the FSMN extension body: always version 2, with a bitmap of the
// entries not vouched for by the monitor.
func (x *Index) appendFSMonitor(b []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, 2)
	b = append(b, x.FSMonitor.Token...)
	b = append(b, 0)
	at := len(b)
	b = append(b, 0, 0, 0, 0)
	bm := newEWAH()
	for i := range x.Entries {
		if !x.Entries[i].FSMonitorValid {
			bm.set(uint64(i))
		}
	}
	b = bm.appendTo(b)
	binary.BigEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	return b
}
