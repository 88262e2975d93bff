package review

import (
	"errors"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/workflow"
)

// compare fills in what changed between the base and the work tree; lang is the language of the
// meeting line.
func (r *review) compare(p *project.Project, now time.Time, lang i18n.Lang) {
	if r.deleted {
		return
	}
	r.move = statusMove(r.old, r.cur)
	for _, f := range r.findings {
		// the status reached, judged by the rules that hold the process's gates
		if f.Severity == lint.Error && (f.Rule == "status-gates" || f.Rule == "status-history") {
			r.move.gatesFail = true
		}
	}
	var before []postmortem.ActionItem
	if r.old != nil {
		before = r.old.Content().ActionItems()
	}
	if r.cur.Root == nil || (r.old != nil && r.old.Root == nil) {
		// a front matter that does not parse leaves pm no body to read: the items are not compared
		// (they would all read as added or removed), as lint holds back its other rules
		r.unread, r.unreadBase = true, r.cur.Root != nil
	} else {
		r.actions, r.sameActions = diffActions(before, r.cur.Content().ActionItems())
	}
	r.meeting = meetingLine(p, r.old, r.cur, now, lang)
}

// move is a postmortem's status change since the base.
type move struct {
	isNew    bool                // the postmortem did not exist at the base
	from, to postmortem.Status   // "" when there is none: a new postmortem, or no valid status
	steps    []postmortem.Status // from, the statuses status_history gained since, then to
	problem  error               // why the process does not allow a step; nil when it allows them all
	forced   bool                // a step recorded since went past a failed gate (pm status --force)
	// unrecorded: the status changed but status_history gained no entry for it, as when the line is
	// edited by hand instead of with pm status.
	unrecorded bool
	// gatesFail: the steps are ones the process allows, but the status reached does not meet its
	// gates (a status-gates or status-history error): pm status would refuse the move
	gatesFail bool
}

// statusMove follows the status from the base to the work tree. A branch may take several steps
// (Draft → In Review → Reviewed): the entries status_history gained since the base give them, and
// each step is checked on its own, as pm status checked it.
func statusMove(old, cur *postmortem.Doc) move {
	m := move{isNew: old == nil, to: cur.Fields.Status}
	var before []postmortem.HistoryEntry
	if old != nil {
		m.from = old.Fields.Status
		before = old.Fields.StatusHistory
	}
	var added []postmortem.HistoryEntry
	if h := cur.Fields.StatusHistory; len(h) > len(before) {
		added = h[len(before):]
	}
	push := func(s postmortem.Status) {
		if s != "" && (len(m.steps) == 0 || m.steps[len(m.steps)-1] != s) {
			m.steps = append(m.steps, s)
		}
	}
	push(m.from)
	last := postmortem.Status("")
	for _, h := range added {
		s, err := postmortem.ParseStatus(h.Status)
		if err != nil {
			continue // the front-matter rule reports it
		}
		push(s)
		last = s
		m.forced = m.forced || h.Forced
	}
	m.unrecorded = old != nil && m.to != "" && m.to != m.from && last != m.to
	push(m.to)
	for i := 1; i < len(m.steps); i++ {
		if err := workflow.Check(m.steps[i-1], m.steps[i], cur.Fields.ExternalMessage, m.forced); err != nil {
			m.problem = err
			break
		}
	}
	return m
}

// String is the move as a reviewer reads it, in English.
func (m move) String() string { return m.In(i18n.EN) }

// In is the move as a reviewer reads it, in language l.
func (m move) In(l i18n.Lang) string {
	if m.to == "" {
		return l.T("review.move-unknown")
	}
	var names []string
	for _, s := range m.steps {
		names = append(names, string(s))
	}
	s := strings.Join(names, " → ")
	problem := ""
	if m.problem != nil {
		problem = m.problem.Error()
		var me *workflow.MoveError
		if errors.As(m.problem, &me) {
			problem = me.Msg.In(l)
		}
	}
	switch {
	case m.from == m.to && len(m.steps) == 1:
		s += l.T("review.move-unchanged")
	case problem != "" && len(m.steps) == 2:
		s = problem // it names the step
	case problem != "":
		s += ": " + problem
	case len(m.steps) > 1 && m.gatesFail:
		s += l.T("review.move-allowed-gates")
	case len(m.steps) > 1:
		s += l.T("review.move-allowed")
	}
	switch {
	case m.isNew:
		s += l.T("review.move-new")
	case m.from == "":
		s += l.T("review.move-no-base")
	}
	if m.forced {
		if m.from == postmortem.StatusClosed && m.to != postmortem.StatusClosed {
			s += l.T("review.move-reopened") // the process marks every reopening forced, gate or none
		} else {
			s += l.T("review.move-forced")
		}
	}
	if m.unrecorded {
		s += l.T("review.move-unrecorded")
	}
	return s
}

// actionChange is an action item added, changed or removed since the base.
type actionChange struct {
	kind string                // "added", "changed" or "removed"
	item postmortem.ActionItem // the item now; for a removed one, as it was
	old  postmortem.ActionItem // for a changed one, the item at the base
}

// fieldChange is one column of an action item that changed.
type fieldChange struct {
	name, from, to string
}

