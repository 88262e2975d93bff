package lint

import "github.com/pm-tools/pm/pkg/postmortem"

var timelineTimeRule = Rule{
	ID: "timeline-time",
	Help: "Write times as 2026-11-20 09:14 UTC, 09:14 JST, 2026-11-20T00:14:00Z or with an offset such as +09:00. " +
		"A time without a zone is ambiguous across teams; a zone in the column header (Time (UTC)) also counts. " +
		"The timeline rules read the template's table only: a timeline written as a list is reported (an error from In Review on) until it is made one.",
	Default: DefaultError,
	Check: func(c *Context) {
		if len(c.Content.TimelineTables()) == 0 {
			if it := c.Content.ListWithoutTable("timeline"); it != nil {
				// entries written as a list: no time of them is read, so no zone, order or data link
				// is checked. A warning while the postmortem is a Draft (the hook lets the owner commit
				// work in progress), an error from In Review on, as a time pm cannot read blocks it.
				level := LevelWarning
				if c.Status().AtLeast(postmortem.StatusInReview) {
					level = LevelError
				}
				c.ReportNode(it, level, "timeline.list")
			}
		}
		entries := c.timeline()
		for _, e := range entries {
			switch {
			case e.Date != nil:
				c.ReportBody(e.Date.Start, e.Date.End, LevelError, "timeline.date", e.Date.Text, e.Err)
			case e.Err.ID != "":
				c.ReportBody(e.Time.Start, e.Time.End, LevelError, "timeline.time", e.Time.Text, e.Err)
			}
		}
	},
}
