package lint

var timelineSourceRule = Rule{
	ID: "timeline-source",
	Help: "Each timestamp should cite the graph, log search, alert or page it was read from, as a link in the " +
		"Data Link column, so that reviewers can check it and the next responder can find the same signal.",
	Default: DefaultCompleteness,
	Check: func(c *Context) {
		for _, e := range c.timeline() {
			if !e.Source.HasLink() {
				at := e.Source
				if at.Node == nil {
					at = e.Time
				}
				c.ReportBody(at.Start, at.End, LevelCompleteness, "timeline.no-source", e.Time.Text)
			}
		}
	},
}
