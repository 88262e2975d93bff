// Package gitindex reads and writes git's index file (.git/index) exactly as git 2.39 does, extensions included.
package gitindex

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Overview. Decode parses versions 2, 3 and 4 with every entry field and flag, the cache
// tree (TREE), resolve-undo (REUC), untracked cache (UNTR), fsmonitor (FSMN) and
// sparse-directory (sdir) extensions; Encode writes the same bytes git would write for the same in-memory index,
// regenerating EOIE and IEOT from the options git takes from its configuration. The editing
// methods (Set, Remove, InvalidatePath) keep the extensions consistent the way git's own
// add_index_entry and remove_file_from_index do, and UpdateTree recomputes the cache tree.
//
// What git decides from its configuration or the work tree when it reads or writes an index
// is left to the caller, which knows both:
//   - smudging racily clean entries (an entry whose file changed in the second the old index
//     was written gets size 0), and not replacing an entry whose stat data still match;
//   - dropping Untracked when core.untrackedCache is false, and FSMonitor when no file system
//     monitor is configured, as git does on its next write;
//   - expanding a sparse index when index.sparse is false (this package cannot: it needs the
//     trees), and refusing a split index (ErrSplitIndex);
//   - updating the cache tree (UpdateTree) where git does, as git commit does for the real
//     index, --only included.
//
// Only SHA-1 repositories are supported: an index of a SHA-256 repository fails its checksum.

// Hash is a SHA-1 object name or checksum.
type Hash [20]byte

// IsZero reports whether h is all zeros (git's null object name).
func (h Hash) IsZero() bool { return h == Hash{} }

// String returns h in hexadecimal.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ParseHash parses a 40-digit hexadecimal object name.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 2*len(h) {
		return Hash{}, fmt.Errorf("object name %q is not 40 hexadecimal digits", s)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return Hash{}, fmt.Errorf("object name %q is not 40 hexadecimal digits", s)
	}
	return h, nil
}

// Sentinel errors; every error this package returns for one of these conditions wraps it.
var (
	// ErrCorrupt means the index file is damaged: truncated, inconsistent counts, a name
	// without its terminator, entries out of order, an unknown flag bit.
	ErrCorrupt = errors.New("index file corrupt")
	// ErrChecksum means the trailing SHA-1 does not match the content (and is not zero).
	ErrChecksum = errors.New("index checksum mismatch")
	// ErrVersion means the index is not version 2, 3 or 4.
	ErrVersion = errors.New("unsupported index version")
	// ErrSplitIndex means the index uses the split-index "link" extension (core.splitIndex):
	// its entries live partly in a shared index file this package does not read.
	ErrSplitIndex = errors.New("split index")
	// ErrMandatoryExtension means the index has a mandatory (lower-case) extension
	// other than sdir and link, which a reader must understand to use the index.
	ErrMandatoryExtension = errors.New("unknown mandatory index extension")
	// ErrInvalidPath means an entry's name is not a path git would store.
	ErrInvalidPath = errors.New("invalid index path")
	// ErrInsideSparseDir means a path lies inside a sparse-directory entry; git would expand
	// the sparse index first, which needs the object database.
	ErrInsideSparseDir = errors.New("path inside a sparse directory entry")
	// ErrUnmerged means the index has conflict (stage 1-3) entries where a tree is needed.
	ErrUnmerged = errors.New("unmerged index entries")
	// ErrNullHash means an entry has the null object name, which git refuses to write.
	ErrNullHash = errors.New("index entry has null object name")
	// ErrUnsorted means the entries are not in git's order or a path is both a merged and an
	// unmerged entry; Encode refuses to write such an index.
	ErrUnsorted = errors.New("index entries out of order")
)

// Bits of Entry.Flags, the 16-bit flags word of an entry (its name-length and
// extended bits are derived when encoding and are never stored in Entry.Flags).
const (
	FlagAssumeValid uint16 = 0x8000 // assume-unchanged ("valid"), set by update-index --assume-unchanged
	flagExtended    uint16 = 0x4000 // an extended-flags word follows (version 3 and later)
	FlagStageMask   uint16 = 0x3000 // merge stage, 0-3
	flagStageShift         = 12
	flagNameMask    uint16 = 0x0fff // name length, or 0xfff when it is longer
)

// Bits of Entry.ExtFlags, the extended-flags word (version 3 and later).
const (
	ExtSkipWorktree uint16 = 0x4000 // skip-worktree, set by sparse checkout
	ExtIntentToAdd  uint16 = 0x2000 // intent-to-add, set by git add -N
	extKnown               = ExtSkipWorktree | ExtIntentToAdd
)

