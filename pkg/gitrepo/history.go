package gitrepo

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Change is one file a commit changed: its content before and after, as blob hashes. A merge
// commit reports only the files whose content differs from every parent's (a conflict resolved
// by hand, or an edit made in the merge); what a merge brings from a branch is reported at the
// commit on that branch that made it.
type Change struct {
	Commit    string // full hash of the commit
	Parents   int    // the commit's parents as the walk saw them (0 for a root or shallow commit)
	Author    Signature
	Committer Signature
	Path      string // root-relative, slash-separated
	Old       string // blob before (the first parent's); "" when the commit added the file
	New       string // blob after; "" when the commit deleted the file
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
// An error returned by fn stops the walk and is returned as it is.
func (r *Repo) WalkChanges(dir string, fn func(Change) error) error {
	dir = strings.Trim(strings.ReplaceAll(dir, "\\", "/"), "/")
	if dir == "." {
		dir = ""
	}
	if dir != "" {
		if _, err := cleanPath(dir); err != nil {
			return err
		}
	}
	ref, err := r.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read HEAD: %w", err)
	}
	w := &historyWalker{r: r, dir: dir, folders: map[plumbing.Hash]plumbing.Hash{}, shallow: map[plumbing.Hash]bool{}}
	if sh, err := r.repo.Storer.Shallow(); err == nil {
		for _, h := range sh {
			w.shallow[h] = true
		}
	}
	head, err := r.repo.CommitObject(ref.Hash())
	if err != nil {
		return fmt.Errorf("read commit %s: %w", ref.Hash(), err)
	}
	seen := map[plumbing.Hash]bool{head.Hash: true}
	stack := []*object.Commit{head}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		var parents []*object.Commit
		if !w.shallow[c.Hash] {
			for _, h := range c.ParentHashes {
				p, err := r.repo.CommitObject(h)
				if err != nil {
					return fmt.Errorf("read commit %s, parent of %s: %w", h, c.Hash, err)
				}
				parents = append(parents, p)
			}
		}
		if err := w.commit(c, parents, fn); err != nil {
			return err
		}
		// Pushed last-parent first, so that the first parent is visited next.
		for i := len(parents) - 1; i >= 0; i-- {
			if p := parents[i]; !seen[p.Hash] {
				seen[p.Hash] = true
				stack = append(stack, p)
			}
		}
	}
	return nil
}

// Shallow reports whether the repository is a shallow clone, whose oldest commits lack their
// parents: a history read from it starts there.
func (r *Repo) Shallow() (bool, error) {
	sh, err := r.repo.Storer.Shallow()
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
	data, err := r.readBlob(plumbing.NewHash(hash))
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", hash, err)
	}
	return data, nil
}

// BlobsAt returns the blob hash of every regular file under the folder dir ("" or "." for the
// whole tree) in revision rev, by root-relative path: the versions Change.New names.
func (r *Repo) BlobsAt(rev, dir string) (map[string]string, error) {
	rv, err := r.revTree(rev)
	if err != nil {
		return nil, err
	}
	dir = strings.Trim(strings.ReplaceAll(dir, "\\", "/"), "/")
	if dir == "." {
		dir = ""
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
	dir     string
	folders map[plumbing.Hash]plumbing.Hash // root tree → the tree of dir in it (zero: none)
	shallow map[plumbing.Hash]bool
	recent  [8]cachedTree // the trees read last: a parent's is read again as the next commit's
	next    int
}

type cachedTree struct {
	hash plumbing.Hash
	data []byte
}

// commit reports the files c changed against its parents.
func (w *historyWalker) commit(c *object.Commit, parents []*object.Commit, fn func(Change) error) error {
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
	for _, p := range parents[min(1, len(parents)):] {
		other, err := w.folder(p.TreeHash)
		if err != nil {
			return fmt.Errorf("read the tree of %s: %w", p.Hash, err)
		}
		differs := map[string]bool{}
		if err := w.diff(w.dir, other, cur, func(p string, _, _ plumbing.Hash) { differs[p] = true }); err != nil {
			return fmt.Errorf("compare %s with its parent %s: %w", c.Hash, p.Hash, err)
		}
		kept := paths[:0]
		for _, path := range paths {
			if differs[path] {
				kept = append(kept, path)
			}
		}
		paths = kept
	}
	author := Signature{Name: c.Author.Name, Email: c.Author.Email, When: c.Author.When}
	committer := Signature{Name: c.Committer.Name, Email: c.Committer.Email, When: c.Committer.When}
	for _, p := range paths {
		ch := Change{Commit: c.Hash.String(), Parents: len(parents), Author: author, Committer: committer, Path: p}
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
	if h.IsZero() {
		return nil, nil
	}
	for _, c := range w.recent {
		if c.hash == h {
			return c.data, nil
		}
	}
	o, err := w.r.repo.Storer.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	rd, err := o.Reader()
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	defer rd.Close()
	data := make([]byte, 0, o.Size())
	buf := bytes.NewBuffer(data)
	if _, err := io.Copy(buf, rd); err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	w.recent[w.next] = cachedTree{hash: h, data: buf.Bytes()}
	w.next = (w.next + 1) % len(w.recent)
	return buf.Bytes(), nil
}

// diff calls emit for every regular file that differs between the trees a and b (zero: empty)
// under the folder prefix, in git's tree order. Entries are compared as the trees hold them,
// without decoding the trees into objects: a folder of thousands of files costs one pass.
func (w *historyWalker) diff(prefix string, a, b plumbing.Hash, emit func(path string, old, new plumbing.Hash)) error {
	if a == b {
		return nil
	}
	da, err := w.tree(a)
	if err != nil {
		return err
	}
	db, err := w.tree(b)
	if err != nil {
		return err
	}
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
	ta, tb := treeCursor{data: da}, treeCursor{data: db}
	okA, okB := ta.next(), tb.next()
	for okA || okB {
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
			okA = ta.next()
		case cmp > 0: // only in b
			if tb.dir {
				subs = append(subs, sub{string(tb.name), plumbing.ZeroHash, tb.hash})
			} else if tb.regular {
				emit(join(tb.name), plumbing.ZeroHash, tb.hash)
			}
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
			okA, okB = ta.next(), tb.next()
		}
	}
	if ta.err != nil {
		return fmt.Errorf("tree %s: %w", a, ta.err)
	}
	if tb.err != nil {
		return fmt.Errorf("tree %s: %w", b, tb.err)
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
	data    []byte
	name    []byte
	hash    plumbing.Hash
	dir     bool // a folder
	regular bool // a regular file, executable or not (not a link or submodule)
	err     error
}

var errBadTree = errors.New("malformed tree object")

// next moves to the next entry and reports whether there is one.
func (t *treeCursor) next() bool {
	if len(t.data) == 0 || t.err != nil {
		return false
	}
	sp := bytes.IndexByte(t.data, ' ')
	if sp <= 0 {
		t.err = errBadTree
		return false
	}
	mode := 0
	for _, c := range t.data[:sp] {
		if c < '0' || c > '7' {
			t.err = errBadTree
			return false
		}
		mode = mode*8 + int(c-'0')
	}
	rest := t.data[sp+1:]
	nul := bytes.IndexByte(rest, 0)
	if nul <= 0 || len(rest) < nul+1+len(t.hash) {
		t.err = errBadTree
		return false
	}
	t.name = rest[:nul]
	copy(t.hash[:], rest[nul+1:])
	t.data = rest[nul+1+len(t.hash):]
	t.dir = mode&0o170000 == 0o040000
	t.regular = mode&0o170000 == 0o100000
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
