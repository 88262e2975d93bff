package workflow

import (
	"time"

	"github.com/pm-tools/pm/pkg/internal/daystart"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/severity"
)

// ActionDeadlines are when follow-ups are due: an item's own Due date, else a number of calendar days
// after the incident per severity (action_item_deadline in .pm.yaml: the process gives the actions
// that prevent a SEV-1 from recurring 15 days, a SEV-2's 30). Dates are the team's, in its zone.
type ActionDeadlines struct {
	days map[string]int // by canonical severity, "SEV-1"
	loc  *time.Location
}

// NewActionDeadlines returns the deadlines of the days allowed per severity, counted in loc.
func NewActionDeadlines(days map[string]int, loc *time.Location) *ActionDeadlines {
	if loc == nil {
		loc = time.UTC
	}
	return &ActionDeadlines{days: days, loc: loc}
}

// Days returns the calendar days a severity allows its follow-ups, and whether it sets a deadline.
func (d *ActionDeadlines) Days(sev string) (int, bool) {
	if d == nil {
		return 0, false
	}
	canonical, err := severity.Parse(sev)
	if err != nil {
		return 0, false
	}
	n, ok := d.days[canonical]
	return n, ok
}

// Latest is the last day the severity allows a follow-up of an incident: its date plus the days, at
// the start of that day in the team's zone; ok is false when the severity has no deadline or there is no date.
func (d *ActionDeadlines) Latest(sev string, incident time.Time) (time.Time, bool) {
	n, ok := d.Days(sev)
	if !ok || incident.IsZero() {
		return time.Time{}, false
	}
	loc := d.location()
	y, m, day := incident.In(loc).Date()
	return daystart.Of(y, m, day+n, loc), true
}

// Due reads an item's Due cell as a date in the team's zone (DueDay); ok is false when it is none.
func (d *ActionDeadlines) Due(it postmortem.ActionItem) (time.Time, bool) {
	return DueDay(it.Due, d.location())
}

// DueDay reads a Due cell as ParseDue does, the day alone: every reader of Due (lint, the ledger's
// deadlines, stats, the site) reads it by this one function.
func DueDay(s string, loc *time.Location) (time.Time, bool) {
	d, ok := ParseDue(s, loc)
	return d.Day, ok
}

// DueDate is a Due cell read: the day, and the weekday written in brackets after it
// (postmortem.WrittenDay, the one reader of a day written in a document).
type DueDate = postmortem.WrittenDay

// ParseDue reads a Due cell as every written day is read (postmortem.ParseDay): YYYY-MM-DD, or a
// day as a Japanese team writes it, 2026/12/04 or 2026年12月4日 (in full width too), as a
// timeline's Date column takes them; any of them with a weekday in brackets after it. ok is false
// when the cell is no day.
func ParseDue(s string, loc *time.Location) (DueDate, bool) {
	return postmortem.ParseDay(s, loc)
}

// Of is the item's deadline: its Due date, else the severity's latest day; fromDue says which. ok is
// false when there is neither.
func (d *ActionDeadlines) Of(it postmortem.ActionItem, sev string, incident time.Time) (deadline time.Time, fromDue, ok bool) {
	if t, ok := d.Due(it); ok {
		return t, true, true
	}
	t, ok := d.Latest(sev, incident)
	return t, false, ok
}

// DaysOverdue is how many whole days past its deadline an item still to be done is at now (the day
// after the deadline is 1); 0 when it is not overdue: done, decided against, filed in a tracker
// that keeps its progress, within its deadline, or without one.
func (d *ActionDeadlines) DaysOverdue(it postmortem.ActionItem, sev string, incident, now time.Time) int {
	if it.State() != postmortem.ActionOpen {
		return 0
	}
	deadline, _, ok := d.Of(it, sev, incident)
	if !ok {
		return 0
	}
	today := daystart.Day(now, d.location())
	if !today.After(deadline) {
		return 0
	}
	return int(today.Sub(deadline).Hours()/24 + 0.5) // a day across a DST change is 23 or 25 hours
}

func (d *ActionDeadlines) location() *time.Location {
	if d == nil || d.loc == nil {
		return time.UTC
	}
	return d.loc
}
