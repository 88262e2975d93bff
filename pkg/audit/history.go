package audit

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Report is the audit of every postmortem in a folder at HEAD.
type Report struct {
	Postmortems int      // postmortems audited
	Commits     int      // commits that changed one of them
	Files       []File   // the postmortems with findings or forced moves, in path order
	Skipped     []string // postmortems whose front matter at HEAD is unusable, or that are over 8 MiB, not audited
	Shallow     bool     // the clone is shallow: moves older than its history have no commit here
	Unchecked   int      // entries older than a shallow clone's history, not checked (Result.Unchecked)
	// UncheckedAdded counts the entries dated before the commit that added their file (Result.UncheckedAdded).
	UncheckedAdded int
	// UncheckedSquashed counts the entries folded into a squash merge (Result.UncheckedSquashed).
	UncheckedSquashed int
}

// File is the result of one postmortem, by its root-relative path.
type File struct {
	Path string
	Result
}

// Findings counts the findings of every file.
func (r *Report) Findings() int {
	n := 0
	for _, f := range r.Files {
		n += len(f.Findings)
	}
	return n
}

// Run audits the postmortems under the folder dir (root-relative) as they are at HEAD: the files
// keep accepts. It walks the history once for the whole folder, reads the status of each version
// of each postmortem once (from its front matter alone), and checks each postmortem's history
// against the moves of its path: a postmortem renamed is followed no further than its rename.
func Run(repo *gitrepo.Repo, dir string, keep func(path string) bool, tolerance time.Duration, loc *time.Location) (*Report, error) {
	rep := &Report{}
	if _, err := repo.HeadCommit(); errors.Is(err, gitrepo.ErrNoCommits) {
		return rep, nil
	} else if err != nil {
		return nil, err
	}
	shallow, err := repo.Shallow()
	if err != nil {
		return nil, err
	}
	rep.Shallow = shallow
	heads, err := repo.BlobsAt("HEAD", dir)
	if err != nil {
		return nil, err
	}
	for p := range heads {
		if !keep(p) {
			delete(heads, p)
		}
	}
	// The walk runs in its own goroutine; this one reads and parses the versions it reports, with a
	// reader of its own: on two cores they take about as long as each other.
	blobs := repo.NewBlobReader()
	defer blobs.Close()
	changes := make(chan gitrepo.Change, 4096)
	// the versions of the postmortems each commit removed: an add there may be a rename (written by
	// the walk's goroutine, read once it is done)
	deleting := map[string][]string{}
	walkErr := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		defer close(changes)
		walkErr <- repo.WalkChanges(dir, func(c gitrepo.Change) error {
			if c.New == "" && c.Old != "" && keep(c.Path) {
				deleting[c.Commit] = append(deleting[c.Commit], c.Old)
			}
			if _, ok := heads[c.Path]; !ok || c.New == "" && c.Old == "" {
				return nil
			}
			select {
			case changes <- c:
				return nil
			case <-stop:
				return errStopped
			}
		})
	}()
	statuses := map[string]postmortem.Status{}
	// the status_history of each version read: its first entry and its length (renames are paired by them)
	histories := map[string]history{}
	written := map[string]string{} // the status text of the versions whose status pm does not read
	status := func(path, blob string) (postmortem.Status, error) {
		if blob == "" {
			return "", nil
		}
		if st, ok := statuses[blob]; ok {
			return st, nil
		}
		data, err := blobs.Read(blob)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", path, err)
		}
		doc := front(path, data, loc)
		st := doc.Fields.Status // "in-review" written by hand is In Review
		if st != "" {
			st = postmortem.Statuses[st.Rank()] // the constant, not a slice of the file kept alive
		}
		statuses[blob] = st
		if st == "" {
			for _, pr := range doc.Problems {
				if pr.Msg.ID == "fm.status" && len(pr.Msg.Args) > 0 {
					written[blob] = fmt.Sprint(pr.Msg.Args[0])
				}
			}
		}
		if h := doc.Fields.StatusHistory; len(h) > 0 {
			histories[blob] = history{first: h[0], entries: len(h)}
		}
		return st, nil
	}
	moves := map[string][]Move{}
	removals := map[string][]removal{} // the commits that removed a postmortem's path, and what was there
	commits := map[string]bool{}
	var readErr error
	// The changes are taken in batches of what the walk has found so far, so that in a partial
	// clone the versions the batch needs are fetched in one request (Prefetch; nothing elsewhere).
	batch := make([]gitrepo.Change, 0, 1024)
	var want []string
	next := func() (gitrepo.Change, bool) {
		if len(batch) == 0 {
			c, ok := <-changes
			if !ok {
				return c, false
			}
			batch = append(batch[:0], c)
		more:
			for len(batch) < cap(batch) {
				select {
				case c, ok := <-changes:
					if !ok {
						break more
					}
					batch = append(batch, c)
				default:
					break more
				}
			}
			want = want[:0]
			for _, c := range batch {
				if readErr != nil {
					break // draining after a failed read: nothing more is read
				}
				for _, h := range append([]string{c.Old, c.New}, c.Others...) {
					if _, known := statuses[h]; h != "" && !known {
						want = append(want, h)
					}
				}
			}
			blobs.Prefetch(want)
			slices.Reverse(batch) // taken from the end
		}
		c := batch[len(batch)-1]
		batch = batch[:len(batch)-1]
		return c, true
	}
	for c, ok := next(); ok; c, ok = next() {
		if readErr != nil {
			continue
		}
		commits[c.Commit] = true
		if c.New == "" { // removed: a file added there later is another postmortem, or this one back
			st, err := status(c.Path, c.Old)
			if err != nil {
				readErr = err
				close(stop)
				continue
			}
			removals[c.Path] = append(removals[c.Path], removal{Move: Move{Commit: c.Commit, Committed: c.Committer.When,
				From: st, FromText: written[c.Old], generation: c.Generation}, blob: c.Old})
			continue
		}
		// A merge whose first parent lacks the file, which another parent brought, did not add it:
		// what it changed is compared with that parent's version.
		old := c.Old
		for _, o := range c.Others {
			if old == "" && o != "" {
				old = o
			}
		}
		from, err := status(c.Path, old)
		if err == nil {
			var to postmortem.Status
			// A shallow clone's boundary commit "adds" every file, whatever its status says: it is
			// where the clone's history of the file starts (see Move.Boundary).
			boundary := c.Shallow && old == ""
			to, err = status(c.Path, c.New)
			if err == nil && from != to && to != "" && !boundary {
				// a merge whose file differs from every parent (lines merged from both) brought its
				// status from the parent that has it, not moved it: "charged only with what it
				// changed itself"
				for _, o := range c.Others {
					if o == "" {
						continue
					}
					if st, oerr := status(c.Path, o); oerr == nil && st == to {
						from = to
						break
					} else if oerr != nil {
						err = oerr
					}
				}
			}
			if err == nil && (from != to && to != "" || boundary) {
				var text string
				if old != "" && from == "" {
					from, text = garbled, written[old] // a status that did not parse became one: a change, not a creation
				}
				moves[c.Path] = append(moves[c.Path], Move{
					Commit: c.Commit, Author: c.Author.Name, Authored: c.Author.When, Committed: c.Committer.When,
					From: from, FromText: text, To: to, Boundary: boundary, added: addedBlob(old, c.New), generation: c.Generation,
				})
			} else if err == nil && to == "" && from != "" && c.New != "" && !boundary {
				// a status that parsed became one that does not: kept until the status is readable
				// again (foldGarbled), so that a typo fixed later is no move
				moves[c.Path] = append(moves[c.Path], Move{
					Commit: c.Commit, Author: c.Author.Name, Authored: c.Author.When, Committed: c.Committer.When,
					From: from, To: garbled, generation: c.Generation,
				})
			}
		}
		if err != nil {
			readErr = err
			close(stop)
		}
	}
	if err := <-walkErr; err != nil && !errors.Is(err, errStopped) {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	// Added where another postmortem went, in the same commit, a file is that one moved (git mv):
	// the move is from that one's status. The versions each commit added are paired with those it
	// removed, in the folder first, then (for one whose history is older than the commit) elsewhere
	// in the tree: git mv into the folder, or the folder itself renamed (.pm.yaml's dir).
	added := map[string][]*Move{}
	var adders []string
	for _, p := range slices.Sorted(maps.Keys(moves)) {
		for i := range moves[p] {
			if m := &moves[p][i]; m.Created() && !m.Boundary {
				if added[m.Commit] == nil {
					adders = append(adders, m.Commit)
				}
				added[m.Commit] = append(added[m.Commit], m)
			}
		}
	}
	like := func(a, b string) (int, error) {
		da, err := blobs.Read(a)
		if err != nil {
			return 0, err
		}
		db, err := blobs.Read(b)
		if err != nil {
			return 0, err
		}
		return likeness(da, db), nil
	}
	for _, c := range adders {
		if err := readHistories(deleting[c], status); err != nil {
			return nil, err
		}
		left, err := pairRenames(added[c], deleting[c], histories, written, status, like)
		if err != nil {
			return nil, err
		}
		var in []*Move
		for _, m := range left {
			if histories[m.added].movedIn(m.To) {
				in = append(in, m)
			}
		}
		if len(in) == 0 {
			continue
		}
		all, err := repo.RemovedFiles(c)
		if err != nil {
			return nil, err
		}
		var removed []string
		for _, q := range slices.Sorted(maps.Keys(all)) {
			if _, inDir := cutDir(q, dir); !inDir && strings.EqualFold(path.Ext(q), ".md") {
				removed = append(removed, all[q])
			}
		}
		if err := readHistories(removed, status); err != nil {
			return nil, err
		}
		if _, err := pairRenames(in, removed, histories, written, status, like); err != nil {
			return nil, err
		}
	}
	for p, ms := range moves {
		moves[p] = pickedTwice(foldGarbled(readded(ms, removals[p], histories)))
	}
	rep.Commits = len(commits)
	paths := make([]string, 0, len(heads))
	for p := range heads {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		data, err := blobs.Read(heads[p])
		if err != nil {
			return nil, fmt.Errorf("read %s at HEAD: %w", p, err)
		}
		// one over the size every command reads is skipped, as they skip it
		if len(data) > postmortem.MaxFileSize {
			rep.Skipped = append(rep.Skipped, p)
			continue
		}
		doc := front(p, data, loc)
		if !doc.Usable() {
			rep.Skipped = append(rep.Skipped, p)
			continue
		}
		rep.Postmortems++
		res := Check(doc.Fields.StatusHistory, moves[p], tolerance, loc)
		rep.Unchecked += res.Unchecked
		rep.UncheckedAdded += res.UncheckedAdded
		rep.UncheckedSquashed += res.UncheckedSquashed
		if len(res.Findings) > 0 || len(res.Forced) > 0 {
			rep.Files = append(rep.Files, File{Path: p, Result: res})
		}
	}
	return rep, nil
}

