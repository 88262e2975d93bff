package lint

var timelineOrderRule = Rule{
	ID: "timeline-order",
	Help: "List timeline entries oldest first. A time earlier than the row above is usually a typo in the date, " +
		"the hour or the zone.",
	Default: DefaultCompleteness,
	Check: func(c *Context) {
		entries := c.timeline()
		var prev *timelineEntry
		for i := range entries {
			e := &entries[i]
			if e.Err.ID != "" {
				continue
			}
			if prev != nil && e.At.Before(prev.At) {
				c.ReportBody(e.Time.Start, e.Time.End, LevelCompleteness, "timeline.backwards",
					e.Time.Text, prev.Time.Text)
			}
			prev = e
		}
	},
}
