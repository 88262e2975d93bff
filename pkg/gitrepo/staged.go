package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/inflate"
)

// StagedFiles finds what differs between the index and HEAD the way `git diff --cached` does: one
// merge walk of the sorted index entries against HEAD's trees, read straight from the object store
// (no map is built of a tree's entries, and no object is hashed), which skips every folder whose
// cache-tree node (the index's TREE extension) is valid and names the very tree HEAD has there: the
// entries below such a folder are HEAD's, so none of them is staged. Only the folders that hold a
// candidate entry and differ from HEAD are read.

// stagedWalk is one walk of the index against HEAD: the index, and where the changed entries go.
type stagedWalk struct {
	r   *Repo
	v   *gitindex.View
	out []int32
	// passed counts HEAD's entries the walk read and no candidate matched: with only candidates in
	// the index (no conflict, submodule, intent-to-add or sparse folder), none means the index
	// removes nothing HEAD has below the folders read, and the folders not read are HEAD's
	passed int
}

// stagedEntries returns the index entries, in index order, that StagedFiles reports: stage 0, not
// intent-to-add, not a gitlink or sparse directory, whose mode or object differs from HEAD's entry
// at that path (or that HEAD has no file at), and accepted by match. match is asked last, of the
// changed entries only: asked of every entry of a large index, it cost more than the walk. The
// index is read as a View, and only the entries returned are decoded; fi is its file as it was
// opened (nil: there was none), which the walk's "no removals" is said of. head is HEAD's tree the
// entries were compared with, when headRead (an index of no candidate entry is compared with none).
func (r *Repo) stagedEntries(v *gitindex.View, fi os.FileInfo, match func(path string) bool) (out []gitindex.Entry, unmerged []string, head plumbing.Hash, headRead bool, err error) {
	r.noRemovalsAt = nil
	cands := make([]int32, 0, v.Len())
	var sparse []int32 // sparse directory entries: folders the index keeps as one tree
	others := false    // an entry that is not a candidate: the walk cannot tell removals then
	for i := range v.Len() {
		m := v.Mode(i)
		if v.Stage(i) != 0 {
			others = true
			// a conflict's stages follow one another: one name each, a copy (match keeps it)
			if name := v.Name(i); len(unmerged) == 0 || unmerged[len(unmerged)-1] != name {
				if name = strings.Clone(name); match == nil || match(name) {
					unmerged = append(unmerged, name)
				}
			}
			continue
		}
		if m == gitindex.ModeDir {
			sparse = append(sparse, int32(i))
			others = true
			continue
		}
		if m == gitindex.ModeGitlink || v.IntentToAdd(i) {
			others = true
			continue
		}
		cands = append(cands, int32(i))
	}
	if len(cands) == 0 && len(sparse) == 0 {
		return nil, unmerged, plumbing.ZeroHash, false, nil
	}
	head, err = r.headTree()
	if err != nil {
		return nil, nil, head, true, err
	}
	w := &stagedWalk{r: r, v: v}
	if err := w.dir("", gitindex.Hash(head), v.Tree, cands); err != nil {
		return nil, nil, head, true, err
	}
	if !others && w.passed == 0 && fi != nil {
		// the index file read, not one statted now: an index that replaced it meanwhile (another
		// git add or git rm) was not walked, and may remove what this one keeps
		r.noRemovalsAt, r.noRemovalsHead = fi, plumbing.Hash(head)
	}
	for _, i := range w.out {
		// decoded first: match gets a name of its own, not one of the View's, which goes with it
		if e := v.Entry(int(i)); match == nil || match(e.Name) {
			out = append(out, e)
		}
	}
	if len(sparse) > 0 {
		// A folder a sparse index keeps whole holds staged changes when its tree is not HEAD's
		// there (a merge or a reset brought them): the files that differ, as git diff --cached lists
		// them.
		lookup := newTreeLookup(r, plumbing.Hash(head))
		for _, i := range sparse {
			dir := strings.TrimSuffix(v.Name(int(i)), "/")
			var old plumbing.Hash
			if t, err := lookup.dir(parentDir(dir)); err != nil {
				return nil, nil, head, true, err
			} else if e, ok := t[dir[strings.LastIndexByte(dir, '/')+1:]]; ok && e.Mode == filemode.Dir {
				old = e.Hash
			}
			if h := plumbing.Hash(v.Hash(int(i))); h != old {
				if err := r.changedInTree(dir+"/", h, old, match, &out); err != nil {
					return nil, nil, head, true, err
				}
			}
		}
		sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	}
	return out, unmerged, head, true, nil
}

