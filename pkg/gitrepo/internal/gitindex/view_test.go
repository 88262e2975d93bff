package gitindex

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// checkView holds DecodeView to DecodeUnverified: the same error, or the same entries, cache tree
// and sparseness.
func checkView(t *testing.T, data []byte) {
	t.Helper()
	x, xerr := DecodeUnverified(data)
	v, verr := DecodeView(data)
	if (xerr == nil) != (verr == nil) || xerr != nil && xerr.Error() != verr.Error() {
		t.Fatalf("DecodeView: %v; DecodeUnverified: %v", verr, xerr)
	}
	if xerr != nil {
		return
	}
	if v.Version != x.Version || v.Sparse != x.Sparse || !reflect.DeepEqual(v.Tree, x.Tree) {
		t.Fatalf("DecodeView: version %d, sparse %v, tree %v; DecodeUnverified: %d, %v, %v", v.Version, v.Sparse, v.Tree, x.Version, x.Sparse, x.Tree)
	}
	if v.Len() != len(x.Entries) {
		t.Fatalf("DecodeView: %d entries; DecodeUnverified: %d", v.Len(), len(x.Entries))
	}
	for i := range x.Entries {
		want := x.Entries[i]
		want.FSMonitorValid = false // a View does not read the FSMN extension
		if got := v.Entry(i); got != want {
			t.Fatalf("entry %d: DecodeView %+v; DecodeUnverified %+v", i, got, want)
		}
		if v.Name(i) != want.Name || v.Mode(i) != want.Mode || v.Hash(i) != want.Hash ||
			v.Stage(i) != want.Stage() || v.IntentToAdd(i) != want.IntentToAdd() {
			t.Fatalf("entry %d: a field read from the View differs from %+v", i, want)
		}
	}
}

func TestViewLikeDecode(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.index"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no indexes under testdata/ (%v)", err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			checkView(t, data)
			// damaged: cut short, an entry's name length, a mandatory extension's signature
			checkView(t, data[:len(data)/2])
			for _, at := range []int{headerSize + 61, len(data) / 3, len(data) - hashSize - 9} {
				if at > 0 && at < len(data) {
					bad := bytes.Clone(data)
					bad[at] ^= 0x5a
					checkView(t, bad)
				}
			}
		})
	}
	// a version 4 index and an index with a split-index link read the same as well
	x := &Index{Version: 4}
	for _, n := range []string{"a", "a/b", "a/c", "ab", "b/c/d"} {
		e := Entry{Name: n, Mode: ModeRegular}
		e.Hash[0] = 1
		if err := x.Set(e); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Encode(&b, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	checkView(t, b.Bytes())
	if _, err := DecodeView(b.Bytes()[:len(b.Bytes())-hashSize-1]); err == nil {
		t.Error("DecodeView of a cut version 4 index: no error")
	}
}

func TestViewRefusesSplitIndex(t *testing.T) {
	x := &Index{Version: 2}
	x.Unknown = []Extension{{Signature: [4]byte{'l', 'i', 'n', 'k'}, Data: make([]byte, 20)}}
	var b bytes.Buffer
	if err := x.Encode(&b, EncodeOptions{WriteUnknown: true}); err != nil {
		t.Skipf("cannot write a link extension: %v", err)
	}
	if _, err := DecodeView(b.Bytes()); !errors.Is(err, ErrSplitIndex) {
		t.Errorf("DecodeView of a split index: %v, want ErrSplitIndex", err)
	}
}

// FuzzView: DecodeView never panics and reads what DecodeUnverified reads.
func FuzzView(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.index"))
	for _, name := range names {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkView(t, data) })
}
