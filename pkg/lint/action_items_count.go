package lint

var actionItemsCountRule = Rule{
	ID:          "action-items-count",
	Description: "no more than 10 action items (configurable)",
	Help: "A long list of follow-ups is a list nobody finishes. File only what must be done to stop a recurrence " +
		"or improve the response; the limit is lint.max_action_items in .pm.yaml.",
	Default: "warning",
	Check: func(c *Context) {
		t, items := c.actionItems()
		if max := c.linter.opts.MaxActionItems; len(items) > max {
			c.ReportNode(t.Node, LevelWarning, "%d action items, more than %d: file only what must be done", len(items), max)
		}
	},
}
