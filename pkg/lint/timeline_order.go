package lint

import "strings"

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
				// two times within a minute are told apart by their seconds: shown when either has them
				seconds := hasSeconds(e) || hasSeconds(prev)
				c.ReportBody(e.Time.Start, e.Time.End, LevelCompleteness, "timeline.backwards",
					resolved(e, seconds), resolved(prev, seconds))
			}
			prev = e
		}
	},
}

// resolved is a row's time as written, and, when the text does not hold its day (a time of day,
// dated by a Date column, the row above or midnight crossed), the instant it was read as: what
// decided the order is then in the message ("23:00 (2026-09-03 23:00 +09:00)"), to the second
// (and its fraction) when seconds is true ("09:10:04 (2026-11-20 09:10:04 +00:00)").
func resolved(e *timelineEntry, seconds bool) string {
	text := strings.TrimSpace(e.Time.Text)
	if strings.Contains(text, e.At.Format("2006-01-02")) {
		return text
	}
	layout := "2006-01-02 15:04 -07:00"
	if seconds {
		layout = "2006-01-02 15:04:05.999999999 -07:00"
	}
	return text + " (" + e.At.Format(layout) + ")"
}

// hasSeconds reports whether the row's time is not on a whole minute.
func hasSeconds(e *timelineEntry) bool {
	return e.At.Second() != 0 || e.At.Nanosecond() != 0
}
