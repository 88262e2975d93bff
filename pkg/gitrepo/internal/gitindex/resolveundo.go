package gitindex

import (
	"bytes"
	"sort"
	"strconv"
)

// parseResolveUndo parses a REUC extension; nil when it is damaged, which git also treats as
// "no resolve-undo information". Records come out sorted by name, a repeated name merging into
// the earlier record, as git's sorted string list does.
func parseResolveUndo(p []byte) []ResolveUndo {
	out := []ResolveUndo{}
	for len(p) > 0 {
		nul := bytes.IndexByte(p, 0)
		if nul < 0 || nul+1 >= len(p) {
			return nil
		}
		var r ResolveUndo
		r.Name = string(p[:nul])
		p = p[nul+1:]
		for i := range r.Modes {
			nul := bytes.IndexByte(p, 0)
			// git wants more bytes after each mode's terminator.
			if nul <= 0 || nul+1 >= len(p) {
				return nil
			}
			m, err := strconv.ParseUint(string(p[:nul]), 8, 32)
			if err != nil {
				return nil
			}
			r.Modes[i] = uint32(m)
			p = p[nul+1:]
		}
		for i, m := range r.Modes {
			if m == 0 {
				continue
			}
			if len(p) < hashSize {
				return nil
			}
			copy(r.Hashes[i][:], p)
			p = p[hashSize:]
		}
		out = insertResolveUndo(out, r, false)
	}
	return out
}

// insertResolveUndo adds r to the sorted records. With merge false a repeated name takes r's
// modes and the hashes of r's present stages (what git's reader does); with merge true only
// r's present stages replace the old ones (what recording a removed conflict entry does).
func insertResolveUndo(rs []ResolveUndo, r ResolveUndo, merge bool) []ResolveUndo {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Name >= r.Name })
	if i < len(rs) && rs[i].Name == r.Name {
		old := &rs[i]
		for s := range r.Modes {
			if merge && r.Modes[s] == 0 {
				continue
			}
			old.Modes[s] = r.Modes[s]
			if r.Modes[s] != 0 {
				old.Hashes[s] = r.Hashes[s]
			}
		}
		return rs
	}
	rs = append(rs, ResolveUndo{})
	copy(rs[i+1:], rs[i:])
	rs[i] = r
	return rs
}

// recordResolveUndo saves a conflict entry that is being removed, as git's
// record_resolve_undo does.
func (x *Index) recordResolveUndo(e *Entry) {
	st := e.Stage()
	if st == 0 {
		return
	}
	var r ResolveUndo
	r.Name = e.Name
	r.Modes[st-1] = e.Mode
	r.Hashes[st-1] = e.Hash
	if x.ResolveUndo == nil {
		x.ResolveUndo = []ResolveUndo{}
	}
	x.ResolveUndo = insertResolveUndo(x.ResolveUndo, r, true)
}

// appendResolveUndo appends the REUC extension body to b.
func appendResolveUndo(b []byte, rs []ResolveUndo) []byte {
	for i := range rs {
		r := &rs[i]
		b = append(b, r.Name...)
		b = append(b, 0)
		for _, m := range r.Modes {
			b = strconv.AppendUint(b, uint64(m), 8)
			b = append(b, 0)
		}
		for s, m := range r.Modes {
			if m != 0 {
				b = append(b, r.Hashes[s][:]...)
			}
		}
	}
	return b
}
