package lint

import (
	"github.com/pm-tools/pm/pkg/postmortem"
)

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
			if p.Msg.ID == "fm.status-spelling" && c.Fixing() {
				c.AddFix(c.spellingFix("status", p.Msg.Args[1].(string), c.T("fix.status-spelling", p.Msg.Args...)))
			}
			if p.Msg.ID == "fm.severity-spelling" && c.Fixing() {
				c.AddFix(c.spellingFix("severity", p.Msg.Args[1].(string), c.T("fix.severity-spelling", p.Msg.Args...)))
			}
			if p.Msg.ID == "fm.date-spelling" && c.Fixing() {
				c.AddFix(c.spellingFix("incident_date", p.Msg.Args[1].(string), c.T("fix.date-spelling", p.Msg.Args...)))
			}
		}
	},
}

// spellingFix writes the status, the severity or the incident date (key) as pm writes it, value ("in
// review" as "In Review", "SEV１" as "SEV-1", "2026/12/04" as "2026-12-04"): the value alone, in its
// quotes if it has them. No fix (no edits)
// when the front matter cannot be edited so.
func (c *Context) spellingFix(key, value, title string) Fix {
	out, err := postmortem.SetField(c.Doc.Path, c.Doc.Src, key, value)
	if err != nil {
		return Fix{}
	}
	src := c.Doc.Src
	pre := 0
	for pre < len(src) && pre < len(out) && src[pre] == out[pre] {
		pre++
	}
	suf := 0
	for suf < len(src)-pre && suf < len(out)-pre && src[len(src)-1-suf] == out[len(out)-1-suf] {
		suf++
	}
	return Fix{
		Title: title,
		Safe:  true, // one status, severity or date is meant, and pm writes it one way
		Edits: []Edit{{Start: pre, End: len(src) - suf, Text: string(out[pre : len(out)-suf])}},
	}
}
