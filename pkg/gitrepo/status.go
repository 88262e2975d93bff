package gitrepo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// File is a file's path (root-relative, slash-separated) and content.
type File struct {
	Path string
	Data []byte
	// Link marks a symbolic link (mode 120000): Data is the path it leads to, not a document.
	Link bool
}

// treeLookup finds paths in one tree, reading each directory's tree once.
type treeLookup struct {
	r     *Repo
	root  plumbing.Hash
	trees map[string]map[string]treeItem // by directory path; nil: no such directory
}

func newTreeLookup(r *Repo, root plumbing.Hash) *treeLookup {
	return &treeLookup{r: r, root: root, trees: map[string]map[string]treeItem{}}
}

// dir returns the entries of directory d ("" is the root) by name, or nil.
func (l *treeLookup) dir(d string) (map[string]treeItem, error) {
	if t, ok := l.trees[d]; ok {
		return t, nil
	}
	h := l.root
	if d != "" {
		parent, err := l.dir(parentDir(d))
		if err != nil {
			return nil, err
		}
		e, ok := parent[d[strings.LastIndexByte(d, '/')+1:]]
		if ok && e.Mode == filemode.Dir {
			h = e.Hash
		} else {
			h = plumbing.ZeroHash
		}
	}
	var entries map[string]treeItem
	if !h.IsZero() {
		t, err := l.r.readTree(h)
		if err != nil {
			return nil, fmt.Errorf("read tree %s of %q: %w", h, d, err)
		}
		entries = itemsByName(t)
	}
	l.trees[d] = entries
	return entries, nil
}

// subtree returns the tree hash of folder d ("" the root) in the tree, zero when there is none.
func (l *treeLookup) subtree(d string) (plumbing.Hash, error) {
	if d == "" {
		return l.root, nil
	}
	t, err := l.dir(parentDir(d))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if e, ok := t[d[strings.LastIndexByte(d, '/')+1:]]; ok && e.Mode == filemode.Dir {
		return e.Hash, nil
	}
	return plumbing.ZeroHash, nil
}

// find returns the entry of a file (not a directory) at p.
func (l *treeLookup) find(p string) (treeItem, bool, error) {
	t, err := l.dir(parentDir(p))
	if err != nil {
		return treeItem{}, false, err
	}
	e, ok := t[p[strings.LastIndexByte(p, '/')+1:]]
	if !ok || e.Mode == filemode.Dir || e.Mode == filemode.Submodule {
		return treeItem{}, false, nil
	}
	return e, true, nil
}

// headTree returns HEAD's tree hash, zero on an unborn branch. The commit is read through the
// pack reader and only its first line parsed: go-git's CommitObject decodes the pack's whole index.
func (r *Repo) headTree() (plumbing.Hash, error) {
	ref, err := r.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read HEAD: %w", err)
	}
	data, err := r.readObject(plumbing.CommitObject, ref.Hash())
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read HEAD commit %s: %w", ref.Hash(), err)
	}
	line, _, _ := bytes.Cut(data, []byte{'\n'})
	hex, ok := bytes.CutPrefix(line, []byte("tree "))
	if !ok || len(hex) != 40 || !plumbing.IsHash(string(hex)) {
		return plumbing.ZeroHash, fmt.Errorf("read HEAD commit %s: it names no tree", ref.Hash())
	}
	return plumbing.NewHash(string(hex)), nil
}

// readBlob returns a blob's content.
func (r *Repo) readBlob(h plumbing.Hash) ([]byte, error) {
	return r.readObject(plumbing.BlobObject, h)
}

// StagedFiles returns the staged (index) content of the files whose index
// entry differs from HEAD: added or modified; deleted ones are skipped, and so
// are intent-to-add entries, submodules and unmerged paths. match filters by
// path (nil: all). The result is sorted by path. This is what
// `pm lint --staged` lints.
func (r *Repo) StagedFiles(match func(path string) bool) ([]File, error) {
	files, _, err := r.StagedChanges(match)
	return files, err
}

