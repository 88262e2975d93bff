package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo/indexahead"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// pm reads and writes the index with its own codec (package gitindex), not go-git's, which drops
// the assume-unchanged flag of every entry and every extension (cache tree, untracked cache,
// resolve-undo, fsmonitor, end-of-index and offset tables) and refuses a sparse index.
// gitindex keeps them all, and pm updates them for the paths it commits the way git does.

// index is an index file as read: its content and its mtime, git's reference for racily clean
// entries (an entry whose file changed in the same instant the index was written).
type index struct {
	*gitindex.Index
	mtime time.Time
}

// readIndex decodes <gitdir>/index, the index pm commits with; a missing index is empty.
func (r *Repo) readIndex() (*index, error) {
	return r.readIndexFile(r.indexFile(), gitindex.Decode)
}

// readStagedIndex decodes the index whose content is about to be committed: GIT_INDEX_FILE when set,
// else <gitdir>/index. git sets GIT_INDEX_FILE for the pre-commit hook of `git commit -a`, of
// `git commit <paths>` and of pm's own commits, where what is committed is not <gitdir>/index; a
// relative value is relative to the current directory, as for git.
// It is read as git diff --cached reads it, without hashing the whole file to check its checksum
// (only git fsck does): nothing is written from it. The index pm commits with is checked.
func (r *Repo) readStagedIndex() (*index, error) {
	return r.readIndexFile(r.indexFile(), gitindex.DecodeUnverified)
}

// mappedIndex is the size from which an index file is mapped rather than read.
const mappedIndex = 64 << 10

// readStagedView reads the index readStagedIndex reads as a View, for the one pass of the staged
// walk, and a function that releases what it reads (its mapping), which ends the View.
func (r *Repo) readStagedView() (*gitindex.View, func(), error) {
	v, _, release, err := r.readStagedViewInfo()
	return v, release, err
}

// readStagedViewInfo is readStagedView, and the index file as it was opened (nil: there is none,
// and the View is of an empty index).
func (r *Repo) readStagedViewInfo() (*gitindex.View, os.FileInfo, func(), error) {
	name := r.indexFile()
	// decoded as the process started, when it is this very file (pm lint --staged)
	if v, opened, ok := indexahead.Take(name, fsutil.StatRegular); ok {
		return v, opened, func() {}, nil
	}
	data, release, fi, err := readIndexBytes(name)
	if err != nil {
		return nil, nil, nil, err
	}
	if fi == nil { // no index: an empty one
		data = emptyIndex[:]
	}
	v, err := gitindex.DecodeView(data)
	if err != nil {
		release()
		return nil, nil, nil, indexError(name, err)
	}
	return v, fi, release, nil
}

// emptyIndex is an index file of no entries (version 2, zero checksum).
var emptyIndex = [32]byte{'D', 'I', 'R', 'C', 0, 0, 0, 2}

// readIndexFile decodes the index file name; a missing file is an empty index.
func (r *Repo) readIndexFile(name string, decode func([]byte) (*gitindex.Index, error)) (*index, error) {
	data, release, fi, err := readIndexBytes(name)
	if err != nil {
		return nil, err
	}
	defer release()
	if fi == nil {
		return &index{Index: &gitindex.Index{}}, nil
	}
	idx, err := decode(data)
	if err != nil {
		return nil, indexError(name, err)
	}
	return &index{Index: idx, mtime: fi.ModTime()}, nil
}

