package gitindex

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestEWAHRoundTrip: bitmaps built bit by bit read back with the same bits, for sparse sets,
// runs of ones (which fold into run markers) and long gaps.
func TestEWAHRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	sets := [][]int{
		nil,
		{0},
		{63},
		{64},
		{0, 1, 2, 200000},
		seq(0, 64),     // one full word: a run of ones
		seq(0, 64*5+3), // several full words and a partial one
		seq(10, 500),   // a run that starts and ends inside words
		append(seq(0, 128), 5000, 5001),
	}
	for i := 0; i < 200; i++ {
		var s []int
		density := rng.Float64()
		for b := 0; b < 2000; b++ {
			if rng.Float64() < density {
				s = append(s, b)
			}
		}
		sets = append(sets, s)
	}
	for _, bits := range sets {
		w := newEWAH()
		for _, b := range bits {
			w.set(uint64(b))
		}
		data := w.appendTo(nil)
		bm, used, ok := readEWAH(data)
		if !ok || used != len(data) {
			t.Fatalf("readEWAH of %d bytes: ok %v, used %d", len(data), ok, used)
		}
		limit := 1
		if len(bits) > 0 {
			limit = bits[len(bits)-1] + 1
		}
		if int(bm.bitSize) != limit && len(bits) > 0 {
			t.Errorf("bit size %d, want %d", bm.bitSize, limit)
		}
		var got []int
		if !bm.each(limit, func(i int) { got = append(got, i) }) {
			t.Fatalf("each refused its own bitmap for %v", bits)
		}
		if !slices.Equal(got, bits) {
			t.Fatalf("bits %v read back as %v", bits, got)
		}
		if len(bits) > 0 && bm.each(limit-1, func(int) {}) {
			t.Errorf("each accepted bit %d at limit %d", limit-1, limit-1)
		}
	}
}

func seq(from, to int) []int {
	var s []int
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

// TestEWAHDamage: word counts past the data and markers announcing missing literal words are
// refused, never read beyond the buffer.
func TestEWAHDamage(t *testing.T) {
	t.Parallel()
	w := newEWAH()
	for _, b := range []uint64{1, 70, 300} {
		w.set(b)
	}
	data := w.appendTo(nil)
	if _, _, ok := readEWAH(data[:len(data)-5]); ok {
		t.Error("truncated bitmap accepted")
	}
	bad := append([]byte(nil), data...)
	bad[8] = 0x7f // the first marker now announces a huge number of literal words
	bm, _, ok := readEWAH(bad)
	if ok && bm.each(1000, func(int) {}) {
		t.Error("marker with missing literal words accepted")
	}
}

// TestUntrackedInvalidate: without DIR_SHOW_OTHER_DIRECTORIES only the directory holding the
// path is invalidated; with it, every directory above it too.
func TestUntrackedInvalidate(t *testing.T) {
	t.Parallel()
	build := func(flags uint32) *UntrackedCache {
		leaf := &UntrackedDir{Name: "b", Valid: true, Untracked: []string{"u"}}
		mid := &UntrackedDir{Name: "a", Valid: true, Untracked: []string{"v"}, Dirs: []*UntrackedDir{leaf}}
		other := &UntrackedDir{Name: "o", Valid: true}
		root := &UntrackedDir{Valid: true, Untracked: []string{"w"}, Dirs: []*UntrackedDir{mid, other}}
		return &UntrackedCache{DirFlags: flags, Root: root}
	}
	state := func(uc *UntrackedCache) []bool {
		r := uc.Root
		return []bool{r.Valid, r.Dirs[0].Valid, r.Dirs[0].Dirs[0].Valid, r.Dirs[1].Valid}
	}
	for _, tc := range []struct {
		flags uint32
		path  string
		want  []bool // root, a, a/b, o
	}{
		{0, "a/b/file", []bool{true, true, false, true}},
		{0, "a/file", []bool{true, false, true, true}},
		{0, "a/missing/deeper/file", []bool{true, true, true, true}},
		{0, "top", []bool{false, true, true, true}},
		{dirShowOtherDirectories, "a/b/file", []bool{false, false, false, true}},
		{dirShowOtherDirectories, "a/missing/deeper/file", []bool{false, false, true, true}},
	} {
		uc := build(tc.flags)
		uc.invalidatePath(tc.path)
		if got := state(uc); !slices.Equal(got, tc.want) {
			t.Errorf("flags %d, %s: valid %v, want %v", tc.flags, tc.path, got, tc.want)
		}
		// What git writes for it reads back the same.
		back := parseUntracked(appendUntracked(nil, uc))
		if back == nil || !slices.Equal(state(back), tc.want) {
			t.Errorf("flags %d, %s: re-read %+v", tc.flags, tc.path, back)
		}
	}
}
