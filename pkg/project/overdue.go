package project

import (
	"strconv"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Summary is what pm list shows of a postmortem, computed from its front matter alone.
type Summary struct {
	Entry
	Deadline    time.Time // zero when the severity has no SLA or the date is missing
	LastMove    time.Time // time of the last status_history entry whose time is plausible, else the incident date
	Overdue     bool
	OverdueWhy  string
	Unscheduled bool // no meeting set
}

// Summarize computes deadline and overdue state at now. A postmortem is overdue when it is not Closed
// and either its meeting is unscheduled past the deadline, or its status has not moved for longer
// than stale_days.
func (p *Project) Summarize(e Entry, now time.Time) Summary {
	s := Summary{Entry: e}
	if e.Doc == nil {
		return s
	}
	f := &e.Doc.Fields
	s.Unscheduled = !f.HasMeeting()
	if f.HasIncidentDate() && f.Severity != "" {
		if d, ok := p.Schedule().Deadline(f.Severity, f.IncidentDate); ok {
			s.Deadline = d
		}
	}
	s.LastMove = f.IncidentDate
	for _, h := range f.StatusHistory {
		// an entry whose time cannot be its move's (after now: a year typed wrong) is left out, as
		// pm stats leaves it out: it would keep a stale postmortem off --overdue until that date
		if t, err := postmortem.ParseTime(h.At); err == nil && t.After(s.LastMove) &&
			workflow.JudgeHistoryDate(t, f, now) == workflow.DatePlausible {
			s.LastMove = t
		}
	}
	if f.Status == postmortem.StatusClosed || f.Status == "" {
		return s
	}
	switch {
	case s.Unscheduled && !s.Deadline.IsZero() && now.After(s.Deadline) && f.BadMeeting != "":
		s.Overdue, s.OverdueWhy = true, "meeting "+strconv.Quote(f.BadMeeting)+" is not a time pm reads, deadline "+s.Deadline.Format("2006-01-02")+" passed"
	case s.Unscheduled && !s.Deadline.IsZero() && now.After(s.Deadline):
		s.Overdue, s.OverdueWhy = true, "meeting not scheduled, deadline "+s.Deadline.Format("2006-01-02")+" passed"
	case !s.LastMove.IsZero() && p.Config.StaleDays > 0 && now.After(s.LastMove.In(p.Location()).AddDate(0, 0, p.Config.StaleDays)):
		// stale_days are days of the team's calendar, the same clock time that many days on: across a
		// DST change one of them is 23 or 25 hours, and counted in hours the postmortem was stale an
		// hour early or late
		// the day of the move in the team's zone, as the deadline and the meeting column are shown,
		// not in the zone the entry happens to be written in
		s.Overdue, s.OverdueWhy = true, string(f.Status)+" since "+s.LastMove.In(p.Location()).Format("2006-01-02")
	}
	return s
}
