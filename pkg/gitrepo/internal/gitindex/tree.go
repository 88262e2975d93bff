package gitindex

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"strconv"
	"strings"
)

// TreeNode is one directory of the cache tree (the TREE extension): the tree object that the
// index entries below the directory would produce, when known.
type TreeNode struct {
	// Name is the directory's last path component; "" for the root.
	Name string
	// EntryCount is the number of index entries below the directory, or -1 when the node is
	// invalid (a path below it changed since its tree was computed).
	EntryCount int
	// Hash is the tree object's name; meaningful only when EntryCount >= 0.
	Hash Hash
	// Subtrees are the subdirectories with nodes, ordered as git orders them: by name length,
	// then by name bytes.
	Subtrees []*TreeNode

	used  bool // seen by the current update
	count int  // index entries the current update found below the directory
}

// Valid reports whether the node records a tree (EntryCount >= 0).
func (t *TreeNode) Valid() bool { return t.EntryCount >= 0 }

// Find returns the node of directory path ("" for t itself, "a/b" below it), or nil.
func (t *TreeNode) Find(path string) *TreeNode {
	for t != nil && path != "" {
		name, rest, _ := strings.Cut(path, "/")
		t = t.sub(name)
		path = strings.TrimLeft(rest, "/")
	}
	return t
}

// subtreeLess is git's order of cache-tree subdirectories: shorter names first.
func subtreeLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// subPos returns the position of subdirectory name, or where it would be inserted.
func (t *TreeNode) subPos(name string) (int, bool) {
	lo, hi := 0, len(t.Subtrees)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if subtreeLess(t.Subtrees[m].Name, name) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(t.Subtrees) && t.Subtrees[lo].Name == name
}

func (t *TreeNode) sub(name string) *TreeNode {
	if i, ok := t.subPos(name); ok {
		return t.Subtrees[i]
	}
	return nil
}

// subOrNew returns subdirectory name, adding an invalid node for it when missing.
func (t *TreeNode) subOrNew(name string) *TreeNode {
	i, ok := t.subPos(name)
	if ok {
		return t.Subtrees[i]
	}
	s := &TreeNode{Name: name, EntryCount: -1}
	t.Subtrees = append(t.Subtrees, nil)
	copy(t.Subtrees[i+1:], t.Subtrees[i:])
	t.Subtrees[i] = s
	return s
}

// Invalidate marks the nodes of every directory above path invalid, and drops the node of
// path itself when path names a directory that had one, as git's cache_tree_invalidate_path
// does for every path it adds, replaces or removes.
func (t *TreeNode) Invalidate(path string) {
	for t != nil {
		t.EntryCount = -1
		name, rest, more := strings.Cut(path, "/")
		if !more {
			if i, ok := t.subPos(name); ok {
				t.Subtrees = append(t.Subtrees[:i], t.Subtrees[i+1:]...)
			}
			return
		}
		t, path = t.sub(name), rest
	}
}

// maxTreeDepth bounds the nesting Decode accepts in a TREE extension: deeper than any path
// git can store (4096 bytes), so only damage reaches it.
const maxTreeDepth = 2048

// parseTree parses a TREE extension; nil when it is damaged, which git treats as "no cache
// tree" as well.
func parseTree(p []byte) *TreeNode {
	type frame struct {
		node *TreeNode
		left int // subtrees still to read
	}
	var root *TreeNode
	var stack []frame
	for {
		node, rest, nsub, ok := parseTreeNode(p)
		if !ok {
			return nil
		}
		p = rest
		if root == nil {
			if node.Name != "" {
				return nil // git reads only a whole tree
			}
			root = node
		} else {
			parent := stack[len(stack)-1].node
			i, dup := parent.subPos(node.Name)
			if dup {
				return nil
			}
			parent.Subtrees = append(parent.Subtrees, nil)
			copy(parent.Subtrees[i+1:], parent.Subtrees[i:])
			parent.Subtrees[i] = node
			stack[len(stack)-1].left--
		}
		if nsub > 0 {
			if len(stack) >= maxTreeDepth || nsub > len(p)/5 {
				return nil
			}
			node.Subtrees = make([]*TreeNode, 0, nsub)
			stack = append(stack, frame{node, nsub})
		}
		for len(stack) > 0 && stack[len(stack)-1].left == 0 {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			// git ignores whatever follows the root's last subtree.
			return root
		}
	}
}