// File modes git stores in entries and trees.
const (
	ModeRegular    uint32 = 0o100644
	ModeExecutable uint32 = 0o100755
	ModeSymlink    uint32 = 0o120000
	ModeGitlink    uint32 = 0o160000
	ModeDir        uint32 = 0o040000 // sparse-directory entries only
)

// Entry is one index entry with every field git stores for it.
type Entry struct {
	CtimeSec, CtimeNsec uint32 // stat ctime
	MtimeSec, MtimeNsec uint32 // stat mtime
	Dev, Ino            uint32 // stat device and inode, truncated to 32 bits
	Mode                uint32 // object type and permission bits (ModeRegular...)
	UID, GID            uint32 // stat owner
	Size                uint32 // stat size, truncated to 32 bits (0 for a smudged racy entry)
	Hash                Hash   // object name of the blob, gitlink commit or sparse directory's tree
	Flags               uint16 // FlagAssumeValid and the stage (FlagStageMask); other bits are ignored
	ExtFlags            uint16 // ExtSkipWorktree, ExtIntentToAdd
	Name                string // slash-separated path; a sparse directory's ends with '/'

	// FSMonitorValid is the entry's bit in the FSMN extension: true when the file
	// system monitor vouched that the file did not change. It is false for new and
	// edited entries, which makes git look at the file again.
	FSMonitorValid bool
}

// Stage returns the merge stage: 0 for a merged entry, 1 (base), 2 (ours) or 3 (theirs).
func (e *Entry) Stage() int { return int(e.Flags&FlagStageMask) >> flagStageShift }

// SetStage sets the merge stage (0-3).
func (e *Entry) SetStage(stage int) {
	e.Flags = e.Flags&^FlagStageMask | uint16(stage&3)<<flagStageShift
}

// AssumeValid reports the assume-unchanged flag.
func (e *Entry) AssumeValid() bool { return e.Flags&FlagAssumeValid != 0 }

// SkipWorktree reports the skip-worktree flag.
func (e *Entry) SkipWorktree() bool { return e.ExtFlags&ExtSkipWorktree != 0 }

// IntentToAdd reports the intent-to-add flag (git add -N).
func (e *Entry) IntentToAdd() bool { return e.ExtFlags&ExtIntentToAdd != 0 }

// IsSparseDir reports whether e is a sparse-directory entry: a whole directory outside the
// sparse-checkout cone, recorded by its tree (mode 040000, name ending in '/').
func (e *Entry) IsSparseDir() bool { return e.Mode == ModeDir }

// Stat returns the entry's stat data.
func (e *Entry) Stat() StatData {
	return StatData{e.CtimeSec, e.CtimeNsec, e.MtimeSec, e.MtimeNsec, e.Dev, e.Ino, e.UID, e.GID, e.Size}
}

// SetStat sets the entry's stat data (what git's fill_stat_data takes from lstat).
func (e *Entry) SetStat(s StatData) {
	e.CtimeSec, e.CtimeNsec, e.MtimeSec, e.MtimeNsec = s.CtimeSec, s.CtimeNsec, s.MtimeSec, s.MtimeNsec
	e.Dev, e.Ino, e.UID, e.GID, e.Size = s.Dev, s.Ino, s.UID, s.GID, s.Size
}

// Less reports whether e sorts before f in the index: by name bytes, then by stage.
func (e *Entry) Less(f *Entry) bool {
	if e.Name != f.Name {
		return e.Name < f.Name
	}
	return e.Stage() < f.Stage()
}

// Index is a decoded index file.
type Index struct {
	// Version is the format version, 2, 3 or 4; 0 for a new index (Encode then uses
	// EncodeOptions.DefaultVersion). Encode writes 2 or 3 for an index of version 2 or 3,
	// whichever the entries need, as git does.
	Version uint32
	// Entries are sorted as git sorts them (Entry.Less).
	Entries []Entry
	// Tree is the cache tree (TREE extension), nil when the index has none.
	Tree *TreeNode
	// ResolveUndo holds the REUC extension, sorted by name; nil when absent (an empty,
	// non-nil slice is an empty extension, which git keeps writing).
	ResolveUndo []ResolveUndo
	// Untracked is the untracked cache (UNTR extension), nil when absent.
	Untracked *UntrackedCache
	// FSMonitor is the FSMN extension's header, nil when absent; its bitmap lives in the
	// entries' FSMonitorValid fields.
	FSMonitor *FSMonitor
	// Sparse reports a sparse index: the sdir extension, or sparse-directory entries.
	Sparse bool
	// Unknown holds the optional extensions this package does not understand, raw and in file
	// order. git drops them when it rewrites the index; so does Encode, unless told otherwise.
	Unknown []Extension
	// SkipHash reports that the file ended with a zero checksum (index.skipHash).
	SkipHash bool
	// Checksum is the file's trailing checksum as read.
	Checksum Hash
}

