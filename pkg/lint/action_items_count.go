package lint

import "github.com/pm-tools/pm/pkg/i18n"

var actionItemsCountRule = Rule{
	ID:          "action-items-count",
	Description: i18n.EN.T("rule.action-items-count"),
	Help: "A long list of follow-ups is a list nobody finishes. File only what must be done to stop a recurrence " +
		"or improve the response; the limit is lint.max_action_items in .pm.yaml.",
	Default: "warning",
	Check: func(c *Context) {
		t, items := c.actionItems()
		if max := c.linter.opts.MaxActionItems; len(items) > max {
			c.ReportNode(t.Node, LevelWarning, "action.count", len(items), max)
		}
	},
}
