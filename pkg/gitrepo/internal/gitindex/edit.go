package gitindex

import (
	"fmt"
	"strings"
)

// Set adds e to the index or replaces the entry with the same name and stage, as git add
// (add_index_entry with OK_TO_ADD and OK_TO_REPLACE) does, and keeps the extensions in step:
//
//   - the cache tree is invalidated along e.Name;
//   - a new entry invalidates the untracked cache along its path; a replaced one does so only
//     when the index has an fsmonitor extension (git's mark_fsmonitor_invalid);
//   - a stage-0 entry replaces the conflict entries (stages 1-3) of its path, which are saved
//     in the resolve-undo records;
//   - entries in the way are removed: a file at a directory above e.Name, and entries of the
//     same stage below e.Name used as a directory;
//   - the entry's FSMonitorValid is cleared, so git looks at the file again rather than trust
//     the file system monitor about it.
//
// Every other entry and flag is kept as it is. Set does not compare e with the entry it
// replaces: git leaves an entry whose stat data still matches the file alone (and with it the
// cache tree), so a caller that found the file unchanged should not call Set.
//
// The name must be a path git would store (ErrInvalidPath); a path inside a sparse-directory
// entry is ErrInsideSparseDir, since git would first expand the sparse index.
func (x *Index) Set(e Entry) error {
	if err := checkEntryPath(&e); err != nil {
		return err
	}
	if _, ok := x.SparseDirOf(e.Name); ok {
		return fmt.Errorf("add %s: %w", quote(e.Name), ErrInsideSparseDir)
	}
	e.FSMonitorValid = false
	stage := e.Stage()
	x.Tree.Invalidate(e.Name)
	if i, ok := x.FindStage(e.Name, stage); ok {
		x.Entries[i] = e
		if x.FSMonitor != nil {
			x.Untracked.invalidatePath(e.Name)
		}
		return nil
	}
	x.Untracked.invalidatePath(e.Name)
	i := x.search(e.Name, stage)
	if stage == 0 {
		j := i
		for j < len(x.Entries) && x.Entries[j].Name == e.Name {
			x.recordResolveUndo(&x.Entries[j])
			j++
		}
		x.removeRange(i, j)
	}
	if x.removeConflicts(&e, i) {
		i = x.search(e.Name, stage)
	}
	x.Entries = append(x.Entries, Entry{})
	copy(x.Entries[i+1:], x.Entries[i:])
	x.Entries[i] = e
	if e.IsSparseDir() {
		x.Sparse = true
	}
	return nil
}

// removeConflicts removes the entries a new entry e (to go at position i) would clash with:
// entries of e's stage below e.Name as a directory, and files of e's stage named like a
// directory above it. It reports whether it removed any.
func (x *Index) removeConflicts(e *Entry, i int) bool {
	removed := false
	stage := e.Stage()
	// Below: "name/..." entries follow position i (entries like "name.txt" may come between).
	prefix := e.Name + "/"
	for j := i; j < len(x.Entries); {
		p := &x.Entries[j]
		if !strings.HasPrefix(p.Name, e.Name) {
			break
		}
		if p.Stage() == stage && strings.HasPrefix(p.Name, prefix) {
			x.recordResolveUndo(p)
			x.removeRange(j, j+1)
			removed = true
			continue
		}
		j++
	}
	// Above: a file named like one of e's parent directories.
	for dir := parentDir(e.Name); dir != ""; dir = parentDir(dir) {
		if j, ok := x.FindStage(dir, stage); ok {
			x.recordResolveUndo(&x.Entries[j])
			x.removeRange(j, j+1)
			removed = true
		}
	}
	return removed
}

func parentDir(p string) string {
	p = strings.TrimSuffix(p, "/")
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

func (x *Index) removeRange(i, j int) {
	if i == j {
		return
	}
	n := copy(x.Entries[i:], x.Entries[j:])
	clear(x.Entries[i+n:])
	x.Entries = x.Entries[:i+n]
}

// Remove removes every entry named name (all stages), as git rm --cached
// (remove_file_from_index) does: the cache tree and the untracked cache are invalidated along
// name and removed conflict entries are saved in the resolve-undo records. It reports whether
// there was an entry.
//
// A path inside a sparse-directory entry has no entry of its own (git would expand the sparse
// index to remove it): Remove reports false and changes nothing; see SparseDirOf.
func (x *Index) Remove(name string) bool {
	if _, ok := x.SparseDirOf(name); ok {
		return false
	}
	x.Tree.Invalidate(name)
	x.Untracked.invalidatePath(name)
	i, ok := x.Find(name)
	if !ok {
		return false
	}
	j := i
	for j < len(x.Entries) && x.Entries[j].Name == name {
		x.recordResolveUndo(&x.Entries[j])
		j++
	}
	x.removeRange(i, j)
	return true
}

// RemoveAt removes the entry at position i, as git's remove_index_entry_at does (a conflict
// entry is saved in the resolve-undo records) and invalidates the cache tree and untracked
// cache along its path.
func (x *Index) RemoveAt(i int) {
	e := &x.Entries[i]
	x.Tree.Invalidate(e.Name)
	x.Untracked.invalidatePath(e.Name)
	x.recordResolveUndo(e)
	x.removeRange(i, i+1)
}

// InvalidatePath updates the extensions for a change made to the entry named name in place
// (in Entries directly, such as a new mode or object name): it invalidates the cache tree
// along name and clears the entry's FSMonitorValid, invalidating the untracked cache when
// the index has an fsmonitor extension, as git does when it changes an entry.
func (x *Index) InvalidatePath(name string) {
	x.Tree.Invalidate(name)
	for i, ok := x.Find(name); ok && i < len(x.Entries) && x.Entries[i].Name == name; i++ {
		x.Entries[i].FSMonitorValid = false
	}
	if x.FSMonitor != nil {
		x.Untracked.invalidatePath(name)
	}
}

// checkEntryPath refuses names git's verify_path refuses: empty, absolute, with empty, ".",
// ".." or ".git" (any case) components, a trailing slash (but for a sparse directory, which
// must have one) or a NUL byte.
func checkEntryPath(e *Entry) error {
	name := e.Name
	if e.IsSparseDir() {
		if !strings.HasSuffix(name, "/") {
			return fmt.Errorf("sparse directory entry %s: no trailing slash: %w", quote(name), ErrInvalidPath)
		}
		name = name[:len(name)-1]
	}
	if e.Stage() != 0 && e.IsSparseDir() {
		return fmt.Errorf("sparse directory entry %s: unmerged: %w", quote(e.Name), ErrInvalidPath)
	}
	if name == "" || strings.IndexByte(name, 0) >= 0 {
		return fmt.Errorf("entry %s: %w", quote(e.Name), ErrInvalidPath)
	}
	for _, c := range strings.Split(name, "/") {
		if c == "" || c == "." || c == ".." || strings.EqualFold(c, ".git") {
			return fmt.Errorf("entry %s: %w", quote(e.Name), ErrInvalidPath)
		}
	}
	return nil
}
