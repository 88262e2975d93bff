package lint

var frontMatterRule = Rule{
	ID: "front-matter",
	Help: "A postmortem starts with a YAML block between --- lines holding title, severity (SEV-1 … SEV-5), " +
		"status (Draft, In Review, Reviewed, Closed), owner and incident_date (YYYY-MM-DD or RFC 3339). " +
		"meeting is an RFC 3339 time; external_message and full_outage are true or false; services, tags, " +
		"contributing_factors and related are lists of strings (or one string), recurrence_of one id. " +
		"Each status_history entry holds status (one of the four), at (an RFC 3339 time), by, and forced (true " +
		"or false), each key once. " +
		"pm new writes a complete block; fix the key the finding points at.",
	Default: DefaultError,
	Always:  true,
	Check: func(c *Context) {
		for _, p := range c.Doc.Problems {
			c.ReportLine(p.Line, LevelError, p.Msg.ID, p.Msg.Args...)
		}
	},
}
