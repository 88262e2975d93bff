package gitindex

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
	"testing"

	// go-git is imported here only to compare speed and decoded fields with the codec pm
	// used before; the package itself does not depend on it.
	gogitindex "github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// synthIndex makes an index of n entries laid out like a large postmortem repository, with
// realistic stat data and a valid cache tree for half of the directories.
func synthIndex(n int, version uint32) *Index {
	x := &Index{Version: version, Entries: make([]Entry, n)}
	for i := range x.Entries {
		e := &x.Entries[i]
		e.Name = fmt.Sprintf("postmortems/%04d/%02d/incident-%06d.md", i/1000, i/100%10, i)
		e.CtimeSec, e.CtimeNsec = 1700000000+uint32(i), uint32(i*7919)%1e9
		e.MtimeSec, e.MtimeNsec = e.CtimeSec, e.CtimeNsec
		e.Dev, e.Ino, e.UID, e.GID = 2049, uint32(1e6+i), 1000, 1000
		e.Mode, e.Size = ModeRegular, uint32(500+i%3000)
		binary.BigEndian.PutUint32(e.Hash[:], uint32(i)+1)
		e.Hash[19] = 0xaa
	}
	return x
}

// synthFiles returns synthIndex(n) encoded as versions 2 and 4, with a full cache tree.
func synthFiles(n int) map[uint32][]byte {
	out := map[uint32][]byte{}
	for _, v := range []uint32{2, 4} {
		x := synthIndex(n, v)
		if _, err := x.UpdateTree(memStore{}); err != nil {
			panic(err)
		}
		var b bytes.Buffer
		if err := x.Encode(&b, EncodeOptions{}); err != nil {
			panic(err)
		}
		out[v] = b.Bytes()
	}
	return out
}

var benchIndexes = sync.OnceValue(func() map[uint32][]byte { return synthFiles(100000) })

// TestSyntheticIndex: go-git decodes a synthetic index like the benchmarks' to the same
// entries as Decode, so the benchmarks compare like with like.
func TestSyntheticIndex(t *testing.T) {
	t.Parallel()
	for v, data := range synthFiles(testenv.Inputs(1000, 5000)) {
		x := mustDecode(t, data)
		var g gogitindex.Index
		if err := gogitindex.NewDecoder(bytes.NewReader(data)).Decode(&g); err != nil {
			t.Fatalf("go-git, version %d: %v", v, err)
		}
		if len(g.Entries) != len(x.Entries) || x.Tree == nil || g.Cache == nil {
			t.Fatalf("version %d: go-git %d entries, ours %d", v, len(g.Entries), len(x.Entries))
		}
		for i, ge := range g.Entries {
			e := &x.Entries[i]
			if ge.Name != e.Name || [20]byte(ge.Hash) != e.Hash || uint32(ge.Mode) != e.Mode || ge.Size != e.Size ||
				ge.Inode != e.Ino || uint32(ge.ModifiedAt.Unix()) != e.MtimeSec || uint32(ge.ModifiedAt.Nanosecond()) != e.MtimeNsec {
				t.Fatalf("version %d, entry %d: go-git %+v, ours %+v", v, i, ge, *e)
			}
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, v := range []uint32{2, 4} {
		data := benchIndexes()[v]
		b.Run(fmt.Sprintf("v%d/gitindex", v), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("v%d/go-git", v), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var idx gogitindex.Index
				if err := gogitindex.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, v := range []uint32{2, 4} {
		data := benchIndexes()[v]
		x, err := Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		var g gogitindex.Index
		if err := gogitindex.NewDecoder(bytes.NewReader(data)).Decode(&g); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("v%d/gitindex", v), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := x.Encode(io.Discard, EncodeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("v%d/go-git", v), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				// go-git writes small pieces; pm buffers them, as here.
				var buf bytes.Buffer
				buf.Grow(len(data))
				if err := gogitindex.NewEncoder(&buf).Encode(&g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSet measures inserting entries in the middle of a 100,000-entry index, with the
// cache tree invalidation that goes with each.
func BenchmarkSet(b *testing.B) {
	x, err := Decode(benchIndexes()[2])
	if err != nil {
		b.Fatal(err)
	}
	e := x.Entries[50000]
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		e.Name = fmt.Sprintf("postmortems/0050/00/new-%08d.md", i)
		if err := x.Set(e); err != nil {
			b.Fatal(err)
		}
		x.Remove(e.Name)
	}
}