// StagedChanges is StagedFiles, and the paths match accepts that are unmerged (a conflict git
// commit refuses to go on with until it is resolved and added), sorted: `git diff --cached` lists
// them too, and pm lint --staged says it did not lint them.
func (r *Repo) StagedChanges(match func(path string) bool) (files []File, unmerged []string, err error) {
	files, unmerged, _, err = r.StagedChangesAnd(match, "")
	return files, unmerged, err
}

// StagedChangesAnd is StagedChanges, and also what the index holds for the file at path also,
// changed or not (nil when the index has no such file, or also is ""), from the same reading of the
// index: pm lint --staged reads the .pm.yaml being committed with it.
func (r *Repo) StagedChangesAnd(match func(path string) bool, also string) (files []File, unmerged []string, alsoFile *File, err error) {
	s, ok := r.takeAhead(match, also)
	if !ok {
		s, err = r.readStaged(match, also)
		if viaGit(err) {
			files, unmerged, err := r.stagedViaGit(match)
			if err == nil && also != "" {
				alsoFile, err = r.stagedFileViaGit(also)
			}
			return files, unmerged, alsoFile, err
		}
		if err != nil {
			return nil, nil, nil, err
		}
	}
	entries, unmerged, alsoEntry := s.entries, s.unmerged, s.also
	if alsoEntry != nil {
		data := r.worktreeCopy(alsoEntry.Name, alsoEntry.Size, plumbing.Hash(alsoEntry.Hash))
		if data == nil {
			if data, err = r.readBlob(plumbing.Hash(alsoEntry.Hash)); err != nil {
				return nil, nil, nil, fmt.Errorf("read staged %s: %w", also, err)
			}
		}
		alsoFile = &File{Path: also, Data: data}
	}
	for _, e := range entries {
		var data []byte
		if e.Mode != gitindex.ModeSymlink { // a link's blob is the path it leads to, read below
			data = r.worktreeCopy(e.Name, e.Size, plumbing.Hash(e.Hash))
		}
		if data == nil {
			var err error
			if data, err = r.readBlob(plumbing.Hash(e.Hash)); err != nil {
				return nil, nil, nil, fmt.Errorf("read staged %s: %w", e.Name, err)
			}
		}
		files = append(files, File{Path: e.Name, Data: data, Link: e.Mode == gitindex.ModeSymlink})
	}
	return files, unmerged, alsoFile, nil // index order is path order
}

// stagedIndex is what one reading of the index against HEAD finds for StagedChangesAnd: the
// changed entries and the unmerged paths match accepts, the index's entry for the file also names
// (nil: none), and what the reading was of.
type stagedIndex struct {
	entries  []gitindex.Entry
	unmerged []string
	also     *gitindex.Entry
	index    os.FileInfo   // the index file as it was opened (nil: there was none)
	head     plumbing.Hash // HEAD's tree the entries were compared with, when headRead
	headRead bool
	// the walk's answer for StagedRemovals (see Repo.noRemovalsAt)
	noRemovalsAt   os.FileInfo
	noRemovalsHead plumbing.Hash
}

