package gitindex

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// dirShowOtherDirectories is git's DIR_SHOW_OTHER_DIRECTORIES flag in UntrackedCache.DirFlags:
// untracked directories are listed as "dir/", so a change deep down can change what a
// directory higher up lists.
const dirShowOtherDirectories = 1 << 1

// StatData is the stat information git keeps for a file (as in an index entry).
type StatData struct {
	CtimeSec, CtimeNsec uint32
	MtimeSec, MtimeNsec uint32
	Dev, Ino            uint32
	UID, GID            uint32
	Size                uint32
}

const statDataSize = 36

// OIDStat is the stat data and object name of an exclude file; a zero Hash means the file
// does not exist.
type OIDStat struct {
	Stat StatData
	Hash Hash
}

// UntrackedCache is the UNTR extension: the untracked files git status found in each
// directory, with what it needs to tell whether the list still holds.
type UntrackedCache struct {
	// Ident is the raw environment description (NUL-terminated strings: work tree location,
	// system name) the cache is valid for.
	Ident []byte
	// InfoExclude and ExcludesFile describe $GIT_DIR/info/exclude and core.excludesFile.
	InfoExclude, ExcludesFile OIDStat
	// DirFlags are the directory-walk flags the cache was made with.
	DirFlags uint32
	// ExcludePerDir is the per-directory exclude file name, normally ".gitignore".
	ExcludePerDir string
	// Root is the top directory; nil when the cache has no directories.
	Root *UntrackedDir
}

// UntrackedDir is one directory of the untracked cache.
type UntrackedDir struct {
	Name string // last path component; "" for the root
	// Untracked lists the untracked files (and "dir/" directories) found; empty unless Valid.
	Untracked []string
	// Dirs are the subdirectories visited, in the order git keeps them (by name).
	Dirs []*UntrackedDir
	// Valid reports that Untracked and Stat are current; git re-reads the directory otherwise.
	Valid bool
	// CheckOnly is the check-only bit of git's directory walk.
	CheckOnly bool
	// Stat is the directory's stat data; meaningful only when Valid.
	Stat StatData
	// ExcludeHash names the directory's .gitignore blob; zero when there is none.
	ExcludeHash Hash
}

func readStatData(p []byte) StatData {
	u := func(i int) uint32 { return binary.BigEndian.Uint32(p[4*i:]) }
	return StatData{u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7), u(8)}
}