// Extension is a raw index extension.
type Extension struct {
	Signature [4]byte
	Data      []byte
}

// ResolveUndo is one REUC record: the conflict entries (stages 1, 2 and 3) a resolution
// replaced. A zero mode marks a stage that did not exist.
type ResolveUndo struct {
	Name   string
	Modes  [3]uint32
	Hashes [3]Hash
}

// FSMonitor is the header of the FSMN extension.
type FSMonitor struct {
	// Version is the extension version read, 1 or 2. git always writes version 2, with a
	// version 1 timestamp turned into its decimal token; so does Encode.
	Version uint32
	// Token is the monitor's opaque token (version 2) or the decimal nanosecond timestamp (1).
	Token string
}

// Sort puts the entries in git's order (Entry.Less), for an index built by appending to
// Entries; the edits keep it.
func (x *Index) Sort() {
	slices.SortStableFunc(x.Entries, func(a, b Entry) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return a.Stage() - b.Stage()
	})
}

// Find returns the position of the first entry named name (whatever its stage) and whether
// there is one; when there is none, the position is where a stage-0 entry would be inserted.
func (x *Index) Find(name string) (int, bool) {
	i := x.search(name, 0)
	return i, i < len(x.Entries) && x.Entries[i].Name == name
}

// FindStage returns the position of the entry named name at stage and whether it exists;
// when it does not, the position is where it would be inserted.
func (x *Index) FindStage(name string, stage int) (int, bool) {
	i := x.search(name, stage)
	return i, i < len(x.Entries) && x.Entries[i].Name == name && x.Entries[i].Stage() == stage
}

// search returns the first position whose entry sorts at or after (name, stage).
func (x *Index) search(name string, stage int) int {
	lo, hi := 0, len(x.Entries)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := &x.Entries[m]
		if e.Name < name || e.Name == name && e.Stage() < stage {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Entry returns the stage-0 entry named name, or nil. The pointer is valid until the next
// edit of the index.
func (x *Index) Entry(name string) *Entry {
	if i, ok := x.FindStage(name, 0); ok {
		return &x.Entries[i]
	}
	return nil
}

// HasEntriesUnder reports whether some entry lies below directory dir (a path without a
// trailing slash), sparse-directory entries included.
func (x *Index) HasEntriesUnder(dir string) bool {
	prefix := dir + "/"
	i := x.search(prefix, 0)
	return i < len(x.Entries) && strings.HasPrefix(x.Entries[i].Name, prefix)
}

// SparseDirOf returns the position of the sparse-directory entry containing path, if any.
func (x *Index) SparseDirOf(path string) (int, bool) {
	// A containing sparse directory "d/" sorts just before "d/..." (nothing else can lie
	// below it), as git's index_name_stage_pos relies on.
	i := x.search(path, 0)
	if i > 0 {
		e := &x.Entries[i-1]
		if e.IsSparseDir() && len(e.Name) < len(path) && strings.HasPrefix(path, e.Name) {
			return i - 1, true
		}
	}
	return 0, false
}

// checkOrder reports the first pair of entries out of git's order, or a path that is both a
// merged and an unmerged entry.
func checkOrder(es []Entry) error {
	for i := 1; i < len(es); i++ {
		a, b := &es[i-1], &es[i]
		if a.Name < b.Name {
			continue
		}
		if a.Name > b.Name {
			return orderError(a.Name, b.Name)
		}
		if a.Stage() == 0 || a.Stage() >= b.Stage() {
			return orderError(a.Name, b.Name)
		}
	}
	return nil
}

func orderError(a, b string) error {
	return &pathError{op: "entries " + quote(a) + " and " + quote(b), err: ErrUnsorted}
}

type pathError struct {
	op  string
	err error
}

func (e *pathError) Error() string { return e.op + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	var b bytes.Buffer
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			const hexd = "0123456789abcdef"
			b.WriteString(`\x`)
			b.WriteByte(hexd[c>>4])
			b.WriteByte(hexd[c&15])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
