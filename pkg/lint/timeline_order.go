package lint

var timelineOrderRule = Rule{
	ID:          "timeline-order",
	Description: "timeline times never go backwards",
	Help: "List timeline entries oldest first. A time earlier than the row above is usually a typo in the date, " +
		"the hour or the zone.",
	Default: "draft: warning, later: error",
	Check: func(c *Context) {
		_, entries := c.timeline()
		var prev *timelineEntry
		for i := range entries {
			e := &entries[i]
			if e.Err != "" {
				continue
			}
			if prev != nil && e.At.Before(prev.At) {
				c.ReportBody(e.Time.Start, e.Time.End, LevelCompleteness, "timeline goes backwards: %s is before %s in the row above",
					e.Time.Text, prev.Time.Text)
			}
			prev = e
		}
	},
}
