package gitrepo

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/go-git/go-billy/v5"
)

// A pack index of version 1 is what git wrote before 1.5.2, and writes still with
// pack.indexVersion=1; git reads both versions. go-git's decoder refuses version 1 ("malformed IDX
// file"), and with it every object of every pack, so go-git is given such an index rewritten as
// version 2: the same objects, offsets and pack hash, with the CRC column (which version 1 lacks and
// go-git does not check when it reads) left zero. pm's own pack reader reads version 1 as it is.

// packIndexForGoGit returns f as it is when it is a version 2 index (or anything else, for go-git to
// judge), else the version 2 rewriting of it, named name.
func packIndexForGoGit(f billy.File, name string) (billy.File, error) {
	var magic [4]byte
	if _, err := f.ReadAt(magic[:], 0); err != nil || string(magic[:]) == "\377tOc" {
		return &objectsFile{File: f, name: filepath.Join(objectsPrefix, f.Name())}, nil
	}
	v1, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("read pack index %s: %w", name, err)
	}
	v2, err := idxV1AsV2(v1)
	if err != nil {
		return nil, fmt.Errorf("read pack index %s: %w", name, err)
	}
	return &memFile{Reader: bytes.NewReader(v2), name: name}, nil
}

// errBadIdx is a version 1 index cut short or out of order.
var errBadIdx = errors.New("malformed version 1 pack index")

// idxV1AsV2 rewrites a version 1 pack index (the fan-out table, then per object a 4-byte offset and
// its hash, then the pack's hash and the index's) as version 2 (header, fan-out, hashes, CRCs,
// 4-byte offsets with the high bit sending offsets past 2 GiB to the 8-byte table, the two hashes).
func idxV1AsV2(v1 []byte) ([]byte, error) {
	if len(v1) < idxV1Entries+idxTrailer {
		return nil, errBadIdx
	}
	n := int(binary.BigEndian.Uint32(v1[idxV1Entries-4:]))
	if len(v1) != idxV1Entries+24*n+idxTrailer {
		return nil, errBadIdx
	}
	entries := v1[idxV1Entries:]
	var big []uint32
	for i := 0; i < n; i++ {
		if off := binary.BigEndian.Uint32(entries[24*i:]); off&0x80000000 != 0 {
			big = append(big, off)
		}
	}
	out := make([]byte, 0, idxV2Hashes+28*n+8*len(big)+idxTrailer)
	out = append(out, "\377tOc"...)
	out = binary.BigEndian.AppendUint32(out, 2)
	out = append(out, v1[:idxV1Entries]...)
	for i := 0; i < n; i++ {
		out = append(out, entries[24*i+4:24*i+24]...)
	}
	out = append(out, make([]byte, 4*n)...) // the CRCs
	next := uint32(0)
	for i := 0; i < n; i++ {
		off := binary.BigEndian.Uint32(entries[24*i:])
		if off&0x80000000 != 0 {
			off = 0x80000000 | next
			next++
		}
		out = binary.BigEndian.AppendUint32(out, off)
	}
	for _, off := range big {
		out = binary.BigEndian.AppendUint64(out, uint64(off))
	}
	out = append(out, v1[len(v1)-idxTrailer:len(v1)-20]...) // the pack's hash
	sum := sha1.Sum(out)
	return append(out, sum[:]...), nil
}

// memFile is a read-only billy.File over bytes in memory.
type memFile struct {
	*bytes.Reader
	name string
}

func (m *memFile) Name() string              { return m.name }
func (m *memFile) Write([]byte) (int, error) { return 0, os.ErrPermission }
func (m *memFile) Close() error              { return nil }
func (m *memFile) Lock() error               { return nil }
func (m *memFile) Unlock() error             { return nil }
func (m *memFile) Truncate(int64) error      { return os.ErrPermission }
