package lint

import (
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

var meetingSLARule = Rule{
	ID: "meeting-sla",
	Help: "The owner schedules the postmortem meeting within 3 business days of a SEV-1 and 5 of a SEV-2 " +
		"(weekends and configured holidays skipped; meeting_sla in .pm.yaml). Set meeting: to its RFC 3339 time " +
		"(pm meeting --at does it).",
	Default: DefaultMixed,
	Check: func(c *Context) {
		f := &c.Doc.Fields
		if !f.HasMeeting() {
			if c.Status().AtLeast(postmortem.StatusInReview) && !hasBadValue(c, "meeting") {
				c.ReportKey("meeting", LevelError, "meeting.none")
			}
			return
		}
		if !f.HasIncidentDate() || f.Severity == "" {
			return
		}
		deadline, ok := c.linter.opts.Schedule.Deadline(f.Severity, f.IncidentDate)
		if ok && f.Meeting.After(deadline) {
			// RFC 3339, as written in the front matter: a zone abbreviation ("MST") would depend on the
			// machine's local zone, since time.Parse names an offset after it only when they match
			c.ReportKey("meeting", LevelWarning, "meeting.late", f.Meeting.Format(time.RFC3339),
				f.Severity, deadline.Format("2006-01-02"))
		}
	},
}

// hasBadValue reports whether the front matter rule already flagged the key, so the finding is not doubled.
func hasBadValue(c *Context, key string) bool { return c.Doc.Unreadable(key) }
