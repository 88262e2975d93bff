// Package workflow is the postmortem process, in one place: the statuses and the moves between
// them, the gates a move must pass, reopening, the meeting deadline and the review lead time.
// pm status, pm meeting, pm review and pm lint all apply it, so a status edited by hand is judged
// as a move would be.
package workflow

import (
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// The statuses, in the order the process goes through them.
const (
	Draft    = postmortem.StatusDraft
	InReview = postmortem.StatusInReview
	Reviewed = postmortem.StatusReviewed
	Closed   = postmortem.StatusClosed
)

// Move is a status change the process allows, with why it exists.
type Move struct {
	From, To postmortem.Status
	Why      i18n.Msg
	// ForceOnly marks a move made only with --force (and recorded as forced): reopening.
	ForceOnly bool
}

// Moves lists every status change the process knows.
var Moves = []Move{
	{From: Draft, To: InReview, Why: i18n.M("move.why.in-review")},
	{From: InReview, To: Reviewed, Why: i18n.M("move.why.reviewed")},
	{From: InReview, To: Draft, Why: i18n.M("move.why.draft")},
	{From: Reviewed, To: Closed, Why: i18n.M("move.why.closed")},
	{From: InReview, To: Closed, Why: i18n.M("move.why.closed-direct")},
	{From: Closed, To: InReview, Why: i18n.M("move.why.reopen"), ForceOnly: true},
}

// directClose reports the one move that depends on the document: In Review → Closed skips Reviewed
// only when no message goes to customers (external_message: false).
func directClose(m Move) bool { return m.From == InReview && m.To == Closed }

// permitted reports whether m is open to a document with the given external_message.
func permitted(m Move, externalMessage bool) bool {
	return !(directClose(m) && externalMessage)
}

// Allowed returns the moves from a status open to the document (force-only ones included, marked).
func Allowed(from postmortem.Status, externalMessage bool) []Move {
	var out []Move
	for _, m := range Moves {
		if m.From == from && permitted(m, externalMessage) {
			out = append(out, m)
		}
	}
	return out
}

// AllowedTo lists the moves that lead to a status, from wherever they start.
func AllowedTo(to postmortem.Status, externalMessage bool) []Move {
	var out []Move
	for _, m := range Moves {
		if m.To == to && permitted(m, externalMessage) {
			out = append(out, m)
		}
	}
	return out
}

// ForceOnly reports whether from → to is a move the process makes only with --force (reopening a
// Closed postmortem): it is recorded as forced even when no gate failed.
func ForceOnly(from, to postmortem.Status) bool {
	for _, m := range Moves {
		if m.From == from && m.To == to {
			return m.ForceOnly
		}
	}
	return false
}

// Why returns why the move from → to exists (an empty message for a move the process does not know).
func Why(from, to postmortem.Status) i18n.Msg {
	for _, m := range Moves {
		if m.From == from && m.To == to {
			return m.Why
		}
	}
	return i18n.Msg{}
}

// MoveError is a refused status change; Msg says why in any language.
type MoveError struct {
	Msg i18n.Msg
}

func (e *MoveError) Error() string { return e.Msg.String() }

// Check returns nil when from → to is allowed (a force-only move only with force), or a *MoveError
// that names the moves allowed from here.
func Check(from, to postmortem.Status, externalMessage, force bool) error {
	// The moves allowed are found without building a list: pm lint judges every entry of every
	// history this way, and only a refusal needs the list for its message.
	for _, m := range Moves {
		if m.From == from && m.To == to && permitted(m, externalMessage) && (!m.ForceOnly || force) {
			return nil
		}
	}
	allowed := Allowed(from, externalMessage)
	for _, m := range allowed {
		if m.To == to {
			if m.ForceOnly && !force {
				return &MoveError{i18n.M("move.force-only", from, to)}
			}
			return nil
		}
	}
	if from == to {
		return &MoveError{i18n.M("move.already", from)}
	}
	var names []string
	for _, m := range allowed {
		if !m.ForceOnly {
			names = append(names, string(m.To))
		}
	}
	var reason any = ""
	if from == InReview && to == Closed {
		reason = i18n.M("move.skip-reviewed")
	}
	if len(names) == 0 {
		return &MoveError{i18n.M("move.last", from, to, from, reason)}
	}
	return &MoveError{i18n.M("move.not-allowed", from, to, reason, from, i18n.Or(names))}
}

// WasReviewed reports whether the history shows the postmortem reached Reviewed.
func WasReviewed(f *postmortem.Fields) bool {
	for _, h := range f.StatusHistory {
		if st, err := postmortem.ParseStatus(h.Status); err == nil && st == Reviewed {
			return true
		}
	}
	return false
}

// RecordsBefore reports whether status_history records a status other than st: one the postmortem
// held before it. A history that holds st alone began there (pm status writes the first entry of a
// postmortem that had none, written before pm, when it moves it): it says nothing of the moves that
// reached st, which were judged when they were made.
func RecordsBefore(f *postmortem.Fields, st postmortem.Status) bool {
	for _, h := range f.StatusHistory {
		if hs, err := postmortem.ParseStatus(h.Status); err != nil || hs != st {
			return true
		}
	}
	return false
}

// Item is what the gates need of an action item.
type Item struct {
	Line      int
	Action    string
	HasTicket bool
	// NeedsTicket: the process files tickets for P0/P1 items only (postmortem.ActionItem.NeedsTicket).
	NeedsTicket bool
}

// Facts are what the gates look at: the document's fields and action items, the time, and what
// lint finds at the level of the status being judged.
type Facts struct {
	Fields      *postmortem.Fields
	ActionItems []Item
	Now         time.Time
	Location    *time.Location
	// LintErrors counts the error-level findings of the document judged at the target status
	// (what the In Review gate asks); nil when nobody linted it (the gate is then not judged).
	LintErrors func() int
	// HistoryErrors counts the error-level status-history findings of the document as it is, before
	// the move: a status or history edited by hand, which the move would otherwise record as made
	// from it; nil when nobody linted it (the gate is then not judged).
	HistoryErrors func() int
}

// Gate ids, for callers that add detail to one (the lint gate's findings, say).
const (
	GateLint          = "lint"
	GateNoMeeting     = "no-meeting"
	GateMeetingFuture = "meeting-future"
	GateNoTicket      = "no-ticket"
	GateNeverReviewed = "never-reviewed"
	GateHistory       = "history"
)

// Gate is a condition of reaching a status that does not hold.
type Gate struct {
	ID     string
	Reason i18n.Msg
}

// Gates returns the conditions of reaching target that do not hold (none: the move may be made).
// The same gates judge a status already in the document (a hand edit): Gates(f, f.Fields.Status).
//
//   - In Review: lint finds no error at In Review level.
//   - Reviewed: the meeting is set and has taken place (its start is past, not now), and lint finds
//     no error at Reviewed level (the customer message is about to go out).
//   - Closed: the meeting has taken place (closed straight from In Review, external_message false,
//     the process skips Reviewed "once the meeting is over"; from Reviewed, its gate said so, unless
//     the status was written by hand); every action item has a ticket; with external_message true,
//     the postmortem went through Reviewed (the message is written and sent after the meeting); and
//     lint finds no error at Closed level.
//
// Every move also needs a history that shows how the postmortem reached its status (no
// status-history error), judged when Facts.HistoryErrors is set: a move made from a status changed by
// hand would be recorded as if the process had reached it. The lint gate is judged only when
// Facts.LintErrors is set; the caller leaves out of its count
// the findings that repeat the other gates.
func Gates(f Facts, target postmortem.Status) []Gate {
	var out []Gate
	fm := f.Fields
	if f.HistoryErrors != nil {
		if n := f.HistoryErrors(); n > 0 {
			out = append(out, Gate{GateHistory, i18n.M("gate.history", fm.Status)})
		}
	}
	switch target {
	case InReview:
		out = append(out, lintGate(f, target)...)
	case Reviewed:
		out = append(out, meetingHeld(f)...)
		out = append(out, lintGate(f, target)...)
	case Closed:
		// the meeting has taken place, whichever way the postmortem came: from In Review (the
		// process skips Reviewed once the meeting is over) or from Reviewed, whose own gate a status
		// or an entry written by hand may not have met
		out = append(out, meetingHeld(f)...)
		if missing := WithoutTicket(f.ActionItems); len(missing) > 0 {
			var lines i18n.List
			for _, it := range missing {
				lines = append(lines, i18n.M("gate.ticket-line", it.Line, clip(it.Action)))
			}
			out = append(out, Gate{GateNoTicket, i18n.M("gate.no-ticket", len(missing), lines)})
		}
		if fm.ExternalMessage && fm.Status != Reviewed && !WasReviewed(fm) {
			out = append(out, Gate{GateNeverReviewed, i18n.M("gate.never-reviewed")})
		}
		out = append(out, lintGate(f, target)...)
	}
	return out
}

// lintGate is the gate of a move that lint judges: no error-level finding at the target's level.
func lintGate(f Facts, target postmortem.Status) []Gate {
	if f.LintErrors == nil {
		return nil
	}
	if n := f.LintErrors(); n > 0 {
		return []Gate{{GateLint, LintGateReason(n, target)}}
	}
	return nil
}

// LintGateReason is the lint gate's reason: n error-level findings at the target's level.
func LintGateReason(n int, target postmortem.Status) i18n.Msg {
	return i18n.M("gate.lint", n, target)
}

// meetingHeld is the gate of a move that needs the meeting over: set, and its start past.
func meetingHeld(f Facts) []Gate {
	fm := f.Fields
	switch {
	case !fm.HasMeeting() && fm.BadMeeting != "":
		return []Gate{{GateNoMeeting, i18n.M("gate.bad-meeting", fm.BadMeeting)}}
	case !fm.HasMeeting():
		return []Gate{{GateNoMeeting, i18n.M("gate.no-meeting")}}
	case !f.Now.After(fm.Meeting):
		loc := f.Location
		if loc == nil {
			loc = time.Local
		}
		return []Gate{{GateMeetingFuture, i18n.M("gate.meeting-future", fm.Meeting.In(loc).Format("2006-01-02 15:04 MST"))}}
	}
	return nil
}

// WithoutTicket returns the action items that need a ticket and have none yet.
func WithoutTicket(items []Item) []Item {
	var out []Item
	for _, it := range items {
		if it.NeedsTicket && !it.HasTicket {
			out = append(out, it)
		}
	}
	return out
}

// Next returns the status that normally follows status in the process ("" after Closed), so that a
// command that has just moved a postmortem can say what the next step will need.
func Next(status postmortem.Status) postmortem.Status {
	switch status {
	case Draft:
		return InReview
	case InReview:
		return Reviewed
	case Reviewed:
		return Closed
	}
	return ""
}

// HistoryMismatch reports a status that disagrees with the last status_history entry — a status
// changed by hand, without the move that records itself — and the status the history ends with
// ("" when there is no history).
func HistoryMismatch(f *postmortem.Fields) (last string, mismatch bool) {
	if len(f.StatusHistory) == 0 || f.Status == "" {
		return "", false
	}
	last = f.StatusHistory[len(f.StatusHistory)-1].Status
	if st, err := postmortem.ParseStatus(last); err == nil {
		return last, st != f.Status // "in review" written by hand is In Review
	}
	return last, last != string(f.Status)
}

// CheckRecorded judges a move as status_history records it: from one entry's status to the next
// entry's, forced as the later entry is marked. It returns nil for every move pm status may have
// recorded: a move of the process; a force-only one (reopening) only when marked forced, since pm
// status marks every reopening; and any move marked forced, since pm status --force records a move
// from a status edited by hand (In Review written over Draft, then moved on to Reviewed: the history
// reads Draft → Reviewed, forced), and the mark says so openly (pm audit lists every forced move).
// Else Check's *MoveError. In Review → Closed passes whatever external_message says now: what it
// said at the time of the move is not known (the status-gates rule judges a Closed that was never
// Reviewed). A repeated status is no move, and is refused.
func CheckRecorded(from, to postmortem.Status, forced bool) error {
	if forced && from != to {
		return nil
	}
	return Check(from, to, false, forced)
}

// HistoryDate is what the time of a status_history entry says about it.
type HistoryDate int

// History dates.
const (
	DatePlausible      HistoryDate = iota // it may be when the move was made (or it could not be judged)
	DateBeforeIncident                    // dated before the incident: no move precedes the incident
	DateAfterNow                          // dated after now: a move not made yet
)

// JudgeHistoryDate says whether at can be the time of a move of the postmortem with fields f, at
// now. A move is before the incident when it is so in both readings: its date as written (in the
// entry's own offset) is before the incident's date, and its instant is before the incident's day
// began in the incident date's zone (the team's, for a date alone). An entry written in another
// zone than the team's is then never told off for the date it shows there: 2026-11-20T01:00+09:00
// for an incident of 2026-11-20 in a UTC team, 2026-11-19T20:00Z for one in a Tokyo team. A move
// after now is judged by the instant. Without an incident date, or with a zero now, that side is
// not judged. Instants and dates are compared, never subtracted: no time.Duration to overflow past
// 292 years.
func JudgeHistoryDate(at time.Time, f *postmortem.Fields, now time.Time) HistoryDate {
	if f.HasIncidentDate() {
		y, m, d := f.IncidentDate.Date()
		if dateOf(at) < dateOf(f.IncidentDate) && at.Before(time.Date(y, m, d, 0, 0, 0, 0, f.IncidentDate.Location())) {
			return DateBeforeIncident
		}
	}
	if !now.IsZero() && at.After(now) {
		return DateAfterNow
	}
	return DatePlausible
}

// TicketLevel is how much an action item without a ticket matters at a status: nothing before the
// meeting (tickets are created after it), a warning at Reviewed, an error at Closed.
func TicketLevel(status postmortem.Status) Severity {
	switch status {
	case Reviewed:
		return Warn
	case Closed:
		return Fail
	}
	return None
}

// Severity is how much a condition of the process matters at a status.
type Severity int

// Severities of TicketLevel.
const (
	None Severity = iota
	Warn
	Fail
)

// ReviewLead is how long before the meeting the document goes out for review (In Review).
const ReviewLead = 24 * time.Hour

// LeadTooShort reports whether a postmortem moved to In Review at now leaves its meeting less than
// ReviewLead to read it.
func LeadTooShort(f *postmortem.Fields, now time.Time) bool {
	// a meeting already over (a reopening after it, say) is no meeting the reviewers are late for
	return f.HasMeeting() && f.Meeting.After(now) && f.Meeting.Sub(now) < ReviewLead
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// dateOf is t's calendar date in its own location, as a number that orders dates.
func dateOf(t time.Time) int64 {
	y, m, d := t.Date()
	return int64(y)*10000 + int64(m)*100 + int64(d)
}