// readIndexBytes returns the bytes of the index file name, and a function that releases them. A
// missing file is no bytes and no file information.
func readIndexBytes(name string) ([]byte, func(), os.FileInfo, error) {
	f, fi, err := openRegular(name)
	if errors.Is(err, ErrBadPath) {
		return nil, nil, nil, fmt.Errorf("read index: %w", err)
	}
	if err != nil {
		if _, statErr := os.Lstat(name); errors.Is(statErr, os.ErrNotExist) {
			return nil, func() {}, nil, nil
		}
		return nil, nil, nil, fmt.Errorf("read index: %w", err)
	}
	defer f.Close()
	// Mapped rather than read, as git does: the decoders copy what they keep, so the mapping goes
	// when they are done, and a 1 MB index of 10,000 entries costs no heap (reading it into a fresh
	// buffer cost its zeroing and page faults, and a garbage collection in a short run). A small
	// index is read: unmapping costs more than the copy (every other thread's view of the mapping is
	// flushed, by interrupts that are slow in a virtual machine).
	if fi.Size() >= mappedIndex {
		if data := mapFile(f); data != nil {
			return data, func() { unmapFile(data) }, fi, nil
		}
	}
	data := make([]byte, fi.Size())
	if _, err := readFull(f, data); err != nil {
		return nil, nil, nil, fmt.Errorf("read index %s: %w", name, err)
	}
	return data, func() {}, fi, nil
}

// indexError says what is wrong with the index file name, which a decoder refused with err.
func indexError(name string, err error) error {
	switch {
	case errors.Is(err, gitindex.ErrSplitIndex):
		return Sentinelf(ErrUnsupported, "read index %s: it is a split index, which pm cannot write; "+
			"run `git update-index --no-split-index` (and `git config core.splitIndex false`)", name)
	case errors.Is(err, gitindex.ErrMandatoryExtension), errors.Is(err, gitindex.ErrVersion):
		return Sentinelf(ErrUnsupported, "read index %s: %v; pm cannot work with this index format", name, err)
	}
	return fmt.Errorf("read index %s: %w", name, err)
}

func readFull(f *os.File, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := f.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// entry returns the stage-0 entry of p, or nil.
func (x *index) entry(p string) *gitindex.Entry {
	if i, ok := x.FindStage(p, 0); ok {
		return &x.Entries[i]
	}
	return nil
}

// encodeOptions are the settings git consults when it writes an index.
func encodeOptions(cfg *gitConfig, env Env) gitindex.EncodeOptions {
	o := gitindex.EncodeOptions{SkipHash: cfg.boolean("index.skiphash", cfg.boolean("feature.manyfiles", false))}
	if v, ok := cfg.get("index.version"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 2 && n <= 4 {
			o.DefaultVersion = uint32(n)
		}
	} else if v := env("GIT_INDEX_VERSION"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 2 && n <= 4 {
			o.DefaultVersion = uint32(n)
		}
	} else if cfg.boolean("feature.manyfiles", false) {
		o.DefaultVersion = 4
	}
	if v := env("GIT_TEST_INDEX_THREADS"); v != "" && v != "0" {
		if n, err := strconv.Atoi(v); err == nil {
			o.ThreadsSet, o.Threads = true, n
		}
	} else if v, ok := cfg.get("index.threads"); ok {
		o.ThreadsSet = true
		if b, isBool := parseBool(v); isBool && !isNumber(v) {
			o.Threads = 1
			if b {
				o.Threads = 0
			}
		} else if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			o.Threads = n
		}
	}
	o.CPUs = runtime.NumCPU()
	for key, dst := range map[string]**bool{
		"index.recordendofindexentries": &o.RecordEndOfIndexEntries,
		"index.recordoffsettable":       &o.RecordOffsetTable,
	} {
		if _, ok := cfg.get(key); ok {
			b := cfg.boolean(key, false)
			*dst = &b
		}
	}
	return o
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil
}

// tidyExtensions drops what git drops when it writes an index: the untracked cache when
// core.untrackedCache is false, the fsmonitor data when no monitor is configured.
func tidyExtensions(x *gitindex.Index, cfg *gitConfig) {
	if v, ok := cfg.get("core.untrackedcache"); ok && !strings.EqualFold(strings.TrimSpace(v), "keep") && !cfg.boolean("core.untrackedcache", true) {
		x.Untracked = nil
	}
	if v, ok := cfg.get("core.fsmonitor"); !ok || strings.TrimSpace(v) == "" || isFalse(v) {
		if x.FSMonitor != nil {
			x.FSMonitor = nil
			for i := range x.Entries {
				x.Entries[i].FSMonitorValid = false
			}
		}
	}
}