var errStopped = errors.New("stopped")

// garbled is the To of a commit that made a readable status unreadable (a typo in "status:").
const garbled postmortem.Status = "?"

// foldGarbled joins each commit that made the status unreadable with the one that made it readable
// again, oldest first: back to the same status, the two made no move (a typo and its fix); to
// another, the second made the move from the status before the typo. A status left unreadable
// makes no move either.
func foldGarbled(ms []Move) []Move {
	sortMoves(ms)
	out := ms[:0:0]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.To != garbled {
			out = append(out, m)
			continue
		}
		j := i + 1
		for j < len(ms) && ms[j].From != garbled {
			j++
		}
		if j == len(ms) {
			continue // unreadable to the end: HEAD's file is skipped, or another version says more
		}
		if ms[j].To != m.From {
			next := ms[j]
			next.From, next.FromText = m.From, m.FromText
			out = append(out, next)
		}
		ms = append(ms[:j:j], ms[j+1:]...)
	}
	return out
}

// pickedTwice drops a move that repeats an earlier one, oldest first: the same change of status by
// the same author at the same author time is one move made in two commits (cherry-picked, and then
// the branch it was picked from merged), which status_history records once.
func pickedTwice(ms []Move) []Move {
	out := ms[:0]
	for _, m := range ms {
		same := func(o Move) bool {
			return o.From == m.From && o.To == m.To && o.Author == m.Author && o.Authored.Equal(m.Authored)
		}
		if !m.Created() && !m.Boundary && slices.ContainsFunc(out, same) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// removal is a commit that removed a postmortem's file (Move's commit fields; From: the status it
// had), and the version it removed.
type removal struct {
	Move
	blob string
}

// readded makes the history of a path start at its latest add after a removal: the moves before it
// were another postmortem's, unless the file added is the one removed back (the same first
// status_history entry), whose add is then a move from the status it had when removed (none when
// it has that status still).
func readded(ms []Move, removals []removal, histories map[string]history) []Move {
	if len(removals) == 0 {
		return ms
	}
	events := slices.Clone(ms)
	for _, r := range removals {
		m := r.Move
		m.added, m.To = r.blob, removed
		events = append(events, m)
	}
	sortMoves(events)
	var out []Move
	var last *Move // the removal since the last add
	for i := range events {
		m := events[i]
		if m.To == removed {
			last = &events[i]
			continue
		}
		if last != nil && m.Created() && !m.Boundary {
			a, b := histories[m.added], histories[last.added]
			if a.entries > 0 && b.entries > 0 && a.first.At != "" && a.first.At == b.first.At && a.first.By == b.first.By {
				m.From, m.FromText = last.From, last.FromText
				if m.From == "" {
					m.From = garbled
				}
				if m.From == m.To {
					last = nil
					continue // back as it went: no move
				}
			} else {
				out = out[:0] // another postmortem: its history starts here
			}
		}
		last = nil
		out = append(out, m)
	}
	return out
}

// removed is the To of a removal among the moves readded orders.
const removed postmortem.Status = "(removed)"

// sortMoves puts moves in the order their commits were made: by committer time, and, within one
// second, parents before children (a typo and its fix committed in one second).
func sortMoves(ms []Move) {
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].Committed.Equal(ms[j].Committed) {
			return ms[i].Committed.Before(ms[j].Committed)
		}
		return ms[i].generation < ms[j].generation
	})
}

