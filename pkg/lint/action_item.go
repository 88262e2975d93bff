package lint

import (
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

// ticketLevel is the level of a missing ticket at a status, from the workflow; -1 when none is asked.
func ticketLevel(s postmortem.Status) Level {
	switch workflow.TicketLevel(s) {
	case workflow.Warn:
		return LevelWarning
	case workflow.Fail:
		return LevelError
	}
	return -1
}

var actionItemRule = Rule{
	ID: "action-item",
	Help: "Only P0 and P1 follow-ups get tickets: lower priorities belong in the backlog, not the postmortem. " +
		"Due is YYYY-MM-DD (2026/12/04 and 2026年12月4日 too), with the date's weekday in brackets after it if you like, (金) or (Fri); Type is prevent (stops a recurrence) or process (improves incident response). " +
		"Every item needs a ticket reference, a URL or a key such as OPS-123: tickets are filed after the meeting, " +
		"so a missing one is a warning at Reviewed and an error at Closed (the gate of pm status closed). " +
		"A P0 or P1 item due later than the severity allows (action_item_deadline: 15 days after a SEV-1, 30 after a SEV-2) is a warning. " +
		"A Status column, when there is one, holds open, done or won't do (未完了, 完了, 対応しない); empty is open. " +
		"Items are read from the template's table only: a list of them is reported (Draft warning, later error) until it is made one.",
	Default: DefaultMixed,
	Check: func(c *Context) {
		ticket := ticketLevel(c.Status())
		if len(c.Content.ActionTables()) == 0 {
			if it := c.Content.ListWithoutTable("action-items"); it != nil {
				// items written as a list: pm reads none of them, so no priority, due date or ticket
				// is checked, and no gate would stop on them; at the level of an item's missing due date
				c.ReportNode(it, LevelCompleteness, "action.list")
			}
		}
		for k, t := range c.Content.ActionTables() {
			checkActionTable(c, k, t, ticket)
		}
	},
}

// checkActionTable checks the k-th action item table of the section.
func checkActionTable(c *Context, k int, t *postmortem.ActionTable, ticket Level) {
	if !t.HasAction && len(t.Rows) > 0 {
		// pm reads what is to be done from the Action column: under another name it reads nothing
		c.ReportNode(t.Table.Node.FirstChild(), LevelWarning, "action.no-action-column")
	}
	if !t.HasType && len(t.Rows) > 0 {
		// Without the column nobody says whether an item prevents a recurrence or improves the
		// response, which the process asks of every follow-up.
		c.ReportNode(t.Table.Node.FirstChild(), LevelWarning, "action.no-type-column") // the header row
		if c.Fixing() {
			c.AddFix(c.typeColumnFix(k, t))
		}
	}
	f := &c.Doc.Fields
	latest, hasLatest := c.linter.opts.Actions.Latest(f.Severity, f.IncidentDate)
	extra := t.Table.ExtraCells(c.Content.Src)
	for i, it := range t.Rows {
		if i < len(extra) && extra[i] > 0 && len(it.Cells) > 0 {
			// what is past the header is read by nobody: said, as the no-ticket error alone would
			// hide why a ticket in plain sight is missing
			c.ReportBody(it.Cells[0].Start, it.Cells[0].End, LevelWarning, "action.extra-cells", actionLabel(it), extra[i])
		}
		p := strings.TrimSpace(postmortem.PriorityKey(it.Priority.Text))
		if p != "P0" && p != "P1" {
			shown := it.Priority.Text
			if shown == "" {
				shown = c.T("action.priority-none")
			}
			if postmortem.TicketAsked(it.Priority.Text) {
				// no priority pm reads (empty, "Low"): a ticket is still asked, so the message
				// does not say only P0/P1 items get one
				c.ReportBody(it.Priority.Start, it.Priority.End, LevelWarning, "action.priority-unknown", actionLabel(it), shown)
			} else {
				c.ReportBody(it.Priority.Start, it.Priority.End, LevelWarning, "action.priority", actionLabel(it), shown)
			}
		}
		if d := strings.TrimSpace(it.Due.Text); d == "" {
			c.ReportBody(it.Due.Start, it.Due.End, LevelCompleteness, "action.no-due", actionLabel(it))
		} else if due, ok := workflow.ParseDue(d, time.UTC); !ok && isPlaceholder(d) {
			// "TBD", "未定": a date not set yet, as an empty cell says (the placeholder rule
			// reports the word too), not one written wrong
			c.ReportBody(it.Due.Start, it.Due.End, LevelCompleteness, "action.placeholder-due", actionLabel(it), d)
		} else if !ok {
			c.ReportBody(it.Due.Start, it.Due.End, LevelError, "action.bad-due", actionLabel(it), d)
		} else if due.WeekdayMistyped() {
			// the weekday beside the date is not the date's: one of the two is a typo, as the
			// timeline rule says of its dates
			c.ReportBody(it.Due.Start, it.Due.End, LevelError, "action.due-weekday", actionLabel(it), due.Day.Format("2006-01-02"), due.DayName(), due.Weekday)
		} else if hasLatest && (p == "P0" || p == "P1") && due.Day.After(time.Date(latest.Year(), latest.Month(), latest.Day(), 0, 0, 0, 0, time.UTC)) {
			// The process wants the actions that prevent a recurrence done within the severity's days.
			days, _ := c.linter.opts.Actions.Days(f.Severity)
			c.ReportBody(it.Due.Start, it.Due.End, LevelWarning, "action.due-late", actionLabel(it), d, f.Severity, days, latest.Format("2006-01-02"))
		}
		if t.HasStatus {
			if _, ok := postmortem.ParseActionState(it.Status.Text); !ok {
				c.ReportBody(it.Status.Start, it.Status.End, LevelWarning, "action.status", actionLabel(it), it.Status.Text)
			}
		}
		if ty := strings.ToLower(strings.TrimSpace(it.Type.Text)); it.Type.Node != nil && ty == "" {
			c.ReportBody(it.Type.Start, it.Type.End, LevelWarning, "action.no-type", actionLabel(it))
		} else if it.Type.Node != nil && ty != "prevent" && ty != "process" {
			c.ReportBody(it.Type.Start, it.Type.End, LevelWarning, "action.type", actionLabel(it), it.Type.Text)
		}
		if ticket >= 0 && !it.HasTicket() && postmortem.TicketAsked(it.Priority.Text) {
			c.ReportBody(it.Ticket.Start, it.Ticket.End, ticket, "action.no-ticket", actionLabel(it))
		}
	}
}
