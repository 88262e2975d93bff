// Package audit checks a postmortem's status_history against the commits that changed its status:
// every recorded move was made by a commit at about the time it says, and every commit that changed
// the status recorded the move.
package audit

import (
	"sort"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// DefaultTolerance is how far a status_history entry's time may lie from the commit that made the
// move. pm status writes the entry and commits within the same second; a move edited by hand, or
// made with --no-commit, is often committed later the same day or the next, and a time written
// by hand may be off by a time zone (up to 14 hours). A day covers all of these and still tells
// apart moves made on different days.
const DefaultTolerance = 24 * time.Hour

// Move is a commit that changed a postmortem's status, or added the file with one.
type Move struct {
	Commit    string // full hash
	Author    string // the author's name
	Authored  time.Time
	Committed time.Time
	From      postmortem.Status // "" when the commit added the file; "?" when pm reads no status in the version before
	// FromText is the status the version before wrote, when pm reads none there (From "?").
	FromText string
	To       postmortem.Status
	// Boundary is set when the commit is a shallow clone's boundary and "added" the file: the file
	// was there before, with a history this clone does not have. It made no move.
	Boundary bool
	// Renamed is set when the commit added the file as another postmortem removed in it, moved (the
	// same creation): From is that one's status. The entries before it belong to the old path's
	// history (not followed: unchecked); the commit's own change of status is a move like any other.
	Renamed    bool
	added      string // the version a creation added (Run pairs renames by it)
	generation int    // the commit's (gitrepo.Change.Generation): orders commits of one second
}

// FromWritten is the status the move is from as the file wrote it: From, or, where pm reads no
// status, the text written there ("" quoted when there was none).
func (m Move) FromWritten() string {
	if m.From != garbled {
		return string(m.From)
	}
	if m.FromText == "" {
		return `""`
	}
	return m.FromText
}

// Created reports whether the commit added the file with its status, rather than changing it.
func (m Move) Created() bool { return m.From == "" }

// noMove reports a rename that kept the status: a commit that moved the file, not its status.
func (m Move) noMove() bool { return m.Renamed && m.From == m.To }

// Finding kinds, stable: they appear in JSON output.
const (
	// KindNoCommit is a status_history entry that no commit made: none changed the status to the
	// entry's within the tolerance of its time.
	KindNoCommit = "no-commit"
	// KindNoEntry is a commit that changed the status without status_history recording the move.
	KindNoEntry = "no-entry"
	// KindBadTime is a status_history entry whose time is not an RFC 3339 time or a date.
	KindBadTime = "bad-time"
)

// Finding is a disagreement between a postmortem's history and its commits.
type Finding struct {
	Kind  string
	Entry *postmortem.HistoryEntry // the entry concerned (KindNoCommit, KindBadTime)
	Move  *Move                    // the commit concerned (KindNoEntry)
}

// Forced is a move recorded as forced, with the commit that made it when one was found.
type Forced struct {
	Entry postmortem.HistoryEntry
	Move  *Move
}

// Result is what Check finds in one postmortem.
type Result struct {
	Findings []Finding
	Forced   []Forced
	// Unchecked counts the entries older than a shallow clone's history (no later than its boundary
	// commit, within the tolerance), which no commit here can confirm or contradict.
	Unchecked int
	// UncheckedAdded counts the entries dated before the first commit that added the file (a squash
	// merge, a rename): their commits are in another history.
	UncheckedAdded int
	// UncheckedSquashed counts the entries of the steps a commit moved the status through at once (a
	// squash merge of a branch that moved it step by step): their commits are in the branch's history.
	UncheckedSquashed int
}

// Check matches a postmortem's status_history (as the file is now) with the moves its commits made.
// An entry matches a move to the same status whose author or commit time lies within tolerance of
// the entry's time; each entry and each move is matched at most once, the closest pairs first, so
// that a postmortem moved back and forth in one day still pairs each entry with its own commit.
// A move that adds the file (a postmortem created with a status) needs no entry: pm new writes the
// first one, but a file copied in or written by hand may have none. Times written as a date only
// are read as midnight in loc.
//
// In a shallow clone, the boundary commit that "adds" the file made no move: it is matched with no
// entry, and an entry left unmatched whose time is no later than the boundary commit (within the
// tolerance) is counted in Unchecked, not reported: the commit that made it is not in the clone. So
// is an entry left unmatched that is dated before the first commit adding the file (a squash merge
// of the branch that moved it, a rename): its commit is in another history.
func Check(history []postmortem.HistoryEntry, moves []Move, tolerance time.Duration, loc *time.Location) Result {
	var res Result
	type pair struct {
		entry, move int
		gap         time.Duration
	}
	times := make([]time.Time, len(history))
	bad := make([]bool, len(history))
	var pairs []pair
	for i, h := range history {
		t, ok := entryTime(h.At, loc)
		if !ok {
			bad[i] = true
			continue
		}
		times[i] = t
		st, err := postmortem.ParseStatus(h.Status) // "in-review" written by hand is In Review
		if err != nil {
			st = postmortem.Status(strings.TrimSpace(h.Status))
		}
		for j, m := range moves {
			if m.Boundary || m.To != st || m.noMove() {
				continue
			}
			gap := min(absDur(m.Authored.Sub(t)), absDur(m.Committed.Sub(t)))
			if gap <= tolerance {
				pairs = append(pairs, pair{i, j, gap})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].gap < pairs[b].gap })
	entryMove := make([]int, len(history))
	for i := range entryMove {
		entryMove[i] = -1
	}
	moveUsed := make([]bool, len(moves))
	for _, p := range pairs {
		if entryMove[p.entry] < 0 && !moveUsed[p.move] {
			entryMove[p.entry], moveUsed[p.move] = p.move, true
		}
	}
	var boundary time.Time // the latest boundary commit that has the file; zero when none
	for _, m := range moves {
		if m.Boundary {
			boundary = later(boundary, later(m.Authored, m.Committed))
		}
	}
	// A commit that moved the status over several steps at once (Draft → Reviewed: a squash merge of
	// a branch on which pm moved it step by step) carries the entries of the steps it went through,
	// dated up to it: the entry of the status it reached is its entry, whenever the branch made it,
	// and the ones between are counted as unchecked (their commits are in the branch's history), not
	// reported as made by no commit.
	squashed := make([]bool, len(history))
	for j, m := range moves {
		from, to := postmortem.Status(m.From).Rank(), postmortem.Status(m.To).Rank()
		if m.Boundary || m.noMove() || m.Renamed || from < 0 || to-from < 2 {
			continue // a rename that moves the status too is a hand move carried along (see Renamed)
		}
		at := later(m.Authored, m.Committed)
		for i := len(history) - 1; i >= 0; i-- { // the latest entry of the status it reached first
			// made on the branch, so before the commit that brought them (the one it reached within
			// the tolerance, as any entry)
			if entryMove[i] >= 0 || bad[i] || times[i].After(at.Add(tolerance)) {
				continue
			}
			st, err := postmortem.ParseStatus(history[i].Status)
			if err != nil || st.Rank() <= from || st.Rank() > to {
				continue
			}
			if st.Rank() == to && !moveUsed[j] {
				entryMove[i], moveUsed[j] = j, true
				continue
			}
			if st.Rank() < to && !times[i].After(at) {
				squashed[i] = true
			}
		}
	}
	// An entry whose time pm cannot read is reported as such (bad-time); the move it records, if a
	// commit to its status is left unpaired, is that commit's, not a move without an entry too.
	for i, h := range history {
		if !bad[i] {
			continue
		}
		st, err := postmortem.ParseStatus(h.Status)
		if err != nil {
			st = postmortem.Status(strings.TrimSpace(h.Status))
		}
		best := -1
		for j, m := range moves {
			if moveUsed[j] || m.Boundary || m.Created() || m.noMove() || m.To != st {
				continue
			}
			if best < 0 || m.Authored.Before(moves[best].Authored) {
				best = j
			}
		}
		if best >= 0 {
			entryMove[i], moveUsed[best] = best, true
		}
	}
	// The first commit that added the file (a squash merge of the branch that moved it, a rename,
	// a copy) starts its history here: an entry dated before it has its commit elsewhere, as an
	// entry older than a shallow clone's boundary. It is dated by the earlier of its two dates: a
	// rebase moves the committer date on but keeps the author date, when the file was added.
	var created time.Time
	for _, m := range moves {
		if (m.Created() || m.Renamed) && !m.Boundary {
			if t := earlier(m.Authored, m.Committed); created.IsZero() || t.Before(created) {
				created = t
			}
		}
	}
	for i := range history {
		h := &history[i]
		switch {
		case bad[i]:
			res.Findings = append(res.Findings, Finding{Kind: KindBadTime, Entry: h})
		case entryMove[i] < 0 && !boundary.IsZero() && !times[i].After(boundary.Add(tolerance)):
			res.Unchecked++
		case entryMove[i] < 0 && !created.IsZero() && !times[i].After(created):
			res.UncheckedAdded++
		case entryMove[i] < 0 && squashed[i]:
			res.UncheckedSquashed++
		case entryMove[i] < 0:
			res.Findings = append(res.Findings, Finding{Kind: KindNoCommit, Entry: h})
		}
		if h.Forced {
			f := Forced{Entry: *h}
			if j := entryMove[i]; j >= 0 {
				f.Move = &moves[j]
			}
			res.Forced = append(res.Forced, f)
		}
	}
	for j := range moves {
		if !moveUsed[j] && !moves[j].Created() && !moves[j].Boundary && !moves[j].noMove() {
			res.Findings = append(res.Findings, Finding{Kind: KindNoEntry, Move: &moves[j]})
		}
	}
	// Oldest first: entries by their time, commits by theirs.
	sort.SliceStable(res.Findings, func(a, b int) bool {
		return findingTime(res.Findings[a], loc).Before(findingTime(res.Findings[b], loc))
	})
	return res
}

// findingTime is when a finding happened, for ordering: an entry's time or a commit's.
func findingTime(f Finding, loc *time.Location) time.Time {
	if f.Move != nil {
		return f.Move.Authored
	}
	t, _ := entryTime(f.Entry.At, loc)
	return t
}

// entryTime reads a status_history time: RFC 3339 as pm writes it, or a date written by hand.
func entryTime(s string, loc *time.Location) (time.Time, bool) {
	if t, err := postmortem.ParseTime(s); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
