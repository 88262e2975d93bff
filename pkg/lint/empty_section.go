package lint

import "slices"

var emptySectionRule = Rule{
	ID: "empty-section",
	Help: "A required section holding only the template's guidance comments, or a table with no rows, is empty. " +
		"Fill it in before the review; in Draft this is a warning, from In Review on an error.",
	Default: DefaultCompleteness,
	Check: func(c *Context) {
		for _, key := range c.required() {
			s := c.FindSection(key)
			if s == nil {
				continue
			}
			if s.Written() {
				continue
			}
			if comment, line := c.unclosedComment(); comment != nil && slices.Contains(s.AllBlocks(), comment) {
				// what the writer wrote under the heading is inside a comment never closed
				c.ReportNode(s.Heading, LevelCompleteness, "section.empty-in-comment", c.headingName(key), line)
			} else {
				c.ReportNode(s.Heading, LevelCompleteness, "section.empty", c.headingName(key))
			}
		}
	},
}