// changedInTree adds to out the files of tree that old (zero: none) does not hold as they are,
// below prefix, that match accepts: added or modified, as index entries of the blob and mode.
func (r *Repo) changedInTree(prefix string, tree, old plumbing.Hash, match func(string) bool, out *[]gitindex.Entry) error {
	items, err := r.readTree(tree)
	if err != nil {
		return fmt.Errorf("read tree %s of %q: %w", tree, strings.TrimSuffix(prefix, "/"), err)
	}
	before := map[string]treeItem{}
	if !old.IsZero() {
		olds, err := r.readTree(old)
		if err != nil {
			return fmt.Errorf("read tree %s of %q: %w", old, strings.TrimSuffix(prefix, "/"), err)
		}
		before = itemsByName(olds)
	}
	for _, it := range items {
		o, had := before[it.Name]
		switch {
		case it.Mode == filemode.Dir:
			var sub plumbing.Hash
			if had && o.Mode == filemode.Dir {
				if o.Hash == it.Hash {
					continue
				}
				sub = o.Hash
			}
			if err := r.changedInTree(prefix+it.Name+"/", it.Hash, sub, match, out); err != nil {
				return err
			}
		case it.Mode == filemode.Submodule:
		case had && o.Hash == it.Hash && o.Mode == it.Mode:
		default:
			if name := prefix + it.Name; match == nil || match(name) {
				*out = append(*out, gitindex.Entry{Name: name, Hash: gitindex.Hash(it.Hash), Mode: uint32(it.Mode)})
			}
		}
	}
	return nil
}

