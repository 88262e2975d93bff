package workflow

import (
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/severity"
	"github.com/pm-tools/pm/pkg/sla"
)

// Schedule is when postmortem meetings are due: a number of business days after the incident per
// severity (meeting_sla in .pm.yaml: 3 for SEV-1 and 5 for SEV-2 by default), counted on the team's
// calendar of weekends and holidays. It is the one deadline API of pm: pm new, pm meeting, pm list,
// pm review and lint all ask it.
type Schedule struct {
	cal  *sla.Calendar
	days map[string]int // by canonical severity, "SEV-1"
}

// NewSchedule returns the schedule of a calendar and the business days allowed per severity.
func NewSchedule(cal *sla.Calendar, days map[string]int) *Schedule {
	return &Schedule{cal: cal, days: days}
}

// Days returns the business days allowed for a severity (any spelling severity.Parse reads), and
// whether it has a deadline at all.
func (s *Schedule) Days(sev string) (int, bool) {
	if s == nil {
		return 0, false
	}
	canonical, err := severity.Parse(sev)
	if err != nil {
		return 0, false
	}
	n, ok := s.days[canonical]
	return n, ok
}

// BusinessDay reports whether t falls on a business day of the schedule's calendar (true without
// a calendar).
func (s *Schedule) BusinessDay(t time.Time) bool { return s.cal == nil || s.cal.IsBusinessDay(t) }

// Deadline returns the last moment the meeting of an incident of severity sev that started at
// incident may begin; ok is false when the severity has no deadline.
func (s *Schedule) Deadline(sev string, incident time.Time) (time.Time, bool) {
	n, ok := s.Days(sev)
	if !ok || s.cal == nil {
		return time.Time{}, false
	}
	return s.cal.Deadline(incident, n), true
}

// BusinessDaysLate is how many business days past the deadline t is: the business days after the
// deadline's day up to t's day, that one included, in the calendar's zone, and at least 1 when t is
// past the deadline (a Saturday meeting after a Tuesday deadline is 3 late, as Friday's, not 4, as
// Monday's); 0 when t is within the deadline or there is none.
func (s *Schedule) BusinessDaysLate(sev string, incident, t time.Time) int {
	deadline, ok := s.Deadline(sev, incident)
	if !ok || !t.After(deadline) {
		return 0
	}
	loc := s.cal.Location()
	end := t.In(loc)
	endDay := time.Date(end.Year(), end.Month(), end.Day(), 12, 0, 0, 0, loc)
	dl := deadline.In(loc)
	day := time.Date(dl.Year(), dl.Month(), dl.Day(), 12, 0, 0, 0, loc) // noon: days are stepped whatever DST does
	const limit = 3660                                                  // ten years: a bound, not a real case
	n := 0
	for i := 0; i < limit; i++ {
		day = day.AddDate(0, 0, 1)
		if day.After(endDay) {
			break
		}
		if s.cal.IsBusinessDay(day) {
			n++
		}
	}
	return max(n, 1)
}

// MeetingIssue is a reason the process gives against holding a postmortem's meeting at a time.
type MeetingIssue struct {
	Kind     MeetingKind
	Deadline time.Time // MeetingLate: the deadline
	Days     int       // MeetingLate: the business days the severity allows
	Late     int       // MeetingLate: business days past it
}

// MeetingKind is what is wrong with a meeting time.
type MeetingKind int

// The kinds of MeetingIssue, in the order CheckMeeting reports them.
const (
	MeetingHeld MeetingKind = iota + 1 // the postmortem is Reviewed or Closed: its meeting took place
	MeetingPast                        // the time has passed (allowed with --force, to record a meeting held)
	MeetingLate                        // after the deadline of the postmortem's severity
)

// CheckMeeting returns what the process says against a meeting at `at` for a postmortem, at now.
func (s *Schedule) CheckMeeting(f *postmortem.Fields, at, now time.Time) []MeetingIssue {
	var out []MeetingIssue
	if f.Status == Reviewed || f.Status == Closed {
		out = append(out, MeetingIssue{Kind: MeetingHeld})
	}
	if at.Before(now) {
		out = append(out, MeetingIssue{Kind: MeetingPast})
	}
	if f.HasIncidentDate() {
		if deadline, ok := s.Deadline(f.Severity, f.IncidentDate); ok && at.After(deadline) {
			days, _ := s.Days(f.Severity)
			out = append(out, MeetingIssue{Kind: MeetingLate, Deadline: deadline, Days: days,
				Late: s.BusinessDaysLate(f.Severity, f.IncidentDate, at)})
		}
	}
	return out
}
