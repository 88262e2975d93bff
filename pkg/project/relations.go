package project

import (
	"path"
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
