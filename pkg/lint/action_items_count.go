package lint

var actionItemsCountRule = Rule{
	ID: "action-items-count",
	Help: "A long list of follow-ups is a list nobody finishes. File only what must be done to stop a recurrence " +
		"or improve the response; the limit is lint.max_action_items in .pm.yaml.",
	Default: DefaultWarning,
	Check: func(c *Context) {
		t := c.Content.Actions()
		if t == nil {
			return
		}
		// the items of every table in the section: splitting the list does not shorten it
		if n, max := c.Content.ActionRowCount(), c.linter.opts.MaxActionItems; n > max {
			c.ReportNode(t.Table.Node, LevelWarning, "action.count", n, max)
		}
	},
}