// writeIndexTo encodes x into the open lock file f and closes it.
func writeIndexTo(f *os.File, x *gitindex.Index, opts gitindex.EncodeOptions) error {
	if err := x.Encode(f, opts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// treeStore is the object database as gitindex.UpdateTree needs it.
type treeStore struct{ r *Repo }

func (s treeStore) HasTree(h gitindex.Hash) bool {
	return s.r.st.HasEncodedObject(plumbing.Hash(h)) == nil
}

// WriteTree writes a tree as every object pm writes is written (writeObject: its folder's and
// file's modes as git gives them).
func (s treeStore) WriteTree(body []byte) (gitindex.Hash, error) {
	h, err := s.r.writeObject(plumbing.TreeObject, body)
	return gitindex.Hash(h), err
}

// statCheck is how git compares an entry's stat data with the file's: core.trustCtime,
// core.checkStat, core.fileMode and core.symlinks.
type statCheck struct {
	trustCtime, full, fileMode bool
}

func statCheckOf(cfg *gitConfig) statCheck {
	v, _ := cfg.get("core.checkstat")
	return statCheck{
		trustCtime: cfg.boolean("core.trustctime", true),
		full:       !strings.EqualFold(strings.TrimSpace(v), "minimal"),
		fileMode:   cfg.boolean("core.filemode", true),
	}
}

// matches reports whether the file's stat still matches e (git's ce_match_stat_basic, counting
// nanoseconds too: a mismatch only costs a content check).
func (c statCheck) matches(e *gitindex.Entry, fi os.FileInfo) bool {
	st := statData(fi)
	switch {
	case e.Mode == gitindex.ModeRegular || e.Mode == gitindex.ModeExecutable:
		if !fi.Mode().IsRegular() {
			return false
		}
		if c.fileMode && (e.Mode&0o100 != 0) != (fi.Mode()&0o100 != 0) {
			return false
		}
	case e.Mode == gitindex.ModeSymlink:
		if fi.Mode()&os.ModeSymlink == 0 {
			return false
		}
	default:
		return false
	}
	if st.MtimeSec != e.MtimeSec || st.MtimeNsec != e.MtimeNsec || st.Size != e.Size {
		return false
	}
	if c.trustCtime && c.full && (st.CtimeSec != e.CtimeSec || st.CtimeNsec != e.CtimeNsec) {
		return false
	}
	if c.full && (st.UID != e.UID || st.GID != e.GID || st.Ino != e.Ino) {
		return false
	}
	// A racily smudged entry (size 0) of a non-empty blob never matches.
	return e.Size != 0 || e.Hash == emptyBlob
}

// emptyBlob is the object name of the empty blob, e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 (a constant,
// not hashed at start-up; TestEmptyBlobName checks it).
var emptyBlob = gitindex.Hash{0xe6, 0x9d, 0xe2, 0x9b, 0xb2, 0xd1, 0xd6, 0x43, 0x4b, 0x8b,
	0x29, 0xae, 0x77, 0x5a, 0xd8, 0xc2, 0xe4, 0x8c, 0x53, 0x91}

// racy reports whether e's file may have changed in the same instant the index was written, so that
// its stat data cannot vouch for its content.
func racy(e *gitindex.Entry, indexTime time.Time) bool {
	if indexTime.IsZero() || e.Mode == gitindex.ModeGitlink {
		return false
	}
	sec := uint32(indexTime.Unix())
	return sec < e.MtimeSec || (sec == e.MtimeSec && uint32(indexTime.Nanosecond()) <= e.MtimeNsec)
}

// refresh does what git's refresh_index does before it writes the index of a commit: for every
// tracked file whose stat data no longer match (or are racily clean), it compares the file's
// content as git would store it with the entry; when they are equal, the entry takes the new stat
// data, and it counts as up to date either way. It returns, by entry, whether the entry's file
// differs (content checked): those that are racily clean are smudged when the index is written.
// Entries git does not refresh — assume-unchanged, skip-worktree, intent-to-add, submodules,
// sparse directories, unmerged ones — are left alone. Files are looked at in parallel, as git's
// core.preloadIndex does.
func (tx *Tx) refresh(x *index, skip map[string]bool) ([]bool, error) {
	check := statCheckOf(tx.cfg)
	n := len(x.Entries)
	dirty := make([]bool, n)
	newStat := make([]*gitindex.StatData, n)
	workers := runtime.NumCPU()
	if workers > 8 {
		workers = 8
	}
	if n < 1000 {
		workers = 1
	}
	// Stat in parallel; compare contents (which may run filters) one at a time afterwards.
	suspect := make([][]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				e := &x.Entries[i]
				if e.Stage() != 0 || e.AssumeValid() || e.SkipWorktree() || e.IntentToAdd() ||
					e.Mode == gitindex.ModeGitlink || e.IsSparseDir() || skip[e.Name] {
					continue
				}
				fi, err := os.Lstat(tx.r.abs(e.Name))
				if err != nil {
					continue // deleted or unreadable: not up to date, nothing to refresh
				}
				if check.matches(e, fi) && !racy(e, x.mtime) {
					continue
				}
				st := statData(fi)
				newStat[i] = &st
				suspect[w] = append(suspect[w], i)
			}
		}(w)
	}
	wg.Wait()
	for _, list := range suspect {
		for _, i := range list {
			e := &x.Entries[i]
			same, err := tx.sameContent(e)
			if err != nil {
				return nil, err
			}
			if !same {
				dirty[i] = true
				continue
			}
			if st := newStat[i]; st != nil && (st.MtimeSec != e.MtimeSec || st.MtimeNsec != e.MtimeNsec ||
				st.CtimeSec != e.CtimeSec || st.CtimeNsec != e.CtimeNsec || st.Size != e.Size ||
				st.Ino != e.Ino || st.Dev != e.Dev || st.UID != e.UID || st.GID != e.GID) {
				e.SetStat(*st)
			}
		}
	}
	return dirty, nil
}