// front parses the front matter of a version of a postmortem, leaving its body unread.
func front(path string, data []byte, loc *time.Location) *postmortem.Doc {
	if end := postmortem.FrontMatterEnd(data); end > 0 {
		data = data[:end]
	}
	return postmortem.Parse(path, data, loc)
}

// addedBlob is the version a change added the file with ("" when it changed or removed it): new,
// when there was no old version.
func addedBlob(old, new string) string {
	if old == "" {
		return new
	}
	return ""
}

// history is what a version's status_history says of where it comes from.
type history struct {
	first   postmortem.HistoryEntry
	entries int
}

// movedIn reports whether a version added with status to may have a history older than its commit:
// more than its first entry, or a status other than that entry's. A version pm new writes has neither.
func (h history) movedIn(to postmortem.Status) bool {
	if h.entries == 0 {
		return false
	}
	st, err := postmortem.ParseStatus(h.first.Status)
	return h.entries > 1 || err != nil || st != to
}

// readHistories reads the status and status_history of versions not read yet.
func readHistories(blobs []string, status func(path, blob string) (postmortem.Status, error)) error {
	for _, b := range blobs {
		if _, err := status("a removed postmortem", b); err != nil {
			return err
		}
	}
	return nil
}

// cutDir returns p relative to the folder dir, and whether it lies in it.
func cutDir(p, dir string) (string, bool) {
	dir = strings.Trim(dir, "/")
	if dir == "" || dir == "." {
		return p, true
	}
	rest, ok := strings.CutPrefix(p, dir+"/")
	return rest, ok
}