// readStaged reads the index and compares it with HEAD for StagedChangesAnd. An index pm cannot
// read is the error viaGit tells.
func (r *Repo) readStaged(match func(path string) bool, also string) (s stagedIndex, err error) {
	v, fi, release, err := r.readStagedViewInfo()
	if err != nil {
		return s, err
	}
	defer release()
	s.index = fi
	find := func(name string) *gitindex.Entry {
		if i := sort.Search(v.Len(), func(i int) bool { return v.Name(i) >= name }); i < v.Len() && v.Name(i) == name &&
			v.Stage(i) == 0 && v.Mode(i) != gitindex.ModeGitlink && v.Mode(i) != gitindex.ModeDir {
			e := v.Entry(i)
			return &e
		}
		return nil
	}
	if also != "" {
		s.also = find(also)
		// a link (.pm.yaml → conf/pm.yaml) is read as the file it leads to in the index, a few
		// links deep, as a checkout of the commit reads it; one leading out of the repository is
		// refused, as the work tree's is
		for hops := 0; s.also != nil && s.also.Mode == gitindex.ModeSymlink; hops++ {
			target, err := r.readBlob(plumbing.Hash(s.also.Hash))
			if err != nil {
				return s, fmt.Errorf("read staged %s: %w", also, err)
			}
			to, err := stagedLinkTarget(also, s.also.Name, target, hops)
			if err != nil {
				return s, err
			}
			if s.also = find(to); s.also == nil && !inSparseFolder(v, to) {
				return s, stagedLinkToNothing(also, target)
			}
		}
	}
	s.entries, s.unmerged, s.head, s.headRead, err = r.stagedEntries(v, fi, match)
	s.noRemovalsAt, s.noRemovalsHead = r.noRemovalsAt, r.noRemovalsHead
	return s, err
}

// stagedLinkTarget is the index path the staged symbolic link at name, leading to target, names,
// hops links into the reading of the staged file also; a link leading out of the repository, or a
// sixth link, is refused.
func stagedLinkTarget(also, name string, target []byte, hops int) (string, error) {
	to := path.Clean(path.Join(path.Dir(name), string(target)))
	if hops >= 5 || path.IsAbs(string(target)) || to == ".." || strings.HasPrefix(to, "../") {
		return "", fmt.Errorf("the staged %s is a symbolic link to %s, outside the repository (or a loop); pm does not read it: %w", also, target, ErrBadPath)
	}
	return to, nil
}

// stagedLinkToNothing is the error of a staged symbolic link, for the file also, to target, which
// the index holds no file at: a checkout of the commit would have a link to nothing, which pm refuses
// there, so the file the work tree may have there (untracked) is not read instead.
func stagedLinkToNothing(also string, target []byte) error {
	return fmt.Errorf("the staged %s is a symbolic link to %s, which the index holds no file at; stage that file, or point the link at a staged one: %w", also, target, ErrBadPath)
}

// inSparseFolder reports whether the path name lies in a folder v keeps whole as one entry (a sparse
// index): the index holds it in that folder's tree, not as an entry of its own.
func inSparseFolder(v *gitindex.View, name string) bool {
	for d := parentDir(name); d != ""; d = parentDir(d) {
		dir := d + "/"
		if i := sort.Search(v.Len(), func(i int) bool { return v.Name(i) >= dir }); i < v.Len() && v.Name(i) == dir && v.Mode(i) == gitindex.ModeDir {
			return true
		}
	}
	return false
}

// stagedFileViaGit is what the index holds for the file at p (stage 0), read through the git
// program, followed through staged symbolic links as readStaged follows them: nil when the index has
// no such file. `git cat-file blob :p` gave a link's target as the file's content (a .pm.yaml
// linked to conf/pm.yaml was read, from a split index, as the settings "conf/pm.yaml").
func (r *Repo) stagedFileViaGit(p string) (*File, error) {
	name := p
	for hops := 0; ; hops++ {
		out, err := r.git("ls-files", "--stage", "-z", "--", ":(top,literal)"+name)
		if err != nil {
			return nil, fmt.Errorf("read staged %s: %w", p, err)
		}
		var mode, hash string
		for _, rec := range strings.Split(string(out), "\x00") {
			meta, at, ok := strings.Cut(rec, "\t")
			if f := strings.Fields(meta); ok && at == name && len(f) == 3 && f[2] == "0" {
				mode, hash = f[0], f[1]
			}
		}
		if hash == "" || mode == "160000" {
			if name != p {
				return nil, stagedLinkToNothing(p, []byte(name))
			}
			return nil, nil
		}
		data, err := r.git("cat-file", "blob", hash)
		if err != nil {
			return nil, fmt.Errorf("read staged %s: %w", p, err)
		}
		if mode != "120000" {
			return &File{Path: p, Data: data}, nil
		}
		if name, err = stagedLinkTarget(p, name, data, hops); err != nil {
			return nil, err
		}
	}
}