// sameContent reports whether e's file, as git would store it, is e's blob.
func (tx *Tx) sameContent(e *gitindex.Entry) (bool, error) {
	name := tx.r.abs(e.Name)
	fi, err := os.Lstat(name)
	if err != nil {
		return false, nil
	}
	var data []byte
	switch {
	case e.Mode == gitindex.ModeSymlink:
		if fi.Mode()&os.ModeSymlink == 0 {
			return false, nil
		}
		target, err := os.Readlink(name)
		if err != nil {
			return false, nil
		}
		data = []byte(filepath.ToSlash(target))
	default:
		if !fi.Mode().IsRegular() {
			return false, nil
		}
		d, _, err := readWorkFile(name)
		if err != nil {
			return false, nil
		}
		c, err := tx.converter()
		if err != nil {
			return false, err
		}
		if data, err = c.toGitQuiet(e.Name, d, tx.indexBlob); err != nil {
			return false, nil // a file git could not store as it is: not the entry's
		}
	}
	return gitindex.Hash(plumbing.ComputeHash(plumbing.BlobObject, data)) == e.Hash, nil
}

// smudge zeroes the size of every racily clean entry whose file differs, as git does when it
// writes the index, so that git never trusts the stat data of a file changed in the instant the
// old index was written.
func smudge(x *index, dirty []bool) {
	for i := range x.Entries {
		if i < len(dirty) && dirty[i] && racy(&x.Entries[i], x.mtime) {
			x.Entries[i].Size = 0
		}
	}
}

