package project

import "sync"

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