// parseTreeNode parses "name NUL count SP subtrees LF [hash]".
func parseTreeNode(p []byte) (*TreeNode, []byte, int, bool) {
	nul := bytes.IndexByte(p, 0)
	if nul < 0 {
		return nil, nil, 0, false
	}
	t := &TreeNode{Name: string(p[:nul])}
	p = p[nul+1:]
	nl := bytes.IndexByte(p, '\n')
	if nl < 0 {
		return nil, nil, 0, false
	}
	countStr, subStr, ok := strings.Cut(string(p[:nl]), " ")
	if !ok {
		return nil, nil, 0, false
	}
	count, err1 := strconv.ParseInt(countStr, 10, 32)
	nsub, err2 := strconv.ParseUint(subStr, 10, 31)
	if err1 != nil || err2 != nil || strings.HasPrefix(countStr, "+") {
		return nil, nil, 0, false
	}
	t.EntryCount = int(count)
	p = p[nl+1:]
	if t.EntryCount >= 0 {
		if len(p) < hashSize {
			return nil, nil, 0, false
		}
		copy(t.Hash[:], p)
		p = p[hashSize:]
	}
	return t, p, int(nsub), true
}

// appendTree appends the TREE extension body of t to b.
func appendTree(b []byte, t *TreeNode) []byte {
	b = append(b, t.Name...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(t.EntryCount), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(len(t.Subtrees)), 10)
	b = append(b, '\n')
	if t.EntryCount >= 0 {
		b = append(b, t.Hash[:]...)
	}
	for _, s := range t.Subtrees {
		b = appendTree(b, s)
	}
	return b
}

// TreeStore is the object database as UpdateTree needs it.
type TreeStore interface {
	// HasTree reports whether tree object h exists.
	HasTree(h Hash) bool
	// WriteTree stores a tree object with the given body (without the "tree <size>\0"
	// header) and returns its name, HashTree(body). body is reused after the call returns.
	WriteTree(body []byte) (Hash, error)
}

// HashTree returns the object name of a tree object with the given body.
func HashTree(body []byte) Hash {
	h := sha1.New()
	h.Write([]byte("tree " + strconv.Itoa(len(body)) + "\x00"))
	h.Write(body)
	var out Hash
	h.Sum(out[:0])
	return out
}

// emptyTree is the name of the empty tree object.
var emptyTree = Hash{0x4b, 0x82, 0x5d, 0xc6, 0x42, 0xcb, 0x6e, 0xb9, 0xa0, 0x60,
	0xe5, 0x4b, 0xf8, 0xd6, 0x92, 0x88, 0xfb, 0xee, 0x49, 0x04}

// UpdateTree brings the cache tree up to date, as git's cache_tree_update does before it
// writes a tree from the index (git write-tree, git commit): it creates the cache tree when the
// index has none, and for every invalid node (or one whose tree is missing from store) it
// builds the tree object from the index entries, writes it through store and records it;
// valid nodes are kept as they are. It returns the root tree's name.
//
// As in git, intent-to-add entries are left out of the trees and keep the directories above
// them invalid, a sparse-directory entry stands for its tree, and unmerged entries or a path
// that is both a file and a directory are an error (ErrUnmerged, ErrInvalidPath). Blobs are
// not checked for existence, only for the null name.
func (x *Index) UpdateTree(store TreeStore) (Hash, error) {
	if err := x.verifyForTree(); err != nil {
		return Hash{}, err
	}
	if x.Tree == nil {
		x.Tree = &TreeNode{EntryCount: -1}
	}
	u := treeUpdater{store: store}
	if _, err := u.update(x.Tree, x.Entries, ""); err != nil {
		return Hash{}, err
	}
	return x.Tree.Hash, nil
}

