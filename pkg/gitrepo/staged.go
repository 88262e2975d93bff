package gitrepo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// StagedFiles finds what differs between the index and HEAD the way `git diff --cached` does: one
// merge walk of the sorted index entries against HEAD's trees, read straight from the object store
// (no map is built of a tree's entries, and no object is hashed), which skips every folder whose
// cache-tree node (the index's TREE extension) is valid and names the very tree HEAD has there: the
// entries below such a folder are HEAD's, so none of them is staged. Only the folders that hold a
// candidate entry and differ from HEAD are read.

// stagedWalk is one walk of the index against HEAD: the candidates, and where the changed ones go.
type stagedWalk struct {
	r   *Repo
	out []*gitindex.Entry
}

// stagedEntries returns the index entries, in index order, that StagedFiles reports: stage 0, not
// intent-to-add, not a gitlink or sparse directory, whose mode or object differs from HEAD's entry
// at that path (or that HEAD has no file at), and accepted by match. match is asked last, of the
// changed entries only: asked of every entry of a large index, it cost more than the walk.
func (r *Repo) stagedEntries(idx *index, match func(path string) bool) ([]*gitindex.Entry, error) {
	cands := make([]*gitindex.Entry, 0, len(idx.Entries))
	for i := range idx.Entries {
		e := &idx.Entries[i]
		if e.Stage() != 0 || e.IntentToAdd() || e.Mode == gitindex.ModeGitlink || e.IsSparseDir() {
			continue
		}
		cands = append(cands, e)
	}
	if len(cands) == 0 {
		return nil, nil
	}
	head, err := r.headTree()
	if err != nil {
		return nil, err
	}
	w := &stagedWalk{r: r}
	if err := w.dir("", gitindex.Hash(head), idx.Tree, cands); err != nil {
		return nil, err
	}
	out := w.out[:0]
	for _, e := range w.out {
		if match == nil || match(e.Name) {
			out = append(out, e)
		}
	}
	return out, nil
}

// dir compares the candidates below folder prefix ("" or ending in '/') with tree, the hash of
// HEAD's tree there (zero: HEAD has no such folder); node is the folder's cache-tree node or nil.
func (w *stagedWalk) dir(prefix string, tree gitindex.Hash, node *gitindex.TreeNode, cands []*gitindex.Entry) error {
	if tree.IsZero() {
		w.out = append(w.out, cands...) // nothing of HEAD's here: all of them are new
		return nil
	}
	if node != nil && node.Valid() && node.Hash == tree {
		return nil // the index holds exactly HEAD's tree below prefix
	}
	entries, err := w.r.openTree(plumbing.Hash(tree))
	if err != nil {
		return fmt.Errorf("read tree %s of %q: %w", tree, strings.TrimSuffix(prefix, "/"), err)
	}
	defer entries.close()
	more := entries.next()
	t := entries.at()
	for len(cands) > 0 {
		// The first candidate's next path component, and whether it is a folder.
		rest := cands[0].Name[len(prefix):]
		name, _, isDir := strings.Cut(rest, "/")
		n := 1
		if isDir {
			sub := prefix + name + "/"
			for n < len(cands) && strings.HasPrefix(cands[n].Name, sub) {
				n++
			}
		}
		group := cands[:n]
		cands = cands[n:]
		// Index order and tree order agree once a folder's name is read with a '/' after it.
		found := false
		for more {
			// Mostly the very entry: one comparison of equal strings (no allocation) settles it.
			if t.dir == isDir && string(t.name) == name {
				found = true
				break
			}
			if compareTreeNames(t.name, t.dir, name, isDir) > 0 {
				break
			}
			more = entries.next()
			t = entries.at()
		}
		if err := entries.failure(); err != nil {
			return fmt.Errorf("read tree %s of %q: %w", tree, strings.TrimSuffix(prefix, "/"), err)
		}
		if !isDir {
			e := group[0]
			if !found || t.mode == gitindex.ModeGitlink || gitindex.Hash(t.hash) != e.Hash || t.mode != e.Mode {
				w.out = append(w.out, e)
			}
			continue
		}
		var sub gitindex.Hash
		if found {
			sub = gitindex.Hash(t.hash)
		}
		var subNode *gitindex.TreeNode
		if node != nil {
			subNode = node.Find(name)
		}
		if err := w.dir(prefix+name+"/", sub, subNode, group); err != nil {
			return err
		}
	}
	return nil
}

// treeEntries reads a tree's entries one at a time.
type treeEntries interface {
	next() bool     // moves to the next entry; false at the end or on an error
	at() *treeEntry // the current entry, valid until next
	failure() error // what stopped next early, if anything
	close()         // releases the file it reads, if any
}

// treeEntry is one entry of a tree.
type treeEntry struct {
	name []byte
	hash plumbing.Hash
	mode uint32
	dir  bool
}