// pairRenames pairs the versions a commit added (adds) with the versions it removed, each at most
// once: a version removed as it is added (a pure git mv) first, then one with the same first
// status_history entry (pm new records the creation), the most alike (like: lines in common)
// first, so that two postmortems created at the same time by the same person are each paired with
// itself. A paired add is marked Renamed, from the status of the version it replaces ("?" when
// none parsed, with the text written: written). It returns the adds left unpaired.
func pairRenames(adds []*Move, removed []string, histories map[string]history, written map[string]string, status func(path, blob string) (postmortem.Status, error), like func(a, b string) (int, error)) ([]*Move, error) {
	used := make([]bool, len(removed))
	rename := func(m *Move, k int) error {
		used[k] = true
		from, err := status("a removed postmortem", removed[k])
		if err != nil {
			return err
		}
		if from == "" {
			from, m.FromText = garbled, written[removed[k]]
		}
		m.From, m.Renamed = from, true
		return nil
	}
	var left []*Move
	for _, m := range adds {
		k := -1
		for j, r := range removed {
			if !used[j] && r == m.added {
				k = j
				break
			}
		}
		if k < 0 {
			left = append(left, m)
			continue
		}
		if err := rename(m, k); err != nil {
			return nil, err
		}
	}
	type pair struct{ add, rm, score int }
	var pairs []pair
	for i, m := range left {
		a, ok := histories[m.added]
		if !ok || a.first.At == "" {
			continue
		}
		for k, r := range removed {
			if b, ok := histories[r]; ok && !used[k] && b.first.At == a.first.At && b.first.By == a.first.By {
				pairs = append(pairs, pair{add: i, rm: k})
			}
		}
	}
	if len(pairs) > 1 {
		for i := range pairs {
			score, err := like(left[pairs[i].add].added, removed[pairs[i].rm])
			if err != nil {
				return nil, err
			}
			pairs[i].score = score
		}
		sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].score > pairs[b].score })
	}
	paired := make([]bool, len(left))
	for _, p := range pairs {
		if !paired[p.add] && !used[p.rm] {
			paired[p.add] = true
			if err := rename(left[p.add], p.rm); err != nil {
				return nil, err
			}
		}
	}
	var rest []*Move
	for i, m := range left {
		if !paired[i] {
			rest = append(rest, m)
		}
	}
	return rest, nil
}

// likeness counts the lines of b that a has too (each line of a counted once).
func likeness(a, b []byte) int {
	lines := map[string]int{}
	for l := range bytes.Lines(a) {
		lines[string(l)]++
	}
	n := 0
	for l := range bytes.Lines(b) {
		if lines[string(l)] > 0 {
			lines[string(l)]--
			n++
		}
	}
	return n
}