// fields lists the columns of a changed item that differ, in table order (none for an added or
// removed item).
func (c actionChange) fields() []fieldChange {
	if c.kind != "changed" {
		return nil
	}
	var out []fieldChange
	add := func(name, from, to string) {
		// white space aside: 鈴木　一郎 (an ideographic space) and 鈴木 一郎 read the same, and a
		// change nobody can see would be shown as ~~鈴木 一郎~~ 鈴木 一郎
		if strings.Join(strings.Fields(from), " ") != strings.Join(strings.Fields(to), " ") {
			out = append(out, fieldChange{name, from, to})
		}
	}
	add("priority", c.old.Priority, c.item.Priority)
	add("type", c.old.Type, c.item.Type)
	add("owner", c.old.Owner, c.item.Owner)
	add("due", c.old.Due, c.item.Due)
	add("ticket", c.old.Ticket, c.item.Ticket)
	add("status", c.old.Status, c.item.Status)
	return out
}

// diffActions matches action items by their Action text (whitespace aside; among items of one text,
// the one that shares most of the other cells, its ticket first, then its owner: two "Update
// runbook" items, one of them removed, are not read as one handed to the other's owner) and returns
// the added and changed items in the order of the new table, then the removed ones, with the number
// of items that did not change.
func diffActions(old, cur []postmortem.ActionItem) (changes []actionChange, same int) {
	used := make([]bool, len(old))
	for _, it := range cur {
		j, best := -1, -1
		for i, o := range old {
			if used[i] || actionKey(o) != actionKey(it) {
				continue
			}
			if sc := sameCells(o, it); sc > best {
				j, best = i, sc
			}
		}
		if j < 0 {
			changes = append(changes, actionChange{kind: "added", item: it})
			continue
		}
		used[j] = true
		c := actionChange{kind: "changed", item: it, old: old[j]}
		if len(c.fields()) == 0 {
			same++
			continue
		}
		changes = append(changes, c)
	}
	for i, o := range old {
		if !used[i] {
			changes = append(changes, actionChange{kind: "removed", item: o})
		}
	}
	return changes, same
}

func actionKey(it postmortem.ActionItem) string { return strings.Join(strings.Fields(it.Action), " ") }

// sameCells scores how much of two items of one action text agrees: the ticket most, the owner next,
// then each other cell.
func sameCells(a, b postmortem.ActionItem) int {
	n := 0
	if a.Ticket != "" && a.Ticket == b.Ticket {
		n += 8
	}
	if a.Owner != "" && a.Owner == b.Owner {
		n += 4
	}
	for _, p := range [][2]string{{a.Priority, b.Priority}, {a.Type, b.Type}, {a.Due, b.Due}, {a.Status, b.Status}} {
		if p[0] == p[1] {
			n++
		}
	}
	return n
}

// meetingLine says where the meeting stands against its deadline, and how this change moved it, in
// language l.
func meetingLine(p *project.Project, old, cur *postmortem.Doc, now time.Time, l i18n.Lang) string {
	fm := &cur.Fields
	loc := p.Location()
	at := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04 MST") }
	day := func(t time.Time) string { return l.Day(t.In(loc)) }
	deadline, hasDeadline := time.Time{}, false
	if fm.HasIncidentDate() && fm.Severity != "" {
		deadline, hasDeadline = p.Schedule().Deadline(fm.Severity, fm.IncidentDate)
	}
	var s string
	switch {
	case fm.HasMeeting() && hasDeadline && fm.Meeting.After(deadline):
		s = l.T("review.meeting-late", at(fm.Meeting),
			l.N("n.business-day", p.Schedule().BusinessDaysLate(fm.Severity, fm.IncidentDate, fm.Meeting)), fm.Severity, day(deadline))
	case fm.HasMeeting() && hasDeadline:
		s = l.T("review.meeting-within", at(fm.Meeting), fm.Severity, day(deadline))
	case fm.HasMeeting():
		s = at(fm.Meeting) + noDeadline(fm, l)
	case hasDeadline:
		s = l.T("review.meeting-due", day(deadline))
		if fm.BadMeeting != "" {
			s = l.T("review.meeting-bad", fm.BadMeeting, day(deadline))
		}
		if now.After(deadline) {
			s += l.T("review.meeting-overdue", l.N("n.business-day", p.Schedule().BusinessDaysLate(fm.Severity, fm.IncidentDate, now)))
		}
	case fm.BadMeeting != "":
		s = l.T("review.meeting-bad-no-deadline", fm.BadMeeting) + noDeadline(fm, l)
	default:
		s = l.T("review.meeting-none") + noDeadline(fm, l)
	}
	if old == nil || old.Fields.Meeting.Equal(fm.Meeting) {
		return s
	}
	switch was := old.Fields.Meeting; {
	case !was.IsZero() && fm.HasMeeting():
		s += l.T("review.meeting-moved", at(was))
	case !was.IsZero():
		s += l.T("review.meeting-was", at(was))
	default:
		s += l.T("review.meeting-scheduled")
	}
	return s
}

// noDeadline says why a postmortem has no meeting deadline.
func noDeadline(fm *postmortem.Fields, l i18n.Lang) string {
	switch {
	case fm.Severity == "":
		return l.T("review.no-deadline-sev")
	case !fm.HasIncidentDate():
		return l.T("review.no-deadline-date")
	}
	return l.T("review.no-deadline", fm.Severity)
}