// streamedTree is the size from which a tree is read as a stream rather than whole: a folder of
// 10,000 postmortems is a 680 KB tree, which read whole, in a short run, was a sixth of the heap
// and pushed it over the runtime's first collection.
const streamedTree = 64 << 10

// openTree returns the entries of tree h: streamed from its loose object file, or from its pack when
// it is large and stored whole there, else read whole through the pack reader (or go-git, which
// also knows the alternates). The caller closes it.
func (r *Repo) openTree(h plumbing.Hash) (treeEntries, error) {
	// loose first: the packs are opened only when an object is not loose (see readObject)
	if t, err := r.looseTree(h); t != nil || err != nil {
		return t, err
	}
	if r.packs == nil {
		r.packs = openPacks(r.layout.ObjectDir)
	}
	if rd, typ, ok := r.packs.stream(h, streamedTree); ok {
		if typ != plumbing.TreeObject {
			return nil, fmt.Errorf("object %s is a %s, not a %s", h, typ, plumbing.TreeObject)
		}
		return &treeStream{br: bufio.NewReaderSize(rd, 32<<10)}, nil
	}
	data, err := r.readObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	return &wholeTree{c: treeCursor{data: data}}, nil
}

// wholeTree reads the entries of a tree held in memory.
type wholeTree struct {
	c   treeCursor
	cur treeEntry
}

func (t *wholeTree) next() bool {
	if !t.c.next() {
		return false
	}
	t.cur = treeEntry{name: t.c.name, hash: t.c.hash, mode: t.c.mode, dir: t.c.dir}
	return true
}

func (t *wholeTree) at() *treeEntry { return &t.cur }
func (t *wholeTree) failure() error { return t.c.err }
func (t *wholeTree) close()         {}

// treeStream reads the entries of a tree from its inflated stream: "<octal mode> <name>\0<hash>".
type treeStream struct {
	br   *bufio.Reader
	cur  treeEntry
	name []byte
	err  error
	lo   *looseFile // the loose object it reads, closed by close; nil for a pack's
}

func (t *treeStream) next() bool {
	if t.err != nil {
		return false
	}
	mode, err := t.br.ReadSlice(' ')
	if err == io.EOF && len(mode) == 0 {
		return false
	}
	if err != nil || len(mode) < 2 {
		t.fail(err)
		return false
	}
	m := uint32(0)
	for _, c := range mode[:len(mode)-1] {
		if c < '0' || c > '7' || m > 1<<28 {
			t.fail(nil)
			return false
		}
		m = m<<3 | uint32(c-'0')
	}
	name, err := t.br.ReadSlice(0)
	if err != nil || len(name) < 2 {
		t.fail(err)
		return false
	}
	t.name = append(t.name[:0], name[:len(name)-1]...)
	if _, err := io.ReadFull(t.br, t.cur.hash[:]); err != nil {
		t.fail(err)
		return false
	}
	t.cur.name, t.cur.mode, t.cur.dir = t.name, m, m&0o170000 == 0o040000
	return true
}

// fail records why the stream stopped: a malformed tree, unless the inflater failed.
func (t *treeStream) fail(err error) {
	t.err = errBadTree
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF && err != bufio.ErrBufferFull {
		t.err = fmt.Errorf("%w: %v", errBadTree, err)
	}
}

func (t *treeStream) at() *treeEntry { return &t.cur }
func (t *treeStream) failure() error { return t.err }

func (t *treeStream) close() {
	if t.lo != nil {
		t.lo.close()
		t.lo = nil
	}
}

// looseTree streams tree h from its loose object file in the repository's object folder: zlib over
// "tree <size>\0<entries>". Read through go-git, a loose 680 KB tree (a folder of 10,000 postmortems,
// as it is after the commit before this one, until git packs it) was inflated into a growing buffer
// and hashed again, which was two fifths of a pm lint --staged; git does not hash an object it reads
// either. nil, nil when there is no such file: the pack reader or go-git reads it.
func (r *Repo) looseTree(h plumbing.Hash) (*treeStream, error) {
	lo, err := r.openLoose(h, 32<<10)
	if errors.Is(err, errNoLoose) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if lo.typ != "tree" {
		lo.close()
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, lo.typ, plumbing.TreeObject)
	}
	return &treeStream{br: lo.br, lo: lo}, nil
}

// compareTreeNames orders two entries of one folder as git does: by name, a folder's name read
// with a '/' after it.
func compareTreeNames(a []byte, aDir bool, b string, bDir bool) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	ca, cb := 0, 0 // the byte after the common part: the next one, '/' past a folder's name, 0 past a file's
	switch {
	case n < len(a):
		ca = int(a[n])
	case aDir:
		ca = '/'
	}
	switch {
	case n < len(b):
		cb = int(b[n])
	case bDir:
		cb = '/'
	}
	return ca - cb
}
