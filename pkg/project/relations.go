package project

import (
	"bytes"
	"path"
	"slices"
	"sync"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// Relations returns a lookup for the relations lint rule: whether a postmortem with an id exists in
// the postmortem folder, and the ids its related field lists. The folder's front matter is read on
// the first call only, so a linter that never meets a related or recurrence_of field never reads
// it. The lookup is safe for concurrent use.
func (p *Project) Relations() func(id string) (exists bool, related []string) {
	var once sync.Once
	var index map[string][]string
	return func(id string) (bool, []string) {
		once.Do(func() {
			index = map[string][]string{}
			entries, err := p.ScanFront()
			if err != nil {
				return // an unreadable folder: every id is missing, and pm list says why
			}
			for _, e := range entries {
				var related []string
				if e.Doc != nil {
					related = e.Doc.Fields.Related
				}
				// Two files with one name in different folders share an id: either may be meant.
				index[e.ID] = append(index[e.ID], related...)
			}
		})
		related, ok := index[id]
		return ok, related
	}
}

// StagedRelations is Relations for the commit being made (pm lint --staged): the postmortems are
// the ones the index holds, and a postmortem's related field is read from its staged content, so
// that a file left untracked in the work tree neither makes an id exist nor hides a missing one.
func (p *Project) StagedRelations() func(id string) (exists bool, related []string) {
	var once sync.Once
	byID := map[string][]string{} // id → index paths
	var cache sync.Map            // index path → related ids
	return func(id string) (bool, []string) {
		once.Do(func() {
			repo, err := p.Repo()
			if err != nil {
				return
			}
			paths, err := repo.IndexPaths(p.InDir)
			if err != nil {
				return
			}
			for _, rel := range paths {
				byID[ID(path.Base(rel))] = append(byID[ID(path.Base(rel))], rel)
			}
		})
		paths, ok := byID[id]
		if !ok {
			return false, nil
		}
		var related []string
		for _, rel := range paths {
			if r, ok := cache.Load(rel); ok {
				related = append(related, r.([]string)...)
				continue
			}
			var r []string
			if repo, err := p.Repo(); err == nil {
				if data, ok, err := repo.IndexFile(rel); err == nil && ok {
					r = postmortem.Parse(rel, data, nil).Fields.Related
				}
			}
			cache.Store(rel, r)
			related = append(related, r...)
		}
		return true, related
	}
}

// StagedReferrers returns the index paths (sorted) of the postmortems that name, in related or
// recurrence_of, a postmortem the commit being made removes: one HEAD holds and the index no longer
// does, under any path (deleted, or renamed to another id). Those files are not staged, so
// linting the staged files alone would let the commit leave them naming nothing (the relations
// rule's error). staged holds the index paths linted anyway, which are left out; unmerged, the
// paths with a conflict in the index, are there all the same. Before the first commit nothing is
// removed. The index's postmortems are read only when an id is removed.
func (p *Project) StagedReferrers(staged map[string]bool, unmerged []string) ([]string, error) {
	repo, err := p.Repo()
	if err != nil {
		return nil, err
	}
	gone, err := repo.StagedRemovals(p.Config.Dir) // nothing read when the folder is HEAD's
	if err != nil || len(gone) == 0 {
		return nil, err
	}
	removed := map[string]bool{}
	for _, rel := range gone {
		if p.InDir(rel) {
			removed[ID(path.Base(rel))] = true
		}
	}
	if len(removed) == 0 {
		return nil, nil
	}
	// an id still held elsewhere (a file moved to another folder keeps its name) is not removed
	indexed, err := repo.IndexPaths(p.InDir)
	if err != nil {
		return nil, err
	}
	for _, rel := range append(indexed, unmerged...) {
		delete(removed, ID(path.Base(rel)))
	}
	if len(removed) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(removed))
	for id := range removed {
		ids = append(ids, id)
	}
	files, err := repo.IndexFiles(func(rel string) bool { return !staged[rel] && p.InDir(rel) })
	if err != nil {
		return nil, err
	}
	var out []string
	for _, file := range files {
		rel, data := file.Path, file.Data
		if !slices.ContainsFunc(ids, func(id string) bool { return bytes.Contains(data, []byte(id)) }) {
			continue // names none of them anywhere: no front matter to parse
		}
		f := postmortem.Parse(rel, data, nil).Fields
		if removed[f.RecurrenceOf] || slices.ContainsFunc(f.Related, func(id string) bool { return removed[id] }) {
			out = append(out, rel)
		}
	}
	return out, nil
}

// Referrers is StagedReferrers for pm lint --changed-since rev: the root-relative paths (sorted) of
// the work tree's postmortems that name, in related or recurrence_of, a postmortem rev's folder
// held and the work tree no longer has (a pull request that deletes or renames it), leaving out
// the paths in changed, which are linted anyway.
func (p *Project) Referrers(rev string, changed map[string]bool) ([]string, error) {
	repo, err := p.Repo()
	if err != nil {
		return nil, err
	}
	before, err := repo.FilesAt(rev, p.Config.Dir)
	if err != nil {
		return nil, err
	}
	// gone from the index (a postmortem outside a sparse checkout is there, not in the work tree),
	// then from the work tree: the folder is walked only when the index lost one
	indexed, err := repo.IndexPaths(p.InDir)
	if err != nil {
		return nil, err
	}
	kept := make(map[string]bool, len(indexed))
	for _, rel := range indexed {
		kept[ID(path.Base(rel))] = true
	}
	removed := map[string]bool{}
	for _, rel := range before {
		if id := ID(path.Base(rel)); p.InDir(rel) && !kept[id] {
			removed[id] = true
		}
	}
	if len(removed) == 0 {
		return nil, nil
	}
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		delete(removed, ID(f))
	}
	if len(removed) == 0 {
		return nil, nil
	}
	entries, err := p.ScanFront()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Doc == nil {
			continue
		}
		rel, err := repo.Rel(e.Path)
		if err != nil || changed[rel] {
			continue
		}
		f := e.Doc.Fields
		if removed[f.RecurrenceOf] || slices.ContainsFunc(f.Related, func(id string) bool { return removed[id] }) {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out, nil
}
