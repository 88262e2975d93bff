package gitrepo

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
)

// Change is one file a commit changed: its content before and after, as blob hashes. A merge
// commit reports only the files whose content differs from every parent's (a conflict resolved
// by hand, or an edit made in the merge); what a merge brings from a branch is reported at the
// commit on that branch that made it.
type Change struct {
	Commit  string // full hash of the commit
	Parents int    // the commit's parents as the walk saw them (0 for a root or shallow commit)
	// Generation is the length of the commit's longest line of parents (0 for a root or shallow
	// commit): an ancestor's is smaller, so that commits of one time can be put in order.
	Generation int
	// Shallow is set for a shallow clone's boundary commit, whose parents were not fetched: a file
	// it "adds" (Old "") was there before, in a history this clone does not have.
	Shallow   bool
	Author    Signature
	Committer Signature
	Path      string // root-relative, slash-separated
	Old       string // blob before (the first parent's); "" when the commit added the file
	New       string // blob after; "" when the commit deleted the file
	// Others are, for a merge, the file's blob in each of the other parents ("" where it had none):
	// a change a merge reports differs from all of them, but what it changed (a status, say) may
	// equal one of theirs.
	Others []string
}

// WalkChanges calls fn for every regular file (executable or not) under the folder dir ("" or "."
// for the whole tree) that a commit reachable from HEAD changed, one call per file and commit,
// every commit visited once: all parents of a merge are followed. Commits come newest first along
// each line of history (a depth-first walk from HEAD that takes the first parent first); the files
// of one commit in git's tree order. Symbolic links and submodules are left out. An unborn branch
// has no changes. A commit of a shallow clone whose parents were not fetched counts as a root: its
// files are reported as added.
//
// The walk reads each commit's tree once and compares it with its parent's by hash, going down
// only into folders whose hashes differ, so its cost grows with the number of commits and the size
// of the folders they change, not with the number of files times the number of commits.
// fn is called from the calling goroutine only. An error returned by fn stops the walk and is
// returned as it is.
func (r *Repo) WalkChanges(dir string, fn func(Change) error) error {
	dir, err := cleanDir(dir)
	if err != nil {
		return err
	}
	ref, err := r.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read HEAD: %w", err)
	}
	if r.packs == nil {
		r.packs = openPacks(r.layout.ObjectDir)
	}
	head, err := r.commitObject(ref.Hash())
	if err != nil {
		return fmt.Errorf("read commit %s: %w", ref.Hash(), err)
	}
	// The commits first, in the walk's order, each with its parents; then their trees.
	type step struct {
		c          *gitCommit
		parents    []*gitCommit
		generation int
	}
	var steps []step
	seen := map[plumbing.Hash]bool{head.Hash: true}
	stack := []*gitCommit{head}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		var parents []*gitCommit
		for _, h := range c.ParentHashes { // none for a shallow clone's last commits (see graft)
			p, err := r.commitObject(h)
			if err != nil {
				return fmt.Errorf("read commit %s, parent of %s: %w", h, c.Hash, err)
			}
			parents = append(parents, p)
		}
		steps = append(steps, step{c: c, parents: parents})
		// Pushed last-parent first, so that the first parent is visited next.
		for i := len(parents) - 1; i >= 0; i-- {
			if p := parents[i]; !seen[p.Hash] {
				seen[p.Hash] = true
				stack = append(stack, p)
			}
		}
	}
	// Generations, parents before children (the walk's order is not one: a merge's second line
	// comes after the commits of the first, its fork point among them).
	index := make(map[plumbing.Hash]int, len(steps))
	for i, s := range steps {
		index[s.c.Hash] = i
	}
	waiting := make([]int, len(steps))
	children := make([][]int, len(steps))
	var ready []int
	for i, s := range steps {
		waiting[i] = len(s.parents)
		for _, p := range s.parents {
			children[index[p.Hash]] = append(children[index[p.Hash]], i)
		}
		if len(s.parents) == 0 {
			ready = append(ready, i)
		}
	}
	for len(ready) > 0 {
		i := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		for _, c := range children[i] {
			steps[c].generation = max(steps[c].generation, steps[i].generation+1)
			if waiting[c]--; waiting[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	newWalker := func(packs *packReader) *historyWalker {
		w := &historyWalker{r: r, packs: packs, dir: dir, folders: map[plumbing.Hash]plumbing.Hash{}}
		// The trees the walk holds are the pack reader's buffers: it reuses only those the walk let go.
		packs.inUse = w.holds
		return w
	}
	// A long history is compared in two halves at once, the older half by a second walker with a
	// reader of its own, whose changes are passed on after the first half's.
	mid := len(steps)
	if len(steps) >= splitAt && runtime.GOMAXPROCS(0) > 1 {
		mid = len(steps) / 2
	}
	var (
		older    []Change
		olderErr error
		stop     atomic.Bool
		done     = make(chan struct{})
	)
	if mid < len(steps) {
		go func() {
			defer close(done)
			packs := openPacks(r.layout.ObjectDir)
			defer packs.close()
			w := newWalker(packs)
			for _, s := range steps[mid:] {
				if stop.Load() {
					return
				}
				err := w.commit(s.c, s.parents, s.generation, func(c Change) error { older = append(older, c); return nil })
				if err != nil {
					olderErr = err
					return
				}
			}
		}()
	} else {
		close(done)
	}
	w := newWalker(r.packs)
	defer func() { r.packs.inUse = nil }()
	for _, s := range steps[:mid] {
		if err := w.commit(s.c, s.parents, s.generation, fn); err != nil {
			stop.Store(true)
			<-done
			return err
		}
	}
	<-done
	if olderErr != nil {
		return olderErr
	}
	for _, c := range older {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// splitAt is the number of commits from which WalkChanges compares two halves at once: below it,
// starting a second reader costs more than it saves.
var splitAt = 2000

// cleanDir validates a root-relative folder, "" for the root ("." and "/" too).
func cleanDir(dir string) (string, error) {
	dir = strings.Trim(strings.ReplaceAll(dir, "\\", "/"), "/")
	if dir == "." || dir == "" {
		return "", nil
	}
	return cleanPath(dir)
}

// shallowSet holds the commits of a shallow clone whose parents were not fetched (.git/shallow),
// read once, on the first commit that has parents.
type shallowSet struct {
	once sync.Once
	set  map[plumbing.Hash]bool
}

// graft reads c as git reads it: a commit .git/shallow lists is a root, its parents not fetched,
// wherever a walk or a revision (~N, ^N, ^{/text}) follows parents. Every commit pm reads goes
// through it (commitObject, peelToCommit).
func (r *Repo) graft(c *gitCommit) *gitCommit {
	if len(c.ParentHashes) == 0 {
		return c
	}
	r.shallow.once.Do(func() {
		if sh, err := r.st.Shallow(); err == nil && len(sh) > 0 {
			r.shallow.set = make(map[plumbing.Hash]bool, len(sh))
			for _, h := range sh {
				r.shallow.set[h] = true
			}
		}
	})
	if r.shallow.set[c.Hash] {
		c.ParentHashes = nil
	}
	return c
}

// Shallow reports whether the repository is a shallow clone, whose oldest commits lack their
// parents: a history read from it starts there.
func (r *Repo) Shallow() (bool, error) {
	sh, err := r.st.Shallow()
	if err != nil {
		return false, fmt.Errorf("read the shallow commits of %s: %w", r.commonDir, err)
	}
	return len(sh) > 0, nil
}

// ReadBlob returns the content of the blob with the given hash (as Change gives it), as stored:
// no smudge filter or end-of-line conversion.
func (r *Repo) ReadBlob(hash string) ([]byte, error) {
	b, err := hex.DecodeString(hash)
	if err != nil || len(b) != len(plumbing.ZeroHash) {
		return nil, fmt.Errorf("read blob %q: not an object hash", hash)
	}
	data, err := r.readObject(plumbing.BlobObject, plumbing.NewHash(hash))
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", hash, err)
	}
	// A copy: the pack reader may reuse its buffers.
	return bytes.Clone(data), nil
}

// BlobReader reads blobs on its own, so that one goroutine can read the versions of files that
// WalkChanges reports while the walk goes on in another. A BlobReader is not itself safe for
// concurrent use; other methods of its Repo are not safe to call while it reads, except WalkChanges.
type BlobReader struct {
	r     *Repo
	packs *packReader
}

// NewBlobReader returns a BlobReader of the repository's objects.
func (r *Repo) NewBlobReader() *BlobReader {
	packs := openPacks(r.layout.ObjectDir)
	packs.limit = 16 << 20 // blobs are read once each; only short delta chains are worth keeping
	return &BlobReader{r: r, packs: packs}
}

// Read returns the content of the blob with the given hash, as ReadBlob does.
func (b *BlobReader) Read(hash string) ([]byte, error) {
	raw, err := hex.DecodeString(hash)
	if err != nil || len(raw) != len(plumbing.ZeroHash) {
		return nil, fmt.Errorf("read blob %q: not an object hash", hash)
	}
	data, err := b.r.readWith(b.packs, plumbing.BlobObject, plumbing.NewHash(hash))
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", hash, err)
	}
	return bytes.Clone(data), nil
}

// Close releases the pack files the reader opened.
func (b *BlobReader) Close() { b.packs.close() }

// BlobsAt returns the blob hash of every regular file under the folder dir ("" or "." for the
// whole tree) in revision rev, by root-relative path: the versions Change.New names.
func (r *Repo) BlobsAt(rev, dir string) (map[string]string, error) {
	rv, err := r.revTree(rev)
	if err != nil {
		return nil, err
	}
	dir, err = cleanDir(dir)
	if err != nil {
		return nil, err
	}
	w := &historyWalker{r: r, dir: dir, folders: map[plumbing.Hash]plumbing.Hash{}}
	folder, err := w.folder(rv.tree)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	err = w.diff(dir, plumbing.ZeroHash, folder, func(p string, _, blob plumbing.Hash) {
		out[p] = blob.String()
	})
	if err != nil {
		return nil, fmt.Errorf("list %s at %s: %w", dirName(dir), rev, err)
	}
	return out, nil
}

// historyWalker compares the trees of commits with their parents', reading each tree object once
// in a linear history: the parent's folder is the next commit's own.
type historyWalker struct {
	r       *Repo
	packs   *packReader
	dir     string
	folders map[plumbing.Hash]plumbing.Hash // root tree → the tree of dir in it (zero: none)
	recent  [8]cachedTree                   // the trees read last: a parent's is read again as the next commit's
	next    int
}

type cachedTree struct {
	hash    plumbing.Hash
	data    []byte
	offsets []int32 // where each entry starts in data; nil until known
}

// commit reports the files c changed against its parents; generation is c's (Change.Generation).
func (w *historyWalker) commit(c *gitCommit, parents []*gitCommit, generation int, fn func(Change) error) error {
	cur, err := w.folder(c.TreeHash)
	if err != nil {
		return fmt.Errorf("read the tree of %s: %w", c.Hash, err)
	}
	base := plumbing.ZeroHash
	if len(parents) > 0 {
		if base, err = w.folder(parents[0].TreeHash); err != nil {
			return fmt.Errorf("read the tree of %s: %w", parents[0].Hash, err)
		}
	}
	if base == cur {
		return nil
	}
	type pair struct{ old, new plumbing.Hash }
	var paths []string
	changed := map[string]pair{}
	err = w.diff(w.dir, base, cur, func(p string, old, new plumbing.Hash) {
		paths = append(paths, p)
		changed[p] = pair{old, new}
	})
	if err != nil {
		return fmt.Errorf("compare %s with its parent: %w", c.Hash, err)
	}
	// A merge keeps only the files that differ from every parent.
	others := map[string][]string{}
	for _, p := range parents[min(1, len(parents)):] {
		other, err := w.folder(p.TreeHash)
		if err != nil {
			return fmt.Errorf("read the tree of %s: %w", p.Hash, err)
		}
		differs := map[string]plumbing.Hash{}
		if err := w.diff(w.dir, other, cur, func(p string, old, _ plumbing.Hash) { differs[p] = old }); err != nil {
			return fmt.Errorf("compare %s with its parent %s: %w", c.Hash, p.Hash, err)
		}
		kept := paths[:0]
		for _, path := range paths {
			if old, ok := differs[path]; ok {
				kept = append(kept, path)
				blob := ""
				if !old.IsZero() {
					blob = old.String()
				}
				others[path] = append(others[path], blob)
			}
		}
		paths = kept
	}
	author, committer := c.Author, c.Committer
	for _, p := range paths {
		ch := Change{Commit: c.Hash.String(), Parents: len(parents), Generation: generation, Author: author, Committer: committer, Path: p,
			Shallow: len(parents) == 0 && w.r.shallow.set[c.Hash], Others: others[p]}
		if pr := changed[p]; !pr.old.IsZero() {
			ch.Old = pr.old.String()
		}
		if pr := changed[p]; !pr.new.IsZero() {
			ch.New = pr.new.String()
		}
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

// folder returns the hash of the tree of w.dir in the root tree root (zero when there is none).
func (w *historyWalker) folder(root plumbing.Hash) (plumbing.Hash, error) {
	if w.dir == "" {
		return root, nil
	}
	if h, ok := w.folders[root]; ok {
		return h, nil
	}
	h := root
	for _, name := range strings.Split(w.dir, "/") {
		data, err := w.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		h = plumbing.ZeroHash
		for t := (treeCursor{data: data}); t.next(); {
			if t.dir && string(t.name) == name {
				h = t.hash
				break
			}
		}
		if h.IsZero() {
			break
		}
	}
	w.folders[root] = h
	return h, nil
}

// tree returns the raw content of a tree object (nil for the zero hash).
func (w *historyWalker) tree(h plumbing.Hash) ([]byte, error) {
	c, err := w.cached(h)
	if c == nil {
		return nil, err
	}
	return c.data, nil
}

// cached returns the cache slot of a tree object, reading it when it is not there (nil for the zero
// hash). The slot stays valid until len(w.recent) other trees are read.
func (w *historyWalker) cached(h plumbing.Hash) (*cachedTree, error) {
	if h.IsZero() {
		return nil, nil
	}
	for i := range w.recent {
		if w.recent[i].hash == h {
			return &w.recent[i], nil
		}
	}
	packs := w.packs
	if packs == nil {
		if w.r.packs == nil {
			w.r.packs = openPacks(w.r.layout.ObjectDir)
		}
		packs = w.r.packs
	}
	data, err := w.r.readWith(packs, plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	c := &w.recent[w.next]
	*c = cachedTree{hash: h, data: data}
	w.next = (w.next + 1) % len(w.recent)
	return c, nil
}

// holds reports whether data is one of the trees the walker keeps.
func (w *historyWalker) holds(data []byte) bool {
	for _, c := range w.recent {
		if cap(c.data) > 0 && cap(data) > 0 && &c.data[:1][0] == &data[:1][0] {
			return true
		}
	}
	return false
}

// setOffsets records where the entries of tree h start, if it is still cached.
func (w *historyWalker) setOffsets(h plumbing.Hash, offs []int32) {
	for i := range w.recent {
		if w.recent[i].hash == h {
			w.recent[i].offsets = offs
		}
	}
}

// entryOffsets returns where each entry of a tree starts, reading the whole tree once.
func entryOffsets(c cachedTree) ([]int32, error) {
	if c.offsets != nil {
		return c.offsets, nil
	}
	offs := make([]int32, 0, len(c.data)/40)
	t := treeCursor{data: c.data}
	for t.next() {
		offs = append(offs, int32(t.pos))
	}
	if t.err != nil {
		return nil, t.err
	}
	return offs, nil
}

// commonPrefix is the length of the longest common prefix of a and b; commonSuffix of the suffix.
// Both compare blocks first, which the runtime does many bytes at a time.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+256 <= n && bytes.Equal(a[i:i+256], b[i:i+256]); i += 256 {
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+256 <= n && bytes.Equal(a[len(a)-i-256:len(a)-i], b[len(b)-i-256:len(b)-i]); i += 256 {
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// diff calls emit for every regular file that differs between the trees a and b (zero: empty)
// under the folder prefix, in git's tree order. Entries are compared as the trees hold them,
// without decoding the trees into objects: a folder of thousands of files costs one pass.
func (w *historyWalker) diff(prefix string, a, b plumbing.Hash, emit func(path string, old, new plumbing.Hash)) error {
	if a == b {
		return nil
	}
	// Copies of the cache slots: reading one tree may reuse the other's slot.
	var ca, cb cachedTree
	if c, err := w.cached(a); err != nil {
		return err
	} else if c != nil {
		ca = *c
	}
	if c, err := w.cached(b); err != nil {
		return err
	} else if c != nil {
		cb = *c
	}
	da, db := ca.data, cb.data
	// Two versions of a large folder mostly differ in a few entries: the bytes before the first
	// difference and after the last one are the same entries in both, and are skipped. Where the
	// entries start is known for one of the trees (read once, then carried from tree to tree), which
	// tells where the first differing entry starts; the other tree's starts are carried over.
	start, same := 0, 0
	var known *cachedTree
	var knownOffs []int32
	if !a.IsZero() && !b.IsZero() {
		known = &cb
		if ca.offsets != nil {
			known = &ca
		}
		var err error
		if knownOffs, err = entryOffsets(*known); err != nil {
			return fmt.Errorf("tree %s: %w", known.hash, err)
		}
		w.setOffsets(known.hash, knownOffs)
		lp := commonPrefix(da, db)
		same = commonSuffix(da, db)
		k := sort.Search(len(knownOffs), func(i int) bool { return int(knownOffs[i]) > lp }) - 1
		if k > 0 {
			start = int(knownOffs[k])
		}
	}
	var scannedA, scannedB []int32 // starts of the entries read in each tree
	// The children are compared after this pass: reading them may push these trees out of the cache.
	type sub struct {
		name string
		a, b plumbing.Hash
	}
	var subs []sub
	join := func(name []byte) string {
		if prefix == "" {
			return string(name)
		}
		return prefix + "/" + string(name)
	}
	ta, tb := treeCursor{data: da[min(start, len(da)):], pos: start, end: start}, treeCursor{data: db[min(start, len(db)):], pos: start, end: start}
	okA, okB := ta.next(), tb.next()
	stopA, stopB := len(da), len(db)
	for okA || okB {
		if okA && okB && len(da)-ta.pos == len(db)-tb.pos && len(da)-ta.pos <= same {
			stopA, stopB = ta.pos, tb.pos // the rest is the same entries in both
			break
		}
		cmp := 0
		switch {
		case !okA:
			cmp = 1
		case !okB:
			cmp = -1
		default:
			cmp = compareEntries(&ta, &tb)
		}
		switch {
		case cmp < 0: // only in a
			if ta.dir {
				subs = append(subs, sub{string(ta.name), ta.hash, plumbing.ZeroHash})
			} else if ta.regular {
				emit(join(ta.name), ta.hash, plumbing.ZeroHash)
			}
			scannedA = append(scannedA, int32(ta.pos))
			okA = ta.next()
		case cmp > 0: // only in b
			if tb.dir {
				subs = append(subs, sub{string(tb.name), plumbing.ZeroHash, tb.hash})
			} else if tb.regular {
				emit(join(tb.name), plumbing.ZeroHash, tb.hash)
			}
			scannedB = append(scannedB, int32(tb.pos))
			okB = tb.next()
		default:
			if ta.hash != tb.hash {
				switch {
				case ta.dir:
					subs = append(subs, sub{string(ta.name), ta.hash, tb.hash})
				case ta.regular && tb.regular:
					emit(join(ta.name), ta.hash, tb.hash)
				case ta.regular:
					emit(join(ta.name), ta.hash, plumbing.ZeroHash)
				case tb.regular:
					emit(join(tb.name), plumbing.ZeroHash, tb.hash)
				}
			} else if ta.regular != tb.regular { // same content, now a link or no longer one
				if ta.regular {
					emit(join(ta.name), ta.hash, plumbing.ZeroHash)
				} else {
					emit(join(tb.name), plumbing.ZeroHash, tb.hash)
				}
			}
			scannedA, scannedB = append(scannedA, int32(ta.pos)), append(scannedB, int32(tb.pos))
			okA, okB = ta.next(), tb.next()
		}
	}
	if ta.err != nil {
		return fmt.Errorf("tree %s: %w", a, ta.err)
	}
	if tb.err != nil {
		return fmt.Errorf("tree %s: %w", b, tb.err)
	}
	if known != nil {
		// The entry starts of the other tree: the known ones before start, those just read, and
		// the known ones after the part read, moved by the difference in length.
		other, otherScanned, stopOther, stopKnown := &ca, scannedA, stopA, stopB
		if known == &ca {
			other, otherScanned, stopOther, stopKnown = &cb, scannedB, stopB, stopA
		}
		if other.offsets == nil {
			k := sort.Search(len(knownOffs), func(i int) bool { return int(knownOffs[i]) >= start })
			j := sort.Search(len(knownOffs), func(i int) bool { return int(knownOffs[i]) >= stopKnown })
			offs := make([]int32, 0, k+len(otherScanned)+len(knownOffs)-j)
			offs = append(offs, knownOffs[:k]...)
			offs = append(offs, otherScanned...)
			shift := int32(stopOther - stopKnown)
			for _, o := range knownOffs[j:] {
				offs = append(offs, o+shift)
			}
			w.setOffsets(other.hash, offs)
		}
	}
	for _, s := range subs {
		if err := w.diff(join([]byte(s.name)), s.a, s.b, emit); err != nil {
			return err
		}
	}
	return nil
}

// treeCursor reads the entries of a raw tree object one by one: "<octal mode> <name>\0<hash>".
type treeCursor struct {
	treeEntry        // the current one: name, hash, mode as its octal digits read, whether a folder
	data      []byte // what is left after the current entry
	pos       int    // where the current entry starts in the whole tree
	end       int    // where it ends
	regular   bool   // a regular file, executable or not (not a link or submodule)
	err       error
}

var errBadTree = errors.New("malformed tree object")

// next moves to the next entry and reports whether there is one.
func (t *treeCursor) next() bool {
	if len(t.data) == 0 || t.err != nil {
		return false
	}
	size := cutTreeEntry(t.data, &t.treeEntry)
	if size <= 0 {
		t.err = errBadTree
		return false
	}
	t.pos, t.end = t.end, t.end+size
	t.data = t.data[size:]
	t.regular = t.mode&0o170000 == 0o100000
	return true
}

// compareEntries orders two entries as git sorts a tree: by name, a folder's name as if it ended
// in "/".
func compareEntries(a, b *treeCursor) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	ca, cb := entryEnd(a, n), entryEnd(b, n)
	switch {
	case ca < cb:
		return -1
	case ca > cb:
		return 1
	}
	return 0
}

// entryEnd is the byte that follows the first n bytes of an entry's name in git's order.
func entryEnd(t *treeCursor, n int) byte {
	if n < len(t.name) {
		return t.name[n]
	}
	if t.dir {
		return '/'
	}
	return 0
}

// readObject returns the content of an object of type typ: from the pack files when it is there,
// else through go-git.
func (r *Repo) readObject(typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	if r.packs == nil {
		// Until an object is not loose, the packs are not opened: a pre-commit hook's reads (the
		// last commit, its trees, the staged blobs) are loose until git packs them.
		if data, err := r.readLoose(typ, h); !errors.Is(err, errNoLoose) {
			return data, err
		}
		r.packs = openPacks(r.layout.ObjectDir)
	}
	return r.readWith(r.packs, typ, h)
}

// readWith reads an object with the pack reader packs, else from its loose file, else through go-git
// (which also knows the alternates).
func (r *Repo) readWith(packs *packReader, typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	data, got, err := packs.read(h)
	if err == nil {
		if got != typ {
			return nil, fmt.Errorf("object %s is a %s, not a %s", h, got, typ)
		}
		return data, nil
	}
	if data, err := r.readLoose(typ, h); !errors.Is(err, errNoLoose) {
		return data, err
	}
	data, err = r.storedObject(typ, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		// git gc or git repack, run meanwhile, may have moved the object into a pack made since the
		// packs were read, and removed its loose file: the packs are looked at again, as git does
		// when an object is missing (reprepare_packed_git), pm's and go-git's
		if packs.rescan(r.layout.ObjectDir) {
			if data, got, err := packs.read(h); err == nil {
				if got != typ {
					return nil, fmt.Errorf("object %s is a %s, not a %s", h, got, typ)
				}
				return data, nil
			}
		}
		r.gitMu.Lock()
		r.st.Reindex()
		r.gitMu.Unlock()
		data, err = r.storedObject(typ, h)
	}
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		// a partial clone's missing object, fetched as git would
		if fetched, ferr := r.fetchMissing(typ, h); !errors.Is(ferr, errNotPartial) {
			return fetched, ferr
		}
	}
	return data, err
}

// storedHas reports whether go-git's storage (loose objects, packs, alternates) holds object h.
func (r *Repo) storedHas(h plumbing.Hash) bool {
	r.gitMu.Lock()
	defer r.gitMu.Unlock()
	return r.st.HasEncodedObject(h) == nil
}

// storedObject reads an object through go-git's storage, whose objects are shared with
// BlobReaders, which may run in other goroutines.
func (r *Repo) storedObject(typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	r.gitMu.Lock()
	defer r.gitMu.Unlock()
	o, err := r.st.EncodedObject(typ, h)
	if err != nil {
		return nil, err
	}
	return encodedBytes(o)
}

// commitObject reads a commit through readObject: go-git's CommitObject opens the pack file anew
// for each object, which a walk of many commits notices.
func (r *Repo) commitObject(h plumbing.Hash) (*gitCommit, error) {
	data, err := r.readObject(plumbing.CommitObject, h)
	if err != nil {
		return nil, err
	}
	if got := plumbing.ComputeHash(plumbing.CommitObject, data); got != h {
		return nil, fmt.Errorf("commit %s: its content hashes to %s", h, got)
	}
	c, err := decodeCommit(h, data)
	if err != nil {
		return nil, err
	}
	return r.graft(c), nil
}

// RemovedFiles returns the regular files that the commit (a full hash, as Change gives it) removed
// from its first parent's tree, anywhere in the tree: blob hash by root-relative path. A root commit,
// or a shallow clone's boundary commit, removed none. WalkChanges reads one folder; a file moved
// into it from elsewhere (a folder renamed, git mv from outside) left from a path this finds.
func (r *Repo) RemovedFiles(commit string) (map[string]string, error) {
	raw, err := hex.DecodeString(commit)
	if err != nil || len(raw) != len(plumbing.ZeroHash) {
		return nil, fmt.Errorf("read commit %q: not an object hash", commit)
	}
	c, err := r.commitObject(plumbing.NewHash(commit))
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", commit, err)
	}
	out := map[string]string{}
	if len(c.ParentHashes) == 0 {
		return out, nil
	}
	p, err := r.commitObject(c.ParentHashes[0])
	if err != nil {
		return nil, fmt.Errorf("read commit %s, parent of %s: %w", c.ParentHashes[0], commit, err)
	}
	w := &historyWalker{r: r, folders: map[plumbing.Hash]plumbing.Hash{}}
	err = w.diff("", p.TreeHash, c.TreeHash, func(path string, old, new plumbing.Hash) {
		if new.IsZero() && !old.IsZero() {
			out[path] = old.String()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("compare %s with its parent: %w", commit, err)
	}
	return out, nil
}