// headIndex builds git's temporary index for a partial commit: HEAD's tree as index entries, each
// taking the stat data and flags of the real index's entry when that holds the same object (as
// git's one-way merge keeps it), a sparse-directory entry of the real index kept whole when HEAD
// has the same tree there, and a cache tree primed from HEAD.
func (tx *Tx) headIndex() (*gitindex.Index, error) {
	out := &gitindex.Index{Version: tx.idx.Version, Sparse: tx.idx.Sparse}
	if tx.headTree.IsZero() {
		return out, nil
	}
	var walk func(h plumbing.Hash, base string, node *gitindex.TreeNode) (int, error)
	walk = func(h plumbing.Hash, base string, node *gitindex.TreeNode) (int, error) {
		t, err := tx.r.readTree(h)
		if err != nil {
			return 0, fmt.Errorf("read HEAD's tree %q: %w", base, err)
		}
		node.Hash, node.EntryCount = gitindex.Hash(h), 0
		count := 0
		// git's index order differs from tree order for a directory named like a file with a
		// suffix ("a" vs "a.b"): collect, then sort at the end.
		for _, te := range t {
			name := base + te.Name
			if te.Mode == filemode.Dir {
				if cur := tx.idx.entry(name + "/"); cur != nil && cur.IsSparseDir() && cur.Hash == gitindex.Hash(te.Hash) {
					out.Entries = append(out.Entries, *cur)
					sub := &gitindex.TreeNode{Name: te.Name, EntryCount: 1, Hash: cur.Hash}
					node.Subtrees = append(node.Subtrees, sub)
					count++
					continue
				}
				sub := &gitindex.TreeNode{Name: te.Name}
				node.Subtrees = append(node.Subtrees, sub)
				c, err := walk(te.Hash, name+"/", sub)
				if err != nil {
					return 0, err
				}
				count += c
				continue
			}
			e := gitindex.Entry{Name: name, Hash: gitindex.Hash(te.Hash), Mode: uint32(te.Mode)}
			if cur := tx.idx.entry(name); cur != nil && cur.Hash == e.Hash && cur.Mode == e.Mode {
				e = *cur
			}
			out.Entries = append(out.Entries, e)
			count++
		}
		node.EntryCount = count
		sortSubtrees(node)
		return count, nil
	}
	out.Tree = &gitindex.TreeNode{}
	if _, err := walk(tx.headTree, "", out.Tree); err != nil {
		return nil, err
	}
	out.Sort()
	return out, nil
}

// sortSubtrees orders a cache-tree node's subdirectories as git does: shorter names first.
func sortSubtrees(n *gitindex.TreeNode) {
	s := n.Subtrees
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && subtreeLess(s[j].Name, s[j-1].Name); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func subtreeLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// applyChanges sets or removes the changed paths' entries; useIndexBlob picks the blob converted for
// the real index rather than the commit's; prefix is where the user stands, for the command a message
// suggests.
func applyChanges(x *gitindex.Index, changes []change, commitBlob bool, prefix string) error {
	for _, c := range changes {
		if c.remove {
			x.Remove(c.path)
			continue
		}
		e := *c.entry
		if commitBlob {
			e.Hash, e.Mode = gitindex.Hash(c.hash), uint32(c.mode)
		}
		if err := x.Set(e); err != nil {
			if errors.Is(err, gitindex.ErrInsideSparseDir) {
				return Sentinelf(ErrOutsideSparse, "%s is inside a folder the sparse index keeps whole, outside the sparse checkout; "+
					"add it to the sparse checkout with `git sparse-checkout add %s`", c.path, fromPrefix(prefix, sparseFolder(c.path)))
			}
			return fmt.Errorf("update the index entry of %s: %w", c.path, err)
		}
	}
	return nil
}