// verifyForTree refuses an index that cannot be written as a tree, as git's verify_cache.
func (x *Index) verifyForTree() error {
	for i := range x.Entries {
		if x.Entries[i].Stage() != 0 {
			return fmt.Errorf("write tree: %s is unmerged: %w", quote(x.Entries[i].Name), ErrUnmerged)
		}
	}
	for i := 0; i+1 < len(x.Entries); i++ {
		a, b := x.Entries[i].Name, x.Entries[i+1].Name
		if len(a) < len(b) && b[len(a)] == '/' && strings.HasPrefix(b, a) {
			return fmt.Errorf("write tree: both %s and %s are in the index: %w", quote(a), quote(b), ErrInvalidPath)
		}
	}
	return nil
}

// spans reports whether exactly the first n entries lie below directory base: git trusts a
// valid node's count blindly; a count that does not fit the entries is recomputed here.
func spans(entries []Entry, base string, n int) bool {
	under := func(i int) bool {
		name := entries[i].Name
		return len(name) > len(base) && strings.HasPrefix(name, base)
	}
	return n > 0 && n <= len(entries) && under(n-1) && (n == len(entries) || !under(n))
}

type treeUpdater struct {
	store TreeStore
	body  []byte
}

// update brings node t of directory base ("" or "dir/") up to date from entries, which start
// with the directory's first entry; it returns how many entries lie below the directory.
func (u *treeUpdater) update(t *TreeNode, entries []Entry, base string) (int, error) {
	if len(entries) > 0 && entries[0].IsSparseDir() && entries[0].Name == base {
		t.EntryCount, t.Hash = 1, entries[0].Hash
		return 1, nil
	}
	if t.EntryCount >= 0 && spans(entries, base, t.EntryCount) && u.store.HasTree(t.Hash) {
		return t.EntryCount, nil
	}
	for _, s := range t.Subtrees {
		s.used = false
	}
	// First bring the subdirectories up to date.
	for i := 0; i < len(entries); {
		name := entries[i].Name
		if len(name) <= len(base) || !strings.HasPrefix(name, base) {
			break
		}
		slash := strings.IndexByte(name[len(base):], '/')
		if slash < 0 {
			i++
			continue
		}
		s := t.subOrNew(name[len(base) : len(base)+slash])
		n, err := u.update(s, entries[i:], name[:len(base)+slash+1])
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("write tree %s: empty subtree: %w", quote(name[:len(base)+slash]), ErrCorrupt)
		}
		i += n
		s.count, s.used = n, true
	}
	kept := t.Subtrees[:0]
	for _, s := range t.Subtrees {
		if s.used {
			kept = append(kept, s)
		}
	}
	clear(t.Subtrees[len(kept):])
	t.Subtrees = kept

	// Then build this directory's tree object.
	body := u.body[:0]
	invalid := false
	i := 0
	for i < len(entries) {
		e := &entries[i]
		if len(e.Name) <= len(base) || !strings.HasPrefix(e.Name, base) {
			break
		}
		rest := e.Name[len(base):]
		var (
			name      string
			mode      uint32
			h         Hash
			sub       *TreeNode
			invalidIn bool
		)
		if slash := strings.IndexByte(rest, '/'); slash >= 0 {
			name = rest[:slash]
			sub = t.sub(name)
			i += sub.count
			mode, h = ModeDir, sub.Hash
			invalidIn = sub.EntryCount < 0
			if invalidIn {
				invalid = true
			}
		} else {
			name, mode, h = rest, e.Mode, e.Hash
			i++
		}
		if h.IsZero() {
			return 0, fmt.Errorf("write tree: %s has the null object name: %w", quote(base+name), ErrNullHash)
		}
		if sub == nil && e.IntentToAdd() {
			// Not part of any tree yet; the directories above it stay invalid.
			invalid = true
			continue
		}
		if invalidIn && h == emptyTree {
			continue // a directory holding only intent-to-add entries
		}
		body = strconv.AppendUint(body, uint64(mode), 8)
		body = append(body, ' ')
		body = append(body, name...)
		body = append(body, 0)
		body = append(body, h[:]...)
	}
	u.body = body
	h, err := u.store.WriteTree(body)
	if err != nil {
		return 0, fmt.Errorf("write tree %s: %w", quote(strings.TrimSuffix(base, "/")), err)
	}
	t.Hash = h
	if invalid {
		t.EntryCount = -1
	} else {
		t.EntryCount = i
	}
	return i, nil
}