// maxWorktreeCopy bounds the files worktreeCopy reads: a larger staged blob is read from the store.
const maxWorktreeCopy = 64 << 20

// worktreeCopy returns the work tree's file at the index path name when its bytes are the staged
// blob h: the size the index recorded when it was staged (statSize, 32 bits) and the same object
// hash. In a pre-commit hook the staged file is nearly always the file on disk, and hashing it costs
// a fiftieth of inflating the blob; git's diff reuses checked-out files the same way. It returns nil
// (read the blob) for anything else: a file changed since `git add`, converted by a filter or
// end-of-line setting, missing (sparse), not a regular file, or larger than maxWorktreeCopy. Only
// equal bytes are ever used, so where the path leads (a symbolic link) does not matter.
func (r *Repo) worktreeCopy(name string, statSize uint32, h plumbing.Hash) []byte {
	f, fi, err := fsutil.OpenRegular(r.abs(name))
	if err != nil {
		return nil
	}
	defer f.Close()
	if fi.Size() > maxWorktreeCopy || uint32(fi.Size()) != statSize {
		return nil
	}
	data := make([]byte, fi.Size())
	if _, err := readFull(f, data); err != nil {
		return nil
	}
	if plumbing.ComputeHash(plumbing.BlobObject, data) != h {
		return nil
	}
	return data
}