func appendStatData(b []byte, s *StatData) []byte {
	for _, v := range [...]uint32{s.CtimeSec, s.CtimeNsec, s.MtimeSec, s.MtimeNsec, s.Dev, s.Ino, s.UID, s.GID, s.Size} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// parseUntracked parses a UNTR extension; nil when it is damaged, which git treats as "no
// untracked cache" as well.
func parseUntracked(p []byte) *UntrackedCache {
	if len(p) <= 1 || p[len(p)-1] != 0 {
		return nil
	}
	p = p[:len(p)-1] // the closing NUL
	identLen, k, ok := decodeVarint(p)
	if !ok || identLen > uint64(len(p)-k) {
		return nil
	}
	uc := &UntrackedCache{Ident: bytes.Clone(p[k : k+int(identLen)])}
	p = p[k+int(identLen):]
	const fixed = 2*statDataSize + 4 + 2*hashSize
	if len(p) < fixed+1 {
		return nil
	}
	uc.InfoExclude.Stat = readStatData(p)
	uc.ExcludesFile.Stat = readStatData(p[statDataSize:])
	uc.DirFlags = binary.BigEndian.Uint32(p[2*statDataSize:])
	copy(uc.InfoExclude.Hash[:], p[2*statDataSize+4:])
	copy(uc.ExcludesFile.Hash[:], p[2*statDataSize+4+hashSize:])
	p = p[fixed:]
	nul := bytes.IndexByte(p, 0)
	if nul < 0 {
		return nil
	}
	uc.ExcludePerDir = string(p[:nul])
	p = p[nul+1:]
	if len(p) == 0 {
		return uc
	}
	ndirs, k, ok := decodeVarint(p)
	if !ok {
		return nil
	}
	p = p[k:]
	if ndirs == 0 {
		if len(p) != 0 {
			return nil
		}
		return uc
	}
	// Each directory takes at least three bytes (two counts and a name terminator).
	if ndirs > uint64(len(p)/3) {
		return nil
	}
	dirs := make([]*UntrackedDir, 0, ndirs)
	root, rest, ok := readUntrackedDirs(p, &dirs, int(ndirs))
	if !ok || len(dirs) != int(ndirs) {
		return nil
	}
	p = rest
	var bms [3]ewahBitmap
	for i := range bms {
		bm, used, ok := readEWAH(p)
		if !ok {
			return nil
		}
		bms[i], p = bm, p[used:]
	}
	valid, checkOnly, hashValid := &bms[0], &bms[1], &bms[2]
	if !checkOnly.each(len(dirs), func(i int) { dirs[i].CheckOnly = true }) {
		return nil
	}
	short := false
	if !valid.each(len(dirs), func(i int) {
		if len(p) < statDataSize {
			short = true
			return
		}
		dirs[i].Stat, dirs[i].Valid, p = readStatData(p), true, p[statDataSize:]
	}) || short {
		return nil
	}
	if !hashValid.each(len(dirs), func(i int) {
		if len(p) < hashSize {
			short = true
			return
		}
		copy(dirs[i].ExcludeHash[:], p)
		p = p[hashSize:]
	}) || short || len(p) != 0 {
		return nil
	}
	uc.Root = root
	return uc
}

// readUntrackedDirs reads the directory blocks depth first, appending each to dirs (the
// order the bitmaps count in), and stops after limit of them.
func readUntrackedDirs(p []byte, dirs *[]*UntrackedDir, limit int) (*UntrackedDir, []byte, bool) {
	type frame struct {
		dir  *UntrackedDir
		left int
	}
	var root *UntrackedDir
	var stack []frame
	for {
		if len(*dirs) == limit {
			return nil, nil, false
		}
		nfiles, k1, ok1 := decodeVarint(p)
		if !ok1 {
			return nil, nil, false
		}
		nsub, k2, ok2 := decodeVarint(p[k1:])
		if !ok2 || nfiles > uint64(len(p)) || nsub > uint64(limit) {
			return nil, nil, false
		}
		p = p[k1+k2:]
		nul := bytes.IndexByte(p, 0)
		if nul < 0 {
			return nil, nil, false
		}
		d := &UntrackedDir{Name: string(p[:nul])}
		p = p[nul+1:]
		if nfiles > 0 {
			d.Untracked = make([]string, nfiles)
			for i := range d.Untracked {
				nul := bytes.IndexByte(p, 0)
				if nul < 0 {
					return nil, nil, false
				}
				d.Untracked[i] = string(p[:nul])
				p = p[nul+1:]
			}
		}
		*dirs = append(*dirs, d)
		if root == nil {
			root = d
		} else {
			top := &stack[len(stack)-1]
			top.dir.Dirs = append(top.dir.Dirs, d)
			top.left--
		}
		if nsub > 0 {
			d.Dirs = make([]*UntrackedDir, 0, nsub)
			stack = append(stack, frame{d, int(nsub)})
		}
		for len(stack) > 0 && stack[len(stack)-1].left == 0 {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			return root, p, true
		}
	}
}

// appendUntracked appends the UNTR extension body to b.
func appendUntracked(b []byte, uc *UntrackedCache) []byte {
	b = appendVarint(b, uint64(len(uc.Ident)))
	b = append(b, uc.Ident...)
	b = appendStatData(b, &uc.InfoExclude.Stat)
	b = appendStatData(b, &uc.ExcludesFile.Stat)
	b = binary.BigEndian.AppendUint32(b, uc.DirFlags)
	b = append(b, uc.InfoExclude.Hash[:]...)
	b = append(b, uc.ExcludesFile.Hash[:]...)
	b = append(b, uc.ExcludePerDir...)
	b = append(b, 0)
	if uc.Root == nil {
		return appendVarint(b, 0)
	}
	w := untrackedWriter{valid: newEWAH(), checkOnly: newEWAH(), hashValid: newEWAH()}
	w.dir(uc.Root)
	b = appendVarint(b, uint64(w.n))
	b = append(b, w.out...)
	b = w.valid.appendTo(b)
	b = w.checkOnly.appendTo(b)
	b = w.hashValid.appendTo(b)
	b = append(b, w.stats...)
	b = append(b, w.hashes...)
	return append(b, 0)
}

type untrackedWriter struct {
	n                           int
	out, stats, hashes          []byte
	valid, checkOnly, hashValid *ewahWriter
}

func (w *untrackedWriter) dir(d *UntrackedDir) {
	i := uint64(w.n)
	w.n++
	// Like git, write no file list and no check-only bit for a directory that is not valid.
	files := d.Untracked
	if !d.Valid {
		files = nil
	}
	if d.Valid && d.CheckOnly {
		w.checkOnly.set(i)
	}
	if d.Valid {
		w.valid.set(i)
		w.stats = appendStatData(w.stats, &d.Stat)
	}
	if !d.ExcludeHash.IsZero() {
		w.hashValid.set(i)
		w.hashes = append(w.hashes, d.ExcludeHash[:]...)
	}
	w.out = appendVarint(w.out, uint64(len(files)))
	w.out = appendVarint(w.out, uint64(len(d.Dirs)))
	w.out = append(w.out, d.Name...)
	w.out = append(w.out, 0)
	for _, f := range files {
		w.out = append(w.out, f...)
		w.out = append(w.out, 0)
	}
	for _, s := range d.Dirs {
		w.dir(s)
	}
}

// invalidatePath forgets what the cache knows about the directory holding path, as git's
// untracked_cache_invalidate_path does when an entry is added or removed: that directory is
// marked invalid and, when untracked directories are listed as a whole
// (dirShowOtherDirectories), so is every directory above it.
func (uc *UntrackedCache) invalidatePath(path string) {
	if uc == nil || uc.Root == nil {
		return
	}
	uc.invalidate(uc.Root, path)
}

// invalidate handles path relative to d; d is nil below a directory the cache never visited,
// which git creates (unsaved) and invalidates the same way.
func (uc *UntrackedCache) invalidate(d *UntrackedDir, path string) bool {
	name, rest, more := strings.Cut(path, "/")
	if more {
		var sub *UntrackedDir
		if d != nil {
			for _, s := range d.Dirs {
				if s.Name == name {
					sub = s
					break
				}
			}
		}
		if !uc.invalidate(sub, rest) {
			return false
		}
	}
	if d != nil {
		d.Valid = false
		d.Untracked = nil
	}
	return uc.DirFlags&dirShowOtherDirectories != 0
}