// dir compares the candidates below folder prefix ("" or ending in '/') with tree, the hash of
// HEAD's tree there (zero: HEAD has no such folder); node is the folder's cache-tree node or nil.
func (w *stagedWalk) dir(prefix string, tree gitindex.Hash, node *gitindex.TreeNode, cands []int32) error {
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
	matched := false // t is the entry a candidate matched
	v := w.v
	for len(cands) > 0 {
		// The first candidate's next path component, and whether it is a folder.
		rest := v.Name(int(cands[0]))[len(prefix):]
		name, _, isDir := strings.Cut(rest, "/")
		n := 1
		if isDir {
			sub := prefix + name + "/"
			for n < len(cands) && strings.HasPrefix(v.Name(int(cands[n])), sub) {
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
				found, matched = true, true
				break
			}
			if compareTreeNames(t.name, t.dir, name, isDir) > 0 {
				break
			}
			if !matched {
				w.passed++ // an entry of HEAD's no candidate has: removed, or held otherwise
			}
			matched = false
			more = entries.next()
			t = entries.at()
		}
		if err := entries.failure(); err != nil {
			return fmt.Errorf("read tree %s of %q: %w", tree, strings.TrimSuffix(prefix, "/"), err)
		}
		if !isDir {
			i := int(group[0])
			if !found || t.mode == gitindex.ModeGitlink || gitindex.Hash(t.hash) != v.Hash(i) || t.mode != v.Mode(i) {
				w.out = append(w.out, group[0])
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
	// The rest of the tree is read too: a streamed tree's length, checksum and end are checked at
	// its end, and git, which reads a tree whole, refuses a damaged one.
	for more {
		if !matched {
			w.passed++
		}
		matched = false
		more = entries.next()
	}
	if err := entries.failure(); err != nil {
		return fmt.Errorf("read tree %s of %q: %w", tree, strings.TrimSuffix(prefix, "/"), err)
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
// 10,000 postmortems is a 680 KB tree, which read whole into fresh memory cost a page fault for
// every 4 KB of it (as much as inflating it, in a virtual machine) and, in a short run, pushed the
// heap over the runtime's first collection. Streamed, it passes through a 64 KB window.
const streamedTree = 64 << 10

// openTree returns the entries of tree h: from its loose object file, or from its pack, streamed
// when it is large and stored whole there, else read whole through the pack reader (or go-git,
// which also knows the alternates). The caller closes it.
func (r *Repo) openTree(h plumbing.Hash) (treeEntries, error) {
	// loose first: the packs are opened only when an object is not loose (see readObject)
	if t, err := r.looseTree(h); t != nil || err != nil {
		return t, err
	}
	if r.packs == nil {
		r.packs = openPacks(r.layout.ObjectDir)
	}
	if s, d, typ, ok := r.packs.stream(h, streamedTree); ok {
		if typ != plumbing.TreeObject {
			decoders.Put(d)
			return nil, fmt.Errorf("object %s is a %s, not a %s", h, typ, plumbing.TreeObject)
		}
		return &treeStream{s: s, d: d}, nil
	}
	data, err := r.readObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	return &wholeTree{c: treeCursor{data: data}}, nil
}

// looseTree reads tree h from its loose object file in the repository's object folder: whole, or
// streamed when it is large. Read through go-git, a loose 680 KB tree (a folder of 10,000
// postmortems, as it is after the commit before this one, until git packs it) was inflated into a
// growing buffer and hashed again, which was two fifths of a pm lint --staged; git does not hash an
// object it reads either. nil, nil when there is no such file: the pack reader or go-git reads it.
func (r *Repo) looseTree(h plumbing.Hash) (treeEntries, error) {
	lo, err := r.openLoose(h)
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
	if lo.size < streamedTree {
		defer lo.close()
		data, err := lo.readAll()
		if err != nil {
			return nil, err
		}
		return &wholeTree{c: treeCursor{data: data}}, nil
	}
	return &treeStream{s: lo.stream(nil), lo: lo}, nil
}

// wholeTree reads the entries of a tree held in memory.
type wholeTree struct{ c treeCursor }

func (t *wholeTree) next() bool     { return t.c.next() }
func (t *wholeTree) at() *treeEntry { return &t.c.treeEntry }
func (t *wholeTree) failure() error { return t.c.err }
func (t *wholeTree) close()         {}

// treeStream reads the entries of a tree as it is inflated: "<octal mode> <name>\0<hash>".
type treeStream struct {
	s   *inflate.Stream
	cur treeEntry
	err error
	lo  *looseFile       // the loose object it reads, closed by close; nil for a pack's
	d   *inflate.Decoder // a pack stream's decoder, back to decoders by close
}

func (t *treeStream) next() bool {
	for t.err == nil {
		k := cutTreeEntry(t.s.Pending(), &t.cur)
		if k > 0 {
			t.s.Take(k)
			return true
		}
		if k < 0 {
			t.err = errBadTree
			return false
		}
		more, err := t.s.More()
		switch {
		case err != nil:
			t.err = fmt.Errorf("%w: %v", errBadTree, err)
			if t.lo != nil {
				t.err = t.lo.damaged(err)
			}
		case more:
			continue
		case len(t.s.Pending()) > 0:
			t.err = errBadTree // the tree ends inside an entry
		case t.lo != nil:
			t.err = t.lo.end(t.s)
		}
		return false
	}
	return false
}

// cutTreeEntry reads the entry b begins with, "<octal mode> <name>\0<20-byte hash>", into e, whose
// name is then part of b: it returns the entry's length, 0 when b holds only the start of an entry,
// -1 when b does not begin with one.
func cutTreeEntry(b []byte, e *treeEntry) int {
	mode, sp := uint32(0), -1
	for i, c := range b {
		if c == ' ' {
			sp = i
			break
		}
		if c < '0' || c > '7' || mode > 1<<28 {
			return -1
		}
		mode = mode<<3 | uint32(c-'0')
	}
	switch {
	case sp == 0:
		return -1
	case sp < 0:
		return 0
	}
	rest := b[sp+1:]
	nul := bytes.IndexByte(rest, 0)
	switch {
	case nul == 0:
		return -1
	case nul < 0 || len(rest) < nul+1+len(e.hash):
		return 0
	}
	e.name, e.mode, e.dir = rest[:nul], mode, mode&0o170000 == 0o040000
	copy(e.hash[:], rest[nul+1:])
	return sp + 1 + nul + 1 + len(e.hash)
}

func (t *treeStream) at() *treeEntry { return &t.cur }
func (t *treeStream) failure() error { return t.err }

func (t *treeStream) close() {
	if t.lo != nil {
		t.lo.close()
		t.lo = nil
	}
	if t.d != nil {
		decoders.Put(t.d)
		t.d = nil
	}
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

// StagedRemovals returns the root-relative paths (sorted) of the files HEAD holds under folder dir
// ("" or "." for the whole tree) that the index has no entry for, at any stage: what a commit of the
// index deletes (`git diff --cached --diff-filter=D`, a rename's old path included). A file inside a
// folder a sparse index keeps as one entry is there when that folder's tree holds it. When the index's cache tree says the
// folder is HEAD's, nothing is read of it: a commit that does not touch the folder costs nothing.
func (r *Repo) StagedRemovals(dir string) ([]string, error) {
	if at := r.noRemovalsAt; at != nil {
		// the walk of StagedFiles (pm lint --staged's) passed over no file of HEAD's in this index:
		// a commit that adds or changes postmortems, the usual one, costs nothing more here
		if fi, err := os.Stat(r.indexFile()); err == nil && sameFileState(at, fi) {
			if head, err := r.headTree(); err == nil && head == r.noRemovalsHead {
				return nil, nil
			}
		}
	}
	dir = strings.Trim(strings.ReplaceAll(dir, "\\", "/"), "/")
	if dir == "." {
		dir = ""
	}
	v, release, err := r.readStagedView()
	if viaGit(err) {
		spec := ":(top)"
		if dir != "" {
			spec = ":(top,literal)" + dir
		}
		out, err := r.git("diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=D", "--", spec)
		if err != nil {
			return nil, err
		}
		var paths []string
		for _, p := range strings.Split(string(out), "\x00") {
			if p != "" {
				paths = append(paths, p)
			}
		}
		sort.Strings(paths)
		return paths, nil
	}
	if err != nil {
		return nil, err
	}
	defer release()
	head, err := r.headTree()
	if err != nil || head.IsZero() {
		return nil, err // no commit yet: nothing to remove
	}
	tree := head
	if dir != "" {
		t, err := newTreeLookup(r, head).dir(parentDir(dir))
		if err != nil {
			return nil, err
		}
		it, ok := t[dir[strings.LastIndexByte(dir, '/')+1:]]
		if !ok || it.Mode != filemode.Dir {
			return nil, nil // HEAD has no such folder
		}
		tree = it.Hash
	}
	if n := v.Tree.Find(dir); n != nil && n.Valid() && n.Hash == gitindex.Hash(tree) {
		return nil, nil
	}
	inHead, err := r.FilesAt("HEAD", dir)
	if err != nil {
		return nil, err
	}
	at := func(name string) (int, bool) {
		i := sort.Search(v.Len(), func(i int) bool { return v.Name(i) >= name })
		return i, i < v.Len() && v.Name(i) == name
	}
	sparse := map[string]*treeLookup{} // the folders a sparse index keeps whole, by name ("d/")
	var out []string
	for _, p := range inHead {
		if _, ok := at(p); ok {
			continue
		}
		// inside a folder a sparse index keeps whole, the file is there when that folder's tree
		// holds it: a merge or a reset that deleted it left a tree without it
		held := false
		for d := parentDir(p); d != ""; d = parentDir(d) {
			i, ok := at(d + "/")
			if !ok || v.Mode(i) != gitindex.ModeDir {
				continue
			}
			l := sparse[d]
			if l == nil {
				l = newTreeLookup(r, plumbing.Hash(v.Hash(i)))
				sparse[d] = l
			}
			if _, held, err = l.find(strings.TrimPrefix(p, d+"/")); err != nil {
				return nil, err
			}
			break
		}
		if !held {
			out = append(out, p)
		}
	}
	return out, nil
}

// IndexFiles returns what the index holds (stage 0) for each regular file match accepts, in path
// order, reading the index once: IndexFile decodes the index for every call, which over the
// thousands of postmortems of a large repository costs seconds. Symbolic links and submodules are
// left out; the files of a folder a sparse index keeps whole are read from its tree.
func (r *Repo) IndexFiles(match func(path string) bool) ([]File, error) {
	v, release, err := r.readStagedView()
	if viaGit(err) {
		paths, err := r.IndexPaths(match)
		if err != nil {
			return nil, err
		}
		var files []File
		for _, p := range paths {
			if data, ok, err := r.IndexFile(p); err != nil {
				return nil, err
			} else if ok {
				files = append(files, File{Path: p, Data: data})
			}
		}
		return files, nil
	}
	if err != nil {
		return nil, err
	}
	var entries []gitindex.Entry
	for i := range v.Len() {
		m := v.Mode(i)
		if v.Stage(i) == 0 && m == gitindex.ModeDir {
			// a folder a sparse index keeps whole: its files are in its tree
			var inTree []gitindex.Entry
			if err := r.changedInTree(v.Name(i), plumbing.Hash(v.Hash(i)), plumbing.ZeroHash, match, &inTree); err != nil {
				release()
				return nil, err
			}
			for _, e := range inTree {
				if e.Mode == gitindex.ModeRegular || e.Mode == gitindex.ModeExecutable {
					entries = append(entries, e)
				}
			}
			continue
		}
		if v.Stage(i) != 0 || (m != gitindex.ModeRegular && m != gitindex.ModeExecutable) {
			continue
		}
		if e := v.Entry(i); match == nil || match(e.Name) {
			entries = append(entries, e)
		}
	}
	release()
	sort.SliceStable(entries, func(a, b int) bool { return entries[a].Name < entries[b].Name })
	files := make([]File, 0, len(entries))
	for _, e := range entries {
		data := r.worktreeCopy(e.Name, e.Size, plumbing.Hash(e.Hash))
		if data == nil {
			if data, err = r.readBlob(plumbing.Hash(e.Hash)); err != nil {
				return nil, fmt.Errorf("read %s from the index: %w", e.Name, err)
			}
		}
		files = append(files, File{Path: e.Name, Data: data})
	}
	return files, nil
}