// ChangedSince returns the root-relative paths (sorted) of files that exist in
// the work tree and differ from revision rev (a branch, tag, remote-tracking
// ref such as origin/main, hash, HEAD~1, ...): committed since rev, staged,
// modified, or untracked and not ignored. match filters by path (nil: all). An
// unknown rev is ErrBadRevision. A file whose stat data does not vouch for its
// index entry is compared as git diff compares it: converted as git add would
// store it (end-of-line settings, ident, clean filters). dirs, when given, are the
// root-relative folders that can hold a match: only they are walked, which in
// a large repository is most of the time saved ("" or "." is the whole tree).
func (r *Repo) ChangedSince(rev string, match func(path string) bool, dirs ...string) ([]string, error) {
	h, err := r.resolveRevision(rev)
	if err != nil {
		return nil, err
	}
	c, err := r.commitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("%q is not a commit (%v): %w", rev, err, ErrBadRevision)
	}
	idx, err := r.readStagedIndex()
	if viaGit(err) {
		return r.changedViaGit(h.String(), match, dirs)
	}
	if err != nil {
		return nil, err
	}
	ign, fold, err := r.ignoreBase()
	if err != nil {
		return nil, err
	}
	lookup := newTreeLookup(r, c.TreeHash)
	var out []string
	sc := newScope(dirs)
	check := statCheck{fileMode: true}
	var conv *converter // made for the first file read
	defer func() { conv.close() }()
	err = r.walk(idx, ign, fold, sc.descend, func(p string, e *gitindex.Entry, fi os.FileInfo) error {
		if !sc.contains(p) || (match != nil && !match(p)) {
			return nil
		}
		var h plumbing.Hash
		if e != nil && (e.SkipWorktree() || e.AssumeValid() || (!e.IntentToAdd() && check.matches(e, fi) && !racy(e, idx.mtime))) {
			// A skip-worktree file (outside a sparse checkout), and one marked assume-unchanged
			// (git update-index --assume-unchanged), are, for git, what the index says.
			h = plumbing.Hash(e.Hash)
		} else {
			data, wfi, err := readWorkFile(r.abs(p))
			if errors.Is(err, os.ErrNotExist) {
				return nil // gone meanwhile
			}
			if err != nil {
				return err
			}
			if wfi.Mode().IsRegular() {
				// compared as git diff compares it: what git add would store (end-of-line
				// conversion, ident, clean filters), not the bytes a checkout wrote
				if conv == nil {
					if conv, err = r.statusConverter(idx); err != nil {
						return err
					}
				}
				if data, err = conv.toGitQuiet(p, data, r.blobFunc(indexHash(idx))); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
			}
			h = plumbing.ComputeHash(plumbing.BlobObject, data)
		}
		re, ok, err := lookup.find(p)
		if err != nil {
			return err
		}
		if !ok || re.Hash != h {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Files outside the sparse checkout are not in the work tree for the walk to find, but are, for
	// git, what the index says: one changed since rev is changed (git diff rev lists it).
	seen := make(map[string]bool, len(out))
	for _, p := range out {
		seen[p] = true
	}
	for i := range idx.Entries {
		e := &idx.Entries[i]
		if e.IsSparseDir() && e.Stage() == 0 {
			// A folder a sparse index keeps whole (one entry, its tree): its files changed since
			// rev are changed, as git diff rev lists them (they were left out: a pull request's
			// postmortem outside the checkout passed its check unread).
			dir := strings.TrimSuffix(e.Name, "/")
			if !sc.descend(dir) {
				continue
			}
			old, err := lookup.subtree(dir)
			if err != nil {
				return nil, err
			}
			if old == plumbing.Hash(e.Hash) {
				continue
			}
			var inTree []gitindex.Entry
			if err := r.changedInTree(e.Name, plumbing.Hash(e.Hash), old, match, &inTree); err != nil {
				return nil, err
			}
			for _, c := range inTree {
				if !seen[c.Name] && sc.contains(c.Name) {
					seen[c.Name] = true
					out = append(out, c.Name)
				}
			}
			continue
		}
		if !e.SkipWorktree() || e.Stage() != 0 || e.IsSparseDir() || e.Mode == gitindex.ModeGitlink || seen[e.Name] ||
			!sc.contains(e.Name) || (match != nil && !match(e.Name)) {
			continue
		}
		if _, err := os.Lstat(r.abs(e.Name)); err == nil {
			continue // in the work tree after all: the walk judged it
		}
		re, ok, err := lookup.find(e.Name)
		if err != nil {
			return nil, err
		}
		if !ok || re.Hash != plumbing.Hash(e.Hash) {
			out = append(out, e.Name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// IndexPaths lists the files the index holds (stage 0, no submodules) that match accepts, in index
// order; the files inside a folder a sparse index keeps whole are listed from its tree.
func (r *Repo) IndexPaths(match func(path string) bool) ([]string, error) {
	v, release, err := r.readStagedView()
	if viaGit(err) {
		out, gerr := r.git("ls-files", "-z", "--cached")
		if gerr != nil {
			return nil, gerr
		}
		var paths []string
		for _, p := range strings.Split(string(out), "\x00") {
			if p != "" && (match == nil || match(p)) {
				paths = append(paths, p)
			}
		}
		return paths, nil
	}
	if err != nil {
		return nil, err
	}
	defer release()
	var paths []string
	for i := range v.Len() {
		if v.Stage(i) != 0 || v.Mode(i) == gitindex.ModeGitlink {
			continue
		}
		name := v.Name(i)
		if v.Mode(i) == gitindex.ModeDir {
			var inTree []gitindex.Entry
			if err := r.changedInTree(name, plumbing.Hash(v.Hash(i)), plumbing.ZeroHash, match, &inTree); err != nil {
				return nil, err
			}
			for _, e := range inTree {
				paths = append(paths, e.Name)
			}
			continue
		}
		if match == nil || match(name) {
			paths = append(paths, strings.Clone(name))
		}
	}
	return paths, nil
}

// IndexFile returns what the index holds for the file at p (stage 0): for a file outside the
// sparse checkout, which the work tree does not have, what git reads as its content. ok is false
// when the index has no such file.
func (r *Repo) IndexFile(p string) (data []byte, ok bool, err error) {
	idx, err := r.readStagedIndex()
	if viaGit(err) {
		out, gerr := r.git("cat-file", "blob", ":"+p)
		if gerr != nil {
			return nil, false, nil
		}
		return out, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	e := idx.entry(p)
	if e == nil {
		// inside a folder a sparse index keeps whole: the file is in that folder's tree
		for d := parentDir(p); d != ""; d = parentDir(d) {
			if de := idx.entry(d + "/"); de != nil && de.IsSparseDir() && de.Stage() == 0 {
				item, ok, err := newTreeLookup(r, plumbing.Hash(de.Hash)).find(strings.TrimPrefix(p, d+"/"))
				if err != nil || !ok {
					return nil, false, err
				}
				data, err = r.readBlob(item.Hash)
				if err != nil {
					return nil, false, fmt.Errorf("read %s from the index: %w", p, err)
				}
				return data, true, nil
			}
		}
		return nil, false, nil
	}
	if e.Mode == gitindex.ModeGitlink || e.IsSparseDir() {
		return nil, false, nil
	}
	data, err = r.readBlob(plumbing.Hash(e.Hash))
	if err != nil {
		return nil, false, fmt.Errorf("read %s from the index: %w", p, err)
	}
	return data, true, nil
}

// walk visits every file of the work tree that is tracked, or untracked and
// not ignored, with its index entry (nil if untracked) and lstat. It skips
// .git, nested repositories and ignored directories holding no tracked file.
func (r *Repo) walk(idx *index, base []gitignore.Pattern, fold bool, descend func(dir string) bool, visit func(p string, e *gitindex.Entry, fi os.FileInfo) error) error {
	var walkDir func(dir string, parts []string, patterns []gitignore.Pattern, ignored bool) error
	walkDir = func(dir string, parts []string, patterns []gitignore.Pattern, ignored bool) error {
		abs := r.abs(dir)
		if !ignored {
			more, err := r.readDirIgnore(dir, parts, func() (*index, error) { return idx, nil }, fold)
			if err != nil {
				return err
			}
			if len(more) > 0 {
				patterns = append(patterns[:len(patterns):len(patterns)], more...)
			}
		}
		matcher := gitignore.NewMatcher(patterns)
		des, err := os.ReadDir(abs)
		if err != nil {
			if dir != "" && errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return fmt.Errorf("read directory %s: %w", abs, err)
		}
		for _, de := range des {
			name := de.Name()
			if strings.EqualFold(name, ".git") {
				continue
			}
			p := name
			if dir != "" {
				p = dir + "/" + name
			}
			sub := append(parts[:len(parts):len(parts)], name)
			if de.IsDir() {
				if isNestedRepository(filepath.Join(abs, name), r.env, r.layout.cwd) {
					continue // a nested repository or submodule
				}
				if !descend(p) {
					continue
				}
				subIgnored := ignored || matcher.Match(sub, true)
				if subIgnored && !idx.HasEntriesUnder(p) {
					continue
				}
				if err := walkDir(p, sub, patterns, subIgnored); err != nil {
					return err
				}
				continue
			}
			if !de.Type().IsRegular() && de.Type()&os.ModeSymlink == 0 {
				continue
			}
			e := idx.entry(p)
			if e != nil {
				if e.Mode == gitindex.ModeGitlink {
					continue
				}
			} else if ignored || matcher.Match(sub, false) {
				continue
			}
			fi, err := de.Info()
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return fmt.Errorf("stat %s: %w", p, err)
			}
			if err := visit(p, e, fi); err != nil {
				return err
			}
		}
		return nil
	}
	return walkDir("", nil, base, false)
}

// scope is the part of the work tree a walk covers: dirs, root-relative; none is the whole tree.
type scope []string

func newScope(dirs []string) scope {
	var sc scope
	for _, d := range dirs {
		d = strings.Trim(path.Clean("/"+filepath.ToSlash(d)), "/")
		if d == "" {
			return nil // the root: everything
		}
		sc = append(sc, d)
	}
	return sc
}

// descend reports whether the walk enters folder dir: one of the dirs, inside one, or leading to one.
func (sc scope) descend(dir string) bool {
	if sc == nil {
		return true
	}
	for _, d := range sc {
		if dir == d || strings.HasPrefix(dir, d+"/") || strings.HasPrefix(d, dir+"/") {
			return true
		}
	}
	return false
}

// contains reports whether file p lies inside one of the dirs (or is one of them, named as a file).
func (sc scope) contains(p string) bool {
	if sc == nil {
		return true
	}
	for _, d := range sc {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// Ignored reports whether path (root-relative, slash-separated) would be
// ignored by the ignore rules: .gitignore files from the root down to the
// path, $GIT_COMMON_DIR/info/exclude and core.excludesFile (default
// $XDG_CONFIG_HOME/git/ignore). Whether the file is already tracked is not
// considered. Use it to warn before creating or committing a file.
func (r *Repo) Ignored(p string) (bool, error) {
	return r.ignored(p, r.readStagedIndex)
}

// Ignored is Repo.Ignored with the index the transaction holds, for the .gitignore files git reads
// from the index (see readDirIgnore).
func (tx *Tx) Ignored(p string) (bool, error) {
	return tx.r.ignored(p, func() (*index, error) { return tx.idx, nil })
}

func (r *Repo) ignored(p string, idx func() (*index, error)) (bool, error) {
	p, err := cleanPath(p)
	if err != nil {
		return false, err
	}
	patterns, fold, err := r.ignoreBase()
	if err != nil {
		return false, err
	}
	parts := strings.Split(p, "/")
	for i := 0; i < len(parts); i++ {
		more, err := r.readDirIgnore(strings.Join(parts[:i], "/"), parts[:i], idx, fold)
		if err != nil {
			return false, err
		}
		patterns = append(patterns, more...)
		if i > 0 && gitignore.NewMatcher(patterns).Match(parts[:i], true) {
			return true, nil // git never looks inside an ignored directory
		}
	}
	fi, err := os.Lstat(r.abs(p))
	isDir := err == nil && fi.IsDir()
	return gitignore.NewMatcher(patterns).Match(parts, isDir), nil
}

// readDirIgnore reads the .gitignore of the work-tree folder dir ("" for the root) as git reads it:
// the file, but not through a symbolic link (git opens it with O_NOFOLLOW since 2.32 and warns that
// it cannot), and where git cannot open it (missing, a link), the index's copy when the index marks
// it skip-worktree, as a sparse checkout that leaves the file out of the work tree does: git then
// reads it from the index (read_skip_worktree_file_from_index). idx gives the index, read only then.
func (r *Repo) readDirIgnore(dir string, domain []string, idx func() (*index, error), fold bool) ([]gitignore.Pattern, error) {
	rel := ".gitignore"
	if dir != "" {
		rel = dir + "/.gitignore"
	}
	name := r.abs(rel)
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSymlink == 0 {
		return readIgnoreFile(name, domain, fold)
	}
	x, err := idx()
	if viaGit(err) {
		return nil, nil // a split index, which pm does not read: no copy from it
	}
	if err != nil {
		return nil, err
	}
	e := x.entry(rel)
	if e == nil || !e.SkipWorktree() {
		return nil, nil
	}
	data, err := r.readBlob(plumbing.Hash(e.Hash))
	if err != nil {
		return nil, fmt.Errorf("read %s from the index: %w", rel, err)
	}
	return parseIgnore(bytes.NewReader(data), domain, rel, fold)
}

// ignoreBase returns the ignore patterns that apply everywhere, lowest
// priority first: core.excludesFile, then info/exclude; and fold, core.ignorecase, with which git
// matches every ignore pattern ignoring ASCII case.
func (r *Repo) ignoreBase() (ps []gitignore.Pattern, fold bool, err error) {
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return nil, false, err
	}
	fold = cfg.boolean("core.ignorecase", false)
	global, ok := cfg.get("core.excludesfile")
	if ok {
		global = expandHome(global, r.env)
	} else if xdg := r.env("XDG_CONFIG_HOME"); xdg != "" {
		global = filepath.Join(xdg, "git", "ignore")
	} else if home := r.env("HOME"); home != "" {
		global = filepath.Join(home, ".config", "git", "ignore")
	}
	if global != "" {
		if ps, err = readIgnoreFile(global, nil, fold); err != nil {
			return nil, false, err
		}
	}
	more, err := readIgnoreFile(filepath.Join(r.commonDir, "info", "exclude"), nil, fold)
	if err != nil {
		return nil, false, err
	}
	return append(ps, more...), fold, nil
}

// readIgnoreFile parses an ignore file whose patterns apply below domain. A
// missing file has no patterns, and so has one that is not a regular file (a
// named pipe would block the read).
func readIgnoreFile(name string, domain []string, fold bool) ([]gitignore.Pattern, error) {
	f, _, err := openRegular(name)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) || errors.Is(err, ErrBadPath) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read ignore file %s: %w", name, err)
	}
	defer f.Close()
	return parseIgnore(f, domain, name, fold)
}

// parseIgnore parses the patterns of an ignore file (name, for errors) that apply below domain, as
// git reads the lines (add_patterns_from_buffer): a UTF-8 BOM and CRs at line ends dropped, empty
// lines and comments skipped, unquoted trailing spaces cut; with fold (core.ignorecase), patterns
// that match ignoring ASCII case, as git's do there.
func parseIgnore(f io.Reader, domain []string, name string, fold bool) ([]gitignore.Pattern, error) {
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	first := true
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if first {
			line, first = strings.TrimPrefix(line, "\ufeff"), false
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line = trimTrailingSpaces(line); line == "" {
			continue // spaces only: a pattern of no name, which matches nothing
		}
		ps = append(ps, newIgnorePattern(line, domain, fold))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read ignore file %s: %w", name, err)
	}
	return ps, nil
}

// HeadFile returns the content of path (root-relative, slash-separated) at
// HEAD; ok is false when HEAD has no such file, e.g. on an unborn branch.
func (r *Repo) HeadFile(p string) (data []byte, ok bool, err error) {
	p, err = cleanPath(p)
	if err != nil {
		return nil, false, err
	}
	head, err := r.headTree()
	if err != nil || head.IsZero() {
		return nil, false, err
	}
	e, ok, err := newTreeLookup(r, head).find(p)
	if err != nil || !ok {
		return nil, false, err
	}
	data, err = r.readBlob(e.Hash)
	if err != nil {
		return nil, false, fmt.Errorf("read %s at HEAD: %w", p, err)
	}
	return data, true, nil
}

// statusConverter is the converter of a read-only comparison of the work tree with idx: git's
// configuration as it is now, the warnings of a conversion dropped (git diff shows none).
func (r *Repo) statusConverter(idx *index) (*converter, error) {
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return nil, err
	}
	return r.newConverter(cfg, r.blobFunc(indexHash(idx)), nil, io.Discard)
}

// indexHash finds the blob idx holds at a path, for a conversion's "the index already has CRLF" rule.
func indexHash(idx *index) func(p string) (plumbing.Hash, bool, error) {
	return func(p string) (plumbing.Hash, bool, error) {
		e := idx.entry(p)
		if e == nil || e.Mode == gitindex.ModeGitlink || e.IsSparseDir() {
			return plumbing.ZeroHash, false, nil
		}
		return plumbing.Hash(e.Hash), true, nil
	}
}
